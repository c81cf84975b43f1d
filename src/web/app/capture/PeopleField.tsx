/**
 * Who is mentioned: link a person of concern already in the loaded archive (searched across
 * scripts), or describe a new one; either can carry the status this testimony reports. Saving
 * turns a new person into a person record and a status into a status report citing the testimony.
 */
import { useMemo, useState } from 'preact/hooks';
import { STATUSES } from '../../../core/records.ts';
import { buildPeople } from '../../../core/views/index.ts';
import { foldText } from '../../../core/fold.ts';
import { useI18n } from '../i18n/index.ts';
import { useArchive } from '../data/use-archive.ts';
import type { PersonDraft } from './draft.ts';
import { randomId } from './photos.ts';

interface Candidate {
  id: string;
  name: string;
  aliases: string[];
  keys: string[];
}

function usePeopleIndex(): Candidate[] | undefined {
  const { state } = useArchive();
  return useMemo(() => {
    if (state.status !== 'ready') return undefined;
    return buildPeople(state.archive.index).map((p) => ({ id: p.id, name: p.name, aliases: p.aliases, keys: [p.name, ...p.aliases].map((n) => foldText(n)) }));
  }, [state]);
}

function PersonCard({ person, onChange, onRemove }: { person: PersonDraft; onChange(p: PersonDraft): void; onRemove(): void }) {
  const { t } = useI18n();
  const id = `cap-person-${person.key}`;
  const name = person.name.trim() || t('capture.people.unnamed');
  return (
    <li class="cap-person">
      <p class="cap-person-kind">{person.existingId !== undefined ? t('capture.people.linked') : t('capture.people.new')}</p>
      {person.existingId !== undefined ? (
        <p>
          <a href={`/people/${person.existingId}`}>{person.name}</a>
        </p>
      ) : (
        <>
          <label for={`${id}-name`}>{t('capture.people.name')}</label>
          <input id={`${id}-name`} type="text" required value={person.name} onInput={(e) => onChange({ ...person, name: e.currentTarget.value })} />
          <label for={`${id}-aliases`}>{t('capture.people.aliases')}</label>
          <input id={`${id}-aliases`} type="text" value={person.aliases} onInput={(e) => onChange({ ...person, aliases: e.currentTarget.value })} />
          <label for={`${id}-desc`}>{t('capture.people.description')}</label>
          <textarea id={`${id}-desc`} rows={2} value={person.description} onInput={(e) => onChange({ ...person, description: e.currentTarget.value })} />
        </>
      )}
      <label for={`${id}-status`}>{t('capture.people.status')}</label>
      <select id={`${id}-status`} value={person.status} onChange={(e) => onChange({ ...person, status: e.currentTarget.value as PersonDraft['status'] })}>
        <option value="">{t('capture.people.status.none')}</option>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`capture.status.${s}`)}
          </option>
        ))}
      </select>
      {person.status !== '' && (
        <>
          <label for={`${id}-note`}>{t('capture.people.statusNote')}</label>
          <input id={`${id}-note`} type="text" value={person.statusNote} onInput={(e) => onChange({ ...person, statusNote: e.currentTarget.value })} />
        </>
      )}
      <button type="button" class="link-button" onClick={onRemove}>
        {t('capture.people.remove', { name })}
      </button>
    </li>
  );
}

const blank = (): PersonDraft => ({ key: randomId(), name: '', aliases: '', description: '', status: '', statusNote: '' });

export function PeopleField({ value, onChange }: { value: PersonDraft[]; onChange(p: PersonDraft[]): void }) {
  const { t } = useI18n();
  const people = usePeopleIndex();
  const [query, setQuery] = useState('');
  const matches = useMemo(() => {
    const q = foldText(query);
    if (people === undefined || q === '') return [];
    const linked = new Set(value.map((p) => p.existingId));
    return people.filter((p) => !linked.has(p.id) && p.keys.some((k) => k.startsWith(q) || k.split(' ').some((w) => w.startsWith(q)))).slice(0, 8);
  }, [people, query, value]);

  return (
    <fieldset class="cap-people">
      <legend>{t('capture.people')}</legend>
      <p class="hint">{t('capture.people.hint')}</p>
      {people === undefined ? (
        <p class="hint">{t('capture.people.unavailable')}</p>
      ) : (
        <div class="cap-person-search">
          <label for="cap-person-search">{t('capture.people.search')}</label>
          <input id="cap-person-search" type="search" value={query} autoComplete="off" onInput={(e) => setQuery(e.currentTarget.value)} />
          {query.trim() !== '' && (
            <ul class="cap-matches" aria-live="polite">
              {matches.length === 0 && <li>{t('capture.people.noMatch')}</li>}
              {matches.map((m) => (
                <li key={m.id}>
                  <button
                    type="button"
                    onClick={() => {
                      onChange([...value, { ...blank(), existingId: m.id, name: m.name }]);
                      setQuery('');
                    }}
                  >
                    {t('capture.people.link', { name: m.name })}
                  </button>
                  {m.aliases.length > 0 && <span class="cap-other-names"> {m.aliases.join(' · ')}</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {value.length > 0 && (
        <ul class="cap-person-list">
          {value.map((p) => (
            <PersonCard key={p.key} person={p} onChange={(np) => onChange(value.map((x) => (x.key === p.key ? np : x)))} onRemove={() => onChange(value.filter((x) => x.key !== p.key))} />
          ))}
        </ul>
      )}
      <button type="button" onClick={() => onChange([...value, blank()])}>
        {t('capture.people.add')}
      </button>
    </fieldset>
  );
}
