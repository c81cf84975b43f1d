/**
 * Provenance: when, and from where, this node first received each record, so that a chain of
 * custody can be told (src/export/custody). A side table next to the store, never part of the
 * EventStore interface: the store answers "what is signed", this log "how it came here".
 *
 * `via` says where a record came from:
 *   local                 made and signed on this node (`keruen add`)
 *   import:<sha256>       `keruen import` of a JSONL file with that hash
 *   bundle:<sha256>       `keruen bundle import` of a bundle file with that hash
 *   sync:<relay url>      pulled from that relay by a sync
 *   relay:<address>       published to this node's relay by a client at that address
 * Only the first receipt is kept: a record that arrives again later was already here.
 * Records stored before this log existed have no entry ("not recorded" in the report).
 *
 * The SQLite log lives in the node's own database file (its own table, `provenance`), opened
 * by a second connection with the same key, so it is encrypted and wiped with the store.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { createReadStream } from 'node:fs';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { KeruenError } from '../core/errors.ts';
import type { VerifiedEvent } from '../core/event.ts';
import { MemoryStore } from './memory.ts';
import type { EventStore, PutOutcome } from './types.ts';

export interface Receipt {
  id: string;
  /** Unix seconds, this node's clock. */
  receivedAt: number;
  via: string;
}

export interface ProvenanceLog {
  /** Notes the first receipt of each id; ids already noted keep their first receipt. */
  record(ids: readonly string[], via: string, at?: number): void;
  get(id: string): Receipt | undefined;
  close(): void;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Longest `via` kept: a relay url or an address is short; anything longer is cut, not refused. */
export const MAX_VIA_LENGTH = 512;

const cleanVia = (via: string) => via.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, MAX_VIA_LENGTH);

export class MemoryProvenance implements ProvenanceLog {
  readonly #rows = new Map<string, Receipt>();

  record(ids: readonly string[], via: string, at = nowSeconds()): void {
    for (const id of ids) if (!this.#rows.has(id)) this.#rows.set(id, { id, receivedAt: at, via: cleanVia(via) });
  }

  get(id: string): Receipt | undefined {
    return this.#rows.get(id);
  }

  close(): void {}
}

const TABLE = `CREATE TABLE IF NOT EXISTS provenance (
  id TEXT PRIMARY KEY,
  received_at INTEGER NOT NULL,
  via TEXT NOT NULL
) WITHOUT ROWID`;

export class SqliteProvenance implements ProvenanceLog {
  readonly #db: Database.Database;
  readonly #insert: Database.Statement;
  readonly #get: Database.Statement;

  private constructor(db: Database.Database) {
    this.#db = db;
    db.exec(TABLE);
    this.#insert = db.prepare('INSERT OR IGNORE INTO provenance (id, received_at, via) VALUES (?, ?, ?)');
    this.#get = db.prepare('SELECT id, received_at, via FROM provenance WHERE id = ?');
  }

  /** Opens the log in the store's database file; `key` as the store's (SQLCipher raw key). */
  static open(path: string, opts: { key?: Uint8Array } = {}): SqliteProvenance {
    let db: Database.Database;
    try {
      db = new Database(path);
      if (opts.key !== undefined) {
        db.pragma("cipher = 'sqlcipher'");
        db.pragma('legacy = 4');
        db.pragma(`key = "x'${Buffer.from(opts.key).toString('hex')}'"`);
        db.pragma('temp_store = MEMORY');
      }
      db.pragma('busy_timeout = 5000');
      return new SqliteProvenance(db);
    } catch (e) {
      throw new KeruenError('io', `cannot open the provenance log in ${path}: ${(e as Error).message}`);
    }
  }

  record(ids: readonly string[], via: string, at = nowSeconds()): void {
    const v = cleanVia(via);
    this.#db.transaction(() => {
      for (const id of ids) this.#insert.run(id, at, v);
    })();
  }

  get(id: string): Receipt | undefined {
    const row = this.#get.get(id) as { id: string; received_at: number; via: string } | undefined;
    return row && { id: row.id, receivedAt: row.received_at, via: row.via };
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}

/**
 * Which log belongs to which store. The store is opened in one place (the CLI context, a node,
 * a test) and records arrive in others (import, sync, bundles, the relay): they find the log
 * through the store they write to, so no signature in between has to change.
 */
const logs = new WeakMap<EventStore, ProvenanceLog>();

export function attachProvenance<S extends EventStore>(store: S, log: ProvenanceLog): S {
  logs.set(store, log);
  return store;
}

/** The store's log; a MemoryStore gets an in-memory one on first use; otherwise undefined. */
export function provenanceOf(store: EventStore): ProvenanceLog | undefined {
  let log = logs.get(store);
  if (log === undefined && store instanceof MemoryStore) {
    log = new MemoryProvenance();
    logs.set(store, log);
  }
  return log;
}

/** Notes receipt of records just stored (no-op when the store has no log). */
export function noteReceived(store: EventStore, ids: readonly string[], via: string): void {
  if (ids.length > 0) provenanceOf(store)?.record(ids, via);
}

/** The same store, telling `onStored` the ids of the records it stored (outcome `stored`). */
export function storeNoting(store: EventStore, onStored: (ids: string[]) => void): EventStore {
  const note = (events: readonly VerifiedEvent[], outcomes: readonly PutOutcome[]) => {
    const ids = events.filter((_, i) => outcomes[i]?.status === 'stored').map((e) => e.id);
    if (ids.length > 0) onStored(ids);
  };
  return {
    put(event) {
      const outcome = store.put(event);
      note([event], [outcome]);
      return outcome;
    },
    putMany(events) {
      const outcomes = store.putMany(events);
      note(events, outcomes);
      return outcomes;
    },
    get: (id) => store.get(id),
    query: (filters) => store.query(filters),
    count: (filters) => store.count(filters),
    search: (text, opts) => store.search(text, opts),
    iterate: (batchSize) => store.iterate(batchSize),
    close: () => store.close(),
  };
}

/**
 * The same store, noting the first receipt of every record it stores as coming `via`.
 * Duplicates and superseded records are not noted: they were here already, or are not kept.
 */
export function receivingStore(store: EventStore, via: string): EventStore {
  const log = provenanceOf(store);
  return log === undefined ? store : storeNoting(store, (ids) => log.record(ids, via));
}

/**
 * For inputs whose name is known only at the end (a file's hash, computed while it is read):
 * the ids stored meanwhile are kept, and `done(via)` notes them all.
 */
export function deferredReceipts(store: EventStore): { store: EventStore; done(via: string): void } {
  const log = provenanceOf(store);
  if (log === undefined) return { store, done: () => undefined };
  const ids: string[] = [];
  return { store: storeNoting(store, (stored) => ids.push(...stored)), done: (via) => log.record(ids, via) };
}

/** A file's sha256 (hex), read in chunks: what names an import or a bundle in `via`. */
export async function fileSha256(path: string): Promise<string> {
  const hash = sha256.create();
  try {
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
  } catch (e) {
    throw new KeruenError('io', `cannot read ${path}: ${(e as Error).message}`);
  }
  return bytesToHex(hash.digest());
}
