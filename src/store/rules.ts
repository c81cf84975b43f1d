/**
 * NIP-01 replaceable/addressable and NIP-09 deletion rules, shared by every store adapter
 * so that SQLite and in-memory stores cannot drift apart. Pure: no Node APIs (the
 * in-memory store runs in the browser).
 */
import type { NostrEvent } from '../core/event.ts';
import { foldText, foldToken, tokenize } from '../core/fold.ts';
import { classifyKind, Kind } from '../core/kinds.ts';
import { searchableText } from '../core/text.ts';
import type { Filter } from './types.ts';

/**
 * The slot a replaceable or addressable event competes for: "kind:pubkey:d", with an
 * empty d for replaceable kinds (NIP-01 `a` tag form). Undefined for regular kinds.
 */
export function addressOf(event: Pick<NostrEvent, 'kind' | 'pubkey' | 'tags'>): string | undefined {
  const cls = classifyKind(event.kind);
  if (cls === 'replaceable') return `${event.kind}:${event.pubkey}:`;
  if (cls === 'addressable') return `${event.kind}:${event.pubkey}:${dTag(event.tags)}`;
  return undefined;
}

/** The first `d` tag's value, '' when absent (NIP-01). */
export function dTag(tags: readonly (readonly string[])[]): string {
  for (const t of tags) if (t[0] === 'd') return t[1] ?? '';
  return '';
}

/** NIP-01: the newer wins; on equal timestamps, the lowest id wins. */
export function isNewer(a: Pick<NostrEvent, 'created_at' | 'id'>, b: Pick<NostrEvent, 'created_at' | 'id'>): boolean {
  return a.created_at > b.created_at || (a.created_at === b.created_at && a.id < b.id);
}

export function isEphemeral(kind: number): boolean {
  return classifyKind(kind) === 'ephemeral';
}

export interface DeletionTargets {
  /** Event ids named by `e` tags. */
  ids: string[];
  /** Addresses named by `a` tags whose pubkey is the deleter's own (others' are ignored). */
  addresses: string[];
}

/**
 * What a kind 5 event asks to delete. Only the author's own events can be deleted:
 * `a` addresses are filtered here by pubkey; `e` ids are matched against the target's
 * pubkey when the target is known (now or when it arrives later).
 */
export function deletionTargets(event: Pick<NostrEvent, 'kind' | 'pubkey' | 'tags'>): DeletionTargets {
  const ids: string[] = [];
  const addresses: string[] = [];
  if (event.kind !== Kind.Deletion) return { ids, addresses };
  for (const t of event.tags) {
    const v = t[1];
    if (v === undefined) continue;
    if (t[0] === 'e' && /^[0-9a-f]{64}$/.test(v)) ids.push(v);
    if (t[0] === 'a') {
      const m = /^(\d+):([0-9a-f]{64}):/.exec(v);
      if (m && m[2] === event.pubkey) addresses.push(v);
    }
  }
  return { ids, addresses };
}

/** Why an event was refused because its author deleted it. */
export const DELETED_REASON = 'deleted: the author published a deletion request (NIP-09)';
export const OLDER_REASON = 'replaced: a newer version is stored (NIP-01)';

/**
 * The number of events a filter can return: 0 for empty lists, else `limit`
 * (mirrors nostr-tools' getFilterLimit for the parts that do not depend on kinds).
 */
export function filterLimit(filter: Filter): number {
  for (const [key, value] of Object.entries(filter)) {
    if ((key === 'ids' || key === 'kinds' || key === 'authors' || key.startsWith('#')) && Array.isArray(value) && value.length === 0) return 0;
  }
  return filter.limit === undefined ? Infinity : Math.max(0, filter.limit);
}

/** Storage order for query results: newest first, ties by id ascending. */
export function compareNewestFirst(a: Pick<NostrEvent, 'created_at' | 'id'>, b: Pick<NostrEvent, 'created_at' | 'id'>): number {
  if (a.created_at !== b.created_at) return b.created_at - a.created_at;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Export order: oldest first, ties by id ascending (the keyset the SQLite store pages on). */
export function compareOldestFirst(a: Pick<NostrEvent, 'created_at' | 'id'>, b: Pick<NostrEvent, 'created_at' | 'id'>): number {
  if (a.created_at !== b.created_at) return a.created_at - b.created_at;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export const DEFAULT_SEARCH_LIMIT = 50;

/**
 * The last query term is matched as a prefix (search as you type) only from this length:
 * a one- or two-letter prefix expands to a large part of the vocabulary and costs a scan
 * of most of the index for results nobody can use.
 */
export const MIN_PREFIX_LENGTH = 3;

export function isPrefixTerm(terms: readonly string[], i: number): boolean {
  return i === terms.length - 1 && (terms[i]?.length ?? 0) >= MIN_PREFIX_LENGTH;
}

/**
 * A search query as folded keys (the same folding as the index), so that any script
 * meets any other. Folded keys are [a-z0-9] only, which is also what makes user input
 * unable to inject FTS5 syntax.
 */
export function searchTerms(query: string): string[] {
  return foldText(query).split(' ').filter((t) => t.length > 0);
}

/**
 * Word → folded key. Folding one word (transliteration and a dozen rewrite rules) costs
 * about 1.5 µs; a corpus repeats its words (Zipf), so caching cuts the indexing cost of a
 * bulk import about six-fold. Bounded: cleared when full.
 */
const foldCache = new Map<string, string>();
const FOLD_CACHE_MAX = 100_000;

/**
 * The folded, searchable text of an event, as stored in a full-text index: foldText(searchableText(event)).
 * Empty for a gift wrap: its content is ciphertext, whose fragments would only fill the index
 * with noise that random queries could match.
 */
export function indexText(event: Pick<NostrEvent, 'content' | 'tags'> & { kind?: number }): string {
  if (event.kind === Kind.GiftWrap) return '';
  const keys: string[] = [];
  for (const word of tokenize(searchableText(event))) {
    let key = foldCache.get(word);
    if (key === undefined) {
      // Same per-word steps as foldText (src/core/fold.ts); a test checks they agree.
      key = foldToken(word.replace(/’/g, "'"));
      if (foldCache.size >= FOLD_CACHE_MAX) foldCache.clear();
      foldCache.set(word, key);
    }
    if (key.length > 0) keys.push(key);
  }
  return keys.join(' ');
}
