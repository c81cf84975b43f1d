/**
 * The site's search index, built at publish time with the node's own folding (src/core/fold.ts)
 * and written to `search/` as small scripts (see ./browser/search-query.ts for why): a manifest, word shards of a few KB, and result metadata in chunks
 * of a few records (format and query logic: ./browser/search-query.ts). A query downloads the
 * manifest, the shards its words fall in, and the metadata of the results it shows.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { VerifiedEvent } from '../../core/event.ts';
import { foldText } from '../../core/fold.ts';
import { slugOfKind } from '../../core/kinds.ts';
import { searchableText } from '../../core/text.ts';
import type { ArchiveIndex } from '../../core/views/index.ts';
import { encodePostings, indexFileText, SEARCH_FORMAT, type ResultMeta, type SearchManifest } from './browser/search-query.ts';

/** Raw JSON bytes a shard may reach before the next word starts a new one (~3 KB gzip). */
export const SHARD_BYTES = 8 * 1024;
/** Records per metadata chunk: 20 scattered results cost 20 files of ~0.8 KB gzip; close ones share. */
export const META_CHUNK = 4;
/** Longer folded words are not indexed: ids, keys and hashes, not words a reader types. */
export const MAX_WORD = 40;
const TITLE_CHARS = 120;
const EXCERPT_CHARS = 160;

export interface IndexReport {
  /** Record pages a search can lead to: every record, once per language. */
  pages: number;
  records: number;
  words: number;
  shards: number;
  metaChunks: number;
}

export interface SearchIndex {
  manifest: SearchManifest;
  shards: Record<string, number[]>[];
  meta: ResultMeta[][];
}

function cut(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  const chars = [...one];
  return chars.length <= n ? one : `${chars.slice(0, n - 1).join('')}…`;
}

/** Newest first (then by id), so a record's number is its rank by recency. */
function byRecency(records: readonly VerifiedEvent[]): VerifiedEvent[] {
  return [...records].sort((a, b) => b.created_at - a.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function metaOf(e: VerifiedEvent, ix: ArchiveIndex, text: string): ResultMeta {
  const title = cut(ix.describe(e.id).label, TITLE_CHARS);
  // The excerpt is the record's text after what the title already shows.
  const body = text.replace(/\s+/g, ' ').trim();
  const shown = title.endsWith('…') ? title.slice(0, -1) : title;
  const rest = shown !== '' && body.startsWith(shown) ? body.slice(title.endsWith('…') ? body.indexOf(' ', shown.length) + 1 || body.length : shown.length) : body;
  return [e.id, slugOfKind(e.kind) ?? '', e.created_at, title, cut(rest, EXCERPT_CHARS)];
}

/** The index of these records (pure: the caller writes it). */
export function buildSearchIndex(records: readonly VerifiedEvent[], ix: ArchiveIndex, shardBytes = SHARD_BYTES): SearchIndex {
  const ordered = byRecency(records);
  const postings = new Map<string, number[]>();
  const meta: ResultMeta[][] = [];
  ordered.forEach((e, n) => {
    const text = searchableText(e);
    // Numbers ascend because records are visited in order; a Set drops repeated words.
    for (const word of new Set(foldText(text).split(' '))) {
      if (word === '' || word.length > MAX_WORD) continue;
      const list = postings.get(word);
      if (list) list.push(n);
      else postings.set(word, [n]);
    }
    const c = Math.floor(n / META_CHUNK);
    (meta[c] ??= []).push(metaOf(e, ix, text));
  });
  const words = [...postings.keys()].sort();
  const shards: Record<string, number[]>[] = [];
  const firsts: string[] = [];
  let current: Record<string, number[]> | undefined;
  let size = 0;
  for (const word of words) {
    const encoded = encodePostings(postings.get(word) as number[]);
    const bytes = word.length + 4 + JSON.stringify(encoded).length;
    if (current === undefined || (size > 0 && size + bytes > shardBytes)) {
      current = {};
      shards.push(current);
      firsts.push(shards.length === 1 ? '' : word);
      size = 0;
    }
    current[word] = encoded;
    size += bytes;
  }
  if (shards.length === 0) {
    shards.push({});
    firsts.push('');
  }
  return { manifest: { v: SEARCH_FORMAT, records: ordered.length, chunk: META_CHUNK, shards: firsts }, shards, meta };
}

/** Writes the index under `search/` of the site. */
export async function writeSearchIndex(outDir: string, records: readonly VerifiedEvent[], ix: ArchiveIndex, languages: number): Promise<IndexReport> {
  const index = buildSearchIndex(records, ix);
  const dir = join(outDir, 'search');
  await mkdir(join(dir, 'w'), { recursive: true });
  await mkdir(join(dir, 'r'), { recursive: true });
  const put = (path: string, data: unknown) => writeFile(join(dir, `${path}.js`), indexFileText(path, data));
  await put('index', index.manifest);
  for (const [i, s] of index.shards.entries()) await put(`w/${i}`, s);
  for (const [i, m] of index.meta.entries()) await put(`r/${i}`, m);
  return { pages: records.length * languages, records: records.length, words: index.shards.reduce((n, s) => n + Object.keys(s).length, 0), shards: index.shards.length, metaChunks: index.meta.length };
}
