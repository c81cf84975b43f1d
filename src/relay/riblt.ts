/**
 * Keruen reconciliation on the relay (docs/protocol.md, "Keruen reconciliation"): a client sends
 * rateless IBLT symbols of its set (src/sync/riblt); the relay subtracts them from its own,
 * peels, and either asks for more (KRS-MORE) or answers the whole difference (KRS-DIFF). Only
 * Keruen nodes speak it; NIP-77 stays for everyone else.
 *
 * Everything a client can make the relay do is bounded: items per session (NIP-77's limit),
 * symbols per session and per message, sessions per connection, items peeled.
 */
import { KeruenError, isKeruenError } from '../core/errors.ts';
import { syncItemsFor, type SyncItem } from '../store/sync-items.ts';
import type { EventStore, Filter } from '../store/types.ts';
import { DifferenceDecoder, ITEM_HEX, SymbolEncoder, decodeSymbols, fromBase64, itemsFromIds } from '../sync/riblt/index.ts';
import { parseClientMessage, parseSubId, reasonOf, type MessageLimits } from './messages.ts';

export type KrsVerb = 'KRS-OPEN' | 'KRS-MSG' | 'KRS-CLOSE';

/** Messages the relay sends for this protocol. */
export type KrsRelayMessage =
  | ['KRS-MORE', string, { from: number; count: number }]
  | ['KRS-DIFF', string, { need: string[]; have: string[] }]
  | ['KRS-ERR', string, string]
  | ['NOTICE', string];

export interface RibltLimits {
  /** Most records one KRS-OPEN may reconcile (as NIP-77's maxItems). */
  maxItems: number;
  /** Most symbols one session may send: about 0.7 differing records per symbol can be found. */
  maxSymbols: number;
  /** Most symbols in one message (each is about 36 characters of base64). */
  maxBatch: number;
  /** Reconciliations open at once on one connection. */
  maxSessions: number;
}

export const DEFAULT_RIBLT_LIMITS: Readonly<RibltLimits> = Object.freeze({
  maxItems: 500_000,
  maxSymbols: 65_536,
  // 6,000 symbols are about 216 kB of base64: under the 256 kB a Keruen relay reads.
  maxBatch: 6_000,
  maxSessions: 2,
});

/** What the relay says in its NIP-11 document (`keruen` field) about this protocol. */
export function ribltInfo(limits: RibltLimits = DEFAULT_RIBLT_LIMITS) {
  return { reconcile: ['riblt-1'], riblt: { max_items: limits.maxItems, max_symbols: limits.maxSymbols, max_batch: limits.maxBatch } };
}

