/**
 * The sync bench's machinery, apart from its printing so a test can run it at a tiny size:
 * for each d, the limit and the naive exchange (computed), Keruen over NIP-77 and over the
 * Keruen-only scheme when syncWith has one (run, counted by our proxy), PouchDB (run, counted
 * by the same proxy); then one Keruen sync at one d over a shaped slow link.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VerifiedEvent } from '../../src/core/event.ts';
import { Kind } from '../../src/core/kinds.ts';
import { VerifierPool } from '../../src/store/verifier-pool.ts';
import { limitBytes, naiveExchange, type Naive } from './baselines.ts';
import { Replicas, syncKeruen, type KeruenRun, type ReconcileScheme } from './keruen.ts';
import { syncPouch, type PouchRun } from './pouch.ts';
import type { LinkShape } from './proxy.ts';
import { corpusLines, differenceOrder, log, parseCorpus, split } from './records.ts';

export interface BenchOptions {
  records: number;
  ds: number[];
  cacheDir: string;
  /** The d at which PouchDB runs (loading and syncing 100,000 documents takes minutes). */
  pouchDs: number[];
  /** The d of the slow-link run, and the link's shape; no slow-link run when undefined. */
  slow?: { d: number; shape: LinkShape };
}

export interface KeruenRow extends KeruenRun {
  scheme: ReconcileScheme;
}

export interface Round {
  d: number;
  missingOnA: number;
  missingOnB: number;
  limit: number;
  naive: Naive;
  keruen: KeruenRow[];
  pouch?: PouchRun;
}

export interface SlowLink {
  d: number;
  shape: LinkShape;
  run: KeruenRow;
  textRecords: number;
  mediaRecords: number;
  /** ms from the start of the sync until the last text record was stored on the side that lacked it. */
  lastTextMs: number;
  firstMediaMs: number | undefined;
  /** All text, in both directions, before the first media record in either. */
  textAheadOfMedia: boolean;
  /** The same, direction by direction (A to B, B to A). */
  textAheadPerDirection: boolean;
  arrived: number;
}

export interface BenchResult {
  records: number;
  kinds: Map<number, number>;
  meanRecordBytes: number;
  /** Whether syncWith has the Keruen-only scheme (its report says so). */
  keruenScheme: boolean;
  rounds: Round[];
  slow?: SlowLink;
}

