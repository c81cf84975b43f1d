/**
 * Search page script: folds the query exactly as the node's search does (src/core/fold.ts, so
 * "Жанаозен" and "Zhanaozen" meet), loads the index manifest, the word shards the query needs
 * and the metadata of the results shown (./search-query.ts). No WebAssembly, no framework: the
 * transliteration table is cut at publish time to the letters that matter (see ../assets.ts).
 * Index files are loaded as classic scripts, so search works from file:// (a USB stick) too.
 */
import { intlLacksKazakh, kkDate } from '../../../web/app/explore/kk-intl.ts';
import { chunksOf, INDEX_CALLBACK, PAGE_SIZE, parseManifest, parseMetaChunk, parseShard, planQuery, rank, shardsOf, type ResultMeta, type SearchManifest, type Shard } from './search-query.ts';

const form = document.getElementById('search-form') as HTMLFormElement | null;
const input = document.getElementById('search-q') as HTMLInputElement | null;
const out = document.getElementById('search-results');
const status = document.getElementById('search-status');
const more = document.getElementById('search-more') as HTMLButtonElement | null;
const root = document.documentElement;
const lang = root.lang || 'en';
// The index lives at the site root, one level above the language folder.
const base = new URL('../search/', location.href);

// Index files call window.keruenSearch(path, data) as they run; each load waits for its path.
const waiting = new Map<string, (data: unknown) => void>();
(window as unknown as Record<string, unknown>)[INDEX_CALLBACK] = (path: unknown, data: unknown) => {
  if (typeof path === 'string') waiting.get(path)?.(data);
};

function loadScript(path: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    let done = false;
    waiting.set(path, (data) => {
      done = true;
      resolve(data);
    });
    const settle = (ok: boolean) => {
      waiting.delete(path);
      script.remove();
      if (!done) reject(new Error(ok ? `${path}: the file gave no data` : `${path}: could not load`));
    };
    script.onload = () => settle(true);
    script.onerror = () => settle(false);
    script.src = new URL(`${path}.js`, base).href;
    document.head.append(script);
  });
}

const cache = new Map<string, Promise<unknown>>();
function getIndexFile(path: string): Promise<unknown> {
  let p = cache.get(path);
  if (!p) {
    p = loadScript(path);
    // A failed load is tried again by the next search, not remembered.
    p.catch(() => cache.delete(path));
    cache.set(path, p);
  }
  return p;
}

let manifest: Promise<SearchManifest> | undefined;
function loadManifest(): Promise<SearchManifest> {
  manifest ??= getIndexFile('index').then(parseManifest);
  manifest.catch(() => (manifest = undefined));
  return manifest;
}

function labels(name: string): Record<string, string> {
  try {
    return JSON.parse(root.dataset[name] ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}
const kinds = labels('kinds');
const resultForms = labels('resultsLabel');
const plural = new Intl.PluralRules(lang);
const numbers = new Intl.NumberFormat(lang);
// Chromium's reduced ICU writes Kazakh dates as "2022 M01 13": the app's Kazakh formats instead.
const formatDate: (d: Date) => string = (() => {
  if (lang === 'kk' && intlLacksKazakh()) return (d: Date) => kkDate(d, 'day', { utc: false });
  try {
    const f = new Intl.DateTimeFormat(lang, { dateStyle: 'medium' });
    return (d: Date) => f.format(d);
  } catch {
    return (d: Date) => d.toISOString().slice(0, 10);
  }
})();

function countLabel(count: number, query: string): string {
  const form = resultForms[plural.select(count)] ?? resultForms.other ?? '{count}';
  // Functions, not strings, as replacements: a query holding "$&" must show as typed.
  return form.replace('{count}', () => numbers.format(count)).replace('{q}', () => query);
}

function resultItem(m: ResultMeta): HTMLLIElement {
  const [id, kind, createdAt, title, excerpt] = m;
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = `records/${id}.html`;
  const kindLabel = kinds[kind] ?? kinds.unknown ?? kind;
  a.textContent = title || `${kindLabel} ${id.slice(0, 12)}`;
  const meta = document.createElement('p');
  meta.className = 'meta';
  const when = new Date(createdAt * 1000);
  meta.textContent = `${kindLabel} · ${formatDate(when)}`;
  li.append(a, meta);
  if (excerpt !== '') {
    const p = document.createElement('p');
    p.textContent = excerpt;
    li.append(p);
  }
  return li;
}

let shown: { order: number[]; next: number; manifest: SearchManifest } | undefined;
let latest = 0;

async function showNext(run: number): Promise<void> {
  if (!out || !shown) return;
  const { order, manifest: m } = shown;
  const page = order.slice(shown.next, shown.next + PAGE_SIZE);
  const chunks = chunksOf(page, m.chunk);
  const loaded = await Promise.all(chunks.map(async (c) => [c, parseMetaChunk(await getIndexFile(`r/${c}`))] as const));
  if (run !== latest) return;
  const byChunk = new Map(loaded);
  for (const n of page) {
    const entry = byChunk.get(Math.floor(n / m.chunk))?.[n % m.chunk];
    if (entry) out.append(resultItem(entry));
  }
  shown.next += page.length;
  if (more) more.hidden = shown.next >= order.length;
}

async function run(query: string): Promise<void> {
  if (!out || !status) return;
  const current = ++latest;
  out.replaceChildren();
  if (more) more.hidden = true;
  shown = undefined;
  status.textContent = root.dataset.searching ?? '…';
  const m = await loadManifest();
  const plan = planQuery(query, m);
  if (plan.length === 0) {
    status.textContent = '';
    return;
  }
  const needed = shardsOf(plan);
  const shards = new Map<number, Shard>(await Promise.all(needed.map(async (i) => [i, parseShard(await getIndexFile(`w/${i}`), m.records)] as const)));
  if (current !== latest) return;
  const { order } = rank(plan, shards);
  shown = { order, next: 0, manifest: m };
  await showNext(current);
  if (current === latest) status.textContent = countLabel(order.length, query);
}

/** The index could not load (files missing, blocked, or damaged): say so. */
function failed(): void {
  if (status) status.textContent = root.dataset.searchFailed ?? 'Search failed.';
}

if (form && input) {
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    try {
      history.replaceState(null, '', `?q=${encodeURIComponent(input.value)}`);
    } catch {
      // Some browsers refuse it for a page opened from a file: the search still runs.
    }
    void run(input.value).catch(failed);
  });
  more?.addEventListener('click', () => void showNext(latest).catch(failed));
  const q = new URLSearchParams(location.search).get('q');
  if (q !== null && q !== '') {
    input.value = q;
    void run(q).catch(failed);
  }
}
