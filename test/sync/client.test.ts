/** syncWith against our relay in process: convergence, directions, order, refusals, forged records. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { WebSocketServer } from 'ws';
import { trustStored, type VerifiedEvent } from '../../src/core/event.ts';
import { isKeruenError, KeruenError } from '../../src/core/errors.ts';
import { Kind } from '../../src/core/kinds.ts';
import { makeAccept } from '../../src/relay/accept.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import { syncWith } from '../../src/sync/client.ts';
import { idsOf, mediaDescriptor, peer, people } from './helpers.ts';

test('two stores converge from overlapping starts; a second sync finds nothing to do', async () => {
  const shared = people(300);
  const onlyA = people(25, 1_641_500_000, 'A');
  const onlyB = people(35, 1_641_400_000, 'B');
  const a = new MemoryStore();
  a.putMany([...shared, ...onlyA]);
  const b = await peer([...shared, ...onlyB]);
  try {
    const r = await syncWith(a, b.url, { workers: 1 });
    assert.equal(r.have, 25);
    assert.equal(r.need, 35);
    assert.equal(r.pushed.accepted, 25);
    assert.deepEqual(r.pushed.rejected, []);
    assert.equal(r.pulled.stored, 35);
    assert.deepEqual(r.pulled.missing, []);
    assert.deepEqual(idsOf(a), idsOf(b.store));
    assert.equal(idsOf(a).length, 360);
    assert.ok(r.bytesSent > 0 && r.bytesReceived > 0);
    const again = await syncWith(a, b.url, { workers: 1 });
    assert.equal(again.have + again.need, 0);
    assert.equal(again.reconcile.roundTrips, 1);
  } finally {
    await b.close();
  }
});

test('--pull and --push move one way only; disjoint stores and a kind filter', async () => {
  const a = new MemoryStore();
  const mine = people(10, 1_641_300_000, 'mine');
  a.putMany(mine);
  const theirs = people(12, 1_641_310_000, 'theirs');
  const b = await peer([...theirs, mediaDescriptor()]);
  try {
    const pulled = await syncWith(a, b.url, { direction: 'pull', filter: { kinds: [Kind.PersonOfConcern] }, workers: 1 });
    assert.equal(pulled.pulled.stored, 12);
    assert.equal(pulled.pushed.accepted, 0);
    assert.equal(idsOf(b.store).length, 13, 'nothing pushed');
    assert.equal(idsOf(a).length, 22, 'the media descriptor is outside the filter');
    const pushed = await syncWith(a, b.url, { direction: 'push', workers: 1 });
    assert.equal(pushed.pushed.accepted, 10);
    assert.equal(pushed.pulled.stored, 0);
    assert.equal(idsOf(a).length, 22, 'nothing pulled');
    assert.equal(idsOf(b.store).length, 23);
  } finally {
    await b.close();
  }
});

test('text records travel before media descriptors, both ways', async () => {
  const media = [mediaDescriptor(1_641_000_000), mediaDescriptor(1_641_000_001)];
  const text = people(5, 1_641_000_002, 'T');
  const order: number[] = [];
  const a = new (class extends MemoryStore {
    override putMany(events: readonly VerifiedEvent[]) {
      for (const e of events) order.push(e.kind);
      return super.putMany(events);
    }
  })();
  a.putMany([...media, ...text]);
  order.length = 0;
  const b = await peer([...people(3, 1_641_100_000, 'U'), mediaDescriptor(1_640_000_000)]);
  try {
    await syncWith(a, b.url, { workers: 1 });
    assert.deepEqual(b.arrived.map((e) => e.kind), [...text.map(() => Kind.PersonOfConcern), Kind.MediaDescriptor, Kind.MediaDescriptor]);
    assert.deepEqual(order, [Kind.PersonOfConcern, Kind.PersonOfConcern, Kind.PersonOfConcern, Kind.MediaDescriptor]);
  } finally {
    await b.close();
  }
});

test('a relay that refuses an event: the report names it and its reason; the rest goes through', async () => {
  const good = people(5, 1_641_000_000, 'ok');
  const [bad] = people(1, 1_641_000_100, 'refused');
  const a = new MemoryStore();
  a.putMany([...good, bad!]);
  const accept = makeAccept();
  const b = await peer([], {
    accept: (raw) => {
      const e = accept(raw);
      if (e.id === bad!.id) throw new KeruenError('blocked', 'not on this relay');
      return e;
    },
  });
  try {
    const r = await syncWith(a, b.url, { workers: 1 });
    assert.equal(r.pushed.accepted, 5);
    assert.deepEqual(r.pushed.rejected, [{ id: bad!.id, reason: 'blocked: not on this relay' }]);
  } finally {
    await b.close();
  }
});

test('a forged record served by a relay is refused by our verification, the good ones are stored', async () => {
  const good = people(4, 1_641_000_000, 'good');
  const [victim] = people(1, 1_641_000_050, 'victim');
  // Content changed after signing, id kept: only verification can tell.
  const forged = trustStored({ ...victim!, content: JSON.stringify({ lang: 'en', name: 'someone else' }) });
  const relayStore = new MemoryStore();
  relayStore.putMany([...good, forged]);
  const b = await peer([], { store: relayStore });
  const a = new MemoryStore();
  try {
    const r = await syncWith(a, b.url, { direction: 'pull', workers: 1 });
    assert.equal(r.pulled.stored, 4);
    assert.equal(r.pulled.rejected.length, 1);
    assert.equal(r.pulled.rejected[0]!.id, forged.id);
    assert.match(r.pulled.rejected[0]!.reason, /id|signature/);
    assert.equal(a.get(forged.id), undefined);
  } finally {
    await b.close();
  }
});

test('a rate-limited relay gets everything, more slowly', async () => {
  const a = new MemoryStore();
  a.putMany(people(60, 1_641_000_000, 'r'));
  const b = await peer([], { limits: { messagesPerSecond: 40, messageBurst: 15 } });
  try {
    const r = await syncWith(a, b.url, { direction: 'push', workers: 1 });
    assert.equal(r.pushed.accepted, 60);
    assert.equal(idsOf(b.store).length, 60);
  } finally {
    await b.close();
  }
});

test('a relay without NIP-77, and no relay at all: coded errors that say so', async () => {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await once(wss, 'listening');
  wss.on('connection', (ws) => ws.on('message', () => ws.send(JSON.stringify(['NOTICE', 'ERROR: bad msg: unknown cmd']))));
  const port = (wss.address() as { port: number }).port;
  try {
    await assert.rejects(syncWith(new MemoryStore(), `ws://127.0.0.1:${port}`), (e) => isKeruenError(e) && e.code === 'blocked' && /does not reconcile \(NIP-77\)/.test(e.message));
  } finally {
    for (const c of wss.clients) c.terminate();
    wss.close();
  }
  await assert.rejects(syncWith(new MemoryStore(), `ws://127.0.0.1:${port}`), (e) => isKeruenError(e) && e.code === 'io');
  await assert.rejects(syncWith(new MemoryStore(), 'ftp://example.org'), (e) => isKeruenError(e) && e.code === 'usage');
});

test('text moves both ways before any media descriptor moves either way', async () => {
  // One timeline of arrivals on both sides: pushes reach B's relay, pulls reach A's store.
  const arrivals: { side: 'A' | 'B'; kind: number }[] = [];
  class RecordingStore extends MemoryStore {
    override putMany(events: readonly VerifiedEvent[]) {
      for (const e of events) arrivals.push({ side: 'A', kind: e.kind });
      return super.putMany(events);
    }
  }
  const a = new RecordingStore();
  a.putMany([...people(30, 1_641_500_000, 'A'), mediaDescriptor(1_641_500_100), mediaDescriptor(1_641_500_101)]);
  arrivals.length = 0;
  const b = await peer([...people(40, 1_641_400_000, 'B'), mediaDescriptor(1_641_400_100), mediaDescriptor(1_641_400_101)], {
    onEvent: (e) => arrivals.push({ side: 'B', kind: e.kind }),
  });
  try {
    const r = await syncWith(a, b.url, { workers: 1 });
    assert.equal(r.pushed.accepted, 32);
    assert.equal(r.pulled.stored, 42);
    const media = arrivals.map((x, i) => (x.kind === Kind.MediaDescriptor ? i : -1)).filter((i) => i >= 0);
    const text = arrivals.map((x, i) => (x.kind !== Kind.MediaDescriptor ? i : -1)).filter((i) => i >= 0);
    assert.equal(media.length, 4);
    assert.equal(text.length, 70);
    assert.ok(Math.max(...text) < Math.min(...media), `a media descriptor moved before the last text record: ${JSON.stringify(arrivals.map((x) => `${x.side}${x.kind}`))}`);
    assert.deepEqual(idsOf(a), idsOf(b.store));
  } finally {
    await b.close();
  }
});
