/**
 * One node, one process: the store, the relay, the web app and its API, and the blob store,
 * on one http server. Listening beyond loopback turns pairing on: then only devices that
 * entered the code printed on the console may read or write (see access.ts, pairing.ts).
 */
import type http from 'node:http';
import { join } from 'node:path';
import { startRelayServer, DEFAULT_INFO, type RunningRelay } from '../relay/server.ts';
import type { EventStore } from '../store/types.ts';
import { createWebApp, webAppListener } from './web-app.ts';
import { mayOpenRelay, type AccessPolicy } from './access.ts';
import { BlobStore } from './blobs.ts';
import { Keystore } from './keystore.ts';
import { Pairing, type PairingCode } from './pairing.ts';
import { SessionStore } from './sessions.ts';
import { VerifierPool } from '../store/verifier-pool.ts';
import { asPublicKey } from '../core/ids.ts';
import { checkUpgradeAuth, loadOrCreateNodeKey, npubOf, requestUrls, type NodeKey } from './node-key.ts';
import { PeersFile, PEERS_FILE } from './peers-file.ts';
import { nodeSyncOnce, PeerSyncer, type PeerTarget } from './peer-sync.ts';
import { LanDiscovery, type DiscoveredNode } from './mdns.ts';
import { peerRoutes, PEER_ROUTE_PATHS, type PeersView } from './api/peers.ts';
import { CircleBook, nodeSecret } from './circles.ts';
import { Kind } from '../core/kinds.ts';
import { PeerTrustFile } from './peer-trust.ts';
import type { NodeReports } from './status-page.ts';
import type { DroppedConnection } from '../relay/connection.ts';
import { noteReceived } from '../store/provenance.ts';

/** Clients dropped that /status and /api/peers still show (the newest). */
const DROPPED_SHOWN = 20;

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
  /** This device's node key. Default: `<dataDir>/node-key`, made on first start. */
  nodeKey?: NodeKey;
  /** Announce and browse `_keruen._tcp` on the LAN. Default: on unless listening on loopback only. */
  mdns?: boolean;
  /** Timing of the syncs with peers (peer-sync.ts); tests shorten it. */
  peerSync?: { intervalMs?: number; debounceMs?: number; backoffMinMs?: number; backoffMaxMs?: number; refreshMs?: number; probeMs?: number; timeoutMs?: number };
  /** Lines about peers (syncs, failures, nodes found). Default: stderr, and stdout for nodes found. */
  log?: (line: string) => void;
}

