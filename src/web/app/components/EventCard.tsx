/**
 * One documented event: title, time as the source gives it, place, categories, who recorded it;
 * its testimonies, sources and media open on demand (rendered only when opened, so a long
 * archive's timeline stays light).
 */
import { useState } from 'preact/hooks';
import type { TimelineEvent } from '../../../core/views/index.ts';
import { useI18n } from '../i18n/index.ts';
import { placeName } from '../explore/format.ts';
import { Attribution } from './Attribution.tsx';
import { Citations } from './Citations.tsx';
import { RefList } from './RefList.tsx';
import { TestimonyItem } from './TestimonyItem.tsx';
import { TimeText } from './TimeText.tsx';
import { Translatable } from './Translatable.tsx';
import { Merged } from '../verify/Merged.tsx';
import { Sources } from '../verify/Sources.tsx';

export function EventCard({ e, level = 3 }: { e: TimelineEvent; level?: 3 | 4 }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const H = level === 3 ? 'h3' : 'h4';
  const title = e.translations[locale]?.fields.title;
  return (
    <article class="event" id={`event-${e.id.slice(0, 12)}`}>
      <H class="event-title">
        <a href={`/record/${e.id}`} lang={title !== undefined ? locale : e.lang}>
          {title ?? e.title}
        </a>
      </H>
      <p class="meta">
        <TimeText when={e.when} lang={e.lang} />
        {' · '}
        <span class="place">{e.where ? placeName(e.where, locale) : t('place.unknown')}</span>
      </p>
      <ul class="categories">
        {e.categories.map((c) => (
          <li key={c}>{t(`cat.${c}`)}</li>
        ))}
      </ul>
      <Translatable text={e.summary} lang={e.lang} translations={e.translations} field="summary" quote={false} />
      <Attribution a={e.attribution} id={e.id} />
      <Sources c={e.corroboration} />
      <Merged merged={e.merged} />
      <details onToggle={(ev) => setOpen((ev.currentTarget as HTMLDetailsElement).open)}>
        <summary>{t('event.more', { count: e.testimonies.length })}</summary>
        {open && (
          <div class="event-details">
            <Citations list={e.citations} />
            {e.persons.length > 0 && (
              <>
                <p class="label">{t('event.persons')}</p>
                <RefList refs={e.persons} />
              </>
            )}
            {e.media.length > 0 && (
              <>
                <p class="label">{t('event.media')}</p>
                <RefList refs={e.media} />
              </>
            )}
            <p class="label">{t('event.testimonies')}</p>
            {e.testimonies.length === 0 ? <p>{t('event.noTestimony')}</p> : e.testimonies.map((x) => <TestimonyItem key={x.id} item={x} />)}
          </div>
        )}
      </details>
    </article>
  );
}
