// Scaffold: replaced by the real page (issue 3).
import { useI18n } from '../i18n/index.ts';

export function MapPage() {
  const { t } = useI18n();
  return <h1>{t('nav.map')}</h1>;
}
