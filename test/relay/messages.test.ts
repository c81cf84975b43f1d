/** Wire message parsing and guards, without a socket. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isRelayMessage, parseClientMessage, relayMessage } from '../../src/relay/messages.ts';
import { DEFAULT_LIMITS, TokenBucket } from '../../src/relay/limits.ts';

const parse = (v: unknown) => parseClientMessage(JSON.stringify(v), DEFAULT_LIMITS);

void test('client messages parse into the discriminated union', () => {
  const filter = { ids: ['a'.repeat(64)], kinds: [4861], '#e': ['b'.repeat(64)], since: 0, until: 10, limit: 5 };
  assert.deepEqual(parse(['REQ', 's', filter, {}]), { ok: true, message: { type: 'REQ', subId: 's', filters: [filter, {}] } });
  assert.deepEqual(parse(['COUNT', 'c', { authors: ['c'.repeat(64)] }]), { ok: true, message: { type: 'COUNT', subId: 'c', filters: [{ authors: ['c'.repeat(64)] }] } });
  assert.deepEqual(parse(['CLOSE', 's']), { ok: true, message: { type: 'CLOSE', subId: 's' } });
  assert.deepEqual(parse(['EVENT', { any: 'thing' }]), { ok: true, message: { type: 'EVENT', event: { any: 'thing' } } });
});

void test('refusals name the subscription or the event when they can', () => {
  const req = parse(['REQ', 'sub', { kinds: ['1'] }]);
  assert.equal(req.ok, false);
  assert.equal(!req.ok && req.subId, 'sub');
  assert.match(!req.ok ? req.error.message : '', /^filter 0\.kinds\.0: /);
  const ev = parse(['EVENT', { id: 'abc' }, 'extra']);
  assert.equal(!ev.ok && ev.eventId, 'abc');
  const longId = parse(['EVENT', { id: 'x'.repeat(1000) }, 'extra']);
  assert.equal(!longId.ok && longId.eventId, undefined, 'a garbage id is never echoed back');
});

void test('every relay message the relay builds passes the guard; garbage does not', () => {
  const ev = { id: 'a', pubkey: 'b', created_at: 1, kind: 1, tags: [], content: '', sig: 'c' };
  for (const m of [relayMessage.event('s', ev), relayMessage.ok('a', true), relayMessage.eose('s'), relayMessage.closed('s', 'x'), relayMessage.notice('n'), relayMessage.count('s', 3)])
    assert.ok(isRelayMessage(m), JSON.stringify(m));
  fc.assert(fc.property(fc.jsonValue(), (v) => !isRelayMessage(v) || (Array.isArray(v) && typeof v[0] === 'string')));
  assert.equal(isRelayMessage(['OK', 'a', 'true', '']), false);
  assert.equal(isRelayMessage(['EOSE']), false);
});

void test('token bucket: a burst, then the refill rate', () => {
  let now = 0;
  const bucket = new TokenBucket(2, 3, () => now);
  assert.deepEqual([bucket.take(), bucket.take(), bucket.take(), bucket.take()], [true, true, true, false]);
  now += 500; // one token back at 2 per second
  assert.deepEqual([bucket.take(), bucket.take()], [true, false]);
  now += 10_000; // never more than the burst
  assert.equal([1, 2, 3, 4].filter(() => bucket.take()).length, 3);
});
