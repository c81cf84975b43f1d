/**
 * Resolution against the article's date: a shape read from the words (days, a month, a part of a
 * month, years) becomes an ISO time, with the year the words leave out taken so that the date is
 * never after the article, and validated through parse-time into an ApproxTime.
 */
import { parseApproxTime } from '../parse-time.ts';
import type { ApproxTime } from '../time.ts';

/** What the words of a date say, before the article's date gives it a year. */
export type Shape =
  | { kind: 'days'; d1: number; m1?: number; d2: number; m2: number; y?: number; circa?: boolean }
  | { kind: 'month'; m: number; y?: number }
  | { kind: 'period'; part: 'early' | 'mid' | 'late'; m: number; y?: number }
  | { kind: 'years'; y1: number; y2?: number };

export interface Reference {
  y: number;
  m: number;
  d: number;
}

export function referenceOf(iso: string | undefined): Reference {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso ?? '');
  if (m !== null) return { y: Number(m[1]), m: Number(m[2] ?? 12), d: Number(m[3] ?? 31) };
  // No article date: today, so a day written without a year still never lands in the future.
  const now = new Date();
  return { y: now.getUTCFullYear(), m: now.getUTCMonth() + 1, d: now.getUTCDate() };
}

/** The year of a day or month written without one: the reference's year, or the one before if that would be after the reference. */
export function yearFor(ref: Reference, m: number, d?: number): number {
  const after = m > ref.m || (m === ref.m && d !== undefined && d > ref.d);
  return after ? ref.y - 1 : ref.y;
}

export const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isoDay(y: number, m: number, d: number): string | undefined {
  return y >= 1 && y <= 9999 && validDay(y, m, d) ? `${pad(y, 4)}-${pad(m)}-${pad(d)}` : undefined;
}

const PERIOD_DAYS = { early: [1, 10], mid: [11, 20], late: [21, 31] } as const;

/** The ISO form of a shape ("2022-01-04/2022-01-05", "2016-06", "2014/2016"), or undefined when it is not a real date. */
export function isoOf(shape: Shape, ref: Reference): string | undefined {
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
export function approx(iso: string, words: string): ApproxTime | undefined {
  try {
    return parseApproxTime(iso, { label: words.replace(/\s+/g, ' ').slice(0, 200), ...(CIRCA.test(words) ? { circa: true } : {}) });
  } catch {
    return undefined;
  }
}
export const DAY_MS = 86_400_000;
export const isoOfMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Monday to Sunday of the reference's week, or of a week before it. */
export function weekOf(ref: Reference, weeks: number): string {
  const refMs = Date.UTC(ref.y, ref.m - 1, ref.d);
  const monday = refMs - ((new Date(refMs).getUTCDay() + 6) % 7) * DAY_MS + 7 * weeks * DAY_MS;
  return `${isoOfMs(monday)}/${isoOfMs(monday + 6 * DAY_MS)}`;
}
