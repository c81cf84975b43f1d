// Independent sources, not repetitions: the count behind people, events and claims.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { VerifiedEvent } from '../../src/core/event.ts';
import { Kind } from '../../src/core/kinds.ts';
import type { Ref } from '../../src/core/records.ts';
import { buildClaims, buildPeople, buildTimeline, corroboration, type Behind } from '../../src/core/views/index.ts';
import { newKey, record } from '../helpers/records.ts';

const witness = newKey();
const other = newKey();
const documenter = newKey();
const curator = newKey();

const sourceDoc = (sk: Uint8Array, title: string, at: number): VerifiedEvent =>
  record(sk, Kind.SourceDocument, { lang: 'en', title, sha256: String(at % 10).repeat(64), size: 10, mime: 'text/plain' }, [], at);
const articleA = sourceDoc(documenter, 'Article A', 1);
const articleB = sourceDoc(documenter, 'Article B', 2);

const cite = (doc: VerifiedEvent, quote = 'q') => ({ sources: [{ source: doc.id, quote }] });
const srcRef = (doc: VerifiedEvent): Ref => ({ id: doc.id, role: 'source' });

function testimony(sk: Uint8Array, text: string, at: number, doc?: VerifiedEvent, refs: Ref[] = []): VerifiedEvent {
  return record(sk, Kind.Testimony, { lang: 'en', text, witness: { description: 'a resident', firsthand: true }, ...(doc ? cite(doc) : {}) }, [...(doc ? [srcRef(doc)] : []), ...refs], at);
}

void test('the same author twice counts once; two authors in their own words count twice', () => {
  const t1 = testimony(witness, 'I saw smoke.', 10);
  const t2 = testimony(witness, 'I saw smoke again.', 11);
  const t3 = testimony(other, 'I heard shots.', 12);
  const claim = record(documenter, Kind.Claim, { lang: 'en', statement: 'Nothing happened.', claimant: { name: 'Official' } }, [], 5);
  const contra = (ev: VerifiedEvent[], at: number) =>
    record(curator, Kind.Assessment, { lang: 'en', verdict: 'contradicts', note: 'Witnesses say otherwise.' }, [{ id: claim.id, role: 'target' }, ...ev.map((e): Ref => ({ id: e.id, role: 'evidence' }))], at);
  const [one] = buildClaims([claim, t1, t2, contra([t1, t2], 20)]);
  assert.deepEqual(one?.corroboration.contradiction, { sources: 1, records: 2, authors: 1, documents: 0 });
  const [two] = buildClaims([claim, t1, t2, t3, contra([t1, t2], 20), contra([t3], 21)]);
  assert.deepEqual(two?.corroboration.contradiction, { sources: 2, records: 3, authors: 2, documents: 0 });
  assert.deepEqual(two?.corroboration.support, { sources: 0, records: 0, authors: 0, documents: 0 });
});

void test('two authors citing one article are one source; the article given as evidence too', () => {
  const t1 = testimony(witness, 'As the paper wrote.', 10, articleA);
  const t2 = testimony(other, 'As the same paper wrote.', 11, articleA);
  const claim = record(documenter, Kind.Claim, { lang: 'en', statement: 'Troops fired.', claimant: { name: 'Paper' } }, [], 5);
  const a = record(curator, Kind.Assessment, { lang: 'en', verdict: 'supports', note: 'Both retell article A.' }, [{ id: claim.id, role: 'target' }, { id: t1.id, role: 'evidence' }, { id: t2.id, role: 'evidence' }, { id: articleA.id, role: 'evidence' }], 20);
  const [c] = buildClaims([articleA, claim, t1, t2, a]);
  assert.deepEqual(c?.corroboration.support, { sources: 1, records: 3, authors: 3, documents: 1 });
});

