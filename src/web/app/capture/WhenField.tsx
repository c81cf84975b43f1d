/**
 * When it happened, as the witness says it: an ISO date, a range, or words in their language.
 * The preview shows what was understood (range and precision) so a wrong reading is caught
 * before signing, and the typed words are kept as the label.
 */
import { useEffect, useState } from 'preact/hooks';
import { parseApproxTimeAsync } from '../../../core/parse-time.ts';
import type { ApproxTime } from '../../../core/time.ts';
import { useI18n } from '../i18n/index.ts';

type Preview = { state: 'empty' } | { state: 'reading' } | { state: 'ok'; time: ApproxTime } | { state: 'error' };

/** One end of a range, as written (wall-clock time at the witness's offset, not the reader's). */
function formatEnd(s: string, precision: ApproxTime['precision'], locale: string): string {
  const [y, m = '01', d = '01'] = s.slice(0, 10).split('-');
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  const opts: Intl.DateTimeFormatOptions =
    precision === 'year' ? { year: 'numeric', timeZone: 'UTC' } : precision === 'month' ? { year: 'numeric', month: 'long', timeZone: 'UTC' } : { dateStyle: 'long', timeZone: 'UTC' };
  const day = new Intl.DateTimeFormat(locale, opts).format(date);
  if (precision !== 'hour' && precision !== 'minute') return day;
  const offset = s.slice(16);
  return `${day}, ${s.slice(11, 16)} (UTC${offset === 'Z' ? '' : offset})`;
}

export function formatApprox(t: ApproxTime, locale: string): string {
  const from = formatEnd(t.from, t.precision, locale);
  return t.to !== undefined ? `${from} – ${formatEnd(t.to, t.precision, locale)}` : from;
}

export function WhenField({ value, lang, onChange }: { value: string; lang: string; onChange(v: string): void }) {
  const { t, locale } = useI18n();
  const [preview, setPreview] = useState<Preview>({ state: 'empty' });
  useEffect(() => {
    if (value.trim() === '') return setPreview({ state: 'empty' });
    setPreview({ state: 'reading' });
    let live = true;
    // A short pause so the parser does not run on every keystroke of a long phrase.
    const timer = setTimeout(() => {
      parseApproxTimeAsync(value, { lang }).then(
        (time) => live && setPreview({ state: 'ok', time }),
        () => live && setPreview({ state: 'error' }),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [value, lang]);

  return (
    <fieldset class="cap-when">
      <legend>{t('capture.when')}</legend>
      <label for="cap-when">{t('capture.when.input')}</label>
      <input id="cap-when" type="text" value={value} aria-describedby="cap-when-hint cap-when-preview" autoComplete="off" onInput={(e) => onChange(e.currentTarget.value)} />
      <p id="cap-when-hint" class="hint">
        {t('capture.when.hint')}
      </p>
      <div id="cap-when-preview" class="cap-preview" aria-live="polite">
        {preview.state === 'reading' && <p>{t('capture.when.reading')}</p>}
        {preview.state === 'error' && <p class="error">{t('capture.when.error')}</p>}
        {preview.state === 'ok' && (
          <>
            <p data-testid="when-understood">
              {t('capture.when.understood', { range: `${preview.time.circa ? '≈ ' : ''}${formatApprox(preview.time, locale)}` })}
            </p>
            <p>
              {t('capture.when.precision', { precision: t(`capture.precision.${preview.time.precision}`) })}
              {preview.time.circa ? ` · ${t('capture.when.circa')}` : ''}
            </p>
            {preview.time.label !== undefined && <p>{t('capture.when.label', { label: preview.time.label })}</p>}
          </>
        )}
      </div>
    </fieldset>
  );
}
