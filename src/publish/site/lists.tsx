/** The list pages of the published site: timeline (and its day pages), map, people, claims, search. */
import type { VerifiedEvent } from '../../core/event.ts';
import type { ClaimView, PersonView, Timeline, TimelineDay, TimelineEvent } from '../../core/views/index.ts';
import { chartDays } from '../../web/app/explore/chart.ts';
import { countryName, formatDay, placeName } from '../../web/app/explore/format.ts';
import { shapes, spotsOf } from '../../web/app/explore/map.ts';
import { DayChart } from '../../web/app/components/DayChart.tsx';
import { TimeText } from '../../web/app/components/TimeText.tsx';
import type { MessageKey } from '../../web/app/i18n/index.ts';
import { exploreEn } from '../../web/app/i18n/explore/en.ts';
import { kindSlugs } from '../../core/kinds.ts';
import { recordHref, renderPage, SignedEvents, type PageContext } from './layout.tsx';
import { By, Citations, RecordLink, Refs } from './parts.tsx';

/** Events per day page: a busy day of a large archive is split so no page grows without bound. */
export const EVENTS_PER_PAGE = 50;

function eventsOf(c: PageContext, ids: Iterable<string>): VerifiedEvent[] {
  const out: VerifiedEvent[] = [];
  for (const id of ids) {
    const r = c.ix.records.get(id);
    if (r) out.push(r.event);
  }
  return out;
}

function EventItem({ c, e }: { c: PageContext; e: TimelineEvent }) {
  const title = e.translations[c.locale]?.fields.title;
  const summary = e.translations[c.locale]?.fields.summary;
  return (
    <article class="event">
      <h3>
        <a href={recordHref(c, e.id)} lang={title !== undefined ? c.locale : e.lang}>
          {title ?? e.title}
        </a>
      </h3>
      <p class="meta">
        <TimeText when={e.when} lang={e.lang} /> · {e.where ? placeName(e.where, c.locale) : c.t('place.unknown')} · {e.categories.map((k) => c.t(`cat.${k}` as MessageKey)).join(', ')}
      </p>
      <p lang={summary !== undefined ? c.locale : e.lang}>{summary ?? e.summary}</p>
      <By c={c} a={e.attribution} id={e.id} />
      {e.testimonies.length > 0 && <p class="meta">{c.t('timeline.testimonies', { count: e.testimonies.length })}</p>}
    </article>
  );
}

export function dayPagePath(day: string, page: number): string {
  return page === 0 ? `day/${day}.html` : `day/${day}-${page + 1}.html`;
}

export function timelinePage(c: PageContext, tl: Timeline): string {
  const chart = chartDays(tl);
  return renderPage(
    c,
    { path: 'index.html', title: c.t('nav.timeline'), scripts: [] },
    <>
      <h1>{c.t('nav.timeline')}</h1>
      <p>{c.t('timeline.intro')}</p>
      <p>
        {c.t('timeline.events', { count: tl.totals.events })} · {c.t('timeline.testimonies', { count: tl.totals.testimonies })}
      </p>
      <DayChart days={chart} />
      <h2>{c.s('timeline.byDay')}</h2>
      <ul class="days">
        {tl.days.map((d) => (
          <li>
            {d.events.length > 0 ? <a href={dayPagePath(d.day, 0)}>{formatDay(d.day, c.locale)}</a> : <span>{formatDay(d.day, c.locale)}</span>}
            {' · '}
            {c.t('timeline.events', { count: d.counts.events })}
            {d.counts.persons.killed > 0 && ` · ${c.t('timeline.dayPersons.killed', { count: d.counts.persons.killed })}`}
            {d.counts.persons.detained > 0 && ` · ${c.t('timeline.dayPersons.detained', { count: d.counts.persons.detained })}`}
          </li>
        ))}
      </ul>
      {tl.periods.length > 0 && (
        <>
          <h2>{c.t('timeline.periods')}</h2>
          <p>{c.t('timeline.periodsIntro')}</p>
          <ul>
            {tl.periods.map((e) => (
              <li>
                <a href={recordHref(c, e.id)}>{e.translations[c.locale]?.fields.title ?? e.title}</a> (<TimeText when={e.when} lang={e.lang} words={false} />)
              </li>
            ))}
          </ul>
        </>
      )}
    </>,
  );
}

