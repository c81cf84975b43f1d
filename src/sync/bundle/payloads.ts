/**
 * What each frame type carries (format.ts has the frames): encoders for the writer, and
 * decoders that throw a plain Error on anything malformed, so the reader can name the frame.
 * A frame whose hash verifies can still be malformed if its creator was hostile.
 */

export const ID_BYTES = 32;
export const PREFIX_BYTES = 16;
const BLOB_ENTRY_BYTES = 32 + 8;
const CHUNK_HEAD_BYTES = 32 + 8 + 8;

export interface Summary {
  version: number;
  /** Unix seconds. */
  created: number;
  /** Who made it: `--as NAME` or the node's default npub; empty if neither. */
  creator: string;
  records: number;
  blobs: number;
  blobBytes: number;
  /** Id prefixes in the creator-knowledge frames. */
  known: number;
}

export interface BlobEntry {
  sha256: string;
  size: number;
}

export interface BlobChunk {
  sha256: string;
  total: number;
  offset: number;
  bytes: Uint8Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function hexToBytes(hex: string, into: Uint8Array, at: number): void {
  for (let i = 0; i < hex.length / 2; i++) into[at + i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
}

export function bytesToHex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/** 2^53 at most, as two big-endian 32-bit halves. */
function setU64(view: DataView, at: number, n: number): void {
  view.setUint32(at, Math.floor(n / 2 ** 32));
  view.setUint32(at + 4, n >>> 0);
}

function getU64(view: DataView, at: number): number {
  return view.getUint32(at) * 2 ** 32 + view.getUint32(at + 4);
}

export function encodeJson(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

export function decodeSummary(payload: Uint8Array): Summary {
  const v = JSON.parse(decoder.decode(payload)) as Record<string, unknown>;
  const n = (k: string) => {
    const x = v[k];
    if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < 0) throw new Error(`summary: ${k} is not a count`);
    return x;
  };
  if (typeof v.creator !== 'string' || v.creator.length > 200) throw new Error('summary: creator is not a short text');
  return { version: n('version'), created: n('created'), creator: v.creator, records: n('records'), blobs: n('blobs'), blobBytes: n('blobBytes'), known: n('known') };
}

export function decodeEnd(payload: Uint8Array): { frames: number } {
  const v = JSON.parse(decoder.decode(payload)) as { frames?: unknown };
  if (typeof v.frames !== 'number' || !Number.isSafeInteger(v.frames) || v.frames < 0) throw new Error('end: frames is not a count');
  return { frames: v.frames };
}

/** Fixed-size hex items (ids, prefixes) packed as bytes. */
export function encodeHexList(items: readonly string[], itemBytes: number): Uint8Array {
  const out = new Uint8Array(items.length * itemBytes);
  items.forEach((h, i) => hexToBytes(h.slice(0, itemBytes * 2), out, i * itemBytes));
  return out;
}

export function decodeHexList(payload: Uint8Array, itemBytes: number): string[] {
  if (payload.length % itemBytes !== 0) throw new Error(`list of ${payload.length} bytes is not a whole number of ${itemBytes}-byte items`);
  const out: string[] = [];
  for (let at = 0; at < payload.length; at += itemBytes) out.push(bytesToHex(payload.subarray(at, at + itemBytes)));
  return out;
}

export function encodeBlobList(entries: readonly BlobEntry[]): Uint8Array {
  const out = new Uint8Array(entries.length * BLOB_ENTRY_BYTES);
  const view = new DataView(out.buffer);
  entries.forEach((e, i) => {
    hexToBytes(e.sha256, out, i * BLOB_ENTRY_BYTES);
    setU64(view, i * BLOB_ENTRY_BYTES + 32, e.size);
  });
  return out;
}

export function decodeBlobList(payload: Uint8Array): BlobEntry[] {
  if (payload.length % BLOB_ENTRY_BYTES !== 0) throw new Error(`blob list of ${payload.length} bytes is not a whole number of entries`);
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const out: BlobEntry[] = [];
  for (let at = 0; at < payload.length; at += BLOB_ENTRY_BYTES) out.push({ sha256: bytesToHex(payload.subarray(at, at + 32)), size: getU64(view, at + 32) });
  return out;
}

export function encodeBlobChunk(c: BlobChunk): Uint8Array {
  const out = new Uint8Array(CHUNK_HEAD_BYTES + c.bytes.length);
  const view = new DataView(out.buffer);
  hexToBytes(c.sha256, out, 0);
  setU64(view, 32, c.total);
  setU64(view, 40, c.offset);
  out.set(c.bytes, CHUNK_HEAD_BYTES);
  return out;
}

export function decodeBlobChunk(payload: Uint8Array): BlobChunk {
  if (payload.length < CHUNK_HEAD_BYTES) throw new Error('blob chunk shorter than its header');
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const c = { sha256: bytesToHex(payload.subarray(0, 32)), total: getU64(view, 32), offset: getU64(view, 40), bytes: payload.subarray(CHUNK_HEAD_BYTES) };
  if (c.total > Number.MAX_SAFE_INTEGER || c.offset + c.bytes.length > c.total) throw new Error(`blob chunk at ${c.offset} (+${c.bytes.length}) lies outside a blob of ${c.total} bytes`);
  return c;
}

export function encodeLines(lines: readonly string[]): Uint8Array {
  return encoder.encode(lines.join('\n'));
}

export function decodeLines(payload: Uint8Array): string[] {
  return decoder.decode(payload).split('\n').filter((l) => l.length > 0);
}
