/**
 * An in-memory EventStore with the same semantics as SqliteStore, for tests and the
 * browser. No Node APIs. Search is a scan over folded tokens: fine for thousands of
 * records, not for a mirror's hundreds of thousands (use SqliteStore there).
 */
import type { VerifiedEvent } from '../core/event.ts';
import { Kind } from '../core/kinds.ts';
import { matchFilter } from 'nostr-tools/filter';
import {
  addressOf,
  compareNewestFirst,
  compareOldestFirst,
  DEFAULT_SEARCH_LIMIT,
  DELETED_REASON,
  deletionTargets,
  filterLimit,
  indexText,
  isEphemeral,
  isNewer,
  isPrefixTerm,
  OLDER_REASON,
  searchTerms,
} from './rules.ts';
import type { EventStore, Filter, PutOutcome, SearchHit, SearchOptions } from './types.ts';

interface Entry {
  event: VerifiedEvent;
  /** Folded tokens, computed once at insert. */
  tokens: string[];
}

export class MemoryStore implements EventStore {
  readonly #byId = new Map<string, Entry>();
  /** address "kind:pubkey:d" → id of the stored version. */
  readonly #slots = new Map<string, string>();
  /** `e` deletions: "pubkey:id" of deleted targets. */
  readonly #deletedIds = new Set<string>();
  /** `a` deletions: address → latest deletion created_at. */
  readonly #deletedAddresses = new Map<string, number>();

  put(event: VerifiedEvent): PutOutcome {
    if (this.#byId.has(event.id)) return { status: 'duplicate' };
    if (isEphemeral(event.kind)) return { status: 'superseded', reason: 'ephemeral: kinds 20000-29999 are not stored (NIP-01)' };
    if (event.kind !== Kind.Deletion && this.#deletedIds.has(`${event.pubkey}:${event.id}`)) return { status: 'superseded', reason: DELETED_REASON };
    const address = addressOf(event);
    if (address !== undefined) {
      const deletedAt = this.#deletedAddresses.get(address);
      if (deletedAt !== undefined && event.created_at <= deletedAt) return { status: 'superseded', reason: DELETED_REASON };
      const currentId = this.#slots.get(address);
      const current = currentId === undefined ? undefined : this.#byId.get(currentId);
      if (current !== undefined) {
        if (!isNewer(event, current.event)) return { status: 'superseded', reason: OLDER_REASON };
        this.#remove(current.event);
      }
      this.#slots.set(address, event.id);
    }
    this.#byId.set(event.id, { event, tokens: indexText(event).split(' ').filter((t) => t.length > 0) });
    if (event.kind === Kind.Deletion) this.#applyDeletion(event);
    return { status: 'stored' };
  }

  /** No transactions in memory: a thrown error leaves the earlier events of the batch stored. */
  putMany(events: readonly VerifiedEvent[]): PutOutcome[] {
    return events.map((e) => this.put(e));
  }

  #applyDeletion(deletion: VerifiedEvent): void {
    const { ids, addresses } = deletionTargets(deletion);
    for (const id of ids) {
      this.#deletedIds.add(`${deletion.pubkey}:${id}`);
      const target = this.#byId.get(id)?.event;
      if (target && target.pubkey === deletion.pubkey && target.kind !== Kind.Deletion) this.#remove(target);
    }
    for (const address of addresses) {
      this.#deletedAddresses.set(address, Math.max(this.#deletedAddresses.get(address) ?? -1, deletion.created_at));
      const targetId = this.#slots.get(address);
      const target = targetId === undefined ? undefined : this.#byId.get(targetId)?.event;
      if (target && target.created_at <= deletion.created_at) this.#remove(target);
    }
  }

  #remove(event: VerifiedEvent): void {
    this.#byId.delete(event.id);
    const address = addressOf(event);
    if (address !== undefined && this.#slots.get(address) === event.id) this.#slots.delete(address);
  }

  get(id: string): VerifiedEvent | undefined {
    return this.#byId.get(id)?.event;
  }

  query(filters: readonly Filter[]): VerifiedEvent[] {
    const all = [...this.#byId.values()].map((e) => e.event).sort(compareNewestFirst);
    const found = new Map<string, VerifiedEvent>();
    for (const filter of filters) {
      let left = filterLimit(filter);
      for (const event of all) {
        if (left <= 0) break;
        if (!matchFilter(filter, event)) continue;
        found.set(event.id, event);
        left--;
      }
    }
    return [...found.values()].sort(compareNewestFirst);
  }

  count(filters: readonly Filter[]): number {
    return this.query(filters).length;
  }

  /** All terms must be tokens of the record, the last one as a prefix (if long enough); rank = -(matching tokens). */
  search(text: string, opts: SearchOptions = {}): SearchHit[] {
    const terms = searchTerms(text);
    const limit = Math.max(0, opts.limit ?? DEFAULT_SEARCH_LIMIT);
    if (terms.length === 0 || limit === 0) return [];
    const kinds = opts.kinds === undefined ? undefined : new Set(opts.kinds);
    const prefixed = isPrefixTerm(terms, terms.length - 1);
    const exact = prefixed ? terms.slice(0, -1) : terms;
    const prefix = prefixed ? (terms[terms.length - 1] ?? '') : '';
    const hits: SearchHit[] = [];
    for (const { event, tokens } of this.#byId.values()) {
      if (kinds && !kinds.has(event.kind)) continue;
      let score = 0;
      let ok = true;
      for (const term of exact) {
        const n = tokens.filter((t) => t === term).length;
        if (n === 0) ok = false;
        score += n;
      }
      const p = prefixed ? tokens.filter((t) => t.startsWith(prefix)).length : 0;
      if (!ok || (prefixed && p === 0)) continue;
      hits.push({ event, rank: -(score + p) / tokens.length });
    }
    return hits.sort((a, b) => a.rank - b.rank || compareNewestFirst(a.event, b.event)).slice(0, limit);
  }

  *iterate(batchSize = 500): Iterable<VerifiedEvent> {
    // Snapshot in export order; batchSize only matters for stores that page from disk.
    void batchSize;
    yield* [...this.#byId.values()].map((e) => e.event).sort(compareOldestFirst);
  }

  close(): void {
    this.#byId.clear();
  }
}