/** Every page of one day: its events, each with its signed event for the verifier. */
export function dayPages(c: PageContext, d: TimelineDay): { path: string; html: string }[] {
  const pages = Math.max(1, Math.ceil(d.events.length / EVENTS_PER_PAGE));
  const out: { path: string; html: string }[] = [];
  for (let p = 0; p < pages; p++) {
    const shown = d.events.slice(p * EVENTS_PER_PAGE, (p + 1) * EVENTS_PER_PAGE);
    const path = dayPagePath(d.day, p);
    const html = renderPage(
      c,
      { path, title: formatDay(d.day, c.locale), scripts: ['verify'] },
      <>
        <h1>{formatDay(d.day, c.locale)}</h1>
        <p id="verify-summary" hidden />
        {pages > 1 && <p>{c.s('timeline.page', { page: p + 1, pages })}</p>}
        {shown.map((e) => (
          <EventItem c={c} e={e} />
        ))}
        <nav class="pager">
          {p > 0 && <a href={`${c.home}${dayPagePath(d.day, p - 1)}`}>{c.s('timeline.prev')}</a>} {p + 1 < pages && <a href={`${c.home}${dayPagePath(d.day, p + 1)}`}>{c.s('timeline.next')}</a>}
        </nav>
        <SignedEvents events={eventsOf(c, shown.map((e) => e.id))} />
      </>,
    );
    out.push({ path, html });
  }
  return out;
}

