/**
 * Bulk import (files, bundles, sync): JSONL in, verified events out, batched writes.
 *
 * Pipeline: the main thread cuts the input into batches and hands them to the verifier
 * pool (split, parse, shape, domain rules, id and signature, all in workers); while the
 * workers run, the main thread writes the previous batches, one transaction each, and
 * while they start, it verifies batches itself. Results are written in file order, so
 * that replaceable events in one file end as they would one by one. A bad line is
 * reported with its number and reason and never stops the import.
 */
import { MAX_EVENT_BYTES } from '../core/event.ts';
import { ACCEPTED_KINDS } from '../core/kinds.ts';
import { trustStored, type VerifiedEvent } from '../core/event.ts';
import type { EventStore } from './types.ts';
import { availableParallelism } from 'node:os';
import { VerifierPool, type RowBatch } from './verifier-pool.ts';

export interface IngestProgress {
  lines: number;
  stored: number;
  duplicate: number;
  superseded: number;
  invalid: number;
}

export interface IngestOptions {
  onProgress?: (p: IngestProgress) => void;
  /** Worker threads; default one per core (one fewer with `mainThreadVerifies`). Ignored when `pool` is given. */
  workers?: number;
  /**
   * Whether this thread also verifies batches whenever it has nothing to write. It always
   * does while the workers start. Default false: on 2 cores, 1 worker + this thread
   * measured no faster than 2 workers, and less steady (the worker waits during writes).
   */
  mainThreadVerifies?: boolean;
  /** A running pool to reuse (sync keeps one for the node's lifetime). */
  pool?: VerifierPool;
  /** Kinds to accept: default the kinds a Keruen node stores; 'any' for every kind. */
  kinds?: ReadonlySet<number> | 'any';
  /** Largest accepted event, serialized (bytes). */
  maxEventBytes?: number;
  /** Lines per worker message, when the input is lines. */
  batchSize?: number;
  /** Bytes per worker message (cut at the next line end), when the input is jsonlLines(). */
  batchBytes?: number;
  /** Most events per write transaction. */
  writeSize?: number;
}

export interface IngestResult {
  stored: number;
  duplicate: number;
  superseded: number;
  invalid: { line: number; reason: string }[];
}


interface Batch {
  /** Until a verifier takes it. */
  input?: string[] | Uint8Array;
  /** Once a worker has it. */
  results?: Promise<RowBatch>;
  /** Once verified, so that ready batches can be written together. */
  settled?: RowBatch;
}

/**
 * Imports JSON lines. Lines from `jsonlLines()` take the fast path: the main thread only
 * cuts the bytes at line ends and hands them over; decoding, splitting and parsing happen
 * in the verifiers, next to the signature checks.
 */
