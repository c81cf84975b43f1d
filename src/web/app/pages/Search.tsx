/**
 * Search across everything, in any script. The query lives in the address (`/search?q=`) so a
 * result list can be linked and survives a reload; results are grouped by kind with counts.
 */
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { VerifiedEvent } from '../../../core/event.ts';
import { Kind, slugOfKind } from '../../../core/kinds.ts';
import { ArchiveGate } from '../components/ArchiveGate.tsx';
import { authorName } from '../components/Attribution.tsx';
import { kindKey } from '../components/RefList.tsx';
import type { LoadedArchive } from '../data/archive.ts';
import { ArchiveIndex, truncate } from '../../../core/views/index.ts';
import { formatCreated } from '../explore/format.ts';
import { search, type SearchResult } from '../explore/search.ts';
import { useI18n } from '../i18n/index.ts';

const ORDER = ['event', 'testimony', 'person', 'status', 'claim', 'assessment', 'source', 'translation', 'media'];

function Results({ archive, q }: { archive: LoadedArchive; q: string }) {
  const { t, locale } = useI18n();
  const [result, setResult] = useState<SearchResult | undefined>(undefined);
  useEffect(() => {
    let live = true;
    setResult(undefined);
    void search(archive, q).then((r) => live && setResult(r));
    return () => {
      live = false;
    };
  }, [archive, q]);
  if (!result) return <p role="status">{t('search.searching')}</p>;
  // Results the page had not loaded yet (written since) are described from their own content.
  const known = result.events.every((e) => archive.index.records.has(e.id) || archive.index.raw.has(e.id));
  const ix = known ? archive.index : new ArchiveIndex([...archive.events, ...result.events.filter((e) => !archive.events.some((x) => x.id === e.id))]);
  const groups = new Map<string, VerifiedEvent[]>();
  for (const e of result.events) {
    const slug = slugOfKind(e.kind) ?? 'unknown';
    const g = groups.get(slug);
    if (g) g.push(e);
    else groups.set(slug, [e]);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => (ORDER.indexOf(a) >>> 0) - (ORDER.indexOf(b) >>> 0));
  return (
    <div role="status" class="search-results">
      <p class="result-count">{result.events.length > 0 ? t('search.results', { count: result.events.length, q }) : t('search.none', { q })}</p>
      <p class="note">{t(result.via === 'node' ? 'search.viaNode' : 'search.viaPage')}</p>
      {ordered.map(([slug, list]) => (
        <section key={slug} aria-labelledby={`group-${slug}`}>
          <h2 id={`group-${slug}`}>
            {t(kindKey(slug, true))} <span class="count">({list.length})</span>
          </h2>
          <ul class="plain hits">
            {list.map((e) => {
              const d = ix.describe(e.id);
              // The core's label says the verdict in English; say it in the reader's language.
              const r = ix.records.get(e.id);
              const label = r?.kind === Kind.Assessment ? `${t(`verdict.${r.content.verdict}`)}: ${truncate(r.content.note, 60)}` : d.label;
              const href = slug === 'person' ? `/people/${e.id}` : `/record/${e.id}`;
              return (
                <li key={e.id}>
                  <a href={href}>{label || e.id.slice(0, 12)}</a>
                  <br />
                  <span class="meta">
                    {authorName(ix.attribution(e))} · {formatCreated(e.created_at, locale)}
                  </span>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}

export function SearchPage() {
  const { t } = useI18n();
  const loc = useLocation();
  const q = (loc.query.q ?? '').trim();
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  return (
    <section>
      <h1>{t('nav.search')}</h1>
      <form
        role="search"
        class="search-form"
        onSubmit={(e) => {
          e.preventDefault();
          const v = draft.trim();
          loc.route(v === '' ? '/search' : `/search?q=${encodeURIComponent(v)}`);
        }}
      >
        <label for="search-q">{t('search.label')}</label>
        <div class="search-row">
          <input id="search-q" type="search" name="q" value={draft} onInput={(e) => setDraft((e.currentTarget as HTMLInputElement).value)} aria-describedby="search-hint" />
          <button type="submit">{t('search.submit')}</button>
        </div>
        <p id="search-hint" class="note">
          {t('search.hint')}
        </p>
      </form>
      {q !== '' && <ArchiveGate>{(a) => <Results archive={a} q={q} />}</ArchiveGate>}
    </section>
  );
}
