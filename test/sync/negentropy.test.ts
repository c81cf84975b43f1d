/**
 * Conformance of our negentropy responder: nostr-tools' Negentropy (initiator-only, an
 * independent implementation of the same spec) and our own initiator reconcile against it,
 * and what they find must be exactly the true set differences.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { nip77 } from 'nostr-tools';
import { Negentropy, VectorStorage, type NegItem } from '../../src/sync/negentropy/index.ts';
import { isKeruenError } from '../../src/core/errors.ts';
import { Reader, Writer } from '../../src/sync/negentropy/codec.ts';

export interface PairResult {
  have: Set<string>;
  need: Set<string>;
  rounds: number;
  bytes: number;
  largestReply: number;
}

/** Runs a whole reconciliation in process: `a` initiates, `b` (our responder) answers. */
export function reconcilePair(a: NegItem[], b: NegItem[], initiator: 'tools' | 'ours', frameSizeLimit = 60_000): PairResult {
  const responder = new Negentropy(VectorStorage.from(b), 'responder', { frameSizeLimit });
  const have = new Set<string>();
  const need = new Set<string>();
  let step: (reply: Uint8Array) => Uint8Array | null;
  let msg: Uint8Array | null;
  if (initiator === 'tools') {
    const storage = new nip77.NegentropyStorageVector();
    for (const x of a) storage.insert(x.created_at, x.id);
    storage.seal();
    // nostr-tools has no "no limit": its default stands in for 0.
    const neg = new nip77.Negentropy(storage, frameSizeLimit === 0 ? 60_000 : frameSizeLimit);
    msg = hexToBytes(neg.initiate());
    step = (reply) => {
      const next = neg.reconcile(bytesToHex(reply), (id) => have.add(id), (id) => need.add(id));
      return next === null ? null : hexToBytes(next);
    };
  } else {
    const neg = new Negentropy(VectorStorage.from(a), 'initiator', { frameSizeLimit });
    msg = neg.initiate();
    step = (reply) => {
      const r = neg.reconcile(reply);
      for (const id of r.have) have.add(id);
      for (const id of r.need) need.add(id);
      return r.message;
    };
  }
  let rounds = 0;
  let bytes = 0;
  let largestReply = 0;
  while (msg !== null) {
    if (++rounds > 100) throw new Error('no convergence after 100 rounds');
    const reply = responder.reconcile(msg).message;
    assert.ok(reply !== null, 'a responder always answers');
    bytes += msg.length + reply.length;
    largestReply = Math.max(largestReply, reply.length);
    msg = step(reply);
  }
  return { have, need, rounds, bytes, largestReply };
}

function difference(a: NegItem[], b: NegItem[]): Set<string> {
  const inB = new Set(b.map((x) => x.id));
  return new Set(a.filter((x) => !inB.has(x.id)).map((x) => x.id));
}

function assertExact(a: NegItem[], b: NegItem[], r: PairResult): void {
  assert.deepEqual([...r.have].sort(), [...difference(a, b)].sort(), 'have = A \\ B');
  assert.deepEqual([...r.need].sort(), [...difference(b, a)].sort(), 'need = B \\ A');
}

let counter = 0;
/** Deterministic distinct ids; `prefix` bytes shared by many ids exercise the id-prefix bounds. */
function item(createdAt: number, prefix = ''): NegItem {
  const n = (counter++).toString(16).padStart(16, '0');
  const hex = (prefix + n).padEnd(64, '7');
  return { created_at: createdAt, id: bytesToHex(hexToBytes(hex.slice(0, 64))) };
}

const INITIATORS = ['tools', 'ours'] as const;

/** An arbitrary item universe, each item on side A, side B or both. */
const universe = fc.array(
  fc.record({
    t: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1_600_000_000, max: 1_700_000_000 })),
    id: fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => bytesToHex(b)),
    // Ids sharing their first bytes force long minimal bounds.
    shared: fc.constantFrom('', 'abcdef', 'abcdef0123456789abcdef0123'),
    side: fc.constantFrom('a', 'b', 'both'),
  }),
  { maxLength: 400 },
);

function split(u: { t: number; id: string; shared: string; side: string }[]): { a: NegItem[]; b: NegItem[] } {
  const seen = new Set<string>();
  const a: NegItem[] = [];
  const b: NegItem[] = [];
  for (const x of u) {
    const id = (x.shared + x.id).slice(0, 64);
    if (seen.has(id)) continue;
    seen.add(id);
    const it = { created_at: x.t, id };
    if (x.side !== 'b') a.push(it);
    if (x.side !== 'a') b.push(it);
  }
  return { a, b };
}

