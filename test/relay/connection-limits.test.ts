/**
 * Caps on open connections (in all, and per remote address; WebSockets and HTTP-binding sessions
 * count alike), and a client dropped for sending invalid events. Real relay, real sockets: the
 * addresses are distinct loopback addresses (127.0.0.x), bound on the client side.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fc from 'fast-check';
import WebSocket from 'ws';
import type { DroppedConnection } from '../../src/relay/connection.ts';
import { RELAY_HTTP_PATH } from '../../src/relay/http-sessions.ts';
import { ConnectionSlots, DEFAULT_LIMITS, normalizeAddress } from '../../src/relay/limits.ts';
import { RawClient, signer, testRelay } from './helpers.ts';

interface Upgrade {
  ws?: WebSocket;
  status?: number;
  body?: string;
}

/** Opens a WebSocket from `localAddress`; a refused upgrade comes back as its status and body. */
function open(url: string, localAddress = '127.0.0.1'): Promise<Upgrade> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { localAddress });
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once('error', reject);
  });
}

/** A frame answered by the relay: proves a connection still serves. */
function roundTrip(ws: WebSocket): Promise<unknown> {
  return new Promise((resolve) => {
    ws.once('message', (d) => resolve(JSON.parse(String(d))));
    ws.send(JSON.stringify(['COUNT', 'c', {}]));
  });
}

function closed(ws: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    if (ws.readyState === ws.CLOSED) return resolve();
    ws.once('close', () => resolve());
    ws.close();
  });
}

