/** One node, one process: the store, the relay and the web app, on one http server. */
import { startRelayServer, DEFAULT_INFO, type RunningRelay } from '../relay/server.ts';
import type { EventStore } from '../store/types.ts';
import { createWebApp, webAppListener } from './web-app.ts';

export interface NodeOptions {
  store: EventStore;
  host?: string;
  port?: number;
  /** Folder of the built web app (default dist/web). */
  webDist?: string;
}

export interface RunningNode {
  httpUrl: string;
  relayUrl: string;
  relay: RunningRelay;
  close(): Promise<void>;
}

export async function startNode(opts: NodeOptions): Promise<RunningNode> {
  let relayUrl = '';
  const web = createWebApp({ store: opts.store, relayUrl: () => relayUrl, ...(opts.webDist !== undefined ? { distDir: opts.webDist } : {}) });
  const relay = await startRelayServer({ store: opts.store, host: opts.host ?? '127.0.0.1', port: opts.port ?? 7777, info: DEFAULT_INFO, http: webAppListener(web) });
  relayUrl = relay.url;
  return { httpUrl: relay.httpUrl, relayUrl: relay.url, relay, close: () => relay.close() };
}
