/** The article's language when the documenter does not say it: franc-min, among the four Keruen extracts from. */
import { franc } from 'franc-min';
import { KeruenError } from '../core/errors.ts';
import type { ExtractOptions } from '../core/extract/types.ts';

export type ArticleLang = ExtractOptions['lang'];
export const ARTICLE_LANGS: readonly ArticleLang[] = ['fr', 'ru', 'kk', 'en'];

const ISO639_3: Record<string, ArticleLang> = { fra: 'fr', rus: 'ru', kaz: 'kk', eng: 'en' };

/** A 64 KB sample is plenty for trigrams and keeps a 1 MB article fast. */
const SAMPLE = 64 * 1024;

export function detectLang(text: string): ArticleLang | undefined {
  const code = franc(text.slice(0, SAMPLE), { only: Object.keys(ISO639_3), minLength: 20 });
  return ISO639_3[code];
}

export function parseLang(value: string): ArticleLang {
  const lang = value.trim().toLowerCase();
  if (!(ARTICLE_LANGS as readonly string[]).includes(lang)) throw KeruenError.usage(`--lang must be one of ${ARTICLE_LANGS.join(', ')} (extraction knows these), got "${value}"`);
  return lang as ArticleLang;
}

export function articleLang(text: string, given: string | undefined): ArticleLang {
  if (given !== undefined) return parseLang(given);
  const found = detectLang(text);
  if (found === undefined) throw KeruenError.usage(`cannot tell the article's language from its text; say it with --lang (${ARTICLE_LANGS.join(', ')})`);
  return found;
}
