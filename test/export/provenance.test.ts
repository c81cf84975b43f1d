/**
 * The provenance log (src/store/provenance.ts): in the node's own database file, encrypted with
 * it; the first receipt wins; only records actually stored are noted; an in-memory store gets an
 * in-memory log; a record published to the node's relay over a real WebSocket is noted; hostile
 * `via` texts are kept cleaned, never refused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import WebSocket from 'ws';
import fc from 'fast-check';
import { Kind } from '../../src/core/kinds.ts';
import { signEvent } from '../../src/core/event.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { attachProvenance, MAX_VIA_LENGTH, MemoryProvenance, provenanceOf, receivingStore, SqliteProvenance } from '../../src/store/provenance.ts';
import { startNode } from '../../src/node/node.ts';
import { newKey, record } from '../helpers/records.ts';

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'keruen-prov-')), 'keruen.db');

test('the log lives in the store file, encrypted with the same key, and keeps the first receipt', () => {
  const path = tempDb();
  const key = randomBytes(32);
  const sk = newKey();
  const a = record(sk, Kind.PersonOfConcern, { lang: 'en', name: 'A' });
  const store = attachProvenance(SqliteStore.open(path, { key }), SqliteProvenance.open(path, { key }));
  const receiving = receivingStore(store, 'bundle:' + 'b'.repeat(64));
  assert.equal(receiving.put(a).status, 'stored');
  // Again, from somewhere else: already here, so the first receipt stays.
  assert.equal(receivingStore(store, 'sync:ws://elsewhere').put(a).status, 'duplicate');
  provenanceOf(store)!.record([a.id], 'local');
  provenanceOf(store)!.close();
  store.close();
  assert.ok(!readFileSync(path).includes(Buffer.from('bundle:')), 'nothing in clear in the file');

  const again = SqliteProvenance.open(path, { key });
  const receipt = again.get(a.id);
  assert.equal(receipt?.via, 'bundle:' + 'b'.repeat(64));
  assert.ok(Math.abs(receipt!.receivedAt - Date.now() / 1000) < 3600, 'received at this clock');
  assert.equal(again.get('f'.repeat(64)), undefined, 'a record never received: no receipt');
  again.close();
  assert.throws(() => SqliteProvenance.open(path, { key: randomBytes(32) }).get(a.id), 'another key does not open it');
});

test('only records actually stored are noted; a MemoryStore gets its own in-memory log', () => {
  const sk = newKey();
  const store = new MemoryStore();
  const log = provenanceOf(store);
  assert.ok(log instanceof MemoryProvenance);
  const person = record(sk, Kind.PersonOfConcern, { lang: 'en', name: 'B' });
  const receiving = receivingStore(store, 'import:' + 'a'.repeat(64));
  assert.deepEqual(receiving.putMany([person, person]).map((o) => o.status), ['stored', 'duplicate']);
  assert.equal(log!.get(person.id)?.via, 'import:' + 'a'.repeat(64));
  // A record its author asked to delete (NIP-09) is refused by the store, so never noted.
  const deleted = record(sk, Kind.PersonOfConcern, { lang: 'en', name: 'C' });
  store.put(signEvent({ kind: Kind.Deletion, created_at: 1_641_600_100, tags: [['e', deleted.id]], content: '' }, sk));
  assert.equal(receiving.put(deleted).status, 'superseded');
  assert.equal(log!.get(deleted.id), undefined);
  // A store with no log is left as it is.
  const bare = SqliteStore.open(':memory:');
  assert.equal(receivingStore(bare, 'local'), bare);
  bare.close();
});

test("a record published to the node's relay over a WebSocket is noted as received by the relay", async () => {
  const store = new MemoryStore();
  const node = await startNode({ store, port: 0, mdns: false });
  try {
    const ev = record(newKey(), Kind.Testimony, { lang: 'en', text: 'We saw it.', witness: { description: 'a nurse', firsthand: true } });
    const ws = new WebSocket(node.relayUrl);
    await once(ws, 'open');
    ws.send(JSON.stringify(['EVENT', ev]));
    for (;;) {
      const [data] = (await once(ws, 'message')) as [Buffer];
      const msg = JSON.parse(data.toString()) as unknown[];
      if (msg[0] === 'OK') {
        assert.equal(msg[2], true, String(msg[3]));
        break;
      }
    }
    ws.close();
    assert.equal(provenanceOf(store)!.get(ev.id)!.via, 'relay:127.0.0.1', "the sender's address is recorded");
  } finally {
    await node.close();
  }
});

test('hostile via texts are kept cleaned and cut, never refused', () => {
  const log = SqliteProvenance.open(':memory:');
  const mem = new MemoryProvenance();
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), fc.stringMatching(/^[0-9a-f]{64}$/), (via, id) => {
      for (const l of [log, mem]) {
        l.record([id], via);
        const r = l.get(id);
        assert.ok(r !== undefined);
        assert.ok(r.via.length <= MAX_VIA_LENGTH);
        assert.doesNotMatch(r.via, /[\u0000-\u001f\u007f]/, 'no control characters (the report prints it)');
      }
    }),
    { numRuns: 300 },
  );
  log.close();
});
