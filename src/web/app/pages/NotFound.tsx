// Scaffold: replaced by the real page (issue 3).
import { useI18n } from '../i18n/index.ts';

export function NotFoundPage() {
  const { t } = useI18n();
  return <h1>{t('nav.timeline')}</h1>;
}
