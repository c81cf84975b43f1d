/**
 * Importing an article: its plain text and the file as received go to the blob store, one signed
 * source-document record names both, and assisted extraction proposes candidates for review.
 * Only the source document is saved: candidates stay proposals until a person accepts them.
 * Re-importing the same text finds the record already made for it instead of signing another.
 */
import type { EventTemplate, VerifiedEvent } from '../core/event.ts';
import { extractCandidates } from '../core/extract/index.ts';
import type { Candidate, Mention, Passage } from '../core/extract/types.ts';
import { Kind } from '../core/kinds.ts';
import { buildRecord } from '../core/records.ts';
import type { ApproxTime } from '../core/time.ts';
import { sha256Hex, type BlobStore } from '../node/blobs.ts';
import { receivingStore } from '../store/provenance.ts';
import type { EventStore } from '../store/types.ts';
import { articleLang, type ArticleLang } from './lang.ts';
import { articleText, MIME_OF, type ArticleFormat } from './text.ts';

export interface ArticleMeta {
  title?: string;
  publisher?: string;
  authors?: string[];
  url?: string;
  published?: ApproxTime;
  /** fr, ru, kk or en; detected from the text when absent. */
  lang?: string;
  /** Forces the format instead of the extension and sniffing. */
  format?: ArticleFormat;
}

export interface PreparedArticle {
  text: string;
  textBytes: Uint8Array;
  textSha256: string;
  format: ArticleFormat;
  lang: ArticleLang;
  title?: string;
  original: { bytes: Uint8Array; sha256: string; size: number; mime: string };
}

export interface ImportedArticle {
  source: VerifiedEvent;
  /** True when a source document for this exact text was already in the store. */
  existing: boolean;
  format: ArticleFormat;
  lang: ArticleLang;
  text: string;
  passages: Passage[];
  mentions: Mention[];
  candidates: Candidate[];
}

export interface ImportDeps {
  store: EventStore;
  blobs: BlobStore;
  /** Signs the record; called only when a new record is needed (no passphrase for a re-import). */
  sign(template: EventTemplate): Promise<VerifiedEvent> | VerifiedEvent;
}

/** The text to hash and quote, with the facts the record states about it and the original. */
export function prepareArticle(bytes: Uint8Array, name: string, meta: ArticleMeta = {}): PreparedArticle {
  const read = articleText(bytes, name, meta.format !== undefined ? { format: meta.format } : {});
  const textBytes = new TextEncoder().encode(read.text);
  return {
    text: read.text,
    textBytes,
    textSha256: sha256Hex(textBytes),
    format: read.format,
    lang: articleLang(read.text, meta.lang),
    ...(read.title !== undefined ? { title: read.title } : {}),
    original: { bytes, sha256: sha256Hex(bytes), size: bytes.length, mime: MIME_OF[read.format] },
  };
}

/** The source document already made for this text (the oldest, whoever signed it), if any. */
export function findImported(store: EventStore, textSha256: string): VerifiedEvent | undefined {
  return store.query([{ kinds: [Kind.SourceDocument], '#x': [textSha256] }]).at(-1);
}

export function sourceTemplate(article: PreparedArticle, meta: ArticleMeta, fileName: string): EventTemplate {
  return buildRecord(Kind.SourceDocument, {
    lang: article.lang,
    title: (meta.title ?? article.title ?? fileName).slice(0, 300),
    ...(meta.publisher !== undefined ? { publisher: meta.publisher } : {}),
    ...(meta.authors !== undefined && meta.authors.length > 0 ? { authors: meta.authors } : {}),
    ...(meta.url !== undefined ? { url: meta.url } : {}),
    ...(meta.published !== undefined ? { published: meta.published } : {}),
    sha256: article.textSha256,
    size: article.textBytes.length,
    mime: MIME_OF.text,
    original: { sha256: article.original.sha256, size: article.original.size, mime: article.original.mime },
  });
}

/** The date relative dates in the article resolve against: the publication day (or month's first day). */
export function referenceDay(published: ApproxTime | undefined): string | undefined {
  if (published === undefined) return undefined;
  if (published.precision === 'year') return undefined;
  return published.precision === 'month' ? `${published.from.slice(0, 7)}-01` : published.from.slice(0, 10);
}

function publishedOf(source: VerifiedEvent): ApproxTime | undefined {
  try {
    return (JSON.parse(source.content) as { published?: ApproxTime }).published;
  } catch {
    return undefined;
  }
}

export async function importArticle(deps: ImportDeps, bytes: Uint8Array, fileName: string, meta: ArticleMeta = {}, onProgress?: (done: number, total: number) => void): Promise<ImportedArticle> {
  const article = prepareArticle(bytes, fileName, meta);
  // Blobs first, then the record: no record ever names a blob this node lacks.
  await deps.blobs.put(article.textBytes);
  if (article.original.sha256 !== article.textSha256) await deps.blobs.put(article.original.bytes);
  let source = findImported(deps.store, article.textSha256);
  const existing = source !== undefined;
  if (source === undefined) {
    source = await deps.sign(sourceTemplate(article, meta, fileName));
    receivingStore(deps.store, 'local').put(source);
  }
  // A re-import without --published still reads relative dates against the recorded one.
  const reference = referenceDay(meta.published ?? (existing ? publishedOf(source) : undefined));
  const extracted = extractCandidates(article.text, { lang: article.lang, sourceId: source.id, ...(reference !== undefined ? { reference } : {}), ...(onProgress !== undefined ? { onProgress } : {}) });
  return { source, existing, format: article.format, lang: article.lang, text: article.text, ...extracted };
}
