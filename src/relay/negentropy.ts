/**
 * NIP-77 on the relay: NEG-OPEN / NEG-MSG / NEG-CLOSE from a client, answered with NEG-MSG or
 * NEG-ERR. Each open reconciliation holds the sorted (created_at, id) pairs of the store's
 * events matching its filter, snapshotted at NEG-OPEN, and our responder (src/sync/negentropy).
 * Messages are hex on the wire (NIP-77), so the frame limit counts binary bytes, half the text.
 */
import { hexToBytes, bytesToHex } from '@noble/hashes/utils.js';
import { KeruenError, isKeruenError } from '../core/errors.ts';
import { Negentropy, VectorStorage } from '../sync/negentropy/index.ts';
import { syncItemsFor } from '../store/sync-items.ts';
import type { EventStore, Filter } from '../store/types.ts';
import type { NegVerb } from './negentropy-verbs.ts';
import { parseClientMessage, parseSubId, reasonOf, relayMessage, type MessageLimits, type RelayMessage } from './messages.ts';

export interface NegentropyLimits {
  /** Most records one NEG-OPEN may reconcile; a bigger filter gets NEG-ERR "blocked". */
  maxItems: number;
  /** Largest message the responder writes, binary bytes (its hex text is twice that). */
  frameSizeLimit: number;
  /** Reconciliations open at once on one connection (each holds its snapshot in memory). */
  maxSessions: number;
}

export const DEFAULT_NEGENTROPY_LIMITS: Readonly<NegentropyLimits> = Object.freeze({
  maxItems: 500_000,
  // nostr-tools' default: 120 kB of hex, under the 256 kB a Keruen relay or client reads.
  frameSizeLimit: 60_000,
  maxSessions: 4,
});

const HEX = /^(?:[0-9a-f]{2})+$/;

function decodeHex(value: unknown): Uint8Array {
  if (typeof value !== 'string' || !HEX.test(value)) throw KeruenError.usage('negentropy message must be non-empty lowercase hex');
  return hexToBytes(value);
}

export class NegentropySessions {
  readonly #sessions = new Map<string, Negentropy>();
  readonly #store: EventStore;
  readonly #limits: NegentropyLimits & MessageLimits;
  readonly #send: (msg: RelayMessage) => void;
  readonly #onError: (error: unknown) => void;

  constructor(store: EventStore, limits: NegentropyLimits & MessageLimits, send: (msg: RelayMessage) => void, onError: (error: unknown) => void) {
    this.#store = store;
    this.#limits = limits;
    this.#send = send;
    this.#onError = onError;
  }

  get size(): number {
    return this.#sessions.size;
  }

  /** `refused` is set when the connection is over its rate: the client hears why, by sub id. */
  onMessage(verb: NegVerb, args: unknown[], refused?: KeruenError): void {
    const subId = parseSubId(args[0], this.#limits);
    if (subId instanceof KeruenError) return this.#send(relayMessage.notice(reasonOf(subId)));
    if (verb === 'NEG-CLOSE') {
      this.#sessions.delete(subId);
      return;
    }
    try {
      if (refused !== undefined) throw refused;
      const reply = verb === 'NEG-OPEN' ? this.#open(subId, args) : this.#continue(subId, args);
      this.#send(relayMessage.negMsg(subId, bytesToHex(reply)));
    } catch (e) {
      // A NEG-ERR ends the reconciliation (NIP-77); the client may open it again.
      this.#sessions.delete(subId);
      this.#send(relayMessage.negErr(subId, reasonOf(this.#asClientError(e))));
    }
  }

  #open(subId: string, args: unknown[]): Uint8Array {
    if (args.length !== 3) throw KeruenError.usage(`NEG-OPEN takes a subscription id, a filter and a message, got ${args.length} values`);
    // NIP-77: opening an id already in use replaces that reconciliation.
    this.#sessions.delete(subId);
    if (this.#sessions.size >= this.#limits.maxSessions) {
      throw new KeruenError('blocked', `too many reconciliations: at most ${this.#limits.maxSessions} open per connection; NEG-CLOSE one first`);
    }
    const filter = this.#filter(args[1]);
    const query = decodeHex(args[2]);
    const items = syncItemsFor(this.#store, filter, this.#limits.maxItems);
    const neg = new Negentropy(VectorStorage.from(items), 'responder', { frameSizeLimit: this.#limits.frameSizeLimit });
    const reply = neg.reconcile(query).message!;
    this.#sessions.set(subId, neg);
    return reply;
  }

  #continue(subId: string, args: unknown[]): Uint8Array {
    if (args.length !== 2) throw KeruenError.usage(`NEG-MSG takes a subscription id and a message, got ${args.length} values`);
    const neg = this.#sessions.get(subId);
    if (neg === undefined) throw new KeruenError('not_found', `no open reconciliation "${subId}": send NEG-OPEN first`);
    return neg.reconcile(decodeHex(args[1])).message!;
  }

  /** The same checks as a REQ's filter, so both refuse the same things in the same words. */
  #filter(raw: unknown): Filter {
    const parsed = parseClientMessage(JSON.stringify(['REQ', 'neg', raw]), this.#limits);
    if (!parsed.ok) throw parsed.error;
    if (parsed.message.type !== 'REQ' || parsed.message.filters.length !== 1) throw KeruenError.usage('NEG-OPEN takes one filter');
    return parsed.message.filters[0]!;
  }

  #asClientError(e: unknown): KeruenError {
    if (isKeruenError(e)) return e;
    this.#onError(e);
    return new KeruenError('internal', 'could not reconcile');
  }
}
