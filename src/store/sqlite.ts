/**
 * The embedded default store: one SQLite file (better-sqlite3's API), WAL, FTS5 search over
 * cross-script folded text. NIP-01/NIP-09 rules come from ./rules.ts, shared with MemoryStore.
 *
 * The driver is better-sqlite3-multiple-ciphers (SQLite3 Multiple Ciphers under better-sqlite3's
 * API): without a key the file is plain SQLite, as before; with one, every page, WAL frames and
 * the FTS index included, is encrypted in SQLCipher 4's format (AES-256-CBC, HMAC-SHA512 per
 * page). SQLCipher rather than sqleet because its format is the one other tools open (the
 * `sqlcipher` shell, DB Browser), so an archive can be recovered with its key without Keruen,
 * and every page is authenticated.
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { trustStored, type VerifiedEvent } from '../core/event.ts';
import { FOLD_VERSION } from '../core/fold.ts';
import { KeruenError } from '../core/errors.ts';
import { Kind } from '../core/kinds.ts';
import { compileFilter } from './filter.ts';
import {
  addressOf,
  compareNewestFirst,
  DEFAULT_SEARCH_LIMIT,
  DELETED_REASON,
  deletionTargets,
  filterLimit,
  indexText,
  isEphemeral,
  isNewer,
  isPrefixTerm,
  OLDER_REASON,
  searchTerms,
} from './rules.ts';
import { migrate, SEARCH_TABLE } from './sqlite-schema.ts';
import type { EventStore, Filter, PutOutcome, SearchHit, SearchOptions } from './types.ts';

export interface SqliteStoreOptions {
  /** Milliseconds to wait for another connection's write lock before failing. */
  busyTimeoutMs?: number;
  readonly?: boolean;
  /** 32-byte raw key (lock.ts derives it from the data key): the file is encrypted. */
  key?: Uint8Array;
}

/**
 * Sets the page cipher and raw key before anything is read (PRAGMA key with x'...' skips
 * SQLCipher's own PBKDF2: the key is already derived). A wrong key shows on the first read.
 */
function applyKey(db: Database.Database, key: Uint8Array, path: string): void {
  if (key.length !== 32) throw new KeruenError('internal', 'a store key is 32 bytes');
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${Buffer.from(key).toString('hex')}'"`);
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    db.close();
    throw new KeruenError('bad_passphrase', `the store ${path} does not open with this key (${(e as Error).message})`);
  }
  // Sorts, temporary indexes and the like stay in memory: no clear temporary files on disk.
  db.pragma('temp_store = MEMORY');
}

interface EventRow {
  seq: number;
  id: string;
  pubkey: string;
  created_at: number;
  kind: number;
  tags: string;
  content: string;
  sig: string;
}

const COLUMNS = 'seq, id, pubkey, created_at, kind, tags, content, sig';

function toEvent(row: EventRow): VerifiedEvent {
  const { id, pubkey, created_at, kind, content, sig } = row;
  return trustStored({ id, pubkey, created_at, kind, tags: JSON.parse(row.tags) as string[][], content, sig });
}

/** Splits "kind:pubkey:d" (d may itself contain colons). */
function parseAddress(address: string): { kind: number; pubkey: string; d: string } {
  const a = address.indexOf(':');
  const b = address.indexOf(':', a + 1);
  return { kind: Number(address.slice(0, a)), pubkey: address.slice(a + 1, b), d: address.slice(b + 1) };
}

/** FTS5 query: every term quoted (so no input is read as syntax), AND-ed, the last one a prefix. */
function ftsQuery(terms: readonly string[]): string {
  return terms.map((t, i) => `"${t.replace(/"/g, '""')}"${isPrefixTerm(terms, i) ? '*' : ''}`).join(' ');
}

/**
 * bm25 ranks only the most recently stored matches, this many at most. FTS5 has no top-k:
 * ORDER BY rank scores every match, and a name that half the records mention (Almaty)
 * would cost ~50,000 scorings at 100,000 records. Walking the index newest first and
 * stopping here bounds the cost; for rarer terms (the usual case) the ranking is exact.
 */
export const RANK_WINDOW = 4000;

export class SqliteStore implements EventStore {
  readonly #db: Database.Database;
  readonly #stmts: ReturnType<typeof prepare>;
  readonly #queryCache = new Map<string, Database.Statement>();

  private constructor(db: Database.Database) {
    this.#db = db;
    this.#stmts = prepare(db);
  }

