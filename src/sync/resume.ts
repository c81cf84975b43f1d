/**
 * A sync that outlives cut links: after an io failure (the connection dropped, timed out, the
 * proxy lost its circuit) wait, then sync again. Each attempt reconciles afresh, so nothing
 * done before the cut is redone: records that arrived are in the store, records the relay
 * acknowledged are on its side, and reconciliation sees both. Only io failures are retried;
 * a refusal (unauthorized, a bad address, a relay without NIP-77) would fail the same way again.
 */
import { isKeruenError, KeruenError } from '../core/errors.ts';
import type { EventStore } from '../store/types.ts';
import { VerifierPool } from '../store/verifier-pool.ts';
import { syncWith, type SyncOptions, type SyncReport } from './client.ts';

export interface Cut {
  /** The attempt that failed, from 1. */
  attempt: number;
  message: string;
  /** How long we wait before the next attempt (none if we gave up). */
  retryInMs: number | undefined;
}

export interface ResumeOptions extends SyncOptions {
  /** Syncs tried at most, the first included (Infinity: until done). Default 5. */
  attempts?: number;
  /** No new attempt starts after this many ms from the first. Default: no deadline. */
  deadlineMs?: number;
  /** First wait after a cut; doubled after each one, up to `maxBackoffMs`. Default 1 s. */
  backoffMs?: number;
  maxBackoffMs?: number;
  onCut?: (cut: Cut) => void;
  /** Called when an attempt after a cut starts. */
  onResume?: (attempt: number) => void;
  /** Waits between attempts; tests and the CLI may pass their own. */
  sleep?: (ms: number) => Promise<void>;
}

export interface ResumeReport {
  /** The sync that finished. */
  final: SyncReport;
  attempts: number;
  cuts: Cut[];
  /** Every attempt's bytes, the cut ones included: what the window really cost. */
  bytesSent: number;
  bytesReceived: number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function syncUntilDone(store: EventStore, url: string, opts: ResumeOptions = {}): Promise<ResumeReport> {
  const attempts = opts.attempts ?? 5;
  if (attempts !== Infinity && (!Number.isInteger(attempts) || attempts < 1)) throw KeruenError.usage(`attempts must be a whole number of at least 1 (got ${attempts})`);
  const started = Date.now();
  const sleep = opts.sleep ?? defaultSleep;
  const cuts: Cut[] = [];
  let bytesSent = 0;
  let bytesReceived = 0;
  let backoff = opts.backoffMs ?? 1000;
  // One verifier pool for every attempt: starting workers again after each cut wastes the window.
  const ownPool = opts.pool === undefined ? await VerifierPool.start(opts.workers) : undefined;
  const pool = opts.pool ?? ownPool!;
  // The bytes of a cut attempt are known only from its last progress report.
  let attemptBytes = { sent: 0, received: 0 };
  const onProgress: SyncOptions['onProgress'] = (p) => {
    attemptBytes = { sent: p.bytesSent, received: p.bytesReceived };
    opts.onProgress?.(p);
  };
  try {
    for (let attempt = 1; ; attempt++) {
      attemptBytes = { sent: 0, received: 0 };
      try {
        const final = await syncWith(store, url, { ...opts, pool, onProgress });
        return { final, attempts: attempt, cuts, bytesSent: bytesSent + final.bytesSent, bytesReceived: bytesReceived + final.bytesReceived };
      } catch (e) {
        if (!isKeruenError(e) || e.code !== 'io') throw e;
        bytesSent += attemptBytes.sent;
        bytesReceived += attemptBytes.received;
        const outOfTime = opts.deadlineMs !== undefined && Date.now() + backoff - started > opts.deadlineMs;
        const last = attempt >= attempts || outOfTime;
        const cut: Cut = { attempt, message: e.message, retryInMs: last ? undefined : backoff };
        cuts.push(cut);
        opts.onCut?.(cut);
        if (last) {
          // One attempt allowed: the cut is the whole story, told as it was.
          if (attempts === 1) throw e;
          const why = outOfTime ? `the deadline of ${Math.round(opts.deadlineMs! / 1000)} s` : `${attempt} attempt${attempt === 1 ? '' : 's'}`;
          throw new KeruenError('io', `sync with ${url} did not finish in ${why}: ${e.message}`, { cuts });
        }
        await sleep(backoff);
        backoff = Math.min(backoff * 2, opts.maxBackoffMs ?? 30_000);
        opts.onResume?.(attempt + 1);
      }
    }
  } finally {
    await ownPool?.close();
  }
}
