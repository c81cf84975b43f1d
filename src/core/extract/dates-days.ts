/**
 * Days the words name without a full date: a weekday ("on Thursday", "mercredi", "в среду"), the
 * latest such day on or before the article's date; a month abbreviated in a dateline ("ALMATY,
 * Jan 20"); and a day number alone ("the 6th", "le 6", "6-го") in a paragraph that named its month
 * before it, taking that earlier date's month and year.
 */
import { B, D, E, matchesOf, S, Y, type Found } from './dates-words.ts';
import { approx, DAY_MS, isoDay, isoOfMs, yearFor, type Reference } from './dates-resolve.ts';

/** Weekday names, Monday first (getUTCDay() is Sunday 0); Russian in the accusative after "в"/"во". */
const WEEKDAYS: readonly (readonly string[])[] = [
  ['Monday', 'lundi', 'понедельник'],
  ['Tuesday', 'mardi', 'вторник'],
  ['Wednesday', 'mercredi', 'среду'],
  ['Thursday', 'jeudi', 'четверг'],
  ['Friday', 'vendredi', 'пятницу'],
  ['Saturday', 'samedi', 'субботу'],
  ['Sunday', 'dimanche', 'воскресенье'],
];
const WEEKDAY_OF = new Map(WEEKDAYS.flatMap((names, k) => names.map((n) => [n.toLowerCase(), (k + 1) % 7] as const)));

// English weekdays are capitalised; French ones stand alone or after "le", "dès", "depuis"; Russian ones after "в"/"во".
const WEEKDAY = new RegExp(
  `${B}(?:(?:last${S})?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)(?:${S}dernier)?|(?:в|во|В|Во)${S}(понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье))${E}`,
  'gu',
);
/** A weekday before a day number or a month is part of a full date, chrono's ("Thursday, January 20", "mercredi 5 janvier"). */
const FULL_DATE_AFTER = /^,?[\s\u00a0]+(?:\d|the[\s\u00a0]+\d|\p{Lu}\p{Ll}+[\s\u00a0]+\d)/u;
/** A weekday to come, or every such weekday, is no day that happened ("next Monday", "lundi prochain", "every Friday", "le mardi"). */
const NOT_PAST_BEFORE = /(?:next|every|each|this|coming|le|les|chaque|tous[\s\u00a0]+les|каждую|каждый|по)[\s\u00a0]+$/iu;
const NOT_PAST_AFTER = /^[\s\u00a0]+(?:prochain|suivant|next|soir[\s\u00a0]+prochain)(?![\p{L}])/iu;

const ABBREVIATED = ['Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec'];
const ABBREVIATED_MONTH = new RegExp(`${B}(${ABBREVIATED.join('|')})\\.?${S}${D}(?:,?${S}${Y})?${E}`, 'gu');
const ABBREVIATED_NUMBER: Record<string, number> = { Jan: 1, Feb: 2, Mar: 3, Apr: 4, Jun: 6, Jul: 7, Aug: 8, Sep: 9, Sept: 9, Oct: 10, Nov: 11, Dec: 12 };

// "the 6th", "le 6," "le 6 au soir", "6-го": a day number alone; what may follow is kept short so that "le 6 000", "le 6e" are no days.
const LONE_DAY = new RegExp(`${B}(?:the${S}(\\d{1,2})(?:st|nd|rd|th)|le${S}(\\d{1,2})(?:er)?(?=[\\s\\u00a0]*[,.;:)]|${S}(?:au|et|à|dans|soir|matin)${E})|(\\d{1,2})-?го(?:${S}числа)?)${E}`, 'giu');

function latestWeekday(ref: Reference, weekday: number): string {
  const refMs = Date.UTC(ref.y, ref.m - 1, ref.d);
  const back = (new Date(refMs).getUTCDay() - weekday + 7) % 7;
  return isoOfMs(refMs - back * DAY_MS);
}

/** Weekdays and abbreviated datelines in a paragraph. */
export function fromDayWords(text: string, from: number, to: number, ref: Reference, out: Found[]): void {
  const body = text.slice(from, to);
  for (const m of matchesOf(WEEKDAY, body)) {
    const name = (m[1] ?? m[2] ?? m[3])!.toLowerCase();
    const weekday = WEEKDAY_OF.get(name);
    const after = body.slice(m.index + m[0].length, m.index + m[0].length + 24);
    if (weekday === undefined || FULL_DATE_AFTER.test(after) || NOT_PAST_AFTER.test(after)) continue;
    if (!m[0].toLowerCase().startsWith('last') && NOT_PAST_BEFORE.test(body.slice(Math.max(0, m.index - 16), m.index))) continue;
    const when = approx(latestWeekday(ref, weekday), m[0]);
    if (when !== undefined) out.push({ at: [from + m.index, from + m.index + m[0].length], when });
  }
  if (!/\d/.test(body)) return;
  for (const m of matchesOf(ABBREVIATED_MONTH, body)) {
    const month = ABBREVIATED_NUMBER[m[1]!]!;
    const d = Number(m[2]);
    const day = isoDay(m[3] !== undefined ? Number(m[3]) : yearFor(ref, month, d), month, d);
    const when = day === undefined ? undefined : approx(day, m[0]);
    if (when !== undefined) out.push({ at: [from + m.index, from + m.index + m[0].length], when });
  }
}

/** Lone day numbers, each in the month and year of the last day or month its paragraph named before it. */
export function fromLoneDays(text: string, from: number, to: number, earlier: readonly Found[], out: Found[]): void {
  const body = text.slice(from, to);
  if (!/\d/.test(body)) return;
  for (const m of matchesOf(LONE_DAY, body)) {
    const s = from + m.index;
    const e = s + m[0].length;
    if (earlier.some((f) => s < f.at[1] && f.at[0] < e)) continue;
    const before = [...earlier].reverse().find((f) => f.at[1] <= s && /^\d{4}-\d{2}/.test(f.when.from) && (f.when.precision === 'day' || f.when.precision === 'month'));
    if (before === undefined) continue;
    const [y, mo] = before.when.from.split('-').map(Number) as [number, number];
    const day = isoDay(y, mo, Number(m[1] ?? m[2] ?? m[3]));
    const when = day === undefined ? undefined : approx(day, m[0]);
    if (when !== undefined) out.push({ at: [s, e], when });
  }
}
