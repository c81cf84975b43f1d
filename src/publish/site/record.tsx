/**
 * One page per published record: what it says, who signed it, its sources and quoted passages,
 * its links in and out, its translations, and the signed event itself, which the reader's
 * browser verifies. (Search reads the records themselves, not these pages: ./search-index.ts.)
 */
import { npubEncode } from 'nostr-tools/nip19';
import type { VerifiedEvent } from '../../core/event.ts';
import { slugOfKind } from '../../core/kinds.ts';
import { isApproxTime } from './time-guard.ts';
import { formatCreated, languageName, placeName } from '../../web/app/explore/format.ts';
import { TimeText } from '../../web/app/components/TimeText.tsx';
import type { MessageKey } from '../../web/app/i18n/index.ts';
import { en } from '../../web/app/i18n/en.ts';
import { renderPage, SigMark, type PageContext } from './layout.tsx';
import { Citations, kindLabel, RecordLink } from './parts.tsx';

export function recordPagePath(id: string): string {
  return `records/${id}.html`;
}

/** Every text a record carries (content and tag values): the letters the search page must fold. */
export function recordTexts(e: VerifiedEvent): string[] {
  return [e.content, ...e.tags.flatMap((t) => t.slice(1))];
}

function FieldValue({ c, v, lang }: { c: PageContext; v: unknown; lang?: string }) {
  if (typeof v === 'string') return <span lang={lang}>{v}</span>;
  if (typeof v === 'number' || typeof v === 'boolean') return <span>{String(v)}</span>;
  if (isApproxTime(v)) return <TimeText when={v} lang={lang} />;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return <span lang={lang}>{v.join(', ')}</span>;
  if (typeof v === 'object' && v !== null && 'name' in v && typeof (v as { name: unknown }).name === 'string') return <span>{placeName(v as { name: string }, c.locale)}</span>;
  return <code>{JSON.stringify(v)}</code>;
}

function ContentFields({ c, e }: { c: PageContext; e: VerifiedEvent }) {
  let content: unknown;
  try {
    content = JSON.parse(e.content);
  } catch {
    content = undefined;
  }
  // data-field: the verifier checks that the text shown is the signed text (string fields).
  if (typeof content !== 'object' || content === null || Array.isArray(content)) return <p data-field="">{e.content}</p>;
  const obj = content as Record<string, unknown>;
  const lang = typeof obj.lang === 'string' ? obj.lang : undefined;
  return (
    <dl>
      {Object.entries(obj)
        .filter(([k]) => k !== 'sources')
        .map(([k, v]) => (
          <>
            <dt>{`field.${k}` in en ? c.t(`field.${k}` as MessageKey) : k}</dt>
            {k === 'lang' && typeof v === 'string' ? (
              <dd>{languageName(v, c.locale)}</dd>
            ) : (
              <dd data-field={typeof v === 'string' ? k : undefined}>
                <FieldValue c={c} v={v} lang={lang} />
              </dd>
            )}
          </>
        ))}
    </dl>
  );
}

function roleLabel(c: PageContext, role: string): string {
  return `role.${role}` in en ? c.t(`role.${role}` as MessageKey) : role;
}

function pretty(e: VerifiedEvent): string {
  return JSON.stringify({ id: e.id, pubkey: e.pubkey, created_at: e.created_at, kind: e.kind, tags: e.tags, content: e.content, sig: e.sig }, null, 2);
}

export function recordPage(c: PageContext, e: VerifiedEvent, linksIn: readonly { from: string; role: string }[]): string {
  const d = c.ix.describe(e.id);
  const r = c.ix.records.get(e.id);
  const head = c.ix.canonical(e.id);
  const title = d.label || `${kindLabel(c, slugOfKind(e.kind))} ${e.id.slice(0, 12)}`;
  const translations = Object.values(c.ix.translations(e.id));
  const name = c.ix.names.get(e.pubkey);
  const npub = npubEncode(e.pubkey);
  return renderPage(
    c,
    { path: recordPagePath(e.id), title, scripts: ['verify'] },
    <>
      <div data-record={e.id}>
        <p class="meta">
          {kindLabel(c, slugOfKind(e.kind))} · <SigMark c={c} id={e.id} />
        </p>
        <h1>{title}</h1>
        {head !== e.id && (
          <p class="note">
            {c.t('record.superseded')} <RecordLink c={c} id={head}>{c.t('record.current')}</RecordLink>
          </p>
        )}
        <p class="by">
          {c.t('record.author')}: {name ?? c.t('record.unnamed')} (<code>{npub}</code>) · {c.s('record.created')} {formatCreated(e.created_at, c.locale)}
        </p>
        <p class="note">{c.t('record.authorSaysNote')}</p>
        {c.media?.has(e.id) === true && (
          <figure class="media">
            <img src={`${c.root}media/${c.media.get(e.id)}`} loading="lazy" decoding="async" alt={e.tags.find((t) => t[0] === 'alt')?.[1] ?? e.content.slice(0, 200)} />
          </figure>
        )}
        <h2>{c.t('record.content')}</h2>
        <ContentFields c={c} e={e} />
        {r && <Citations c={c} list={c.ix.citations(r)} />}
        {r && r.refs.length > 0 && (
          <>
            <h2>{c.t('record.linksOut')}</h2>
            <ul>
              {r.refs.map((x) => {
                const ref = c.ix.describe(x.id);
                return (
                  <li>
                    {roleLabel(c, x.role)}: <RecordLink c={c} id={ref.headId}>{ref.label || x.id.slice(0, 12)}</RecordLink>
                  </li>
                );
              })}
            </ul>
          </>
        )}
        {linksIn.length > 0 && (
          <>
            <h2>{c.t('record.linksIn')}</h2>
            <ul>
              {linksIn.map((x) => (
                <li>
                  {roleLabel(c, x.role)}: <RecordLink c={c} id={x.from}>{c.ix.describe(x.from).label || x.from.slice(0, 12)}</RecordLink>
                </li>
              ))}
            </ul>
          </>
        )}
        {translations.length > 0 && (
          <>
            <h2>{c.t('record.translations')}</h2>
            <ul>
              {translations.map((tr) => (
                <li lang={tr.lang}>
                  <strong>{languageName(tr.lang, c.locale)}</strong>: <RecordLink c={c} id={tr.id}>{tr.text}</RecordLink>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <h2>{c.s('sig.signed')}</h2>
      <p id="verify-summary" hidden />
      <p>
        {c.t('record.id')}: <code>{e.id}</code> · <a href={`${c.root}records/${e.id}.json`}>{c.s('sig.download')}</a>
      </p>
      <pre data-signed-events>{pretty(e)}</pre>
    </>,
  );
}
