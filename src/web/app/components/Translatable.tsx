/**
 * A text in its original language with, when a translation into the reader's language exists,
 * a button to switch to it (who translated, and whether by machine, said beside it).
 */
import { useState } from 'preact/hooks';
import type { TranslationView } from '../../../core/views/index.ts';
import { useI18n } from '../i18n/index.ts';
import { languageName } from '../explore/format.ts';
import { authorName } from './Attribution.tsx';

export function Translatable({ text, lang, translations, field, quote = true }: { text: string; lang: string; translations: Record<string, TranslationView>; field: string; quote?: boolean }) {
  const { t, locale } = useI18n();
  const [shown, setShown] = useState(false);
  const tr = lang !== locale ? translations[locale] : undefined;
  const translated = tr?.fields[field];
  const showing = shown && translated !== undefined;
  const Tag = quote ? 'blockquote' : 'p';
  return (
    <div class="translatable">
      <Tag lang={showing ? locale : lang}>{showing ? translated : text}</Tag>
      {tr !== undefined && translated !== undefined && (
        <p class="translation-note">
          <button type="button" aria-pressed={showing} onClick={() => setShown(!showing)}>
            {showing ? t('translation.showOriginal', { lang: languageName(lang, locale) }) : t('translation.show', { lang: languageName(locale, locale) })}
          </button>
          {showing && (
            <span>
              {' '}
              {t('translation.by', { name: tr.translator ?? authorName(tr.attribution) })}
              {tr.machine && `, ${t('translation.machine')}`}
              {!tr.current && `, ${t('translation.stale')}`}
            </span>
          )}
        </p>
      )}
    </div>
  );
}
