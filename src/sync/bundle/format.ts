/**
 * The bundle file format, version 1 (docs/bundles.md): pure byte logic, no I/O.
 *
 *   bundle := MAGIC frame*
 *   MAGIC  := "KRNBNDL" VERSION                      (8 bytes)
 *   frame  := SYNC type flags length hash payload
 *     SYNC    8 bytes, fixed, so a reader can find the next frame after damage
 *     type    1 byte  (FrameType)
 *     flags   1 byte  (bit 0: payload is raw-deflate compressed)
 *     length  4 bytes, big-endian, bytes of payload as stored (at most MAX_STORED_PAYLOAD)
 *     hash    32 bytes, sha256 of type|flags|length|payload as stored
 *
 * Frames are independent: one bad frame loses only itself, and the scanner resumes at the
 * next SYNC after the bad one's first byte (a damaged length field is never trusted to skip).
 * Compression and hashing are injected (`FrameCodec`) so this module runs anywhere.
 */

export const BUNDLE_VERSION = 1;
export const MAGIC_PREFIX = new Uint8Array([0x4b, 0x52, 0x4e, 0x42, 0x4e, 0x44, 0x4c]); // "KRNBNDL"
export const MAGIC = new Uint8Array([...MAGIC_PREFIX, BUNDLE_VERSION]);
/** Chosen to be unlikely in text; a false match is caught by the frame hash anyway. */
export const SYNC = new Uint8Array([0xf0, 0x9f, 0x90, 0xab, 0x4b, 0x52, 0x46, 0x0a]);
export const FRAME_HEADER_BYTES = SYNC.length + 1 + 1 + 4 + 32;
/** Largest payload once inflated: a reader refuses to inflate further (no zip bombs). */
export const MAX_PAYLOAD = 1024 * 1024;
/** Largest payload as stored (deflate can grow incompressible data slightly). */
export const MAX_STORED_PAYLOAD = MAX_PAYLOAD + 1024;
export const FLAG_DEFLATE = 1;

export const FrameType = {
  /** JSON: creator label, counts (the manifest's head). */
  Summary: 1,
  /** Manifest part: record ids carried, 32 bytes each. */
  RecordIds: 2,
  /** Manifest part: blobs carried, 32-byte sha256 + 8-byte size each. */
  BlobList: 3,
  /** Everything the creator held: sorted 16-byte id prefixes (a part of them). */
  Knowledge: 4,
  /** Signed records, one JSON event per line. */
  Records: 5,
  /** Part of a blob: sha256, total size, offset, bytes. */
  BlobChunk: 6,
  /** JSON: how many frames came before it, so a reader knows it has seen the end. */
  End: 7,
} as const;
export type FrameType = (typeof FrameType)[keyof typeof FrameType];
export const FRAME_TYPE_NAMES: Record<number, string> = {
  1: 'summary',
  2: 'record list',
  3: 'blob list',
  4: 'creator knowledge',
  5: 'records',
  6: 'blob chunk',
  7: 'end',
};

export interface FrameCodec {
  sha256(bytes: Uint8Array): Uint8Array;
  deflate(bytes: Uint8Array): Uint8Array;
  /** Throws if the data is not raw deflate or inflates past `maxBytes`. */
  inflate(bytes: Uint8Array, maxBytes: number): Uint8Array;
}

/** One frame, bytes ready to write; compressed when that saves at least 1/16. */
export function encodeFrame(type: FrameType, payload: Uint8Array, codec: FrameCodec, compress = true): Uint8Array {
  if (payload.length > MAX_PAYLOAD) throw new RangeError(`frame payload of ${payload.length} bytes is over ${MAX_PAYLOAD}`);
  let stored = payload;
  let flags = 0;
  if (compress && payload.length > 64) {
    const deflated = codec.deflate(payload);
    if (deflated.length < payload.length - payload.length / 16) {
      stored = deflated;
      flags = FLAG_DEFLATE;
    }
  }
  const out = new Uint8Array(FRAME_HEADER_BYTES + stored.length);
  out.set(SYNC, 0);
  const at = SYNC.length;
  out[at] = type;
  out[at + 1] = flags;
  new DataView(out.buffer).setUint32(at + 2, stored.length);
  out.set(stored, FRAME_HEADER_BYTES);
  out.set(codec.sha256(hashedPart(out, stored.length)), at + 6);
  return out;
}

