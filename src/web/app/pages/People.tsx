/**
 * People of concern: the list (status in colour and words, last report, independent sources,
 * conflicts flagged) and one person's whole history, each change attributed with its evidence.
 */
import type { PersonView, StatusEntry } from '../../../core/views/index.ts';
import { ArchiveGate } from '../components/ArchiveGate.tsx';
import { Attribution, authorName } from '../components/Attribution.tsx';
import { Citations } from '../components/Citations.tsx';
import { RefList } from '../components/RefList.tsx';
import { StatusBadge } from '../components/StatusBadge.tsx';
import { TimeText } from '../components/TimeText.tsx';
import { formatCreated, placeName } from '../explore/format.ts';
import { peopleOf } from '../explore/views.ts';
import { useI18n } from '../i18n/index.ts';
import { Merged } from '../verify/Merged.tsx';
import { Sources } from '../verify/Sources.tsx';

function Conflicts({ p }: { p: PersonView }) {
  const { t } = useI18n();
  if (p.conflicts.length === 0) return null;
  return (
    <div class="conflict" role="note">
      <strong>
        <span aria-hidden="true">⚠ </span>
        {t('people.conflict')}
      </strong>
      <ul>
        {p.conflicts.map((c) => (
          <li key={c.reports.join()}>{t('people.conflictDetail', { status: t(`status.${c.statuses[1]}`) })}</li>
        ))}
      </ul>
    </div>
  );
}

function PersonRow({ p }: { p: PersonView }) {
  const { t, locale } = useI18n();
  const c = p.current;
  return (
    <li class="person-row">
      <h2>
        <a href={`/people/${p.id}`} lang={p.lang}>
          {p.name}
        </a>
      </h2>
      {p.aliases.length > 0 && (
        <p class="aliases">
          {t('people.aliases')}: {p.aliases.join(', ')}
        </p>
      )}
      <p>
        <span class="visually-hidden">{t('people.status')}: </span>
        {c ? <StatusBadge status={c.status} /> : <span class="quiet">{t('people.noStatus')}</span>}
        {c && (
          <span class="meta">
            {' · '}
            {t('people.lastReport')}: {c.when ? <TimeText when={c.when} lang={c.lang} words={false} /> : formatCreated(c.attribution.createdAt, locale)}
            {' · '}
            {t('people.reportedBy', { name: authorName(c.attribution) })}
          </span>
        )}
      </p>
      <Sources c={p.corroboration} />
      <Merged merged={p.merged} />
      <Conflicts p={p} />
    </li>
  );
}

export function PeoplePage() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t('nav.people')}</h1>
      <p class="intro">{t('people.intro')}</p>
      <ArchiveGate>
        {(a) => {
          const people = peopleOf(a.index);
          return (
            <>
              <p>{t('people.count', { count: people.length })}</p>
              <ul class="plain people-list">
                {people.map((p) => (
                  <PersonRow key={p.id} p={p} />
                ))}
              </ul>
            </>
          );
        }}
      </ArchiveGate>
    </section>
  );
}

function HistoryEntry({ s }: { s: StatusEntry }) {
  const { t, locale } = useI18n();
  const evidence = [...s.testimonies, ...s.events, ...s.evidence];
  return (
    <li class="history-entry">
      <p class="history-head">
        <StatusBadge status={s.status} /> {s.when ? <TimeText when={s.when} lang={s.lang} /> : <span class="quiet">{t('time.undated')}</span>}
      </p>
      {s.where && <p class="meta">{t('people.where', { place: placeName(s.where, locale) })}</p>}
      {s.note !== undefined && (
        <>
          <p class="label">{t('people.note')}</p>
          <p lang={s.lang}>{s.note}</p>
        </>
      )}
      <Citations list={s.citations} />
      {evidence.length > 0 && (
        <>
          <p class="label">{t('people.evidence')}</p>
          <RefList refs={evidence} />
        </>
      )}
      <Attribution a={s.attribution} id={s.id} label="people.reportedBy" />
    </li>
  );
}

function Person({ p }: { p: PersonView }) {
  const { t } = useI18n();
  return (
    <>
      <h1 lang={p.lang}>{p.name}</h1>
      {p.aliases.length > 0 && (
        <p class="aliases">
          {t('people.aliases')}: {p.aliases.join(', ')}
        </p>
      )}
      <p>
        {t('people.status')}: {p.current ? <StatusBadge status={p.current.status} /> : <span class="quiet">{t('people.noStatus')}</span>}
      </p>
      <Sources c={p.corroboration} />
      <Merged merged={p.merged} />
      <Conflicts p={p} />
      {p.role !== undefined && (
        <p>
          {t('people.role')}: <span lang={p.lang}>{p.role}</span>
        </p>
      )}
      {p.description !== undefined && (
        <>
          <h2>{t('people.about')}</h2>
          <p lang={p.lang}>{p.description}</p>
        </>
      )}
      <Citations list={p.citations} />
      <Attribution a={p.attribution} id={p.id} />
      <p>
        <a href={`/record/${p.id}#verify`}>{t('verify.sameAs')}</a>
      </p>
      <h2>{t('people.history')}</h2>
      {p.history.length === 0 ? (
        <p>{t('people.noStatus')}</p>
      ) : (
        <ol class="plain history">
          {p.history.map((s) => (
            <HistoryEntry key={s.id} s={s} />
          ))}
        </ol>
      )}
    </>
  );
}

export function PersonPage({ id }: { id?: string }) {
  const { t } = useI18n();
  return (
    <section>
      <p>
        <a href="/people">← {t('people.back')}</a>
      </p>
      <ArchiveGate>
        {(a) => {
          // A full id of any version, or a prefix (as the CLI prints them).
          const head = id !== undefined ? a.index.canonical(id) : '';
          // A record curators merged into another person opens that person.
          const p = peopleOf(a.index).find((x) => x.id === head || x.merged.ids.includes(head) || (id !== undefined && id.length >= 8 && x.id.startsWith(id)));
          return p ? (
            <Person p={p} />
          ) : (
            <>
              <h1>{t('nav.people')}</h1>
              <p role="alert">{t('people.notFound')}</p>
            </>
          );
        }}
      </ArchiveGate>
    </section>
  );
}