/** Cheap test on the raw text, so KRS frames are routed here before the NIP-01 parser refuses them. */
export function isKrsFrame(text: string): boolean {
  return /^\s*\[\s*"KRS-/.test(text);
}

interface Session {
  items: SyncItem[];
  encoder: SymbolEncoder;
  decoder: DifferenceDecoder;
  clientCount: number;
}

export class RibltSessions {
  readonly #sessions = new Map<string, Session>();
  readonly #store: EventStore;
  readonly #limits: RibltLimits & MessageLimits;
  readonly #send: (msg: KrsRelayMessage) => void;
  readonly #onError: (error: unknown) => void;

  constructor(store: EventStore, limits: RibltLimits & MessageLimits, send: (msg: KrsRelayMessage) => void, onError: (error: unknown) => void) {
    this.#store = store;
    this.#limits = limits;
    this.#send = send;
    this.#onError = onError;
  }

  get size(): number {
    return this.#sessions.size;
  }

  /** One KRS-* text frame; `refused` is set when the connection is over its rate. */
  onFrame(text: string, refused?: KeruenError): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return this.#send(['NOTICE', reasonOf(KeruenError.invalidJson('message', (e as Error).message))]);
    }
    if (!Array.isArray(value) || typeof value[0] !== 'string') return this.#send(['NOTICE', reasonOf(KeruenError.usage('message must be a JSON array starting with its type'))]);
    const [verb, ...args] = value as [string, ...unknown[]];
    const subId = parseSubId(args[0], this.#limits);
    if (subId instanceof KeruenError) return this.#send(['NOTICE', reasonOf(subId)]);
    if (verb === 'KRS-CLOSE') {
      this.#sessions.delete(subId);
      return;
    }
    try {
      if (refused !== undefined) throw refused;
      if (verb === 'KRS-OPEN') this.#open(subId, args);
      else if (verb === 'KRS-MSG') this.#continue(subId, args);
      else throw KeruenError.usage(`unknown message type "${verb.slice(0, 32)}"`);
    } catch (e) {
      // A KRS-ERR ends the session; the client may open it again, or fall back to NIP-77.
      this.#sessions.delete(subId);
      this.#send(['KRS-ERR', subId, reasonOf(this.#asClientError(e))]);
    }
  }

  #open(subId: string, args: unknown[]): void {
    if (args.length !== 3) throw KeruenError.usage(`KRS-OPEN takes a subscription id, a filter and an object, got ${args.length} values`);
    // As NEG-OPEN: opening an id already in use replaces that session.
    this.#sessions.delete(subId);
    if (this.#sessions.size >= this.#limits.maxSessions) {
      throw new KeruenError('blocked', `too many reconciliations: at most ${this.#limits.maxSessions} open per connection; KRS-CLOSE one first`);
    }
    const filter = this.#filter(args[1]);
    const body = objectArg(args[2], 'KRS-OPEN');
    const n = body.n;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw KeruenError.usage('KRS-OPEN: "n" must be the client\'s item count, a whole number');
    if (body.from !== 0) throw KeruenError.usage('KRS-OPEN: "from" must be 0');
    const items = syncItemsFor(this.#store, filter, this.#limits.maxItems);
    const session: Session = {
      items,
      encoder: new SymbolEncoder(itemsFromIds(items.map((i) => i.id))),
      // A difference has at most one item per symbol sent, and each side's items at most.
      decoder: new DifferenceDecoder({ maxItems: Math.min(this.#limits.maxSymbols, items.length + n) }),
      clientCount: n,
    };
    this.#sessions.set(subId, session);
    this.#batch(subId, session, body);
  }

  #continue(subId: string, args: unknown[]): void {
    if (args.length !== 2) throw KeruenError.usage(`KRS-MSG takes a subscription id and an object, got ${args.length} values`);
    const session = this.#sessions.get(subId);
    if (session === undefined) throw new KeruenError('not_found', `no open reconciliation "${subId}": send KRS-OPEN first`);
    this.#batch(subId, session, objectArg(args[1], 'KRS-MSG'));
  }

  #batch(subId: string, s: Session, body: Record<string, unknown>): void {
    const from = s.decoder.symbols;
    if (body.from !== from) throw KeruenError.usage(`"from" must be ${from}, the next symbol expected`);
    if (typeof body.symbols !== 'string' || body.symbols.length === 0) throw KeruenError.usage('"symbols" must be non-empty base64');
    const room = Math.min(this.#limits.maxBatch, this.#limits.maxSymbols - from);
    const remote = decodeSymbols(fromBase64(body.symbols), from, room);
    if (remote.count === 0) throw KeruenError.usage('"symbols" holds no symbol');
    s.decoder.add(s.encoder.next(remote.count), remote);
    if (s.decoder.complete) {
      this.#sessions.delete(subId);
      this.#send(['KRS-DIFF', subId, { need: fullIds(s.items, s.decoder.localOnly), have: s.decoder.remoteOnly }]);
      return;
    }
    const m = s.decoder.symbols;
    if (m >= this.#limits.maxSymbols) {
      throw new KeruenError('blocked', `the difference did not decode in ${this.#limits.maxSymbols} symbols (over about ${Math.floor(this.#limits.maxSymbols / 1.5)} records); reconcile a narrower filter or use NIP-77`);
    }
    this.#send(['KRS-MORE', subId, { from: m, count: Math.min(this.#nextCount(s), this.#limits.maxBatch, this.#limits.maxSymbols - m) }]);
  }

  /**
   * How many more symbols to ask for: enough for the estimated difference with a margin (about
   * 1.4 to 1.7 symbols decode one record, and the estimate is within about 30%), never less than
   * doubling, so a bad estimate costs one more round and no more.
   */
  #nextCount(s: Session): number {
    const m = s.decoder.symbols;
    const lowerBound = Math.abs(s.items.length - s.clientCount);
    const estimate = Math.max(s.decoder.estimateDifference(), lowerBound);
    return Math.max(m, Math.ceil(2.1 * estimate) - m);
  }

  /** The same checks as a REQ's filter, so both refuse the same things in the same words. */
  #filter(raw: unknown): Filter {
    const parsed = parseClientMessage(JSON.stringify(['REQ', 'krs', raw]), this.#limits);
    if (!parsed.ok) throw parsed.error;
    if (parsed.message.type !== 'REQ' || parsed.message.filters.length !== 1) throw KeruenError.usage('KRS-OPEN takes one filter');
    return parsed.message.filters[0]!;
  }

  #asClientError(e: unknown): KeruenError {
    if (isKeruenError(e)) return e;
    this.#onError(e);
    return new KeruenError('internal', 'could not reconcile');
  }
}

function objectArg(value: unknown, verb: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw KeruenError.usage(`${verb}: the last value must be an object`);
  return value as Record<string, unknown>;
}

/** Our full ids for decoded prefixes (one pass over the session's items). */
function fullIds(items: SyncItem[], prefixes: string[]): string[] {
  if (prefixes.length === 0) return [];
  const wanted = new Set(prefixes);
  const out: string[] = [];
  for (const { id } of items) if (wanted.has(id.slice(0, ITEM_HEX))) out.push(id);
  return out;
}
