/**
 * The PouchDB baseline: the same records as documents (_id = event id) in two PouchDB
 * databases with the memory adapter; B is served by express-pouchdb over real HTTP on
 * loopback, A replicates with it both ways (PouchDB.sync, default options) through our
 * counting proxy. Fresh databases each run: no shared checkpoint, as two replicas that never
 * met. Documents are loaded with bulkDocs and new_edits: false (the same revision on both
 * sides, as if written once and copied), which is how a replica restored from a dump looks.
 */
import http from 'node:http';
import { createRequire } from 'node:module';
import type { VerifiedEvent } from '../../src/core/event.ts';
import { portOf, startProxy, type Counts } from './proxy.ts';

/** The little of PouchDB's API the bench uses (the packages ship no types). */
interface PouchDatabase {
  bulkDocs(docs: object[], opts: { new_edits: boolean }): Promise<unknown[]>;
  info(): Promise<{ doc_count: number }>;
  allDocs(): Promise<{ rows: { id: string }[] }>;
  destroy(): Promise<unknown>;
}
interface PouchReplicationResult {
  docs_written: number;
}
interface PouchStatic {
  new (name: string, opts?: object): PouchDatabase;
  plugin(p: unknown): PouchStatic;
  defaults(opts: object): PouchStatic;
  sync(a: PouchDatabase, b: PouchDatabase, opts?: object): Promise<{ push: PouchReplicationResult; pull: PouchReplicationResult }>;
}

const require = createRequire(import.meta.url);
const PouchDB = (require('pouchdb-core') as PouchStatic)
  .plugin(require('pouchdb-adapter-memory'))
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-replication'));
const MemoryPouch = PouchDB.defaults({ adapter: 'memory' });
const expressPouchDB = require('express-pouchdb') as (pouch: PouchStatic, opts: object) => http.RequestListener;

export function toDoc(e: VerifiedEvent): object {
  const { id, ...rest } = e;
  // A revision of the form "1-<hash>"; the same on both sides for the same record.
  return { _id: id, _rev: `1-${id.slice(0, 32)}`, ...rest };
}

let dbSeq = 0;

async function load(name: string, events: readonly VerifiedEvent[], onProgress: (done: number) => void): Promise<PouchDatabase> {
  const db = new MemoryPouch(name);
  for (let i = 0; i < events.length; i += 2000) {
    await db.bulkDocs(events.slice(i, i + 2000).map(toDoc), { new_edits: false });
    onProgress(Math.min(events.length, i + 2000));
  }
  return db;
}

export interface PouchRun {
  wire: Counts;
  pushed: number;
  pulled: number;
  converged: boolean;
  loadMs: number;
  syncMs: number;
}

/** Loads the two replicas, serves B, syncs, checks both hold the same documents. */
export async function syncPouch(onA: readonly VerifiedEvent[], onB: readonly VerifiedEvent[], log: (msg: string) => void): Promise<PouchRun> {
  const t0 = performance.now();
  const run = dbSeq++;
  const step = Math.max(2000, Math.ceil(onA.length / 5 / 2000) * 2000);
  const progress = (side: string, total: number) => (done: number) => {
    if (done % step === 0 || done === total) log(`    PouchDB ${side}: ${done}/${total} documents loaded`);
  };
  const a = await load(`bench-a-${run}`, onA, progress('A', onA.length));
  const b = await load(`bench-b-${run}`, onB, progress('B', onB.length));
  const loadMs = performance.now() - t0;
  const server = http.createServer(expressPouchDB(MemoryPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: '/dev/null' }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy = await startProxy(portOf(server));
  try {
    const remote = new PouchDB(`${proxy.url('http')}/bench-b-${run}`);
    const t1 = performance.now();
    const result = await PouchDB.sync(a, remote);
    const syncMs = performance.now() - t1;
    const wire = proxy.counts();
    const ids = async (db: PouchDatabase) => (await db.allDocs()).rows.map((r) => r.id).join(',');
    const converged = (await ids(a)) === (await ids(b));
    return { wire, pushed: result.push.docs_written, pulled: result.pull.docs_written, converged, loadMs, syncMs };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await proxy.close();
    await a.destroy();
    await b.destroy();
  }
}
