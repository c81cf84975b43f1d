/** Shows loading and error states; renders its child only once the archive is there. */
import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n/index.ts';
import { useArchive } from '../data/use-archive.ts';
import type { LoadedArchive } from '../data/archive.ts';

export function ArchiveGate({ children }: { children: (archive: LoadedArchive) => ComponentChildren }) {
  const { t } = useI18n();
  const { state } = useArchive();
  if (state.status === 'loading') return <p role="status">{t('state.loading')}</p>;
  if (state.status === 'error')
    return (
      <p role="alert" class="error">
        {t('state.error', { message: state.message })}
      </p>
    );
  return <>{children(state.archive)}</>;
}
