/**
 * The installable, offline shell: the manifest and icons are served under the node's CSP, the
 * service worker takes the page over, any route opens offline from the cached shell, and
 * nothing from the API, uploads or blobs ever lands in the cache.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchBrowser, startTestNode, type TestNode } from './helpers.ts';

let node: TestNode;
let browser: Browser;
before(async () => {
  node = await startTestNode();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await node?.close();
});

test('the manifest names the app, its icons and its start, and every icon is served', async () => {
  const res = await fetch(`${node.node.httpUrl}/manifest.webmanifest`);
  assert.equal(res.status, 200);
  const manifest = (await res.json()) as { name: string; start_url: string; display: string; theme_color: string; icons: { src: string; sizes: string; type: string }[] };
  assert.equal(manifest.name, 'Keruen');
  assert.equal(manifest.start_url, '/');
  assert.equal(manifest.display, 'standalone');
  assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/i);
  for (const size of ['192x192', '512x512']) assert.ok(manifest.icons.some((i) => i.sizes === size && i.type === 'image/png'), `a ${size} PNG icon`);
  for (const icon of manifest.icons) {
    const r = await fetch(`${node.node.httpUrl}${icon.src}`);
    assert.equal(r.status, 200, icon.src);
    assert.equal(r.headers.get('content-type')?.split(';')[0], icon.type, icon.src);
  }
  const html = await (await fetch(node.node.httpUrl)).text();
  assert.match(html, /<link rel="manifest" href="\/manifest.webmanifest"/);
});

test('the service worker serves every route offline and never caches the API', async () => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${node.node.httpUrl}/`);
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller === null) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  // The page asks the API while online; the answer must not be kept.
  assert.equal(await page.evaluate(async () => (await fetch('/api/identities')).status), 200);

  await context.setOffline(true);
  for (const path of ['/people', '/record/0000', '/capture']) {
    const res = await page.goto(`${node.node.httpUrl}${path}`);
    assert.equal(res?.headers()['x-keruen-shell'], 'cached', `${path} came from the cached shell`);
    assert.match(res?.headers()['content-security-policy'] ?? '', /default-src 'self'/, 'the cached shell keeps the CSP');
    await page.getByRole('link', { name: 'Write a testimony' }).waitFor();
  }
  await page.getByRole('heading', { name: 'Write a testimony' }).waitFor();
  const apiOffline = await page.evaluate(async () => {
    try {
      return (await fetch('/api/identities')).status;
    } catch {
      return 'network error';
    }
  });
  assert.equal(apiOffline, 'network error', 'the API is not answered from a cache');

  const cached = await page.evaluate(async () => {
    const urls: string[] = [];
    for (const name of await caches.keys()) for (const req of await (await caches.open(name)).keys()) urls.push(new URL(req.url).pathname);
    return urls;
  });
  assert.ok(cached.includes('/index.html'), 'the shell is cached');
  assert.ok(cached.some((u) => /^\/assets\/index-.*\.js$/.test(u)), 'the entry script is cached');
  assert.ok(cached.some((u) => /^\/assets\/CaptureForm-.*\.js$/.test(u)), 'the capture chunk is cached at install');
  assert.deepEqual(cached.filter((u) => /^\/(api|upload)|^\/[0-9a-f]{64}/.test(u)), []);
  await context.close();
});
