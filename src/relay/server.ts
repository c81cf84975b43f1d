/**
 * The node's relay: NIP-01 over WebSocket (library `ws`, noServer mode) and the NIP-11
 * document, attached to a node http server that the web app shares.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { KeruenError } from '../core/errors.ts';
import type { VerifiedEvent } from '../core/event.ts';
import type { EventStore } from '../store/types.ts';
import { makeAccept, type AcceptFn } from './accept.ts';
import type { RelayAuthPolicy } from './auth.ts';
import { Connection, webSocketOutput, type DroppedConnection } from './connection.ts';
import { createHttpSessions, RELAY_HTTP_PATH, type HttpSessionLimits } from './http-sessions.ts';
import { relayInfoDocument, serveRelayInfo, type RelayInfo, type RelayInfoDocument } from './info.ts';
import { ConnectionSlots, normalizeAddress, resolveLimits, type RelayLimits } from './limits.ts';
import type { NegentropyLimits } from './negentropy.ts';

export interface RelayDeps {
  store: EventStore;
  accept: AcceptFn;
  info: RelayInfo;
  limits?: Partial<RelayLimits>;
  /** NIP-77 reconciliation limits (relay/negentropy.ts). */
  negentropy?: Partial<NegentropyLimits>;
  /** Called once per newly stored event (not for duplicates), with the sender's address when known. */
  onEvent?: (event: VerifiedEvent, remote?: string) => void;
  /** Serves every HTTP request that is not NIP-11 (the web app). Default: 404. */
  http?: http.RequestListener;
  /**
   * Whether a browser page from `origin` may open the relay. Default: only pages the node
   * itself serves (same host), because any web page the witness visits could otherwise read
   * the local archive through ws://127.0.0.1. Clients that send no Origin (native apps,
   * scripts) are always let in.
   */
  allowOrigin?: (origin: string, req: http.IncomingMessage) => boolean;
  /**
   * Whether this upgrade request may open the relay at all (a paired device's session cookie,
   * a trusted Host). Checked before the upgrade; false answers 401 and no WebSocket is made.
   * Default: everyone.
   */
  authorize?: (req: http.IncomingMessage) => boolean;
  /** Our own failures (a store that throws...). Default: written to stderr. */
  onError?: (error: unknown) => void;
  /**
   * NIP-42 (relay/auth.ts): given, every connection is challenged, and gift wraps are served only
   * to their recipient or to a peer node. Without it, wraps are served like any event.
   */
  auth?: RelayAuthPolicy;
  /** A client closed for sending invalid events (its address and why). Default: written to stderr. */
  onDropped?: (report: DroppedConnection) => void;
  /** The HTTP POST binding's sessions (relay/http-sessions.ts). */
  httpSessions?: Partial<HttpSessionLimits>;
  /** Ping interval; a client that misses one pong is dropped. 0 disables. Default 30 s. */
  keepaliveMs?: number;
}

export interface RelayHandle {
  readonly info: RelayInfoDocument;
  readonly limits: RelayLimits;
  readonly connectionCount: number;
  /** Sessions of the HTTP POST binding open now. */
  readonly httpSessionCount: number;
  /** Delivers an event stored by another path (CLI, sync, web app) to live subscriptions. */
  broadcast(event: VerifiedEvent): void;
  /** Terminates every client and detaches from the http server (which stays the caller's). */
  close(): Promise<void>;
}

function notFound(_req: http.IncomingMessage, res: http.ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
}

