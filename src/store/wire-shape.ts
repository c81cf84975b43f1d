/**
 * Cheap checks that let the verifier workers skip work which cannot change the outcome.
 * Each is a sufficient condition only: when it says no, the exact check runs (zod for the
 * shape, a re-serialization for the size), so what is accepted and the reasons given for
 * refusals are those of src/core/event.ts. test/store/wire-shape.test.ts checks the
 * agreement on hostile input.
 */
import type { NostrEvent } from '../core/event.ts';

const HEX64 = /^[0-9a-f]{64}$/;
const HEX128 = /^[0-9a-f]{128}$/;

function isWellFormedString(v: unknown): v is string {
  return typeof v === 'string' && v.isWellFormed();
}

function isTags(v: unknown): v is string[][] {
  if (!Array.isArray(v)) return false;
  for (const tag of v as unknown[]) {
    if (!Array.isArray(tag) || tag.length === 0) return false;
    for (const s of tag as unknown[]) if (!isWellFormedString(s)) return false;
  }
  return true;
}

function isInt(v: unknown, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;
}

/**
 * The event when `raw` is a plain object that `wireEventSchema` accepts as it is (exactly
 * the seven NIP-01 fields, each of the right type), in the schema's field order; undefined
 * when in doubt, and the caller then asks zod. About 5x cheaper than zod for good events.
 */
export function plainWireEvent(raw: unknown): NostrEvent | undefined {
  if (typeof raw !== 'object' || raw === null || Object.getPrototypeOf(raw) !== Object.prototype) return undefined;
  // strict(): no other keys. Seven own keys, each of the seven read below, means these seven.
  if (Object.keys(raw).length !== 7) return undefined;
  const { id, pubkey, created_at, kind, tags, content, sig } = raw as Record<string, unknown>;
  if (typeof id !== 'string' || !HEX64.test(id)) return undefined;
  if (typeof pubkey !== 'string' || !HEX64.test(pubkey)) return undefined;
  if (typeof sig !== 'string' || !HEX128.test(sig)) return undefined;
  if (!isInt(created_at, Number.MAX_SAFE_INTEGER) || !isInt(kind, 65535)) return undefined;
  if (!isWellFormedString(content) || !isTags(tags)) return undefined;
  return { id, pubkey, created_at, kind, tags, content, sig };
}

/**
 * How much longer than its JSON line an event can get when re-serialized: JSON.stringify
 * never writes a string longer than the line did (it uses the shortest escapes, the line
 * may use longer ones, e.g. \u0041 or \/), drops whitespace and duplicate keys, and only
 * numbers can grow ("1e15" becomes 16 digits): created_at by at most 15 characters, kind
 * (at most 5 digits) by at most 4.
 */
export const SERIALIZATION_GROWTH = 32;

/**
 * True when an event parsed from `line` is certainly within `maxBytes` once serialized,
 * so the exact measure (JSON.stringify, then UTF-8 length) can be skipped.
 */
export function lineWithinLimit(line: string, maxBytes: number): boolean {
  // A UTF-8 byte is at most one per UTF-16 code unit times three: a cheap first bound.
  if (line.length * 3 + SERIALIZATION_GROWTH <= maxBytes) return true;
  return Buffer.byteLength(line, 'utf8') + SERIALIZATION_GROWTH <= maxBytes;
}