export interface RunningNode {
  httpUrl: string;
  relayUrl: string;
  relay: RunningRelay;
  /** Set when pairing is on. */
  pairing?: Pairing;
  blobs?: BlobStore;
  /** Set when the node has a data folder (peers live in `<dataDir>/peers.json`). */
  nodeKey?: NodeKey;
  peerSyncer?: PeerSyncer;
  discovery?: LanDiscovery;
  /** What GET /api/peers answers. */
  peersView(): (PeersView & NodeReports) | undefined;
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
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  // Clients the relay dropped for invalid events: told on the console, kept for /status.
  const dropped: DroppedConnection[] = [];
  const onDropped = (r: DroppedConnection) => {
    dropped.unshift(r);
    dropped.length = Math.min(dropped.length, DROPPED_SHOWN);
    log(`relay: dropped a client at ${r.address}: ${r.reason}`);
  };
  const peers = opts.dataDir !== undefined || opts.nodeKey !== undefined ? startPeers(opts, host, log, () => dropped) : undefined;
  if (peers !== undefined) access.acceptedPeer = peers.acceptUpgrade;
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
    const webListener = webAppListener(web);
    // The peer routes (and /status, which shows the peers) are answered here, ahead of the web app.
    const peerListener = peers !== undefined ? webAppListener(peerRoutes({ access, store: opts.store, relayUrl: () => relayUrl, nodeKey: peers.nodeKey, view: peers.view, onError: (e: unknown) => log(`web: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`) })) : undefined;
    const listener: http.RequestListener = (req, res) => (peerListener !== undefined && PEER_ROUTE_PATHS.has((req.url ?? '/').split('?')[0] as string) ? peerListener : webListener)(req, res);
    relay = await startRelayServer({
      store: opts.store,
      host,
      port: opts.port ?? 7777,
      info: DEFAULT_INFO,
      http: listener,
      authorize: (req) => mayOpenRelay(access, req),
      // `remote`: the client's address, when the relay passes it (provenance: store/provenance.ts).
      onEvent: (event, remote?: string) => {
        noteReceived(opts.store, [event.id], `relay:${remote ?? 'address not reported'}`);
        peers?.syncer.notifyLocalChange();
        if (event.kind === Kind.GiftWrap && opts.dataDir !== undefined && peers !== undefined) receiveCircleWraps(opts.dataDir, opts.store, peers.nodeKey.pubkey, log);
      },
      // NIP-42: gift wraps (circle records) only for their recipient or an accepted peer node.
      ...(peers !== undefined ? { auth: { isPeer: peers.isPeer, fromUpgrade: peers.provedPeer } } : {}),
      onDropped,
    });
  } catch (e) {
    pairing?.close();
    throw e;
  }
  relayUrl = relay.url;
  if (pairing !== undefined) (opts.onPairingCode ?? printPairingCode)(pairing.current);
  peers?.begin(Number(new URL(relay.httpUrl).port));
  return {
    httpUrl: relay.httpUrl,
    relayUrl: relay.url,
    relay,
    ...(pairing !== undefined ? { pairing } : {}),
    ...(blobs !== undefined ? { blobs } : {}),
    ...(peers !== undefined ? { nodeKey: peers.nodeKey, peerSyncer: peers.syncer, ...(peers.discovery !== undefined ? { discovery: peers.discovery } : {}) } : {}),
    peersView: () => peers?.view(),
    close: async () => {
      pairing?.close();
      await peers?.stop();
      await relay.close();
    },
  };
}

/**
 * The node's side of the peer network: its key, peers.json, the syncer, LAN discovery, and the
 * check that lets an accepted node's relay connection in. Nothing runs until `begin(port)`.
 */
