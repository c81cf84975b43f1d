/** The relay against real Nostr clients: nostr-tools' Relay and SimplePool, and fetch for NIP-11. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { Relay, useWebSocketImplementation as useWsForRelay } from 'nostr-tools/relay';
import { SimplePool, useWebSocketImplementation as useWsForPool } from 'nostr-tools/pool';
import type { Event as ToolsEvent } from 'nostr-tools/core';
import { nowSeconds } from '../../src/core/event.ts';
import { Kind } from '../../src/core/kinds.ts';
import { makeAccept } from '../../src/relay/accept.ts';
import { RawClient, signer, testRelay, type TestRelay } from './helpers.ts';
import { newKey, record } from '../helpers/records.ts';

// Node 20 has no global WebSocket; nostr-tools takes one per module, set here for tests only.
useWsForRelay(WebSocket);
useWsForPool(WebSocket);

function collect(relay: Relay, filters: Parameters<Relay['subscribe']>[0]): Promise<{ events: ToolsEvent[]; sub: ReturnType<Relay['subscribe']> }> {
  return new Promise((resolve) => {
    const events: ToolsEvent[] = [];
    const sub = relay.subscribe(filters, { onevent: (e) => events.push(e), oneose: () => resolve({ events, sub }) });
  });
}

void describe('relay with nostr-tools clients', () => {
  let node: TestRelay;
  before(async () => {
    node = await testRelay();
  });
  after(async () => {
    await node.close();
  });

  void test('Relay.connect: publish gets OK, subscribe gets stored events then EOSE, then live events', async () => {
    const alice = signer();
    const relay = await Relay.connect(node.url);
    const first = alice.note('first', { createdAt: 1000 });
    assert.equal(await relay.publish(first), '');
    // nostr-tools resolves with the reason; a duplicate is still accepted (OK true).
    assert.equal(await relay.publish(first), 'duplicate: already have this event');

    const live: ToolsEvent[] = [];
    let gotLive!: () => void;
    const liveArrived = new Promise<void>((r) => (gotLive = r));
    const eose = new Promise<void>((resolve) => {
      relay.subscribe([{ authors: [alice.pubkey] }], {
        onevent: (e) => {
          live.push(e);
          if (live.length === 2) gotLive();
        },
        oneose: () => resolve(),
      });
    });
    await eose;
    assert.deepEqual(live.map((e) => e.id), [first.id]);

    const second = alice.note('second', { createdAt: 2000 });
    const other = await Relay.connect(node.url);
    await other.publish(second);
    await liveArrived;
    assert.deepEqual(live.map((e) => e.id), [first.id, second.id]);
    assert.equal(node.store.count([{ authors: [alice.pubkey] }]), 2);
    relay.close();
    other.close();
  });

  void test('a refused event rejects publish with the reason', async () => {
    const relay = await Relay.connect(node.url);
    const forged = { ...signer().note('forged'), content: 'changed after signing' };
    await assert.rejects(relay.publish(forged), /^Error: invalid: event id does not match its content/);
    const wrongKind = signer().note('a long-form article', { kind: 30023 });
    await assert.rejects(relay.publish(wrongKind), /invalid: kind 30023 is not a kind this node stores/);
    relay.close();
  });

  void test('SimplePool publishes and queries', async () => {
    const pool = new SimplePool();
    const bob = signer();
    const e = bob.note('through a pool', { createdAt: 3000 });
    const results = await Promise.all(pool.publish([node.url], e));
    assert.deepEqual(results, ['']);
    const got = await pool.querySync([node.url], { authors: [bob.pubkey] });
    assert.deepEqual(got.map((x) => x.id), [e.id]);
    const one = await pool.get([node.url], { ids: [e.id] });
    assert.equal(one?.content, 'through a pool');
    pool.close([node.url]);
  });

  void test('REQ filters: since, until, kinds, authors, #e, limit, ids, several filters OR-ed', async () => {
    const a = signer();
    const b = signer();
    const root = a.note('root', { createdAt: 100 });
    const reply = b.note('reply', { createdAt: 200, tags: [['e', root.id]] });
    const late = a.note('late', { createdAt: 300, tags: [['e', root.id], ['t', 'zhanaozen']] });
    const ephemeralKind = a.note('not stored', { createdAt: 250, kind: 20001 });
    const relay = await Relay.connect(node.url);
    for (const e of [root, reply, late]) await relay.publish(e);
    await relay.publish(ephemeralKind);

    const ids = async (filters: Parameters<Relay['subscribe']>[0]) => {
      const { events, sub } = await collect(relay, filters);
      sub.close();
      return events.map((e) => e.id);
    };
    const mine = [a.pubkey, b.pubkey];
    // Newest first, as NIP-01 asks for stored events.
    assert.deepEqual(await ids([{ authors: mine }]), [late.id, reply.id, root.id]);
    assert.deepEqual(await ids([{ authors: mine, since: 200 }]), [late.id, reply.id]);
    assert.deepEqual(await ids([{ authors: mine, until: 200 }]), [reply.id, root.id]);
    assert.deepEqual(await ids([{ authors: mine, since: 150, until: 250 }]), [reply.id]);
    assert.deepEqual(await ids([{ authors: [a.pubkey] }]), [late.id, root.id]);
    assert.deepEqual(await ids([{ authors: mine, kinds: [1] }]), [late.id, reply.id, root.id]);
    assert.deepEqual(await ids([{ authors: mine, kinds: [20001] }]), [], 'ephemeral events are not stored');
    assert.deepEqual(await ids([{ '#e': [root.id] }]), [late.id, reply.id]);
    assert.deepEqual(await ids([{ '#e': [root.id], authors: [b.pubkey] }]), [reply.id]);
    assert.deepEqual(await ids([{ '#t': ['zhanaozen'] }]), [late.id]);
    assert.deepEqual(await ids([{ authors: mine, limit: 1 }]), [late.id]);
    assert.deepEqual(await ids([{ ids: [root.id] }, { ids: [late.id] }]), [late.id, root.id]);
    relay.close();
  });

  void test('live delivery follows the filters, and CLOSE stops it', async () => {
    const a = signer();
    const client = await RawClient.connect(node.url);
    assert.equal((await client.req('only-t', { authors: [a.pubkey], '#t': ['almaty'] })).end[0], 'EOSE');
    assert.equal((await client.req('since', { authors: [a.pubkey], since: 5000 })).end[0], 'EOSE');
    const publisher = await RawClient.connect(node.url);
    const old = a.note('old', { createdAt: 4000 });
    const tagged = a.note('tagged', { createdAt: 4001, tags: [['t', 'almaty']] });
    assert.deepEqual(await publisher.publish(old), ['OK', old.id, true, '']);
    assert.deepEqual(await publisher.publish(tagged), ['OK', tagged.id, true, '']);
    assert.deepEqual(await client.next(), ['EVENT', 'only-t', tagged]);
    client.send(['CLOSE', 'only-t']);
    // A REQ reusing an id replaces the old subscription: `since` now means all of a's notes.
    assert.deepEqual((await client.req('since', { authors: [a.pubkey], kinds: [1] })).ids, [tagged.id, old.id]);
    const newer = a.note('newer', { createdAt: 6000, tags: [['t', 'almaty']] });
    await publisher.publish(newer);
    assert.deepEqual(await client.next(), ['EVENT', 'since', newer]);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(client.pending, 0, 'the closed subscription got nothing');
    client.close();
    publisher.close();
  });

  void test('COUNT (NIP-45)', async () => {
    const a = signer();
    const client = await RawClient.connect(node.url);
    for (let i = 0; i < 3; i++) await client.publish(a.note(`n${i}`, { createdAt: 100 + i }));
    client.send(['COUNT', 'c', { authors: [a.pubkey] }, { authors: [a.pubkey], since: 101 }]);
    assert.deepEqual(await client.next(), ['COUNT', 'c', { count: 3 }]);
    client.close();
  });

  void test('NIP-11 over fetch with the Accept header, CORS included; plain HTTP gets 404', async () => {
    const res = await fetch(node.httpUrl, { headers: { accept: 'application/nostr+json' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/nostr+json');
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    assert.ok(res.headers.get('access-control-allow-methods')?.includes('GET'));
    assert.ok(res.headers.get('access-control-allow-headers'));
    const doc = (await res.json()) as Record<string, unknown>;
    assert.equal(doc.software, 'keruen');
    assert.equal(doc.version, '0.1.0');
    assert.deepEqual(doc.supported_nips, [1, 9, 11, 42, 45, 50, 77]);
    assert.deepEqual(doc.limitation, {
      max_message_length: 262144,
      max_subscriptions: 20,
      max_filters: 10,
      max_limit: 1000,
      default_limit: 1000,
      max_subid_length: 64,
      created_at_upper_limit: 900,
      auth_required: false,
      payment_required: false,
      restricted_writes: true,
    });
    const preflight = await fetch(node.httpUrl, { method: 'OPTIONS', headers: { 'access-control-request-method': 'GET' } });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.equal((await fetch(node.httpUrl)).status, 404);
  });
});

void describe('relay with the default accept policy (domain records)', () => {
  let node: TestRelay;
  before(async () => {
    node = await testRelay({ accept: makeAccept({ maxEventBytes: 64 * 1024 }) });
  });
  after(async () => {
    await node.close();
  });

  void test('valid records are stored; invalid content and unknown kinds are refused with the reason', async () => {
    const sk = newKey();
    const source = record(sk, Kind.SourceDocument, { lang: 'ru', title: 'Жанаозен, 2 января', sha256: 'ab'.repeat(32), size: 100, mime: 'text/plain' });
    const testimony = record(sk, Kind.Testimony, {
      lang: 'ru',
      text: 'Люди вышли на площадь.',
      witness: { description: 'житель Жанаозена', firsthand: true },
      sources: [{ source: source.id, quote: 'Люди вышли на площадь.' }],
    });
    const relay = await Relay.connect(node.url);
    assert.equal(await relay.publish(source), '');
    assert.equal(await relay.publish(testimony), '');
    const { events, sub } = await collect(relay, [{ kinds: [Kind.Testimony] }]);
    sub.close();
    assert.deepEqual(events.map((e) => e.id), [testimony.id]);

    const bad = signer().note(JSON.stringify({ lang: 'ru' }), { kind: Kind.Testimony });
    await assert.rejects(relay.publish(bad), /^Error: invalid: testimony content: /);
    await assert.rejects(relay.publish(signer().note('hello')), /^Error: invalid: kind 1 is not a kind this node stores/);
    assert.equal(node.store.count([{}]), 2);
    relay.close();
  });

  void test('an event dated more than 15 minutes ahead is refused', async () => {
    const client = await RawClient.connect(node.url);
    const sk = newKey();
    const ahead = record(sk, Kind.PersonOfConcern, { lang: 'en', name: 'A. N.' }, [], nowSeconds() + 3600);
    const [type, id, ok, reason] = (await client.publish(ahead)) as [string, string, boolean, string];
    assert.deepEqual([type, id, ok], ['OK', ahead.id, false]);
    assert.match(reason, /^invalid: created_at is in the future/);
    const soon = record(sk, Kind.PersonOfConcern, { lang: 'en', name: 'A. N.' }, [], nowSeconds() + 60);
    assert.deepEqual(await client.publish(soon), ['OK', soon.id, true, '']);
    client.close();
  });
});
