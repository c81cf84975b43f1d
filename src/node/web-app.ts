/**
 * The node's HTTP side (hono): the access gate (loopback Host or a paired device), the web
 * app's API (api/*.ts), Blossom blobs, the status page, and the web app built into dist/web,
 * served with a fallback to index.html for its routes.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type http from 'node:http';
import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { getRequestListener } from '@hono/node-server';
import type { EventStore } from '../store/types.ts';
import { renderStatusPage } from './status-page.ts';
import type { AccessPolicy } from './access.ts';
import type { BlobStore } from './blobs.ts';
import type { Keystore } from './keystore.ts';
import { accessGate, pairRoutes } from './api/pair.ts';
import { archiveRoutes } from './api/archive.ts';
import { blossomRoutes } from './api/blossom.ts';
import { defaultOnError } from './api/errors.ts';

export const WEB_DIST = fileURLToPath(new URL('../../dist/web', import.meta.url));

export interface WebAppOptions {
  store: EventStore;
  relayUrl: () => string;
  /** Folder of the built web app (default dist/web). */
  distDir?: string;
  /** Who may use the node (default: loopback Host only, no pairing). */
  access?: AccessPolicy;
  /** Identities whose encrypted keys the app may fetch and who may upload blobs. */
  keystore?: Keystore;
  /** Where blobs live; without it, Blossom routes are absent. */
  blobs?: BlobStore;
  /** Largest blob accepted (bytes). */
  maxBlobBytes?: number;
  onError?: (e: unknown) => void;
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
  const access = opts.access ?? { loopbackOnly: true };
  const onError = opts.onError ?? defaultOnError;
  app.use('*', async (c, next) => {
    await next();
    // A route may set a stricter policy of its own (blobs do).
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) if (!c.res.headers.has(k)) c.header(k, v);
  });
  app.use('*', accessGate(access));
  app.route('/', pairRoutes(access, onError));
  app.route('/', archiveRoutes({ store: opts.store, ...(opts.keystore !== undefined ? { keystore: opts.keystore } : {}), pairingRequired: access.pairing !== undefined, onError }));
  if (opts.blobs !== undefined) {
    app.route('/', blossomRoutes({ blobs: opts.blobs, store: opts.store, ...(opts.keystore !== undefined ? { keystore: opts.keystore } : {}), ...(opts.maxBlobBytes !== undefined ? { maxBlobBytes: opts.maxBlobBytes } : {}), onError }));
  }
  // Unknown API paths answer JSON, not the app shell.
  app.all('/api/*', (c) => c.json({ error: `no such API route: ${c.req.method} ${c.req.path}` }, 404));
  app.get('/status', (c) => c.html(renderStatusPage(opts.store, opts.relayUrl())));
  if (!built) {
    // A node still works without the web app (CLI, relay); say how to get it.
    app.get('/', (c) => {
      const note = 'The web app is not built: run `npm run build:web`.';
      // The bare page is public under pairing; the archive's counts are not.
      if (access.pairing !== undefined && !access.pairing.isPaired(c.req.header('cookie'))) return c.text(`${note}\n`);
      return c.html(renderStatusPage(opts.store, opts.relayUrl(), note));
    });
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
