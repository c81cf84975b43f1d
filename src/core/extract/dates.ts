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
 */
import * as chrono from 'chrono-node';
import { parseApproxTime } from '../parse-time.ts';
import type { ApproxTime } from '../time.ts';
import { sentencesOf } from './passages.ts';
import type { DateMention, ExtractOptions, Passage, Span } from './types.ts';

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
const OFFSET = '+06:00';

const MONTHS_FR = ['janvier', 'f[ée]vrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'ao[uû]t', 'septembre', 'octobre', 'novembre', 'd[ée]cembre'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTHS_RU = ['январ[ьяе]', 'феврал[ьяе]', 'март[ае]?', 'апрел[ьяе]', 'ма[йяе]', 'июн[ьяе]', 'июл[ьяе]', 'август[ае]?', 'сентябр[ьяе]', 'октябр[ьяе]', 'ноябр[ьяе]', 'декабр[ьяе]'];

const MONTH_TESTS: RegExp[][] = [MONTHS_FR, MONTHS_RU, MONTHS_EN].map((list) => list.map((m) => new RegExp(`^${m}$`, 'iu')));

/** 1..12 for a month name in any of the three languages, or undefined. */
export function monthNumber(word: string): number | undefined {
  for (const tests of MONTH_TESTS) {
    const i = tests.findIndex((re) => re.test(word));
    if (i >= 0) return i + 1;
  }
  return undefined;
}

const M = `(?:${[...MONTHS_FR, ...MONTHS_RU, ...MONTHS_EN].join('|')})`;
/** Any month name, for telling a real date from chrono's false positives. */
const HAS_MONTH = new RegExp(`(?<![\\p{L}])${M}(?![\\p{L}])`, 'iu');
const NUMERIC_DATE = /\d{1,2}[./-]\d{1,2}[./-]\d{2,4}/;
const ANCHORS = new RegExp(`(?<![\\p{L}])${M}(?![\\p{L}])|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}`, 'giu');

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const D = '(\\d{1,2})(?:er|re|st|nd|rd|th)?';
const Y = '(\\d{4})';
const S = '[\\s\\u00a0]+';
const YEAR_RU = `(?:${S}(?:года|год|г\\.))?`;

interface Found {
  at: Span;
  when: ApproxTime;
}

type Shape =
  | { kind: 'days'; d1: number; m1?: number; d2: number; m2: number; y?: number; circa?: boolean }
  | { kind: 'month'; m: number; y?: number }
  | { kind: 'period'; part: 'early' | 'mid' | 'late'; m: number; y?: number }
  | { kind: 'years'; y1: number; y2?: number };

interface Pattern {
  re: RegExp;
  shape: (g: (string | undefined)[]) => Shape | undefined;
  /** Not a match right after a day number ("5 janvier 2022" is a day, not the month "janvier 2022"). */
  notAfterDay?: true;
  /** Matches without a digit ("début janvier"); the others are skipped in paragraphs without one. */
  wordsOnly?: true;
}

const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number(s));
const mon = (s: string | undefined): number | undefined => (s === undefined ? undefined : monthNumber(s));
const PART: Record<string, 'early' | 'mid' | 'late'> = {
  début: 'early', debut: 'early', early: 'early', beginning: 'early', начале: 'early', начала: 'early',
  mi: 'mid', milieu: 'mid', mid: 'mid', middle: 'mid', середине: 'mid', середины: 'mid',
  fin: 'late', late: 'late', end: 'late', конце: 'late', конца: 'late',
};
const part = (s: string | undefined) => PART[(s ?? '').toLowerCase().replace(/-$/, '')];

function days(g: (string | undefined)[], i: { d1: number; m1?: number; d2: number; m2: number; y?: number }): Shape | undefined {
  const m2 = mon(g[i.m2]);
  if (m2 === undefined) return undefined;
  return { kind: 'days', d1: num(g[i.d1])!, m1: mon(i.m1 !== undefined ? g[i.m1] : undefined), d2: num(g[i.d2])!, m2, y: num(i.y !== undefined ? g[i.y] : undefined) };
}

