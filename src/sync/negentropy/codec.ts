/**
 * Negentropy protocol v1 wire format (hoytech/negentropy docs/negentropy-protocol-v1.md):
 * varints, bounds with delta-encoded timestamps, and the fingerprint of a range.
 * Pure (no Node APIs) so the browser can reconcile too.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { KeruenError } from '../../core/errors.ts';

export const PROTOCOL_VERSION = 0x61;
export const ID_SIZE = 32;
export const FINGERPRINT_SIZE = 16;
/** The protocol's "infinity" timestamp (max uint64 on the wire, encoded as varint 0). */
export const INFINITY = Number.POSITIVE_INFINITY;

export const Mode = { Skip: 0, Fingerprint: 1, IdList: 2 } as const;

/** An exclusive upper bound: a timestamp and an id prefix (0..32 bytes, missing bytes are 0). */
export interface Bound {
  timestamp: number;
  id: Uint8Array;
}

const EMPTY = new Uint8Array(0);

export function bound(timestamp: number, id: Uint8Array = EMPTY): Bound {
  return { timestamp, id };
}

export function protocolError(reason: string): KeruenError {
  return KeruenError.usage(`negentropy: ${reason}`);
}

/** The last timestamp written in one message: deltas restart with each message. */
export interface TimestampState {
  last: number;
}

/**
 * A growable byte buffer. Scratch writers for one range share the message's timestamp state,
 * because deltas follow the order of encoding, whether or not the range is kept.
 */
export class Writer {
  #buf = new Uint8Array(256);
  length = 0;
  readonly state: TimestampState;

  constructor(state: TimestampState = { last: 0 }) {
    this.state = state;
  }

  #reserve(n: number): void {
    if (this.length + n <= this.#buf.length) return;
    const next = new Uint8Array(Math.max(this.#buf.length * 2, this.length + n));
    next.set(this.#buf.subarray(0, this.length));
    this.#buf = next;
  }

  byte(b: number): void {
    this.#reserve(1);
    this.#buf[this.length++] = b;
  }

  bytes(b: Uint8Array): void {
    this.#reserve(b.length);
    this.#buf.set(b, this.length);
    this.length += b.length;
  }

  /** Base-128, most significant digit first; exact for every integer up to 2^53. */
  varint(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0) throw protocolError(`cannot encode ${n} as a varint`);
    const digits = [n % 128];
    for (let rest = Math.floor(n / 128); rest > 0; rest = Math.floor(rest / 128)) digits.push(rest % 128);
    for (let i = digits.length - 1; i > 0; i--) this.byte(digits[i]! | 0x80);
    this.byte(digits[0]!);
  }

  bound(b: Bound): void {
    if (b.timestamp === INFINITY) {
      this.varint(0);
      this.state.last = INFINITY;
    } else {
      if (b.timestamp < this.state.last) throw protocolError('bounds must be encoded in ascending order');
      this.varint(1 + b.timestamp - this.state.last);
      this.state.last = b.timestamp;
    }
    this.varint(b.id.length);
    this.bytes(b.id);
  }

  finish(): Uint8Array {
    return this.#buf.subarray(0, this.length);
  }
}

export class Reader {
  readonly #buf: Uint8Array;
  #pos = 0;
  #lastTimestamp = 0;

  constructor(buf: Uint8Array) {
    this.#buf = buf;
  }

  get done(): boolean {
    return this.#pos >= this.#buf.length;
  }

  byte(): number {
    if (this.#pos >= this.#buf.length) throw protocolError('message ends prematurely');
    return this.#buf[this.#pos++]!;
  }

  bytes(n: number): Uint8Array {
    if (this.#pos + n > this.#buf.length) throw protocolError('message ends prematurely');
    const out = this.#buf.subarray(this.#pos, this.#pos + n);
    this.#pos += n;
    return out;
  }

  varint(): number {
    let n = 0;
    for (;;) {
      const b = this.byte();
      n = n * 128 + (b & 0x7f);
      // Timestamps and counts of a Keruen store fit in 2^53; larger values are not ours to handle.
      if (n > Number.MAX_SAFE_INTEGER) throw protocolError('varint too large');
      if ((b & 0x80) === 0) return n;
    }
  }

  bound(): Bound {
    const encoded = this.varint();
    let timestamp: number;
    if (encoded === 0 || this.#lastTimestamp === INFINITY) timestamp = INFINITY;
    else timestamp = this.#lastTimestamp + encoded - 1;
    this.#lastTimestamp = timestamp;
    const len = this.varint();
    if (len > ID_SIZE) throw protocolError('bound id prefix longer than 32 bytes');
    return { timestamp, id: this.bytes(len) };
  }
}

/**
 * Fingerprint of a range from the sum of its ids (mod 2^256, 32 bytes little-endian) and its
 * size: the first 16 bytes of sha256(sum || varint(count)).
 */
export function fingerprintOf(sum: Uint8Array, count: number): Uint8Array {
  const w = new Writer();
  w.bytes(sum);
  w.varint(count);
  return sha256(w.finish()).subarray(0, FINGERPRINT_SIZE);
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Compares an item's 32-byte id with a bound's prefix, the prefix padded with zero bytes. */
export function compareIdToPrefix(id: Uint8Array, prefix: Uint8Array): number {
  for (let i = 0; i < ID_SIZE; i++) {
    const p = i < prefix.length ? prefix[i]! : 0;
    if (id[i]! !== p) return id[i]! - p;
  }
  return 0;
}
