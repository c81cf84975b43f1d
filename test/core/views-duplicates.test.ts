// Curators' "duplicates" assessments merge people and events in the views, never silently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { getPublicKey } from 'nostr-tools/pure';
import { signEvent, type VerifiedEvent } from '../../src/core/event.ts';
import { Kind } from '../../src/core/kinds.ts';
import type { Ref } from '../../src/core/records.ts';
import { buildPeople, buildPerson, buildTimeline } from '../../src/core/views/index.ts';
import { newKey, record } from '../helpers/records.ts';

const documenter = newKey();
const witness = newKey();
const curator = newKey();
const curator2 = newKey();
const profile = signEvent({ kind: Kind.Profile, created_at: 1, tags: [], content: JSON.stringify({ name: 'Curator Aigul' }) }, curator);

const person = (name: string, at: number, aliases?: string[]) => record(documenter, Kind.PersonOfConcern, { lang: 'en', name, ...(aliases ? { aliases } : {}) }, [], at);
const latin = person('Makhambet Abzhan', 10);
const cyrillic = person('Махамбет Абжан', 20, ['М. Абжан']);
const third = person('M. Abjan', 30);
const stranger = person('Someone else', 40);
const status = (p: VerifiedEvent, s: string, at: number, sk = witness) => record(sk, Kind.PersonStatus, { lang: 'en', status: s }, [{ id: p.id, role: 'person' }], at);
const detained = status(latin, 'detained', 50);
const missing = status(cyrillic, 'missing', 60, documenter);
const same = (a: VerifiedEvent, b: VerifiedEvent, note: string, at: number, sk = curator) =>
  record(sk, Kind.Assessment, { lang: 'en', verdict: 'duplicates', note }, [{ id: a.id, role: 'target' }, { id: b.id, role: 'evidence' }], at);
const d1 = same(cyrillic, latin, 'Same journalist: Cyrillic spelling of the same name, same newsroom.', 100);
const d2 = same(third, cyrillic, 'French transliteration of the same name.', 110, curator2);

const archive = [profile, latin, cyrillic, third, stranger, detained, missing, d1, d2];

void test('duplicates merge people transitively under the oldest record, showing names, decisions, reasons and who decided', () => {
  const people = buildPeople(archive);
  assert.deepEqual(people.map((p) => p.name), ['Makhambet Abzhan', 'Someone else']);
  const m = people[0];
  assert.ok(m);
  assert.equal(m.id, latin.id);
  assert.deepEqual(m.aliases, ['Махамбет Абжан', 'М. Абжан', 'M. Abjan']);
  assert.deepEqual(m.merged.ids, [cyrillic.id, third.id]);
  assert.deepEqual(
    m.merged.decisions.map((d) => [d.id, d.records, d.note, d.attribution.name ?? d.attribution.pubkey]),
    [
      [d1.id, [cyrillic.id, latin.id], 'Same journalist: Cyrillic spelling of the same name, same newsroom.', 'Curator Aigul'],
      [d2.id, [third.id, cyrillic.id], 'French transliteration of the same name.', getPublicKey(curator2)],
    ],
  );
  // The reports about every merged record are in one history.
  assert.deepEqual(m.history.map((h) => h.id).sort(), [detained.id, missing.id].sort());
  assert.deepEqual(people[1]?.merged, { ids: [], decisions: [] });
  // Asking for a merged-away record gives the merged person.
  assert.equal(buildPerson(archive, third.id)?.id, latin.id);
});

void test('a duplicates assessment across kinds, or of a record with itself, merges nothing', () => {
  const ev = record(documenter, Kind.Event, { lang: 'en', title: 'Arrest', summary: 'He was arrested.', when: { from: '2022-01-06', precision: 'day' }, categories: ['arrest'] }, [], 15);
  const cross = same(stranger, ev, 'Not the same kind.', 120);
  const self = same(stranger, stranger, 'Itself.', 130);
  const people = buildPeople([latin, stranger, ev, cross, self]);
  assert.deepEqual(people.map((p) => [p.name, p.merged.ids.length]), [['Makhambet Abzhan', 0], ['Someone else', 0]]);
});

