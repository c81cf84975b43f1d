/**
 * The node's HTTP side (hono): the web app built into dist/web, served with a fallback to
 * index.html for its routes, and the status page. The API routes of the web app hang here too.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type http from 'node:http';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { getRequestListener } from '@hono/node-server';
import type { EventStore } from '../store/types.ts';
import { renderStatusPage } from './status-page.ts';

export const WEB_DIST = fileURLToPath(new URL('../../dist/web', import.meta.url));

export interface WebAppOptions {
  store: EventStore;
  relayUrl: () => string;
  /** Folder of the built web app (default dist/web). */
  distDir?: string;
}

const SECURITY_HEADERS: Record<string, string> = {
  // Nothing from elsewhere: the app must work with the network gone, and leak nothing.
  'content-security-policy': "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export function createWebApp(opts: WebAppOptions): Hono {
  const dist = opts.distDir ?? WEB_DIST;
  const built = existsSync(`${dist}/index.html`);
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.header(k, v);
  });
  app.get('/status', (c) => c.html(renderStatusPage(opts.store, opts.relayUrl())));
  if (!built) {
    // A node still works without the web app (CLI, relay); say how to get it.
    app.get('/', (c) => c.html(renderStatusPage(opts.store, opts.relayUrl(), 'The web app is not built: run `npm run build:web`.')));
    return app;
  }
  app.use('/*', serveStatic({ root: dist }));
  // Client-side routes (/people/..., /capture) get the app shell; files that do not exist get 404.
  app.get('*', serveStatic({ root: dist, rewriteRequestPath: (path) => (/\.[a-z0-9]+$/i.test(path) ? path : '/index.html') }));
  return app;
}

export function webAppListener(app: Hono): http.RequestListener {
  const listener = getRequestListener(app.fetch);
  // The adapter answers 500 itself if a handler throws; nothing is left to await here.
  return (req, res) => void listener(req, res);
}
