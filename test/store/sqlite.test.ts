/** SqliteStore: the shared acceptance suite, then SQLite-only guarantees: disk, a killed writer, a folding change. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { author, testimony } from './helpers.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { runStoreAcceptance } from './acceptance.ts';

runStoreAcceptance('SqliteStore', () => SqliteStore.open(':memory:'));

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'keruen-store-'));
}

void test('data survives close and reopen', () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'nested', 'keruen.db');
    const alice = author();
    const events = [testimony(alice, 'Zhanaozen oil workers'), alice.sign(0, 5, [], '{"name":"alice"}')];
    const a = SqliteStore.open(path);
    a.putMany(events);
    a.close();
    const b = SqliteStore.open(path);
    assert.deepEqual(b.get(events[0]!.id), events[0]);
    assert.equal(b.count([{}]), 2);
    assert.equal(b.search('Жанаозен').length, 1);
    b.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('the search index is rebuilt when the folding version changes', () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'keruen.db');
    const s = SqliteStore.open(path);
    s.put(testimony(author(), 'Tokaïev spoke of terrorists'));
    s.close();
    // Simulate an index built by other folding rules: wrong version, empty index.
    const db = new Database(path);
    db.exec("UPDATE meta SET value = '0' WHERE key = 'fold_version'; DELETE FROM search;");
    db.close();
    const t = SqliteStore.open(path);
    assert.equal(t.search('Токаев').length, 1);
    t.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

void test('a writer killed with SIGKILL loses no acknowledged event', async () => {
  const dir = tempDir();
  try {
    const path = join(dir, 'keruen.db');
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'writer.ts'), path], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acked: string[] = [];
    let buffer = '';
    let finished = false;
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', () => resolve());
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        buffer += chunk;
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
          if (/^[0-9a-f]{64}$/.test(line)) acked.push(line);
          if (line === 'done') finished = true;
        }
        if (acked.length >= 120 && child.exitCode === null && !child.killed) child.kill('SIGKILL');
      });
    });
    assert.ok(!finished, 'the writer was killed mid-stream');
    assert.ok(acked.length >= 120);
    const store = SqliteStore.open(path);
    const missing = acked.filter((id) => store.get(id) === undefined);
    assert.deepEqual(missing, []);
    store.close();
    const db = new Database(path, { readonly: true });
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
