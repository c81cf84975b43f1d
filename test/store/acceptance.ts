/**
 * The acceptance suite every EventStore adapter must pass (SQLite, in-memory, later PostgreSQL).
 * Filter semantics are checked against nostr-tools' matchFilter, the reference.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { matchFilter } from 'nostr-tools/filter';
import type { VerifiedEvent } from '../../src/core/event.ts';
import type { EventStore, Filter } from '../../src/store/types.ts';
import { author, testimony, type Author } from './helpers.ts';

const ids = (events: readonly VerifiedEvent[]) => events.map((e) => e.id);

function newestFirst(a: VerifiedEvent, b: VerifiedEvent): number {
  return b.created_at - a.created_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** What a store must return for `filters`, computed from the events it holds with matchFilter. */
function expected(stored: readonly VerifiedEvent[], filters: readonly Filter[]): string[] {
  const out = new Map<string, VerifiedEvent>();
  const sorted = [...stored].sort(newestFirst);
  for (const f of filters) {
    const isEmptyList = Object.entries(f).some(([k, v]) => (k === 'ids' || k === 'kinds' || k === 'authors' || k.startsWith('#')) && Array.isArray(v) && v.length === 0);
    const limit = isEmptyList ? 0 : (f.limit ?? Infinity);
    sorted.filter((e) => matchFilter(f, e)).slice(0, limit).forEach((e) => out.set(e.id, e));
  }
  return ids([...out.values()].sort(newestFirst));
}

/** A fixed pool of signed events with overlapping authors, kinds, tags and timestamps. */
function makePool(): { pool: VerifiedEvent[]; authors: Author[] } {
  const authors = [author(), author(), author()];
  const kinds = [1, 4861, 4862, 0, 30023, 5];
  const tagValues = ['a1', 'b2', 'c3'];
  const pool: VerifiedEvent[] = [];
  for (let i = 0; i < 48; i++) {
    const a = authors[i % 3]!;
    const kind = kinds[i % kinds.length]!;
    const tags: string[][] = [['t', tagValues[i % 3]!]];
    if (i % 4 === 0) tags.push(['p', authors[(i + 1) % 3]!.pubkey]);
    if (i % 5 === 0) tags.push(['subject', tagValues[(i + 1) % 3]!]);
    if (kind === 30023) tags.push(['d', `slot${i % 2}`]);
    // Deletion requests aim at earlier pool events, some the author's own, some not.
    if (kind === 5 && pool.length > 0) tags.push(['e', pool[(i * 7) % pool.length]!.id]);
    pool.push(a.sign(kind, 1000 + (i % 7), tags, `note ${i}`));
  }
  return { pool, authors };
}

