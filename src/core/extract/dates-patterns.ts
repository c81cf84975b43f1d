/**
 * Our own date patterns, for what chrono-node does not read: nights "du 4 au 5", "entre le 5 et
 * le 6", "в ночь с 4 на 5", parts of months ("début janvier"), a month of a year ("juin 2016"),
 * years after a word that makes a number a year, decades, and days named relative to the
 * article ("la semaine dernière", "le Nouvel An").
 */
import { B, D, E, M, matchesOf, monthNumber, S, Y, YEAR_RU, type Found } from './dates-words.ts';
import { approx, isoOf, pad, weekOf, yearFor, type Reference, type Shape } from './dates-resolve.ts';

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

/** Every span our patterns read in a paragraph, resolved against the reference. */
export function fromPatterns(text: string, from: number, to: number, ref: Reference, out: Found[]): void {
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

export function fromRelative(text: string, from: number, to: number, ref: Reference, out: Found[]): void {
  const body = text.slice(from, to);
  for (const r of RELATIVE) {
    for (const m of matchesOf(r.re, body)) {
      const when = approx(r.iso(ref), m[0]);
      if (when !== undefined) out.push({ at: [from + m.index, from + m.index + m[0].length], when });
    }
  }
}