export async function ingestJsonl(lines: AsyncIterable<string> | Iterable<string>, store: EventStore, opts: IngestOptions = {}): Promise<IngestResult> {
  // Take the iterator before the first await: a readline interface that is already reading
  // drops the lines it emits while nobody listens, and the import would wait forever.
  const chunks = lines instanceof JsonlLines ? lines.takeChunks() : undefined;
  const source =
    chunks !== undefined ? chunks[Symbol.asyncIterator]() : Symbol.asyncIterator in lines ? lines[Symbol.asyncIterator]() : lines[Symbol.iterator]();
  const batches = chunks !== undefined ? byteBatches(source as AsyncIterator<Uint8Array | string>, opts.batchBytes ?? 256 * 1024) : lineBatches(source as AsyncIterator<string> | Iterator<string>, opts.batchSize ?? 1000);
  const helps = opts.mainThreadVerifies ?? false;
  const workers = opts.pool?.size ?? Math.max(1, opts.workers ?? availableParallelism() - (helps ? 1 : 0));
  let pool = opts.pool;
  let startFailure: { error: unknown } | undefined;
  // This thread verifies too while the workers start (under tsx they load their modules
  // one after the other, on one core), and with `mainThreadVerifies` whenever it is idle.
  // Asked for first, so that its modules load before the workers' (they queue for one loader).
  const localVerifier = pool === undefined || helps ? import('./verify-core.ts').then((m) => m.createVerifier()) : undefined;
  localVerifier?.catch(() => undefined);
  const starting = pool === undefined ? VerifierPool.start(workers) : undefined;
  starting?.then(
    (p) => {
      pool = p;
      dispatch();
    },
    (error: unknown) => (startFailure = { error }),
  );
  const writeSize = opts.writeSize ?? 5000;
  // Several batches per verifier in flight, so that none idles while the main thread
  // writes, and so that a write finds several finished batches to commit at once.
  const maxInFlight = (workers + 1) * 8;
  const verifyOpts = {
    acceptKinds: opts.kinds === 'any' ? undefined : (opts.kinds ?? ACCEPTED_KINDS),
    maxEventBytes: opts.maxEventBytes ?? MAX_EVENT_BYTES,
  };
  const acceptKinds = verifyOpts.acceptKinds && [...verifyOpts.acceptKinds];
  const result: IngestResult = { stored: 0, duplicate: 0, superseded: 0, invalid: [] };
  /** Lines before the oldest batch not yet written. */
  let linesDone = 0;
  /** Batches in file order, from read to written. */
  const queue: Batch[] = [];
  /** Batches no verifier has taken yet, oldest first. */
  const waiting: Batch[] = [];

  /** Keeps each worker three batches ahead, so it never waits while this thread is busy. */
  function dispatch(): void {
    while (pool !== undefined && waiting.length > 0 && pool.inFlight < pool.size * 3) {
      const batch = waiting.shift()!;
      const results = pool.verifyLines(batch.input!, verifyOpts);
      batch.input = undefined;
      batch.results = results;
      // Awaited in order later; the rejection handler only keeps a failure of a later batch
      // from counting as unhandled while an earlier one is being written.
      results.then(
        (r) => {
          batch.settled = r;
          dispatch();
        },
        () => undefined,
      );
    }
  }

  /** Verifies one waiting batch here: the oldest while there are no workers yet, else the newest. */
  async function verifyHere(): Promise<void> {
    const local = await localVerifier!;
    // (The workers may have taken the rest meanwhile.)
    const batch = pool === undefined ? waiting.shift() : waiting.pop();
    if (batch === undefined) return;
    const input = batch.input!;
    batch.input = undefined;
    batch.settled = local.verifyLines({ batch: 0, rows: true, ...(input instanceof Uint8Array ? { bytes: input } : { lines: input }), acceptKinds, maxEventBytes: verifyOpts.maxEventBytes });
    // Let the workers' answers (and their next batches) through.
    await new Promise(setImmediate);
  }

  /** Waits for the oldest batch (verifying others meanwhile), then commits it with the finished ones behind it, in file order. */
  const write = async () => {
    while (queue[0] !== undefined && queue[0].settled === undefined) {
      if (startFailure !== undefined) throw startFailure.error;
      if (waiting.length > 0 && (pool === undefined || helps)) await verifyHere();
      else if (queue[0].results !== undefined) await queue[0].results;
      else await new Promise(setImmediate);
    }
    const good: VerifiedEvent[] = [];
    while (queue[0]?.settled !== undefined && (good.length === 0 || good.length + queue[0].settled.rows.length <= writeSize)) {
      const { rows, invalid, lines: count } = queue.shift()!.settled!;
      for (const [id, pubkey, created_at, kind, tags, content, sig] of rows) good.push(trustStored({ id, pubkey, created_at, kind, tags, content, sig }));
      for (let i = 0; i < invalid.length; i += 2) result.invalid.push({ line: linesDone + (invalid[i] as number) + 1, reason: invalid[i + 1] as string });
      linesDone += count;
    }
    // One transaction per write: a commit (an fsync) costs as much as thousands of inserts.
    for (const outcome of store.putMany(good)) result[outcome.status]++;
    opts.onProgress?.({ lines: linesDone, stored: result.stored, duplicate: result.duplicate, superseded: result.superseded, invalid: result.invalid.length });
  };

  try {
    for (let next = await batches.next(); next.done !== true; next = await batches.next()) {
      const batch: Batch = { input: next.value };
      queue.push(batch);
      waiting.push(batch);
      dispatch();
      if (queue.length >= maxInFlight) await write();
    }
    while (queue.length > 0) await write();
  } finally {
    // Stop the source (close the file) if we leave early on an error.
    await source.return?.();
    // Batches already sent must settle before the pool goes, or their rejections float.
    await Promise.allSettled(queue.map((b) => b.results));
    // (A pool that failed to start only matters if it was needed: then the loop threw.)
    if (starting !== undefined) await (await starting.catch(() => undefined))?.close();
  }
  return result;
}

