/**
 * Coded symbols and their wire form. A coded symbol is the XOR of its items' 16 bytes, the XOR
 * of their 64-bit checksums, and a signed count. On the wire each symbol is 16 + 8 bytes then the
 * count as a zigzag LEB128 varint (at most 5 bytes, within 32 bits); a batch is symbols back to
 * back, base64 in the JSON message. Every way a batch can be malformed is a `usage` KeruenError.
 */
import { KeruenError } from '../../core/errors.ts';

/** A run of coded symbols with consecutive indices `from`, `from + 1`, ... */
export interface CodedSymbols {
  readonly from: number;
  readonly count: number;
  /** 4 words per symbol: XOR of the items. */
  readonly words: Uint32Array;
  /** 2 words per symbol: XOR of the items' checksums (high, low). */
  readonly checksums: Uint32Array;
  /** Items added minus items removed. */
  readonly counts: Int32Array;
}

export function emptySymbols(from: number, count: number): CodedSymbols {
  return { from, count, words: new Uint32Array(count * 4), checksums: new Uint32Array(count * 2), counts: new Int32Array(count) };
}

/** Fixed part of a symbol on the wire; the count's varint follows. */
const FIXED_BYTES = 24;
const MAX_VARINT_BYTES = 5;

function malformed(reason: string): KeruenError {
  return KeruenError.usage(`riblt: ${reason}`);
}

/** Binary form of a batch. */
export function encodeSymbols(s: CodedSymbols): Uint8Array {
  const out = new Uint8Array(s.count * (FIXED_BYTES + MAX_VARINT_BYTES));
  const view = new DataView(out.buffer);
  let p = 0;
  for (let i = 0; i < s.count; i++) {
    for (let k = 0; k < 4; k++, p += 4) view.setUint32(p, s.words[i * 4 + k]!);
    view.setUint32(p, s.checksums[i * 2]!);
    view.setUint32(p + 4, s.checksums[i * 2 + 1]!);
    p += 8;
    // Zigzag: small magnitudes of either sign take few bytes.
    const c = s.counts[i]!;
    let z = ((c << 1) ^ (c >> 31)) >>> 0;
    while (z >= 0x80) {
      out[p++] = (z & 0x7f) | 0x80;
      z >>>= 7;
    }
    out[p++] = z;
  }
  return out.slice(0, p);
}

/** Parses a batch that starts at index `from`; more than `maxCount` symbols is refused. */
export function decodeSymbols(bytes: Uint8Array, from: number, maxCount: number): CodedSymbols {
  // Every symbol takes at least 25 bytes: that bounds the allocation before anything is read.
  const upper = Math.min(Math.floor(bytes.length / (FIXED_BYTES + 1)), maxCount);
  const s = emptySymbols(from, upper);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let p = 0;
  let i = 0;
  while (p < bytes.length) {
    if (i >= maxCount) throw malformed(`a batch holds at most ${maxCount} symbols, this one more`);
    if (bytes.length - p < FIXED_BYTES + 1) throw malformed(`symbol ${from + i} is cut short`);
    for (let k = 0; k < 4; k++, p += 4) s.words[i * 4 + k] = view.getUint32(p);
    s.checksums[i * 2] = view.getUint32(p);
    s.checksums[i * 2 + 1] = view.getUint32(p + 4);
    p += 8;
    let z = 0;
    for (let shift = 0; ; shift += 7) {
      if (p >= bytes.length) throw malformed(`symbol ${from + i}: count is cut short`);
      if (shift >= 35) throw malformed(`symbol ${from + i}: count is over 32 bits`);
      const b = bytes[p++]!;
      if (shift === 28 && b > 0x0f) throw malformed(`symbol ${from + i}: count is over 32 bits`);
      z += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
    }
    s.counts[i] = (z >>> 1) ^ -(z & 1);
    i++;
  }
  return i === upper ? s : { from, count: i, words: s.words.slice(0, i * 4), checksums: s.checksums.slice(0, i * 2), counts: s.counts.slice(0, i) };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

/** Standard base64 with padding (RFC 4648 section 4). */
export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    chunk += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | (b >> 4)]!;
    chunk += i + 1 < bytes.length ? ALPHABET[((b & 15) << 2) | (c >> 6)]! : '=';
    chunk += i + 2 < bytes.length ? ALPHABET[c & 63]! : '=';
    if (chunk.length >= 4096) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

/** Strict base64: length a multiple of 4, padding only at the end, no whitespace, no other alphabet. */
export function fromBase64(text: string): Uint8Array {
  if (text.length % 4 !== 0) throw malformed('symbols are not base64 (length is not a multiple of 4)');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const last = i + 4 === text.length;
    const v = [0, 0, 0, 0];
    for (let k = 0; k < 4; k++) {
      const code = text.charCodeAt(i + k);
      if (last && code === 61 && k >= 4 - pad) continue;
      const d = code < 128 ? DECODE[code]! : -1;
      if (d < 0) throw malformed(`symbols are not base64 (character ${i + k})`);
      v[k] = d;
    }
    const n = (v[0]! << 18) | (v[1]! << 12) | (v[2]! << 6) | v[3]!;
    out[o++] = n >>> 16;
    if (o < out.length) out[o++] = (n >>> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}
