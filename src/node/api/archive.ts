/**
 * What the web app asks the node besides the relay:
 *   GET /api/identities → [{name, npub, pubkey, ncryptsec, isDefault}]
 *   GET /api/node       → {version, relayPath, pairing: {required}, counts: {<kind slug>: n}}
 */
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import { DOMAIN_KINDS, slugOfKind } from '../../core/kinds.ts';
import type { EventStore } from '../../store/types.ts';
import type { Keystore } from '../keystore.ts';
import { errorResponse, toKeruenError } from './errors.ts';

export interface ArchiveApiDeps {
  store: EventStore;
  keystore?: Keystore;
  pairingRequired: boolean;
  onError: (e: unknown) => void;
}

const VERSION = ((): string => {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
})();

export function archiveRoutes(deps: ArchiveApiDeps): Hono {
  const app = new Hono();
  app.get('/api/identities', (c) => {
    try {
      const ks = deps.keystore;
      // The key goes out encrypted (NIP-49); the browser decrypts it with the passphrase.
      const ids = ks === undefined ? [] : ks.list().map((i) => ({ name: i.name, npub: i.npub, pubkey: i.pubkey, ncryptsec: ks.ncryptsec(i), isDefault: i.isDefault }));
      c.header('cache-control', 'no-store');
      return c.json(ids);
    } catch (e) {
      return errorResponse(c, toKeruenError(e, deps.onError));
    }
  });
  app.get('/api/node', (c) => {
    try {
      const counts: Record<string, number> = {};
      for (const kind of DOMAIN_KINDS) counts[slugOfKind(kind) ?? String(kind)] = deps.store.count([{ kinds: [kind] }]);
      // The relay shares the page's host and port: ws(s)://<same host><relayPath>.
      return c.json({ version: VERSION, relayPath: '/', pairing: { required: deps.pairingRequired }, counts });
    } catch (e) {
      return errorResponse(c, toKeruenError(e, deps.onError));
    }
  });
  return app;
}