void test('duplicates merge timeline events: one event, testimonies of both, the decision shown', () => {
  const when = { from: '2022-01-05T16:00+06:00', precision: 'hour' as const };
  const e1 = record(documenter, Kind.Event, { lang: 'en', title: 'Akimat burns', summary: 'The akimat burned.', when, categories: ['arson'] }, [], 10);
  const e2 = record(witness, Kind.Event, { lang: 'ru', title: 'Горит акимат', summary: 'Акимат горит.', when, categories: ['arson'] }, [], 20);
  const t1 = record(witness, Kind.Testimony, { lang: 'ru', text: 'Я видел дым.', witness: { description: 'a resident', firsthand: true } }, [{ id: e2.id, role: 'event' } as Ref], 30);
  const dup = same(e2, e1, 'Same fire, same hour, same building.', 40);
  const tl = buildTimeline([e1, e2, t1, dup]);
  assert.equal(tl.totals.events, 1);
  const [ev] = tl.days[0]?.events ?? [];
  assert.equal(ev?.id, e1.id);
  assert.deepEqual(ev?.testimonies.map((t) => t.id), [t1.id]);
  assert.deepEqual(ev?.merged.ids, [e2.id]);
  assert.equal(ev?.merged.decisions[0]?.note, 'Same fire, same hour, same building.');
  // The documenter's event, and the witness's event and testimony (same author, own words): two sources, three records.
  assert.deepEqual(ev?.corroboration, { sources: 2, records: 3, authors: 2, documents: 0 });
});

void test('fast-check: merging does not depend on the order records arrive in, nor on which side is the target', () => {
  const swapped = [same(latin, cyrillic, 'Same journalist: Cyrillic spelling of the same name, same newsroom.', 100), same(cyrillic, third, 'French transliteration of the same name.', 110, curator2)];
  const reference = buildPeople(archive).map((p) => [p.id, p.name, p.aliases.length, p.merged.ids, p.history.map((h) => h.id).sort(), p.corroboration]);
  fc.assert(
    fc.property(fc.shuffledSubarray(archive, { minLength: archive.length, maxLength: archive.length }), fc.boolean(), (order, swap) => {
      const input = swap ? [...order.filter((e) => e !== d1 && e !== d2), ...swapped] : order;
      const got = buildPeople(input).map((p) => [p.id, p.name, p.aliases.length, p.merged.ids, p.history.map((h) => h.id).sort(), p.corroboration]);
      assert.deepEqual(got, reference);
      if (!swap) assert.deepEqual(buildPeople(input), buildPeople(archive));
    }),
    { numRuns: 200 },
  );
});

void test('fast-check: any mix of assessments (any verdict, self, cross-kind, unknown ids, cycles) loses no person and shows each once', () => {
  const ev = record(documenter, Kind.Event, { lang: 'en', title: 'Arrest', summary: 'He was arrested.', when: { from: '2022-01-06', precision: 'day' }, categories: ['arrest'] }, [], 15);
  const pool = [latin, cyrillic, third, stranger, ev];
  const unknown = 'ff'.repeat(32);
  const idArb = fc.oneof(fc.constantFrom(...pool.map((p) => p.id)), fc.constant(unknown));
  const assessmentArb = fc.record({
    verdict: fc.constantFrom('verifies', 'supports', 'contradicts', 'duplicates'),
    target: idArb,
    evidence: fc.uniqueArray(idArb, { minLength: 1, maxLength: 3 }),
    at: fc.integer({ min: 0, max: 1000 }),
  });
  fc.assert(
    fc.property(fc.array(assessmentArb, { maxLength: 8 }), (list) => {
      const judged = list.map((a, i) =>
        record(i % 2 ? curator : curator2, Kind.Assessment, { lang: 'en', verdict: a.verdict, note: `n${i}` }, [{ id: a.target, role: 'target' }, ...a.evidence.map((id): Ref => ({ id, role: 'evidence' }))], a.at),
      );
      const people = buildPeople([...pool, detained, missing, ...judged]);
      const shown = people.flatMap((p) => [p.id, ...p.merged.ids]).sort();
      assert.deepEqual(shown, [latin, cyrillic, third, stranger].map((p) => p.id).sort(), 'every person record is shown once, as itself or merged');
      for (const p of people) for (const d of p.merged.decisions) assert.ok(d.note.startsWith('n'), 'each merge names its decision');
      assert.deepEqual(people.flatMap((p) => p.history.map((h) => h.id)).sort(), [detained.id, missing.id].sort(), 'no status report lost');
      const tl = buildTimeline([...pool, ...judged]);
      assert.equal(tl.totals.events, 1);
    }),
    { numRuns: 100 },
  );
});
