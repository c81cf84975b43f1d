/**
 * One client connection: decodes frames, enforces the per-connection limits, answers NIP-01
 * EVENT / REQ / CLOSE, NIP-45 COUNT and NIP-50 search, and delivers live events to its
 * subscriptions. A bad message is answered (OK false, CLOSED or NOTICE) and the connection
 * keeps serving.
 *
 * NIP-50: a filter with `search` is answered from the store's full-text index (cross-script),
 * best match first, with the filter's other fields applied to the hits. Search filters are not
 * matched against live events (relevance has no meaning for one event at a time, and folding
 * every new event for every open search would cost each publish): after EOSE a search
 * subscription only receives events from its other, non-search filters.
 */
import type { WebSocket } from 'ws';
import { matchFilter, matchFilters } from 'nostr-tools/filter';
import { KeruenError, isKeruenError } from '../core/errors.ts';
import { classifyKind } from '../core/kinds.ts';
import { nowSeconds, type VerifiedEvent } from '../core/event.ts';
import type { EventStore, Filter } from '../store/types.ts';
import type { AcceptFn } from './accept.ts';
import { InvalidEventWindow, TokenBucket, type RelayLimits } from './limits.ts';
import { DEFAULT_NEGENTROPY_LIMITS, NegentropySessions, type NegentropyLimits } from './negentropy.ts';
import { DEFAULT_RIBLT_LIMITS, RibltSessions, isKrsFrame } from './riblt.ts';
import { ConnectionAuth, guardedStore, type RelayAuthPolicy } from './auth.ts';
import { claimedId, parseClientMessage, reasonOf, relayMessage, type MessageError, type RelayMessage } from './messages.ts';

export interface RelayContext {
  store: EventStore;
  accept: AcceptFn;
  limits: RelayLimits;
  /** Hands a newly stored (or ephemeral) event to every connection's live subscriptions. */
  broadcast(event: VerifiedEvent): void;
  onEvent?: (event: VerifiedEvent, remote?: string) => void;
  /** Our own failures (not the client's): a store that throws, an accept function with a bug. */
  onError(error: unknown): void;
  now?: () => number;
  negentropy?: Partial<NegentropyLimits>;
  /** NIP-42: given, the connection is challenged and gift wraps are served only as auth.ts allows. */
  auth?: RelayAuthPolicy;
  /** A connection closed for sending too many invalid events (limits.ts, maxInvalidEvents). */
  onDropped?: (report: DroppedConnection) => void;
}

/** What the node tells its user about a client it dropped. */
export interface DroppedConnection {
  address: string;
  reason: string;
  /** ISO time. */
  at: string;
}

/** Codes of an event that is broken or forged, not merely unwanted (an unknown kind, too far ahead). */
const INVALID_EVENT_CODES: ReadonlySet<string> = new Set(['invalid_json', 'invalid_event', 'invalid_id', 'invalid_signature', 'invalid_content', 'invalid_tags']);

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Where a connection writes its messages: a WebSocket, or an HTTP session's outbox (the POST
 * binding). `bufferedAmount` is what is queued and not yet taken by the client, in bytes.
 */
export interface RelayOutput {
  send(text: string): void;
  readonly bufferedAmount: number;
  /** The client's address, for reports about it. */
  readonly remote?: string;
  /** Ends the connection, telling the client why (WebSocket close code and reason). */
  close?(code: number, reason: string): void;
}

/** A WebSocket as a connection's output: messages written only while it is open. */
export function webSocketOutput(ws: WebSocket, remote?: string): RelayOutput {
  return {
    ...(remote !== undefined ? { remote } : {}),
    close: (code, reason) => ws.close(code, reason),
    send: (text) => {
      if (ws.readyState === ws.OPEN) ws.send(text);
    },
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
  };
}

