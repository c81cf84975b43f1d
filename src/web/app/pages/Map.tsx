/**
 * Map page. The map itself (gazetteer with cross-script folding, d3-geo, the shapes) is a
 * separate chunk loaded when this page opens, to keep the first view small.
 */
import { useEffect, useState } from 'preact/hooks';
import { ArchiveGate } from '../components/ArchiveGate.tsx';
import { timelineOf } from '../explore/views.ts';
import { useI18n } from '../i18n/index.ts';

type MapViewModule = typeof import('../components/MapView.tsx');

export function MapPage() {
  const { t } = useI18n();
  const [mod, setMod] = useState<MapViewModule | undefined>(undefined);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  useEffect(() => {
    import('../components/MapView.tsx').then(setMod, (e: unknown) => setFailed(e instanceof Error ? e.message : String(e)));
  }, []);
  return (
    <section>
      <h1>{t('nav.map')}</h1>
      <p class="intro">{t('map.intro')}</p>
      {failed !== undefined ? (
        <p role="alert" class="error">
          {t('state.error', { message: failed })}
        </p>
      ) : (
        <ArchiveGate>{(a) => (mod ? <mod.MapView timeline={timelineOf(a.index)} /> : <p role="status">{t('state.loading')}</p>)}</ArchiveGate>
      )}
    </section>
  );
}
