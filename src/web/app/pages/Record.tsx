/**
 * Any record: what it is, that its signature was verified here and by whose key, the date its
 * author gives (their word), its content, sources with quoted passages, links out (its `e` tags
 * with their roles), links in (records that reference it), translations and earlier versions.
 */
import { slugOfKind } from '../../../core/kinds.ts';
import type { VerifiedEvent } from '../../../core/event.ts';
import { ArchiveGate } from '../components/ArchiveGate.tsx';
import { authorName } from '../components/Attribution.tsx';
import { Citations } from '../components/Citations.tsx';
import { RecordContent } from '../components/RecordContent.tsx';
import { RefLink, kindKey } from '../components/RefList.tsx';
import type { LoadedArchive } from '../data/archive.ts';
import { formatCreated, languageName, shortNpub } from '../explore/format.ts';
import { linksInOf } from '../explore/views.ts';
import { useI18n } from '../i18n/index.ts';
import { VerifyPanel } from '../verify/VerifyPanel.tsx';

function findEvent(a: LoadedArchive, id: string): VerifiedEvent | undefined {
  const exact = a.events.find((e) => e.id === id);
  if (exact || id.length < 8) return exact;
  return a.events.find((e) => e.id.startsWith(id));
}

function RecordView({ a, e }: { a: LoadedArchive; e: VerifiedEvent }) {
  const { t, locale } = useI18n();
  const ix = a.index;
  const record = ix.records.get(e.id);
  const slug = slugOfKind(e.kind);
  const summary = ix.describe(e.id);
  const head = ix.canonical(e.id);
  const author = ix.attribution(e);
  const linksIn = linksInOf(ix).get(head) ?? [];
  const translations = Object.values(ix.translations(e.id));
  const corrections = record && head === e.id ? ix.base(record).corrections : [];
  const name = author.name ?? t('record.unnamed');
  return (
    <article class="record">
      <p class="record-kind">{t(kindKey(slug))}</p>
      <h1 lang={(record?.content as { lang?: string } | undefined)?.lang}>{summary.label || t(kindKey(slug))}</h1>
      <div class="verified" role="status">
        <p class="verified-head">
          <span aria-hidden="true">✓ </span>
          {t('record.verified')}
        </p>
        <p>{t('record.verifiedDetail', { name, npub: shortNpub(e.pubkey) })}</p>
      </div>
      {head !== e.id && (
        <p class="superseded" role="note">
          {t('record.superseded')} <a href={`/record/${head}`}>{t('record.current')}</a>
        </p>
      )}
      <dl class="fields">
        <div>
          <dt>{t('record.author')}</dt>
          <dd>
            {authorName(author)} <code title={e.pubkey}>{shortNpub(e.pubkey)}</code>
          </dd>
        </div>
        <div>
          <dt>{t('record.authorSays', { date: '' }).trim()}</dt>
          <dd>
            <time dateTime={new Date(e.created_at * 1000).toISOString()}>{formatCreated(e.created_at, locale)}</time>
            <br />
            <span class="note">{t('record.authorSaysNote')}</span>
          </dd>
        </div>
        <div>
          <dt>{t('record.id')}</dt>
          <dd>
            <code class="break">{e.id}</code>
          </dd>
        </div>
      </dl>
      <h2>{t('record.content')}</h2>
      <RecordContent event={e} {...(record ? { record } : {})} />
      {record && ix.citations(record).length > 0 && (
        <>
          <h2>{t('sources.heading')}</h2>
          <Citations list={ix.citations(record)} heading={false} />
        </>
      )}
      <h2>{t('record.linksOut')}</h2>
      {record && record.refs.length > 0 ? (
        <ul class="refs links">
          {record.refs.map((r, i) => (
            <li key={`${r.id}-${i}`}>
              <span class="role">{t(`role.${r.role}`)}</span> <RefLink r={ix.describe(r.id)} />
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('common.none')}</p>
      )}
      <h2>{t('record.linksIn')}</h2>
      {linksIn.length > 0 ? (
        <ul class="refs links">
          {linksIn.map((l, i) => (
            <li key={`${l.from}-${i}`}>
              <RefLink r={ix.describe(l.from)} /> <span class="role">{t(`role.${l.role}`)}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('common.none')}</p>
      )}
      {translations.length > 0 && (
        <>
          <h2>{t('record.translations')}</h2>
          {translations.map((tr) => (
            <section key={tr.id} class="translation" aria-label={languageName(tr.lang, locale)}>
              <h3>{languageName(tr.lang, locale)}</h3>
              <blockquote lang={tr.lang}>{tr.text}</blockquote>
              <p class="attribution">
                <a href={`/record/${tr.id}`}>{t('translation.by', { name: tr.translator ?? authorName(tr.attribution) })}</a>
                {tr.machine && `, ${t('translation.machine')}`}
                {!tr.current && `, ${t('translation.stale')}`}
              </p>
            </section>
          ))}
        </>
      )}
      {corrections.length > 0 && (
        <>
          <h2>{t('record.corrections')}</h2>
          <ul>
            {corrections.map((c) => (
              <li key={c.id}>
                <a href={`/record/${c.id}`}>{formatCreated(c.createdAt, locale)}</a>
              </li>
            ))}
          </ul>
        </>
      )}
      <VerifyPanel a={a} e={e} />
      <details class="raw">
        <summary>{t('record.raw')}</summary>
        <pre>{JSON.stringify(e, null, 2)}</pre>
      </details>
    </article>
  );
}

export function RecordPage({ id }: { id?: string }) {
  const { t } = useI18n();
  return (
    <section>
      <ArchiveGate>
        {(a) => {
          const e = id !== undefined ? findEvent(a, id.toLowerCase()) : undefined;
          return e ? (
            <RecordView a={a} e={e} />
          ) : (
            <>
              <h1>{t('kind.unknown')}</h1>
              <p role="alert">{t('record.notFound')}</p>
            </>
          );
        }}
      </ArchiveGate>
    </section>
  );
}
