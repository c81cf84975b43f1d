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

/**
 * A batch for the store: JSON lines (blank ones included, so that line numbers hold), or
 * the UTF-8 bytes of whole lines, moved to the worker without a copy.
 */
export interface RowsRequest {
  batch: number;
  rows: true;
  lines?: readonly string[];
  bytes?: Uint8Array;
  acceptKinds?: readonly number[];
  maxEventBytes?: number;
}

/** A verified event as flat fields (cheaper to pass between threads than an object). */
export type StoreRow = [id: string, pubkey: string, created_at: number, kind: number, tags: string[][], content: string, sig: string];

export interface RowBatch {
  /** Lines in the batch, blank ones included. */
  lines: number;
  /** The good events, in line order. */
  rows: StoreRow[];
  /** For each refused line: its 0-based index in the batch, then the reason. */
  invalid: (number | string)[];
}

export interface VerifyOptions {
  acceptKinds?: ReadonlySet<number>;
  maxEventBytes?: number;
}

interface Pending {
  resolve: (r: never) => void;
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

  /** Batches sent and not yet answered, over all workers. */
  get inFlight(): number {
    return this.#slots.reduce((n, s) => n + s.pending.size, 0);
  }

  /** Verifies one batch on the least busy worker. Results are in the order of `items`. */
  verify(items: readonly unknown[], opts: VerifyOptions = {}): Promise<VerifyResult[]> {
    return this.#send((batch) => ({ batch, items, acceptKinds: opts.acceptKinds && [...opts.acceptKinds], maxEventBytes: opts.maxEventBytes }));
  }

  /**
   * Verifies JSON lines for a store write: the good events come back as rows, the bad ones
   * as line offsets with a reason. `input` is lines, or the UTF-8 bytes of whole lines
   * (cut after a newline, or at the end of the input), whose buffer is handed over to the
   * worker: the caller must not use it afterwards.
   */
  verifyLines(input: readonly string[] | Uint8Array, opts: VerifyOptions = {}): Promise<RowBatch> {
    const acceptKinds = opts.acceptKinds && [...opts.acceptKinds];
    if (!(input instanceof Uint8Array)) return this.#send((batch) => ({ batch, rows: true, lines: input, acceptKinds, maxEventBytes: opts.maxEventBytes }));
    // Only a buffer of its own can be moved; a view into a shared one is copied first.
    const bytes = input.byteOffset === 0 && input.byteLength === input.buffer.byteLength && input.buffer instanceof ArrayBuffer ? input : input.slice();
    return this.#send((batch) => ({ batch, rows: true, bytes, acceptKinds, maxEventBytes: opts.maxEventBytes }), [bytes.buffer as ArrayBuffer]);
  }

  #send<T>(request: (batch: number) => VerifyRequest | RowsRequest, transfer: ArrayBuffer[] = []): Promise<T> {
    if (this.#closed) return Promise.reject(new KeruenError('internal', 'verifier pool is closed'));
    const slot = this.#slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const batch = this.#nextBatch++;
    const req = request(batch);
    return new Promise<T>((resolve, reject) => {
      slot.pending.set(batch, { resolve: resolve as (r: never) => void, reject });
      slot.worker.postMessage(req, transfer);
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
    worker.on('message', (msg: { ready?: true; batch?: number; results?: VerifyResult[]; rows?: RowBatch }) => {
      if (msg.ready) return resolve();
      const p = msg.batch === undefined ? undefined : pending.get(msg.batch);
      const result = msg.results ?? msg.rows;
      if (p === undefined || result === undefined) return;
      pending.delete(msg.batch!);
      p.resolve(result as never);
    });
  });
}
