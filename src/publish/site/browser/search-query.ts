/**
 * The site search's format and its query logic, pure (no DOM, no fetch), shared by the publisher
 * that writes the index (../search-index.ts) and the search page's script (./search.ts).
 *
 * Records are numbered newest first, so a record number is also its rank by recency. Folded words
 * (src/core/fold.ts) are sorted and cut into shards of a few KB; the manifest lists the first word
 * of each shard, so a query fetches only the shards its words fall in. A shard maps each word to
 * its postings: the record numbers, ascending, delta-encoded (dense lists compress to almost
 * nothing). What a result shows (title, kind, date, id) lives apart, in chunks of a few records,
 * fetched only for the results on screen.
 *
 * Each file is a classic script that hands its data to `keruenSearch(path, data)`, not JSON for
 * fetch(): browsers refuse fetch() from file://, and a site on a USB stick must search too.
 */
import { KeruenError } from '../../../core/errors.ts';
import { foldText } from '../../../core/fold.ts';

export const SEARCH_FORMAT = 1;
/** The global function every index file calls with its path (without ".js") and its data. */
export const INDEX_CALLBACK = 'keruenSearch';
/** Words typed beyond this are ignored: a pasted page must not fetch the whole index. */
export const MAX_QUERY_WORDS = 8;
/** The last word matches as a prefix only while its words fit in this many shards. */
export const MAX_PREFIX_SHARDS = 3;
/** Results shown at once (and whose metadata is fetched). */
export const PAGE_SIZE = 20;

export interface SearchManifest {
  v: typeof SEARCH_FORMAT;
  /** Records in the index, numbered 0 (newest) to records - 1. */
  records: number;
  /** Records per metadata chunk: record n is in chunk floor(n / chunk). */
  chunk: number;
  /** The first word of each shard, ascending; the first is "". */
  shards: string[];
}

/** A shard: word -> record numbers (delta-encoded on disk, absolute once decoded). */
export type Shard = Map<string, number[]>;

/** What a result shows: [id, kind slug ("" when none), created_at, title ("" when none), excerpt]. */
export type ResultMeta = [id: string, kind: string, createdAt: number, title: string, excerpt: string];

export interface QueryWord {
  word: string;
  /** Matches every word that starts with it (the last word typed), not only itself. */
  prefix: boolean;
  /** Shards to read: first and last, inclusive. */
  from: number;
  to: number;
}

export interface Ranked {
  /** Record numbers, best first. */
  order: number[];
}

function bad(what: string): KeruenError {
  return new KeruenError('invalid_json', `search index: ${what}`);
}

