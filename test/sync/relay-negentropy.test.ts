/** NIP-77 over our real relay: nostr-tools' initiator on a raw WebSocket against the relay's responder. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { nip77 } from 'nostr-tools';
import { trustStored, type VerifiedEvent } from '../../src/core/event.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { RawClient, testRelay, type TestRelay } from '../relay/helpers.ts';

/**
 * Stand-in events: the store and the responder look only at created_at, id and the filter's
 * fields, so 10,000 of them need no signatures (signing would dominate the test's time).
 */
export function fakeEvent(createdAt: number, kind = 1): VerifiedEvent {
  return trustStored({ id: randomBytes(32).toString('hex'), pubkey: 'ab'.repeat(32), created_at: createdAt, kind, tags: [], content: '', sig: '00'.repeat(64) });
}

async function reconcileOver(client: RawClient, subId: string, filter: object, mine: VerifiedEvent[]) {
  const storage = new nip77.NegentropyStorageVector();
  for (const e of mine) storage.insert(e.created_at, e.id);
  storage.seal();
  const neg = new nip77.Negentropy(storage, 60_000);
  const have = new Set<string>();
  const need = new Set<string>();
  client.send(['NEG-OPEN', subId, filter, neg.initiate()]);
  let rounds = 1;
  for (;;) {
    const m = await client.next(10_000);
    assert.equal(m[0], 'NEG-MSG', `expected NEG-MSG, got ${JSON.stringify(m)}`);
    const next = neg.reconcile(m[2] as string, (id) => have.add(id), (id) => need.add(id));
    if (next === null) break;
    client.send(['NEG-MSG', subId, next]);
    rounds++;
  }
  client.send(['NEG-CLOSE', subId]);
  return { have, need, rounds };
}

function ids(events: VerifiedEvent[]): string[] {
  return events.map((e) => e.id).sort();
}

test('nostr-tools reconciles with our relay: 10,000 records, scattered differences both ways, filtered by kind', async () => {
  const store = SqliteStore.open(':memory:');
  const shared = Array.from({ length: 10_000 }, (_, i) => fakeEvent(1_641_000_000 + Math.floor(i / 3)));
  const onlyRelay = Array.from({ length: 60 }, (_, i) => fakeEvent(1_641_000_000 + i * 50));
  const onlyClient = Array.from({ length: 40 }, (_, i) => fakeEvent(1_641_000_001 + i * 77));
  const otherKind = Array.from({ length: 30 }, (_, i) => fakeEvent(1_641_000_000 + i, 7));
  store.putMany([...shared, ...onlyRelay, ...otherKind]);
  const relay: TestRelay = await testRelay({ store });
  const client = await RawClient.connect(relay.url);
  try {
    const r = await reconcileOver(client, 'sync', { kinds: [1] }, [...shared, ...onlyClient]);
    assert.deepEqual([...r.have].sort(), ids(onlyClient));
    assert.deepEqual([...r.need].sort(), ids(onlyRelay));
    assert.ok(r.rounds <= 4, `${r.rounds} round trips`);
    // Identical sets: one round trip; an empty client needs everything.
    assert.equal((await reconcileOver(client, 'same', { kinds: [7] }, otherKind)).rounds, 1);
    const empty = await reconcileOver(client, 'empty', { kinds: [7] }, []);
    assert.deepEqual([...empty.need].sort(), ids(otherKind));
  } finally {
    client.close();
    await relay.close();
  }
});

test('NEG-ERR: too many records, unknown reconciliation, bad hex, search filter; NIP-11 lists 77', async () => {
  const store = SqliteStore.open(':memory:');
  store.putMany(Array.from({ length: 50 }, (_, i) => fakeEvent(1000 + i)));
  const relay = await testRelay({ store, negentropy: { maxItems: 10, maxSessions: 1 } });
  const client = await RawClient.connect(relay.url);
  const empty = new nip77.NegentropyStorageVector();
  empty.seal();
  const first = new nip77.Negentropy(empty, 60_000).initiate();
  try {
    client.send(['NEG-OPEN', 'big', {}, first]);
    assert.deepEqual(await client.next(), ['NEG-ERR', 'big', 'blocked: this query is too big: 50 records, over the limit of 10; narrow it (kinds, since, until)']);
    client.send(['NEG-MSG', 'nope', '61']);
    assert.match(((await client.next()) as string[])[2]!, /^invalid: no open reconciliation "nope"/);
    client.send(['NEG-OPEN', 'hex', { since: 1045 }, 'zz']);
    assert.match(((await client.next()) as string[])[2]!, /^invalid: negentropy message must be non-empty lowercase hex/);
    client.send(['NEG-OPEN', 'search', { search: 'x' }, first]);
    assert.match(((await client.next()) as string[])[2]!, /^invalid: search filters cannot be reconciled/);
    client.send(['NEG-OPEN', 'bad-filter', { colour: 'red' }, first]);
    assert.match(((await client.next()) as string[])[2]!, /^invalid: filter 0\.colour: unknown filter field/);
    // One open at a time here: a second id is refused, reusing the first replaces it.
    client.send(['NEG-OPEN', 'one', { since: 1045 }, first]);
    assert.equal((await client.next())[0], 'NEG-MSG');
    client.send(['NEG-OPEN', 'two', { since: 1045 }, first]);
    assert.match(((await client.next()) as string[])[2]!, /^blocked: too many reconciliations/);
    client.send(['NEG-OPEN', 'one', { since: 1045 }, first]);
    assert.equal((await client.next())[0], 'NEG-MSG');
    const res = await fetch(relay.httpUrl, { headers: { accept: 'application/nostr+json' } });
    assert.ok(((await res.json()) as { supported_nips: number[] }).supported_nips.includes(77));
  } finally {
    client.close();
    await relay.close();
  }
});
