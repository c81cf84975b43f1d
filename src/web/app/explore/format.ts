/**
 * Formatting for the explore pages: approximate times in the reader's language but in the
 * source's own wall-clock time, place names from the record or the gazetteer in the reader's
 * language, language names, short npubs.
 */
import { npubEncode } from 'nostr-tools/nip19';
import type { Place } from '../../../core/records.ts';
import type { ApproxTime } from '../../../core/time.ts';
import type { I18n, Locale } from '../i18n/index.ts';
import { intlLacksKazakh, kkCountry, kkDate, kkLanguage, kkList, kkNumber, kkRange, type KkPrecision } from './kk-intl.ts';

interface WallClock {
  /** The wall-clock time the source wrote, as if it were UTC (formatted with timeZone UTC). */
  date: Date;
  /** "+06:00", when the string carries an offset. */
  offset?: string;
}

/** Reads "2022-01-05", "2022-01", "2022" or "2022-01-04T23:00+06:00" as wall-clock time. */
export function wallClock(s: string): WallClock {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T(\d{2}):(\d{2})(Z|[+-]\d{2}:\d{2}))?$/.exec(s);
  if (!m) return { date: new Date(Date.parse(s)) };
  const [, y, mo, d, h, mi, off] = m;
  const date = new Date(Date.UTC(Number(y), Number(mo ?? 1) - 1, Number(d ?? 1), Number(h ?? 0), Number(mi ?? 0)));
  return off !== undefined ? { date, offset: off } : { date };
}

const STYLE: Record<ApproxTime['precision'], Intl.DateTimeFormatOptions> = {
  year: { year: 'numeric', timeZone: 'UTC' },
  month: { year: 'numeric', month: 'long', timeZone: 'UTC' },
  day: { dateStyle: 'long', timeZone: 'UTC' },
  hour: { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' },
  minute: { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' },
};

/** "UTC+6" for "+06:00": the offset the witness lived in, so "23:00" means what they meant. */
function offsetLabel(offset: string): string {
  if (offset === 'Z') return 'UTC';
  const h = Number(offset.slice(1, 3));
  const m = offset.slice(4, 6);
  return `UTC${offset[0]}${h}${m === '00' ? '' : `:${m}`}`;
}

/** An approximate time at its own precision, a range when it has an end; "about" when the source hedges. */
const KK_PRECISION: Record<ApproxTime['precision'], KkPrecision> = { year: 'year', month: 'month', day: 'day', hour: 'time', minute: 'time' };

/** Whether to write Kazakh by hand (see kk-intl.ts). */
function handKazakh(locale: Locale): boolean {
  return locale === 'kk' && intlLacksKazakh();
}

export function formatApprox(t: ApproxTime, i18n: Pick<I18n, 'locale' | 't'>): string {
  const a = wallClock(t.from);
  const ranged = t.to !== undefined && t.to !== t.from;
  let text: string;
  if (handKazakh(i18n.locale)) text = ranged ? kkRange(a.date, wallClock(t.to as string).date, KK_PRECISION[t.precision]) : kkDate(a.date, KK_PRECISION[t.precision]);
  else {
    const fmt = new Intl.DateTimeFormat(i18n.locale, STYLE[t.precision]);
    text = ranged ? fmt.formatRange(a.date, wallClock(t.to as string).date) : fmt.format(a.date);
  }
  if (a.offset !== undefined) text += ` (${offsetLabel(a.offset)})`;
  return t.circa ? i18n.t('time.circa', { time: text }) : text;
}

/** A calendar day ("2022-01-05") as a heading: weekday and date in the reader's language. */
export function formatDay(day: string, locale: Locale, style: 'long' | 'short' = 'long'): string {
  if (handKazakh(locale)) return kkDate(wallClock(day).date, 'day', style === 'long' ? { weekday: true } : { short: true });
  const opts: Intl.DateTimeFormatOptions =
    style === 'long' ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' } : { day: 'numeric', month: 'short', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, opts).format(wallClock(day).date);
}

/** A record's `created_at` (the author's word), as a date and time in the reader's zone. */
export function formatCreated(seconds: number, locale: Locale): string {
  if (handKazakh(locale)) return kkDate(new Date(seconds * 1000), 'time', { utc: false });
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(seconds * 1000));
}

/** Which names to try, in order, for a reader: Kazakh readers read Russian before Latin. */
const NAME_ORDER: Record<Locale, string[]> = {
  en: ['en', 'fr'],
  fr: ['fr', 'en'],
  ru: ['ru', 'kk', 'en'],
  kk: ['kk', 'ru', 'en'],
};

/**
 * A place's name in the reader's language: the record's own names, then `more` (the gazetteer's,
 * where the caller has it), then as written. The gazetteer is not imported here on purpose: its
 * cross-script folding pulls any-ascii (~220 KB gzip), which only the map and search load, lazily.
 */
export function placeName(p: Pick<Place, 'name' | 'names'>, locale: Locale, more?: Partial<Record<string, string>>): string {
  const own = p.names as Partial<Record<string, string>> | undefined;
  for (const l of NAME_ORDER[locale]) {
    const n = own?.[l] ?? more?.[l];
    if (n !== undefined) return n;
  }
  return p.name;
}

export function languageName(code: string, locale: Locale): string {
  if (handKazakh(locale)) return kkLanguage(code) ?? code;
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function countryName(code: string, locale: Locale): string {
  if (handKazakh(locale)) return kkCountry(code) ?? code;
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** "npub1abcd…wxyz": enough to compare keys by eye, short enough for a line. */
export function shortNpub(pubkey: string): string {
  try {
    const n = npubEncode(pubkey);
    return `${n.slice(0, 10)}…${n.slice(-6)}`;
  } catch {
    return `${pubkey.slice(0, 8)}…`;
  }
}

/** Joins phrases with the reader's "and". */
export function listOf(items: readonly string[], locale: Locale): string {
  if (handKazakh(locale)) return kkList(items);
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
}

/** A number in the reader's format (Kazakh by hand where Intl lacks it). */
export function formatNumber(n: number, locale: Locale): string {
  return handKazakh(locale) ? kkNumber(n) : new Intl.NumberFormat(locale).format(n);
}

/** A day range for captions ("1–10 January 2022"). */
export function formatDayRange(from: string, to: string, locale: Locale): string {
  const a = wallClock(from).date;
  const b = wallClock(to).date;
  return handKazakh(locale) ? kkRange(a, b, 'day') : new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).formatRange(a, b);
}

/** Day of the month alone, for chart ticks. */
export function formatDayOfMonth(day: string, locale: Locale): string {
  return handKazakh(locale) ? String(wallClock(day).date.getUTCDate()) : new Intl.DateTimeFormat(locale, { day: 'numeric', timeZone: 'UTC' }).format(wallClock(day).date);
}
