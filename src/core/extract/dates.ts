/**
 * Dates and periods in an article (French, Russian, English), resolved against the article's own
 * date: "le 5 janvier" in an article of 2022-01-12 is 2022-01-05, and a day written without a
 * year is never put after the article. The precision is what the words give: a day stays a day,
 * "début janvier" is a range of days marked circa, "juin 2016" a month; a time of day only when
 * the text names one.
 *
 * Two passes per paragraph: our own patterns for what chrono-node does not read (nights "du 4 au
 * 5", "entre le 5 et le 6", "début janvier", "juin 2016", "en 2019", Russian "в ночь с 4 на 5"),
 * then chrono's strict parser for day dates, with its false positives dropped: anything without
 * a month name or a numeric d/m/y date ("2 500", "à 6", "pendant 15 jours") is not a date.
 * Then days named relative to the article, and times of day on the day their sentence names.
 *
 * The parts: dates-words.ts (month names, regex fragments), dates-patterns.ts (our patterns and
 * relative days), dates-days.ts (weekdays, abbreviated datelines, lone day numbers), dates-chrono.ts (chrono's windows), dates-times.ts (times of day),
 * dates-resolve.ts (shapes to ISO times against the article's date); this file joins them.
 */
import { fromChrono } from './dates-chrono.ts';
import { fromDayWords, fromLoneDays } from './dates-days.ts';
import { fromPatterns, fromRelative } from './dates-patterns.ts';
import { referenceOf } from './dates-resolve.ts';
import { fromTimes } from './dates-times.ts';
import type { Found } from './dates-words.ts';
import type { DateMention, ExtractOptions, Passage } from './types.ts';

export { matchesOf, monthNumber } from './dates-words.ts';

/** Keeps the longest of overlapping finds ("8 mars 2021" over "2021"); ours before chrono's at equal length. */
function disjoint(found: Found[]): Found[] {
  const kept: Found[] = [];
  const longestFirst = [...found].sort((a, b) => b.at[1] - b.at[0] - (a.at[1] - a.at[0]));
  for (const f of longestFirst) {
    if (kept.some((k) => f.at[0] < k.at[1] && k.at[0] < f.at[1])) continue;
    kept.push(f);
  }
  return kept.sort((a, b) => a.at[0] - b.at[0]);
}

/** Every date or period the passages name, in order, each with its exact words and passage. */
export function findDates(text: string, passages: readonly Passage[], opts: ExtractOptions): DateMention[] {
  const ref = referenceOf(opts.reference);
  const out: DateMention[] = [];
  for (const p of passages) {
    const found: Found[] = [];
    fromPatterns(text, p.at[0], p.at[1], ref, found);
    fromChrono(text, p.at[0], p.at[1], ref, opts.lang, found);
    fromRelative(text, p.at[0], p.at[1], ref, found);
    fromDayWords(text, p.at[0], p.at[1], ref, found);
    const named = disjoint(found);
    // "the 6th" after "January 5": a lone day number takes the month the paragraph named before it.
    fromLoneDays(text, p.at[0], p.at[1], named, found);
    const days = disjoint(found);
    const times: Found[] = [];
    fromTimes(text, p, days, times);
    for (const f of disjoint([...days, ...times])) out.push({ type: 'date', at: f.at, text: text.slice(f.at[0], f.at[1]), passage: p.id, when: f.when });
  }
  return out;
}
