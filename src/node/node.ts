/** One node, one process: the store, the relay and the page, on one http server. */
import type http from 'node:http';
import { startRelayServer, DEFAULT_INFO, type RunningRelay } from '../relay/server.ts';
import type { EventStore } from '../store/types.ts';
import { renderStatusPage } from './status-page.ts';

export interface NodeOptions {
  store: EventStore;
  host?: string;
  port?: number;
}

export interface RunningNode {
  httpUrl: string;
  relayUrl: string;
  relay: RunningRelay;
  close(): Promise<void>;
}

export async function startNode(opts: NodeOptions): Promise<RunningNode> {
  let relayUrl = '';
  const page: http.RequestListener = (req, res) => {
    if (req.method === 'GET' && (req.url === '/' || req.url === '/index.html')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" });
      res.end(renderStatusPage(opts.store, relayUrl));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
  };
  const relay = await startRelayServer({ store: opts.store, host: opts.host ?? '127.0.0.1', port: opts.port ?? 7777, info: DEFAULT_INFO, http: page });
  relayUrl = relay.url;
  return { httpUrl: relay.httpUrl, relayUrl: relay.url, relay, close: () => relay.close() };
}
