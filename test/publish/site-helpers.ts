/**
 * Helpers for the published-site tests: the sample archive in a real SQLite store, published with
 * the real pipeline into a temporary folder, served by a tiny static server (node:http + fs).
 */
import { createReadStream, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { ingestJsonl, jsonlLines } from '../../src/store/ingest.ts';
import { SAMPLE_ARCHIVE } from '../../src/node/sample.ts';
import type { VerifiedEvent } from '../../src/core/event.ts';
import { publicRecords } from '../../src/publish/public.ts';

export async function sampleRecords(): Promise<VerifiedEvent[]> {
  const dir = mkdtempSync(join(tmpdir(), 'keruen-site-store-'));
  const store = SqliteStore.open(join(dir, 'keruen.db'));
  try {
    await ingestJsonl(jsonlLines(createReadStream(SAMPLE_ARCHIVE)), store, { workers: 1 });
    return publicRecords(store);
  } finally {
    store.close();
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.json': 'application/json',
  '.xml': 'application/atom+xml',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/** Serves a folder as any static host would: files only, no directory listing, 404 otherwise. */
export async function serveFolder(root: string): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': body.length });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
