/**
 * The HTTP POST binding: the same relay protocol over plain requests, direct and through a real
 * HTTP proxy forwarding plain requests (package `proxy`); every relay verb; hostile bodies.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { createProxy } from 'proxy';
import { KeruenError } from '../../src/core/errors.ts';
import { Kind } from '../../src/core/kinds.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import { syncWith } from '../../src/sync/client.ts';
import { HttpLink } from '../../src/sync/http-link.ts';
import { openLink, type Message } from '../../src/sync/link.ts';
import { RELAY_HTTP_PATH } from '../../src/relay/http-sessions.ts';
import { idsOf, mediaDescriptor, peer, people } from './helpers.ts';

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function closeServer(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** The next message that is not one of `skip` (the relay may interleave others). */
async function nextOf(link: HttpLink, type: string): Promise<Message> {
  for (;;) {
    const m = await link.next();
    if (m[0] === type) return m;
  }
}

interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
}

async function post(base: string, body: Buffer | string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  const res = await fetch(`${base}${RELAY_HTTP_PATH}`, { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers: { 'content-type': 'application/json', ...headers } });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

test('two stores converge over http:// (the POST binding), and a second sync finds nothing', async () => {
  const shared = people(200);
  const a = new MemoryStore();
  a.putMany([...shared, ...people(30, 1_641_500_000, 'A')]);
  const b = await peer([...shared, ...people(40, 1_641_400_000, 'B'), mediaDescriptor()]);
  try {
    const r = await syncWith(a, b.relay.httpUrl, { workers: 1 });
    assert.equal(r.have, 30);
    assert.equal(r.need, 41);
    assert.equal(r.pushed.accepted, 30);
    assert.equal(r.pulled.stored, 41);
    assert.deepEqual(idsOf(a), idsOf(b.store));
    assert.ok(r.bytesSent > 0 && r.bytesReceived > 0);
    const again = await syncWith(a, b.relay.httpUrl, { workers: 1 });
    assert.equal(again.have + again.need, 0);
    assert.equal(b.relay.relay.connectionCount, 0, 'no WebSocket was used');
  } finally {
    await b.close();
  }
});

test('through an HTTP proxy that forwards plain requests: the proxy carries every request, no CONNECT', async () => {
  const a = new MemoryStore();
  a.putMany(people(25, 1_641_600_000, 'A'));
  const b = await peer(people(35, 1_641_700_000, 'B'));
  const proxy = createProxy(http.createServer());
  let forwarded = 0;
  let tunnels = 0;
  proxy.on('request', () => forwarded++);
  proxy.on('connect', () => tunnels++);
  const port = await listen(proxy);
  try {
    const r = await syncWith(a, b.relay.httpUrl, { workers: 1, proxy: `http://127.0.0.1:${port}` });
    assert.equal(r.pushed.accepted, 25);
    assert.equal(r.pulled.stored, 35);
    assert.deepEqual(idsOf(a), idsOf(b.store));
    assert.ok(forwarded >= 3, `the proxy forwarded ${forwarded} requests`);
    assert.equal(tunnels, 0);
  } finally {
    await closeServer(proxy);
    await b.close();
  }
});

test('every relay verb over the binding: COUNT, REQ/EOSE, live events to an open REQ, CLOSE, EVENT/OK, NEG-ERR', async () => {
  const stored = people(5, 1_641_800_000, 'S');
  const b = await peer(stored);
  const link = await HttpLink.open(b.relay.httpUrl);
  const writer = await openLink(b.url);
  try {
    link.send(['COUNT', 'c', { kinds: [Kind.PersonOfConcern] }]);
    assert.deepEqual((await nextOf(link, 'COUNT'))[2], { count: 5 });
    link.send(['REQ', 'live', { kinds: [Kind.PersonOfConcern] }]);
    const seen: string[] = [];
    for (let m = await link.next(); m[0] !== 'EOSE'; m = await link.next()) seen.push((m[2] as { id: string }).id);
    assert.deepEqual(seen.sort(), stored.map((e) => e.id).sort());
    // A record published over a WebSocket reaches the open REQ of the HTTP session (long poll).
    const [fresh] = people(1, 1_641_900_000, 'live');
    writer.send(['EVENT', fresh]);
    const live = await nextOf(link, 'EVENT');
    assert.equal((live[2] as { id: string }).id, fresh!.id);
    link.send(['CLOSE', 'live']);
    const [another] = people(1, 1_641_900_100, 'pushed');
    link.send(['EVENT', another]);
    assert.deepEqual(await nextOf(link, 'OK'), ['OK', another!.id, true, '']);
    assert.ok(b.store.get(another!.id));
    link.send(['NEG-MSG', 'nothing-open', '61']);
    assert.equal((await nextOf(link, 'NEG-ERR'))[1], 'nothing-open');
  } finally {
    link.close();
    writer.close();
    await b.close();
  }
});

test('clear errors: no endpoint, refused by authorize, unknown session, unreachable', async () => {
  const plain = http.createServer((_req, res) => res.writeHead(404).end());
  const port = await listen(plain);
  const locked = await peer([], { authorize: () => false });
  try {
    await assert.rejects(HttpLink.open(`http://127.0.0.1:${port}`), (e: unknown) => e instanceof KeruenError && e.code === 'blocked' && /no HTTP relay endpoint/.test(e.message));
    await assert.rejects(HttpLink.open(locked.relay.httpUrl), (e: unknown) => e instanceof KeruenError && e.code === 'unauthorized' && /pair this device/.test(e.message));
    const unknown = await post(locked.relay.httpUrl, '[]', { 'keruen-session': 'nope' });
    assert.equal(unknown.status, 401, 'authorize comes before anything else');
    await closeServer(plain);
    await assert.rejects(HttpLink.open(`http://127.0.0.1:${port}`), (e: unknown) => e instanceof KeruenError && e.code === 'io');
  } finally {
    if (plain.listening) await closeServer(plain);
    await locked.close();
  }
});

test('the endpoint answers hostile bodies with a clear status and loses nothing', async () => {
  const records = people(20, 1_642_000_000, 'H');
  // Every accepted body opens a session from 127.0.0.1: the connection caps (limits.ts) must allow them all here.
  const b = await peer(records, { httpSessions: { maxBodyBytes: 64 * 1024, maxMessagesPerRequest: 50, maxSessions: 1000 }, limits: { maxConnections: 1000, maxConnectionsPerAddress: 1000 } });
  const base = b.relay.httpUrl;
  try {
    assert.equal((await post(base, '[]', { 'content-type': 'text/plain' })).status, 415);
    assert.equal((await fetch(`${base}${RELAY_HTTP_PATH}`)).status, 405);
    assert.equal((await post(base, '{"a":1}')).status, 400);
    assert.equal((await post(base, 'not json')).status, 400);
    assert.equal((await post(base, JSON.stringify(Array.from({ length: 51 }, () => ['CLOSE', 'x'])))).status, 413);
    assert.equal((await post(base, 'x'.repeat(70 * 1024))).status, 413);
    // A gzip bomb: 50 KB that inflates to 50 MB is refused, not inflated.
    assert.equal((await post(base, gzipSync(Buffer.alloc(50 * 1024 * 1024, 32)), { 'content-encoding': 'gzip' })).status, 413);
    assert.equal((await post(base, '[]', { 'content-encoding': 'br' })).status, 400);
    assert.equal((await post(base, '[]', { 'keruen-session': 'forged' })).status, 404);
    const deep = `[${'['.repeat(5000)}${']'.repeat(5000)}]`;
    const deepAnswer = await post(base, deep);
    assert.ok(deepAnswer.status === 200 || deepAnswer.status === 400, `deep nesting: ${deepAnswer.status}`);

    const body = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.json({ maxDepth: 4 }),
      fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 60 }).map((v) => JSON.stringify(v)),
      fc.array(fc.tuple(fc.constantFrom('EVENT', 'REQ', 'CLOSE', 'COUNT', 'NEG-OPEN', 'NEG-MSG', 'NEG-CLOSE', 'AUTH', ''), fc.jsonValue({ maxDepth: 2 }), fc.jsonValue({ maxDepth: 2 })), { maxLength: 20 }).map((v) => JSON.stringify(v)),
      fc.uint8Array({ maxLength: 400 }),
    );
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (b0, gzip) => {
        const raw = typeof b0 === 'string' ? Buffer.from(b0) : Buffer.from(b0);
        const a = await post(base, gzip ? gzipSync(raw) : raw, gzip ? { 'content-encoding': 'gzip' } : {});
        assert.ok([200, 400, 413].includes(a.status), `status ${a.status}: ${a.text}`);
        if (a.status === 200) {
          const messages = JSON.parse(a.text) as unknown[];
          assert.ok(Array.isArray(messages) && messages.every((m) => Array.isArray(m)));
          assert.ok((a.headers.get('keruen-session') ?? '').length >= 32);
        } else assert.ok(a.text.trim().length > 0, 'a refusal says why');
      }),
      { numRuns: 150 },
    );
    // Nothing lost and the relay still serves: every record is there and a real sync works.
    for (const e of records) assert.ok(b.store.get(e.id));
    const a = new MemoryStore();
    const r = await syncWith(a, base, { workers: 1 });
    assert.equal(r.pulled.stored, idsOf(b.store).length);
  } finally {
    await b.close();
  }
});

