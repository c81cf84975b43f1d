/** Per-connection limits, reported to the client, and the relay's edges (origin, close, store failures). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import WebSocket from 'ws';
import { verifyWireEvent, type VerifiedEvent } from '../../src/core/event.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import type { EventStore } from '../../src/store/types.ts';
import { attachRelay } from '../../src/relay/server.ts';
import { RawClient, signer, testRelay, acceptNotes } from './helpers.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

void describe('relay limits', () => {
  void test('message rate: OK false for events, CLOSED for REQ, NOTICE for CLOSE; tokens refill', async () => {
    const node = await testRelay({ limits: { messagesPerSecond: 5, messageBurst: 10 } });
    const client = await RawClient.connect(node.url);
    const a = signer();
    const events = Array.from({ length: 14 }, (_, i) => a.note(`n${i}`, { createdAt: 1000 + i }));
    for (const e of events) client.send(['EVENT', e]);
    client.send(['REQ', 'flood', {}]);
    client.send(['CLOSE', 'flood']);
    const answers = [];
    for (let i = 0; i < 16; i++) answers.push(await client.next());
    const accepted = answers.filter((m) => m[0] === 'OK' && m[2]).length;
    // The bucket refills at 5/s while the burst is read, so allow one extra token.
    assert.ok(accepted >= 10 && accepted <= 11, `accepted ${accepted}`);
    assert.deepEqual(answers.slice(0, 10).map((m) => m[2]), Array(10).fill(true), 'the burst is served');
    for (const m of answers.slice(10, 14)) {
      assert.equal(m[0], 'OK');
      if (m[2] === false) assert.equal(m[3], 'rate-limited: slow down: over 5 messages per second');
    }
    assert.deepEqual(answers[14], ['CLOSED', 'flood', 'rate-limited: slow down: over 5 messages per second']);
    assert.deepEqual(answers[15], ['NOTICE', 'rate-limited: slow down: over 5 messages per second']);
    assert.equal(node.store.count([{}]), accepted, 'rate-limited events are not stored');
    await sleep(500);
    const later = a.note('later', { createdAt: 2000 });
    assert.deepEqual(await client.publish(later), ['OK', later.id, true, '']);
    client.close();
    await node.close();
  });

  void test('subscriptions per connection: CLOSED "blocked:" over the limit; reusing an id or closing one frees a slot', async () => {
    const node = await testRelay({ limits: { maxSubscriptions: 3 } });
    const client = await RawClient.connect(node.url);
    for (const id of ['s1', 's2', 's3']) assert.deepEqual((await client.req(id, { kinds: [1] })).end, ['EOSE', id]);
    assert.deepEqual((await client.req('s4', { kinds: [1] })).end, ['CLOSED', 's4', 'blocked: too many subscriptions: at most 3 open per connection; CLOSE one first']);
    assert.deepEqual((await client.req('s2', { kinds: [1] })).end, ['EOSE', 's2'], 'replacing an open subscription is allowed');
    client.send(['CLOSE', 's1']);
    // A refused REQ (here, a bad filter) closes an open subscription of the same id.
    assert.deepEqual((await client.req('s3', { kinds: ['x'] })).end[0], 'CLOSED');
    assert.deepEqual((await client.req('s5', { kinds: [1] })).end, ['EOSE', 's5'], 's1 and s3 freed two slots');
    assert.deepEqual((await client.req('s4', { kinds: [1] })).end, ['EOSE', 's4']);
    // The refused s4 earlier held no slot, and another connection has its own budget.
    const other = await RawClient.connect(node.url);
    for (const id of ['s1', 's2', 's3']) assert.deepEqual((await other.req(id, {})).end, ['EOSE', id]);
    client.close();
    other.close();
    await node.close();
  });

  void test('filters per REQ and the limit clamp', async () => {
    const node = await testRelay({ limits: { maxFilters: 2, maxLimit: 3 } });
    const client = await RawClient.connect(node.url);
    assert.deepEqual((await client.req('many', {}, {}, {})).end, ['CLOSED', 'many', 'blocked: 3 filters in one REQ, over the limit of 2']);
    const a = signer();
    for (let i = 0; i < 5; i++) await client.publish(a.note(`n${i}`, { createdAt: 100 + i }));
    assert.equal((await client.req('big', { limit: 100 })).ids.length, 3);
    assert.equal((await client.req('none', {})).ids.length, 3, 'no limit means the maximum');
    assert.equal((await client.req('small', { limit: 2 })).ids.length, 2);
    client.close();
    await node.close();
  });

  void test('a message over the size limit gets a NOTICE and the connection stays; a frame over the hard cap closes it (1009)', async () => {
    const node = await testRelay({ limits: { maxMessageBytes: 1024, hardMaxPayloadBytes: 8192 } });
    const client = await RawClient.connect(node.url);
    const big = JSON.stringify(['REQ', 'x', { '#t': ['ж'.repeat(1000)] }]);
    client.sendRaw(big);
    assert.deepEqual(await client.next(), ['NOTICE', `invalid: message is ${Buffer.byteLength(big)} bytes, over the limit of 1024`]);
    assert.deepEqual((await client.req('ok', {})).end, ['EOSE', 'ok']);
    client.sendRaw('x'.repeat(10_000));
    await assert.rejects(client.next(), /connection closed \(1009/);
    const again = await RawClient.connect(node.url);
    assert.deepEqual((await again.req('ok', {})).end, ['EOSE', 'ok']);
    again.close();
    await node.close();
  });

  void test('an older replaceable version and a deleted event are refused with the store reason', async () => {
    const node = await testRelay({ accept: (raw) => verifyWireEvent(raw) });
    const client = await RawClient.connect(node.url);
    const a = signer();
    const newer = a.note('{"name":"b"}', { kind: 0, createdAt: 200 });
    const older = a.note('{"name":"a"}', { kind: 0, createdAt: 100 });
    assert.deepEqual(await client.publish(newer), ['OK', newer.id, true, '']);
    assert.deepEqual(await client.publish(older), ['OK', older.id, false, 'blocked: replaced: a newer version is stored (NIP-01)']);
    const note = a.note('regret', { createdAt: 300 });
    const deletion = a.note('', { kind: 5, createdAt: 400, tags: [['e', note.id]] });
    assert.deepEqual(await client.publish(deletion), ['OK', deletion.id, true, '']);
    assert.deepEqual(await client.publish(note), ['OK', note.id, false, 'blocked: deleted: the author published a deletion request (NIP-09)']);
    client.close();
    await node.close();
  });

  void test('a failing store is reported to onError and answered "error:", and the relay keeps serving', async () => {
    const errors: unknown[] = [];
    const store = new MemoryStore();
    const broken: EventStore = {
      put: (e: VerifiedEvent) => {
        if (e.content === 'boom') throw new Error('disk full');
        return store.put(e);
      },
      putMany: (es) => store.putMany(es),
      get: (id) => store.get(id),
      query: (f) => store.query(f),
      count: (f) => store.count(f),
      search: (t, o) => store.search(t, o),
      iterate: (n) => store.iterate(n),
      close: () => store.close(),
    };
    const node = await testRelay({ store: broken, onError: (e) => errors.push(e) });
    const client = await RawClient.connect(node.url);
    const a = signer();
    const boom = a.note('boom');
    assert.deepEqual(await client.publish(boom), ['OK', boom.id, false, 'error: could not store this event']);
    assert.equal((errors[0] as Error).message, 'disk full');
    const fine = a.note('fine');
    assert.deepEqual(await client.publish(fine), ['OK', fine.id, true, '']);
    client.close();
    await node.close();
  });
});

void describe('relay edges', () => {
  void test('browser pages from another origin are refused; same host and no Origin are let in', async () => {
    const node = await testRelay();
    const status = (origin?: string) =>
      new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(node.url, origin === undefined ? {} : { origin });
        ws.once('open', () => {
          ws.close();
          resolve(101);
        });
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('error', reject);
      });
    assert.equal(await status('https://evil.example'), 403);
    assert.equal(await status(node.httpUrl), 101);
    assert.equal(await status(), 101);
    await node.close();
  });

  void test('the web app handler gets every request that is not NIP-11; one request listener only', async () => {
    const node = await testRelay({ http: (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Keruen</h1>') });
    assert.equal(await (await fetch(node.httpUrl)).text(), '<h1>Keruen</h1>');
    assert.equal((await fetch(node.httpUrl, { headers: { accept: 'application/nostr+json' } })).headers.get('content-type'), 'application/nostr+json');
    await node.close();
    const server = http.createServer(() => undefined);
    assert.throws(() => attachRelay(server, { store: new MemoryStore(), accept: acceptNotes, info: { name: 'x', description: 'y' } }), { code: 'usage' });
  });

  void test('close() drops every client, and broadcast() reaches live subscriptions', async () => {
    const node = await testRelay({ keepaliveMs: 20 });
    const client = await RawClient.connect(node.url);
    assert.deepEqual((await client.req('live', { kinds: [1] })).end, ['EOSE', 'live']);
    await sleep(100); // several keepalive rounds: a client that answers pings stays
    const e = signer().note('from the CLI');
    node.relay.broadcast(e);
    assert.deepEqual(await client.next(), ['EVENT', 'live', e]);
    assert.equal(node.relay.connectionCount, 1);
    await node.close();
    await assert.rejects(client.next(), /connection closed/);
  });
});

void test('a client that stops reading loses its subscription (CLOSED) instead of growing the send queue', async () => {
  const node = await testRelay({ limits: { maxBufferedBytes: 256 * 1024 } });
  const a = signer();
  const pad = 'x'.repeat(60_000);
  for (let i = 0; i < 150; i++) node.store.put(a.note(`${i} ${pad}`, { createdAt: 1000 + i }));
  const client = await RawClient.connect(node.url);
  // Stop reading: the kernel buffers fill and the relay's queue grows past the limit.
  const socket = (client.ws as unknown as { _socket: import('node:net').Socket })._socket;
  socket.pause();
  client.send(['REQ', 'all', { authors: [a.pubkey] }]);
  await sleep(200);
  socket.resume();
  const msgs = await client.until((m) => m[0] !== 'EVENT');
  assert.deepEqual(msgs.at(-1), ['CLOSED', 'all', 'error: over 262144 bytes queued for this connection; read faster or narrow the filter']);
  assert.ok(msgs.length < 150, `${msgs.length - 1} events were sent before closing`);
  assert.deepEqual((await client.req('small', { authors: [a.pubkey], limit: 2 })).ids.length, 2, 'the connection still serves');
  client.close();
  await node.close();
});
