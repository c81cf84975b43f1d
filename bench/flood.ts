/**
 * Relay latency for an honest client, idle and while another process floods the relay
 * (test/relay/fixtures/flooder.ts: 4 connections of events over the rate limit, REQs for
 * everything, garbage and 200 kB messages). One sample = publish an event and read it back.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { generateSecretKey } from 'nostr-tools/pure';
import WebSocket from 'ws';
import { signEvent } from '../src/core/event.ts';
import { startRelayServer } from '../src/relay/server.ts';
import { SqliteStore } from '../src/store/sqlite.ts';
import { acceptNotes } from '../test/relay/helpers.ts';

export interface FloodLatency {
  idle: number[];
  flooded: number[];
  flooderSent: number;
}

async function connect(url: string): Promise<{ ws: WebSocket; next: () => Promise<unknown[]> }> {
  const ws = new WebSocket(url);
  const queue: unknown[][] = [];
  let wake: (() => void) | undefined;
  ws.on('message', (d: WebSocket.RawData) => {
    queue.push(JSON.parse(String(d)) as unknown[]);
    wake?.();
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = async () => {
    while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return queue.shift()!;
  };
  return { ws, next };
}

async function samples(url: string, n: number, sk: Uint8Array, from: number): Promise<number[]> {
  const { ws, next } = await connect(url);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const e = signEvent({ kind: 1, created_at: 1_641_340_800 + from + i, tags: [], content: `honest ${from + i}` }, sk);
    const t = performance.now();
    ws.send(JSON.stringify(['EVENT', e]));
    while ((await next())[0] !== 'OK');
    ws.send(JSON.stringify(['REQ', 'r', { ids: [e.id] }]));
    while ((await next())[0] !== 'EOSE');
    ws.send(JSON.stringify(['CLOSE', 'r']));
    out.push(performance.now() - t);
    // Stay well under the honest client's own rate limit.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  ws.close();
  return out.sort((a, b) => a - b);
}

export async function floodLatency(n = 40): Promise<FloodLatency> {
  const store = SqliteStore.open(':memory:');
  const seed = generateSecretKey();
  store.putMany(Array.from({ length: 2_000 }, (_, i) => signEvent({ kind: 1, created_at: 1_600_000_000 + i, tags: [], content: `archive ${i}` }, seed)));
  const relay = await startRelayServer({ store, accept: acceptNotes, keepaliveMs: 0 });
  const sk = generateSecretKey();
  try {
    const idle = await samples(relay.url, n, sk, 0);
    // Long enough to cover the flooded samples: about 100 ms each at worst, plus start-up.
    const seconds = Math.ceil((n * 150) / 1000) + 2;
    const flooder = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'test', 'relay', 'fixtures', 'flooder.ts'), relay.url, String(seconds), '4'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    flooder.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    const done = new Promise<void>((resolve) => flooder.once('exit', () => resolve()));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const flooded = await samples(relay.url, n, sk, n);
    await done;
    const sent = out.length > 0 ? (JSON.parse(out) as { sent: number }).sent : 0;
    return { idle, flooded, flooderSent: sent };
  } finally {
    await relay.close();
    store.close();
  }
}
