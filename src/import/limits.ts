/** What an article file may be, shared by the command line (which checks the size before reading) and the reader. */
export type ArticleFormat = 'text' | 'html' | 'markdown';

/** 8 MiB: eight times the 1 MB article the import is timed on; past this a file is not an article. */
export const MAX_ARTICLE_BYTES = 8 * 1024 * 1024;

export const MIME_OF: Record<ArticleFormat, string> = {
  text: 'text/plain; charset=utf-8',
  html: 'text/html; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
};
