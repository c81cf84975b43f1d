/**
 * What a reader downloads from a published site (`keruen publish`) of 10,000 public records,
 * measured in Debian's Chromium against a plain static server: the gzip bytes of the first view
 * of the timeline (budget 150 KB) and of each search (budget 100 KB).
 *
 * A search is measured as a reader meets it: a fresh browser (empty cache) opens the search page,
 * types the query and submits; every byte that arrives until the results are on screen counts
 * (the page, its CSS, the script, the index manifest, the word shards, the result metadata).
 * Then a second query in the same tab: what a later search costs.
 *
 * The archive: the sample archive's 148 records and 9,852 variants of them (each event moved to
 * another day of January 2022 and renumbered, each testimony renumbered; the rest re-signed by
 * 16 bench authors), so views, citations and links look like the real thing at scale.
 * Signed once and cached in bench/.cache/. Run alone: `node --import tsx bench/publish.ts`.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { chromium, type Page } from 'playwright-core';
import { signEvent, trustStored, type NostrEvent, type VerifiedEvent } from '../src/core/event.ts';
import { SAMPLE_ARCHIVE } from '../src/node/sample.ts';
import { publish } from '../src/publish/index.ts';
import { rng } from './corpus.ts';

export const PUBLISH_RECORDS = 10_000;
export const TIMELINE_BUDGET = 150 * 1024;
export const SEARCH_BUDGET = 100 * 1024;
// Cross-script, a name, one word, two words, a prefix typed halfway, a common word, a one-letter
// query, eight words (the most a query uses, each in its own shard): their first searches are
// reported, worst and median.
const QUERIES = ['Жанаозен', 'Tokayev', 'akimat', 'Almaty police', 'Алматы', 'Tokaïev', 'internet shut', 'strike', 'police', 'a', 'Almaty police akimat internet strike Tokayev Zhanaozen army'];
// Later searches: the same tab goes on to these after its first (the script and manifest are cached).
const LATER_QUERIES = ['Almaty', 'Tokayev', 'strike', 'internet shut'];
const cacheDir = join(import.meta.dirname, '.cache');

function log(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

function variant(e: NostrEvent, i: number, r: () => number): { kind: number; created_at: number; tags: string[][]; content: string } {
  let content = e.content;
  try {
    const c = JSON.parse(e.content) as Record<string, unknown>;
    if (e.kind === 4862 && typeof c.title === 'string') {
      c.title = `${c.title} #${i}`;
      const when = c.when as { from?: string; to?: string } | undefined;
      const day = String(1 + Math.floor(r() * 20)).padStart(2, '0');
      if (when?.from !== undefined && /^2022-01-\d\d/.test(when.from)) {
        when.from = `2022-01-${day}${when.from.slice(10)}`;
        delete when.to;
      }
    }
    if (e.kind === 4861 && typeof c.text === 'string') c.text = `${c.text} (#${i})`;
    content = JSON.stringify(c);
  } catch {
    // not JSON (profiles stay as they are)
  }
  return { kind: e.kind, created_at: e.created_at + i, tags: e.tags, content };
}

/** The generated archive, signed once and cached. */
export function publishCorpus(n = PUBLISH_RECORDS): VerifiedEvent[] {
  const path = join(cacheDir, `publish-corpus-v1-${n}.jsonl`);
  if (existsSync(path)) return readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0).map((l) => trustStored(JSON.parse(l) as NostrEvent));
  const sample = readFileSync(SAMPLE_ARCHIVE, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as NostrEvent);
  const templates = sample.filter((e) => e.kind !== 0);
  const keys = Array.from({ length: 16 }, (_, k) => sha256(utf8ToBytes(`keruen publish bench author ${k}`)));
  const r = rng(20_220_105);
  const out: VerifiedEvent[] = sample.map((e) => trustStored(e));
  log(`signing ${n - out.length} records for the publish bench (cached in ${path})...`);
  for (let i = 0; out.length < n; i++) out.push(signEvent(variant(templates[i % templates.length] as NostrEvent, i, r), keys[i % keys.length] as Uint8Array));
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(path, `${out.map((e) => JSON.stringify(e)).join('\n')}\n`);
  return out;
}

/** Bytes a static host serving gzip sends for this body (already-compressed files: as they are). */
function gzipBytes(body: Buffer): number {
  return Math.min(body.length, gzipSync(body).length);
}

/** The search script and the index manifest: what every first search loads before any shard. */
const RUNTIME = /\/(search\.js|search\/index\.js)$/;

/** Where a search's bytes go: the page and its CSS, search.js, the manifest, word shards, result metadata. */
export interface SearchParts {
  page: number;
  script: number;
  manifest: number;
  shards: number;
  results: number;
}

function partOf(path: string): keyof SearchParts {
  if (path.endsWith('/search.js')) return 'script';
  if (path.endsWith('/search/index.js')) return 'manifest';
  if (path.includes('/search/w/')) return 'shards';
  if (path.includes('/search/r/')) return 'results';
  return 'page';
}

/** Records every response body's gzip size while `action` runs. */
async function downloaded(page: Page, action: () => Promise<void>): Promise<{ bytes: number; runtime: number; files: string[]; parts: SearchParts }> {
  const pending: Promise<void>[] = [];
  let bytes = 0;
  let runtime = 0;
  const files: string[] = [];
  const parts: SearchParts = { page: 0, script: 0, manifest: 0, shards: 0, results: 0 };
  const onResponse = (res: import('playwright-core').Response) => {
    pending.push(
      res.body().then(
        (b) => {
          const path = new URL(res.url()).pathname;
          const n = gzipBytes(b);
          bytes += n;
          if (RUNTIME.test(path)) runtime += n;
          parts[partOf(path)] += n;
          files.push(path);
        },
        () => undefined,
      ),
    );
  };
  page.on('response', onResponse);
  await action();
  await Promise.all(pending);
  page.off('response', onResponse);
  return { bytes, runtime, files, parts };
}

