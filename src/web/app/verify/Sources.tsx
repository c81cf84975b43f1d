/** "N independent sources (M records)": the count views give, in the reader's language. */
import type { Corroboration } from '../../../core/views/index.ts';
import { useI18n } from '../i18n/index.ts';

export function sourcesText(c: Corroboration, t: ReturnType<typeof useI18n>['t']): string {
  return `${t('verify.sources', { count: c.sources })} (${t('verify.records', { count: c.records })})`;
}

export function Sources({ c, label }: { c: Corroboration; label?: string }) {
  const { t } = useI18n();
  return (
    <p class="meta corroboration" title={t('verify.sourcesHelp')}>
      {label !== undefined && `${label}: `}
      {sourcesText(c, t)}
    </p>
  );
}
