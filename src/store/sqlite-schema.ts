/**
 * On-disk layout of the SQLite store. `PRAGMA user_version` is the schema version;
 * the search index's folding version lives in `meta` because the index must be rebuilt
 * when the folding rules change (src/core/fold.ts), independently of the schema.
 */
import type Database from 'better-sqlite3';
import { KeruenError } from '../core/errors.ts';

export const SCHEMA_VERSION = 1;

const SCHEMA_V1 = `
CREATE TABLE events (
  -- seq is the join key for tags and the search index (an integer is smaller than a hex id).
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  pubkey TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  kind INTEGER NOT NULL,
  tags TEXT NOT NULL,
  content TEXT NOT NULL,
  sig TEXT NOT NULL,
  -- NULL for regular kinds; '' for replaceable kinds; the d tag for addressable kinds.
  d_tag TEXT
);
CREATE INDEX events_time ON events (created_at DESC, id);
CREATE INDEX events_pubkey ON events (pubkey, created_at DESC);
CREATE INDEX events_kind ON events (kind, created_at DESC);
-- At most one stored version per replaceable/addressable slot (NIP-01).
CREATE UNIQUE INDEX events_slot ON events (pubkey, kind, d_tag) WHERE d_tag IS NOT NULL;

-- Single-letter tags, for #x filters.
CREATE TABLE tags (
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  event_seq INTEGER NOT NULL,
  PRIMARY KEY (name, value, event_seq)
) WITHOUT ROWID;
CREATE INDEX tags_event ON tags (event_seq);

-- NIP-09 deletion requests, kept after the target is gone so that a deleted event arriving
-- later (from a peer that has not seen the deletion) is refused.
-- target: an event id (from an "e" tag) or an address "kind:pubkey:d" (from an "a" tag).
CREATE TABLE deletions (
  target TEXT NOT NULL,
  pubkey TEXT NOT NULL,
  deleted_at INTEGER NOT NULL,
  deletion_id TEXT NOT NULL,
  PRIMARY KEY (target, pubkey, deletion_id)
) WITHOUT ROWID;

CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
`;

/** Contentless: the folded text is only needed to find rowids; the events table holds the record. */
export const SEARCH_TABLE = `
CREATE VIRTUAL TABLE search USING fts5(
  body,
  tokenize = 'unicode61 remove_diacritics 2',
  content = '',
  contentless_delete = 1
)`;

export function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new KeruenError('io', `store schema version ${version} is newer than this program (${SCHEMA_VERSION}); upgrade Keruen`);
  }
  if (version === SCHEMA_VERSION) return;
  db.transaction(() => {
    db.exec(SCHEMA_V1);
    db.exec(SEARCH_TABLE);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
