/**
 * Independent sources behind a view item (a person, an event, a claim's support): how many
 * separate origins stand behind it, not how many records repeat it.
 *
 * The origin of a record is the source documents it cites (their current versions), or, when it
 * cites none, its author's key: a record that quotes an article is only as independent as that
 * article, whoever typed it in, while a witness writing in their own words is their own source.
 * A source document (or media file) given as evidence is its own origin. Records that share an
 * origin are one source, transitively: the same author writing twice counts once, two authors
 * citing one article count once, and a chain (A cites X, B cites X and Y, C cites Y) is one.
 * This is an upper bound of independence: two articles may copy one agency wire.
 */
import type { VerifiedEvent } from '../event.ts';
import { Kind } from '../kinds.ts';
import { refsOf, type DomainRecord } from '../records.ts';
import type { ArchiveIndex } from './common.ts';

export interface Corroboration {
  /** Independent sources: groups of records that share no origin (author without citations, or cited document). */
  sources: number;
  /** Distinct records behind the item. */
  records: number;
  /** Distinct authors (pubkeys) of those records. */
  authors: number;
  /** Distinct source documents cited by (or given as) those records. */
  documents: number;
}

/** One record behind an item, reduced to what independence depends on. */
export interface Behind {
  id: string;
  pubkey: string;
  /** Current ids of the source documents it cites or is; empty when it speaks in its own words. */
  documents: readonly string[];
}

export const NO_CORROBORATION: Corroboration = { sources: 0, records: 0, authors: 0, documents: 0 };

/** Counts independent sources among records (duplicates by id count once); order does not matter. */
export function corroboration(items: Iterable<Behind>): Corroboration {
  const byId = new Map<string, Behind>();
  for (const b of items) if (!byId.has(b.id)) byId.set(b.id, b);
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    let root = k;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    // Path compression keeps long chains cheap.
    for (let n = k; n !== root; ) {
      const next = parent.get(n) as string;
      parent.set(n, root);
      n = next;
    }
    return root;
  };
  const key = (k: string): string => {
    if (!parent.has(k)) parent.set(k, k);
    return find(k);
  };
  const authors = new Set<string>();
  const documents = new Set<string>();
  for (const b of byId.values()) {
    authors.add(b.pubkey);
    for (const d of b.documents) documents.add(d);
    const origins = b.documents.length > 0 ? b.documents.map((d) => `doc:${d}`) : [`author:${b.pubkey}`];
    const first = key(origins[0] as string);
    for (const o of origins.slice(1)) {
      const r = key(o);
      if (r !== first) parent.set(r, find(first));
    }
  }
  const roots = new Set<string>();
  for (const k of parent.keys()) roots.add(find(k));
  return { sources: roots.size, records: byId.size, authors: authors.size, documents: documents.size };
}

/** What independence depends on for a domain record of the index. */
export function behindRecord(ix: ArchiveIndex, r: DomainRecord): Behind {
  if (r.kind === Kind.SourceDocument) return { id: r.event.id, pubkey: r.event.pubkey, documents: [r.event.id] };
  const cited = new Set<string>();
  const sources = 'sources' in r.content ? (r.content.sources ?? []) : [];
  for (const c of sources) cited.add(ix.canonical(c.source));
  for (const id of refsOf(r, 'source')) cited.add(ix.canonical(id));
  return { id: r.event.id, pubkey: r.event.pubkey, documents: [...cited].sort() };
}

/**
 * What independence depends on for any referenced id: a domain record as above; a media file
 * (or any other event of the input) is its own origin; an id not in the input is left out, as
 * nothing can be said of who stands behind it.
 */
export function behindId(ix: ArchiveIndex, id: string): Behind | undefined {
  const r = ix.head(id);
  if (r) return behindRecord(ix, r);
  const e: VerifiedEvent | undefined = ix.raw.get(id);
  if (!e) return undefined;
  return { id: e.id, pubkey: e.pubkey, documents: e.kind === Kind.MediaDescriptor ? [e.id] : [] };
}