function sameHost(origin: string, req: http.IncomingMessage): boolean {
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

function defaultOnError(error: unknown): void {
  process.stderr.write(`relay: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
}

export function attachRelay(server: http.Server, deps: RelayDeps): RelayHandle {
  // One request listener owns routing, so NIP-11 and the web app cannot both answer a request.
  if (server.listenerCount('request') > 0) throw KeruenError.usage('attachRelay needs an http server without a request listener: pass your handler as deps.http');
  const limits = resolveLimits(deps.limits);
  const info = relayInfoDocument(deps.info, limits);
  const onError = deps.onError ?? defaultOnError;
  const allowOrigin = deps.allowOrigin ?? sameHost;
  const fallback = deps.http ?? notFound;
  // A hook that throws is our bug: report it and keep the door shut rather than crash the node.
  const authorized = (req: http.IncomingMessage): boolean => {
    try {
      return deps.authorize === undefined || deps.authorize(req);
    } catch (e) {
      onError(e);
      return false;
    }
  };
  const connections = new Map<WebSocket, Connection>();
  const broadcast = (event: VerifiedEvent) => {
    for (const c of connections.values()) c.deliver(event);
    for (const c of httpSessions.connections()) c.deliver(event);
  };
  const onDropped = deps.onDropped ?? ((r: DroppedConnection) => process.stderr.write(`relay: dropped ${r.address}: ${r.reason}\n`));
  const ctx = { store: deps.store, accept: deps.accept, limits, broadcast, onEvent: deps.onEvent, onError, negentropy: deps.negentropy, onDropped, ...(deps.auth !== undefined ? { auth: deps.auth } : {}) };
  // One count for WebSockets and HTTP sessions: either way in is a connection held open.
  const slots = new ConnectionSlots(limits);
  const httpSessions = createHttpSessions(ctx, deps.httpSessions, slots);

  // skipUTF8Validation: ws would close the connection on broken UTF-8; Connection answers it instead.
  // permessage-deflate when the client offers it: records are JSON with hex ids, about half their
  // size compressed, and a slow window pays for every byte. maxPayload bounds the inflated size.
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.hardMaxPayloadBytes,
    skipUTF8Validation: true,
    perMessageDeflate: { threshold: 256, concurrencyLimit: 4 },
  });

  const onRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.url?.split('?')[0] === RELAY_HTTP_PATH) return onRelayRequest(req, res);
    if (!serveRelayInfo(req, res, info)) fallback(req, res);
  };
  // The HTTP binding opens the same relay as an upgrade does: the same two checks guard it.
  const onRelayRequest = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const origin = req.headers.origin;
    const plain = { 'content-type': 'text/plain; charset=utf-8' };
    if (origin !== undefined && !allowOrigin(origin, req)) return void res.writeHead(403, plain).end('forbidden origin\n');
    if (!authorized(req)) return void res.writeHead(401, plain).end('pair this device with the node first\n');
    httpSessions.handle(req, res);
  };
  const onUpgrade = (req: http.IncomingMessage, socket: import('node:stream').Duplex, head: Buffer) => {
    const origin = req.headers.origin;
    if (origin !== undefined && !allowOrigin(origin, req)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    if (!authorized(req)) {
      const body = 'pair this device with the node first\n';
      socket.end(`HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      return;
    }
    // Over the caps, refused before any WebSocket exists; open connections are not touched.
    const slot = slots.open(req.socket.remoteAddress);
    if ('refused' in slot) {
      const body = `${slot.refused}\n`;
      socket.end(`HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 5\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      return;
    }
    // The socket's end is the one sure end of the slot (a failed handshake never becomes a WebSocket).
    socket.once('close', slot.release);
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };
  // A peer node's NIP-98 upgrade header already proved its key: no AUTH round trip needed.
  const provedAtUpgrade = (req: http.IncomingMessage): string[] => {
    try {
      const key = deps.auth?.fromUpgrade?.(req);
      return key !== undefined ? [key] : [];
    } catch (e) {
      onError(e);
      return [];
    }
  };
  wss.on('connection', (ws: WebSocket, req: http.IncomingMessage) => {
    const conn = new Connection(webSocketOutput(ws, normalizeAddress(req.socket.remoteAddress)), ctx, provedAtUpgrade(req));
    connections.set(ws, conn);
    ws.on('message', (data, isBinary) => conn.onFrame(data, isBinary));
    ws.on('pong', () => (conn.alive = true));
    ws.on('close', () => connections.delete(ws));
    // Protocol errors (frame over the hard cap, bad opcode): ws closes with a status code that
    // tells the client why; nothing of ours failed.
    ws.on('error', () => ws.terminate());
  });
  server.on('request', onRequest);
  server.on('upgrade', onUpgrade);

  const keepaliveMs = deps.keepaliveMs ?? 30_000;
  const timer =
    keepaliveMs > 0
      ? setInterval(() => {
          for (const [ws, conn] of connections) {
            if (!conn.alive) ws.terminate();
            else {
              conn.alive = false;
              ws.ping();
            }
          }
        }, keepaliveMs).unref()
      : undefined;

  return {
    info,
    limits,
    get connectionCount() {
      return connections.size;
    },
    get httpSessionCount() {
      return httpSessions.size;
    },
    broadcast,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(timer);
        server.off('request', onRequest);
        server.off('upgrade', onUpgrade);
        httpSessions.close();
        for (const ws of connections.keys()) ws.terminate();
        connections.clear();
        wss.close(() => resolve());
      }),
  };
}

export interface StartRelayOptions extends Partial<Omit<RelayDeps, 'store'>> {
  store: EventStore;
  port?: number;
  /** Default 127.0.0.1: nothing is reachable from the network unless asked for. */
  host?: string;
}

export interface RunningRelay {
  /** ws://host:port (the real port when 0 was asked for). */
  url: string;
  httpUrl: string;
  relay: RelayHandle;
  server: http.Server;
  close(): Promise<void>;
}

export const DEFAULT_INFO: RelayInfo = {
  name: 'Keruen node',
  description: 'A Keruen node: testimony, sources and people of concern, signed and kept through shutdowns.',
};

export async function startRelayServer(opts: StartRelayOptions): Promise<RunningRelay> {
  const limits = resolveLimits(opts.limits);
  const server = http.createServer();
  const relay = attachRelay(server, {
    ...opts,
    limits,
    info: opts.info ?? DEFAULT_INFO,
    accept: opts.accept ?? makeAccept({ maxEventBytes: limits.maxEventBytes }),
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  return {
    url: `ws://${hostPart}:${port}`,
    httpUrl: `http://${hostPart}:${port}`,
    relay,
    server,
    close: async () => {
      await relay.close();
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}
