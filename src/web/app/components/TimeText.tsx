/** An approximate time: formatted at the precision the source gave, with the source's own words. */
import type { ApproxTime } from '../../../core/time.ts';
import { useI18n } from '../i18n/index.ts';
import { formatApprox } from '../explore/format.ts';

export function TimeText({ when, lang, words = true }: { when: ApproxTime; lang?: string; words?: boolean }) {
  const i18n = useI18n();
  return (
    <span class="when">
      <time dateTime={when.from}>{formatApprox(when, i18n)}</time>
      {words && when.label !== undefined && (
        <>
          {' '}
          <span class="source-words" title={i18n.t('time.sourceWords')}>
            ({/^[«“"„‹]/.test(when.label) ? <span lang={lang}>{when.label}</span> : <q lang={lang}>{when.label}</q>})
          </span>
        </>
      )}
    </span>
  );
}
