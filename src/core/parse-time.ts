/**
 * Turns what a person types ("2022-01-05", "2022-01-04T23:00+06:00/2022-01-05T04:00+06:00",
 * "5 janvier 2022 vers 10 heures", "night of 4 to 5 January 2022") into an ApproxTime.
 * ISO forms are exact; anything else goes to chrono-node (fr, en, ru, de...) and keeps the
 * typed words as the label. The precision is what the words give, never more.
 */
import type * as Chrono from 'chrono-node';
import { KeruenError } from './errors.ts';
import { approxTimeSchema, type ApproxTime, type Precision } from './time.ts';
import { describeZodError } from './event.ts';

const ISO_PRECISION: ReadonlyArray<readonly [RegExp, Precision]> = [
  [/^\d{4}$/, 'year'],
  [/^\d{4}-\d{2}$/, 'month'],
  [/^\d{4}-\d{2}-\d{2}$/, 'day'],
  [/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/, 'minute'],
];

function isoPrecision(s: string): Precision | undefined {
  return ISO_PRECISION.find(([re]) => re.test(s))?.[1];
}

// chrono-node takes ~200 ms to load: loaded only when someone types words, not ISO.
let chrono: typeof Chrono | undefined;

function parsers(c: typeof Chrono): Record<string, Chrono.Chrono> {
  return { fr: c.fr.casual, en: c.en.casual, ru: c.ru.casual, de: c.de.casual, es: c.es.casual, uk: c.uk.casual };
}

/** Like parseApproxTime, loading the words parser first if the input needs it. */
export async function parseApproxTimeAsync(input: string, opts: ParseTimeOptions = {}): Promise<ApproxTime> {
  if (chrono === undefined && !isIsoInput(input)) chrono = await import('chrono-node');
  return parseApproxTime(input, opts);
}

/** Loads the words parser if any of these inputs needs it, so parseApproxTime can stay synchronous. */
export async function prepareTimeParsing(inputs: ReadonlyArray<string | undefined>): Promise<void> {
  if (chrono === undefined && inputs.some((i) => i !== undefined && !isIsoInput(i))) chrono = await import('chrono-node');
}

function isIsoInput(input: string): boolean {
  return input
    .trim()
    .split(/\s*(?:\/|\.\.)\s*/)
    .every((part) => isoPrecision(part) !== undefined);
}

export interface ParseTimeOptions {
  /** Language hint for free text. */
  lang?: string;
  /** Offset to write hours in, e.g. "+06:00" (Almaty in 2022). */
  offset?: string;
  /** The date free text is read against (for a missing year). */
  reference?: Date;
  label?: string;
  circa?: boolean;
}

export function parseApproxTime(input: string, opts: ParseTimeOptions = {}): ApproxTime {
  const text = input.trim();
  const [a, b] = text.split(/\s*(?:\/|\.\.)\s*/);
  let result: ApproxTime | undefined;
  const pa = a !== undefined ? isoPrecision(a) : undefined;
  if (a !== undefined && pa !== undefined) {
    const pb = b !== undefined ? isoPrecision(b) : pa;
    if (pb !== pa) throw KeruenError.usage(`"${text}": both ends of a range must be written the same way`);
    const precision: Precision = pa === 'minute' && a.slice(14, 16) === '00' && (b === undefined || b.slice(14, 16) === '00') ? 'hour' : pa;
    result = { from: a, ...(b !== undefined ? { to: b } : {}), precision };
  } else {
    result = fromFreeText(text, opts);
  }
  if (opts.label !== undefined) result.label = opts.label;
  if (opts.circa === true) result.circa = true;
  const checked = approxTimeSchema.safeParse(result);
  if (!checked.success) throw KeruenError.usage(`"${text}" is not a usable time: ${describeZodError(checked.error)}`);
  return checked.data;
}

function fromFreeText(text: string, opts: ParseTimeOptions): ApproxTime {
  if (chrono === undefined) throw KeruenError.usage(`"${text}" is not an ISO time; use parseApproxTimeAsync to read words`);
  const PARSERS = parsers(chrono);
  const order = [opts.lang ?? 'en', 'fr', 'en', 'ru', 'de', 'es', 'uk'];
  for (const lang of order) {
    const parser = PARSERS[lang];
    const found = parser?.parse(text, opts.reference ?? new Date())[0];
    if (found === undefined) continue;
    const offset = opts.offset ?? '+06:00';
    const from = write(found.start, offset);
    const to = found.end ? write(found.end, offset, from.precision) : undefined;
    return {
      from: from.value,
      ...(to !== undefined && to.value !== from.value ? { to: to.value } : {}),
      precision: from.precision,
      label: text,
      ...(/\b(vers|environ|around|about|approximately|около|примерно)\b/i.test(text) ? { circa: true } : {}),
    };
  }
  throw KeruenError.usage(`cannot read a time from "${text}": write it as 2022-01-05, 2022-01-05T10:00+06:00, or a range A/B`);
}

function write(c: Chrono.ParsedComponents, offset: string, force?: Precision): { value: string; precision: Precision } {
  const y = String(c.get('year')).padStart(4, '0');
  const m = String(c.get('month')).padStart(2, '0');
  const d = String(c.get('day')).padStart(2, '0');
  const known = (k: Chrono.Component) => c.isCertain(k);
  let precision: Precision = force ?? (known('hour') ? (known('minute') && c.get('minute') !== 0 ? 'minute' : 'hour') : known('day') ? 'day' : known('month') ? 'month' : 'year');
  if (force === undefined && !known('year') && precision === 'year') precision = 'day';
  const hh = String(c.get('hour')).padStart(2, '0');
  const mm = precision === 'minute' ? String(c.get('minute')).padStart(2, '0') : '00';
  switch (precision) {
    case 'year':
      return { value: y, precision };
    case 'month':
      return { value: `${y}-${m}`, precision };
    case 'day':
      return { value: `${y}-${m}-${d}`, precision };
    default:
      return { value: `${y}-${m}-${d}T${hh}:${mm}${offset}`, precision };
  }
}
