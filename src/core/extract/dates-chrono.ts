/**
 * Day dates through chrono-node's strict parsers, read only in windows around a month name or a
 * numeric date, with chrono's false positives dropped: anything without a month name or a
 * numeric d/m/y date ("2 500", "à 6", "pendant 15 jours") is not a date.
 */
import * as chrono from 'chrono-node';
import { M, matchesOf, OFFSET, type Found } from './dates-words.ts';
import { approx, isoDay, pad, yearFor, type Reference } from './dates-resolve.ts';
import { footnoteYear } from './dates-footnotes.ts';
import type { ExtractOptions, Span } from './types.ts';

/** Any month name, for telling a real date from chrono's false positives. */
const HAS_MONTH = new RegExp(`(?<![\\p{L}])${M}(?![\\p{L}])`, 'iu');
const NUMERIC_DATE = /\d{1,2}[./-]\d{1,2}[./-]\d{2,4}/;
const ANCHORS = new RegExp(`(?<![\\p{L}])${M}(?![\\p{L}])|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}`, 'giu');

/** A day's own words at the start of chrono's text: up to its month, then a day number or a year that is no clock time. */
const DAY_WORDS = new RegExp(`^.*?${M}(?:,?[\\s\\u00a0]+\\d{1,4}(?:st|nd|rd|th)?(?![\\p{N}]|[\\s\\u00a0]*(?:h|heures?|:|[ap]\\.?m|часов|часа)(?![\\p{L}])))?(?:,?[\\s\\u00a0]+\\d{4}(?![\\p{N}]|[\\s\\u00a0]*(?:h|heures?|:)))?`, 'iu');

const PARSERS: Record<ExtractOptions['lang'], chrono.Chrono> = { fr: chrono.fr.strict, ru: chrono.ru.strict, en: chrono.en.strict, kk: chrono.ru.strict };

/**
 * chrono reads only windows around a month name or a numeric date: every date it may keep has
 * one, and most of an article has none, so this skips most of the parsing (a 1 MB article spends
 * its date time here).
 */
export function fromChrono(text: string, from: number, to: number, ref: Reference, lang: ExtractOptions['lang'], out: Found[]): void {
  const body = text.slice(from, to);
  const windows: Span[] = [];
  for (const m of matchesOf(ANCHORS, body)) {
    // Words before a month ("Du 17 au 19 décembre", "lundi 3") and after it ("2022 vers 10 heures").
    let a = Math.max(0, m.index - 48);
    const b = Math.min(body.length, m.index + m[0].length + 40);
    // Start a window at a word, so chrono never sees half of one.
    while (a > 0 && /[\p{L}\p{N}]/u.test(body[a - 1]!)) a--;
    const lastWindow = windows[windows.length - 1];
    if (lastWindow !== undefined && a <= lastWindow[1]) lastWindow[1] = Math.max(lastWindow[1], b);
    else windows.push([a, b]);
  }
  for (const [a, b] of windows) {
    let e = b;
    while (e < body.length && /[\p{L}\p{N}]/u.test(body[e]!)) e++;
    chronoWindow(text, from + a, from + e, [from, to], ref, lang, out);
  }
}

function chronoWindow(text: string, from: number, to: number, passage: Span, ref: Reference, lang: ExtractOptions['lang'], out: Found[]): void {
  const passageEnd = passage[1];
  const body = text.slice(from, to);
  const instant = new Date(Date.UTC(ref.y, ref.m - 1, ref.d, 12));
  let results: chrono.ParsedResult[];
  try {
    results = PARSERS[lang].parse(body, { instant, timezone: 360 }, { forwardDate: false });
  } catch {
    return; // a parser failure on hostile input loses this paragraph's chrono dates, never the others
  }
  for (const r of results) {
    let s = from + r.index;
    let e = s + r.text.length;
    if (text.slice(s, e) !== r.text) continue;
    // False positives: "2 500", "à 6", "5 et", "pendant 15 jours" name no month.
    if (!HAS_MONTH.test(r.text) && !NUMERIC_DATE.test(r.text)) continue;
    const c = r.start;
    if (!c.isCertain('day') || !c.isCertain('month')) continue;
    const m = c.get('month')!;
    const d = c.get('day')!;
    // A footnote's day takes the year its sentence names ("4. Le 21 avril ... en 2019").
    const y = c.isCertain('year') ? c.get('year')! : (footnoteYear(text, passage, s) ?? yearFor(ref, m, d));
    const day = isoDay(y, m, d);
    if (day === undefined) continue;
    let iso = day;
    // "5 janvier vers 16 heures" is two mentions, a day and the time on it (fromTimes reads the time):
    // the day ends at its month, day number or year.
    const dayWords = c.isCertain('hour') ? DAY_WORDS.exec(r.text) : null;
    if (dayWords !== null) e = s + dayWords[0].length;
    else if (c.isCertain('hour')) {
      // chrono stops at "vers 10": "heures" belongs to the words.
      const tail = /^[\s\u00a0]*(?:heures?|h)(?![\p{L}])/u.exec(text.slice(e, Math.min(passageEnd, e + 12)));
      if (tail !== null) e += tail[0].length;
      const minute = c.isCertain('minute') ? c.get('minute')! : 0;
      iso = `${day}T${pad(c.get('hour')!)}:${pad(minute)}${OFFSET}`;
    } else if (r.end !== undefined && r.end !== null && r.end.isCertain('day')) {
      const em = r.end.get('month')!;
      const ed = r.end.get('day')!;
      const ey = r.end.isCertain('year') ? r.end.get('year')! : em < m ? y + 1 : y;
      const end = isoDay(ey, em, ed);
      if (end !== undefined && end > day) iso = `${day}/${end}`;
    }
    // Leading spaces never belong to a mention.
    while (s < e && /\s/.test(text[s]!)) s++;
    const when = approx(iso, text.slice(s, e));
    if (when !== undefined) out.push({ at: [s, e], when });
  }
}
