/**
 * Times of day ("13h", "entre 17h et 19 heures 30", "в 13:00", "at 5 pm"), put on the day their
 * sentence names, never on a day the text does not name.
 */
import { B, matchesOf, OFFSET, S, type Found } from './dates-words.ts';
import { approx, DAY_MS, isoOfMs, pad } from './dates-resolve.ts';
import { sentencesOf } from './passages.ts';
import type { Passage } from './types.ts';

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
export function fromTimes(text: string, passage: Passage, days: readonly Found[], out: Found[]): void {
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
