/**
 * Kill a node with SIGKILL at random moments while records flow into it, then check what a
 * seized-then-restarted or battery-dead device must show: the database opens, PRAGMA
 * integrity_check says ok, and no record the node acknowledged is missing.
 *
 * Three ways records flow in, taken in turn:
 * - publish: clients send EVENTs to `keruen start`; acknowledged = every OK true received;
 * - import:  `keruen import <file.jsonl>`; acknowledged = nothing until it prints its summary,
 *            so after the kill the import is run again and must complete the set;
 * - sync:    `keruen sync <relay> --pull`; same, a second sync must complete the set.
 * Used by `npm run crash-test` (200 kills) and by test/crash/crash.test.ts (20 in CI).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { generateSecretKey } from 'nostr-tools/pure';
import { Kind } from '../../src/core/kinds.ts';
import type { VerifiedEvent } from '../../src/core/event.ts';
import { startRelayServer } from '../../src/relay/server.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { record } from '../helpers/records.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'keruen.js');

export type CrashMode = 'publish' | 'import' | 'sync';

export interface CrashRun {
  mode: CrashMode;
  /** Milliseconds after the flow started that the kill came. */
  killAfterMs: number;
  /** Records the node acknowledged before it died (publish mode). */
  acknowledged: number;
  /** Records in the database right after the kill. */
  survived: number;
  integrity: string;
  /** Acknowledged but missing after the kill: must be empty. */
  lost: string[];
  /** After the interrupted import or sync was run again: records still missing (must be 0). */
  missingAfterRetry: number;
}

export interface CrashOptions {
  runs: number;
  /** Records offered per run. Default 3,000. */
  records?: number;
  /** Deterministic kill moments for a reproducible run. */
  seed?: number;
  onRun?: (run: CrashRun, index: number) => void;
}

/** Small, valid, distinct records: people of concern with a testimony-sized note. */
function makeRecords(n: number, salt: string): VerifiedEvent[] {
  const sk = generateSecretKey();
  return Array.from({ length: n }, (_, i) =>
    record(sk, Kind.PersonOfConcern, { lang: 'fr', name: `Personne ${salt}-${i}`, description: `Arrêté·e le 6 janvier à Almaty, place de la République (${i}).` }, [], 1_641_340_800 + i),
  );
}

/** A tiny seeded PRNG (mulberry32): the kill moments of a run can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function keruen(dataDir: string, args: string[]): ChildProcess {
  return spawn(process.execPath, [BIN, '--data', dataDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Resolves with the first stdout match of `re` (the node printing its relay address). */
function waitForLine(child: ChildProcess, re: RegExp): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.setEncoding('utf8').on('data', (c: string) => {
      out += c;
      const m = re.exec(out);
      if (m !== null) resolve(m);
    });
    child.stderr!.setEncoding('utf8').on('data', (c: string) => {
      err += c;
    });
    child.once('exit', (code) => reject(new Error(`the node exited (${code}) before it was ready: ${err.slice(0, 500)}`)));
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function inspect(dataDir: string, acked: readonly string[], all: readonly VerifiedEvent[]): { survived: number; integrity: string; lost: string[]; missing: number } {
  const path = join(dataDir, 'keruen.db');
  // Opening through the store runs its migrations and WAL recovery, as a restarted node would.
  const store = SqliteStore.open(path);
  const lost = acked.filter((id) => store.get(id) === undefined);
  const missing = all.filter((e) => store.get(e.id) === undefined).length;
  const survived = all.length - missing;
  store.close();
  const db = new Database(path, { readonly: true });
  const integrity = String(db.pragma('integrity_check', { simple: true }));
  db.close();
  return { survived, integrity, lost, missing };
}

async function publishRun(dataDir: string, events: VerifiedEvent[], killAfterMs: number): Promise<CrashRun> {
  const node = keruen(dataDir, ['start', '--port', '0']);
  const [, relayUrl] = await waitForLine(node, /relay: (ws:\/\/\S+)/);
  const acked: string[] = [];
  // Three clients, so the node is writing from several connections when it dies.
  const clients = await Promise.all(
    [0, 1, 2].map(
      () =>
        new Promise<WebSocket>((resolve, reject) => {
          const ws = new WebSocket(relayUrl!);
          ws.on('error', () => undefined);
          ws.once('open', () => resolve(ws));
          ws.once('error', reject);
        }),
    ),
  );
  for (const ws of clients) {
    ws.on('message', (data: WebSocket.RawData) => {
      const m = JSON.parse(String(data)) as unknown[];
      if (m[0] === 'OK' && m[2] === true) acked.push(m[1] as string);
    });
  }
  // Paced under the relay's rate limit (50 messages/s per connection) so nothing is refused.
  let killed = false;
  const sender = (async () => {
    for (let i = 0; i < events.length && !killed; i++) {
      const ws = clients[i % clients.length]!;
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(['EVENT', events[i]]));
      if (i % clients.length === clients.length - 1) await sleep(25);
    }
  })();
  await sleep(killAfterMs);
  node.kill('SIGKILL');
  killed = true;
  await exited(node);
  await sender;
  for (const ws of clients) ws.terminate();
  const ackedNow = [...acked];
  const r = inspect(dataDir, ackedNow, events);
  return { mode: 'publish', killAfterMs, acknowledged: ackedNow.length, survived: r.survived, integrity: r.integrity, lost: r.lost, missingAfterRetry: 0 };
}

