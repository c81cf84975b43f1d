/**
 * A pool of worker threads that verify events in parallel (see ./verify-worker.ts).
 * Batches, not single events, cross the thread boundary: a message costs far more than
 * one verification.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import type { NostrEvent } from '../core/event.ts';
import { KeruenError, type ErrorCode } from '../core/errors.ts';

export interface VerifyRequest {
  batch: number;
  /** JSON lines, or already-parsed objects (e.g. from a relay message). */
  items: readonly unknown[];
  /** Kinds to accept; undefined accepts every kind. */
  acceptKinds?: readonly number[];
  maxEventBytes?: number;
}

export type VerifyResult = { ok: true; event: NostrEvent } | { ok: false; code: ErrorCode; reason: string };

export interface VerifyOptions {
  acceptKinds?: ReadonlySet<number>;
  maxEventBytes?: number;
}

interface Pending {
  resolve: (r: VerifyResult[]) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  pending: Map<number, Pending>;
}

/**
 * The worker runs as TypeScript under tsx when this module does (development, tests), and
 * as plain JavaScript once compiled. Node 20 resolves a worker's entry file before an
 * `--import tsx` in its execArgv takes effect, so the TypeScript case boots through a
 * small script that registers tsx first.
 */
function spawn(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./verify-worker.js', import.meta.url));
  const entry = new URL('./verify-worker.ts', import.meta.url).href;
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true });
}

export class VerifierPool {
  readonly #slots: Slot[];
  #nextBatch = 0;
  #closed = false;

  private constructor(slots: Slot[]) {
    this.#slots = slots;
  }

  /** Starts `size` workers (default: one per core) and waits until each has loaded its WASM. */
  static async start(size = availableParallelism()): Promise<VerifierPool> {
    const slots = Array.from({ length: Math.max(1, size) }, () => ({ worker: spawn(), pending: new Map<number, Pending>() }));
    await Promise.all(slots.map((s) => ready(s)));
    return new VerifierPool(slots);
  }

  get size(): number {
    return this.#slots.length;
  }

  /** Verifies one batch on the least busy worker. Results are in the order of `items`. */
  verify(items: readonly unknown[], opts: VerifyOptions = {}): Promise<VerifyResult[]> {
    if (this.#closed) return Promise.reject(new KeruenError('internal', 'verifier pool is closed'));
    const slot = this.#slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const batch = this.#nextBatch++;
    const req: VerifyRequest = {
      batch,
      items,
      acceptKinds: opts.acceptKinds && [...opts.acceptKinds],
      maxEventBytes: opts.maxEventBytes,
    };
    return new Promise((resolve, reject) => {
      slot.pending.set(batch, { resolve, reject });
      slot.worker.postMessage(req);
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all(this.#slots.map((s) => s.worker.terminate()));
  }
}

function ready(slot: Slot): Promise<void> {
  const { worker, pending } = slot;
  return new Promise((resolve, reject) => {
    const fail = (e: Error) => {
      const err = new KeruenError('internal', `verifier worker failed: ${e.message}`);
      reject(err);
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (code !== 0 || pending.size > 0) fail(new Error(`exited with code ${code}`));
    });
    worker.on('message', (msg: { ready?: true; batch?: number; results?: VerifyResult[] }) => {
      if (msg.ready) return resolve();
      const p = msg.batch === undefined ? undefined : pending.get(msg.batch);
      if (p === undefined || msg.results === undefined) return;
      pending.delete(msg.batch!);
      p.resolve(msg.results);
    });
  });
}
