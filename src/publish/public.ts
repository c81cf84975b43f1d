/**
 * What may leave this node when it publishes: the one definition every publishing path uses
 * (site, feeds, relays, exports). Publishing is an explicit act (docs/threat-model.md), so this
 * errs on the side of keeping a record home.
 *
 * Public: the main store's records (circle records live in their own store and never get here),
 * except gift wraps (sealed for one recipient), deletion requests, records whose author asked for
 * deletion (the store already drops them), records marked `["keruen", "private"]`, and NIP-70
 * protected records (`["-"]`: the author asked relays not to pass them on).
 */
import type { VerifiedEvent } from '../core/event.ts';
import { Kind } from '../core/kinds.ts';
import type { EventStore, Filter } from '../store/types.ts';

const NEVER_PUBLIC: ReadonlySet<number> = new Set([Kind.GiftWrap, Kind.Deletion]);

export function isPublicRecord(e: Pick<VerifiedEvent, 'kind' | 'tags'>): boolean {
  if (NEVER_PUBLIC.has(e.kind)) return false;
  for (const t of e.tags) {
    if (t[0] === 'keruen' && t[1] === 'private') return false;
    if (t[0] === '-' && t.length === 1) return false;
  }
  return true;
}

/** The public records of a store matching `filter` (NIP-01 semantics), newest first. */
export function publicRecords(store: EventStore, filter: Filter = {}): VerifiedEvent[] {
  return store.query([filter]).filter(isPublicRecord);
}
