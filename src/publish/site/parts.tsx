/** Small static pieces shared by the published pages (the app's own render links to its routes). */
import type { Attribution, RefSummary, ResolvedCitation } from '../../core/views/index.ts';
import { formatCreated, shortNpub } from '../../web/app/explore/format.ts';
import type { MessageKey } from '../../web/app/i18n/index.ts';
import { recordHref, SigMark, type PageContext } from './layout.tsx';

export function RecordLink({ c, id, children }: { c: PageContext; id: string; children: preact.ComponentChildren }) {
  return c.published.has(id) ? <a href={recordHref(c, id)}>{children}</a> : <span>{children}</span>;
}

export function By({ c, a, id, label = 'attr.recordedBy' }: { c: PageContext; a: Attribution; id: string; label?: 'attr.recordedBy' | 'people.reportedBy' | 'claims.assessedBy' }) {
  return (
    <p class="by">
      {c.t(label, { name: a.name ?? shortNpub(a.pubkey) })} · {c.t('attr.authorDate', { date: formatCreated(a.createdAt, c.locale) })} · <SigMark c={c} id={id} />
    </p>
  );
}

export function Citations({ c, list }: { c: PageContext; list: readonly ResolvedCitation[] }) {
  if (list.length === 0) return null;
  return (
    <div class="citations">
      <p class="label">{c.t('sources.heading')}</p>
      <ul>
        {list.map((x) => (
          <li>
            <blockquote>{x.quote}</blockquote>
            {x.found ? (
              <RecordLink c={c} id={x.sourceId}>
                {c.t('sources.passage', { title: x.sourceTitle ?? '' })}
              </RecordLink>
            ) : (
              <span>{c.t('sources.missing')}</span>
            )}
            {x.publisher !== undefined && <span>, {x.publisher}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function kindLabel(c: PageContext, kind: string | undefined): string {
  return c.t(`kind.${kind ?? 'unknown'}` as MessageKey);
}

export function Refs({ c, refs }: { c: PageContext; refs: readonly RefSummary[] }) {
  if (refs.length === 0) return null;
  return (
    <ul class="refs">
      {refs.map((r) => (
        <li>
          <span class="kind">{kindLabel(c, r.kind)}</span>:{' '}
          <RecordLink c={c} id={r.headId}>
            {r.label || (r.found ? r.headId.slice(0, 12) : c.t('record.notInArchive'))}
          </RecordLink>
        </li>
      ))}
    </ul>
  );
}
