/** Keruen reconciliation (KRS-*) over our real relay: convergence, fallback to NIP-77, hostile frames. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import fc from 'fast-check';
import WebSocket, { WebSocketServer } from 'ws';
import { randomBytes } from 'node:crypto';
import { trustStored, type VerifiedEvent } from '../../src/core/event.ts';
import { isKeruenError } from '../../src/core/errors.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { syncWith } from '../../src/sync/client.ts';
import { SymbolEncoder, encodeSymbols, itemsFromIds, toBase64 } from '../../src/sync/riblt/index.ts';
import { idsOf, peer, people } from './helpers.ts';
import { testRelay } from '../relay/helpers.ts';

/** Stand-ins for the relay's limits and hostile frames: only created_at and id matter to reconciliation. */
function fakeEvent(createdAt: number): VerifiedEvent {
  return trustStored({ id: randomBytes(32).toString('hex'), pubkey: 'ab'.repeat(32), created_at: createdAt, kind: 1, tags: [], content: '', sig: '00'.repeat(64) });
}

test('two relays converge with Keruen reconciliation from overlapping starts, then from disjoint ones', async () => {
  const shared = people(400);
  // 300 differences: more than the first 128 symbols decode, so the relay asks for more.
  const onlyA = people(140, 1_641_500_000, 'A');
  const onlyB = people(160, 1_641_400_000, 'B');
  const a = await peer([...shared, ...onlyA]);
  const b = await peer([...shared, ...onlyB]);
  try {
    const r = await syncWith(a.store, b.url, { reconcile: 'keruen', workers: 1 });
    assert.equal(r.reconcile.protocol, 'keruen-riblt');
    assert.equal(r.have, 140);
    assert.equal(r.need, 160);
    assert.ok(r.reconcile.roundTrips >= 2 && r.reconcile.roundTrips <= 3, `${r.reconcile.roundTrips} round trips`);
    assert.ok(r.reconcile.bytesSent > 0 && r.reconcile.bytesReceived > 0);
    assert.deepEqual(idsOf(a.store), idsOf(b.store));
    assert.equal(idsOf(a.store).length, 700);
    const again = await syncWith(a.store, b.url, { reconcile: 'keruen', workers: 1 });
    assert.equal(again.have + again.need, 0);
    assert.equal(again.reconcile.roundTrips, 1);
  } finally {
    await a.close();
    await b.close();
  }
  const c = await peer(people(30, 1_641_600_000, 'C'));
  const d = await peer(people(45, 1_641_700_000, 'D'));
  try {
    const r = await syncWith(c.store, d.url, { workers: 1 });
    assert.equal(r.reconcile.protocol, 'keruen-riblt', 'auto picks Keruen reconciliation with a Keruen relay');
    assert.equal(r.have + r.need, 75);
    assert.deepEqual(idsOf(c.store), idsOf(d.store));
  } finally {
    await c.close();
    await d.close();
  }
});

/**
 * A relay that does not speak KRS: a real relay behind a WebSocket proxy that answers KRS-*
 * frames itself, the way an older relay would, and passes everything else through.
 */
async function withoutKrs(targetUrl: string, answer: (subId: unknown) => unknown[]) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await once(wss, 'listening');
  wss.on('connection', (client) => {
    const upstream = new WebSocket(targetUrl);
    const pending: string[] = [];
    upstream.on('open', () => pending.splice(0).forEach((m) => upstream.send(m)));
    upstream.on('message', (data) => client.send(String(data)));
    upstream.on('error', () => client.terminate());
    client.on('close', () => upstream.close());
    client.on('message', (data) => {
      const text = String(data);
      const msg = JSON.parse(text) as unknown[];
      if (typeof msg[0] === 'string' && msg[0].startsWith('KRS-')) {
        if (msg[0] === 'KRS-OPEN') client.send(JSON.stringify(answer(msg[1])));
        return;
      }
      if (upstream.readyState === WebSocket.OPEN) upstream.send(text);
      else pending.push(text);
    });
  });
  const port = (wss.address() as { port: number }).port;
  return {
    url: `ws://127.0.0.1:${port}`,
    close: () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
    },
  };
}