export function mapPage(c: PageContext, tl: Timeline): string {
  const all = [...tl.days.flatMap((d) => d.events), ...tl.periods];
  const { spots, unplaced } = spotsOf(all);
  const name = (s: (typeof spots)[number]) => (s.place ? placeName({ name: s.place.names.en }, c.locale, s.place.names) : s.recordPlace ? placeName(s.recordPlace, c.locale) : s.key);
  return renderPage(
    c,
    { path: 'map.html', title: c.t('nav.map'), scripts: [] },
    <>
      <h1>{c.t('nav.map')}</h1>
      <p>{c.t('map.intro')}</p>
      <figure class="map">
        <svg viewBox={`0 0 ${shapes.width} ${shapes.height}`} role="img" aria-label={c.t('map.svgLabel', { count: spots.length })}>
          <rect class="sea" width={shapes.width} height={shapes.height} />
          {shapes.countries.map((k) => (
            <path class={k.code === 'KZ' ? 'land home' : 'land'} d={k.d} />
          ))}
          {shapes.countries.map((k) =>
            k.label ? (
              <text class="country-label" x={k.label[0]} y={k.label[1]} text-anchor="middle">
                {countryName(k.code, c.locale)}
              </text>
            ) : null,
          )}
          {spots.map((s) => (
            <circle class="spot" cx={s.x.toFixed(1)} cy={s.y.toFixed(1)} r={(5 + 3 * Math.sqrt(s.events.length)).toFixed(1)}>
              <title>{c.t('map.place', { place: name(s), count: s.events.length })}</title>
            </circle>
          ))}
        </svg>
        <figcaption class="note">{c.t('map.credits')}</figcaption>
      </figure>
      {unplaced > 0 && <p>{c.t('map.unplaced', { count: unplaced })}</p>}
      <h2>{c.t('map.places')}</h2>
      {spots.map((s) => (
        <section id={`place-${s.key.replace(/[^a-z0-9-]/gi, '-')}`}>
          <h3>{c.t('map.place', { place: name(s), count: s.events.length })}</h3>
          <ul>
            {s.events.map((e) => (
              <li>
                <a href={recordHref(c, e.id)}>{e.translations[c.locale]?.fields.title ?? e.title}</a> (<TimeText when={e.when} lang={e.lang} words={false} />)
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>,
  );
}

export function peoplePage(c: PageContext, people: readonly PersonView[]): string {
  const ids = people.flatMap((p) => [p.id, ...p.history.map((h) => h.id)]);
  return renderPage(
    c,
    { path: 'people.html', title: c.t('nav.people'), scripts: ['verify'] },
    <>
      <h1>{c.t('nav.people')}</h1>
      <p>{c.t('people.intro')}</p>
      <p>{c.t('people.count', { count: people.length })}</p>
      <p id="verify-summary" hidden />
      {people.map((p) => (
        <article class="person">
          <h2>
            <a href={recordHref(c, p.id)} lang={p.lang}>
              {p.name}
            </a>
          </h2>
          {p.aliases.length > 0 && (
            <p class="meta">
              {c.t('people.aliases')}: {p.aliases.join(', ')}
            </p>
          )}
          <p>
            {c.t('people.status')}:{' '}
            {p.current ? <span class={`status status-${p.current.status}`}>{c.t(`status.${p.current.status}` as MessageKey)}</span> : c.t('people.noStatus')}
            {' · '}
            {c.t('people.sources', { count: p.sources.count })} ({c.t('people.sourcesDetail', { reporters: p.sources.reporters, documents: p.sources.documents })})
          </p>
          {p.conflicts.length > 0 && <p class="status status-killed">{c.t('people.conflict')}</p>}
          <By c={c} a={p.attribution} id={p.id} />
          {p.history.length > 0 && (
            <details>
              <summary>{c.t('people.history')}</summary>
              <ol>
                {p.history.map((h) => (
                  <li>
                    <a href={recordHref(c, h.id)}>{c.t(`status.${h.status}` as MessageKey)}</a>
                    {h.when && (
                      <>
                        {' · '}
                        <TimeText when={h.when} lang={h.lang} />
                      </>
                    )}
                    <By c={c} a={h.attribution} id={h.id} label="people.reportedBy" />
                    <Citations c={c} list={h.citations} />
                  </li>
                ))}
              </ol>
            </details>
          )}
        </article>
      ))}
      <SignedEvents events={eventsOf(c, ids)} />
    </>,
  );
}

export function claimsPage(c: PageContext, claims: readonly ClaimView[]): string {
  const ids = claims.flatMap((k) => [k.id, ...k.assessments.map((a) => a.id)]);
  return renderPage(
    c,
    { path: 'claims.html', title: c.t('nav.claims'), scripts: ['verify'] },
    <>
      <h1>{c.t('nav.claims')}</h1>
      <p>{c.t('claims.intro')}</p>
      <p id="verify-summary" hidden />
      {claims.map((k) => {
        const statement = k.translations[c.locale]?.fields.statement;
        return (
          <article class="claim">
            <h2>
              <a href={recordHref(c, k.id)} lang={statement !== undefined ? c.locale : k.lang}>
                {statement ?? k.statement}
              </a>
            </h2>
            <p class="meta">
              {k.claimant.name}
              {k.said && (
                <>
                  {' · '}
                  <TimeText when={k.said} lang={k.lang} />
                </>
              )}
            </p>
            <p>
              {c.t('claims.standing')}: <strong>{c.t(`standing.${k.standing.code}` as MessageKey)}</strong>
            </p>
            <By c={c} a={k.attribution} id={k.id} />
            <h3>{c.t('claims.assessments')}</h3>
            {k.assessments.length === 0 ? (
              <p>{c.t('claims.none')}</p>
            ) : (
              <ul>
                {k.assessments.map((a) => (
                  <li>
                    <RecordLink c={c} id={a.id}>
                      {c.t(`verdict.${a.verdict}` as MessageKey)}
                    </RecordLink>
                    : <span lang={a.lang}>{a.note}</span>
                    <By c={c} a={a.attribution} id={a.id} label="claims.assessedBy" />
                    <Refs c={c} refs={a.evidence} />
                  </li>
                ))}
              </ul>
            )}
          </article>
        );
      })}
      <SignedEvents events={eventsOf(c, ids)} />
    </>,
  );
}

/** "{count} results for “{q}”" in each plural form of the page's language, for the search script. */
function resultForms(c: PageContext): Record<string, string> {
  const rules = new Intl.PluralRules(c.locale);
  const forms: Record<string, string> = {};
  for (const n of [0, 1, 2, 5, 21, 101]) {
    const form = rules.select(n);
    forms[form] ??= c.t('search.results', { count: n, q: '{q}' }).replace(new Intl.NumberFormat(c.locale).format(n), '{count}');
  }
  return forms;
}

/** Kind labels in the page's language, for the search script's results. */
function kindLabels(c: PageContext): Record<string, string> {
  const out: Record<string, string> = { unknown: c.t('kind.unknown') };
  for (const slug of Object.keys(kindSlugs)) if (`kind.${slug}` in exploreEn) out[slug] = c.t(`kind.${slug}` as MessageKey);
  return out;
}

export function searchPage(c: PageContext): string {
  return renderPage(
    c,
    {
      path: 'search.html',
      title: c.t('nav.search'),
      scripts: ['search'],
      data: { searching: c.s('search.loading'), 'search-failed': c.s('search.failed'), 'results-label': JSON.stringify(resultForms(c)), kinds: JSON.stringify(kindLabels(c)) },
    },
    <>
      <h1>{c.t('search.label')}</h1>
      <form id="search-form" role="search" action="search.html" method="get">
        <label for="search-q">{c.t('search.label')}</label> <input id="search-q" name="q" type="search" /> <button type="submit">{c.t('search.submit')}</button>
      </form>
      <p class="note">{c.t('search.hint')}</p>
      <noscript>
        <p>
          {c.s('search.nojs')} <a href="index.html">{c.t('nav.timeline')}</a> · <a href="people.html">{c.t('nav.people')}</a> · <a href="claims.html">{c.t('nav.claims')}</a>
        </p>
      </noscript>
      <p id="search-status" role="status" />
      <ul id="search-results" />
      <button type="button" id="search-more" hidden>
        {c.s('search.more')}
      </button>
    </>,
  );
}
