/**
 * Search page script: folds the query exactly as the node's search does (src/core/fold.ts, so
 * "Жанаозен" and "Zhanaozen" meet) and hands it to Pagefind, which fetches only the index chunks
 * the query needs. The transliteration table is cut at publish time to the letters that matter
 * (see ../assets.ts), so the script stays small.
 */
import { foldText } from '../../../core/fold.ts';

interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: { title?: string };
}
interface Pagefind {
  search(q: string): Promise<{ results: { data(): Promise<PagefindResultData> }[] }>;
}

const form = document.getElementById('search-form') as HTMLFormElement | null;
const input = document.getElementById('search-q') as HTMLInputElement | null;
const out = document.getElementById('search-results');
const status = document.getElementById('search-status');
const root = document.documentElement;
let pagefind: Promise<Pagefind> | undefined;

function load(): Promise<Pagefind> {
  // The index lives at the site root, one level above the language folder.
  pagefind ??= import(/* @vite-ignore */ new URL('../pagefind/pagefind.js', location.href).href) as Promise<Pagefind>;
  return pagefind;
}

async function run(query: string): Promise<void> {
  if (!out || !status) return;
  const folded = foldText(query);
  out.replaceChildren();
  if (folded === '') {
    status.textContent = '';
    return;
  }
  status.textContent = root.dataset.searching ?? '…';
  const pf = await load();
  const found = await pf.search(folded);
  const shown = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
  status.textContent = (root.dataset.resultsLabel ?? '{count}').replace('{count}', String(found.results.length));
  for (const r of shown) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = new URL(r.url.replace(/^\//, ''), new URL('../', location.href)).href;
    a.textContent = r.meta.title ?? r.url;
    const p = document.createElement('p');
    // Pagefind's excerpt is text with <mark> around hits; keep the words, drop any other markup.
    p.textContent = r.excerpt.replace(/<[^>]*>/g, '');
    li.append(a, p);
    out.append(li);
  }
}

/** Pagefind could not load (a page opened from a file, a host that hides WebAssembly): say so. */
function failed(): void {
  if (status) status.textContent = root.dataset.searchFailed ?? 'Search failed.';
}

if (form && input) {
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    history.replaceState(null, '', `?q=${encodeURIComponent(input.value)}`);
    void run(input.value).catch(failed);
  });
  const q = new URLSearchParams(location.search).get('q');
  if (q !== null && q !== '') {
    input.value = q;
    void run(q).catch(failed);
  }
}
