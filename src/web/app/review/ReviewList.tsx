/**
 * /review. The archive's source documents, newest first, with what this device remembers of
 * their review: how many candidates extraction proposed the last time one was opened, how many
 * were accepted or rejected, how many wait.
 */
import { useEffect, useState } from 'preact/hooks';
import { Kind } from '../../../core/kinds.ts';
import type { LoadedArchive } from '../data/archive.ts';
import { formatApprox } from '../explore/format.ts';
import { useI18n } from '../i18n/index.ts';
import { loadMemories, tally, type ReviewMemory } from './decisions.ts';
import { isTextMime } from './source-text.ts';

export function ReviewList({ a }: { a: LoadedArchive }) {
  const i18n = useI18n();
  const { t } = i18n;
  const docs = a.index.heads(Kind.SourceDocument).slice().reverse();
  const [memories, setMemories] = useState<Map<string, ReviewMemory> | undefined>();
  const key = docs.map((d) => d.event.id).join(',');
  useEffect(() => {
    let live = true;
    loadMemories(key === '' ? [] : key.split(',')).then(
      (m) => live && setMemories(m),
      () => live && setMemories(new Map()),
    );
    return () => {
      live = false;
    };
  }, [key]);

  return (
    <section class="review">
      <h1>{t('review.title')}</h1>
      <p class="intro">{t('review.intro')}</p>
      {docs.length === 0 && <p class="note">{t('review.noDocuments')}</p>}
      <ul class="plain rv-docs">
        {docs.map((d) => {
          const m = memories?.get(d.event.id);
          const n = m ? tally(m) : undefined;
          const meta = [d.content.publisher, d.content.published ? formatApprox(d.content.published, i18n) : undefined].filter(Boolean).join(' · ');
          return (
            <li key={d.event.id} class="rv-doc">
              <h2 lang={d.content.lang}>
                <a href={`/review/${d.event.id}`}>{d.content.title}</a>
              </h2>
              {meta !== '' && <p class="meta">{meta}</p>}
              <p class="rv-doc-status">
                {!isTextMime(d.content.mime)
                  ? t('review.doc.noText')
                  : n === undefined
                    ? '…'
                    : n.waiting !== undefined
                      ? t('review.doc.counts', { count: n.waiting, proposed: n.proposed ?? 0, accepted: n.accepted, rejected: n.rejected })
                      : n.accepted + n.rejected > 0
                        ? t('review.doc.decided', { accepted: n.accepted, rejected: n.rejected })
                        : t('review.doc.notOpened')}
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