/** The night of day d (shift -1: the night before it) as two days; a month's last night ends on the next month's first day. */
function night(d: number, m: number | undefined, y: number | undefined, shift: number): Shape | undefined {
  if (m === undefined) return undefined;
  const first = d + shift;
  const last = new Date(Date.UTC(y ?? 2000, m, 0)).getUTCDate();
  if (first < 1 || first > last) return undefined;
  return first === last ? { kind: 'days', d1: first, m1: m, d2: 1, m2: (m % 12) + 1, y: y !== undefined && m === 12 ? y + 1 : y } : { kind: 'days', d1: first, m1: m, d2: first + 1, m2: m, y };
}

/** Our own patterns, tried before chrono: the first to claim a span keeps it. */
const PATTERNS: Pattern[] = [
  // Nights and day ranges: "dans la nuit du 4 au 5 janvier", "entre le 5 et le 6 janvier", "du 17 au 19 décembre 1986".
  {
    re: new RegExp(`${B}(?:(?:dans${S})?la${S}nuit${S}du|entre${S}le|du)${S}${D}(?:${S}(${M}))?${S}(?:au|et${S}le)${S}${D}${S}(${M})(?:${S}${Y})?${E}`, 'giu'),
    shape: (g) => days(g, { d1: 1, m1: 2, d2: 3, m2: 4, y: 5 }),
  },
  {
    re: new RegExp(`${B}(?:в${S}ночь${S}с|с|между)${S}${D}(?:${S}(${M}))?${S}(?:на|по|и)${S}${D}${S}(${M})(?:${S}${Y}${YEAR_RU})?${E}`, 'giu'),
    shape: (g) => days(g, { d1: 1, m1: 2, d2: 3, m2: 4, y: 5 }),
  },
  {
    re: new RegExp(`${B}(?:(?:the${S})?night${S}of|between|from)${S}${D}(?:${S}(${M}))?${S}(?:to|into|and)${S}${D}${S}(${M})(?:,?${S}${Y})?${E}`, 'giu'),
    shape: (g) => days(g, { d1: 1, m1: 2, d2: 3, m2: 4, y: 5 }),
  },
  {
    re: new RegExp(`${B}(?:(?:the${S})?night${S}of|between|from)${S}(${M})${S}${D}${S}(?:to|into|and)${S}(?:(${M})${S})?${D}(?:,?${S}${Y})?${E}`, 'giu'),
    shape: (g) => {
      const m1 = mon(g[1]);
      if (m1 === undefined) return undefined;
      return { kind: 'days', d1: num(g[2])!, m1, d2: num(g[4])!, m2: mon(g[3]) ?? m1, y: num(g[5]) };
    },
  },
  // The night of a day runs into the next: "dans la nuit du 4 janvier", "в ночь на 5 января" (the night before the 5th), "the night of January 5".
  {
    re: new RegExp(`${B}(?:(?:dans${S})?la${S}nuit${S}du|nuit${S}du)${S}${D}${S}(${M})(?:${S}${Y})?${E}`, 'giu'),
    shape: (g) => night(num(g[1])!, mon(g[2]), num(g[3]), 0),
  },
  {
    re: new RegExp(`${B}в${S}ночь${S}на${S}${D}${S}(${M})(?:${S}${Y}${YEAR_RU})?${E}`, 'giu'),
    shape: (g) => night(num(g[1])!, mon(g[2]), num(g[3]), -1),
  },
  {
    re: new RegExp(`${B}(?:the${S})?night${S}of${S}(?:${D}${S}(${M})|(${M})${S}${D})(?:,?${S}${Y})?${E}`, 'giu'),
    shape: (g) => night(num(g[1] ?? g[4])!, mon(g[2] ?? g[3]), num(g[5]), 0),
  },
  // Parts of a month: "début janvier", "à la mi-janvier", "fin décembre 2021", "в начале января", "early January".
  {
    re: new RegExp(`${B}(?:(?:au${S}|en${S})?(début|debut|fin|milieu)(?:${S}(?:du${S}mois${S}de|de|d['’]))?${S}|(?:à${S}la${S})?(mi)-?\\s*)(${M})(?:${S}${Y})?${E}`, 'giu'),
    shape: (g) => {
      const p = part(g[1] ?? g[2]);
      const m = mon(g[3]);
      return p === undefined || m === undefined ? undefined : { kind: 'period', part: p, m, y: num(g[4]) };
    },
    wordsOnly: true,
  },
  {
    re: new RegExp(`${B}в${S}(начале|середине|конце)${S}(${M})(?:${S}${Y}${YEAR_RU})?${E}`, 'giu'),
    shape: (g) => {
      const p = part(g[1]);
      const m = mon(g[2]);
      return p === undefined || m === undefined ? undefined : { kind: 'period', part: p, m, y: num(g[3]) };
    },
    wordsOnly: true,
  },
  {
    re: new RegExp(`${B}(?:(early|late|mid)-?\\s*|(?:the${S})?(beginning|middle|end)${S}of${S})(${M})(?:,?${S}${Y})?${E}`, 'giu'),
    shape: (g) => {
      const p = part(g[1] ?? g[2]);
      const m = mon(g[3]);
      return p === undefined || m === undefined ? undefined : { kind: 'period', part: p, m, y: num(g[4]) };
    },
    wordsOnly: true,
  },
  // A month of a year: "juin 2016", "в декабре 2011 года", "December 2011" (a day before it is chrono's).
  {
    re: new RegExp(`${B}(${M}),?${S}${Y}${YEAR_RU}${E}`, 'giu'),
    shape: (g) => {
      const m = mon(g[1]);
      return m === undefined ? undefined : { kind: 'month', m, y: num(g[2]) };
    },
    notAfterDay: true,
  },
  // Years: only after a word that makes a number a year ("en 2019", "de 2014 à 2016", "в 2011 году", "in 2019").
  {
    re: new RegExp(`(?:(?<=${B}(?:de|from|с)${S})${Y}${S}(?:à|au|to|по)|(?<=${B}(?:entre|between|между)${S})${Y}${S}(?:et|and|и))${S}${Y}(?:${S}(?:годы|годах|году|год|годом|годами))?${E}`, 'giu'),
    shape: (g) => ({ kind: 'years', y1: num(g[1] ?? g[2])!, y2: num(g[3]) }),
  },
  // Decades: "les années 1990", "the 1990s", "в 1990-х годах".
  {
    re: new RegExp(`${B}(?:années${S}(\\d{3}0|\\d0)|(\\d{3}0)s|(\\d{3}0|\\d0)-(?:х|е)(?:${S}(?:годах|годы|годов))?)${E}`, 'giu'),
    shape: (g) => {
      const written = num(g[1] ?? g[2] ?? g[3])!;
      // "les années 90" are the 1990s.
      const y = written < 100 ? 1900 + written : written;
      return { kind: 'years', y1: y, y2: y + 9 };
    },
  },
  // A bare year where nothing else could follow it: "de 1848 et 1956", "(2011 et 2022)", "de 1986 (le soulèvement".
  {
    re: new RegExp(`(?<![\\p{L}\\p{N}.,/$€£₸₽\\u00a0\\u202f-]|\\d )(1[89]\\d\\d|20\\d\\d)(?=[\\s\\u00a0]*(?:[,.;:()[\\]«»“”"–—]|$)|${S}(?:et|à|and|to|и)${S}\\d{4}(?![\\p{L}\\p{N}])|(?<=(?:et|and|и)${S}\\d{4}))`, 'giu'),
    shape: (g) => ({ kind: 'years', y1: num(g[1])! }),
  },
  {
    re: new RegExp(
      `(?:(?<=${B}(?:en|depuis|dès|in|since|в|с)${S})${Y}|(?<=${B}(?:à${S}partir${S}de|jusqu['’]en|après|avant|after|before|until|после|до)${S})(1[89]\\d\\d|20\\d\\d))(?:${S}(?:году|года|год|г\\.))?${E}`,
      'giu',
    ),
    shape: (g) => ({ kind: 'years', y1: num(g[1] ?? g[2])! }),
  },
];