/** Lines in groups of `size`, blank ones included (the worker skips them, keeping line numbers). */
async function* lineBatches(source: AsyncIterator<string> | Iterator<string>, size: number): AsyncGenerator<string[]> {
  let items: string[] = [];
  for (let next = await source.next(); next.done !== true; next = await source.next()) {
    items.push(next.value);
    if (items.length >= size) {
      yield items;
      items = [];
    }
  }
  if (items.length > 0) yield items;
}

const NEWLINE = 0x0a;

/**
 * Byte chunks regrouped into batches of about `size` bytes that end after a newline (the
 * last one at the end of the input). A BOM at the start of the input is dropped, as a
 * TextDecoder over the whole input would.
 */
async function* byteBatches(source: AsyncIterator<Uint8Array | string>, size: number): AsyncGenerator<Uint8Array> {
  let parts: Uint8Array[] = [];
  let pending = 0;
  let first = true;
  /** A fresh buffer of its own, so the pool can move it to a worker without a copy. */
  const take = (last?: Uint8Array): Uint8Array => {
    if (last !== undefined) {
      parts.push(last);
      pending += last.length;
    }
    let out = new Uint8Array(pending);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    if (first && out[0] === 0xef && out[1] === 0xbb && out[2] === 0xbf) out = out.slice(3);
    parts = [];
    pending = 0;
    first = false;
    return out;
  };
  for (let next = await source.next(); next.done !== true; next = await source.next()) {
    const v = next.value;
    const chunk = typeof v === 'string' ? Buffer.from(v, 'utf8') : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    let pos = 0;
    for (;;) {
      const want = Math.max(1, size - pending);
      const cut = pos + want <= chunk.length ? chunk.indexOf(NEWLINE, pos + want - 1) : -1;
      if (cut < 0) break;
      yield take(chunk.subarray(pos, cut + 1));
      pos = cut + 1;
    }
    if (pos < chunk.length) {
      parts.push(chunk.subarray(pos));
      pending += chunk.length - pos;
    }
  }
  if (pending > 0) yield take();
}

/**
 * The lines of a byte stream (a file, stdin), split as the importer splits them: on "\n",
 * a "\r" before it dropped, the text after the last newline a line when not empty.
 * Iterating gives strings; ingestJsonl() takes the bytes instead and lets its workers split.
 */
export class JsonlLines implements AsyncIterable<string> {
  readonly #chunks: AsyncIterable<Uint8Array | string>;
  #taken = false;

  constructor(chunks: AsyncIterable<Uint8Array | string>) {
    this.#chunks = chunks;
  }

  /** The underlying chunks, once, if nobody has read lines yet. */
  takeChunks(): AsyncIterable<Uint8Array | string> | undefined {
    if (this.#taken) return undefined;
    this.#taken = true;
    return this.#chunks;
  }

  [Symbol.asyncIterator](): AsyncIterator<string> {
    if (this.#taken) throw new Error('jsonlLines: the input has already been read');
    this.#taken = true;
    return splitLines(this.#chunks);
  }
}

/** Lines of a byte stream: see JsonlLines. */
export function jsonlLines(chunks: AsyncIterable<Uint8Array | string>): JsonlLines {
  return new JsonlLines(chunks);
}

/** About 3x cheaper on the main thread than node:readline. */
async function* splitLines(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let rest = '';
  for await (const chunk of chunks) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    const parts = text.split('\n');
    rest = parts.pop() ?? '';
    for (const line of parts) yield line.endsWith('\r') ? line.slice(0, -1) : line;
  }
  rest += decoder.decode();
  if (rest.length > 0) yield rest;
}
