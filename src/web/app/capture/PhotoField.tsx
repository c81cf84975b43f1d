/**
 * Photos: taken with the camera or chosen from the device, stripped at once (only the stripped
 * copy is kept in the draft and sent), previewed with an alt text field.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useI18n } from '../i18n/index.ts';
import type { PhotoDraft } from './draft.ts';
import { randomId, stripPhoto } from './photos.ts';

export interface PhotoFieldProps {
  photos: PhotoDraft[];
  blobs: ReadonlyMap<string, Blob>;
  onAdd(photo: PhotoDraft, blob: Blob): Promise<void>;
  onAlt(id: string, alt: string): void;
  onRemove(id: string): void;
}

/** Object URLs for previews, revoked when a photo goes or the page closes. */
function usePreviewUrls(blobs: ReadonlyMap<string, Blob>): Map<string, string> {
  const urls = useMemo(() => new Map([...blobs].map(([id, b]) => [id, URL.createObjectURL(b)])), [blobs]);
  useEffect(() => () => urls.forEach((u) => URL.revokeObjectURL(u)), [urls]);
  return urls;
}

export function PhotoField({ photos, blobs, onAdd, onAlt, onRemove }: PhotoFieldProps) {
  const { t, formatNumber } = useI18n();
  const [working, setWorking] = useState(0);
  const [failure, setFailure] = useState<string | undefined>();
  const urls = usePreviewUrls(blobs);

  const onFiles = async (input: HTMLInputElement) => {
    const files = Array.from(input.files ?? []);
    input.value = '';
    setFailure(undefined);
    for (const file of files) {
      setWorking((w) => w + 1);
      try {
        const s = await stripPhoto(file);
        await onAdd({ id: randomId(), width: s.width, height: s.height, size: s.blob.size, alt: '' }, s.blob);
      } catch (e) {
        setFailure(t('capture.photos.failed', { message: e instanceof Error ? e.message : String(e) }));
      } finally {
        setWorking((w) => w - 1);
      }
    }
  };

  return (
    <fieldset class="cap-photos">
      <legend>{t('capture.photos')}</legend>
      <p class="hint" id="cap-photos-hint">
        {t('capture.photos.hint')}
      </p>
      <div class="cap-photo-inputs">
        {/* Two inputs: `capture` opens the camera on phones but hides the gallery, so both are offered. */}
        <label class="button-like">
          {t('capture.photos.take')}
          <input class="cap-sr-only" type="file" accept="image/*" capture="environment" aria-describedby="cap-photos-hint" onChange={(e) => void onFiles(e.currentTarget)} />
        </label>
        <label class="button-like">
          {t('capture.photos.add')}
          <input class="cap-sr-only" type="file" accept="image/*" multiple aria-describedby="cap-photos-hint" onChange={(e) => void onFiles(e.currentTarget)} />
        </label>
      </div>
      <div aria-live="polite">
        {working > 0 && <p>{t('capture.photos.working')}</p>}
        {failure !== undefined && (
          <p class="error" role="alert">
            {failure}
          </p>
        )}
      </div>
      {photos.length > 0 && (
        <ul class="cap-photo-list">
          {photos.map((p, i) => (
            <li key={p.id} class="cap-photo">
              <img src={urls.get(p.id)} alt={p.alt} width={160} height={Math.round((160 * p.height) / p.width)} />
              <div>
                <p class="hint" data-testid="photo-stripped">
                  {t('capture.photos.stripped', { width: p.width, height: p.height, size: formatNumber(Math.ceil(p.size / 1024)) })}
                </p>
                <label for={`cap-alt-${p.id}`}>{t('capture.photos.alt', { n: i + 1 })}</label>
                <input id={`cap-alt-${p.id}`} type="text" value={p.alt} onInput={(e) => onAlt(p.id, e.currentTarget.value)} />
                <button type="button" class="link-button" onClick={() => onRemove(p.id)}>
                  {t('capture.photos.remove', { n: i + 1 })}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
