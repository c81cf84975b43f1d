/**
 * The capture form. Its state is the draft, and every change to it is written to IndexedDB
 * at once (see draft.ts), so whatever happens to the tab or the network the witness finds
 * their words and photos again on the next visit.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useI18n, type MessageKey } from '../i18n/index.ts';
import { useArchive } from '../data/use-archive.ts';
import { clearDraft, deletePhotoBlob, DraftWriter, emptyDraft, loadDraft, savePhotoBlob, type Draft, type PhotoDraft } from './draft.ts';
import { detectLang, LANG_NAMES, TEXT_LANGS } from './lang.ts';
import { useOnline } from './use-online.ts';
import { WhenField } from './WhenField.tsx';
import { PlaceField } from './PlaceField.tsx';
import { PeopleField } from './PeopleField.tsx';
import { PhotoField } from './PhotoField.tsx';
import { SaveSection } from './SaveSection.tsx';

type DiskState = 'restoring' | 'idle' | 'saving' | 'saved' | 'failed';
const DISK_MESSAGE: Record<DiskState, MessageKey | undefined> = {
  restoring: 'capture.draft.restoring',
  idle: undefined,
  saving: 'capture.draft.saving',
  saved: 'capture.draft.saved',
  failed: 'capture.draft.failed',
};

export default function CaptureForm() {
  const { t, locale } = useI18n();
  const { reload } = useArchive();
  const online = useOnline();
  const [disk, setDisk] = useState<DiskState>('restoring');
  const [draft, setDraft] = useState<Draft | undefined>();
  const [blobs, setBlobs] = useState<ReadonlyMap<string, Blob>>(new Map());
  const [savedId, setSavedId] = useState<string | undefined>();
  const current = useRef<Draft | undefined>(undefined);
  const doneLink = useRef<HTMLAnchorElement>(null);
  // The form the witness was in is gone: move focus to what replaced it, so a screen reader says so.
  useEffect(() => {
    if (savedId !== undefined) doneLink.current?.focus();
  }, [savedId]);
  const writer = useRef(new DraftWriter((s) => setDisk(s)));

  useEffect(() => {
    let live = true;
    loadDraft().then(
      (loaded) => {
        if (!live) return;
        current.current = loaded?.draft ?? emptyDraft(locale);
        setDraft(current.current);
        setBlobs(loaded?.blobs ?? new Map());
        setDisk(loaded ? 'saved' : 'idle');
      },
      () => {
        // No IndexedDB (a locked-down browser): the form still works, it just cannot keep a draft.
        current.current = emptyDraft(locale);
        setDraft(current.current);
        setDisk('failed');
      },
    );
    return () => {
      live = false;
    };
    // The draft is read once per visit; the UI language at that moment only seeds an empty one.
  }, []);

  const update = useCallback((change: (d: Draft) => Draft) => {
    const prev = current.current;
    if (prev === undefined) return;
    const next = change(prev);
    current.current = next;
    setDraft(next);
    writer.current.save(next);
  }, []);

  const setText = (text: string) =>
    update((d) => {
      const guess = d.langChosen ? undefined : detectLang(text);
      return { ...d, text, ...(guess !== undefined ? { lang: guess } : {}) };
    });

  const addPhoto = async (photo: PhotoDraft, blob: Blob) => {
    // Bytes first, then the draft that points at them: a crash in between leaves no dangling entry.
    await savePhotoBlob(photo.id, blob);
    setBlobs((b) => new Map(b).set(photo.id, blob));
    update((d) => ({ ...d, photos: [...d.photos, photo] }));
  };
  const removePhoto = (id: string) => {
    update((d) => ({ ...d, photos: d.photos.filter((p) => p.id !== id) }));
    setBlobs((b) => {
      const n = new Map(b);
      n.delete(id);
      return n;
    });
    void deletePhotoBlob(id);
  };

  const reset = async () => {
    const d = current.current;
    await writer.current.flush();
    if (d) await clearDraft(d);
    current.current = emptyDraft(locale);
    setDraft(current.current);
    setBlobs(new Map());
    setDisk('idle');
  };
  const onSaved = async (id: string) => {
    await reset();
    setSavedId(id);
    reload();
  };
  const discard = () => {
    if (confirm(t('capture.draft.discardConfirm'))) void reset();
  };

  const diskMessage = DISK_MESSAGE[disk];
  return (
    <section class="capture" aria-labelledby="cap-title">
      <h1 id="cap-title">{t('capture.title')}</h1>
      <p>{t('capture.intro')}</p>
      <div class="cap-bar">
        <span class={online ? 'cap-net on' : 'cap-net off'} data-testid="net-status">
          {online ? t('capture.online') : t('capture.offline')}
        </span>
        <span role="status" aria-live="polite" data-testid="draft-status">
          {diskMessage !== undefined ? t(diskMessage) : ''}
        </span>
      </div>
      {savedId !== undefined && (
        <div class="cap-done" role="status">
          <p>{t('capture.save.done')}</p>
          <p>
            <a ref={doneLink} href={`/record/${savedId}`}>{t('capture.save.open')}</a>
          </p>
          <button type="button" onClick={() => setSavedId(undefined)}>
            {t('capture.save.another')}
          </button>
        </div>
      )}
      {draft !== undefined && savedId === undefined && (
        <form class="cap-form" onSubmit={(e) => e.preventDefault()}>
          <fieldset>
            <legend>{t('capture.testimony')}</legend>
            <label for="cap-text">{t('capture.text')}</label>
            <textarea id="cap-text" rows={10} value={draft.text} aria-describedby="cap-text-hint" onInput={(e) => setText(e.currentTarget.value)} />
            <p id="cap-text-hint" class="hint">
              {t('capture.text.hint')}
            </p>
            <label for="cap-lang">{t('capture.lang')}</label>
            <select id="cap-lang" value={draft.lang} aria-describedby="cap-lang-hint" onChange={(e) => update((d) => ({ ...d, lang: e.currentTarget.value, langChosen: true }))}>
              {TEXT_LANGS.map((l) => (
                <option key={l} value={l} lang={l}>
                  {LANG_NAMES[l]}
                </option>
              ))}
              {!(TEXT_LANGS as readonly string[]).includes(draft.lang) && <option value={draft.lang}>{draft.lang}</option>}
            </select>
            <p id="cap-lang-hint" class="hint">
              {t('capture.lang.detected')}
            </p>
          </fieldset>
          <fieldset>
            <legend>{t('capture.witness')}</legend>
            <label for="cap-witness">{t('capture.witness.description')}</label>
            <input id="cap-witness" type="text" value={draft.witness} aria-describedby="cap-witness-hint" onInput={(e) => update((d) => ({ ...d, witness: e.currentTarget.value }))} />
            <p id="cap-witness-hint" class="hint">
              {t('capture.witness.hint')}
            </p>
            <label class="cap-check">
              <input type="checkbox" checked={draft.firsthand} onChange={(e) => update((d) => ({ ...d, firsthand: e.currentTarget.checked }))} /> {t('capture.witness.firsthand')}
            </label>
          </fieldset>
          <WhenField value={draft.when} lang={draft.lang} onChange={(when) => update((d) => ({ ...d, when }))} />
          <PlaceField value={draft.where} onChange={(where) => update((d) => ({ ...d, where }))} />
          <PeopleField value={draft.people} onChange={(people) => update((d) => ({ ...d, people }))} />
          <PhotoField
            photos={draft.photos}
            blobs={blobs}
            onAdd={addPhoto}
            onAlt={(id, alt) => update((d) => ({ ...d, photos: d.photos.map((p) => (p.id === id ? { ...p, alt } : p)) }))}
            onRemove={removePhoto}
          />
          <SaveSection draft={draft} blobs={blobs} online={online} onSaved={onSaved} />
          <p>
            <button type="button" class="link-button" onClick={discard}>
              {t('capture.draft.discard')}
            </button>
          </p>
        </form>
      )}
    </section>
  );
}
