/** The language select: remembered on this device (see i18n/index.ts). */
import { LOCALES, useI18n, type Locale } from '../i18n/index.ts';

export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <label class="lang-switch">
      <span>{t('lang.label')}</span>
      <select value={locale} onChange={(e) => setLocale((e.currentTarget as HTMLSelectElement).value as Locale)}>
        {LOCALES.map((l) => (
          <option value={l} lang={l} key={l}>
            {t(`lang.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