export function runStoreAcceptance(name: string, makeStore: () => EventStore): void {
  void describe(`${name}: EventStore acceptance`, () => {
    void test('put is idempotent and get returns the same event', () => {
      const store = makeStore();
      const alice = author();
      const e = alice.sign(1, 1000, [['t', 'x']], 'hello');
      assert.deepEqual(store.put(e), { status: 'stored' });
      assert.deepEqual(store.put(e), { status: 'duplicate' });
      assert.deepEqual(store.putMany([e, e]), [{ status: 'duplicate' }, { status: 'duplicate' }]);
      assert.deepEqual(store.get(e.id), e);
      assert.equal(store.count([{}]), 1);
      store.close();
    });

    void test('replaceable: newer replaces, older is refused, ties go to the lowest id', () => {
      const store = makeStore();
      const alice = author();
      const v1 = alice.sign(0, 100, [], '{"name":"a"}');
      const v2 = alice.sign(0, 200, [], '{"name":"b"}');
      const old = alice.sign(0, 150, [], '{"name":"c"}');
      assert.equal(store.put(v1).status, 'stored');
      assert.equal(store.put(v2).status, 'stored');
      assert.equal(store.get(v1.id), undefined);
      assert.equal(store.put(old).status, 'superseded');
      assert.deepEqual(ids(store.query([{ kinds: [0], authors: [alice.pubkey] }])), [v2.id]);
      const tie = alice.sign(0, 200, [], '{"name":"d"}');
      const [low, high] = tie.id < v2.id ? [tie, v2] : [v2, tie];
      store.put(tie);
      assert.deepEqual(ids(store.query([{ kinds: [0] }])), [low.id]);
      assert.equal(store.put(high).status, 'superseded', 'the tie-loser is not kept, whichever came first');
      assert.ok(store.get(low.id));
      store.close();
    });

    void test('addressable: one version per pubkey, kind and d tag', () => {
      const store = makeStore();
      const alice = author();
      const a1 = alice.sign(30023, 100, [['d', 'x']], 'a1');
      const b1 = alice.sign(30023, 100, [['d', 'y']], 'b1');
      const a2 = alice.sign(30023, 300, [['d', 'x']], 'a2');
      const aOld = alice.sign(30023, 200, [['d', 'x']], 'a-old');
      for (const e of [a1, b1, a2]) assert.equal(store.put(e).status, 'stored');
      assert.equal(store.put(aOld).status, 'superseded');
      assert.deepEqual(new Set(ids(store.query([{ kinds: [30023] }]))), new Set([a2.id, b1.id]));
      store.close();
    });

    void test('ephemeral kinds are not stored', () => {
      const store = makeStore();
      const e = author().sign(20001, 100, [], 'typing');
      assert.notEqual(store.put(e).status, 'stored');
      assert.equal(store.get(e.id), undefined);
      store.close();
    });

    void test("NIP-09: the author's own deletion removes, someone else's does nothing", () => {
      const store = makeStore();
      const [alice, mallory] = [author(), author()];
      const a = alice.sign(1, 100, [], 'mine');
      const b = alice.sign(1, 101, [], 'mine too');
      store.putMany([a, b]);
      const forged = mallory.sign(5, 200, [['e', a.id]], 'not yours');
      assert.equal(store.put(forged).status, 'stored');
      assert.ok(store.get(a.id), "another author's deletion must not remove the event");
      const del = alice.sign(5, 200, [['e', a.id]], 'retracting');
      assert.equal(store.put(del).status, 'stored');
      assert.equal(store.get(a.id), undefined);
      assert.ok(store.get(b.id));
      assert.ok(store.get(del.id), 'deletion requests are stored');
      assert.equal(store.put(a).status, 'superseded', 'a deleted event arriving again is refused');
      // A deletion request cannot itself be deleted.
      const undo = alice.sign(5, 300, [['e', del.id]], '');
      store.put(undo);
      assert.ok(store.get(del.id));
      store.close();
    });

    void test('NIP-09: a deletion that arrives before its target', () => {
      const store = makeStore();
      const [alice, mallory] = [author(), author()];
      const a = alice.sign(1, 100, [], 'later');
      store.put(mallory.sign(5, 50, [['e', a.id]], ''));
      store.put(alice.sign(5, 200, [['e', a.id]], ''));
      assert.equal(store.put(a).status, 'superseded');
      const b = alice.sign(1, 100, [], 'only mallory asked');
      store.put(mallory.sign(5, 50, [['e', b.id]], ''));
      assert.equal(store.put(b).status, 'stored');
      store.close();
    });

    void test('NIP-09: "a" tags delete an address up to the deletion time', () => {
      const store = makeStore();
      const [alice, mallory] = [author(), author()];
      const v1 = alice.sign(30023, 100, [['d', 'doc']], 'v1');
      store.put(v1);
      store.put(mallory.sign(5, 500, [['a', `30023:${alice.pubkey}:doc`]], ''));
      assert.ok(store.get(v1.id));
      store.put(alice.sign(5, 150, [['a', `30023:${alice.pubkey}:doc`]], ''));
      assert.equal(store.get(v1.id), undefined);
      assert.equal(store.put(alice.sign(30023, 120, [['d', 'doc']], 'v-mid')).status, 'superseded');
      assert.equal(store.put(alice.sign(30023, 200, [['d', 'doc']], 'v2')).status, 'stored');
      store.close();
    });

    void test('query agrees with nostr-tools matchFilter on random data', () => {
      const { pool, authors } = makePool();
      const values = {
        ids: fc.subarray(pool.map((e) => e.id)),
        authors: fc.subarray(authors.map((a) => a.pubkey)),
        kinds: fc.subarray([0, 1, 5, 4861, 4862, 30023, 7]),
        tagValues: fc.subarray(['a1', 'b2', 'c3', 'zz']),
      };
      const filterArb: fc.Arbitrary<Filter> = fc
        .record(
          {
            ids: values.ids,
            authors: values.authors,
            kinds: values.kinds,
            '#t': values.tagValues,
            '#p': values.authors,
            '#subject': values.tagValues,
            since: fc.integer({ min: 0, max: 1008 }),
            until: fc.integer({ min: 0, max: 1008 }),
            limit: fc.integer({ min: 0, max: 12 }),
          },
          { requiredKeys: [] },
        )
        .map((f) => f as Filter);
      fc.assert(
        fc.property(fc.shuffledSubarray(pool), fc.array(filterArb, { minLength: 1, maxLength: 3 }), (events, filters) => {
          const store = makeStore();
          try {
            store.putMany(events);
            const stored = [...store.iterate(7)];
            assert.deepEqual(ids(store.query([{}])), expected(stored, [{}]));
            assert.deepEqual(ids(store.query(filters)), expected(stored, filters));
            assert.equal(store.count(filters), expected(stored, filters).length);
          } finally {
            store.close();
          }
        }),
        { numRuns: 150 },
      );
    });

    void test('the end state does not depend on arrival order', () => {
      const { pool } = makePool();
      fc.assert(
        fc.property(fc.shuffledSubarray(pool, { minLength: pool.length }), (order) => {
          const [a, b] = [makeStore(), makeStore()];
          a.putMany(pool);
          for (const e of order) b.put(e);
          assert.deepEqual(ids([...b.iterate()]), ids([...a.iterate()]));
          a.close();
          b.close();
        }),
        { numRuns: 30 },
      );
    });

    void test('iterate pages through everything, oldest first', () => {
      const store = makeStore();
      const alice = author();
      const events = Array.from({ length: 23 }, (_, i) => alice.sign(1, 1000 + (i % 5), [], `n${i}`));
      store.putMany(events);
      const got = [...store.iterate(4)];
      assert.equal(got.length, 23);
      for (let i = 1; i < got.length; i++) {
        const [a, b] = [got[i - 1]!, got[i]!];
        assert.ok(a.created_at < b.created_at || (a.created_at === b.created_at && a.id < b.id), 'oldest first, ties by id');
      }
      store.close();
    });

    void test('search matches across scripts and spellings', () => {
      const store = makeStore();
      const alice = author();
      const zh = testimony(alice, 'Oil workers in Zhanaozen went on strike on 2 January.');
      const tk = testimony(alice, 'Le président Tokaïev a parlé de « terroristes ».');
      const other = testimony(alice, 'The internet was cut in Almaty.');
      const ev = alice.sign(4862, 100, [['title', 'Grève à Janaozen']], '{}');
      store.putMany([zh, tk, other, ev]);
      for (const q of ['Жанаозен', 'Janaozen', 'zhanaozen', 'Zhanao']) {
        assert.ok(ids(store.search(q).map((h) => h.event)).includes(zh.id), `"${q}" finds Zhanaozen`);
      }
      for (const q of ['Tokaev', 'Токаев', 'Tokayev', 'tokaiev']) {
        assert.deepEqual(ids(store.search(q).map((h) => h.event)), [tk.id], `"${q}" finds Tokaïev`);
      }
      assert.deepEqual(ids(store.search('Жанаозен', { kinds: [4862] }).map((h) => h.event)), [ev.id]);
      assert.deepEqual(ids(store.search('strike Жанаозен').map((h) => h.event)), [zh.id], 'terms are AND-ed');
      assert.equal(store.search('zhanaozen', { limit: 1 }).length, 1);
      assert.deepEqual(store.search('   '), []);
      store.close();
    });

    void test('hostile search strings never throw', () => {
      const store = makeStore();
      store.put(testimony(author(), 'Zhanaozen AND NEAR strike "quoted" (parens) -minus *star'));
      const syntax = fc.constantFrom('"', '*', 'AND', 'OR', 'NOT', 'NEAR(', ')', '(', '-', '^', ':', '{', '}', '+', "'", '\\', 'body:', '\u0000');
      const piece = fc.oneof(syntax, fc.string(), fc.string({ unit: 'binary' }));
      fc.assert(
        fc.property(fc.array(piece, { maxLength: 8 }), fc.constantFrom(' ', '', '\t'), (parts, sep) => {
          const hits = store.search(parts.join(sep));
          assert.ok(Array.isArray(hits));
        }),
        { numRuns: 400 },
      );
      store.close();
    });
  });
}