/** One POST to the HTTP binding from `localAddress`. */
function post(httpUrl: string, body: unknown, headers: Record<string, string> = {}, localAddress = '127.0.0.1'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${httpUrl}${RELAY_HTTP_PATH}`, { method: 'POST', localAddress, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

void describe('connection caps', () => {
  test('defaults a LAN node and a small mirror can live with, advertised in NIP-11', async () => {
    assert.equal(DEFAULT_LIMITS.maxConnections, 256);
    assert.equal(DEFAULT_LIMITS.maxConnectionsPerAddress, 16);
    const node = await testRelay();
    const doc = (await (await fetch(node.httpUrl, { headers: { accept: 'application/nostr+json' } })).json()) as { keruen: { connections: Record<string, number> } };
    assert.deepEqual(doc.keruen.connections, { max_connections: 256, max_connections_per_address: 16, max_invalid_events: 20, invalid_window_seconds: 60 });
    await node.close();
  });

  test('per address: the next upgrade gets 503 with the reason; open ones keep serving; other addresses are let in; a close frees a slot', async () => {
    const node = await testRelay({ limits: { maxConnectionsPerAddress: 3, maxConnections: 100 } });
    const mine = await Promise.all([1, 2, 3].map(() => open(node.url, '127.0.0.1')));
    const refused = await open(node.url, '127.0.0.1');
    assert.equal(refused.ws, undefined);
    assert.equal(refused.status, 503);
    assert.equal(refused.body, 'too many connections from 127.0.0.1 (3 at most): close one first\n');
    // Nothing else disturbed: the three still answer, and another address gets in.
    for (const u of mine) assert.deepEqual(await roundTrip(u.ws!), ['COUNT', 'c', { count: 0 }]);
    const other = await open(node.url, '127.0.0.2');
    assert.ok(other.ws, 'another address has its own budget');
    assert.equal(node.relay.connectionCount, 4);
    await closed(mine[0]!.ws!);
    // The slot comes back when the server sees the socket end: retry until it has.
    let again: Upgrade = {};
    for (let i = 0; i < 50 && again.ws === undefined; i++) {
      again = await open(node.url, '127.0.0.1');
      if (again.ws === undefined) await new Promise((r) => setTimeout(r, 20));
    }
    assert.ok(again.ws, 'a closed connection gives its slot back');
    for (const u of [...mine.slice(1), other, again]) await closed(u.ws!);
    await node.close();
  });

  test('in all: over the total, any address gets 503 saying so', async () => {
    const node = await testRelay({ limits: { maxConnectionsPerAddress: 16, maxConnections: 3 } });
    const held = await Promise.all(['127.0.0.1', '127.0.0.2', '127.0.0.3'].map((a) => open(node.url, a)));
    const refused = await open(node.url, '127.0.0.4');
    assert.equal(refused.status, 503);
    assert.equal(refused.body, 'too many connections open (3): try again shortly\n');
    for (const u of held) assert.deepEqual(await roundTrip(u.ws!), ['COUNT', 'c', { count: 0 }]);
    for (const u of held) await closed(u.ws!);
    await node.close();
  });

  test('HTTP-binding sessions hold slots like WebSockets: 503 over the cap, and a closed session frees its slot', async () => {
    const node = await testRelay({ limits: { maxConnectionsPerAddress: 2, maxConnections: 100 } });
    const ws = await open(node.url, '127.0.0.1');
    const first = await post(node.httpUrl, [['COUNT', 'c', {}]]);
    assert.equal(first.status, 200);
    const token = first.headers['keruen-session'] as string;
    assert.deepEqual(JSON.parse(first.body), [['COUNT', 'c', { count: 0 }]]);
    const refused = await post(node.httpUrl, [['COUNT', 'c', {}]]);
    assert.equal(refused.status, 503);
    assert.equal(refused.body, 'too many connections from 127.0.0.1 (2 at most): close one first\n');
    assert.equal(refused.headers['retry-after'], '5');
    // The open session and the WebSocket are untouched; another address opens a session.
    assert.equal((await post(node.httpUrl, [['COUNT', 'd', {}]], { 'keruen-session': token })).status, 200);
    assert.deepEqual(await roundTrip(ws.ws!), ['COUNT', 'c', { count: 0 }]);
    assert.equal((await post(node.httpUrl, [], {}, '127.0.0.2')).status, 200);
    // A session closed by its client frees its slot at once.
    assert.equal((await post(node.httpUrl, [], { 'keruen-session': token, 'keruen-close': '1' })).status, 200);
    assert.equal((await post(node.httpUrl, [])).status, 200);
    await closed(ws.ws!);
    await node.close();
  });

  test('the slot count never passes its caps and returns to zero, whatever the order of opens and closes (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.oneof(fc.constantFrom('127.0.0.1', '::ffff:127.0.0.1', '10.0.0.2', '::1', '', 'fe80::1'), fc.nat({ max: 40 })), { maxLength: 80 }),
        (max, perAddress, ops) => {
          const slots = new ConnectionSlots({ maxConnections: max, maxConnectionsPerAddress: perAddress });
          const open: Array<{ release: () => void; address: string }> = [];
          for (const op of ops) {
            if (typeof op === 'number') {
              // A number closes the op-th open connection (twice: a release is idempotent).
              const i = op % Math.max(1, open.length);
              const c = open.splice(i, 1)[0];
              c?.release();
              c?.release();
            } else {
              const r = slots.open(op);
              const address = normalizeAddress(op);
              const mine = open.filter((c) => c.address === address).length;
              if ('release' in r) open.push({ release: r.release, address });
              else assert.ok(open.length >= max || mine >= perAddress, `refused below the caps: ${r.refused}`);
            }
            assert.equal(slots.total, open.length);
            assert.ok(slots.total <= max);
            for (const c of open) assert.ok(slots.countOf(c.address) <= perAddress);
          }
          for (const c of open) c.release();
          assert.equal(slots.total, 0);
        },
      ),
      { numRuns: 500 },
    );
  });
});

void describe('a client that sends invalid events', () => {
  test('is told with a NOTICE and closed (1008) at the 20th within a minute; the node hears its address and why; others are not touched', async () => {
    const dropped: DroppedConnection[] = [];
    const node = await testRelay({ onDropped: (r) => dropped.push(r), limits: { messagesPerSecond: 1e6, messageBurst: 1e6 } });
    const bad = await RawClient.connect(node.url);
    const good = await RawClient.connect(node.url);
    const a = signer();
    const forged = (i: number) => ({ ...a.note(`forged ${i}`), sig: 'ab'.repeat(64) });
    // Valid events between the forged ones are served as usual.
    const valid = a.note('valid');
    assert.deepEqual(await bad.publish(valid), ['OK', valid.id, true, '']);
    for (let i = 0; i < 19; i++) {
      const reply = await bad.publish(forged(i));
      assert.equal(reply[0], 'OK');
      assert.equal(reply[2], false);
    }
    assert.equal(dropped.length, 0, '19 invalid events are not yet enough');
    // An unknown kind is unwanted, not invalid: it does not count.
    const unknownKind = a.note('kind 30', { kind: 30 });
    assert.match(String((await bad.publish(unknownKind))[3]), /^invalid: kind 30/);
    bad.send(['EVENT', forged(19)]);
    const last = await bad.next();
    assert.equal(last[0], 'OK');
    const notice = await bad.next();
    assert.equal(notice[0], 'NOTICE');
    assert.match(String(notice[1]), /^invalid: sent 20 invalid events within 60 s \(last: signature of event .*\); closing this connection$/);
    await assert.rejects(bad.next(), /connection closed \(1008 too many invalid events \(20 in 60 s\)\)/);
    assert.equal(dropped.length, 1);
    assert.equal(dropped[0]!.address, '127.0.0.1');
    assert.match(dropped[0]!.reason, /^sent 20 invalid events within 60 s/);
    // The other client, from the same address, keeps publishing and reading.
    const after = a.note('after');
    assert.deepEqual(await good.publish(after), ['OK', after.id, true, '']);
    assert.deepEqual((await good.req('s', { kinds: [1] })).ids.sort(), [valid.id, after.id].sort());
    assert.equal(node.store.count([{}]), 2, 'nothing forged was stored');
    good.close();
    await node.close();
  });

  test('over the HTTP binding: the answer carries the NOTICE and keruen-closed, and the session is gone', async () => {
    const dropped: DroppedConnection[] = [];
    const node = await testRelay({ onDropped: (r) => dropped.push(r), limits: { maxInvalidEvents: 3 } });
    const a = signer();
    const forged = [1, 2, 3, 4].map((i) => ['EVENT', { ...a.note(`f${i}`), id: 'cd'.repeat(32) }]);
    const res = await post(node.httpUrl, forged);
    assert.equal(res.status, 200);
    assert.equal(res.headers['keruen-accepted'], '3', 'what came after the drop was not taken');
    assert.match(String(res.headers['keruen-closed']), /^1008 too many invalid events \(3 in 60 s\)$/);
    const answers = JSON.parse(res.body) as unknown[][];
    assert.equal(answers.length, 4);
    assert.equal(answers[3]![0], 'NOTICE');
    assert.equal(dropped.length, 1);
    assert.equal(dropped[0]!.address, '127.0.0.1');
    const again = await post(node.httpUrl, [], { 'keruen-session': res.headers['keruen-session'] as string });
    assert.equal(again.status, 404, 'the session ended');
    assert.equal(node.relay.httpSessionCount, 0);
    await node.close();
  });
});
