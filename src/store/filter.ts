/**
 * NIP-01 filters compiled to SQL for the SQLite store. The reference semantics are
 * nostr-tools' `matchFilter`; the acceptance suite checks both agree on random data.
 *
 * Lists are passed as one JSON parameter read with json_each, so the SQL text depends only
 * on which fields a filter has (a handful of cached statements, whatever the list sizes,
 * and no limit on the number of bound variables).
 */
import type { Filter } from './types.ts';

export interface CompiledFilter {
  /** A cache key: the SQL of the WHERE clause. */
  where: string;
  params: unknown[];
}

/**
 * The WHERE clause for one filter over `events`. Single-letter tags use the `tags` index
 * table; longer tag names (which NIP-01 relays need not index) fall back to scanning the
 * event's tags JSON, so the result still agrees with matchFilter.
 */
export function compileFilter(filter: Filter): CompiledFilter {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter.ids !== undefined) {
    clauses.push('id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.ids));
  }
  if (filter.authors !== undefined) {
    clauses.push('pubkey IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.authors));
  }
  if (filter.kinds !== undefined) {
    clauses.push('kind IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(filter.kinds));
  }
  for (const [key, values] of Object.entries(filter)) {
    if (!key.startsWith('#') || values === undefined) continue;
    const name = key.slice(1);
    if (name.length === 1) {
      clauses.push('seq IN (SELECT event_seq FROM tags WHERE name = ? AND value IN (SELECT value FROM json_each(?)))');
    } else {
      clauses.push(
        "EXISTS (SELECT 1 FROM json_each(events.tags) t WHERE t.value ->> 0 = ? AND t.value ->> 1 IN (SELECT value FROM json_each(?)))",
      );
    }
    params.push(name, JSON.stringify(values));
  }
  // Like matchFilter, a zero `since`/`until` is treated as absent, so that live subscriptions
  // (matched in JS) and stored queries (matched here) return the same events.
  if (filter.since) {
    clauses.push('created_at >= ?');
    params.push(filter.since);
  }
  if (filter.until) {
    clauses.push('created_at <= ?');
    params.push(filter.until);
  }
  return { where: clauses.length > 0 ? clauses.join(' AND ') : '1', params };
}
