/**
 * Rateless encoding of one item set: symbols 0, 1, 2, ... produced in batches. Each item starts
 * at symbol 0 and keeps its place in its own index walk (PRNG state and next index, in typed
 * arrays), so a batch of symbols [from, to) costs one pass over the items plus the items' hits
 * in that range: m symbols over n items cost O(n log m) in all.
 */
import type { ItemSet } from './items.ts';
import { nextGap, prngOut, prngStep } from './hash.ts';
import { emptySymbols, type CodedSymbols } from './symbols.ts';

/** Symbol indices cannot grow past this: a walk that does is simply done. */
export const MAX_SYMBOLS = 2 ** 24;

export class SymbolEncoder {
  readonly #items: ItemSet;
  readonly #state: Uint32Array;
  readonly #next: Float64Array;
  #produced = 0;

  constructor(items: ItemSet) {
    this.#items = items;
    this.#state = new Uint32Array(items.size);
    // The low checksum word seeds the walk: a function of the item alone, as both peers need.
    for (let i = 0; i < items.size; i++) this.#state[i] = items.checksums[i * 2 + 1]!;
    this.#next = new Float64Array(items.size);
  }

  /** Symbols produced so far: the next batch starts here. */
  get produced(): number {
    return this.#produced;
  }

  /** The next `count` symbols. */
  next(count: number): CodedSymbols {
    const from = this.#produced;
    const to = Math.min(from + count, MAX_SYMBOLS);
    const out = emptySymbols(from, to - from);
    const { words, checksums } = this.#items;
    const ow = out.words;
    const oc = out.checksums;
    const on = out.counts;
    const state = this.#state;
    const next = this.#next;
    for (let i = 0; i < this.#items.size; i++) {
      let idx = next[i]!;
      if (idx >= to) continue;
      let s = state[i]!;
      const w0 = words[i * 4]!;
      const w1 = words[i * 4 + 1]!;
      const w2 = words[i * 4 + 2]!;
      const w3 = words[i * 4 + 3]!;
      const hi = checksums[i * 2]!;
      const lo = checksums[i * 2 + 1]!;
      do {
        const j = (idx - from) | 0;
        ow[j * 4] = ow[j * 4]! ^ w0;
        ow[j * 4 + 1] = ow[j * 4 + 1]! ^ w1;
        ow[j * 4 + 2] = ow[j * 4 + 2]! ^ w2;
        ow[j * 4 + 3] = ow[j * 4 + 3]! ^ w3;
        oc[j * 2] = oc[j * 2]! ^ hi;
        oc[j * 2 + 1] = oc[j * 2 + 1]! ^ lo;
        on[j] = on[j]! + 1;
        s = (s + 0x9e3779b9) >>> 0;
        idx += nextGap(idx, prngOut(s));
      } while (idx < to);
      state[i] = s;
      next[i] = idx;
    }
    this.#produced = to;
    return out;
  }
}

/** One item's walk over symbol indices, for the decoder (which walks few items, one at a time). */
export class IndexWalk {
  #state: number;
  #index = 0;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  get index(): number {
    return this.#index;
  }

  advance(): void {
    this.#state = prngStep(this.#state);
    this.#index += nextGap(this.#index, prngOut(this.#state));
  }
}
