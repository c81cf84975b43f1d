/**
 * The item set one side reconciles: (timestamp, id) pairs sorted ascending by timestamp, then
 * id bytes. The interface is what the protocol needs; VectorStorage keeps prefix sums of the
 * ids so that any range's fingerprint costs O(1) instead of a pass over the range.
 */
import { hexToBytes } from '@noble/hashes/utils.js';
import { compareIdToPrefix, fingerprintOf, ID_SIZE, protocolError, type Bound } from './codec.ts';

export interface NegItem {
  created_at: number;
  /** 64 lowercase hex characters. */
  id: string;
}

export interface NegStorage {
  readonly size: number;
  timestamp(i: number): number;
  /** The 32 id bytes of item i (a view: do not keep or change it). */
  id(i: number): Uint8Array;
  /** First index in [begin, end) whose item is not below `bound` (end if none). */
  findLowerBound(begin: number, end: number, bound: Bound): number;
  fingerprint(begin: number, end: number): Uint8Array;
}

const LIMBS = ID_SIZE / 4;

function compareItems(a: { t: number; id: Uint8Array }, b: { t: number; id: Uint8Array }): number {
  if (a.t !== b.t) return a.t - b.t;
  for (let i = 0; i < ID_SIZE; i++) if (a.id[i] !== b.id[i]) return a.id[i]! - b.id[i]!;
  return 0;
}

export class VectorStorage implements NegStorage {
  readonly size: number;
  readonly #timestamps: Float64Array;
  readonly #ids: Uint8Array;
  /** prefix[i] = sum of ids [0, i) mod 2^256, as 8 little-endian 32-bit limbs. */
  readonly #prefix: Uint32Array;

  private constructor(timestamps: Float64Array, ids: Uint8Array) {
    this.size = timestamps.length;
    this.#timestamps = timestamps;
    this.#ids = ids;
    this.#prefix = new Uint32Array((this.size + 1) * LIMBS);
    const view = new DataView(ids.buffer, ids.byteOffset, ids.byteLength);
    for (let i = 0; i < this.size; i++) {
      let carry = 0;
      for (let k = 0; k < LIMBS; k++) {
        const s = this.#prefix[i * LIMBS + k]! + view.getUint32(i * ID_SIZE + k * 4, true) + carry;
        this.#prefix[(i + 1) * LIMBS + k] = s >>> 0;
        carry = s > 0xffffffff ? 1 : 0;
      }
    }
  }

  /** Sorts the items; a repeated id (the same event twice) is kept once. */
  static from(items: Iterable<NegItem>): VectorStorage {
    const list: { t: number; id: Uint8Array }[] = [];
    for (const item of items) {
      if (!Number.isSafeInteger(item.created_at) || item.created_at < 0) throw protocolError(`bad timestamp ${item.created_at}`);
      const id = hexToBytes(item.id);
      if (id.length !== ID_SIZE) throw protocolError('ids must be 32 bytes');
      list.push({ t: item.created_at, id });
    }
    list.sort(compareItems);
    const unique = list.filter((x, i) => i === 0 || compareItems(list[i - 1]!, x) !== 0);
    const timestamps = new Float64Array(unique.length);
    const ids = new Uint8Array(unique.length * ID_SIZE);
    unique.forEach((x, i) => {
      timestamps[i] = x.t;
      ids.set(x.id, i * ID_SIZE);
    });
    return new VectorStorage(timestamps, ids);
  }

  timestamp(i: number): number {
    return this.#timestamps[i]!;
  }

  id(i: number): Uint8Array {
    return this.#ids.subarray(i * ID_SIZE, (i + 1) * ID_SIZE);
  }

  findLowerBound(begin: number, end: number, b: Bound): number {
    let lo = begin;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const t = this.#timestamps[mid]!;
      const below = t < b.timestamp || (t === b.timestamp && compareIdToPrefix(this.id(mid), b.id) < 0);
      if (below) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  fingerprint(begin: number, end: number): Uint8Array {
    if (begin < 0 || end > this.size || begin > end) throw protocolError('bad range');
    const sum = new Uint8Array(ID_SIZE);
    const view = new DataView(sum.buffer);
    let borrow = 0;
    for (let k = 0; k < LIMBS; k++) {
      const d = this.#prefix[end * LIMBS + k]! - this.#prefix[begin * LIMBS + k]! - borrow;
      view.setUint32(k * 4, d >>> 0, true);
      borrow = d < 0 ? 1 : 0;
    }
    return fingerprintOf(sum, end - begin);
  }
}