test('a relay without KRS: auto falls back to NIP-77 on the same connection; forcing Keruen says why it cannot', async () => {
  const b = await peer(people(20, 1_641_800_000, 'F'));
  const answers = [(_: unknown) => ['NOTICE', 'invalid: unknown message type "KRS-OPEN"'], (subId: unknown) => ['KRS-ERR', subId, 'unsupported: not here']];
  try {
    for (const answer of answers) {
      const proxy = await withoutKrs(b.url, answer);
      try {
        const a = SqliteStore.open(':memory:');
        a.putMany(people(5, 1_641_900_000, String(answers.indexOf(answer))));
        const theirs = idsOf(b.store).length;
        const r = await syncWith(a, proxy.url, { workers: 1 });
        assert.equal(r.reconcile.protocol, 'nip77');
        assert.equal(r.need, theirs);
        assert.equal(r.have, 5);
        assert.ok(r.reconcile.roundTrips >= 2, 'the refused KRS-OPEN is counted');
        assert.deepEqual(idsOf(a), idsOf(b.store));
        await assert.rejects(syncWith(a, proxy.url, { reconcile: 'keruen', workers: 1 }), (e) => isKeruenError(e) && e.code === 'blocked' && /does not speak Keruen reconciliation/.test(e.message));
        a.close();
      } finally {
        proxy.close();
      }
    }
    const forced = await syncWith(SqliteStore.open(':memory:'), b.url, { reconcile: 'nip77', workers: 1 });
    assert.equal(forced.reconcile.protocol, 'nip77');
    assert.equal(forced.need, 30, 'the 20 it had and the 5 pushed by each of the two syncs');
  } finally {
    await b.close();
  }
});

