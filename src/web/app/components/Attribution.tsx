/** Who said it and when they say they said it; every record shown in the app carries one. */
import type { Attribution as Attr } from '../../../core/views/index.ts';
import { useI18n } from '../i18n/index.ts';
import { formatCreated, shortNpub } from '../explore/format.ts';

export function authorName(a: Pick<Attr, 'name' | 'pubkey'>): string {
  return a.name ?? shortNpub(a.pubkey);
}

export function Attribution({ a, id, label = 'attr.recordedBy' }: { a: Attr; id: string; label?: 'attr.recordedBy' | 'people.reportedBy' | 'claims.assessedBy' | 'translation.by' }) {
  const { t, locale } = useI18n();
  return (
    <p class="attribution">
      {t(label, { name: authorName(a) })}
      {' · '}
      {t('attr.authorDate', { date: formatCreated(a.createdAt, locale) })}
      {' · '}
      <a href={`/record/${id}`}>
        <span aria-hidden="true">✓ </span>
        {t('attr.verified')}
      </a>
    </p>
  );
}
