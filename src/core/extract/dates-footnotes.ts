/**
 * A footnote's own year: a day written without a year in a footnote ("4. Le 21 avril, ...") is
 * about whatever the note explains, not the article's days, so a year named in the same sentence
 * ("en 2019") is its year rather than the one the article's date gives.
 */
import { sentencesOf } from './passages.ts';

/** A footnote's line opens on its number: "4. ", "4) ", "[4] ", "^4 ". */
const FOOTNOTE_LINE = /^[\s\u00a0]*(?:\d{1,3}[.)]|\[\d{1,3}\]|\^\d{1,3})[\s\u00a0]/u;
/** A year named as one: after "en", "in", "de", "в"..., or before "году"/"г.". */
const YEAR = /(?<![\p{L}\p{N}])(?:(?:en|in|de|du|of|depuis|since|année|year|в|с|до|от)[\s\u00a0]+(1[89]\d\d|20\d\d)(?![\p{L}\p{N}])|(1[89]\d\d|20\d\d)[\s\u00a0]*(?:году|год|г\.))/giu;

/**
 * The year a footnote's sentence names for a day at `at` written without one, when the day's
 * line is a footnote and its sentence names exactly one year; undefined otherwise.
 */
export function footnoteYear(text: string, passage: readonly [number, number], at: number): number | undefined {
  const lineStart = Math.max(passage[0], text.lastIndexOf('\n', at - 1) + 1);
  if (!FOOTNOTE_LINE.test(text.slice(lineStart, lineStart + 12))) return undefined;
  const sentence = sentencesOf(text, [passage[0], passage[1]]).find((s) => s[0] <= at && at < s[1]);
  if (sentence === undefined) return undefined;
  const years = new Set<number>();
  for (const m of text.slice(sentence[0], sentence[1]).matchAll(YEAR)) years.add(Number(m[1] ?? m[2]));
  return years.size === 1 ? [...years][0] : undefined;
}
