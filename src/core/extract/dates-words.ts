/**
 * The words dates are made of, shared by the date readers: month names in French, Russian and
 * English, the regex fragments our patterns are written with, and what a reader finds.
 */
import type { ApproxTime } from '../time.ts';
import type { Span } from './types.ts';

/**
 * Matches of a global regex, like String.prototype.matchAll but without its copy of the regex:
 * matchAll recompiles a large Unicode pattern on every call, which cost most of the time on a 1 MB
 * article. The regex's lastIndex is reset before and after.
 */
export function* matchesOf(re: RegExp, s: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  try {
    let m: RegExpExecArray | null;
    while ((m = re.exec(s)) !== null) {
      yield m;
      if (m[0].length === 0) re.lastIndex++;
    }
  } finally {
    re.lastIndex = 0;
  }
}

/** Almaty's offset in January 2022, the default of parse-time too, for dates with an hour. */
export const OFFSET = '+06:00';

export const MONTHS_FR = ['janvier', 'f[ée]vrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'ao[uû]t', 'septembre', 'octobre', 'novembre', 'd[ée]cembre'];
export const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const MONTHS_RU = ['январ[ьяе]', 'феврал[ьяе]', 'март[ае]?', 'апрел[ьяе]', 'ма[йяе]', 'июн[ьяе]', 'июл[ьяе]', 'август[ае]?', 'сентябр[ьяе]', 'октябр[ьяе]', 'ноябр[ьяе]', 'декабр[ьяе]'];

const MONTH_TESTS: RegExp[][] = [MONTHS_FR, MONTHS_RU, MONTHS_EN].map((list) => list.map((m) => new RegExp(`^${m}$`, 'iu')));

/** 1..12 for a month name in any of the three languages, or undefined. */
export function monthNumber(word: string): number | undefined {
  for (const tests of MONTH_TESTS) {
    const i = tests.findIndex((re) => re.test(word));
    if (i >= 0) return i + 1;
  }
  return undefined;
}

export const M = `(?:${[...MONTHS_FR, ...MONTHS_RU, ...MONTHS_EN].join('|')})`;

export const B = '(?<![\\p{L}\\p{N}])';
export const E = '(?![\\p{L}\\p{N}])';
export const D = '(\\d{1,2})(?:er|re|st|nd|rd|th)?';
export const Y = '(\\d{4})';
export const S = '[\\s\\u00a0]+';
export const YEAR_RU = `(?:${S}(?:года|год|г\\.))?`;

/** A date a reader found in a paragraph: its span in the article and its resolved time. */
export interface Found {
  at: Span;
  when: ApproxTime;
}
