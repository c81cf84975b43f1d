// Scaffold: replaced by the people pages (issue 3).
import { useI18n } from '../i18n/index.ts';

export function PeoplePage() {
  const { t } = useI18n();
  return <h1>{t('nav.people')}</h1>;
}

export function PersonPage() {
  const { t } = useI18n();
  return <h1>{t('nav.people')}</h1>;
}
