/**
 * One node, one process: the store, the relay, the web app and its API, and the blob store,
 * on one http server. Listening beyond loopback turns pairing on: then only devices that
 * entered the code printed on the console may read or write (see access.ts, pairing.ts).
 */
import { join } from 'node:path';
import { startRelayServer, DEFAULT_INFO, type RunningRelay } from '../relay/server.ts';
import type { EventStore } from '../store/types.ts';
import { createWebApp, webAppListener } from './web-app.ts';
import { mayOpenRelay, type AccessPolicy } from './access.ts';
import { BlobStore } from './blobs.ts';
import { Keystore } from './keystore.ts';
import { Pairing, type PairingCode } from './pairing.ts';
import { SessionStore } from './sessions.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function isLoopbackAddress(host: string): boolean {
  return LOOPBACK.has(host) || /^127(\.\d{1,3}){3}$/.test(host);
}

export interface NodeOptions {
  store: EventStore;
  host?: string;
  port?: number;
  /** Folder of the built web app (default dist/web). */
  webDist?: string;
  /**
   * The node's data folder: blobs in `blobs/`, paired devices in `sessions.json`, identities in
   * `identities/`. Without it, no blobs, no identities, and pairings last until the node stops.
   */
  dataDir?: string;
  /** Default: `<dataDir>/identities`. */
  keystore?: Keystore;
  /** Force pairing even on loopback (tests, a tunnel). Always on beyond loopback. */
  pairing?: boolean;
  /** Told each new pairing code. Default: printed on stdout. */
  onPairingCode?: (code: PairingCode) => void;
  maxBlobBytes?: number;
}

export interface RunningNode {
  httpUrl: string;
  relayUrl: string;
  relay: RunningRelay;
  /** Set when pairing is on. */
  pairing?: Pairing;
  blobs?: BlobStore;
  close(): Promise<void>;
}

export function printPairingCode(code: PairingCode): void {
  const until = code.expiresAt.toTimeString().slice(0, 5);
  process.stdout.write(`Pairing code: ${code.code}  (valid until ${until}, once)\n`);
}

export async function startNode(opts: NodeOptions): Promise<RunningNode> {
  const host = opts.host ?? '127.0.0.1';
  const pairingOn = opts.pairing === true || !isLoopbackAddress(host);
  const pairing = pairingOn
    ? new Pairing({ sessions: new SessionStore(opts.dataDir !== undefined ? join(opts.dataDir, 'sessions.json') : undefined), onCode: opts.onPairingCode ?? printPairingCode })
    : undefined;
  // With pairing on, the session is the guard and any Host may be used (a tunnel's name, the
  // LAN address); without it, only loopback names, against DNS rebinding.
  const access: AccessPolicy = { loopbackOnly: !pairingOn, ...(pairing !== undefined ? { pairing } : {}) };
  const keystore = opts.keystore ?? (opts.dataDir !== undefined ? new Keystore(join(opts.dataDir, 'identities')) : undefined);
  const blobs = opts.dataDir !== undefined ? new BlobStore(join(opts.dataDir, 'blobs')) : undefined;
  let relayUrl = '';
  const web = createWebApp({
    store: opts.store,
    relayUrl: () => relayUrl,
    access,
    ...(opts.webDist !== undefined ? { distDir: opts.webDist } : {}),
    ...(keystore !== undefined ? { keystore } : {}),
    ...(blobs !== undefined ? { blobs } : {}),
    ...(opts.maxBlobBytes !== undefined ? { maxBlobBytes: opts.maxBlobBytes } : {}),
  });
  let relay: RunningRelay;
  try {
    relay = await startRelayServer({ store: opts.store, host, port: opts.port ?? 7777, info: DEFAULT_INFO, http: webAppListener(web), authorize: (req) => mayOpenRelay(access, req) });
  } catch (e) {
    pairing?.close();
    throw e;
  }
  relayUrl = relay.url;
  if (pairing !== undefined) (opts.onPairingCode ?? printPairingCode)(pairing.current);
  return {
    httpUrl: relay.httpUrl,
    relayUrl: relay.url,
    relay,
    ...(pairing !== undefined ? { pairing } : {}),
    ...(blobs !== undefined ? { blobs } : {}),
    close: async () => {
      pairing?.close();
      await relay.close();
    },
  };
}
