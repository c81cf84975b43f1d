/**
 * The signed corpus (cached as JSONL: signing is slower than everything else the bench does)
 * and the differences between the two replicas.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { trustStored, type NostrEvent, type VerifiedEvent } from '../../src/core/event.ts';
import { rng } from '../corpus.ts';
import { isMediaIndex } from './corpus.ts';

/** Bump when corpus.ts changes what it generates, so old caches are not reused. */
const CORPUS_VERSION = 1;

export function log(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

function spawnTs(file: string, workerData: unknown): Worker {
  const entry = new URL(file, import.meta.url).href;
  const tsxApi = import.meta.resolve('tsx/esm/api');
  return new Worker(`import(${JSON.stringify(tsxApi)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); })`, { eval: true, workerData });
}

/** The first `n` records, signed on every core on first use and cached in `cacheDir`. */
export async function corpusLines(n: number, cacheDir: string): Promise<string[]> {
  const path = join(cacheDir, `sync-corpus-v${CORPUS_VERSION}-${n}.jsonl`);
  if (!existsSync(path)) {
    mkdirSync(cacheDir, { recursive: true });
    const t0 = performance.now();
    const threads = Math.min(availableParallelism(), Math.max(1, Math.ceil(n / 1000)));
    log(`signing ${n} sync-bench records on ${threads} threads (cached in ${path})...`);
    const per = Math.ceil(n / threads);
    const parts = await Promise.all(
      Array.from({ length: threads }, (_, w) => {
        const worker = spawnTs('./sign-worker.ts', { from: w * per, to: Math.min(n, (w + 1) * per) });
        return new Promise<string>((resolve, reject) => {
          worker.once('message', (m: string) => {
            resolve(m);
            void worker.terminate();
          });
          worker.once('error', reject);
        });
      }),
    );
    // Written aside then renamed: an interrupted run leaves no half cache behind.
    writeFileSync(`${path}.part`, `${parts.filter((p) => p.length > 0).join('\n')}\n`);
    renameSync(`${path}.part`, path);
    log(`  signed in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0);
}

/** Parses our own cached corpus: signed by this bench, so not verified again here. */
export function parseCorpus(lines: readonly string[]): VerifiedEvent[] {
  return lines.map((l) => trustStored(JSON.parse(l) as NostrEvent));
}

/**
 * The order in which records become differences: a seeded shuffle of all indices (so the
 * differences are scattered through time), with one in ten a media descriptor so the
 * slow-link run has media to keep behind the text. The first d of this order are the d
 * differences, so the sets for d = 10, 100, 1,000 are nested.
 */
export function differenceOrder(n: number, seed = 20_220_105): number[] {
  const r = rng(seed);
  const all = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  const media = all.filter(isMediaIndex);
  const text = all.filter((i) => !isMediaIndex(i));
  const order: number[] = [];
  while (media.length > 0 || text.length > 0) {
    // Positions 9 and 18 of every 20: one media descriptor in ten, missing on either side.
    const takeMedia = (order.length % 20 === 9 || order.length % 20 === 18) && media.length > 0;
    order.push(takeMedia ? media.shift()! : (text.shift() ?? media.shift()!));
  }
  return order;
}

export interface Split {
  /** Indices of the records replica A lacks (B has them), and the reverse. */
  missingOnA: number[];
  missingOnB: number[];
}

/** The first d differences, alternately missing on A and on B: half on each side. */
export function split(order: readonly number[], d: number): Split {
  const diff = order.slice(0, d);
  return { missingOnA: diff.filter((_, k) => k % 2 === 0), missingOnB: diff.filter((_, k) => k % 2 === 1) };
}