  /** Opens (creating if needed) a store file; ':memory:' gives a private in-memory database. */
  static open(path: string, opts: SqliteStoreOptions = {}): SqliteStore {
    if (path !== ':memory:' && !opts.readonly) mkdirSync(dirname(path), { recursive: true });
    let db: Database.Database;
    try {
      db = new Database(path, { readonly: opts.readonly ?? false });
    } catch (e) {
      throw new KeruenError('io', `cannot open store ${path}: ${(e as Error).message}`);
    }
    if (opts.key !== undefined) applyKey(db, opts.key, path);
    db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 5000}`);
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      // FULL, not NORMAL: in WAL mode NORMAL survives a killed process but may lose the last
      // commits on power loss or an OS crash; a put that returned must survive both.
      // Bulk paths batch many events per transaction, so the fsync per commit is amortised.
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = OFF');
      migrate(db);
    }
    const store = new SqliteStore(db);
    if (!opts.readonly) store.#checkFoldVersion();
    return store;
  }

  /** Rebuilds the search index when it was built with other folding rules. */
  #checkFoldVersion(): void {
    const row = this.#db.prepare("SELECT value FROM meta WHERE key = 'fold_version'").get() as { value: string } | undefined;
    if (row?.value === String(FOLD_VERSION)) return;
    this.#db.transaction(() => {
      this.#db.exec('DROP TABLE IF EXISTS search');
      this.#db.exec(SEARCH_TABLE);
      const insert = this.#db.prepare('INSERT INTO search (rowid, body) VALUES (?, ?)');
      // Pages, not one cursor: better-sqlite3 cannot write while a statement is iterating.
      const page = this.#db.prepare('SELECT seq, tags, content FROM events WHERE seq > ? ORDER BY seq LIMIT 1000');
      for (let after = 0; ; ) {
        const rows = page.all(after) as { seq: number; tags: string; content: string }[];
        if (rows.length === 0) break;
        for (const row of rows) {
          const body = indexText({ content: row.content, tags: JSON.parse(row.tags) as string[][] });
          if (body.length > 0) insert.run(row.seq, body);
        }
        after = rows[rows.length - 1]!.seq;
      }
      this.#db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('fold_version', ?)").run(String(FOLD_VERSION));
    })();
  }

  put(event: VerifiedEvent): PutOutcome {
    return this.#db.transaction(() => this.#put(event))();
  }

  putMany(events: readonly VerifiedEvent[]): PutOutcome[] {
    return this.#db.transaction(() => events.map((e) => this.#put(e)))();
  }

  #put(event: VerifiedEvent): PutOutcome {
    const s = this.#stmts;
    if (s.exists.get(event.id) !== undefined) return { status: 'duplicate' };
    if (isEphemeral(event.kind)) return { status: 'superseded', reason: 'ephemeral: kinds 20000-29999 are not stored (NIP-01)' };
    if (event.kind !== Kind.Deletion && s.deletedId.get(event.id, event.pubkey) !== undefined) {
      return { status: 'superseded', reason: DELETED_REASON };
    }
    const address = addressOf(event);
    let dTag: string | null = null;
    if (address !== undefined) {
      dTag = parseAddress(address).d;
      const deletedAt = (s.deletedAddress.get(address, event.pubkey) as { at: number | null }).at;
      if (deletedAt !== null && event.created_at <= deletedAt) return { status: 'superseded', reason: DELETED_REASON };
      const current = s.slot.get(event.pubkey, event.kind, dTag) as { seq: number; id: string; created_at: number } | undefined;
      if (current !== undefined) {
        if (!isNewer(event, current)) return { status: 'superseded', reason: OLDER_REASON };
        this.#remove(current.seq);
      }
    }
    const seq = Number(
      s.insert.run(event.id, event.pubkey, event.created_at, event.kind, JSON.stringify(event.tags), event.content, event.sig, dTag).lastInsertRowid,
    );
    for (const t of event.tags) {
      const [name, value] = t;
      if (name !== undefined && name.length === 1 && value !== undefined) s.insertTag.run(name, value, seq);
    }
    const body = indexText(event);
    if (body.length > 0) s.insertSearch.run(seq, body);
    if (event.kind === Kind.Deletion) this.#applyDeletion(event);
    return { status: 'stored' };
  }

  /** NIP-09: only the deleter's own events go; deletion requests themselves cannot be deleted. */
  #applyDeletion(deletion: VerifiedEvent): void {
    const s = this.#stmts;
    const { ids, addresses } = deletionTargets(deletion);
    for (const id of ids) {
      s.insertDeletion.run(id, deletion.pubkey, deletion.created_at, deletion.id);
      const target = s.byId.get(id) as EventRow | undefined;
      if (target && target.pubkey === deletion.pubkey && target.kind !== Kind.Deletion) this.#remove(target.seq);
    }
    for (const address of addresses) {
      s.insertDeletion.run(address, deletion.pubkey, deletion.created_at, deletion.id);
      const { kind, pubkey, d } = parseAddress(address);
      const target = s.slot.get(pubkey, kind, d) as { seq: number; created_at: number } | undefined;
      if (target && target.created_at <= deletion.created_at) this.#remove(target.seq);
    }
  }

  #remove(seq: number): void {
    this.#stmts.deleteTags.run(seq);
    this.#stmts.deleteSearch.run(seq);
    this.#stmts.deleteEvent.run(seq);
  }

  get(id: string): VerifiedEvent | undefined {
    const row = this.#stmts.byId.get(id) as EventRow | undefined;
    return row && toEvent(row);
  }

  #statement(sql: string): Database.Statement {
    let stmt = this.#queryCache.get(sql);
    if (stmt === undefined) {
      stmt = this.#db.prepare(sql);
      this.#queryCache.set(sql, stmt);
    }
    return stmt;
  }

  query(filters: readonly Filter[]): VerifiedEvent[] {
    const found = new Map<string, VerifiedEvent>();
    for (const filter of filters) {
      const limit = filterLimit(filter);
      if (limit === 0) continue;
      const { where, params } = compileFilter(filter);
      const sql = `SELECT ${COLUMNS} FROM events WHERE ${where} ORDER BY created_at DESC, id ASC LIMIT ?`;
      for (const row of this.#statement(sql).all(...params, limit === Infinity ? -1 : limit) as EventRow[]) {
        if (!found.has(row.id)) found.set(row.id, toEvent(row));
      }
    }
    return [...found.values()].sort(compareNewestFirst);
  }

  /** Negentropy's items: (created_at, id) of every match, read from the index without loading events. */
  syncItems(filter: Filter): { created_at: number; id: string }[] {
    const { where, params } = compileFilter(filter);
    return this.#statement(`SELECT created_at, id FROM events WHERE ${where} ORDER BY created_at ASC, id ASC`).all(...params) as { created_at: number; id: string }[];
  }

  count(filters: readonly Filter[]): number {
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const filter of filters) {
      const limit = filterLimit(filter);
      if (limit === 0) continue;
      const c = compileFilter(filter);
      parts.push(`SELECT * FROM (SELECT seq FROM events WHERE ${c.where} ORDER BY created_at DESC, id ASC LIMIT ?)`);
      params.push(...c.params, limit === Infinity ? -1 : limit);
    }
    if (parts.length === 0) return 0;
    const row = this.#statement(`SELECT COUNT(*) AS n FROM (${parts.join(' UNION ')})`).get(...params) as { n: number };
    return row.n;
  }

  search(text: string, opts: SearchOptions = {}): SearchHit[] {
    const terms = searchTerms(text);
    const limit = Math.max(0, opts.limit ?? DEFAULT_SEARCH_LIMIT);
    if (terms.length === 0 || limit === 0) return [];
    const kinds = opts.kinds;
    if (kinds !== undefined && kinds.length === 0) return [];
    const sql = `WITH w AS MATERIALIZED (
        SELECT s.rowid AS seq, s.rank AS rank FROM search s${kinds ? ' JOIN events k ON k.seq = s.rowid' : ''}
        WHERE search MATCH ?${kinds ? ' AND k.kind IN (SELECT value FROM json_each(?))' : ''}
        ORDER BY s.rowid DESC LIMIT ${RANK_WINDOW})
      SELECT e.seq, e.id, e.pubkey, e.created_at, e.kind, e.tags, e.content, e.sig, w.rank AS rank
      FROM w JOIN events e ON e.seq = w.seq ORDER BY w.rank, e.seq DESC LIMIT ?`;
    const params: unknown[] = [ftsQuery(terms)];
    if (kinds) params.push(JSON.stringify(kinds));
    const rows = this.#statement(sql).all(...params, limit) as (EventRow & { rank: number })[];
    return rows.map((r) => ({ event: toEvent(r), rank: r.rank }));
  }

  /** Keyset pagination on (created_at, id): stable under concurrent inserts, no OFFSET rescans. */
  *iterate(batchSize = 500): Iterable<VerifiedEvent> {
    const stmt = this.#stmts.page;
    let after: [number, string] = [-1, ''];
    for (;;) {
      const rows = stmt.all(after[0], after[1], batchSize) as EventRow[];
      for (const row of rows) yield toEvent(row);
      const last = rows[rows.length - 1];
      if (last === undefined || rows.length < batchSize) return;
      after = [last.created_at, last.id];
    }
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}

function prepare(db: Database.Database) {
  return {
    exists: db.prepare('SELECT 1 FROM events WHERE id = ?').pluck(),
    byId: db.prepare(`SELECT ${COLUMNS} FROM events WHERE id = ?`),
    slot: db.prepare('SELECT seq, id, created_at FROM events WHERE pubkey = ? AND kind = ? AND d_tag = ?'),
    deletedId: db.prepare('SELECT 1 FROM deletions WHERE target = ? AND pubkey = ? LIMIT 1').pluck(),
    deletedAddress: db.prepare('SELECT MAX(deleted_at) AS at FROM deletions WHERE target = ? AND pubkey = ?'),
    insert: db.prepare('INSERT INTO events (id, pubkey, created_at, kind, tags, content, sig, d_tag) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    insertTag: db.prepare('INSERT OR IGNORE INTO tags (name, value, event_seq) VALUES (?, ?, ?)'),
    insertSearch: db.prepare('INSERT INTO search (rowid, body) VALUES (?, ?)'),
    insertDeletion: db.prepare('INSERT OR IGNORE INTO deletions (target, pubkey, deleted_at, deletion_id) VALUES (?, ?, ?, ?)'),
    deleteTags: db.prepare('DELETE FROM tags WHERE event_seq = ?'),
    deleteSearch: db.prepare('DELETE FROM search WHERE rowid = ?'),
    deleteEvent: db.prepare('DELETE FROM events WHERE seq = ?'),
    page: db.prepare(`SELECT ${COLUMNS} FROM events WHERE (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?`),
  };
}
