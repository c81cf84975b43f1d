/** A person's status: a colour and a symbol, always with the word (never colour alone). */
import type { PersonStatusValue } from '../../../core/records.ts';
import { useI18n } from '../i18n/index.ts';

const SYMBOL: Record<PersonStatusValue, string> = { detained: '■', missing: '?', injured: '✚', killed: '✝', released: '↗', found: '✓' };

export function StatusBadge({ status }: { status: PersonStatusValue }) {
  const { t } = useI18n();
  return (
    <span class={`status status-${status}`}>
      <span aria-hidden="true">{SYMBOL[status]} </span>
      {t(`status.${status}`)}
    </span>
  );
}
