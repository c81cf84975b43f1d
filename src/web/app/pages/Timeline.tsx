// Scaffold: replaced by the timeline page (issue 3).
import { ArchiveGate } from '../components/ArchiveGate.tsx';
import { useI18n } from '../i18n/index.ts';

export function TimelinePage() {
  const { t } = useI18n();
  return (
    <section>
      <h1>{t('nav.timeline')}</h1>
      <ArchiveGate>{(a) => <p>{t('archive.records', { count: a.events.length })}</p>}</ArchiveGate>
    </section>
  );
}
