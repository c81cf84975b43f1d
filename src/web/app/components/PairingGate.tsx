/**
 * When the node requires pairing (it listens beyond this machine), an unpaired device sees only
 * this screen: enter the code printed on the node's console. Nothing of the archive is loaded
 * before that (the node would refuse it anyway).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../i18n/index.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

type Access = 'checking' | 'needs-pairing' | 'ok';

export function PairingGate({ children }: { children: ComponentChildren }) {
  const [access, setAccess] = useState<Access>('checking');
  useEffect(() => {
    fetch('/api/pair/status', { credentials: 'same-origin' })
      .then((r) => (r.ok ? (r.json() as Promise<{ required: boolean; paired: boolean }>) : { required: false, paired: true }))
      .then((s) => setAccess(s.required && !s.paired ? 'needs-pairing' : 'ok'))
      // Offline (the shell came from the service worker): let the app show its offline state.
      .catch(() => setAccess('ok'));
  }, []);
  if (access === 'checking') return null;
  if (access === 'needs-pairing') return <PairForm onPaired={() => setAccess('ok')} />;
  return <>{children}</>;
}

function PairForm({ onPaired }: { onPaired: () => void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [device, setDevice] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const r = await fetch('/api/pair', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: code.trim(), ...(device.trim() ? { device: device.trim() } : {}) }),
      });
      if (r.ok) return onPaired();
      setError(r.status === 429 ? t('pair.tooMany') : t('pair.wrong'));
    } catch {
      setError(t('state.offline'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <header class="site-header">
        <div class="brand">
          <span>{t('app.name')}</span>
        </div>
        <LanguageSwitch />
      </header>
      <main id="main" class="pair">
        <h1>{t('pair.title')}</h1>
        <p>{t('pair.explain')}</p>
        <form onSubmit={(e) => void submit(e)}>
          <label>
            {t('pair.code')}
            <input name="code" inputMode="numeric" autoComplete="one-time-code" required value={code} onInput={(e) => setCode((e.currentTarget as HTMLInputElement).value)} />
          </label>
          <label>
            {t('pair.device')}
            <input name="device" value={device} onInput={(e) => setDevice((e.currentTarget as HTMLInputElement).value)} />
          </label>
          <button type="submit" disabled={busy}>
            {t('pair.submit')}
          </button>
          {error !== undefined && (
            <p role="alert" class="error">
              {error}
            </p>
          )}
        </form>
      </main>
    </>
  );
}
