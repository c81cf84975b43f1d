/**
 * Counts per day as grouped bars in plain SVG (three series need no chart library): the SVG is
 * one image with a label for screen readers, and the same figures follow in a table that is
 * visually hidden but read by assistive technology.
 */
import type { ChartDay } from '../explore/chart.ts';
import { formatDay, formatDayOfMonth, formatDayRange, formatNumber } from '../explore/format.ts';
import { useI18n } from '../i18n/index.ts';

const SERIES = [
  { key: 'events', label: 'chart.events', cls: 'bar-events' },
  { key: 'killed', label: 'chart.killed', cls: 'bar-killed' },
  { key: 'detained', label: 'chart.detained', cls: 'bar-detained' },
] as const;

const W = 640;
const H = 200;
const M = { top: 12, right: 8, bottom: 30, left: 36 };

export function DayChart({ days }: { days: readonly ChartDay[] }) {
  const { t, locale } = useI18n();
  const num = (n: number) => formatNumber(n, locale);
  const first = days[0];
  const last = days.at(-1);
  if (first === undefined || last === undefined) return null;
  const max = Math.max(1, ...days.flatMap((d) => [d.events, d.killed, d.detained]));
  const ticks = [...new Set([0, Math.round(max / 2), max])];
  const plotW = W - M.left - M.right;
  const plotH = H - M.top - M.bottom;
  const band = plotW / days.length;
  const bar = Math.max(2, (band * 0.8) / SERIES.length);
  const y = (v: number) => M.top + plotH - (v / max) * plotH;
  const from = formatDay(first.day, locale, 'short');
  const to = formatDay(last.day, locale, 'short');
  return (
    <figure class="day-chart">
      <figcaption>
        <h2 id="chart-title">{t('chart.title')}</h2>
        <p class="range">{formatDayRange(first.day, last.day, locale)}</p>
        <ul class="legend" aria-hidden="true">
          {SERIES.map((s) => (
            <li key={s.key}>
              <span class={`swatch ${s.cls}`} /> {t(s.label)}
            </li>
          ))}
        </ul>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('chart.label', { from, to })}>
        {ticks.map((v) => (
          <g key={v} class="tick">
            <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} />
            <text x={M.left - 4} y={y(v) + 4} text-anchor="end">
              {num(v)}
            </text>
          </g>
        ))}
        {days.map((d, i) => (
          <g key={d.day}>
            {SERIES.map((s, j) => {
              const v = d[s.key];
              const x = M.left + i * band + band * 0.1 + j * bar;
              return v > 0 ? <rect class={s.cls} x={x} y={y(v)} width={bar - 1} height={y(0) - y(v)} /> : null;
            })}
            <text class="day-label" x={M.left + i * band + band / 2} y={H - 10} text-anchor="middle">
              {formatDayOfMonth(d.day, locale)}
            </text>
          </g>
        ))}
      </svg>
      <table class="visually-hidden">
        <caption>{t('chart.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('chart.day')}</th>
            {SERIES.map((s) => (
              <th scope="col" key={s.key}>
                {t(s.label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <th scope="row">{formatDay(d.day, locale)}</th>
              {SERIES.map((s) => (
                <td key={s.key}>{num(d[s.key])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p class="note">{t('chart.note')}</p>
    </figure>
  );
}