function frameBytes(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

export class Connection {
  readonly #out: RelayOutput;
  readonly #ctx: RelayContext;
  readonly #subs = new Map<string, Filter[]>();
  readonly #bucket: TokenBucket;
  readonly #neg: NegentropySessions;
  readonly #krs: RibltSessions;
  /** Every read goes through this: the store less the wraps this connection may not see (auth.ts). */
  readonly #store: EventStore;
  readonly #auth: ConnectionAuth | undefined;
  readonly #invalid: InvalidEventWindow;
  /** Set once the connection is dropped: frames still in flight are not read. */
  #dropped = false;
  /** Cleared by each keepalive round, set again by the client's pong. */
  alive = true;

  constructor(out: RelayOutput, ctx: RelayContext, proved: readonly string[] = []) {
    this.#out = out;
    this.#ctx = ctx;
    this.#auth = ctx.auth !== undefined ? new ConnectionAuth(ctx.auth, proved) : undefined;
    this.#store = this.#auth !== undefined ? guardedStore(ctx.store, this.#auth) : ctx.store;
    this.#bucket = new TokenBucket(ctx.limits.messagesPerSecond, ctx.limits.messageBurst);
    this.#invalid = new InvalidEventWindow(ctx.limits);
    this.#neg = new NegentropySessions(this.#store, { ...DEFAULT_NEGENTROPY_LIMITS, ...ctx.negentropy, ...ctx.limits }, (m) => this.#send(m), ctx.onError);
    // Keruen reconciliation holds as many items per session as NIP-77 may.
    const krsLimits = { ...DEFAULT_RIBLT_LIMITS, ...(ctx.negentropy?.maxItems !== undefined ? { maxItems: ctx.negentropy.maxItems } : {}), ...ctx.limits };
    this.#krs = new RibltSessions(this.#store, krsLimits, (m) => this.#out.send(JSON.stringify(m)), ctx.onError);
    if (this.#auth !== undefined) this.#send(relayMessage.auth(this.#auth.challenge));
  }

  get subscriptionCount(): number {
    return this.#subs.size;
  }

  onFrame(data: WebSocket.RawData, isBinary: boolean): void {
    if (this.#dropped) return;
    const bytes = frameBytes(data);
    const limited = !this.#bucket.take();
    if (isBinary) return this.#refuse({ error: KeruenError.usage('binary frames are not part of NIP-01; send JSON text') }, limited);
    const { maxMessageBytes } = this.#ctx.limits;
    // Refused before decoding or parsing, so an oversized message costs no CPU.
    if (bytes.length > maxMessageBytes) return this.#refuse({ error: KeruenError.tooLarge('message', bytes.length, maxMessageBytes) }, limited);
    let text: string;
    try {
      // ws is told not to check UTF-8 (it would close the connection): we check and answer instead.
      text = utf8.decode(bytes);
    } catch {
      return this.#refuse({ error: new KeruenError('invalid_json', 'message is not valid UTF-8 text') }, limited);
    }
    // KRS-* (Keruen reconciliation, relay/riblt.ts) is not NIP-01: routed before the parser refuses it.
    if (isKrsFrame(text)) return this.#krs.onFrame(text, limited ? this.#rateError() : undefined);
    const parsed = parseClientMessage(text, this.#ctx.limits);
    if (!parsed.ok) return this.#refuse(parsed, limited);
    const msg = parsed.message;
    if (msg.type === 'NEG') return this.#neg.onMessage(msg.verb, msg.args, limited ? this.#rateError() : undefined);
    if (limited) {
      // Named in the answer, so a publisher gets its OK and a subscriber its CLOSED instead of waiting.
      const named = msg.type === 'EVENT' || msg.type === 'AUTH' ? { eventId: claimedId(msg.event) } : msg.type === 'CLOSE' ? {} : { subId: msg.subId };
      return this.#refuse({ error: this.#rateError(), ...named }, false);
    }
    switch (msg.type) {
      case 'EVENT':
        return this.#onEvent(msg.event);
      case 'REQ':
        return this.#onReq(msg.subId, msg.filters);
      case 'COUNT':
        return this.#onCount(msg.subId, msg.filters);
      case 'CLOSE':
        this.#subs.delete(msg.subId);
        return;
      case 'AUTH':
        return this.#onAuth(msg.event);
    }
  }

  /** Sends `event` to every subscription of this connection whose filters match it. */
  deliver(event: VerifiedEvent): void {
    for (const [subId, filters] of this.#subs) {
      if (!matchFilters(filters, event)) continue;
      if (this.#auth !== undefined && !this.#auth.mayRead(event)) continue;
      if (this.#overloaded(subId)) continue;
      this.#send(relayMessage.event(subId, event));
    }
  }

  /**
   * Answers a refused message in the most specific form NIP-01 allows: OK false for an event
   * with an id, CLOSED for a subscription, NOTICE otherwise. A rate-limited client that sent
   * garbage hears about the rate, which is what it must fix first.
   */
  #refuse(m: MessageError, limited: boolean): void {
    const error = limited ? this.#rateError() : m.error;
    const reason = reasonOf(error);
    if (m.eventId !== undefined) this.#send(relayMessage.ok(m.eventId, false, reason));
    else if (m.subId !== undefined) {
      // CLOSED means closed: a refused REQ also ends an open subscription of the same id.
      this.#subs.delete(m.subId);
      this.#send(relayMessage.closed(m.subId, reason));
    } else this.#send(relayMessage.notice(reason));
  }

  /**
   * A client that keeps sending forged or broken events is not a client we serve: told why
   * (NOTICE, then close 1008), and reported to the node's user with its address.
   */
  #drop(last: KeruenError): void {
    this.#dropped = true;
    const { maxInvalidEvents, invalidWindowMs } = this.#ctx.limits;
    const reason = `sent ${maxInvalidEvents} invalid events within ${Math.round(invalidWindowMs / 1000)} s (last: ${last.message.slice(0, 200)})`;
    this.#send(relayMessage.notice(`invalid: ${reason}; closing this connection`));
    this.#subs.clear();
    // A WebSocket close reason is at most 123 bytes.
    this.#out.close?.(1008, `too many invalid events (${maxInvalidEvents} in ${Math.round(invalidWindowMs / 1000)} s)`);
    this.#ctx.onDropped?.({ address: this.#out.remote ?? 'unknown', reason, at: new Date().toISOString() });
  }

  /** Whether this connection was closed for sending invalid events. */
  get dropped(): boolean {
    return this.#dropped;
  }

  #rateError(): KeruenError {
    return new KeruenError('rate_limited', `slow down: over ${this.#ctx.limits.messagesPerSecond} messages per second`);
  }

  #onEvent(raw: unknown): void {
    const eventId = claimedId(raw);
    let event: VerifiedEvent;
    try {
      event = this.#ctx.accept(raw);
    } catch (e) {
      const error = this.#asClientError(e, 'could not check this event');
      this.#refuse({ error, eventId }, false);
      if (INVALID_EVENT_CODES.has(error.code) && this.#invalid.add()) this.#drop(error);
      return;
    }
    const ahead = event.created_at - (this.#ctx.now ?? nowSeconds)();
    if (ahead > this.#ctx.limits.maxFutureSeconds) {
      const error = KeruenError.invalidEvent(`created_at is in the future (${ahead} s ahead of this relay's clock, ${this.#ctx.limits.maxFutureSeconds} s allowed)`);
      return this.#refuse({ error, eventId: event.id }, false);
    }
    if (classifyKind(event.kind) === 'ephemeral') {
      // NIP-01: ephemeral events are passed on to subscribers and never stored.
      this.#send(relayMessage.ok(event.id, true, ''));
      this.#ctx.broadcast(event);
      return;
    }
    let outcome;
    try {
      outcome = this.#ctx.store.put(event);
    } catch (e) {
      return this.#refuse({ error: this.#asClientError(e, 'could not store this event'), eventId: event.id }, false);
    }
    switch (outcome.status) {
      case 'stored':
        this.#send(relayMessage.ok(event.id, true, ''));
        this.#ctx.broadcast(event);
        this.#ctx.onEvent?.(event, this.#out.remote);
        return;
      case 'duplicate':
        this.#send(relayMessage.ok(event.id, true, 'duplicate: already have this event'));
        return;
      case 'superseded':
        // Valid but not kept: an older version of a replaceable record, or deleted by its author.
        this.#send(relayMessage.ok(event.id, false, `blocked: ${outcome.reason}`));
        return;
    }
  }

  /** NIP-42: OK true and the key is known to this connection from now on; OK false with the reason. */
  #onAuth(raw: unknown): void {
    const eventId = claimedId(raw);
    if (this.#auth === undefined) return this.#refuse({ error: KeruenError.usage('this relay does not ask for authentication'), eventId }, false);
    try {
      const event = this.#auth.answer(raw, (this.#ctx.now ?? nowSeconds)());
      this.#send(relayMessage.ok(event.id, true, ''));
    } catch (e) {
      this.#refuse({ error: this.#asClientError(e, 'could not check this AUTH event'), eventId }, false);
    }
  }

  #onReq(subId: string, filters: Filter[]): void {
    const { maxSubscriptions } = this.#ctx.limits;
    if (!this.#subs.has(subId) && this.#subs.size >= maxSubscriptions) {
      const error = new KeruenError('blocked', `too many subscriptions: at most ${maxSubscriptions} open per connection; CLOSE one first`);
      return this.#refuse({ error, subId }, false);
    }
    // A REQ reusing an id replaces the old subscription (NIP-01).
    this.#subs.delete(subId);
    let stored: VerifiedEvent[];
    try {
      stored = this.#lookup(this.#clamp(filters));
    } catch (e) {
      return this.#refuse({ error: this.#asClientError(e, 'could not query the store'), subId }, false);
    }
    // The store is synchronous, so no live event can slip in between the query and this line.
    // Search filters are left out of the live set (see the note at the top of this file).
    this.#subs.set(
      subId,
      filters.filter((f) => f.search === undefined),
    );
    for (const event of stored) {
      if (this.#overloaded(subId)) return;
      this.#send(relayMessage.event(subId, event));
    }
    this.#send(relayMessage.eose(subId));
  }

  #onCount(subId: string, filters: Filter[]): void {
    try {
      // A search is bounded by the index's window: its count is of the hits a REQ would return.
      const n = filters.some((f) => f.search !== undefined) ? this.#lookup(this.#clamp(filters)).length : this.#store.count(filters);
      this.#send(relayMessage.count(subId, n));
    } catch (e) {
      this.#refuse({ error: this.#asClientError(e, 'could not count'), subId }, false);
    }
  }

  /**
   * A client that does not read fast enough loses the subscription, with a CLOSED saying so,
   * instead of growing our send queue without bound; it may REQ again with a narrower filter.
   */
  #overloaded(subId: string): boolean {
    const max = this.#ctx.limits.maxBufferedBytes;
    if (this.#out.bufferedAmount <= max) return false;
    this.#subs.delete(subId);
    this.#send(relayMessage.closed(subId, `error: over ${max} bytes queued for this connection; read faster or narrow the filter`));
    return true;
  }

  /** Plain filters newest first (NIP-01), then each search filter's hits best first (NIP-50), no repeats. */
  #lookup(filters: Filter[]): VerifiedEvent[] {
    const plain = filters.filter((f) => f.search === undefined);
    const out = plain.length > 0 ? this.#store.query(plain) : [];
    if (plain.length === filters.length) return out;
    const seen = new Set<string>(out.map((e) => e.id));
    for (const f of filters) {
      if (f.search === undefined) continue;
      for (const e of this.#search(f.search, f)) {
        if (seen.has(e.id)) continue;
        seen.add(e.id);
        out.push(e);
      }
    }
    return out;
  }

  #search(words: string, filter: Filter): VerifiedEvent[] {
    const { search: _search, limit, ...rest } = filter;
    const want = limit ?? this.#ctx.limits.maxLimit;
    if (want === 0) return [];
    // The store narrows by kind itself; other fields are applied to its hits, so ask it for
    // as many as allowed when they may drop some, or the answer would come up short.
    const narrowed = Object.keys(rest).some((k) => k !== 'kinds');
    const hits = this.#store.search(words, {
      ...(rest.kinds !== undefined ? { kinds: rest.kinds } : {}),
      limit: narrowed ? this.#ctx.limits.maxLimit : want,
    });
    const out: VerifiedEvent[] = [];
    for (const { event } of hits) {
      if (out.length >= want) break;
      if (matchFilter(rest, event)) out.push(event);
    }
    return out;
  }

  #clamp(filters: Filter[]): Filter[] {
    const max = this.#ctx.limits.maxLimit;
    return filters.map((f) => ({ ...f, limit: Math.min(f.limit ?? max, max) }));
  }

  /** KeruenErrors are the client's to read; anything else is our bug: report it, tell the client little. */
  #asClientError(e: unknown, what: string): KeruenError {
    if (isKeruenError(e)) return e;
    this.#ctx.onError(e);
    return new KeruenError('internal', what);
  }

  #send(msg: RelayMessage): void {
    this.#out.send(JSON.stringify(msg));
  }
}

