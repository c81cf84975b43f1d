/** Links to referenced records, each named by its kind and a few words of its own content. */
import type { RefSummary } from '../../../core/views/index.ts';
import { useI18n, type MessageKey } from '../i18n/index.ts';

export function kindKey(kind: string | undefined, plural = false): MessageKey {
  const known = ['source', 'testimony', 'event', 'person', 'status', 'claim', 'assessment', 'translation', 'media', 'profile'];
  const k = kind !== undefined && known.includes(kind) ? kind : 'unknown';
  return `${plural ? 'kinds' : 'kind'}.${k}` as MessageKey;
}

export function RefLink({ r }: { r: RefSummary }) {
  const { t } = useI18n();
  if (!r.found)
    return (
      <span class="ref missing">
        {t('kind.unknown')} <code>{r.id.slice(0, 12)}…</code> ({t('record.notInArchive')})
      </span>
    );
  return (
    <a class="ref" href={`/record/${r.headId}`}>
      <span class="ref-kind">{t(kindKey(r.kind))}</span> {r.label}
    </a>
  );
}

export function RefList({ refs }: { refs: readonly RefSummary[] }) {
  if (refs.length === 0) return null;
  return (
    <ul class="refs">
      {refs.map((r) => (
        <li key={r.id}>
          <RefLink r={r} />
        </li>
      ))}
    </ul>
  );
}