interface Reference {
  y: number;
  m: number;
  d: number;
}

function referenceOf(iso: string | undefined): Reference {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso ?? '');
  if (m !== null) return { y: Number(m[1]), m: Number(m[2] ?? 12), d: Number(m[3] ?? 31) };
  // No article date: today, so a day written without a year still never lands in the future.
  const now = new Date();
  return { y: now.getUTCFullYear(), m: now.getUTCMonth() + 1, d: now.getUTCDate() };
}

/** The year of a day or month written without one: the reference's year, or the one before if that would be after the reference. */
function yearFor(ref: Reference, m: number, d?: number): number {
  const after = m > ref.m || (m === ref.m && d !== undefined && d > ref.d);
  return after ? ref.y - 1 : ref.y;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function isoDay(y: number, m: number, d: number): string | undefined {
  return y >= 1 && y <= 9999 && validDay(y, m, d) ? `${pad(y, 4)}-${pad(m)}-${pad(d)}` : undefined;
}

const PERIOD_DAYS = { early: [1, 10], mid: [11, 20], late: [21, 31] } as const;

/** The ISO form of a shape ("2022-01-04/2022-01-05", "2016-06", "2014/2016"), or undefined when it is not a real date. */
function isoOf(shape: Shape, ref: Reference): string | undefined {
  switch (shape.kind) {
    case 'days': {
      const m1 = shape.m1 ?? shape.m2;
      const y2 = shape.y ?? yearFor(ref, shape.m2, shape.d2);
      // "du 30 décembre au 2 janvier": the start is in the year before.
      const y1 = m1 > shape.m2 || (m1 === shape.m2 && shape.d1 > shape.d2) ? y2 - 1 : y2;
      const from = isoDay(y1, m1, shape.d1);
      const to = isoDay(y2, shape.m2, shape.d2);
      if (from === undefined || to === undefined || y2 - y1 > 1) return undefined;
      return from === to ? from : `${from}/${to}`;
    }
    case 'period': {
      const y = shape.y ?? yearFor(ref, shape.m, PERIOD_DAYS[shape.part][0]);
      const last = new Date(Date.UTC(y, shape.m, 0)).getUTCDate();
      const [a, b] = PERIOD_DAYS[shape.part];
      const from = isoDay(y, shape.m, a);
      const to = isoDay(y, shape.m, Math.min(b, last));
      return from === undefined || to === undefined ? undefined : `${from}/${to}`;
    }
    case 'month': {
      const y = shape.y ?? yearFor(ref, shape.m);
      return y >= 1 && y <= 9999 ? `${pad(y, 4)}-${pad(shape.m)}` : undefined;
    }
    case 'years': {
      const { y1, y2 } = shape;
      if (y1 < 1000 || y1 > 2199 || (y2 !== undefined && (y2 < y1 || y2 > 2199))) return undefined;
      return y2 === undefined || y2 === y1 ? String(y1) : `${y1}/${y2}`;
    }
  }
}

const CIRCA = /(?<![\p{L}])(vers|environ|aux alentours de|around|about|approximately|около|примерно|начале|середине|конце|début|debut|milieu|fin|mi|early|mid|late|beginning|middle|end)(?![\p{L}])/iu;

/** Shapes an ISO form and the words into an ApproxTime through parse-time (which validates it); undefined if it does not validate. */
function approx(iso: string, words: string): ApproxTime | undefined {
  try {
    return parseApproxTime(iso, { label: words.replace(/\s+/g, ' ').slice(0, 200), ...(CIRCA.test(words) ? { circa: true } : {}) });
  } catch {
    return undefined;
  }
}

function fromPatterns(text: string, from: number, to: number, ref: Reference, out: Found[]): void {
  const body = text.slice(from, to);
  const digits = /\d/.test(body);
  for (const p of PATTERNS) {
    if (!digits && p.wordsOnly !== true) continue;
    for (const m of matchesOf(p.re, body)) {
      const s = from + m.index;
      const e = s + m[0].length;
      // "5 janvier 2022" is a day (chrono's), not the month "janvier 2022".
      if (p.notAfterDay === true && /\d(?:er|re|st|nd|rd|th)?[\s\u00a0]+$/u.test(text.slice(Math.max(from, s - 6), s))) continue;
      const shape = p.shape([...m]);
      const iso = shape === undefined ? undefined : isoOf(shape, ref);
      const when = iso === undefined ? undefined : approx(iso, m[0]);
      if (when !== undefined) out.push({ at: [s, e], when });
    }
  }
}

const PARSERS: Record<ExtractOptions['lang'], chrono.Chrono> = { fr: chrono.fr.strict, ru: chrono.ru.strict, en: chrono.en.strict, kk: chrono.ru.strict };

/**
 * chrono reads only windows around a month name or a numeric date: every date it may keep has
 * one, and most of an article has none, so this skips most of the parsing (a 1 MB article spends
 * its date time here).
 */
function fromChrono(text: string, from: number, to: number, ref: Reference, lang: ExtractOptions['lang'], out: Found[]): void {
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
    chronoWindow(text, from + a, from + e, to, ref, lang, out);
  }
}