function startPeers(opts: NodeOptions, host: string, log: (line: string) => void, dropped: () => DroppedConnection[]) {
  const nodeKey = opts.nodeKey ?? loadOrCreateNodeKey(opts.dataDir as string);
  // Without a data folder (tests), an in-memory-like file in the OS temp dir would surprise: no peers.
  const file = opts.dataDir !== undefined ? new PeersFile(join(opts.dataDir, PEERS_FILE)) : undefined;
  // Read now: a damaged peers.json stops the start with its error, rather than leaving the node alone.
  file?.read();
  const mdnsOn = opts.mdns ?? !isLoopbackAddress(host);
  // Nodes found are news for the user (stdout); the rest goes to the log.
  const announce = opts.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const isAccepted = (key: string) => file?.isAccepted(key) ?? false;
  let discovery: LanDiscovery | undefined;
  let pool: Promise<VerifierPool> | undefined;

  const targets = (): PeerTarget[] => {
    const config = file?.read();
    if (config === undefined) return [];
    const out: PeerTarget[] = config.peers.map((p) => ({ id: `url:${p.url}`, name: p.name, url: p.url, ...(p.key !== undefined ? { key: asPublicKey(p.key) } : {}), source: 'config' as const }));
    // A node both configured and heard on the LAN is synced once, as configured.
    const configured = new Set(config.peers.flatMap((p) => [p.url, ...(p.key !== undefined ? [p.key] : [])]));
    for (const n of discovery?.nodes() ?? []) {
      const accepted = config.accepted.find((a) => a.key === n.key);
      if (accepted === undefined || configured.has(n.key) || configured.has(new URL(n.url).href)) continue;
      out.push({ id: `key:${n.key}`, name: accepted.name ?? `lan-${npubOf(n.key).slice(5, 17)}`, url: n.url, key: n.key, source: 'lan' });
    }
    return out;
  };
  const timing = opts.peerSync ?? {};
  const trust = opts.dataDir !== undefined ? new PeerTrustFile(opts.dataDir) : undefined;
  const syncer = new PeerSyncer({
    targets,
    ...(trust !== undefined ? { trustedSince: (t: PeerTarget) => trust.trustedSince(t.id) } : {}),
    syncOnce: nodeSyncOnce({ store: opts.store, nodeKey, pool: () => (pool ??= VerifierPool.start(1)), ...(timing.timeoutMs !== undefined ? { timeoutMs: timing.timeoutMs } : {}) }),
    changeProbe: () => opts.store.count([{}]),
    log,
    ...timing,
  });

  const onFound = (n: DiscoveredNode) => {
    if (isAccepted(n.key)) announce(`LAN: found accepted node ${npubOf(n.key)} at ${n.url}; syncing with it`);
    else announce(`LAN: found node ${npubOf(n.key)} at ${n.url}, not accepted, so never synced with. To sync with it: keruen peers accept ${npubOf(n.key)}`);
    syncer.refresh();
  };

  const view = (): PeersView & NodeReports => {
    const config = file?.read();
    const accepted = config?.accepted ?? [];
    return {
      node: { pubkey: nodeKey.pubkey, npub: nodeKey.npub },
      discovery: discovery !== undefined,
      peers: syncer.states(),
      lan: (discovery?.nodes() ?? []).map((n) => ({ pubkey: n.key, npub: npubOf(n.key), url: n.url, addresses: n.addresses, accepted: accepted.some((a) => a.key === n.key), firstSeen: n.firstSeen, lastSeen: n.lastSeen })),
      accepted: accepted.map((a) => ({ pubkey: a.key, npub: npubOf(a.key), ...(a.name !== undefined ? { name: a.name } : {}), added: a.added })),
      dropped: [...dropped()],
    };
  };

  /** An upgrade from another node: its NIP-98 header must check out, and its key be accepted. */
  const acceptUpgrade = (req: http.IncomingMessage): boolean => {
    try {
      checkUpgradeAuth(req.headers.authorization, { urls: requestUrls(req.headers.host, req.url), ownKey: nodeKey.pubkey, isAccepted });
      return true;
    } catch (e) {
      log(`peers: refused a node's connection from ${req.socket.remoteAddress ?? '?'}: ${(e as Error).message}`);
      return false;
    }
  };

  const isPeer = (key: string) => key === nodeKey.pubkey || isAccepted(key);
  /** A peer's key already proved by its NIP-98 upgrade header (checked again: it is cheap). */
  const provedPeer = (req: http.IncomingMessage) => {
    try {
      return req.headers.authorization === undefined ? undefined : checkUpgradeAuth(req.headers.authorization, { urls: requestUrls(req.headers.host, req.url), ownKey: nodeKey.pubkey, isAccepted });
    } catch {
      return undefined;
    }
  };

  return {
    nodeKey,
    isPeer,
    provedPeer,
    syncer,
    view,
    acceptUpgrade,
    get discovery() {
      return discovery;
    },
    begin(port: number) {
      if (mdnsOn) {
        discovery = new LanDiscovery({ nodeKey, port, onFound, onLost: () => syncer.refresh(), log });
        discovery.start();
      }
      syncer.start();
    },
    async stop() {
      await syncer.stop();
      await discovery?.stop();
      await (await pool)?.close();
    },
  };
}

/**
 * A wrap arrived through the relay: open what is for this node or its circles (docs/circles.md).
 * Only when the node holds circles, so a node in none never opens anything.
 */
function receiveCircleWraps(dataDir: string, store: EventStore, selfKey: string, log: (line: string) => void): void {
  try {
    const book = new CircleBook(dataDir);
    try {
      const report = book.receive(store, nodeSecret(dataDir), selfKey);
      if (report.records + report.keyShares + report.admitted.length > 0) log(`circles: ${report.records} record(s) opened, ${report.keyShares} key share(s), ${report.admitted.length} admitted`);
    } finally {
      book.close();
    }
  } catch (e) {
    log(`circles: ${(e as Error).message}`);
  }
}