for (const initiator of INITIATORS) {
  test(`${initiator} initiator vs our responder: random sets give exactly the set differences`, () => {
    fc.assert(
      fc.property(universe, fc.constantFrom(0, 4096, 60_000), (u, frame) => {
        const { a, b } = split(u);
        assertExact(a, b, reconcilePair(a, b, initiator, frame));
      }),
      { numRuns: 150 },
    );
  });

  test(`${initiator} initiator: disjoint, overlapping, identical, empty and one-sided sets`, () => {
    const shared = Array.from({ length: 300 }, (_, i) => item(1000 + i));
    const onlyA = Array.from({ length: 40 }, (_, i) => item(1000 + i * 7));
    const onlyB = Array.from({ length: 40 }, (_, i) => item(1003 + i * 7));
    const cases: Record<string, [NegItem[], NegItem[]]> = {
      disjoint: [onlyA, onlyB],
      overlapping: [[...shared, ...onlyA], [...shared, ...onlyB]],
      identical: [shared, shared],
      'both empty': [[], []],
      'initiator empty': [[], shared],
      'responder empty': [shared, []],
    };
    for (const [name, [a, b]] of Object.entries(cases)) {
      const r = reconcilePair(a, b, initiator);
      assertExact(a, b, r);
      if (name === 'identical' || name === 'both empty') assert.equal(r.rounds, 1, `${name}: one round trip`);
    }
  });

  test(`${initiator} initiator: 2,000 items on one timestamp, ids sharing long prefixes`, () => {
    const a: NegItem[] = [];
    const b: NegItem[] = [];
    for (let i = 0; i < 2000; i++) {
      const it = item(1_641_340_800, i % 2 === 0 ? 'ab'.repeat(14) : '');
      if (i % 97 !== 0) a.push(it);
      if (i % 89 !== 0) b.push(it);
    }
    assertExact(a, b, reconcilePair(a, b, initiator, 4096));
  });

  test(`${initiator} initiator: 10,000 items, 100 scattered differences, small frames stay under the limit`, () => {
    const base = Array.from({ length: 10_000 }, (_, i) => item(1_641_000_000 + Math.floor(i / 4)));
    const a = base.filter((_, i) => i % 200 !== 0);
    const b = base.filter((_, i) => i % 200 !== 100);
    for (const frame of [4096, 60_000]) {
      const r = reconcilePair(a, b, initiator, frame);
      assertExact(a, b, r);
      assert.ok(r.largestReply <= frame, `reply of ${r.largestReply} bytes over the ${frame}-byte frame limit`);
    }
  });
}

test('fingerprints agree with nostr-tools, so identical sets of 10,000 settle in one round trip', () => {
  const items = Array.from({ length: 10_000 }, (_, i) => item(1_641_000_000 + (i % 500)));
  const theirs = new nip77.NegentropyStorageVector();
  for (const x of items) theirs.insert(x.created_at, x.id);
  theirs.seal();
  const ours = VectorStorage.from(items);
  for (const [lo, hi] of [[0, 10_000], [0, 0], [17, 4242], [9999, 10_000]] as const) {
    assert.equal(bytesToHex(ours.fingerprint(lo, hi)), bytesToHex(theirs.fingerprint(lo, hi)));
  }
  assert.equal(reconcilePair(items, items, 'tools').rounds, 1);
});

test('the responder answers an unknown protocol version with its own, and rejects garbage with a coded error', () => {
  const responder = new Negentropy(VectorStorage.from([item(1)]), 'responder');
  assert.deepEqual([...responder.reconcile(Uint8Array.of(0x62)).message!], [0x61]);
  for (const bad of [Uint8Array.of(0x10), Uint8Array.of(0x61, 0x05), Uint8Array.of(0x61, 0x00, 0x00, 0x07), Uint8Array.of(0x61, 0x00, 0x21)]) {
    assert.throws(() => responder.reconcile(bad), (e) => isKeruenError(e) && e.code === 'usage');
  }
});

test('varints: shortest base-128, most significant digit first, exact up to 2^53 - 1', () => {
  const cases: [number, number[]][] = [[0, [0]], [127, [0x7f]], [128, [0x81, 0x00]], [16_384, [0x81, 0x80, 0x00]]];
  for (const [n, bytes] of cases) {
    const w = new Writer();
    w.varint(n);
    assert.deepEqual([...w.finish()], bytes);
  }
  for (const n of [1_641_340_800, 2 ** 32, Number.MAX_SAFE_INTEGER]) {
    const w = new Writer();
    w.varint(n);
    assert.equal(new Reader(w.finish()).varint(), n);
  }
  assert.throws(() => new Reader(Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f)).varint(), /varint too large/);
});
