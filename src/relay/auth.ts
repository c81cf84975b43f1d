/**
 * NIP-42 on the relay side, and what it guards: gift wraps (kind 1059, circle records and key
 * shares). A wrap is served only to a connection authenticated as its `p` recipient or as a
 * peer node (peers carry wraps for others: store and forward). Everyone else gets no wrap, no
 * id and no count of them: reconciliation item sets leave them out too, so an unauthenticated
 * client cannot even learn that a wrap exists.
 *
 * The challenge is sent when the connection opens; a client answers with a kind 22242 event
 * (`["AUTH", event]`) signed by each key it wants to be known by (several are allowed: a node
 * key and its circles' epoch keys).
 */
import { randomBytes } from '@noble/hashes/utils.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { KeruenError } from '../core/errors.ts';
import { verifyWireEvent, nowSeconds, type VerifiedEvent } from '../core/event.ts';
import { Kind } from '../core/kinds.ts';
import type { PublicKey } from '../core/ids.ts';
import type { SyncItem, SyncItemSource } from '../store/sync-items.ts';
import type { EventStore, Filter, PutOutcome, SearchHit, SearchOptions } from '../store/types.ts';

/** NIP-42 client authentication event. */
export const AUTH_KIND = 22242;
/** How far an AUTH event's created_at may be from the relay's clock (NIP-42 suggests ~10 min). */
export const AUTH_WINDOW_SECONDS = 600;

/** What the relay knows about who may read wraps beyond their recipients. */
export interface RelayAuthPolicy {
  /** Keys that carry wraps for others: this node's accepted peers (and its own node key). */
  isPeer(pubkey: string): boolean;
  /** Keys already proved when the connection opened (a peer node's NIP-98 upgrade header). */
  fromUpgrade?(req: import('node:http').IncomingMessage): PublicKey | undefined;
}

const unauthorized = (why: string) => new KeruenError('unauthorized', `auth-required: ${why}`);

/** One connection's authentication: its challenge and the keys it proved. */
export class ConnectionAuth {
  readonly challenge = bytesToHex(randomBytes(16));
  readonly #keys = new Set<string>();
  readonly #policy: RelayAuthPolicy;
  #peer = false;

  constructor(policy: RelayAuthPolicy, proved: readonly string[] = []) {
    this.#policy = policy;
    for (const k of proved) this.#add(k);
  }

  get keys(): readonly string[] {
    return [...this.#keys];
  }

  /** Checks an AUTH event (shape, id, signature, kind, challenge, time) and adds its key. */
  answer(raw: unknown, now = nowSeconds()): VerifiedEvent {
    const event = verifyWireEvent(raw);
    if (event.kind !== AUTH_KIND) throw unauthorized(`an AUTH event is of kind ${AUTH_KIND}, not ${event.kind}`);
    const challenge = event.tags.find((t) => t[0] === 'challenge')?.[1];
    if (challenge !== this.challenge) throw unauthorized('the challenge does not match the one this connection was given');
    // The challenge is this connection's own, so the relay tag only has to be there (NIP-42).
    if (!event.tags.some((t) => t[0] === 'relay' && typeof t[1] === 'string')) throw unauthorized('the AUTH event has no relay tag');
    if (Math.abs(event.created_at - now) > AUTH_WINDOW_SECONDS) throw unauthorized(`created_at is more than ${AUTH_WINDOW_SECONDS} s from the relay's clock`);
    this.#add(event.pubkey);
    return event;
  }

  #add(key: string): void {
    this.#keys.add(key);
    if (this.#policy.isPeer(key)) this.#peer = true;
  }

  /** Whether this connection may see `event`: anything but a wrap, or a wrap for one of its keys. */
  mayRead(event: { kind: number; tags: readonly (readonly string[])[] }): boolean {
    if (event.kind !== Kind.GiftWrap || this.#peer) return true;
    return event.tags.some((t) => t[0] === 'p' && t[1] !== undefined && this.#keys.has(t[1]));
  }

  /** Filters matching only the wraps of `filters` that this connection may not read. */
  hiddenWrapFilters(filters: readonly Filter[]): Filter[] {
    if (this.#peer) return [];
    const out: Filter[] = [];
    for (const f of filters) {
      if (f.kinds !== undefined && !f.kinds.includes(Kind.GiftWrap)) continue;
      out.push({ ...f, kinds: [Kind.GiftWrap] });
    }
    return out;
  }

  /** The same, narrowed to the wraps addressed to this connection's keys (which it may read). */
  shownWrapFilters(filters: readonly Filter[]): Filter[] {
    if (this.#keys.size === 0) return [];
    const mine = [...this.#keys];
    const out: Filter[] = [];
    for (const f of this.hiddenWrapFilters(filters)) {
      const p = f['#p'] === undefined ? mine : f['#p'].filter((k) => this.#keys.has(k));
      if (p.length > 0) out.push({ ...f, '#p': p });
    }
    return out;
  }
}

function withoutLimit(filters: readonly Filter[]): Filter[] {
  return filters.map(({ limit: _limit, ...f }) => f);
}

/**
 * The store as one connection may see it: REQ, COUNT, search and the reconciliation item sets
 * (NIP-77 and KRS) all read through this, so a wrap the connection may not read is left out of
 * every answer, ids and counts included. Writes pass through unchanged (anyone may hand a wrap
 * to the relay to carry).
 */
export function guardedStore(store: EventStore, auth: ConnectionAuth): EventStore & SyncItemSource {
  const visible = (events: VerifiedEvent[]) => events.filter((e) => auth.mayRead(e));
  const hiddenIds = (filters: readonly Filter[]): Set<string> => {
    const hidden = auth.hiddenWrapFilters(filters);
    if (hidden.length === 0) return new Set();
    return new Set(store.query(withoutLimit(hidden)).filter((e) => !auth.mayRead(e)).map((e) => e.id));
  };
  return {
    put: (e): PutOutcome => store.put(e),
    putMany: (es) => store.putMany(es),
    get: (id) => {
      const e = store.get(id);
      return e !== undefined && auth.mayRead(e) ? e : undefined;
    },
    query: (filters) => visible(store.query(filters)),
    count: (filters) => {
      // Counted, not listed: all matches, less the wraps, plus the wraps this connection may read.
      const hidden = auth.hiddenWrapFilters(filters);
      if (hidden.length === 0) return store.count(filters);
      const shown = auth.shownWrapFilters(filters);
      return store.count(filters) - store.count(withoutLimit(hidden)) + (shown.length > 0 ? store.count(withoutLimit(shown)) : 0);
    },
    search: (text: string, opts?: SearchOptions): SearchHit[] => store.search(text, opts).filter((h) => auth.mayRead(h.event)),
    iterate: function* (batchSize?: number) {
      for (const e of store.iterate(batchSize)) if (auth.mayRead(e)) yield e;
    },
    syncItems: (filter: Filter): SyncItem[] => {
      const hidden = hiddenIds([filter]);
      const source = store as Partial<SyncItemSource>;
      const items = typeof source.syncItems === 'function' ? source.syncItems(filter) : store.query([filter]).map((e) => ({ created_at: e.created_at, id: e.id }));
      return hidden.size === 0 ? items : items.filter((i) => !hidden.has(i.id));
    },
    close: () => store.close(),
  };
}
