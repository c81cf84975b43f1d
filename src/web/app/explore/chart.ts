/**
 * Which days the chart of counts draws: the longest run of timeline days with no gap over a
 * week, every day of it (quiet days included, so bar spacing is time). A timeline that recalls
 * 1986 beside January 2022 would otherwise squeeze the uprising into one pixel.
 */
import type { Timeline } from '../../../core/views/index.ts';

export interface ChartDay {
  day: string;
  events: number;
  killed: number;
  detained: number;
}

const DAY = 86_400_000;
const MAX_GAP_DAYS = 7;

export function chartDays(tl: Timeline): ChartDay[] {
  const days = tl.days.map((d) => d.day);
  if (days.length === 0) return [];
  let best: [number, number] = [0, 0];
  let start = 0;
  for (let i = 1; i <= days.length; i++) {
    const gap = i < days.length ? (Date.parse(days[i] as string) - Date.parse(days[i - 1] as string)) / DAY : Infinity;
    if (gap > MAX_GAP_DAYS) {
      if (i - start > best[1] - best[0]) best = [start, i];
      start = i;
    }
  }
  const byDay = new Map(tl.days.map((d) => [d.day, d]));
  const out: ChartDay[] = [];
  const last = Date.parse(days[best[1] - 1] as string);
  for (let ms = Date.parse(days[best[0]] as string); ms <= last; ms += DAY) {
    const day = new Date(ms).toISOString().slice(0, 10);
    const d = byDay.get(day);
    out.push({ day, events: d?.counts.events ?? 0, killed: d?.counts.persons.killed ?? 0, detained: d?.counts.persons.detained ?? 0 });
  }
  return out;
}
