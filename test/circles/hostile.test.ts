/**
 * Hostile input to circles: invite codes, key-share and join-request rumors, AUTH events and
 * wraps that are not what they claim. Each is refused with a KeruenError that says why; nothing
 * half-taken (a refused key share changes no circle).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { wrapEvent } from 'nostr-tools/nip59';
import { isKeruenError } from '../../src/core/errors.ts';
import { signEvent, verifyWireEvent } from '../../src/core/event.ts';
import { Kind } from '../../src/core/kinds.ts';
import { CircleKind, encodeInvite, newCircle, parseInvite, parseJoinRequest, parseKeyShare, unwrapCircleRecord, wrapForCircle, hexBytes } from '../../src/core/circles.ts';
import { CircleBook } from '../../src/node/circles.ts';
import { ConnectionAuth } from '../../src/relay/auth.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';

const hexa = () => fc.string({ unit: fc.constantFrom(...'0123456789abcdef'.split('')), maxLength: 70 });

const refusedClearly = (f: () => unknown) => {
  try {
    f();
    return false;
  } catch (e) {
    return isKeruenError(e) && e.message.length > 0 && e.message.length < 400;
  }
};

test('invite codes: any string either parses to a well-formed invite or is refused with a usage error', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.array(fc.oneof(fc.constant('kci1'), hexa(), fc.string()), { maxLength: 7 }).map((p) => p.join('.'))), (s) => {
      try {
        const inv = parseInvite(s);
        assert.match(inv.inviter, /^[0-9a-f]{64}$/);
        assert.match(inv.secret, /^[0-9a-f]{32}$/);
      } catch (e) {
        assert.ok(isKeruenError(e) && e.code === 'usage', String(e));
      }
    }),
    { numRuns: 2000 },
  );
  const good = { inviter: 'a'.repeat(64), circle: 'b'.repeat(32), secret: 'c'.repeat(32), expires: 1_900_000_000 };
  assert.deepEqual(parseInvite(encodeInvite(good)), good);
  assert.deepEqual(parseInvite(` ${encodeInvite(good).toUpperCase()} `), good, 'as read back from an upper-case QR code');
});

test('key-share and join-request rumors: hostile content is refused clearly', () => {
  const sender = 'd'.repeat(64);
  const content = fc.oneof(
    fc.string(),
    fc.json(),
    fc.record({ v: fc.oneof(fc.constant(1), fc.integer()), circle: fc.oneof(hexa(), fc.constant('e'.repeat(32))), name: fc.string(), epoch: fc.oneof(fc.integer(), fc.double()), secret: hexa(), members: fc.array(hexa()) }).map((o) => JSON.stringify(o)),
    fc.record({ v: fc.constant(1), circle: fc.constant('e'.repeat(32)), secret: hexa() }).map((o) => JSON.stringify(o)),
  );
  fc.assert(
    fc.property(fc.constantFrom(CircleKind.KeyShare, CircleKind.JoinRequest, 1, Kind.Testimony), content, (kind, c) => {
      const rumor = { kind, pubkey: sender, content: c, tags: [], created_at: 0 };
      for (const parse of [parseKeyShare, parseJoinRequest]) {
        try {
          parse(rumor);
        } catch (e) {
          assert.ok(isKeruenError(e), String(e));
        }
      }
    }),
    { numRuns: 2000 },
  );
  assert.ok(refusedClearly(() => parseKeyShare(null)));
  assert.ok(refusedClearly(() => parseKeyShare({ kind: CircleKind.KeyShare, pubkey: sender, content: 'x'.repeat(40_000) })));
  assert.ok(refusedClearly(() => parseJoinRequest({ kind: CircleKind.JoinRequest, pubkey: 'X', content: '{}' })));
});

test('a refused key share or join request changes no circle; a forged inner record is refused', () => {
  const root = mkdtempSync(join(tmpdir(), 'keruen-circle-hostile-'));
  const self = generateSecretKey();
  const selfKey = getPublicKey(self);
  const store = SqliteStore.open(':memory:');
  const book = new CircleBook(root);
  const circle = newCircle('ours', selfKey);
  book.put(circle);
  const stranger = generateSecretKey();
  // A stranger rotates our circle: refused (not a member). A join request with a made-up secret: refused.
  const fakeShare = { v: 1, circle: circle.id, name: 'ours', epoch: 9, secret: 'f'.repeat(64), members: [selfKey, getPublicKey(stranger)] };
  store.put(verifyWireEvent(wrapEvent({ kind: CircleKind.KeyShare, content: JSON.stringify(fakeShare), tags: [], created_at: 1 }, stranger, selfKey)));
  store.put(verifyWireEvent(wrapEvent({ kind: CircleKind.JoinRequest, content: JSON.stringify({ v: 1, circle: circle.id, secret: '0'.repeat(32) }), tags: [], created_at: 1 }, stranger, selfKey)));
  const report = book.receive(store, self, selfKey);
  assert.equal(report.refused.length, 2);
  assert.deepEqual(report.admitted, []);
  assert.deepEqual(book.find('ours'), circle, 'unchanged');

  // A wrap to the circle whose inner event has a broken signature: never stored in clear.
  const author = generateSecretKey();
  const record = signEvent({ kind: Kind.Testimony, created_at: 1_641_380_400, tags: [], content: '{"text":"x"}' }, author);
  const forged = { ...record, content: '{"text":"changed"}' } as typeof record;
  assert.throws(() => unwrapCircleRecord(wrapForCircle(forged, author, circle), hexBytes(circle.secret)), { code: 'invalid_id' });
  assert.equal(unwrapCircleRecord(wrapForCircle(record, author, circle), hexBytes(circle.secret)).id, record.id);
  book.close();
  store.close();
});

test('AUTH events: anything but a signed answer to this connection\'s challenge is refused clearly', () => {
  const auth = new ConnectionAuth({ isPeer: () => false });
  const key = generateSecretKey();
  fc.assert(
    fc.property(fc.oneof(fc.anything(), fc.record({ kind: fc.integer(), tags: fc.array(fc.array(fc.string())), content: fc.string() })), (raw) => {
      assert.ok(refusedClearly(() => auth.answer(raw)));
    }),
    { numRuns: 1000 },
  );
  const wrongKind = signEvent({ kind: 1, created_at: Math.floor(Date.now() / 1000), tags: [['challenge', auth.challenge], ['relay', 'ws://x']], content: '' }, key);
  assert.throws(() => auth.answer(wrongKind), /kind 22242/);
  const stale = signEvent({ kind: 22242, created_at: 1000, tags: [['challenge', auth.challenge], ['relay', 'ws://x']], content: '' }, key);
  assert.throws(() => auth.answer(stale), /created_at/);
  assert.deepEqual(auth.keys, []);
  const good = signEvent({ kind: 22242, created_at: Math.floor(Date.now() / 1000), tags: [['challenge', auth.challenge], ['relay', 'ws://x']], content: '' }, key);
  auth.answer(good);
  assert.deepEqual(auth.keys, [getPublicKey(key)]);
});