async function search(page: Page, q: string): Promise<void> {
  await page.fill('#search-q', q);
  await page.click('#search-form button');
  // The status names the query once its results are on screen.
  await page.waitForFunction((query) => (document.getElementById('search-status')?.textContent ?? '').includes(query), q);
}

export interface PublishBench {
  records: number;
  publishMs: number;
  siteBytes: number;
  timeline: number;
  timelineFiles: string[];
  /** The search script and the index manifest (gzip), part of every first search. */
  searchRuntime: number;
  /** A fresh reader's first search, everything included, per query. */
  perSearch: { q: string; bytes: number; files: number; results: number; parts: SearchParts }[];
  /** The same tab's next searches. */
  later: { q: string; bytes: number; files: number; results: number }[];
}

function folderBytes(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? folderBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size;
  return n;
}

export async function publishBench(n = PUBLISH_RECORDS): Promise<PublishBench> {
  const records = publishCorpus(n);
  const out = join(mkdtempSync(join(tmpdir(), 'keruen-publish-bench-')), 'site');
  log(`publishing ${records.length} records (en)...`);
  const t0 = performance.now();
  await publish(records, { outDir: out, langs: ['en'] });
  const publishMs = performance.now() - t0;

  const server = createServer((req, res) => {
    const file = join(out, normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, ''));
    try {
      const body = readFileSync(file);
      const type = file.endsWith('.html') ? 'text/html; charset=utf-8' : file.endsWith('.js') ? 'text/javascript' : file.endsWith('.css') ? 'text/css' : 'application/octet-stream';
      res.writeHead(200, { 'content-type': type }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: process.env.KERUEN_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const page = await (await browser.newContext()).newPage();
    const timeline = await downloaded(page, async () => {
      await page.goto(`${base}/en/index.html`, { waitUntil: 'networkidle' });
    });
    await page.context().close();
    const perSearch: PublishBench['perSearch'] = [];
    let searchRuntime = 0;
    const later: PublishBench['later'] = [];
    for (const q of QUERIES) {
      // A fresh context per query: nothing cached from the timeline or an earlier search.
      const context = await browser.newContext();
      const tab = await context.newPage();
      const d = await downloaded(tab, async () => {
        await tab.goto(`${base}/en/search.html`, { waitUntil: 'load' });
        await search(tab, q);
      });
      searchRuntime = Math.max(searchRuntime, d.runtime);
      perSearch.push({ q, bytes: d.bytes, files: d.files.length, results: await tab.locator('#search-results li').count(), parts: d.parts });
      if (q === QUERIES[0]) {
        for (const lq of LATER_QUERIES) {
          const next = await downloaded(tab, () => search(tab, lq));
          later.push({ q: lq, bytes: next.bytes, files: next.files.length, results: await tab.locator('#search-results li').count() });
        }
      }
      await context.close();
    }
    return { records: records.length, publishMs, siteBytes: folderBytes(out), timeline: timeline.bytes, timelineFiles: timeline.files, searchRuntime, perSearch, later };
  } finally {
    await browser.close();
    server.close();
    rmSync(join(out, '..'), { recursive: true, force: true });
  }
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function publishRows(b: PublishBench, row: (label: string, value: string, baseline: string, verdict?: string) => string): string[] {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const bytes = b.perSearch.map((s) => s.bytes);
  const worst = Math.max(...bytes);
  const worstQ = b.perSearch.find((s) => s.bytes === worst)?.q ?? '';
  const laterWorst = b.later.reduce((a, x) => (x.bytes > a.bytes ? x : a), { q: '', bytes: 0, files: 0, results: 0 });
  const verdict = (n: number) => (n <= SEARCH_BUDGET ? 'met' : 'NOT met');
  return [
    row(`site, first view of the timeline (gzip)`, kb(b.timeline), `budget 150 KB; ${b.records} records, ${b.timelineFiles.length} files`, b.timeline <= TIMELINE_BUDGET ? 'met' : 'NOT met'),
    row(`site, first search, worst of ${b.perSearch.length} (gzip)`, kb(worst), `budget 100 KB; "${worstQ}", page + script + index + results`, verdict(worst)),
    row(`site, first search, median of ${b.perSearch.length} (gzip)`, kb(median(bytes)), `budget 100 KB; script + manifest ${kb(b.searchRuntime)} of it`, verdict(median(bytes))),
    row(`site, a later search, worst of ${b.later.length} (gzip)`, kb(laterWorst.bytes), `budget 100 KB; "${laterWorst.q}" in the same tab, ${laterWorst.files} files`, verdict(laterWorst.bytes)),
  ];
}

if (process.argv[1]?.endsWith('bench/publish.ts')) {
  const b = await publishBench(Number(process.env.BENCH_PUBLISH_RECORDS ?? PUBLISH_RECORDS));
  const row = (label: string, value: string, baseline: string, verdict = '') => `| ${label.padEnd(44)} | ${value.padStart(16)} | ${baseline.padEnd(40)} | ${verdict.padEnd(7)} |`;
  process.stdout.write(`${publishRows(b, row).join('\n')}\n`);
  process.stdout.write(`published in ${(b.publishMs / 1000).toFixed(1)} s, ${(b.siteBytes / 1e6).toFixed(1)} MB on disk\nfirst searches: ${JSON.stringify(b.perSearch)}\nlater searches: ${JSON.stringify(b.later)}\n`);
}