/** type|flags|length|payload: the header without SYNC and hash, then the payload. */
function hashedPart(frame: Uint8Array, storedLength: number): Uint8Array {
  const at = SYNC.length;
  const part = new Uint8Array(6 + storedLength);
  part.set(frame.subarray(at, at + 6), 0);
  part.set(frame.subarray(FRAME_HEADER_BYTES, FRAME_HEADER_BYTES + storedLength), 6);
  return part;
}

export interface ScannedFrame {
  kind: 'frame';
  /** Offset of its SYNC in the stream. */
  offset: number;
  end: number;
  type: number;
  flags: number;
  /** As stored (maybe compressed): see `framePayload`. */
  stored: Uint8Array;
}

export interface Damage {
  kind: 'damage';
  offset: number;
  end: number;
  reason: string;
}

export type ScanEvent = ScannedFrame | Damage;

/** The payload of a frame, inflated if it was compressed. Throws on a bad deflate stream. */
export function framePayload(frame: ScannedFrame, codec: FrameCodec): Uint8Array {
  return (frame.flags & FLAG_DEFLATE) !== 0 ? codec.inflate(frame.stored, MAX_PAYLOAD) : frame.stored;
}

function equalAt(buf: Uint8Array, at: number, want: Uint8Array): boolean {
  if (at + want.length > buf.length) return false;
  for (let i = 0; i < want.length; i++) if (buf[at + i] !== want[i]) return false;
  return true;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && equalAt(a, 0, b);
}

/**
 * Finds frames in a byte stream fed in chunks. Emits every frame whose hash verifies and a
 * `damage` event for everything else: bytes belonging to no intact frame (as ranges), and each
 * frame start whose frame fails (checksum, impossible length, cut short).
 */
export class FrameScanner {
  readonly #codec: FrameCodec;
  #buf = new Uint8Array(0);
  /** Stream offset of #buf[0]. */
  #base = 0;
  #pos = 0;
  /** Stream offset where bytes that belong to no frame began, if any are pending. */
  #junkFrom: number | undefined;
  #headerChecked = false;
  /** Bytes the next step needs before it can decide (to avoid re-scanning on every push). */
  #need = 0;
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  /** Whether the stream began with MAGIC; undefined until 8 bytes were seen. */
  magic: 'ok' | 'damaged' | { version: number } | undefined;

  constructor(codec: FrameCodec) {
    this.#codec = codec;
  }

