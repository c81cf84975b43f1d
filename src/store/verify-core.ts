/**
 * What a verifier does to one batch, shared by the pool's workers (./verify-worker.ts) and
 * by the importing thread while the workers are still starting (./ingest.ts): parse, shape,
 * size, id and signature (libsecp256k1 compiled to WASM, nostr-wasm, about 5x faster than
 * pure JS here), then domain rules.
 */
import { initNostrWasm } from 'nostr-wasm';
import { getEventHash } from 'nostr-tools/pure';
import { describeZodError, utf8Length, wireEventSchema, type NostrEvent } from '../core/event.ts';
import { isKeruenError, KeruenError, type ErrorCode } from '../core/errors.ts';
import { validateRecord } from '../core/records.ts';
import type { RowBatch, RowsRequest, StoreRow, VerifyRequest, VerifyResult } from './verifier-pool.ts';
import { lineWithinLimit, plainWireEvent } from './wire-shape.ts';

interface Checks {
  acceptKinds?: readonly number[];
  maxEventBytes?: number;
}

export interface Verifier {
  /** Events (or JSON lines) in, one result each. */
  verify(req: VerifyRequest): VerifyResult[];
  /** JSON lines (or their bytes) in, rows for the store and refused line offsets out. */
  verifyLines(req: RowsRequest): RowBatch;
}

function shape(raw: unknown): NostrEvent {
  const plain = plainWireEvent(raw);
  if (plain !== undefined) return plain;
  const parsed = wireEventSchema.safeParse(raw);
  if (!parsed.success) throw KeruenError.invalidEvent(describeZodError(parsed.error));
  return parsed.data;
}

function refusal(e: unknown): { code: ErrorCode; reason: string } {
  if (isKeruenError(e)) return { code: e.code, reason: e.message };
  return { code: 'internal', reason: (e as Error).message };
}

// Not fatal and BOMs kept: batches are cut at line ends, so decoding each on its own gives
// the text that one decoder over the whole file gives (the importer drops a BOM at the very
// start of the file, as that decoder would).
const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

/** The lines of a batch: JSON lines as given, or whole lines as bytes (jsonlLines' rules). */
function linesOf(req: RowsRequest): readonly string[] {
  if (req.lines !== undefined) return req.lines;
  const parts = decoder.decode(req.bytes).split('\n');
  // Text after the last newline is a line only when not empty (the end of a file without one).
  const last = parts.length - 1;
  if (parts[last] === '') parts.pop();
  for (let i = 0; i < parts.length; i++) {
    const line = parts[i]!;
    if (i < last && line.endsWith('\r')) parts[i] = line.slice(0, -1);
  }
  return parts;
}

export async function createVerifier(): Promise<Verifier> {
  const nostr = await initNostrWasm();

  function check(item: unknown, req: Checks): NostrEvent {
    let raw = item;
    if (typeof item === 'string') {
      try {
        raw = JSON.parse(item);
      } catch (e) {
        throw KeruenError.invalidJson('line', (e as Error).message);
      }
    }
    const event = shape(raw);
    if (req.acceptKinds !== undefined && !req.acceptKinds.includes(event.kind)) throw KeruenError.unknownKind(event.kind);
    if (req.maxEventBytes !== undefined && !(typeof item === 'string' && lineWithinLimit(item, req.maxEventBytes))) {
      const size = utf8Length(JSON.stringify(event));
      if (size > req.maxEventBytes) throw KeruenError.tooLarge('event', size, req.maxEventBytes);
    }
    // nostr-wasm checks the id and the signature in one call; only on failure do we pay for
    // the JS hash, to say which of the two was wrong.
    try {
      nostr.verifyEvent(event);
    } catch {
      if (getEventHash(event) !== event.id) throw KeruenError.invalidId(event.id);
      throw KeruenError.invalidSignature(event.id);
    }
    // Domain rules last: most bad input in practice is corrupt lines, caught above for less.
    validateRecord(event);
    return event;
  }

  return {
    verify(req) {
      return req.items.map((item): VerifyResult => {
        try {
          return { ok: true, event: check(item, req) };
        } catch (e) {
          return { ok: false, ...refusal(e) };
        }
      });
    },
    verifyLines(req) {
      const lines = linesOf(req);
      const rows: StoreRow[] = [];
      const invalid: (number | string)[] = [];
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!;
        // Blank lines (a trailing newline, hand-edited files) are not records.
        if (line.trim().length === 0) continue;
        try {
          const e = check(line, req);
          rows.push([e.id, e.pubkey, e.created_at, e.kind, e.tags, e.content, e.sig]);
        } catch (err) {
          invalid.push(i, refusal(err).reason);
        }
      }
      return { lines: lines.length, rows, invalid };
    },
  };
}
