/**
 * Hostile input over a raw WebSocket, generated with fast-check: every bad message gets exactly
 * one answer naming what was wrong, nothing invalid is stored, and the same connection (and a
 * new one) keep serving valid EVENT and REQ afterwards.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { getEventHash } from 'nostr-tools/pure';
import { signEvent, type VerifiedEvent } from '../../src/core/event.ts';
import { ACCEPTED_KINDS, Kind } from '../../src/core/kinds.ts';
import { makeAccept } from '../../src/relay/accept.ts';
import type { RelayMessage } from '../../src/relay/messages.ts';
import { RawClient, testRelay, type TestRelay } from './helpers.ts';
import { newKey, record } from '../helpers/records.ts';

const sk = newKey();
const person = (name: string, createdAt = 1_641_340_800): VerifiedEvent => record(sk, Kind.PersonOfConcern, { lang: 'kk', name }, [], createdAt);
const hex = (len: number) => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: len, maxLength: len });
const RUNS = { numRuns: 40 };
/** Names a valid person record can carry. */
const aName = fc.string({ maxLength: 100 }).map((s) => `Person ${s}`);

type Expect = { type: 'OK' | 'NOTICE' | 'CLOSED'; reason: RegExp; id?: string };
type Case = [send: () => void, want: Expect];
const notice = (send: () => void, reason: RegExp): Case => [send, { type: 'NOTICE', reason }];

/** Asserts the one answer to a refused message: its type, `false` for OK, the id or sub id, the reason. */
function assertRefused(reply: RelayMessage, want: Expect): void {
  assert.equal(reply[0], want.type, `expected ${want.type}, got ${JSON.stringify(reply).slice(0, 300)}`);
  const reason = reply[0] === 'OK' ? reply[3] : reply[0] === 'CLOSED' ? reply[2] : reply[0] === 'NOTICE' ? reply[1] : '';
  if (reply[0] === 'OK') {
    assert.equal(reply[2], false);
    if (want.id !== undefined) assert.equal(reply[1], want.id);
  }
  assert.match(reason, want.reason);
}

