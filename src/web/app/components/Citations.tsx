/** Sources with the exact passages quoted from them: the evidence behind a record, readable. */
import type { ResolvedCitation } from '../../../core/views/index.ts';
import { useI18n } from '../i18n/index.ts';

export function Citations({ list, heading = true }: { list: readonly ResolvedCitation[]; heading?: boolean }) {
  const { t } = useI18n();
  if (list.length === 0) return null;
  return (
    <div class="citations">
      {heading && <p class="label">{t('sources.heading')}</p>}
      <ul>
        {list.map((c, i) => (
          <li key={`${c.sourceId}-${i}`}>
            <figure>
              <blockquote>{c.quote}</blockquote>
              <figcaption>
                {c.found ? (
                  <a href={`/record/${c.sourceId}`}>{t('sources.passage', { title: c.sourceTitle ?? '' })}</a>
                ) : (
                  <span>{t('sources.missing')}</span>
                )}
                {c.publisher !== undefined && <span>, {c.publisher}</span>}
              </figcaption>
            </figure>
          </li>
        ))}
      </ul>
    </div>
  );
}
