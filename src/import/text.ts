/**
 * The plain text of an article file (text, HTML or Markdown): what citations quote and what the
 * source-document record hashes. Every refusal is a KeruenError that says why (empty, too large,
 * binary, invalid UTF-8 at which byte), so a documenter knows what to fix.
 */
import { convert, type HtmlToTextOptions } from 'html-to-text';
import { marked } from 'marked';
import { KeruenError } from '../core/errors.ts';
import { firstInvalidUtf8 } from '../core/utf8.ts';
import { sniffType } from '../node/blobs.ts';
import { MAX_ARTICLE_BYTES, MIME_OF, type ArticleFormat } from './limits.ts';

export { MAX_ARTICLE_BYTES, MIME_OF, type ArticleFormat };

export interface ArticleText {
  text: string;
  format: ArticleFormat;
  /** The HTML <title> or first heading, or a plain text's one-line first paragraph. */
  title?: string;
}

const EXTENSIONS: Record<string, ArticleFormat> = {
  txt: 'text',
  text: 'text',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  md: 'markdown',
  markdown: 'markdown',
  mdown: 'markdown',
  mkd: 'markdown',
};

const HTML_OPTIONS: HtmlToTextOptions = {
  wordwrap: false,
  selectors: [
    // Links and images would put URLs inside the quoted text.
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    ...['script', 'style', 'nav', 'noscript', 'template', 'iframe', 'svg', 'button', 'select', 'head'].map((selector) => ({ selector, format: 'skip' })),
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false, leadingLineBreaks: 2, trailingLineBreaks: 2 } })),
    { selector: 'table', format: 'dataTable', options: { uppercaseHeaderCells: false } },
  ],
};

/** Decodes strict UTF-8 (a leading BOM dropped), naming the first bad byte. */
export function decodeUtf8(bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new KeruenError('invalid_content', `${name} is not valid UTF-8: byte ${at} (0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')}) starts no valid character; save it as UTF-8 and import it again`, { offset: at });
  }
}

/** Refuses what is not a text file, before decoding: empty, too large, a known binary type, NUL bytes. */
export function assertTextFile(bytes: Uint8Array, name: string, limit = MAX_ARTICLE_BYTES): void {
  if (bytes.length === 0) throw new KeruenError('invalid_content', `${name} is empty: nothing to import`);
  if (bytes.length > limit) throw KeruenError.tooLarge(name, bytes.length, limit);
  const sniffed = sniffType(bytes.subarray(0, 64));
  if (sniffed !== 'application/octet-stream') throw new KeruenError('unsupported_media', `${name} is a binary file (${sniffed}), not an article: import text, HTML or Markdown`);
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new KeruenError('unsupported_media', `${name} is a binary file (a NUL byte at offset ${nul}), not an article: import text, HTML or Markdown`);
}

/** The format, by extension when it names one, else by looking at the text. */
export function detectFormat(name: string, text: string): ArticleFormat {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  const byExt = ext !== undefined ? EXTENSIONS[ext] : undefined;
  if (byExt !== undefined) return byExt;
  const head = text.slice(0, 4096);
  if (/^\s*(<!doctype html|<html[\s>]|<\?xml[^>]*>\s*<html)/i.test(head) || (head.match(/<\/?(p|div|body|br|h[1-6]|span|article|section|li|a)\b[^>]*>/gi)?.length ?? 0) >= 3) return 'html';
  const marks = (head.match(/^(#{1,6} \S|[*-] \S|> \S|\d+\. \S|```)|\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*/gm) ?? []).length;
  return marks >= 2 ? 'markdown' : 'text';
}

/** Blank lines between blocks, none doubled; no trailing spaces; no surrounding blank lines. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\s+$/g, '');
}

function htmlTitle(html: string): string | undefined {
  const raw = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
  if (raw === undefined) return undefined;
  const title = convert(raw, { wordwrap: false, selectors: [{ selector: 'a', options: { ignoreHref: true } }] }).replace(/\s+/g, ' ').trim();
  return title.length > 0 ? title.slice(0, 300) : undefined;
}

export function htmlToText(html: string): string {
  return tidy(convert(html, HTML_OPTIONS));
}

export function markdownToHtml(md: string): string {
  return marked.parse(md, { async: false, gfm: true });
}

/**
 * The article's plain text. Plain text keeps its bytes but for a BOM and CR line ends; HTML and
 * Markdown become text with one blank line between paragraphs (their passages), no URLs, no
 * scripts, styles or navigation.
 */
export function articleText(bytes: Uint8Array, name: string, opts: { format?: ArticleFormat; limit?: number } = {}): ArticleText {
  assertTextFile(bytes, name, opts.limit);
  const decoded = decodeUtf8(bytes, name);
  const format = opts.format ?? detectFormat(name, decoded);
  let text: string;
  let title: string | undefined;
  if (format === 'text') {
    text = decoded.replace(/\r\n?/g, '\n');
    // A first paragraph of one short line is the title, as in the seeds ("Kazakhstan : après le soulèvement").
    const first = /^\s*([^\n]{1,200})\n\s*\n/.exec(text)?.[1]?.trim();
    if (first !== undefined && first.length > 0 && !/[.!?…:;,]$/.test(first)) title = first;
  } else {
    const html = format === 'html' ? decoded : markdownToHtml(decoded);
    text = htmlToText(html);
    title = htmlTitle(html);
  }
  if (text.trim().length === 0) throw new KeruenError('invalid_content', `${name} holds no text once read as ${format}: nothing to import`);
  return { text, format, ...(title !== undefined ? { title } : {}) };
}
