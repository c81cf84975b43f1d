/**
 * Non-cryptographic mixing for the coded symbols: a 64-bit checksum of each 16-byte item (two
 * 32-bit halves) and the per-item PRNG that picks its symbols. Nothing here protects anything:
 * ids found by decoding are only ids; the records fetched for them are hashed and signature-checked.
 */

/** murmur3's 32-bit finalizer: every input bit flips about half the output bits. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One 32-bit hash of the item's four words, chained through fmix32 from `seed`. */
function mix4(seed: number, w0: number, w1: number, w2: number, w3: number): number {
  let h = fmix32(seed ^ w0);
  h = fmix32(h ^ w1 ^ 0x9e3779b9);
  h = fmix32(h ^ w2 ^ 0x7f4a7c15);
  h = fmix32(h ^ w3 ^ 0x165667b1);
  return h;
}

/** High half of the item's 64-bit checksum. */
export function checksumHi(w0: number, w1: number, w2: number, w3: number): number {
  return mix4(0x243f6a88, w0, w1, w2, w3);
}

/** Low half of the item's 64-bit checksum. */
export function checksumLo(w0: number, w1: number, w2: number, w3: number): number {
  return mix4(0x85a308d3, w0, w1, w2, w3);
}

/**
 * Advances a splitmix32-style PRNG: returns the new state; `prngOut(state)` is its 32-bit output.
 * Stateless apart from a counter, so the per-item state fits in one Uint32Array slot.
 */
export function prngStep(state: number): number {
  return (state + 0x9e3779b9) >>> 0;
}

export function prngOut(state: number): number {
  return fmix32(state ^ 0x5bd1e995);
}

const TWO_16 = 65536;

/**
 * The gap from an item's last symbol index to its next one: the paper's
 * (last + 1.5) * ((1 - u)^(-1/2) - 1), with u = r / 2^32, so (1 - u)^(-1/2) has the law of
 * 2^16 / sqrt(r + 1) (Go reference: 2^32 / sqrt(r + 1) for a 64-bit r). Index i is then chosen
 * with probability about 1 / (1 + i / 2). At least 1, so the walk always moves on.
 */
export function nextGap(last: number, r: number): number {
  const gap = Math.ceil((last + 1.5) * (TWO_16 / Math.sqrt(r + 1) - 1));
  return gap >= 1 ? gap : 1;
}
