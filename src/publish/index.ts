/**
 * `keruen publish`: the public records of this node, as a static site (with its search and
 * feeds) and, when asked, pushed to Nostr relays and Blossom servers. Publishing is an explicit
 * act: the caller chooses the records (see public.ts), the folder and the networks.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KeruenError } from '../core/errors.ts';
import type { VerifiedEvent } from '../core/event.ts';
import type { BlobStore } from '../node/blobs.ts';
import type { Locale } from '../web/app/i18n/index.ts';
import { writeFeeds } from './feeds.ts';
import { publishToNetworks, type NetworkPublishReport } from './networks.ts';
import { writeSite, type SiteReport } from './site/write.ts';

/** Marks a folder as a Keruen site, so `--force` may replace it (and nothing else). */
export const SITE_MARKER = '.keruen-site.json';

export type PublishPhase = 'pages' | 'search' | 'records' | 'media';

export interface PublishOptions {
  outDir: string;
  langs: readonly Locale[];
  baseUrl?: string;
  title?: string;
  /** Replace a previous Keruen site in outDir. */
  force?: boolean;
  relays?: string[];
  blossom?: string[];
  blobs?: BlobStore;
  secretKey?: Uint8Array;
  proxy?: string;
  onProgress?: (p: { done: number; total: number; phase: PublishPhase }) => void;
}

export interface PublishReport {
  site: SiteReport;
  feeds: string[];
  /** When relays or Blossom servers were given. */
  networks?: NetworkPublishReport;
}

/** Refuses a non-empty folder unless it holds a previous Keruen site and `force` is set; then empties it. */
export async function prepareOutDir(outDir: string, force: boolean): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(outDir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return void (await mkdir(outDir, { recursive: true }));
    throw new KeruenError('io', `cannot read ${outDir}: ${(e as Error).message}`);
  }
  if (entries.length === 0) return;
  let isSite = false;
  try {
    isSite = (JSON.parse(await readFile(join(outDir, SITE_MARKER), 'utf8')) as { generator?: unknown }).generator === 'keruen';
  } catch {
    isSite = false;
  }
  if (!isSite) throw KeruenError.usage(`${outDir} is not empty and holds no Keruen site: choose an empty folder`);
  if (!force) throw KeruenError.usage(`${outDir} holds a previous Keruen site: add --force to replace it`);
  for (const name of entries) await rm(join(outDir, name), { recursive: true, force: true });
}

export async function publish(records: readonly VerifiedEvent[], opts: PublishOptions): Promise<PublishReport> {
  await prepareOutDir(opts.outDir, opts.force === true);
  // The marker first: an interrupted run leaves a folder that --force may clear.
  await writeFile(join(opts.outDir, SITE_MARKER), `${JSON.stringify({ generator: 'keruen', publishedAt: new Date().toISOString(), records: records.length, langs: opts.langs })}\n`);
  const site = await writeSite(records, opts.outDir, { langs: opts.langs, ...(opts.blobs ? { blobs: opts.blobs } : {}), ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
  const feeds = await writeFeeds(records, opts.outDir, { langs: opts.langs, ...(opts.baseUrl !== undefined ? { baseUrl: opts.baseUrl } : {}), ...(opts.title !== undefined ? { title: opts.title } : {}) });
  const report: PublishReport = { site, feeds: feeds.files };
  if ((opts.relays?.length ?? 0) > 0 || (opts.blossom?.length ?? 0) > 0) {
    report.networks = await publishToNetworks(records, {
      relays: opts.relays ?? [],
      blossom: opts.blossom ?? [],
      ...(opts.blobs ? { blobs: opts.blobs } : {}),
      ...(opts.secretKey ? { secretKey: opts.secretKey } : {}),
      ...(opts.proxy !== undefined ? { proxy: opts.proxy } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    });
  }
  return report;
}