void describe('relay under hostile input', () => {
  let node: TestRelay;
  let conn: RawClient;
  let storedBefore: number;
  before(async () => {
    // Rate limiting and dropping a client after many invalid events have their own tests
    // (limits, connection-limits); here every message must be judged on its content.
    node = await testRelay({ accept: makeAccept(), limits: { messagesPerSecond: 1e6, messageBurst: 1e6, maxInvalidEvents: Infinity } });
    conn = await RawClient.connect(node.url);
    const seed = person('seed');
    assert.deepEqual(await conn.publish(seed), ['OK', seed.id, true, '']);
    storedBefore = node.store.count([{}]);
  });
  after(async () => {
    conn.close();
    await node.close();
  });

  /** Sends and checks the answer, and that nothing got stored. */
  async function refused(send: () => void, want: Expect): Promise<void> {
    send();
    assertRefused(await conn.next(), want);
    assert.equal(node.store.count([{}]), storedBefore, 'nothing invalid is stored');
  }

  void test('events with a wrong id', async () => {
    await fc.assert(
      fc.asyncProperty(aName, hex(64), async (name, id) => {
        const e = person(name);
        fc.pre(id !== e.id);
        await refused(() => conn.send(['EVENT', { ...e, id }]), { type: 'OK', id, reason: /^invalid: event id does not match its content/ });
      }),
      RUNS,
    );
  });

  void test('events with a bad signature (id recomputed, so only the signature is wrong)', async () => {
    await fc.assert(
      fc.asyncProperty(aName, fc.string({ minLength: 1 }), hex(128), async (name, tamper, sig) => {
        const e = person(name);
        const changed = { ...e, content: e.content + tamper };
        const forged = { ...changed, id: getEventHash(changed) };
        await refused(() => conn.send(['EVENT', forged]), { type: 'OK', id: forged.id, reason: /^invalid: signature of event [0-9a-f]{16}\.\.\. does not verify/ });
        await refused(() => conn.send(['EVENT', { ...e, sig }]), { type: 'OK', id: e.id, reason: /^invalid: signature of event .* does not verify/ });
      }),
      RUNS,
    );
  });

  void test('events of kinds the node does not store', async () => {
    const foreign = fc.integer({ min: 0, max: 65535 }).filter((k) => !ACCEPTED_KINDS.has(k));
    await fc.assert(
      fc.asyncProperty(foreign, fc.string(), async (kind, content) => {
        const e = signEvent({ kind, created_at: 1_641_340_800, tags: [], content }, sk);
        await refused(() => conn.send(['EVENT', e]), { type: 'OK', id: e.id, reason: new RegExp(`^invalid: kind ${kind} is not a kind this node stores`) });
      }),
      { numRuns: 25 },
    );
  });

  void test('events with invalid domain content', async () => {
    const notPerson = fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v)));
    await fc.assert(
      fc.asyncProperty(notPerson, async (content) => {
        const e = signEvent({ kind: Kind.PersonOfConcern, created_at: 1_641_340_800, tags: [], content }, sk);
        await refused(() => conn.send(['EVENT', e]), { type: 'OK', id: e.id, reason: /^invalid: person of concern content: / });
      }),
      { numRuns: 25 },
    );
  });

  void test('oversized events', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 64 * 1024, max: 200 * 1024 }), fc.constantFrom('a', 'ж', '🐪'), async (n, ch) => {
        // Not a valid person either: the size is checked before anything else is read.
        const e = signEvent({ kind: Kind.PersonOfConcern, created_at: 1_641_340_800, tags: [], content: ch.repeat(Math.ceil(n / Buffer.byteLength(ch))) }, sk);
        await refused(() => conn.send(['EVENT', e]), { type: 'OK', id: e.id, reason: /^invalid: event is \d+ bytes, over the limit of 65536/ });
      }),
      { numRuns: 10 },
    );
  });

  void test('malformed tags', async () => {
    const badTag = fc.oneof(
      fc.constant([]),
      fc.array(fc.oneof(fc.integer(), fc.constant(null), fc.boolean(), fc.object()), { minLength: 1 }),
      fc.tuple(fc.string(), fc.integer()),
    );
    const badTags = fc.oneof(
      fc.array(badTag, { minLength: 1 }),
      fc.oneof(fc.string(), fc.integer(), fc.object(), fc.constant(null)),
    );
    await fc.assert(
      fc.asyncProperty(badTags, async (tags) => {
        const e = person('x');
        await refused(() => conn.send(['EVENT', { ...e, tags }]), { type: 'OK', id: e.id, reason: /^invalid: tags/ });
      }),
      RUNS,
    );
  });

  void test('raw bytes that are not UTF-8 inside a text frame', async () => {
    const badBytes = fc.constantFrom([0xff], [0xfe], [0x80], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]);
    await fc.assert(
      fc.asyncProperty(fc.string(), badBytes, fc.string(), async (before, bad, afterBad) => {
        const [head, tail] = JSON.stringify(['EVENT', person('MARK')]).split('MARK') as [string, string];
        const frame = Buffer.concat([Buffer.from(head + JSON.stringify(before).slice(1, -1)), Buffer.from(bad), Buffer.from(JSON.stringify(afterBad).slice(1, -1) + tail)]);
        await refused(() => conn.sendRaw(frame), { type: 'NOTICE', reason: /^invalid: message is not valid UTF-8 text/ });
      }),
      RUNS,
    );
  });

  void test('JSON with lone surrogate escapes', async () => {
    const lone = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
    await fc.assert(
      fc.asyncProperty(lone, fc.string(), async (s, text) => {
        const e = person('x');
        // JSON.stringify writes a lone surrogate as a \uXXXX escape: valid JSON, broken text.
        await refused(() => conn.send(['EVENT', { ...e, content: text + s }]), { type: 'OK', id: e.id, reason: /^invalid: content: contains broken UTF-8 \(lone surrogate\)/ });
        await refused(() => conn.send(['EVENT', { ...e, tags: [['t', s + text]] }]), { type: 'OK', id: e.id, reason: /^invalid: tags\.0\.1: contains broken UTF-8/ });
        await refused(() => conn.send(['REQ', `sub${s}`, {}]), { type: 'NOTICE', reason: /^invalid: subscription id contains broken UTF-8/ });
        await refused(() => conn.send(['REQ', 'sub', { '#t': [s] }]), { type: 'CLOSED', reason: /^invalid: filter 0\.#t\.0: contains broken UTF-8/ });
      }),
      RUNS,
    );
  });

  void test('garbage frames: not JSON, not an array, unknown types, wrong arity, binary', async () => {
    const KNOWN = new Set(['EVENT', 'REQ', 'CLOSE', 'COUNT']);
    const garbage: fc.Arbitrary<Case> = fc.oneof(
      fc.string().filter((s) => { try { JSON.parse(s); return false; } catch { return true; } })
        .map((s) => notice(() => conn.sendRaw(s), /^invalid: message is not valid JSON/)),
      fc.jsonValue().filter((v) => !Array.isArray(v))
        .map((v) => notice(() => conn.send(v), /^invalid: message must be a JSON array/)),
      fc.tuple(fc.oneof(fc.integer(), fc.constant(null), fc.object()), fc.array(fc.jsonValue()))
        .map(([t, rest]) => notice(() => conn.send([t, ...rest]), /^invalid: message must start with its type/)),
      fc.tuple(fc.string().filter((s) => !KNOWN.has(s)), fc.array(fc.jsonValue()))
        .map(([t, rest]) => notice(() => conn.send([t, ...rest]), /^invalid: unknown message type/)),
      // No object first, so there is no id to answer with: a NOTICE (with an id it is an OK false).
      fc.array(fc.oneof(fc.integer(), fc.string(), fc.constant(null)), { minLength: 2, maxLength: 4 })
        .map((rest) => notice(() => conn.send(['EVENT', ...rest]), /^invalid: EVENT takes exactly one event, got \d+/)),
      fc.constantFrom<unknown[]>(['EVENT'], ['CLOSE'], ['CLOSE', 'a', 'b'])
        .map((m) => notice(() => conn.send(m), /^invalid: (EVENT takes exactly one event|CLOSE takes exactly one subscription id)/)),
      fc.constantFrom<unknown[]>(['REQ'], ['REQ', 7, {}], ['REQ', '', {}], ['COUNT', 'x'.repeat(65), {}], ['CLOSE', 3])
        .map((m) => notice(() => conn.send(m), /^invalid: subscription id must be/)),
      fc.uint8Array({ maxLength: 200 })
        .map((b) => notice(() => conn.sendRaw(Buffer.from(b), true), /^invalid: binary frames are not part of NIP-01/)),
      fc.oneof(fc.jsonValue().filter((v) => v === null || typeof v !== 'object'), fc.constant({ id: 12 }))
        .map((ev) => notice(() => conn.send(['EVENT', ev]), /^invalid: (value: .*expected object|id: )/)),
    );
    await fc.assert(fc.asyncProperty(garbage, async ([send, want]) => refused(send, want)), { numRuns: 150 });
  });

  void test('invalid filters close the subscription with the reason', async () => {
    const badFilter = fc.constantFrom<[unknown, RegExp]>(
      [{ ids: ['xyz'] }, /^invalid: filter 0\.ids\.0: must be 64 lowercase hex/],
      [{ authors: ['AB'.repeat(32)] }, /^invalid: filter 0\.authors\.0: must be 64 lowercase hex/],
      [{ kinds: [-1] }, /^invalid: filter 0\.kinds\.0: /],
      [{ kinds: [1.5] }, /^invalid: filter 0\.kinds\.0: /],
      [{ since: -5 }, /^invalid: filter 0\.since: /],
      [{ until: 'yesterday' }, /^invalid: filter 0\.until: /],
      [{ limit: 1e300 }, /^invalid: filter 0\.limit: /],
      [{ '#e': [1] }, /^invalid: filter 0\.#e\.0: /],
      [{ '#p': 'x' }, /^invalid: filter 0\.#p: /],
      [{ foo: [] }, /^invalid: filter 0\.foo: unknown filter field "foo"/],
      [{ search: 5 }, /^invalid: filter 0\.search: /],
      [{ search: 'x'.repeat(300) }, /^invalid: filter 0\.search: at most 256 characters/],
      [null, /^invalid: filter 0 must be an object/],
      [[], /^invalid: filter 0 must be an object/],
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('REQ', 'COUNT'), badFilter, fc.string({ minLength: 1, maxLength: 64 }).filter((s) => s.isWellFormed()), async (type, [filter, reason], subId) => {
        await refused(() => conn.send([type, subId, filter]), { type: 'CLOSED', reason });
      }),
      RUNS,
    );
    await refused(() => conn.send(['REQ', 'no-filters']), { type: 'CLOSED', reason: /^invalid: REQ needs at least one filter/ });
  });

  void test('afterwards the same connection, and a new one, still serve EVENT and REQ', async () => {
    const fresh = await RawClient.connect(node.url);
    for (const [i, client] of [conn, fresh].entries()) {
      const e = person(`after ${i}`, 1_700_000_000 + i);
      assert.deepEqual(await client.publish(e), ['OK', e.id, true, '']);
      const { ids, end } = await client.req(`check${i}`, { ids: [e.id] });
      assert.deepEqual([ids, end], [[e.id], ['EOSE', `check${i}`]]);
    }
    assert.equal(node.store.count([{}]), storedBefore + 2);
    assert.equal(conn.pending, 0, 'exactly one answer per hostile message');
    fresh.close();
  });
});
