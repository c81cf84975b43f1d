/**
 * Sign and save: the node's identities, the passphrase, then unlock (in a worker), sign,
 * upload, publish, each step said out loud. The draft is cleared by the caller only after
 * the relay said OK to every record.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/index.ts';
import type { Draft } from './draft.ts';
import { fetchIdentities, publishAll, SaveError, signDraft, unlockKey, uploadAuth, uploadBlob, type NodeIdentity } from './publish.ts';

type Phase =
  | { step: 'idle' }
  | { step: 'unlocking' }
  | { step: 'uploading'; n: number; count: number }
  | { step: 'publishing'; n: number; count: number }
  | { step: 'failed'; message: string };

type Ids = { state: 'loading' } | { state: 'ready'; list: NodeIdentity[] } | { state: 'failed'; reason: string };

export interface SaveSectionProps {
  draft: Draft;
  blobs: ReadonlyMap<string, Blob>;
  online: boolean;
  onSaved(testimonyId: string): Promise<void>;
}

export function SaveSection({ draft, blobs, online, onSaved }: SaveSectionProps) {
  const { t } = useI18n();
  const [ids, setIds] = useState<Ids>({ state: 'loading' });
  const [chosen, setChosen] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [phase, setPhase] = useState<Phase>({ step: 'idle' });

  const loadIds = useCallback(() => {
    setIds({ state: 'loading' });
    fetchIdentities().then(
      (list) => {
        setIds({ state: 'ready', list });
        setChosen((c) => c || (list.find((i) => i.isDefault) ?? list[0])?.pubkey || '');
      },
      (e: unknown) => setIds({ state: 'failed', reason: e instanceof SaveError ? e.reason : String(e) }),
    );
  }, []);
  // Asked again whenever the network comes back: the page may have been opened offline.
  useEffect(() => {
    if (online) loadIds();
  }, [online, loadIds]);

  const describe = (e: unknown): string => {
    if (!(e instanceof SaveError)) return t('capture.save.invalid', { reason: e instanceof Error ? e.message : String(e) });
    switch (e.stage) {
      case 'unreachable':
        return t('capture.save.unreachable', { reason: e.reason });
      case 'passphrase':
        return t('capture.save.badPassphrase');
      case 'invalid':
        return t('capture.save.invalid', { reason: e.reason });
      case 'upload':
        return t('capture.save.uploadRefused', { reason: e.reason });
      case 'relay':
        return t('capture.save.refused', { reason: e.reason });
    }
  };

  const save = async () => {
    if (draft.text.trim() === '') return setPhase({ step: 'failed', message: t('capture.save.needText') });
    if (draft.witness.trim() === '') return setPhase({ step: 'failed', message: t('capture.save.needWitness') });
    const identity = ids.state === 'ready' ? ids.list.find((i) => i.pubkey === chosen) : undefined;
    if (identity === undefined) return setPhase({ step: 'failed', message: t('capture.save.unreachable', { reason: ids.state === 'failed' ? ids.reason : '—' }) });
    setPhase({ step: 'unlocking' });
    let sk: Uint8Array | undefined;
    try {
      sk = await unlockKey(identity, passphrase);
      setPassphrase('');
      const batch = await signDraft(draft, blobs, sk);
      // Upload authorizations are signed now too, so the key can be wiped before any network wait.
      const auths = batch.uploads.map((u) => uploadAuth(u.sha256, sk as Uint8Array));
      sk.fill(0);
      for (const [i, u] of batch.uploads.entries()) {
        setPhase({ step: 'uploading', n: i + 1, count: batch.uploads.length });
        await uploadBlob(u, auths[i] as string);
      }
      setPhase({ step: 'publishing', n: 1, count: batch.events.length });
      await publishAll(batch.events, (done) => setPhase({ step: 'publishing', n: Math.min(done + 1, batch.events.length), count: batch.events.length }));
      setPhase({ step: 'idle' });
      await onSaved(batch.testimonyId);
    } catch (e) {
      setPhase({ step: 'failed', message: describe(e) });
    } finally {
      sk?.fill(0);
    }
  };

  const busy = phase.step === 'unlocking' || phase.step === 'uploading' || phase.step === 'publishing';
  return (
    <fieldset class="cap-save" disabled={busy}>
      <legend>{t('capture.save')}</legend>
      {!online && <p class="cap-note">{t('capture.save.offline')}</p>}
      {ids.state === 'loading' && online && <p>{t('capture.save.identitiesLoading')}</p>}
      {ids.state === 'failed' && (
        <p class="cap-note">
          {t('capture.save.unreachable', { reason: ids.reason })}{' '}
          <button type="button" class="link-button" onClick={loadIds}>
            {t('capture.save.retry')}
          </button>
        </p>
      )}
      {ids.state === 'ready' && ids.list.length === 0 && <p class="cap-note">{t('capture.save.noIdentity')}</p>}
      {ids.state === 'ready' && ids.list.length > 0 && (
        <div class="cap-signer">
          <label for="cap-identity">{t('capture.save.identity')}</label>
          <select id="cap-identity" value={chosen} onChange={(e) => setChosen(e.currentTarget.value)}>
            {ids.list.map((i) => (
              <option key={i.pubkey} value={i.pubkey}>
                {i.name} ({i.npub.slice(0, 12)}…{i.npub.slice(-6)})
              </option>
            ))}
          </select>
          <label for="cap-passphrase">{t('capture.save.passphrase')}</label>
          <input id="cap-passphrase" type="password" autoComplete="current-password" value={passphrase} onInput={(e) => setPassphrase(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void save();
              }
            }}
          />
        </div>
      )}
      {/* Not a submit button: Enter in any other field of this long form must not start signing. */}
      <button type="button" class="primary" onClick={() => void save()}>
        {t('capture.save.submit')}
      </button>
      <div class="cap-progress" aria-live="polite">
        {phase.step === 'unlocking' && (
          <p>
            <progress aria-label={t('capture.save.unlocking')} /> {t('capture.save.unlocking')}
          </p>
        )}
        {phase.step === 'uploading' && <p>{t('capture.save.uploading', { n: phase.n, count: phase.count })}</p>}
        {phase.step === 'publishing' && <p>{t('capture.save.publishing', { n: phase.n, count: phase.count })}</p>}
      </div>
      {phase.step === 'failed' && (
        <p class="error" role="alert">
          {phase.message}
        </p>
      )}
    </fieldset>
  );
}
