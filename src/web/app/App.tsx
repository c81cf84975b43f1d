/** The shell: header with navigation and language switch, the archive loaded once, the routes. */
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { LocationProvider, Router, Route } from 'preact-iso';
import { I18nContext, initialLocale, makeI18n, rememberLocale, type Locale, useI18n } from './i18n/index.ts';
import { ArchiveContext, type ArchiveState } from './data/use-archive.ts';
import { loadArchive } from './data/archive.ts';
import { TimelinePage } from './pages/Timeline.tsx';
import { MapPage } from './pages/Map.tsx';
import { PeoplePage, PersonPage } from './pages/People.tsx';
import { ClaimsPage } from './pages/Claims.tsx';
import { RecordPage } from './pages/Record.tsx';
import { SearchPage } from './pages/Search.tsx';
import { CapturePage } from './pages/Capture.tsx';
import { ReviewPage } from './review/ReviewPage.tsx';
import { NotFoundPage } from './pages/NotFound.tsx';
import { PairingGate } from './components/PairingGate.tsx';
import { LanguageSwitch } from './components/LanguageSwitch.tsx';

function Header() {
  const { t } = useI18n();
  return (
    <header class="site-header">
      <a class="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <div class="brand">
        <a href="/">{t('app.name')}</a>
        <span class="tagline">{t('app.tagline')}</span>
      </div>
      <nav aria-label={t('app.name')}>
        <ul>
          <li><a href="/">{t('nav.timeline')}</a></li>
          <li><a href="/map">{t('nav.map')}</a></li>
          <li><a href="/people">{t('nav.people')}</a></li>
          <li><a href="/claims">{t('nav.claims')}</a></li>
          <li><a href="/search">{t('nav.search')}</a></li>
          <li><a href="/review">{t('nav.review')}</a></li>
          <li><a class="primary" href="/capture">{t('nav.capture')}</a></li>
        </ul>
      </nav>
      <LanguageSwitch />
    </header>
  );
}

export function App() {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((l: Locale) => {
    rememberLocale(l);
    setLocaleState(l);
  }, []);
  const i18n = useMemo(() => makeI18n(locale, setLocale), [locale, setLocale]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  return (
    <I18nContext.Provider value={i18n}>
      <PairingGate>
        <Archive />
      </PairingGate>
    </I18nContext.Provider>
  );
}

/** The archive is loaded only once this device may use the node. */
function Archive() {
  const [state, setState] = useState<ArchiveState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    loadArchive().then(
      (archive) => live && setState({ status: 'ready', archive }),
      (e: unknown) => live && setState({ status: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [generation]);
  const archive = useMemo(() => ({ state, reload: () => setGeneration((g) => g + 1) }), [state]);

  return (
    <ArchiveContext.Provider value={archive}>
      <LocationProvider>
          <Header />
          {/* data-archive: whether the archive has loaded, for scripts and tests that must not race it. */}
          <main id="main" tabIndex={-1} data-archive={state.status}>
            <Router>
              <Route path="/" component={TimelinePage} />
              <Route path="/map" component={MapPage} />
              <Route path="/people" component={PeoplePage} />
              <Route path="/people/:id" component={PersonPage} />
              <Route path="/claims" component={ClaimsPage} />
              <Route path="/record/:id" component={RecordPage} />
              <Route path="/search" component={SearchPage} />
              <Route path="/capture" component={CapturePage} />
              <Route path="/review/:id?" component={ReviewPage} />
              <Route default component={NotFoundPage} />
            </Router>
          </main>
        </LocationProvider>
    </ArchiveContext.Provider>
  );
}