function isNat(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

export function parseManifest(json: unknown): SearchManifest {
  if (typeof json !== 'object' || json === null) throw bad('manifest is not an object');
  const m = json as Record<string, unknown>;
  if (m.v !== SEARCH_FORMAT) throw bad(`manifest version ${String(m.v)}, this page reads ${SEARCH_FORMAT}`);
  if (!isNat(m.records) || !isNat(m.chunk) || m.chunk === 0) throw bad('manifest counts');
  const shards = m.shards;
  if (!Array.isArray(shards) || shards.length === 0 || shards[0] !== '') throw bad('manifest shards');
  for (let i = 1; i < shards.length; i++) {
    const s: unknown = shards[i];
    if (typeof s !== 'string' || s <= (shards[i - 1] as string)) throw bad('manifest shards out of order');
  }
  return { v: SEARCH_FORMAT, records: m.records, chunk: m.chunk, shards: shards as string[] };
}

/** Decodes a shard, checking every posting is a record of the index, in order. */
export function parseShard(json: unknown, records: number): Shard {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw bad('shard is not an object');
  const out: Shard = new Map();
  for (const [word, deltas] of Object.entries(json as Record<string, unknown>)) {
    if (!Array.isArray(deltas)) throw bad(`postings of "${word.slice(0, 40)}"`);
    const list: number[] = [];
    let n = -1;
    for (const d of deltas) {
      if (!isNat(d) || (list.length > 0 && d === 0)) throw bad(`postings of "${word.slice(0, 40)}"`);
      n = list.length === 0 ? d : n + d;
      if (n >= records) throw bad(`postings of "${word.slice(0, 40)}" beyond the index`);
      list.push(n);
    }
    out.set(word, list);
  }
  return out;
}

export function encodePostings(sorted: readonly number[]): number[] {
  return sorted.map((n, i) => (i === 0 ? n : n - (sorted[i - 1] as number)));
}

/** The text of an index file: a call handing over its data (JSON is a JS expression). */
export function indexFileText(path: string, data: unknown): string {
  // U+2028/2029 are legal in JSON strings and in ES2019 scripts; escaped for older parsers.
  const json = JSON.stringify(data).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `${INDEX_CALLBACK}(${JSON.stringify(path)},${json});\n`;
}

export function parseMetaChunk(json: unknown): ResultMeta[] {
  if (!Array.isArray(json)) throw bad('metadata chunk is not a list');
  return json.map((m: unknown) => {
    if (!Array.isArray(m) || m.length !== 5 || typeof m[0] !== 'string' || !/^[0-9a-f]{64}$/.test(m[0]) || typeof m[1] !== 'string' || !isNat(m[2]) || typeof m[3] !== 'string' || typeof m[4] !== 'string') throw bad('metadata entry');
    return m as ResultMeta;
  });
}

/** The shard a word falls in: the last whose first word is not after it. */
export function shardOf(shards: readonly string[], word: string): number {
  let lo = 0;
  let hi = shards.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((shards[mid] as string) <= word) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The folded words of a query and the shards each needs. Every word must match; the last one
 * typed also matches as a prefix ("alma" finds "almaty") unless its words span more than
 * MAX_PREFIX_SHARDS shards (a one-letter prefix would fetch half the index), then only itself.
 */
export function planQuery(text: string, manifest: Pick<SearchManifest, 'shards'>): QueryWord[] {
  const words = [...new Set(foldText(text).split(' ').filter((w) => w !== ''))].slice(0, MAX_QUERY_WORDS);
  return words.map((word, i) => {
    const from = shardOf(manifest.shards, word);
    if (i === words.length - 1) {
      // Folded words are [a-z0-9], so every word with this prefix sorts before prefix + "~".
      const to = shardOf(manifest.shards, `${word}~`);
      if (to - from < MAX_PREFIX_SHARDS) return { word, prefix: true, from, to };
    }
    return { word, prefix: false, from, to: from };
  });
}

export function shardsOf(plan: readonly QueryWord[]): number[] {
  const s = new Set<number>();
  for (const w of plan) for (let i = w.from; i <= w.to; i++) s.add(i);
  return [...s].sort((a, b) => a - b);
}

/**
 * Ranking, stated: a record must match every word (the last as a prefix); records matching more
 * of the words exactly (as whole words) come first; then the newest (the lowest number).
 */
export function rank(plan: readonly QueryWord[], shards: ReadonlyMap<number, Shard>): Ranked {
  if (plan.length === 0) return { order: [] };
  let hits: Map<number, number> | undefined;
  for (const w of plan) {
    const exact = new Set<number>();
    const any = new Set<number>();
    for (let i = w.from; i <= w.to; i++) {
      const shard = shards.get(i);
      if (!shard) throw bad(`shard ${i} not loaded`);
      for (const [word, postings] of shard) {
        const isExact = word === w.word;
        if (!isExact && !(w.prefix && word.startsWith(w.word))) continue;
        for (const n of postings) {
          any.add(n);
          if (isExact) exact.add(n);
        }
      }
    }
    const next = new Map<number, number>();
    for (const n of any) {
      const before = hits === undefined ? 0 : hits.get(n);
      if (before !== undefined) next.set(n, before + (exact.has(n) ? 1 : 0));
    }
    hits = next;
  }
  const order = [...(hits ?? new Map<number, number>()).entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([n]) => n);
  return { order };
}

/** Metadata chunks holding these record numbers. */
export function chunksOf(numbers: readonly number[], chunk: number): number[] {
  return [...new Set(numbers.map((n) => Math.floor(n / chunk)))].sort((a, b) => a - b);
}
