/**
 * The node's peers, for people and for other nodes:
 *   GET /api/peers                         → PeersView (JSON; the web app may show it)
 *   GET /status                            → the status page, with the peers
 *   GET /.well-known/keruen/node?challenge=<hex> → an event signed by this node's key carrying
 *                                            the challenge (node-key.ts), for nodes checking us
 * Behind the same gate as the rest of the node: /api/peers and /status need a paired device
 * when pairing is on; the proof is public (it tells only the key the node announces anyway).
 */
import { Hono } from 'hono';
import type { AccessPolicy } from '../access.ts';
import { answerChallenge, NODE_PROOF_PATH, type NodeKey } from '../node-key.ts';
import type { PeerState } from '../peer-sync.ts';
import { renderStatusPage } from '../status-page.ts';
import type { EventStore } from '../../store/types.ts';
import { KeruenError } from '../../core/errors.ts';
import { accessGate } from './pair.ts';
import { errorResponse, toKeruenError } from './errors.ts';

export interface LanNodeView {
  pubkey: string;
  npub: string;
  url: string;
  addresses: string[];
  /** False: listed so the user can accept it, never synced with. */
  accepted: boolean;
  firstSeen: string;
  lastSeen: string;
}

export interface PeersView {
  node: { pubkey: string; npub: string };
  /** Whether this node announces itself and listens for others on the LAN. */
  discovery: boolean;
  /** Peers synced with (configured, and accepted nodes found on the LAN), with their state. */
  peers: PeerState[];
  /** Keruen nodes heard on the LAN. */
  lan: LanNodeView[];
  accepted: Array<{ pubkey: string; npub: string; name?: string; added: string }>;
}

/** The paths these routes answer; the node sends only these here. */
export const PEER_ROUTE_PATHS: ReadonlySet<string> = new Set(['/api/peers', '/status', NODE_PROOF_PATH]);

export interface PeersApiDeps {
  access: AccessPolicy;
  store: EventStore;
  relayUrl: () => string;
  nodeKey: NodeKey;
  view: () => PeersView;
  onError: (e: unknown) => void;
}

const HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export function peerRoutes(deps: PeersApiDeps): Hono {
  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(HEADERS)) c.header(k, v);
  });
  app.use('*', accessGate(deps.access));
  app.get(NODE_PROOF_PATH, (c) => {
    const answer = answerChallenge(deps.nodeKey, c.req.query('challenge'));
    if (answer === undefined) return errorResponse(c, KeruenError.usage('give ?challenge=<32 to 128 hex characters>'));
    return c.json(answer);
  });
  app.get('/api/peers', (c) => {
    try {
      return c.json(deps.view());
    } catch (e) {
      return errorResponse(c, toKeruenError(e, deps.onError));
    }
  });
  app.get('/status', (c) => c.html(renderStatusPage(deps.store, deps.relayUrl(), undefined, deps.view())));
  app.all('*', (c) => c.json({ error: `no such route: ${c.req.method} ${c.req.path}` }, 404));
  return app;
}
