/**
 * End-to-end helpers: a real node (SQLite on disk, the sample archive, relay and web app on
 * loopback) and Debian's Chromium driven by playwright-core (never a downloaded browser).
 */
import { mkdtempSync, mkdirSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { ingestJsonl, jsonlLines } from '../../src/store/ingest.ts';
import { startNode, type RunningNode } from '../../src/node/node.ts';
import { SAMPLE_ARCHIVE } from '../../src/node/sample.ts';

export const CHROMIUM = process.env.KERUEN_CHROMIUM ?? '/usr/bin/chromium';
/** Where the e2e run writes its screenshots (named in the README). */
export const SCREENSHOTS = join(process.cwd(), 'test-output', 'screenshots');

export interface TestNode {
  node: RunningNode;
  store: SqliteStore;
  dataDir: string;
  close(): Promise<void>;
}

export async function startTestNode(opts: { sample?: boolean } = {}): Promise<TestNode> {
  const dataDir = mkdtempSync(join(tmpdir(), 'keruen-e2e-'));
  const store = SqliteStore.open(join(dataDir, 'keruen.db'));
  if (opts.sample !== false) await ingestJsonl(jsonlLines(createReadStream(SAMPLE_ARCHIVE)), store, { workers: 1 });
  const node = await startNode({ store, port: 0 });
  return {
    node,
    store,
    dataDir,
    close: async () => {
      await node.close();
      store.close();
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Without these Chromium reaches for Google's hosts, which this machine cannot reach.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

const require = createRequire(import.meta.url);

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: unknown[] }> } }).axe;
    return (await axe.run(document)).violations;
  });
  return (result as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
