/*
 * Keruen's service worker: the app shell works with the network gone, so a witness can open
 * the capture page, write, and reload with no node in reach. Hand-written and small so it can
 * be read in one sitting.
 *
 * - install: caches index.html, the manifest, the icons and every file of Vite's build (read
 *   from asset-manifest.json, which the build writes), chunks loaded later included;
 * - navigations: the network first (fresh app after an update), the cached shell when the
 *   network fails or stalls;
 * - hashed assets (/assets/...): the cache first (their names change when they change),
 *   cached on fetch too;
 * - everything else (/api, /upload, blobs, the relay's WebSocket) is never touched: records
 *   and keys are not kept in a cache.
 */
const CACHE = 'keruen-shell-v1';
const SHELL = ['/index.html', '/manifest.webmanifest', '/icon.svg', '/icon-192.png', '/icon-512.png'];
/** A LAN node that vanished does not refuse, it stalls: give up on it after this long. */
const NAV_TIMEOUT_MS = 4000;

async function buildFiles() {
  const res = await fetch('/asset-manifest.json', { cache: 'no-store' });
  if (!res.ok) return [];
  const manifest = await res.json();
  const files = new Set();
  for (const chunk of Object.values(manifest)) {
    files.add(`/${chunk.file}`);
    for (const f of [...(chunk.css ?? []), ...(chunk.assets ?? [])]) files.add(`/${f}`);
  }
  return [...files];
}

/**
 * What install and top-up fetch ahead: every build file but the article-extraction worker (about
 * 370 KB gzip), which only a curator reviewing an article needs; it is cached when first used.
 */
const ahead = (files) => files.filter((f) => !f.startsWith('/assets/extract-worker'));

/**
 * After an update the worker script itself is unchanged, so install does not run again: each
 * online navigation tops the cache up with the new build's files and drops the old build's,
 * so the next offline visit has every chunk (the capture form's included) of the app it runs.
 */
async function topUp() {
  const files = await buildFiles().catch(() => []);
  if (files.length === 0) return;
  const cache = await caches.open(CACHE);
  const have = new Set((await cache.keys()).map((r) => new URL(r.url).pathname));
  await cache.addAll(ahead(files).filter((f) => !have.has(f))).catch(() => undefined);
  const current = new Set(files);
  for (const path of have) if (path.startsWith('/assets/') && !current.has(path)) await cache.delete(path);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll([...SHELL, ...ahead(await buildFiles())]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

function never(path) {
  return path.startsWith('/api/') || path === '/api' || path.startsWith('/upload') || /^\/[0-9a-f]{64}/.test(path);
}

async function navigate(request, event) {
  const cache = await caches.open(CACHE);
  try {
    const response = await Promise.race([
      fetch(request),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), NAV_TIMEOUT_MS)),
    ]);
    // Only the app's own shell replaces the cached one (not, say, a pairing page or an error).
    if (response.ok) {
      const html = await response.clone().text();
      // Headers kept: the cached shell must run under the node's CSP like the live one.
      if (html.includes('<div id="app">')) {
        await cache.put('/index.html', new Response(html, { headers: response.headers }));
        event.waitUntil(topUp());
      }
    }
    return response;
  } catch (error) {
    const shell = await cache.match('/index.html');
    if (!shell) throw error;
    // Marked, so a test (or a curious person in devtools) can tell the cached shell from the live one.
    const headers = new Headers(shell.headers);
    headers.set('x-keruen-shell', 'cached');
    return new Response(shell.body, { status: 200, headers });
  }
}

async function asset(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && new URL(request.url).pathname.startsWith('/assets/')) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || never(url.pathname)) return;
  if (request.mode === 'navigate') return event.respondWith(navigate(request, event));
  if (url.pathname.startsWith('/assets/') || SHELL.includes(url.pathname)) event.respondWith(asset(request));
});
