/**
 * Kazakh dates, numbers, lists and names when the browser's Intl has no Kazakh data.
 * Chromium ships a reduced ICU: it says it supports "kk" but formats "2022 M01 5" and names
 * no country; Node and Firefox have the full data. Formats follow CLDR's Kazakh patterns
 * ("2022 ж. 5 қаңтар, сәрсенбі"). Used only when the check below finds Intl lacking.
 */

const MONTHS = ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'];
const MONTHS_SHORT = ['қаң.', 'ақп.', 'нау.', 'сәу.', 'мам.', 'мау.', 'шіл.', 'там.', 'қыр.', 'қаз.', 'қар.', 'жел.'];
/** Sunday first, as Date.getUTCDay() counts. */
const WEEKDAYS = ['жексенбі', 'дүйсенбі', 'сейсенбі', 'сәрсенбі', 'бейсенбі', 'жұма', 'сенбі'];

const COUNTRIES: Record<string, string> = {
  KZ: 'Қазақстан', RU: 'Ресей', CN: 'Қытай', KG: 'Қырғызстан', UZ: 'Өзбекстан', TM: 'Түрікменстан', MN: 'Моңғолия',
  TJ: 'Тәжікстан', AF: 'Ауғанстан', IR: 'Иран', AZ: 'Әзірбайжан', GE: 'Грузия', AM: 'Армения', PK: 'Пәкістан', IN: 'Үндістан',
};
const LANGUAGES: Record<string, string> = { kk: 'қазақ тілі', ru: 'орыс тілі', en: 'ағылшын тілі', fr: 'француз тілі', de: 'неміс тілі', ky: 'қырғыз тілі', uz: 'өзбек тілі' };

let lacking: boolean | undefined;

/** True when this browser's Intl cannot write Kazakh month names. */
export function intlLacksKazakh(): boolean {
  if (lacking === undefined) {
    try {
      lacking = !/[\u0400-\u04FF]/.test(new Intl.DateTimeFormat('kk', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2022, 0, 5)));
    } catch {
      lacking = true;
    }
  }
  return lacking;
}

export type KkPrecision = 'year' | 'month' | 'day' | 'time';

interface Parts {
  y: number;
  m: number;
  d: number;
  wd: number;
  hm: string;
}

function parts(date: Date, utc: boolean): Parts {
  const [y, m, d, wd, h, mi] = utc
    ? [date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), date.getUTCDay(), date.getUTCHours(), date.getUTCMinutes()]
    : [date.getFullYear(), date.getMonth(), date.getDate(), date.getDay(), date.getHours(), date.getMinutes()];
  return { y, m, d, wd, hm: `${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}` };
}

/** One date at a precision; `utc` reads the Date's UTC fields (wall-clock times of sources). */
export function kkDate(date: Date, precision: KkPrecision, opts: { utc?: boolean; weekday?: boolean; short?: boolean } = {}): string {
  const p = parts(date, opts.utc ?? true);
  if (opts.short) return `${p.d} ${MONTHS_SHORT[p.m]}`;
  if (precision === 'year') return `${p.y} ж.`;
  if (precision === 'month') return `${p.y} ж. ${MONTHS[p.m]}`;
  let s = `${p.y} ж. ${p.d} ${MONTHS[p.m]}`;
  if (opts.weekday) s += `, ${WEEKDAYS[p.wd]}`;
  if (precision === 'time') s += `, ${p.hm}`;
  return s;
}

/** A range, sharing the year and month when they are the same ("2022 ж. 4–5 қаңтар"). */
export function kkRange(a: Date, b: Date, precision: KkPrecision): string {
  const pa = parts(a, true);
  const pb = parts(b, true);
  if (precision === 'day' && pa.y === pb.y && pa.m === pb.m) return `${pa.y} ж. ${pa.d}–${pb.d} ${MONTHS[pa.m]}`;
  if (precision === 'time' && pa.y === pb.y && pa.m === pb.m && pa.d === pb.d) return `${kkDate(a, 'day')}, ${pa.hm}–${pb.hm}`;
  return `${kkDate(a, precision)} – ${kkDate(b, precision)}`;
}

/** Digits grouped by a narrow space, decimal comma (CLDR kk). */
export function kkNumber(n: number): string {
  const [int, frac] = String(Math.abs(n)).split('.');
  const grouped = (int ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
  return `${n < 0 ? '-' : ''}${grouped}${frac !== undefined ? `,${frac}` : ''}`;
}

export function kkList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} және ${items.at(-1)}`;
}

export const kkCountry = (code: string): string | undefined => COUNTRIES[code];
export const kkLanguage = (code: string): string | undefined => LANGUAGES[code];