/** A raw WebSocket that sees every frame the relay sends, KRS ones included. */
async function rawClient(url: string) {
  const ws = new WebSocket(url);
  await once(ws, 'open');
  const queue: unknown[][] = [];
  let wake: (() => void) | undefined;
  ws.on('message', (data) => {
    queue.push(JSON.parse(String(data)) as unknown[]);
    wake?.();
  });
  return {
    send: (v: unknown) => ws.send(typeof v === 'string' ? v : JSON.stringify(v)),
    async next(): Promise<unknown[]> {
      while (queue.length === 0) {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no answer from the relay in 10 s')), 10_000);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return queue.shift()!;
    },
    close: () => ws.close(),
  };
}

const symbolsOf = (ids: string[], count: number) => toBase64(encodeSymbols(new SymbolEncoder(itemsFromIds(ids)).next(count)));

test('hostile KRS frames get KRS-ERR or NOTICE with a reason, and the relay keeps serving', async () => {
  const events = Array.from({ length: 40 }, (_, i) => fakeEvent(1_641_000_000 + i));
  const relay = await testRelay({ store: SqliteStore.open(':memory:'), negentropy: { maxItems: 30 } });
  relay.store.putMany(events.slice(0, 25));
  const client = await rawClient(relay.url);
  const someSymbols = symbolsOf(events.map((e) => e.id), 4);
  try {
    const cases: [unknown, RegExp][] = [
      ['["KRS-OPEN", "x", {}, {"n": 1', /^invalid: message is not valid JSON/],
      [['KRS-OPEN', 7, {}, {}], /subscription id/],
      [['KRS-OPEN', 'x', {}], /takes a subscription id, a filter and an object/],
      [['KRS-OPEN', 'x', { kinds: 'one' }, { n: 0, from: 0, symbols: someSymbols }], /filter 0\.kinds/],
      [['KRS-OPEN', 'x', {}, { n: -1, from: 0, symbols: someSymbols }], /"n" must be/],
      [['KRS-OPEN', 'x', {}, { n: 1, from: 3, symbols: someSymbols }], /"from" must be 0/],
      [['KRS-OPEN', 'x', {}, { n: 1, from: 0, symbols: '###' }], /not base64/],
      [['KRS-OPEN', 'x', {}, { n: 1, from: 0, symbols: 'AAAA' }], /cut short/],
      [['KRS-OPEN', 'x', {}, { n: 1, from: 0, symbols: toBase64(new Uint8Array(25 * 7000)) }], /at most 6000 symbols/],
      [['KRS-OPEN', 'x', {}, { n: 1, from: 0, symbols: toBase64(Uint8Array.from([...new Uint8Array(24), 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])) }], /over 32 bits/],
      [['KRS-MSG', 'nope', { from: 0, symbols: someSymbols }], /no open reconciliation "nope"/],
      [['KRS-WHAT', 'x'], /unknown message type/],
      [['KRS-OPEN', 'x', { kinds: [1] }, 'symbols'], /must be an object/],
    ];
    for (const [frame, reason] of cases) {
      client.send(frame);
      const m = await client.next();
      assert.ok(m[0] === 'KRS-ERR' || m[0] === 'NOTICE', JSON.stringify(m));
      assert.match(String(m[m.length - 1]), reason, JSON.stringify(frame).slice(0, 80));
    }
    // Over the relay's item limit (shared with NIP-77): refused before any work.
    relay.store.putMany(events.slice(25));
    client.send(['KRS-OPEN', 'big', {}, { n: 0, from: 0, symbols: someSymbols }]);
    assert.match(String((await client.next())[2]), /^blocked: this query is too big: 40 records/);
    // Sessions per connection: two stay open (their differences need more symbols), a third is refused.
    const many = Array.from({ length: 200 }, (_, i) => fakeEvent(1_600_000_000 + i).id);
    for (const id of ['s1', 's2']) {
      client.send(['KRS-OPEN', id, { since: 1_641_000_010 }, { n: 200, from: 0, symbols: symbolsOf(many, 8) }]);
      assert.deepEqual((await client.next()).slice(0, 2), ['KRS-MORE', id]);
    }
    client.send(['KRS-OPEN', 's3', { since: 1_641_000_010 }, { n: 200, from: 0, symbols: symbolsOf(many, 8) }]);
    assert.match(String((await client.next())[2]), /too many reconciliations/);
    // A continuation from the wrong place ends that session.
    client.send(['KRS-MSG', 's1', { from: 0, symbols: someSymbols }]);
    assert.match(String((await client.next())[2]), /"from" must be 8/);
    // Random frames: every one is answered, nothing crashes.
    const frames = fc.sample(fc.tuple(fc.constantFrom('KRS-OPEN', 'KRS-MSG', 'KRS-CLOSE', 'KRS-'), fc.anything(), fc.anything(), fc.anything()), { numRuns: 60, seed: 42 });
    for (const [verb, ...rest] of frames) {
      client.send([verb, 'r', ...rest]);
      if (verb === 'KRS-CLOSE') continue;
      const m = await client.next();
      assert.ok(m[0] === 'KRS-ERR' || m[0] === 'NOTICE' || m[0] === 'KRS-MORE' || m[0] === 'KRS-DIFF', JSON.stringify(m));
    }
    client.send(['KRS-CLOSE', 's2']);
    client.send(['KRS-CLOSE', 'r']);
    // Still serving: a real reconciliation of 15 records, 5 of them new to us.
    const mine = events.slice(10, 20).map((e) => e.id);
    client.send(['KRS-OPEN', 'ok', { since: 1_641_000_010, until: 1_641_000_024 }, { n: 10, from: 0, symbols: symbolsOf(mine, 64) }]);
    const diff = await client.next();
    assert.equal(diff[0], 'KRS-DIFF');
    const body = diff[2] as { need: string[]; have: string[] };
    assert.deepEqual({ need: body.need.sort(), have: body.have }, { need: events.slice(20, 25).map((e) => e.id).sort(), have: [] });
  } finally {
    client.close();
    await relay.close();
  }
});

test('NIP-11 advertises Keruen reconciliation and its limits', async () => {
  const relay = await testRelay();
  try {
    const res = await fetch(relay.url.replace('ws://', 'http://'), { headers: { accept: 'application/nostr+json' } });
    const doc = (await res.json()) as { keruen?: { reconcile?: string[]; riblt?: { max_symbols?: number } } };
    assert.deepEqual(doc.keruen?.reconcile, ['riblt-1']);
    assert.equal(doc.keruen?.riblt?.max_symbols, 65_536);
  } finally {
    await relay.close();
  }
});