  push(chunk: Uint8Array): ScanEvent[] {
    this.#pending.push(chunk);
    this.#pendingBytes += chunk.length;
    // Chunks wait until the step in progress can complete, so a large frame is copied once.
    if (this.#buf.length - this.#pos + this.#pendingBytes < this.#need) return [];
    this.#join();
    return this.#scan(false);
  }

  end(): ScanEvent[] {
    this.#join();
    const out = this.#scan(true);
    const endOffset = this.#base + this.#buf.length;
    if (this.#junkFrom !== undefined && this.#junkFrom < endOffset) out.push({ kind: 'damage', offset: this.#junkFrom, end: endOffset, reason: 'bytes that belong to no intact frame' });
    this.#junkFrom = undefined;
    return out;
  }

  #join(): void {
    const rest = this.#buf.subarray(this.#pos);
    const joined = new Uint8Array(rest.length + this.#pendingBytes);
    joined.set(rest, 0);
    let at = rest.length;
    for (const p of this.#pending) {
      joined.set(p, at);
      at += p.length;
    }
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#base += this.#pos;
    this.#buf = joined;
    this.#pos = 0;
  }

  #junk(at: number): void {
    this.#junkFrom ??= at;
  }

  #flushJunk(out: ScanEvent[], until: number): void {
    if (this.#junkFrom !== undefined && this.#junkFrom < until) out.push({ kind: 'damage', offset: this.#junkFrom, end: until, reason: 'bytes that belong to no intact frame' });
    this.#junkFrom = undefined;
  }

  #scan(final: boolean): ScanEvent[] {
    const out: ScanEvent[] = [];
    const buf = this.#buf;
    if (!this.#headerChecked) {
      if (buf.length < MAGIC.length && !final) {
        this.#need = MAGIC.length;
        return out;
      }
      this.#headerChecked = true;
      if (sameBytes(buf.subarray(0, MAGIC.length), MAGIC)) {
        this.magic = 'ok';
        this.#pos = MAGIC.length;
      } else if (equalAt(buf, 0, MAGIC_PREFIX) && buf.length >= MAGIC.length) {
        this.magic = { version: buf[MAGIC_PREFIX.length]! };
        this.#pos = MAGIC.length;
      } else this.magic = 'damaged';
    }
    for (;;) {
      const at = this.#findSync(this.#pos);
      if (at < 0) {
        // Keep the last bytes: a SYNC may straddle this chunk and the next.
        const keep = final ? buf.length : Math.max(this.#pos, buf.length - (SYNC.length - 1));
        if (keep > this.#pos) this.#junk(this.#base + this.#pos);
        this.#pos = keep;
        this.#need = SYNC.length;
        return out;
      }
      if (at > this.#pos) this.#junk(this.#base + this.#pos);
      this.#pos = at;
      if (buf.length - at < FRAME_HEADER_BYTES) {
        if (!final) {
          this.#need = FRAME_HEADER_BYTES;
          return out;
        }
        out.push({ kind: 'damage', offset: this.#base + at, end: this.#base + buf.length, reason: 'frame cut short: the file ends inside its header (truncated)' });
        this.#junk(this.#base + at);
        this.#pos = at + 1;
        continue;
      }
      const type = buf[at + SYNC.length]!;
      const length = new DataView(buf.buffer, buf.byteOffset + at + SYNC.length + 2, 4).getUint32(0);
      const name = FRAME_TYPE_NAMES[type] ?? `type ${type}`;
      if (length > MAX_STORED_PAYLOAD || FRAME_TYPE_NAMES[type] === undefined) {
        out.push({ kind: 'damage', offset: this.#base + at, end: this.#base + at + FRAME_HEADER_BYTES, reason: `frame header damaged (${name}, length ${length})` });
        this.#junk(this.#base + at);
        this.#pos = at + 1;
        continue;
      }
      const end = at + FRAME_HEADER_BYTES + length;
      if (end > buf.length) {
        if (!final) {
          this.#need = end - at;
          return out;
        }
        out.push({ kind: 'damage', offset: this.#base + at, end: this.#base + buf.length, reason: `${name} frame of ${length} bytes cut short: the file ends ${end - buf.length} bytes early (truncated)` });
        this.#junk(this.#base + at);
        this.#pos = at + 1;
        continue;
      }
      const frame = buf.subarray(at, end);
      const hash = frame.subarray(SYNC.length + 6, FRAME_HEADER_BYTES);
      if (!sameBytes(this.#codec.sha256(hashedPart(frame, length)), hash)) {
        out.push({ kind: 'damage', offset: this.#base + at, end: this.#base + end, reason: `${name} frame of ${length} bytes fails its checksum` });
        this.#junk(this.#base + at);
        this.#pos = at + 1;
        continue;
      }
      this.#flushJunk(out, this.#base + at);
      out.push({ kind: 'frame', offset: this.#base + at, end: this.#base + end, type, flags: buf[at + SYNC.length + 1]!, stored: frame.slice(FRAME_HEADER_BYTES) });
      this.#pos = end;
      this.#need = 0;
    }
  }

  #findSync(from: number): number {
    const buf = this.#buf;
    for (let i = buf.indexOf(SYNC[0]!, from); i >= 0; i = buf.indexOf(SYNC[0]!, i + 1)) {
      if (i + SYNC.length > buf.length) return -1;
      if (equalAt(buf, i, SYNC)) return i;
    }
    return -1;
  }
}
