/**
 * What curators merged into a person or an event: the other records, and each decision with who
 * made it and why. A merge is never silent.
 */
import type { Merged as MergedInfo } from '../../../core/views/index.ts';
import { authorName } from '../components/Attribution.tsx';
import { RefLink } from '../components/RefList.tsx';
import { useArchive } from '../data/use-archive.ts';
import { useI18n } from '../i18n/index.ts';

export function Merged({ merged }: { merged: MergedInfo }) {
  const { t } = useI18n();
  const { state } = useArchive();
  if (merged.ids.length === 0 || state.status !== 'ready') return null;
  const ix = state.archive.index;
  return (
    <div class="merged" role="note">
      <p class="label">{t('verify.merged')}</p>
      <p>
        {t('verify.alsoRecordedAs')}:
      </p>
      <ul class="refs">
        {merged.ids.map((id) => (
          <li key={id}>
            <RefLink r={ix.describe(id)} />
          </li>
        ))}
      </ul>
      <ul class="plain merge-decisions">
        {merged.decisions.map((d) => (
          <li key={`${d.id}-${d.records[1]}`}>
            <p>
              <a href={`/record/${d.id}`}>{t('verify.decision', { name: authorName(d.attribution) })}</a>
            </p>
            <blockquote lang={d.lang}>{d.note}</blockquote>
          </li>
        ))}
      </ul>
    </div>
  );
}