void test('one documenter transcribing two different articles gives two sources; a chain through a shared article is one', () => {
  const e1 = testimony(documenter, 'From A.', 10, articleA);
  const e2 = testimony(documenter, 'From B.', 11, articleB);
  assert.equal(corroboration([e1, e2].map((e, i): Behind => ({ id: e.id, pubkey: e.pubkey, documents: [i === 0 ? articleA.id : articleB.id] }))).sources, 2);
  // A cites X, B cites X and Y, C cites Y: all one.
  const chain: Behind[] = [
    { id: 'a', pubkey: 'p1', documents: ['x'] },
    { id: 'b', pubkey: 'p2', documents: ['x', 'y'] },
    { id: 'c', pubkey: 'p3', documents: ['y'] },
  ];
  assert.deepEqual(corroboration(chain), { sources: 1, records: 3, authors: 3, documents: 2 });
  // The same record given twice is one record.
  assert.deepEqual(corroboration([chain[0] as Behind, chain[0] as Behind]), { sources: 1, records: 1, authors: 1, documents: 1 });
  assert.deepEqual(corroboration([]), { sources: 0, records: 0, authors: 0, documents: 0 });
});

void test('people: person record and status reports counted by origin', () => {
  const person = record(documenter, Kind.PersonOfConcern, { lang: 'en', name: 'A. Journalist', ...cite(articleA) }, [srcRef(articleA)], 10);
  const s1 = record(documenter, Kind.PersonStatus, { lang: 'en', status: 'detained', ...cite(articleA) }, [{ id: person.id, role: 'person' }, srcRef(articleA)], 11);
  const s2 = record(witness, Kind.PersonStatus, { lang: 'en', status: 'detained' }, [{ id: person.id, role: 'person' }], 12);
  const s3 = record(witness, Kind.PersonStatus, { lang: 'en', status: 'detained', note: 'still held' }, [{ id: person.id, role: 'person' }], 13);
  const [p] = buildPeople([articleA, person, s1, s2, s3]);
  // Article A (person + first report) and the witness (two reports in their own words).
  assert.deepEqual(p?.corroboration, { sources: 2, records: 4, authors: 2, documents: 1 });
});

void test('timeline events: the event and its testimonies, by origin', () => {
  const ev = record(documenter, Kind.Event, { lang: 'en', title: 'Square cleared', summary: 'Troops cleared the square.', when: { from: '2022-01-06', precision: 'day' }, categories: ['clash'], ...cite(articleB) }, [srcRef(articleB)], 10);
  const t1 = testimony(witness, 'They came at dawn.', 11, undefined, [{ id: ev.id, role: 'event' }]);
  const t2 = testimony(witness, 'They had trucks.', 12, undefined, [{ id: ev.id, role: 'event' }]);
  const t3 = testimony(other, 'I read it in B.', 13, articleB, [{ id: ev.id, role: 'event' }]);
  const tl = buildTimeline([articleB, ev, t1, t2, t3]);
  assert.deepEqual(tl.days[0]?.events[0]?.corroboration, { sources: 2, records: 4, authors: 3, documents: 1 });
});

const behindArb = fc.record({
  id: fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r5', 'r6'),
  pubkey: fc.constantFrom('k1', 'k2', 'k3'),
  documents: fc.uniqueArray(fc.constantFrom('d1', 'd2', 'd3', 'd4'), { maxLength: 3 }),
});

void test('fast-check: order does not matter; sources ≤ records and ≤ distinct origins; a repeat by a known author adds none', () => {
  fc.assert(
    fc.property(fc.uniqueArray(behindArb, { selector: (b) => b.id, maxLength: 6 }), fc.integer(), (list, seed) => {
      const shuffled = [...list].sort((a, b) => ((a.id.charCodeAt(1) * (seed | 1)) % 7) - ((b.id.charCodeAt(1) * (seed | 1)) % 7));
      const c = corroboration(list);
      assert.deepEqual(corroboration(shuffled), c);
      assert.ok(c.sources <= c.records);
      assert.ok(c.sources <= new Set(list.flatMap((b) => (b.documents.length ? b.documents.map((d) => `d${d}`) : [`a${b.pubkey}`]))).size);
      // Every record added by an author already counted, in their own words, adds no source.
      const known = list.find((b) => b.documents.length === 0);
      if (known) assert.equal(corroboration([...list, { id: 'extra', pubkey: known.pubkey, documents: [] }]).sources, c.sources);
    }),
    { numRuns: 300 },
  );
});
