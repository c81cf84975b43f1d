/**
 * The frame of every published page: language, links relative to the page (so the site works
 * from any folder, a mirror's sub-path or a USB stick), one CSS file, feed links, language switch.
 */
import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { VerifiedEvent } from '../../core/event.ts';
import type { ArchiveIndex } from '../../core/views/index.ts';
import { I18nContext, makeI18n, translate, type I18n, type Locale, type MessageKey } from '../../web/app/i18n/index.ts';
import { siteText, type SiteKey } from './strings.ts';

/** What a page needs to render: its language, where it sits, and what is published. */
export interface PageContext {
  locale: Locale;
  i18n: I18n;
  t: (key: MessageKey, vars?: Record<string, string | number>) => string;
  s: (key: SiteKey, vars?: Record<string, string | number>) => string;
  /** Path from this page to the site root ("../" or "../../"). */
  root: string;
  /** Path from this page to its language folder ("" or "../"). */
  home: string;
  langs: readonly Locale[];
  ix: ArchiveIndex;
  /** Ids that have a record page. */
  published: ReadonlySet<string>;
  /** Media descriptor id → image file under `media/`, for the descriptors whose image was copied. */
  media?: ReadonlyMap<string, string>;
}

export function pageContext(base: Omit<PageContext, 'i18n' | 't' | 's' | 'root' | 'home'>, depth: 1 | 2): PageContext {
  const i18n = makeI18n(base.locale, () => undefined);
  return {
    ...base,
    i18n,
    t: (k, v) => translate(base.locale, k, v),
    s: (k, v) => siteText(base.locale, k, v),
    root: depth === 1 ? '../' : '../../',
    home: depth === 1 ? '' : '../',
  };
}

export function recordHref(c: PageContext, id: string): string {
  return `${c.home}records/${id}.html`;
}

const NAV: [string, MessageKey][] = [
  ['index.html', 'nav.timeline'],
  ['map.html', 'nav.map'],
  ['people.html', 'nav.people'],
  ['claims.html', 'nav.claims'],
  ['search.html', 'nav.search'],
];

/** A mark the verifier script replaces with the result; says "not checked" while JavaScript is off. */
export function SigMark({ c, id }: { c: PageContext; id: string }) {
  return (
    <span class="sig sig-pending" data-verify={id}>
      {c.s('sig.pending')}
    </span>
  );
}

/** The signed events of a page, as JSON the verifier reads (escaped so "</script>" cannot end it). */
export function SignedEvents({ events }: { events: readonly VerifiedEvent[] }) {
  const json = JSON.stringify(events.map((e) => ({ id: e.id, pubkey: e.pubkey, created_at: e.created_at, kind: e.kind, tags: e.tags, content: e.content, sig: e.sig }))).replace(/</g, '\\u003c');
  return <script type="application/json" data-signed-events dangerouslySetInnerHTML={{ __html: json }} />;
}

export interface PageOptions {
  /** Path of the page inside its language folder ("index.html", "record/<id>.html"). */
  path: string;
  title: string;
  scripts: ('verify' | 'search')[];
  /** Extra attributes on <html> for the scripts (labels in the page's language). */
  data?: Record<string, string>;
}

export function renderPage(c: PageContext, o: PageOptions, body: ComponentChildren): string {
  const current = NAV.find(([p]) => p === o.path)?.[0];
  const dataAttrs: Record<string, string> = { 'data-verify-labels': JSON.stringify({ ok: c.s('sig.ok'), failed: c.s('sig.failed') }) };
  for (const [k, v] of Object.entries(o.data ?? {})) dataAttrs[`data-${k}`] = v;
  const page = (
    <html lang={c.locale} {...dataAttrs}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${o.title} · ${c.s('site.title')}`}</title>
        <link rel="stylesheet" href={`${c.root}style.css`} />
        <link rel="alternate" type="application/atom+xml" title={c.s('site.feed')} href={`${c.root}feeds/${c.locale}.atom.xml`} />
        <link rel="alternate" type="application/feed+json" title={c.s('site.feedJson')} href={`${c.root}feeds/${c.locale}.json`} />
        {c.langs
          .filter((l) => l !== c.locale)
          .map((l) => (
            <link rel="alternate" hrefLang={l} href={`${c.root}${l}/${o.path}`} />
          ))}
        {o.scripts.map((s) => (
          <script src={`${c.root}${s}.js`} defer />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          {c.t('nav.skip')}
        </a>
        <header>
          <a class="site-name" href={`${c.home}index.html`}>
            Keruen
          </a>
          <nav aria-label={c.t('app.name')}>
            <ul>
              {NAV.map(([p, k]) => (
                <li>
                  <a href={`${c.home}${p}`} aria-current={p === current ? 'page' : undefined}>
                    {c.t(k)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <nav aria-label={c.t('lang.label')}>
            <ul class="langs">
              {c.langs.map((l) => (
                <li>
                  <a href={`${c.root}${l}/${o.path}`} hrefLang={l} lang={l} aria-current={l === c.locale ? 'page' : undefined}>
                    {translate(l, `lang.${l}` as MessageKey)}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main">
          <I18nContext.Provider value={c.i18n}>{body}</I18nContext.Provider>
        </main>
        <footer>
          <p>{c.s('site.about')}</p>
          <p>
            <a href={`${c.root}feeds/${c.locale}.atom.xml`}>{c.s('site.feed')}</a> · <a href={`${c.root}feeds/${c.locale}.json`}>{c.s('site.feedJson')}</a>
          </p>
        </footer>
      </body>
    </html>
  );
  return `<!doctype html>\n${renderToString(page)}`;
}
