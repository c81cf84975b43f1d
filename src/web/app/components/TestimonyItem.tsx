/** One testimony: who speaks (as they chose to be described), first-hand or not, the words, the sources. */
import type { TimelineTestimony } from '../../../core/views/index.ts';
import { useI18n } from '../i18n/index.ts';
import { placeName } from '../explore/format.ts';
import { Attribution } from './Attribution.tsx';
import { Citations } from './Citations.tsx';
import { RefList } from './RefList.tsx';
import { TimeText } from './TimeText.tsx';
import { Translatable } from './Translatable.tsx';

export function TestimonyItem({ item }: { item: TimelineTestimony }) {
  const { t, locale } = useI18n();
  const w = item.witness;
  return (
    <article class="testimony">
      <p class="witness">
        <strong lang={item.lang}>{w.description}</strong>
        {w.pseudonym !== undefined && <span> ({t('testimony.pseudonym', { name: w.pseudonym })})</span>}
        {' · '}
        <span class={w.firsthand ? 'firsthand' : 'secondhand'}>{t(w.firsthand ? 'testimony.firsthand' : 'testimony.secondhand')}</span>
      </p>
      {(item.when !== undefined || item.where !== undefined) && (
        <p class="meta">
          {item.when && <TimeText when={item.when} lang={item.lang} />}
          {item.when && item.where && ' · '}
          {item.where && <span class="place">{placeName(item.where, locale)}</span>}
        </p>
      )}
      <Translatable text={item.text} lang={item.lang} translations={item.translations} field="text" />
      <Citations list={item.citations} />
      {item.media.length > 0 && (
        <>
          <p class="label">{t('event.media')}</p>
          <RefList refs={item.media} />
        </>
      )}
      <Attribution a={item.attribution} id={item.id} />
    </article>
  );
}
