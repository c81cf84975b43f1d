/**
 * Who signs: the node's identities (their keys stay encrypted, NIP-49; the passphrase unlocks one
 * in this browser for each signature), as a hook and the fields that pick one and take the
 * passphrase. Shared by the curator's judgements and the review of article candidates.
 */
import { useEffect, useState } from 'preact/hooks';
import { fetchIdentities, SaveError, type NodeIdentity } from '../capture/publish.ts';
import { useI18n } from '../i18n/index.ts';

export type Ids = { state: 'loading' } | { state: 'ready'; list: NodeIdentity[] } | { state: 'failed'; reason: string };

export interface NodeIdentities {
  ids: Ids;
  chosen: string;
  setChosen(pubkey: string): void;
  passphrase: string;
  setPassphrase(p: string): void;
  /** The chosen identity, once the list has loaded. */
  identity: NodeIdentity | undefined;
}

/** The node's identities, the default one chosen, and the passphrase typed. */
export function useNodeIdentities(): NodeIdentities {
  const [ids, setIds] = useState<Ids>({ state: 'loading' });
  const [chosen, setChosen] = useState('');
  const [passphrase, setPassphrase] = useState('');
  useEffect(() => {
    fetchIdentities().then(
      (list) => {
        setIds({ state: 'ready', list });
        setChosen((c) => c || (list.find((i) => i.isDefault) ?? list[0])?.pubkey || '');
      },
      (e: unknown) => setIds({ state: 'failed', reason: e instanceof SaveError ? e.reason : String(e) }),
    );
  }, []);
  const identity = ids.state === 'ready' ? ids.list.find((i) => i.pubkey === chosen) : undefined;
  return { ids, chosen, setChosen, passphrase, setPassphrase, identity };
}

/** The identity picker and the passphrase field (or why there is nothing to sign with). */
export function IdentityFields({ idPrefix, who }: { idPrefix: string; who: NodeIdentities }) {
  const { t } = useI18n();
  const { ids } = who;
  if (ids.state === 'failed') return <p class="error">{t('verify.failed', { reason: ids.reason })}</p>;
  if (ids.state !== 'ready') return null;
  if (ids.list.length === 0) return <p class="error">{t('verify.noIdentity')}</p>;
  return (
    <>
      <label for={`${idPrefix}-identity`}>{t('verify.identity')}</label>
      <select id={`${idPrefix}-identity`} value={who.chosen} onChange={(e) => who.setChosen(e.currentTarget.value)}>
        {ids.list.map((i) => (
          <option key={i.pubkey} value={i.pubkey}>
            {i.name} ({i.npub.slice(0, 12)}…{i.npub.slice(-6)})
          </option>
        ))}
      </select>
      <label for={`${idPrefix}-passphrase`}>{t('verify.passphrase')}</label>
      <input id={`${idPrefix}-passphrase`} type="password" autoComplete="current-password" value={who.passphrase} onInput={(e) => who.setPassphrase(e.currentTarget.value)} />
    </>
  );
}
