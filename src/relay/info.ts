/**
 * NIP-11 relay information document, served on the relay's URL over HTTP when the client
 * asks for `application/nostr+json`, with the CORS headers NIP-11 requires.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RelayLimits } from './limits.ts';
import { ribltInfo } from './riblt.ts';

export interface RelayInfo {
  name: string;
  description: string;
  /** Administrative contact (hex public key). */
  pubkey?: string;
  contact?: string;
}

export interface RelayInfoDocument extends RelayInfo {
  software: string;
  version: string;
  supported_nips: number[];
  /**
   * What only Keruen nodes speak: `reconcile` lists KRS protocol versions (docs/protocol.md);
   * `connections`, the caps NIP-11's `limitation` has no field for.
   */
  keruen: ReturnType<typeof ribltInfo> & {
    connections: { max_connections: number; max_connections_per_address: number; max_invalid_events: number; invalid_window_seconds: number };
  };
  limitation: {
    max_message_length: number;
    max_subscriptions: number;
    max_filters: number;
    max_limit: number;
    default_limit: number;
    max_subid_length: number;
    max_event_tags?: number;
    max_content_length?: number;
    created_at_upper_limit: number;
    auth_required: boolean;
    payment_required: boolean;
    restricted_writes: boolean;
  };
}

export const SUPPORTED_NIPS = [1, 9, 11, 42, 45, 50, 77] as const;

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

export function relayInfoDocument(info: RelayInfo, limits: RelayLimits): RelayInfoDocument {
  return {
    ...info,
    software: 'keruen',
    version: packageVersion(),
    supported_nips: [...SUPPORTED_NIPS],
    keruen: {
      ...ribltInfo(),
      connections: {
        max_connections: limits.maxConnections,
        max_connections_per_address: limits.maxConnectionsPerAddress,
        max_invalid_events: limits.maxInvalidEvents,
        invalid_window_seconds: Math.round(limits.invalidWindowMs / 1000),
      },
    },
    limitation: {
      max_message_length: limits.maxMessageBytes,
      max_subscriptions: limits.maxSubscriptions,
      max_filters: limits.maxFilters,
      max_limit: limits.maxLimit,
      default_limit: limits.maxLimit,
      max_subid_length: limits.maxSubIdLength,
      created_at_upper_limit: limits.maxFutureSeconds,
      auth_required: false,
      payment_required: false,
      // Only events of the node's kinds that pass validation are stored.
      restricted_writes: true,
    },
  };
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': '*',
  'access-control-allow-methods': 'GET, OPTIONS',
};

function wantsNostrJson(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').toLowerCase().includes('application/nostr+json');
}

/**
 * Answers a NIP-11 request (or its CORS preflight) and returns true; returns false for any
 * other request, which the caller's own handler then serves.
 */
export function serveRelayInfo(req: IncomingMessage, res: ServerResponse, doc: RelayInfoDocument): boolean {
  const path = (req.url ?? '/').split('?')[0];
  if (path !== '/') return false;
  if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
    res.writeHead(204, CORS).end();
    return true;
  }
  if ((req.method !== 'GET' && req.method !== 'HEAD') || !wantsNostrJson(req)) return false;
  const body = JSON.stringify(doc);
  res.writeHead(200, { ...CORS, 'content-type': 'application/nostr+json', 'content-length': Buffer.byteLength(body) });
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
