import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateSecretKey } from 'nostr-tools/pure';
import { signEvent } from '../../src/core/event.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import { syncItemsFor } from '../../src/store/sync-items.ts';

test('SQLite lists sync items from its index, the same set as the generic path', () => {
  const sk = generateSecretKey();
  const sqlite = SqliteStore.open(':memory:');
  const memory = new MemoryStore();
  for (let i = 0; i < 60; i++) {
    const e = signEvent({ kind: i % 2 === 0 ? 1 : 7, created_at: 1_700_000_000 + (i % 7), tags: [['t', i % 3 === 0 ? 'a' : 'b']], content: `n${i}` }, sk);
    sqlite.put(e);
    memory.put(e);
  }
  for (const filter of [{}, { kinds: [1] }, { '#t': ['a'] }, { since: 1_700_000_003 }]) {
    const fast = syncItemsFor(sqlite, filter, 1000);
    const slow = syncItemsFor(memory, filter, 1000);
    const key = (x: { created_at: number; id: string }) => `${x.created_at}:${x.id}`;
    assert.deepEqual(fast.map(key).sort(), slow.map(key).sort(), JSON.stringify(filter));
  }
  assert.throws(() => syncItemsFor(sqlite, {}, 10), /too big/);
  sqlite.close();
});
