/**
 * The items reconciled: 16-byte prefixes of event ids, held as four big-endian 32-bit words per
 * item in one typed array, with each item's 64-bit checksum beside them. At 128 bits, a prefix
 * collision among a million ids has probability about n^2 / 2^129 = 1.5e-27.
 */
import { KeruenError } from '../../core/errors.ts';
import { checksumHi, checksumLo } from './hash.ts';

export const ITEM_BYTES = 16;
export const ITEM_HEX = ITEM_BYTES * 2;

export interface ItemSet {
  readonly size: number;
  /** 4 words per item. */
  readonly words: Uint32Array;
  /** 2 words per item: checksum high, low. */
  readonly checksums: Uint32Array;
}

const HEX_PREFIX = /^[0-9a-f]{32}/;

/** Items from event ids (64 hex) or prefixes (32 hex); only the first 32 hex digits count. */
export function itemsFromIds(ids: readonly string[]): ItemSet {
  const n = ids.length;
  const words = new Uint32Array(n * 4);
  const checksums = new Uint32Array(n * 2);
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    if (!HEX_PREFIX.test(id)) throw KeruenError.usage(`riblt: item ${i} is not an id (needs 32 lowercase hex digits at least)`);
    const w0 = hexWord(id, 0);
    const w1 = hexWord(id, 8);
    const w2 = hexWord(id, 16);
    const w3 = hexWord(id, 24);
    words[i * 4] = w0;
    words[i * 4 + 1] = w1;
    words[i * 4 + 2] = w2;
    words[i * 4 + 3] = w3;
    checksums[i * 2] = checksumHi(w0, w1, w2, w3);
    checksums[i * 2 + 1] = checksumLo(w0, w1, w2, w3);
  }
  return { size: n, words, checksums };
}

const NIBBLE = new Uint8Array(128);
for (let i = 0; i < 16; i++) NIBBLE['0123456789abcdef'.charCodeAt(i)] = i;

/** Eight hex digits at `at` as a word (the caller has checked they are hex). */
function hexWord(id: string, at: number): number {
  let w = 0;
  for (let k = 0; k < 8; k++) w = (w << 4) | NIBBLE[id.charCodeAt(at + k)]!;
  return w >>> 0;
}

/** The 32-hex prefix an item's words stand for. */
export function prefixHex(w0: number, w1: number, w2: number, w3: number): string {
  return hex8(w0) + hex8(w1) + hex8(w2) + hex8(w3);
}

function hex8(w: number): string {
  return (w >>> 0).toString(16).padStart(8, '0');
}
