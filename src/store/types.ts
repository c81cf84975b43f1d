/**
 * The storage interface every adapter (SQLite, in-memory, later PostgreSQL) implements.
 * One acceptance suite (test/store/acceptance.ts) runs against each adapter.
 */
import type { Filter } from 'nostr-tools/filter';
import type { VerifiedEvent } from '../core/event.ts';
import type { EventId } from '../core/ids.ts';

export type { Filter };

export type PutOutcome =
  | { status: 'stored' }
  | { status: 'duplicate' }
  /**
   * Not kept: an older replaceable/addressable version, an event deleted by its author (NIP-09),
   * or an ephemeral kind (20000-29999, never stored; reason starts with "ephemeral:").
   */
  | { status: 'superseded'; reason: string };

export interface SearchHit {
  event: VerifiedEvent;
  /** Lower is better (FTS5 bm25). */
  rank: number;
}

export interface SearchOptions {
  kinds?: number[];
  limit?: number;
}

export interface EventStore {
  /** Idempotent; applies NIP-01 replaceable/addressable rules and NIP-09 deletions. */
  put(event: VerifiedEvent): PutOutcome;
  /** Many events in one transaction (what import and sync use). */
  putMany(events: readonly VerifiedEvent[]): PutOutcome[];
  get(id: EventId | string): VerifiedEvent | undefined;
  /** NIP-01 filter semantics: filters OR-ed, newest first, `limit` per filter. */
  query(filters: readonly Filter[]): VerifiedEvent[];
  count(filters: readonly Filter[]): number;
  /** Full-text, cross-script search over every text field. */
  search(text: string, opts?: SearchOptions): SearchHit[];
  /** Every stored event, oldest first, in pages (for export). */
  iterate(batchSize?: number): Iterable<VerifiedEvent>;
  close(): void;
}
