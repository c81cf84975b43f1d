/**
 * The store with a key: the file, its WAL and the search index hold no plaintext; the right key
 * reopens it, a wrong key or no key is a clear error that changes nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Kind } from '../../src/core/kinds.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { newKey, record } from '../helpers/records.ts';

test('an encrypted store file, WAL included, holds no plaintext and reopens only with its key', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keruen-enc-store-'));
  const path = join(dir, 'keruen.db');
  const key = new Uint8Array(randomBytes(32));
  const sk = newKey();
  const events = Array.from({ length: 200 }, (_, i) =>
    record(sk, Kind.Testimony, { lang: 'ru', text: `Бронетранспортёр Qarasorbet ${i} у моста Жетыжол`, witness: { description: 'a nurse', firsthand: true } }, [], 1_641_340_800 + i),
  );
  const store = SqliteStore.open(path, { key });
  store.putMany(events);
  assert.equal(store.search('Qarasorbet').length > 0, true);
  // Still open: the last commits are in the WAL.
  assert.ok(existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 0, 'a WAL file with content');
  for (const f of [path, `${path}-wal`]) {
    const bytes = readFileSync(f);
    for (const needle of ['Qarasorbet', 'qarasorbet', 'Жетыжол', 'zhetyzhol', events[0]!.pubkey, events[0]!.id, 'SQLite format 3', 'CREATE TABLE']) {
      assert.equal(bytes.indexOf(needle), -1, `${needle} in ${f}`);
    }
  }
  store.close();

  const again = SqliteStore.open(path, { key });
  assert.equal(again.count([{}]), 200);
  assert.equal(again.search('Жетыжол').length > 0, true);
  again.close();

  const before = readFileSync(path);
  assert.throws(() => SqliteStore.open(path, { key: new Uint8Array(randomBytes(32)) }), (e: Error & { code?: string }) => e.code === 'bad_passphrase' && /does not open with this key/.test(e.message));
  assert.throws(() => SqliteStore.open(path), (e: Error & { code?: string }) => e.code !== undefined);
  assert.deepEqual(readFileSync(path), before);
});

test('a plain store is unchanged by the driver switch (no key: an ordinary SQLite file)', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'keruen-plain-store-')), 'keruen.db');
  const store = SqliteStore.open(path);
  store.put(record(newKey(), Kind.Testimony, { lang: 'en', text: 'plain words', witness: { description: 'a driver', firsthand: true } }));
  store.close();
  assert.equal(readFileSync(path).subarray(0, 15).toString('latin1'), 'SQLite format 3');
});
