/**
 * Peeling decoder for the difference of two item sets, fed symbol batches as they arrive. The
 * cells hold local minus remote: a pure cell of count +1 is an item only the local side has, -1
 * one only the remote side has. Items already peeled are subtracted from every later batch too,
 * so decoding resumes where it stopped. Done when symbol 0 (which holds every item) is empty.
 *
 * A hostile peer can make any cell look pure (the checksum is public mixing, not a MAC), so the
 * work is bounded: at most `maxItems` peeled items, and an item peeled twice is an error.
 */
import { KeruenError } from '../../core/errors.ts';
import { checksumHi, checksumLo } from './hash.ts';
import { IndexWalk } from './encoder.ts';
import { prefixHex } from './items.ts';
import type { CodedSymbols } from './symbols.ts';

export interface DecoderOptions {
  /** Most items the decoder peels before giving up; default 1,000,000. */
  maxItems?: number;
}

interface Peeled {
  w0: number;
  w1: number;
  w2: number;
  w3: number;
  hi: number;
  lo: number;
  /** +1: the local side's, -1: the remote side's. */
  sign: number;
  walk: IndexWalk;
}

export class DifferenceDecoder {
  #words = new Uint32Array(0);
  #checksums = new Uint32Array(0);
  #counts = new Int32Array(0);
  /** Raw (unpeeled) counts, kept for estimating the size of the difference. */
  #rawCounts = new Int32Array(0);
  #m = 0;
  readonly #peeled: Peeled[] = [];
  readonly #seen = new Set<string>();
  readonly #maxItems: number;
  /** Prefixes (32 hex) of items only the local side has, and only the remote side has. */
  readonly localOnly: string[] = [];
  readonly remoteOnly: string[] = [];

  constructor(opts: DecoderOptions = {}) {
    this.#maxItems = opts.maxItems ?? 1_000_000;
  }

  /** Symbols received so far. */
  get symbols(): number {
    return this.#m;
  }

  /** True when every item of the difference has been peeled (symbol 0 is empty). */
  get complete(): boolean {
    if (this.#m === 0) return false;
    const w = this.#words;
    const c = this.#checksums;
    return this.#counts[0] === 0 && (w[0]! | w[1]! | w[2]! | w[3]! | c[0]! | c[1]!) === 0;
  }

  /** Adds the next batch as `local - remote`; both must start where the last batch ended. */
  add(local: CodedSymbols, remote: CodedSymbols): void {
    if (local.from !== this.#m || remote.from !== this.#m) {
      throw KeruenError.usage(`riblt: symbols must continue from ${this.#m}, got ${remote.from}`);
    }
    if (local.count !== remote.count) throw KeruenError.usage(`riblt: expected ${local.count} symbols, got ${remote.count}`);
    const from = this.#m;
    const to = from + remote.count;
    this.#grow(to);
    for (let i = 0; i < remote.count; i++) {
      const j = from + i;
      for (let k = 0; k < 4; k++) this.#words[j * 4 + k] = local.words[i * 4 + k]! ^ remote.words[i * 4 + k]!;
      this.#checksums[j * 2] = local.checksums[i * 2]! ^ remote.checksums[i * 2]!;
      this.#checksums[j * 2 + 1] = local.checksums[i * 2 + 1]! ^ remote.checksums[i * 2 + 1]!;
      this.#counts[j] = (local.counts[i]! - remote.counts[i]!) | 0;
      this.#rawCounts[j] = this.#counts[j]!;
    }
    this.#m = to;
    // Items peeled from earlier batches are in these symbols too.
    for (const p of this.#peeled) this.#apply(p, to, null);
    const queue: number[] = [];
    for (let j = from; j < to; j++) queue.push(j);
    this.#peel(queue);
  }

  /**
   * An estimate of the difference's size from the raw counts: a cell i > 0 holds each item with
   * probability p = 1 / (1 + i / 2), so its count has mean (a - b) p and variance (a + b) p (1 - p),
   * where a - b is symbol 0's count. Never below what was already peeled.
   */
  estimateDifference(): number {
    const diff = this.#rawCounts[0] ?? 0;
    let num = 0;
    let den = 0;
    for (let i = 1; i < this.#m; i++) {
      const p = 1 / (1 + i / 2);
      const c = this.#rawCounts[i]!;
      num += c * c - diff * diff * p * p;
      den += p * (1 - p);
    }
    const est = den > 0 ? num / den : 0;
    return Math.max(Math.abs(diff), this.#peeled.length, Math.round(est));
  }

  #grow(to: number): void {
    if (to <= this.#counts.length) return;
    const size = Math.max(to, this.#counts.length * 2, 64);
    const words = new Uint32Array(size * 4);
    words.set(this.#words);
    const checksums = new Uint32Array(size * 2);
    checksums.set(this.#checksums);
    const counts = new Int32Array(size);
    counts.set(this.#counts);
    const raw = new Int32Array(size);
    raw.set(this.#rawCounts);
    this.#words = words;
    this.#checksums = checksums;
    this.#counts = counts;
    this.#rawCounts = raw;
  }

  #pure(j: number): boolean {
    const c = this.#counts[j]!;
    if (c !== 1 && c !== -1) return false;
    const w = this.#words;
    const b = j * 4;
    return checksumHi(w[b]!, w[b + 1]!, w[b + 2]!, w[b + 3]!) === this.#checksums[j * 2] && checksumLo(w[b]!, w[b + 1]!, w[b + 2]!, w[b + 3]!) === this.#checksums[j * 2 + 1];
  }

  #peel(queue: number[]): void {
    while (queue.length > 0) {
      const j = queue.pop()!;
      if (!this.#pure(j)) continue;
      const w = this.#words;
      const b = j * 4;
      const p: Peeled = { w0: w[b]!, w1: w[b + 1]!, w2: w[b + 2]!, w3: w[b + 3]!, hi: this.#checksums[j * 2]!, lo: this.#checksums[j * 2 + 1]!, sign: this.#counts[j]!, walk: new IndexWalk(this.#checksums[j * 2 + 1]!) };
      const prefix = prefixHex(p.w0, p.w1, p.w2, p.w3);
      if (this.#seen.has(prefix)) throw KeruenError.usage(`riblt: item ${prefix} decoded twice; the symbols are inconsistent`);
      if (this.#peeled.length >= this.#maxItems) throw new KeruenError('blocked', `riblt: the difference is over ${this.#maxItems} items`);
      this.#seen.add(prefix);
      this.#peeled.push(p);
      (p.sign > 0 ? this.localOnly : this.remoteOnly).push(prefix);
      this.#apply(p, this.#m, queue);
    }
  }

  /** Removes a peeled item from its cells below `to`, queueing any that may have become pure. */
  #apply(p: Peeled, to: number, queue: number[] | null): void {
    const w = this.#words;
    const c = this.#checksums;
    for (let j = p.walk.index; j < to; p.walk.advance(), j = p.walk.index) {
      w[j * 4] = w[j * 4]! ^ p.w0;
      w[j * 4 + 1] = w[j * 4 + 1]! ^ p.w1;
      w[j * 4 + 2] = w[j * 4 + 2]! ^ p.w2;
      w[j * 4 + 3] = w[j * 4 + 3]! ^ p.w3;
      c[j * 2] = c[j * 2]! ^ p.hi;
      c[j * 2 + 1] = c[j * 2 + 1]! ^ p.lo;
      this.#counts[j] = (this.#counts[j]! - p.sign) | 0;
      queue?.push(j);
    }
  }
}