async function importRun(dataDir: string, file: string, events: VerifiedEvent[], killAfterMs: number): Promise<CrashRun> {
  const child = keruen(dataDir, ['import', file]);
  child.stdout!.resume();
  child.stderr!.resume();
  await Promise.race([sleep(killAfterMs), exited(child)]);
  child.kill('SIGKILL');
  await exited(child);
  const r = inspect(dataDir, [], events);
  const again = keruen(dataDir, ['import', file]);
  again.stdout!.resume();
  again.stderr!.resume();
  await exited(again);
  const after = inspect(dataDir, [], events);
  return { mode: 'import', killAfterMs, acknowledged: 0, survived: r.survived, integrity: r.integrity === 'ok' ? after.integrity : r.integrity, lost: [], missingAfterRetry: after.missing };
}

async function syncRun(dataDir: string, relayUrl: string, events: VerifiedEvent[], killAfterMs: number): Promise<CrashRun> {
  const child = keruen(dataDir, ['sync', relayUrl, '--pull']);
  child.stdout!.resume();
  child.stderr!.resume();
  await Promise.race([sleep(killAfterMs), exited(child)]);
  child.kill('SIGKILL');
  await exited(child);
  const r = inspect(dataDir, [], events);
  const again = keruen(dataDir, ['sync', relayUrl, '--pull']);
  let said = '';
  again.stdout!.setEncoding('utf8').on('data', (c: string) => (said += c));
  again.stderr!.setEncoding('utf8').on('data', (c: string) => (said += c));
  const code = await exited(again);
  const after = inspect(dataDir, [], events);
  if (after.missing > 0) process.stderr.write(`sync retry exited ${code}: ${said.slice(-2000)}\n`);
  return { mode: 'sync', killAfterMs, acknowledged: 0, survived: r.survived, integrity: r.integrity === 'ok' ? after.integrity : r.integrity, lost: [], missingAfterRetry: after.missing };
}

/** Runs `opts.runs` kills, modes in turn; returns every run (the caller judges them). */
export async function runCrashTest(opts: CrashOptions): Promise<CrashRun[]> {
  const n = opts.records ?? 3_000;
  const random = prng(opts.seed ?? Date.now());
  const work = mkdtempSync(join(tmpdir(), 'keruen-crash-'));
  const events = makeRecords(n, 'crash');
  const file = join(work, 'records.jsonl');
  writeFileSync(file, `${events.map((e) => JSON.stringify(e)).join('\n')}\n`);
  const sourceStore = SqliteStore.open(':memory:');
  sourceStore.putMany(events);
  // The sync source allows bursts: the crash is the subject here, not the rate limit.
  const source = await startRelayServer({ store: sourceStore, keepaliveMs: 0 });
  const runs: CrashRun[] = [];
  try {
    // How long a whole import and a whole sync take here, so kills land from start-up to the end.
    const timed = async (args: string[]) => {
      const t0 = Date.now();
      const child = keruen(join(work, `calibrate-${args[0]}`), args);
      child.stdout!.resume();
      child.stderr!.resume();
      await exited(child);
      return Date.now() - t0;
    };
    const fullMs = { import: await timed(['import', file]), sync: await timed(['sync', source.url, '--pull']) };
    for (let i = 0; i < opts.runs; i++) {
      const mode: CrashMode = (['publish', 'import', 'sync'] as const)[i % 3]!;
      const dataDir = join(work, `node-${i}`);
      // Publishing is paced (120 records/s): kills in its first seconds suffice.
      const killAfterMs = Math.round(mode === 'publish' ? 100 + random() * 2_500 : (0.15 + random() * 0.85) * fullMs[mode]);
      const run = mode === 'publish' ? await publishRun(dataDir, events, killAfterMs) : mode === 'import' ? await importRun(dataDir, file, events, killAfterMs) : await syncRun(dataDir, source.url, events, killAfterMs);
      runs.push(run);
      opts.onRun?.(run, i);
      rmSync(dataDir, { recursive: true, force: true });
    }
  } finally {
    await source.close();
    sourceStore.close();
    rmSync(work, { recursive: true, force: true });
  }
  return runs;
}