test('bounded: sessions beyond the cap wait (503); a session that stops reading takes no more input', async () => {
  const b = await peer(people(300, 1_642_100_000, 'Q'), { httpSessions: { maxSessions: 2, maxQueuedBytes: 4 * 1024, maxResponseBytes: 2 * 1024 } });
  const base = b.relay.httpUrl;
  try {
    const first = await post(base, '[]');
    const second = await post(base, '[]');
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    const third = await post(base, '[]');
    assert.equal(third.status, 503);
    assert.match(third.text, /too many sessions/);
    // Two REQs of 150 records each: the first fills the queue past 4 KB, the second waits its turn.
    const session = first.headers.get('keruen-session')!;
    const reqs = JSON.stringify([
      ['REQ', 'a', { kinds: [Kind.PersonOfConcern], limit: 1 }],
      ['REQ', 'b', { kinds: [Kind.PersonOfConcern] }],
      ['REQ', 'c', { kinds: [Kind.PersonOfConcern] }],
    ]);
    const answer = await post(base, reqs, { 'keruen-session': session });
    assert.equal(answer.status, 200);
    const accepted = Number(answer.headers.get('keruen-accepted'));
    assert.ok(accepted < 3, `accepted ${accepted} of 3 with the queue full`);
    assert.equal(answer.headers.get('keruen-more'), '1');
    assert.ok(Buffer.byteLength(answer.text) <= 2 * 1024 + 1024, 'an answer stays near maxResponseBytes');
  } finally {
    await b.close();
  }
});
