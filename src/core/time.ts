/**
 * Approximate time. Witnesses say "the night of 4 to 5 January" or "around 9 in the
 * morning", not a Unix timestamp: a time is a range at a stated precision plus the words
 * the source used. We never invent precision the source does not give.
 * Times keep their local offset (Almaty was UTC+6 in 2022) so the day a witness names
 * is the day we show, whatever the reader's time zone.
 */
import { z } from 'zod';

export const PRECISIONS = ['year', 'month', 'day', 'hour', 'minute'] as const;
export type Precision = (typeof PRECISIONS)[number];

const FORMAT: Record<Precision, RegExp> = {
  year: /^\d{4}$/,
  month: /^\d{4}-(0[1-9]|1[0-2])$/,
  day: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  hour: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):00(Z|[+-]\d{2}:\d{2})$/,
  minute: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(Z|[+-]\d{2}:\d{2})$/,
};

export const approxTimeSchema = z
  .strictObject({
    /** Start of the range, written at the stated precision (e.g. "2022-01-05", "2022-01-04T23:00+06:00"). */
    from: z.string(),
    /** End of the range, same precision; absent when the time is a single point at that precision. */
    to: z.string().optional(),
    precision: z.enum(PRECISIONS),
    /** The words of the source, in its language ("dans la nuit du 4 janvier"). */
    label: z.string().max(200).optional(),
    /** True when the source itself hedges ("vers 9 heures", "around"). */
    circa: z.boolean().optional(),
  })
  .superRefine((t, ctx) => {
    const re = FORMAT[t.precision];
    if (!re.test(t.from)) ctx.addIssue({ code: 'custom', path: ['from'], message: `"${t.from}" is not written at ${t.precision} precision` });
    if (t.to !== undefined) {
      if (!re.test(t.to)) ctx.addIssue({ code: 'custom', path: ['to'], message: `"${t.to}" is not written at ${t.precision} precision` });
      else if (re.test(t.from) && startMillis(t.to) < startMillis(t.from))
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'ends before it starts' });
    }
  });

export type ApproxTime = z.infer<typeof approxTimeSchema>;

/** Milliseconds of the start of a time string (date-only strings are read as UTC midnight). */
export function startMillis(s: string): number {
  if (/^\d{4}$/.test(s)) return Date.UTC(Number(s), 0, 1);
  if (/^\d{4}-\d{2}$/.test(s)) return Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, 1);
  return Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s);
}

/** The local calendar day a time starts on ("2022-01-05"), or undefined above day precision. */
export function dayOf(t: ApproxTime): string | undefined {
  if (t.precision === 'year' || t.precision === 'month') return undefined;
  return t.from.slice(0, 10);
}

/** Every local day the range touches, for day-by-day views. */
export function daysCovered(t: ApproxTime): string[] {
  const first = dayOf(t);
  if (first === undefined) return [];
  const last = t.to !== undefined ? t.to.slice(0, 10) : first;
  const days: string[] = [];
  let ms = Date.parse(`${first}T00:00:00Z`);
  const end = Date.parse(`${last}T00:00:00Z`);
  while (ms <= end && days.length < 366) {
    days.push(new Date(ms).toISOString().slice(0, 10));
    ms += 86_400_000;
  }
  return days;
}

/** Sort key: start of the range (local offsets respected). */
export function compareTimes(a: ApproxTime, b: ApproxTime): number {
  return startMillis(a.from) - startMillis(b.from);
}