export async function runSyncBench(opts: BenchOptions): Promise<BenchResult> {
  const lines = await corpusLines(opts.records, opts.cacheDir);
  const events = parseCorpus(lines);
  const kinds = new Map<number, number>();
  for (const e of events) kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
  const order = differenceOrder(events.length);
  const maxD = Math.max(...opts.ds, opts.slow?.d ?? 0);
  const dir = mkdtempSync(join(tmpdir(), 'keruen-sync-bench-'));
  // One verifier worker for every run, started once: a node's pool is already running when a window opens.
  const pool = await VerifierPool.start(1);
  try {
    log(`building the two replicas (${events.length} records, up to ${maxD} differences)...`);
    const replicas = new Replicas(events, order, maxD, dir);
    replicas.build();
    const rounds: Round[] = [];
    let keruenScheme: boolean | undefined;
    for (const d of opts.ds) {
      const { missingOnA, missingOnB } = split(order, d);
      const linesOf = (ix: number[]) => ix.map((i) => lines[i]!);
      const limit = limitBytes(linesOf([...missingOnA, ...missingOnB]));
      const naive = naiveExchange(events.length - missingOnA.length, events.length - missingOnB.length, linesOf(missingOnA), linesOf(missingOnB));
      const keruen: KeruenRow[] = [];
      for (const scheme of ['nip77', 'keruen'] as const) {
        if (scheme === 'keruen' && keruenScheme === false) continue;
        log(`d = ${d}: Keruen sync (${scheme})...`);
        const pair = replicas.open(d);
        try {
          const run = await syncKeruen(pair.a, pair.b, scheme, { pool });
          if (scheme === 'keruen') {
            keruenScheme = run.protocol !== 'nip77';
            if (!keruenScheme) {
              log('  syncWith has no Keruen-only scheme yet (it reconciled over NIP-77): that row is left out');
              continue;
            }
          }
          log(`  ${run.protocol}: ${run.wire.up + run.wire.down} bytes, ${run.report.reconcile.roundTrips} reconciliation round trips, ${(run.ms / 1000).toFixed(1)} s, converged: ${run.converged}`);
          keruen.push({ scheme, ...run });
        } finally {
          pair.close();
        }
      }
      let pouch: PouchRun | undefined;
      if (opts.pouchDs.includes(d)) {
        log(`d = ${d}: PouchDB sync (loading ${2 * events.length - d} documents into two memory databases)...`);
        const lackA = new Set(missingOnA);
        const lackB = new Set(missingOnB);
        pouch = await syncPouch(
          events.filter((_, i) => !lackA.has(i)),
          events.filter((_, i) => !lackB.has(i)),
          log,
        );
        log(`  ${pouch.wire.up + pouch.wire.down} bytes, load ${(pouch.loadMs / 1000).toFixed(1)} s, sync ${(pouch.syncMs / 1000).toFixed(1)} s, converged: ${pouch.converged}`);
      }
      rounds.push({ d, missingOnA: missingOnA.length, missingOnB: missingOnB.length, limit, naive, keruen, ...(pouch ? { pouch } : {}) });
    }
    const slow = opts.slow ? await slowLink(replicas, events, order, opts.slow, keruenScheme === true ? 'keruen' : 'nip77', pool) : undefined;
    const meanRecordBytes = lines.reduce((n, l) => n + Buffer.byteLength(l), 0) / lines.length;
    return { records: events.length, kinds, meanRecordBytes, keruenScheme: keruenScheme === true, rounds, ...(slow ? { slow } : {}) };
  } finally {
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One sync over the shaped link, timing when each differing record is stored on the side that lacked it. */
async function slowLink(
  replicas: Replicas,
  events: readonly VerifiedEvent[],
  order: readonly number[],
  { d, shape }: { d: number; shape: LinkShape },
  scheme: ReconcileScheme,
  pool: VerifierPool,
): Promise<SlowLink> {
  log(`slow link: d = ${d}, ${shape.delayMs} ms each way, ${shape.bytesPerSecond} bytes/s each way (${scheme})...`);
  const { missingOnA, missingOnB } = split(order, d);
  const differing = new Map<string, VerifiedEvent>([...missingOnA, ...missingOnB].map((i) => [events[i]!.id, events[i]!]));
  const media = [...differing.values()].filter((e) => e.kind === Kind.MediaDescriptor);
  const arrivals = new Map<string, { t: number; side: 'a' | 'b' }>();
  const pair = replicas.open(d);
  const t0 = performance.now();
  try {
    const run = await syncKeruen(pair.a, pair.b, scheme, {
      shape,
      pool,
      onStored: (side, e) => {
        if (differing.has(e.id) && !arrivals.has(e.id)) arrivals.set(e.id, { t: performance.now() - t0, side });
      },
    });
    const times = (kind: 'text' | 'media', side?: 'a' | 'b') =>
      [...arrivals].filter(([id, at]) => (differing.get(id)!.kind === Kind.MediaDescriptor) === (kind === 'media') && (side === undefined || at.side === side)).map(([, at]) => at.t);
    const ahead = (side?: 'a' | 'b') => Math.max(0, ...times('text', side)) <= Math.min(Infinity, ...times('media', side));
    const text = times('text');
    const mediaTimes = times('media');
    const lastTextMs = Math.max(0, ...text);
    const firstMediaMs = mediaTimes.length > 0 ? Math.min(...mediaTimes) : undefined;
    log(`  all text after ${(lastTextMs / 1000).toFixed(1)} s; first media ${firstMediaMs === undefined ? 'never' : `after ${(firstMediaMs / 1000).toFixed(1)} s`}; sync took ${(run.ms / 1000).toFixed(1)} s`);
    return {
      d,
      shape,
      run: { scheme, ...run },
      textRecords: differing.size - media.length,
      mediaRecords: media.length,
      lastTextMs,
      firstMediaMs,
      textAheadOfMedia: text.length === differing.size - media.length && ahead(),
      textAheadPerDirection: text.length === differing.size - media.length && ahead('a') && ahead('b'),
      arrived: arrivals.size,
    };
  } finally {
    pair.close();
  }
}
