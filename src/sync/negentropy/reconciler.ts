/**
 * Negentropy v1 (range-based set reconciliation), both roles. The initiator opens with
 * fingerprints of 16 buckets over its whole set and learns, round by round, the ids it has
 * that the other side lacks (`have`) and the ids it lacks (`need`). The responder only answers:
 * matching ranges are skipped, differing ranges are split again, and small ranges are answered
 * with its own id list. nostr-tools' Negentropy is initiator-only (as a responder it answers an
 * id list with nothing), which is why the responder is written here, from the spec.
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import { bound, equalBytes, FINGERPRINT_SIZE, ID_SIZE, INFINITY, Mode, protocolError, PROTOCOL_VERSION, Reader, Writer, type Bound } from './codec.ts';
import type { NegStorage } from './storage.ts';

/** Ranges with fewer items than this are sent as id lists; larger ones are split in this many buckets / 2. */
const BUCKETS = 16;
/** Room kept under the frame limit for the closing fingerprint (as in the reference). */
const FRAME_SLACK = 200;
export const MIN_FRAME_SIZE = 4096;

export interface ReconcileOptions {
  /** Largest message this side writes, in bytes (binary, before any hex encoding). 0: no limit. */
  frameSizeLimit?: number;
}

export interface RoundResult {
  /** The next message to send; null when the initiator is done. */
  message: Uint8Array | null;
  /** Initiator only: ids (hex) this side has and the other lacks, found in this round. */
  have: string[];
  /** Initiator only: ids (hex) the other side has and this side lacks. */
  need: string[];
}

export class Negentropy {
  readonly #storage: NegStorage;
  readonly #frameSizeLimit: number;
  readonly #initiator: boolean;
  #initiated = false;

  constructor(storage: NegStorage, role: 'initiator' | 'responder', opts: ReconcileOptions = {}) {
    const limit = opts.frameSizeLimit ?? 0;
    if (limit !== 0 && limit < MIN_FRAME_SIZE) throw protocolError(`frame size limit must be 0 or at least ${MIN_FRAME_SIZE}`);
    this.#storage = storage;
    this.#frameSizeLimit = limit;
    this.#initiator = role === 'initiator';
  }

  /** The initiator's first message: its whole set, split into buckets. */
  initiate(): Uint8Array {
    if (!this.#initiator) throw protocolError('only the initiator opens');
    if (this.#initiated) throw protocolError('already initiated');
    this.#initiated = true;
    const out = new Writer();
    out.byte(PROTOCOL_VERSION);
    this.#splitRange(0, this.#storage.size, bound(INFINITY), out);
    return out.finish();
  }

  reconcile(query: Uint8Array): RoundResult {
    if (this.#initiator && !this.#initiated) throw protocolError('initiate() first');
    const have: string[] = [];
    const need: string[] = [];
    const r = new Reader(query);
    const out = new Writer();
    out.byte(PROTOCOL_VERSION);
    const version = r.byte();
    if (version < 0x60 || version > 0x6f) throw protocolError('invalid protocol version byte');
    if (version !== PROTOCOL_VERSION) {
      if (this.#initiator) throw protocolError(`the other side speaks protocol version ${version - 0x60}, not 1`);
      // Spec: a responder answers an unknown version with the highest one it supports.
      return { message: out.finish(), have, need };
    }
    const storage = this.#storage;
    const size = storage.size;
    let prevBound = bound(0);
    let prevIndex = 0;
    let skip = false;

    while (!r.done) {
      const o = new Writer(out.state);
      // A run of skipped ranges is written once, as one Skip up to the last skipped bound.
      const flushSkip = () => {
        if (!skip) return;
        skip = false;
        o.bound(prevBound);
        o.varint(Mode.Skip);
      };
      const currBound = r.bound();
      const mode = r.varint();
      const lower = prevIndex;
      let upper = storage.findLowerBound(prevIndex, size, currBound);

      if (mode === Mode.Skip) {
        skip = true;
      } else if (mode === Mode.Fingerprint) {
        const theirs = r.bytes(FINGERPRINT_SIZE);
        if (equalBytes(theirs, storage.fingerprint(lower, upper))) skip = true;
        else {
          flushSkip();
          this.#splitRange(lower, upper, currBound, o);
        }
      } else if (mode === Mode.IdList) {
        const n = r.varint();
        const theirs = new Set<string>();
        for (let i = 0; i < n; i++) theirs.add(bytesToHex(r.bytes(ID_SIZE)));
        if (this.#initiator) {
          skip = true;
          for (let i = lower; i < upper; i++) {
            const id = bytesToHex(storage.id(i));
            if (!theirs.delete(id)) have.push(id);
          }
          need.push(...theirs);
        } else {
          // Answer with our ids in the range, cut at the frame limit: the rest of the range then
          // goes back as part of the closing fingerprint below.
          flushSkip();
          const ids = new Writer();
          let endBound = currBound;
          let count = 0;
          for (let i = lower; i < upper; i++) {
            if (this.#exceeded(out.length + o.length + ids.length)) {
              endBound = bound(storage.timestamp(i), storage.id(i));
              upper = i;
              break;
            }
            ids.bytes(storage.id(i));
            count++;
          }
          o.bound(endBound);
          o.varint(Mode.IdList);
          o.varint(count);
          o.bytes(ids.finish());
          out.bytes(o.finish());
          o.length = 0;
        }
      } else {
        throw protocolError(`unknown range mode ${mode}`);
      }

      if (this.#exceeded(out.length + o.length)) {
        // Over the frame limit: stop here and send one fingerprint for everything left, which
        // the other side will answer in the next round.
        out.bound(bound(INFINITY));
        out.varint(Mode.Fingerprint);
        out.bytes(storage.fingerprint(upper, size));
        break;
      }
      out.bytes(o.finish());
      prevIndex = upper;
      prevBound = currBound;
    }
    const message = out.finish();
    // The initiator is done when it has nothing left to ask; a responder always answers.
    return { message: this.#initiator && message.length === 1 ? null : message, have, need };
  }

  #exceeded(n: number): boolean {
    return this.#frameSizeLimit !== 0 && n > this.#frameSizeLimit - FRAME_SLACK;
  }

  #splitRange(lower: number, upper: number, upperBound: Bound, o: Writer): void {
    const storage = this.#storage;
    const n = upper - lower;
    if (n < BUCKETS * 2) {
      o.bound(upperBound);
      o.varint(Mode.IdList);
      o.varint(n);
      for (let i = lower; i < upper; i++) o.bytes(storage.id(i));
      return;
    }
    const per = Math.floor(n / BUCKETS);
    const extra = n % BUCKETS;
    let curr = lower;
    for (let b = 0; b < BUCKETS; b++) {
      const bucketSize = per + (b < extra ? 1 : 0);
      const fp = storage.fingerprint(curr, curr + bucketSize);
      curr += bucketSize;
      o.bound(curr === upper ? upperBound : this.#minimalBound(curr - 1, curr));
      o.varint(Mode.Fingerprint);
      o.bytes(fp);
    }
  }

  /** The shortest bound that separates item `prev` from item `curr` (the next one). */
  #minimalBound(prev: number, curr: number): Bound {
    const s = this.#storage;
    const t = s.timestamp(curr);
    if (s.timestamp(prev) !== t) return bound(t);
    const a = s.id(prev);
    const b = s.id(curr);
    let shared = 0;
    while (shared < ID_SIZE && a[shared] === b[shared]) shared++;
    return bound(t, b.slice(0, shared + 1));
  }
}
