/** Timeline: the chart of counts per day, then every day with its events, then the periods. */
import type { TimelineDay } from '../../../core/views/index.ts';
import { STATUSES } from '../../../core/records.ts';
import { ArchiveGate } from '../components/ArchiveGate.tsx';
import { DayChart } from '../components/DayChart.tsx';
import { EventCard } from '../components/EventCard.tsx';
import { chartDays } from '../explore/chart.ts';
import { formatDay } from '../explore/format.ts';
import { timelineOf } from '../explore/views.ts';
import { useI18n } from '../i18n/index.ts';
import type { LoadedArchive } from '../data/archive.ts';

function Day({ d, titles }: { d: TimelineDay; titles: Map<string, string> }) {
  const { t, locale } = useI18n();
  const reports = STATUSES.filter((s) => d.counts.persons[s] > 0);
  return (
    <section class="day" id={`day-${d.day}`} aria-labelledby={`day-h-${d.day}`}>
      <h3 id={`day-h-${d.day}`} class="day-heading">
        <time dateTime={d.day}>{formatDay(d.day, locale)}</time>
      </h3>
      {reports.length > 0 && (
        <p class="day-reports">
          <a href="/people">{t('timeline.reports')}</a>: {reports.map((s) => t(`timeline.dayPersons.${s}`, { count: d.counts.persons[s] })).join(' · ')}
        </p>
      )}
      {d.events.length === 0 && <p class="quiet">{t('timeline.noEvent')}</p>}
      {d.events.map((e) => (
        <EventCard key={e.id} e={e} level={4} />
      ))}
      {d.ongoing.length > 0 && (
        <div class="ongoing">
          <p class="label">{t('timeline.ongoing')}</p>
          <ul>
            {d.ongoing.map((id) => (
              <li key={id}>
                <a href={`/record/${id}`}>{titles.get(id)}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function TimelineView({ archive }: { archive: LoadedArchive }) {
  const { t } = useI18n();
  const tl = timelineOf(archive.index);
  const titles = new Map<string, string>();
  for (const d of tl.days) for (const e of d.events) titles.set(e.id, e.title);
  return (
    <>
      <p class="intro">
        {t('timeline.intro')} {t('timeline.events', { count: tl.totals.events })}, {t('timeline.testimonies', { count: tl.totals.testimonies })}.
      </p>
      <DayChart days={chartDays(tl)} />
      <h2 class="section-heading">{t('timeline.days')}</h2>
      {tl.days.map((d) => (
        <Day key={d.day} d={d} titles={titles} />
      ))}
      {tl.periods.length > 0 && (
        <section class="periods" aria-labelledby="periods-h">
          <h2 id="periods-h">{t('timeline.periods')}</h2>
          <p>{t('timeline.periodsIntro')}</p>
          {tl.periods.map((e) => (
            <EventCard key={e.id} e={e} />
          ))}
        </section>
      )}
    </>
  );
}

export function TimelinePage() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t('nav.timeline')}</h1>
      <ArchiveGate>{(a) => <TimelineView archive={a} />}</ArchiveGate>
    </section>
  );
}
