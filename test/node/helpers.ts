/** A real node (SQLite on disk, data folder, identities) and a raw HTTP client that can pick its source address. */
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { Keystore } from '../../src/node/keystore.ts';
import { openDataDir } from '../../src/node/data-dir.ts';
import { startNode, type NodeOptions, type RunningNode } from '../../src/node/node.ts';
import type { PairingCode } from '../../src/node/pairing.ts';

process.env.KERUEN_SCRYPT_LOGN ??= '10'; // same format, lower cost: tests only

export const PASSPHRASE = 'a long passphrase for tests';

export interface NodeUnderTest {
  node: RunningNode;
  store: SqliteStore;
  dataDir: string;
  keystore: Keystore;
  /** Every pairing code the node announced, first one first. */
  codes: string[];
  close(): Promise<void>;
}

export async function startTestNode(opts: Partial<NodeOptions> & { dataDir?: string } = {}): Promise<NodeUnderTest> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'keruen-node-'));
  const dir = openDataDir(dataDir);
  const store = SqliteStore.open(dir.storePath);
  const keystore = new Keystore(dir.identitiesDir);
  const codes: string[] = [];
  const node = await startNode({ port: 0, ...opts, store, dataDir, keystore, onPairingCode: (c: PairingCode) => codes.push(c.code) });
  return {
    node,
    store,
    dataDir,
    keystore,
    codes,
    close: async () => {
      await node.close();
      store.close();
    },
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  json<T = Record<string, unknown>>(): T;
}

export interface RawRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Source address: 127.0.0.x are all this machine, and each is a different "device" to the node. */
  localAddress?: string;
}

/** node:http rather than fetch: it can choose its source address and send any Host header. */
export function request(url: string, r: RawRequest = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: r.method ?? 'GET', headers: r.headers ?? {}, ...(r.localAddress !== undefined ? { localAddress: r.localAddress } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: <T>() => JSON.parse(body.toString('utf8')) as T });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(r.body);
  });
}

export function pairRequest(base: string, code: string, localAddress?: string): Promise<RawResponse> {
  return request(`${base}/api/pair`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, device: 'test device' }),
    ...(localAddress !== undefined ? { localAddress } : {}),
  });
}

/** `name=value` from a Set-Cookie header, ready for a Cookie header. */
export function sessionCookie(res: RawResponse): string {
  const set = res.headers['set-cookie']?.[0];
  if (set === undefined) throw new Error(`no cookie set (status ${res.status})`);
  return set.split(';')[0] as string;
}

/** Opens the relay's WebSocket; resolves with the socket, or with the HTTP status that refused it. */
export function openRelay(url: string, headers: Record<string, string> = {}): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.once('error', reject);
  });
}
