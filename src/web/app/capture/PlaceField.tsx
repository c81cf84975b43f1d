/**
 * Where: a place picked by typing its name in any script (the gazetteer folds Cyrillic and
 * Latin together), as an ARIA 1.2 combobox so it works from the keyboard and a screen reader;
 * or plain coordinates when the place is not in the gazetteer.
 */
import { useMemo, useState } from 'preact/hooks';
import { GAZETTEER, searchPlaces, type GazetteerPlace } from '../../../core/gazetteer.ts';
import { useI18n } from '../i18n/index.ts';
import type { WhereDraft } from './draft.ts';

function nameIn(p: GazetteerPlace, locale: string): string {
  return (p.names as Record<string, string | undefined>)[locale] ?? p.names.en;
}

/** The other spellings, so "Janaozen" shows "Жанаозен · Жаңаөзен" beside it. */
function otherNames(p: GazetteerPlace, shown: string): string {
  return [...new Set(Object.values(p.names).filter((n): n is string => n !== undefined && n !== shown))].join(' · ');
}

export function PlaceField({ value, onChange }: { value: WhereDraft; onChange(w: WhereDraft): void }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const results = useMemo(() => (value.query.trim() ? searchPlaces(value.query, 8) : []), [value.query]);
  const chosen = GAZETTEER.find((g) => g.id === value.placeId);
  const expanded = open && value.query.trim() !== '' && value.placeId === undefined;

  const choose = (p: GazetteerPlace) => {
    onChange({ ...value, placeId: p.id, query: nameIn(p, locale) });
    setOpen(false);
    setActive(-1);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(results.length - 1, a + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(0, a - 1));
    } else if (e.key === 'Enter' && expanded && results[active] !== undefined) {
      e.preventDefault();
      choose(results[active]);
    } else if (e.key === 'Escape') {
      setOpen(false);
      setActive(-1);
    }
  };
  const lat = Number(value.lat);
  const lon = Number(value.lon);
  const coordsBad = value.mode === 'coords' && (value.lat !== '' || value.lon !== '') && !(value.lat !== '' && value.lon !== '' && Math.abs(lat) <= 90 && Math.abs(lon) <= 180);

  return (
    <fieldset class="cap-where">
      <legend>{t('capture.where')}</legend>
      <div class="cap-radios">
        <label>
          <input type="radio" name="cap-where-mode" checked={value.mode === 'place'} onChange={() => onChange({ ...value, mode: 'place' })} /> {t('capture.where.byName')}
        </label>
        <label>
          <input type="radio" name="cap-where-mode" checked={value.mode === 'coords'} onChange={() => onChange({ ...value, mode: 'coords' })} /> {t('capture.where.byCoords')}
        </label>
      </div>
      {value.mode === 'place' ? (
        <div class="cap-combo">
          <label for="cap-place">{t('capture.where.place')}</label>
          <input
            id="cap-place"
            type="text"
            role="combobox"
            autoComplete="off"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls="cap-place-list"
            aria-activedescendant={expanded && active >= 0 ? `cap-place-${active}` : undefined}
            value={value.query}
            onInput={(e) => {
              onChange({ ...value, query: e.currentTarget.value, placeId: undefined });
              setOpen(true);
              setActive(-1);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => setOpen(false)}
            onFocus={() => setOpen(true)}
          />
          <ul id="cap-place-list" role="listbox" aria-label={t('capture.where.place')} hidden={!expanded || results.length === 0}>
            {results.map((p, i) => {
              const shown = nameIn(p, locale);
              return (
                <li
                  key={p.id}
                  id={`cap-place-${i}`}
                  role="option"
                  aria-selected={i === active}
                  class={i === active ? 'active' : undefined}
                  // mousedown would blur the input and close the list before the click lands.
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => choose(p)}
                >
                  <span lang={locale}>{shown}</span> <span class="cap-other-names">{otherNames(p, shown)}</span>
                </li>
              );
            })}
          </ul>
          <p class="cap-sr-only" role="status">
            {expanded ? (results.length > 0 ? t('capture.where.results', { count: results.length }) : t('capture.where.noMatch')) : ''}
          </p>
          {chosen !== undefined && (
            <p class="cap-chosen">
              {t('capture.where.chosen', { name: `${nameIn(chosen, locale)} (${otherNames(chosen, nameIn(chosen, locale))})` })}{' '}
              <button type="button" class="link-button" onClick={() => onChange({ ...value, placeId: undefined, query: '' })}>
                {t('capture.where.clear')}
              </button>
            </p>
          )}
        </div>
      ) : (
        <div class="cap-coords">
          <label>
            {t('capture.where.name')}
            <input type="text" value={value.coordName} onInput={(e) => onChange({ ...value, coordName: e.currentTarget.value })} />
          </label>
          <label>
            {t('capture.where.lat')}
            <input type="text" inputMode="decimal" value={value.lat} aria-invalid={coordsBad} onInput={(e) => onChange({ ...value, lat: e.currentTarget.value.replace(',', '.') })} />
          </label>
          <label>
            {t('capture.where.lon')}
            <input type="text" inputMode="decimal" value={value.lon} aria-invalid={coordsBad} onInput={(e) => onChange({ ...value, lon: e.currentTarget.value.replace(',', '.') })} />
          </label>
          {coordsBad && <p class="error">{t('capture.where.coordsError')}</p>}
        </div>
      )}
    </fieldset>
  );
}