function chronoWindow(text: string, from: number, to: number, passageEnd: number, ref: Reference, lang: ExtractOptions['lang'], out: Found[]): void {
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
    const y = c.isCertain('year') ? c.get('year')! : yearFor(ref, m, d);
    const day = isoDay(y, m, d);
    if (day === undefined) continue;
    // chrono stops at "vers 10": "heures" belongs to the words.
    const tail = /^[\s\u00a0]*(?:heures?|h)(?![\p{L}])/u.exec(text.slice(e, Math.min(passageEnd, e + 12)));
    if (tail !== null && c.isCertain('hour')) e += tail[0].length;
    let iso = day;
    if (c.isCertain('hour')) {
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

const DAY_MS = 86_400_000;
const isoOfMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Monday to Sunday of the reference's week, or of a week before it. */
function weekOf(ref: Reference, weeks: number): string {
  const refMs = Date.UTC(ref.y, ref.m - 1, ref.d);
  const monday = refMs - ((new Date(refMs).getUTCDay() + 6) % 7) * DAY_MS + 7 * weeks * DAY_MS;
  return `${isoOfMs(monday)}/${isoOfMs(monday + 6 * DAY_MS)}`;
}

/** Days named relative to the article: "la semaine dernière" (Monday to Sunday before the article's week), "le Nouvel An". */
const RELATIVE: { re: RegExp; iso: (ref: Reference) => string }[] = [
  {
    re: new RegExp(`${B}(?:la${S}semaine${S}(?:dernière|passée)|last${S}week|на${S}прошлой${S}неделе)${E}`, 'giu'),
    iso: (ref) => weekOf(ref, -1),
  },
  {
    re: new RegExp(`${B}(?:cette${S}semaine|this${S}week|на${S}этой${S}неделе)${E}`, 'giu'),
    iso: (ref) => weekOf(ref, 0),
  },
  {
    re: new RegExp(`${B}(?:l['’](?:année|an)${S}(?:dernière|dernier|passée)|last${S}year|в${S}прошлом${S}году)${E}`, 'giu'),
    iso: (ref) => pad(ref.y - 1, 4),
  },
  {
    re: new RegExp(`${B}(?:cette${S}année|this${S}year|в${S}этом${S}году)${E}`, 'giu'),
    iso: (ref) => pad(ref.y, 4),
  },
  {
    re: new RegExp(`${B}(?:(?:le${S})?Nouvel(?:${S}|-)An|jour${S}de${S}l['’]an|New${S}Year(?:['’]s${S}Day)?|Нов(?:ый|ого|ом|ым)${S}год(?:а|у|ом)?)${E}`, 'giu'),
    iso: (ref) => `${pad(yearFor(ref, 1, 1), 4)}-01-01`,
  },
];

function fromRelative(text: string, from: number, to: number, ref: Reference, out: Found[]): void {
  const body = text.slice(from, to);
  for (const r of RELATIVE) {
    for (const m of matchesOf(r.re, body)) {
      const when = approx(r.iso(ref), m[0]);
      if (when !== undefined) out.push({ at: [from + m.index, from + m.index + m[0].length], when });
    }
  }
}

// "13h", "19 heures 30", "entre 17h et 19 heures 30", "vers 9 heures", "10:30", "в 13:00", "at 5 pm".
const H = String.raw`(\d{1,2})(?:\s?(?:h|heures?|часов|часа|час)(?:\s?(\d{2}))?(?![\p{L}\p{N}])|[:](\d{2})|\s?([ap])\.?m\.?(?![\p{L}]))`;
const TIME = new RegExp(`${B}(?:(?:vers|environ|around|about|около|примерно)${S})?(?:(?:entre|between|с|from)${S})?${H}(?:${S}(?:et|and|до|to|-|–)${S}${H})?`, 'giu');

interface Clock {
  h: number;
  min?: number;
}

function clockOf(h: string | undefined, min1: string | undefined, min2: string | undefined, ampm: string | undefined): Clock | undefined {
  if (h === undefined) return undefined;
  let hour = Number(h);
  if (ampm !== undefined) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (ampm.toLowerCase() === 'p' ? 12 : 0);
  }
  const min = min1 ?? min2;
  if (hour > 23 || (min !== undefined && Number(min) > 59)) return undefined;
  return { h: hour, ...(min !== undefined ? { min: Number(min) } : {}) };
}

const clockIso = (day: string, c: Clock) => `${day}T${pad(c.h)}:${pad(c.min ?? 0)}${OFFSET}`;

/**
 * Times of day, given the day only by the sentence they are in ("Le 10 janvier au matin, [...] jusqu'à 13h",
 * "peu avant 16 heures (heure locale) le 5 janvier"):
 * a time with no day in its sentence is left out rather than put on a day the text does not name.
 */
function fromTimes(text: string, passage: Passage, days: readonly Found[], out: Found[]): void {
  const [from, to] = passage.at;
  const body = text.slice(from, to);
  const sentences = sentencesOf(text, passage.at);
  for (const m of matchesOf(TIME, body)) {
    const s = from + m.index;
    const e = s + m[0].length;
    if (days.some((d) => s < d.at[1] && d.at[0] < e)) continue;
    const sentence = sentences.find(([a, b]) => s >= a && s < b);
    // The day the sentence names before the time, else after it ("avant 16 heures (heure locale) le 5 janvier").
    const single = (d: Found) => sentence !== undefined && d.at[0] >= sentence[0] && d.at[1] <= sentence[1] && d.when.precision === 'day' && d.when.to === undefined;
    const day = [...days].reverse().find((d) => single(d) && d.at[1] <= s) ?? days.find((d) => single(d) && d.at[0] >= e);
    if (day === undefined) continue;
    const a = clockOf(m[1], m[2], m[3], m[4]);
    const b = clockOf(m[5], m[6], m[7], m[8]);
    if (a === undefined || (m[5] !== undefined && b === undefined)) continue;
    const d0 = day.when.from;
    let iso = clockIso(d0, a);
    if (b !== undefined) {
      // "entre 23 heures et 4 heures": the end is the next morning.
      const d1 = b.h * 60 + (b.min ?? 0) < a.h * 60 + (a.min ?? 0) ? isoOfMs(Date.parse(`${d0}T00:00:00Z`) + DAY_MS) : d0;
      iso = `${iso}/${clockIso(d1, b)}`;
    }
    const when = approx(iso, m[0]);
    if (when !== undefined) out.push({ at: [s, e], when });
  }
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
    const days = disjoint(found);
    const times: Found[] = [];
    fromTimes(text, p, days, times);
    for (const f of disjoint([...days, ...times])) out.push({ type: 'date', at: f.at, text: text.slice(f.at[0], f.at[1]), passage: p.id, when: f.when });
  }
  return out;
}
