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
import { ACCEPTED_KINDS } from '../core/kinds.ts';
import { trustStored, type VerifiedEvent } from '../core/event.ts';
import type { EventStore } from './types.ts';
import { availableParallelism } from 'node:os';
import { VerifierPool, type RowBatch } from './verifier-pool.ts';
import type { Verifier } from './verify-core.ts';

export interface IngestProgress {
  lines: number;
  stored: number;
  duplicate: number;
  superseded: number;
  invalid: number;
}

export interface IngestOptions {
  onProgress?: (p: IngestProgress) => void;
  /** Worker threads; default one per core. Ignored when `pool` is given. */
  workers?: number;
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

export const DEFAULT_MAX_EVENT_BYTES = 256 * 1024;

interface Batch {
  results: Promise<RowBatch>;
  /** Set once the worker is done, so ready batches can be written together. */
  settled?: RowBatch;
}

/**
 * Imports JSON lines. Lines from `jsonlLines()` take the fast path: the main thread only
 * cuts the bytes at line ends and hands them over; decoding, splitting and parsing happen
 * in the workers, next to the signature checks.
 */
export async function ingestJsonl(lines: AsyncIterable<string> | Iterable<string>, store: EventStore, opts: IngestOptions = {}): Promise<IngestResult> {
  // Take the iterator before the first await: a readline interface that is already reading
  // drops the lines it emits while nobody listens, and the import would wait forever.
  const chunks = lines instanceof JsonlLines ? lines.takeChunks() : undefined;
  const source =
    chunks !== undefined ? chunks[Symbol.asyncIterator]() : Symbol.asyncIterator in lines ? lines[Symbol.asyncIterator]() : lines[Symbol.iterator]();
  const batches = chunks !== undefined ? byteBatches(source as AsyncIterator<Uint8Array | string>, opts.batchBytes ?? 256 * 1024) : lineBatches(source as AsyncIterator<string> | Iterator<string>, opts.batchSize ?? 1000);
  const workers = opts.pool?.size ?? Math.max(1, opts.workers ?? availableParallelism());
  // The workers take a while to start (under tsx they load their modules one after the
  // other, on one core): until they are ready, this thread verifies on the core left idle.
  let pool = opts.pool;
  let startFailure: { error: unknown } | undefined;
  // Asked for first, so that its modules load before the workers' (they queue for one loader).
  const localVerifier = pool === undefined ? import('./verify-core.ts').then((m) => m.createVerifier()) : undefined;
  localVerifier?.catch(() => undefined);
  const starting = pool === undefined ? VerifierPool.start(workers) : undefined;
  starting?.then(
    (p) => (pool = p),
    (error: unknown) => (startFailure = { error }),
  );
  let local: Verifier | undefined;
  const writeSize = opts.writeSize ?? 5000;
  // Several batches per worker in flight, so that no worker idles while the main thread
  // writes, and so that a write finds several finished batches to commit at once.
  const maxInFlight = workers * 8;
  const verifyOpts = {
    acceptKinds: opts.kinds === 'any' ? undefined : (opts.kinds ?? ACCEPTED_KINDS),
    maxEventBytes: opts.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES,
  };
  const acceptKinds = verifyOpts.acceptKinds && [...verifyOpts.acceptKinds];
  const result: IngestResult = { stored: 0, duplicate: 0, superseded: 0, invalid: [] };
  /** Lines before the oldest batch not yet written. */
  let linesDone = 0;
  const queue: Batch[] = [];

  /** Waits for the oldest batch, then commits it with the finished ones behind it, in file order. */
  const write = async () => {
    await queue[0]?.results;
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
      const input = next.value;
      if (startFailure !== undefined) throw startFailure.error;
      local ??= pool === undefined ? await localVerifier : undefined;
      if (pool === undefined && local !== undefined) {
        const settled = local.verifyLines({ batch: 0, rows: true, ...(input instanceof Uint8Array ? { bytes: input } : { lines: input }), acceptKinds, maxEventBytes: verifyOpts.maxEventBytes });
        queue.push({ results: Promise.resolve(settled), settled });
        // Let the workers' "ready" in.
        await new Promise(setImmediate);
      } else {
        const results = pool!.verifyLines(input, verifyOpts);
        // Awaited in order later; the rejection handler only keeps a failure of a later batch
        // from counting as unhandled while an earlier one is being written.
        const batch: Batch = { results };
        results.then((r) => (batch.settled = r), () => undefined);
        queue.push(batch);
      }
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
