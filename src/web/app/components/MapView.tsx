/**
 * The offline map: Natural Earth borders projected at build time (explore/map-shapes.json),
 * event markers by place, a day filter, and the events of the chosen place with links to their
 * records. Every marker is also a button in the list below the map (keyboard and screen readers).
 */
import { useMemo, useState } from 'preact/hooks';
import type { Timeline, TimelineEvent } from '../../../core/views/index.ts';
import { chartDays } from '../explore/chart.ts';
import { countryName, formatDay, placeName } from '../explore/format.ts';
import { shapes, spotsOf, type Spot } from '../explore/map.ts';
import { useI18n } from '../i18n/index.ts';
import { TimeText } from './TimeText.tsx';

function useSpotName(): (s: Spot) => string {
  const { t, locale } = useI18n();
  return (s) => {
    if (s.place) {
      const name = placeName({ name: s.place.names.en }, locale, s.place.names);
      return s.place.kind === 'country' ? t('map.wholeCountry', { place: name }) : name;
    }
    return s.recordPlace ? placeName(s.recordPlace, locale) : s.key;
  };
}

function radius(n: number): number {
  return 5 + 3 * Math.sqrt(n);
}

export function MapView({ timeline }: { timeline: Timeline }) {
  const { t, locale } = useI18n();
  const name = useSpotName();
  const [day, setDay] = useState<string | undefined>(undefined);
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const days = useMemo(() => chartDays(timeline).filter((d) => d.events > 0 || timeline.days.some((x) => x.day === d.day && x.ongoing.length > 0)), [timeline]);
  const all = useMemo(() => [...timeline.days.flatMap((d) => d.events), ...timeline.periods], [timeline]);
  const shown: TimelineEvent[] = day === undefined ? all : all.filter((e) => e.days.includes(day));
  const { spots, unplaced } = spotsOf(shown);
  const current = spots.find((s) => s.key === selected);
  const pick = (key: string) => setSelected(key === selected ? undefined : key);
  return (
    <div class="map-view">
      <div class="day-filter" role="group" aria-label={t('map.filter')}>
        <span class="label" aria-hidden="true">
          {t('map.filter')}
        </span>
        <button type="button" aria-pressed={day === undefined} onClick={() => setDay(undefined)}>
          {t('map.allDays')}
        </button>
        {days.map((d) => (
          <button type="button" key={d.day} aria-pressed={day === d.day} onClick={() => setDay(d.day)} title={formatDay(d.day, locale)}>
            {formatDay(d.day, locale, 'short')}
          </button>
        ))}
      </div>
      <svg class="map" viewBox={`0 0 ${shapes.width} ${shapes.height}`} role="group" aria-label={t('map.svgLabel', { count: spots.length })}>
        <rect class="sea" width={shapes.width} height={shapes.height} />
        {shapes.countries.map((c) => (
          <path key={c.code} class={c.code === 'KZ' ? 'land home' : 'land'} d={c.d} />
        ))}
        {shapes.countries.map((c) =>
          c.label ? (
            <text key={c.code} class={c.code === 'KZ' ? 'country-label home' : 'country-label'} x={c.label[0]} y={c.label[1]} text-anchor="middle" aria-hidden="true">
              {countryName(c.code, locale)}
            </text>
          ) : null,
        )}
        {spots.map((s) => {
          const label = t('map.place', { place: name(s), count: s.events.length });
          return (
            <g
              key={s.key}
              class={s.key === selected ? 'marker selected' : 'marker'}
              role="button"
              tabIndex={0}
              aria-label={label}
              aria-pressed={s.key === selected}
              onClick={() => pick(s.key)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' || e.key === ' ') {
                  e.preventDefault();
                  pick(s.key);
                }
              }}
            >
              <title>{label}</title>
              <circle cx={s.x} cy={s.y} r={radius(s.events.length)} />
            </g>
          );
        })}
        {/* Text beside the markers, outside the buttons: a marker's name for assistive technology is its label. */}
        <g class="marker-text" aria-hidden="true">
          {spots.map((s) => (
            <g key={s.key} class={s.key === selected ? 'selected' : undefined}>
              <text class="spot-count" x={s.x} y={s.y + 4} text-anchor="middle">
                {s.events.length}
              </text>
              {s.place?.kind !== 'country' && (
                <text class="spot-name" x={s.x + radius(s.events.length) + 3} y={s.y + 4}>
                  {name(s)}
                </text>
              )}
            </g>
          ))}
        </g>
      </svg>
      <p class="note">{t('map.credits')}</p>
      {spots.length === 0 && <p>{t('map.nothing')}</p>}
      {unplaced > 0 && <p class="note">{t('map.unplaced', { count: unplaced })}</p>}
      <div class="map-columns">
        <section aria-labelledby="places-h">
          <h2 id="places-h">{t('map.places')}</h2>
          <ul class="plain place-list">
            {spots.map((s) => (
              <li key={s.key}>
                <button type="button" aria-pressed={s.key === selected} onClick={() => pick(s.key)}>
                  {t('map.place', { place: name(s), count: s.events.length })}
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section aria-live="polite" aria-labelledby="selected-h">
          <h2 id="selected-h">{current ? t('map.selected', { place: name(current) }) : t('map.pick')}</h2>
          {current && (
            <ul class="selected-events">
              {current.events.map((e) => (
                <li key={e.id}>
                  <a href={`/record/${e.id}`} lang={e.lang}>
                    {e.title}
                  </a>
                  <br />
                  <span class="meta">
                    <TimeText when={e.when} lang={e.lang} words={false} />
                    {e.where && ` · ${placeName(e.where, locale)}`}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
