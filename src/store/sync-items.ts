/**
 * The (created_at, id) pairs negentropy reconciles, for one filter. A store that can list them
 * without loading whole events (a `syncItems` method) is asked directly; any other EventStore
 * answers through `query`, which is correct but parses every matching event.
 */
import { KeruenError } from '../core/errors.ts';
import type { EventStore, Filter } from './types.ts';

export interface SyncItem {
  created_at: number;
  id: string;
}

/** The optional fast path: matching events' (created_at, id), any order. */
export interface SyncItemSource {
  syncItems(filter: Filter): SyncItem[];
}

function hasSyncItems(store: EventStore): store is EventStore & SyncItemSource {
  return typeof (store as Partial<SyncItemSource>).syncItems === 'function';
}

/**
 * Items for `filter`, refused with a `blocked` error above `max`: a node must not be made to
 * hold a million ids in memory for one peer. `limit` is ignored: a set is reconciled whole.
 */
export function syncItemsFor(store: EventStore, filter: Filter, max: number): SyncItem[] {
  if (filter.search !== undefined) throw KeruenError.usage('search filters cannot be reconciled: remove "search"');
  const { limit: _limit, ...whole } = filter;
  const n = store.count([whole]);
  if (n > max) throw new KeruenError('blocked', `this query is too big: ${n} records, over the limit of ${max}; narrow it (kinds, since, until)`);
  if (hasSyncItems(store)) return store.syncItems(whole);
  return store.query([whole]).map((e) => ({ created_at: e.created_at, id: e.id }));
}
