import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kind } from '../../../src/core/kinds.ts';
import type { Ref } from '../../../src/core/records.ts';
import { buildPeople, buildPerson } from '../../../src/core/views/index.ts';
import { newKey, record } from '../../helpers/records.ts';
import * as F from './fixture.ts';

const people = buildPeople(F.archive);

void test('one entry per person of concern, by name, with who they are', () => {
  assert.deepEqual(
    people.map((p) => p.name),
    ['Makhambet Abzhan', 'Unnamed protester'],
  );
  const m = people[0];
  assert.deepEqual(m?.aliases, ['Махамбет Абжан']);
  assert.equal(m?.role, 'journalist');
  assert.equal(m?.description, 'Detained after reporting from the square.');
  assert.deepEqual(m?.attribution, { pubkey: F.pk.alice, name: 'Aigerim', createdAt: 1_641_600_000 });
});

void test('detained then released, from two reporters: history by `when`, current is the latest', () => {
  const m = buildPerson(F.archive, F.makhambet.id);
  assert.ok(m);
  assert.deepEqual(
    m.history.map((h) => [h.id, h.status, h.when?.from, h.attribution.name]),
    [
      [F.detained.id, 'detained', '2022-01-06', 'Aigerim'],
      [F.released.id, 'released', '2022-01-12', 'Mirror Almaty'],
    ],
  );
  // Bob's release was recorded before Alice's corrected detention report, but happened later.
  assert.equal(m.current?.id, F.released.id);
  assert.equal(m.current?.status, 'released');
  const [det, rel] = m.history;
  assert.equal(det?.note, 'Taken from his flat.');
  assert.deepEqual(det?.corrections.map((c) => [c.id, c.content.when?.from]), [[F.detainedV1.id, '2022-01-07']]);
  assert.deepEqual(det?.citations.map((c) => [c.sourceTitle, c.quote]), [['Kazakhstan : après le soulèvement', 'arrêté le 6']]);
  assert.deepEqual(det?.evidence, [
    {
      id: F.t2.id,
      headId: F.t2.id,
      kind: 'testimony',
      label: 'une anarcha-féministe d’Almaty: “Nous avons alors vu l’Akimat brûler.”',
      attribution: { pubkey: F.pk.alice, name: 'Aigerim', createdAt: 1_641_600_000 },
      found: true,
    },
  ]);
  assert.equal(rel?.evidence[0]?.label, 'un étudiant: “On a vu les soldats arriver.”');
  // Alice and Bob, plus the one source document Alice's report cites.
  assert.deepEqual(m.sources, { count: 3, reporters: 2, documents: 1 });
  assert.deepEqual(m.conflicts, []);
});

void test('killed by one reporter, detained later by another: flagged; missing the same day is not', () => {
  const v = people[1];
  assert.ok(v);
  assert.deepEqual(
    v.history.map((h) => [h.status, h.when?.from]),
    [
      ['killed', '2022-01-05'],
      ['missing', '2022-01-05'],
      ['detained', '2022-01-07'],
    ],
  );
  assert.equal(v.current?.status, 'detained');
  assert.deepEqual(v.conflicts, [{ code: 'killed-vs-alive', reports: [F.killed.id, F.detainedLater.id], statuses: ['killed', 'detained'], differentReporters: true }]);
  assert.deepEqual(v.history[0]?.events.map((e) => [e.kind, e.label, e.headId]), [['event', 'Almaty akimat burns', F.akimat.id]]);
  assert.deepEqual(v.sources, { count: 3, reporters: 3, documents: 0 });
});

void test('buildPerson: unknown ids and ids of other kinds give undefined', () => {
  assert.equal(buildPerson(F.archive, 'ff'.repeat(32)), undefined);
  assert.equal(buildPerson(F.archive, F.detained.id), undefined);
  assert.deepEqual(buildPerson(F.archive, F.victim.id), people[1]);
});

void test('detained before killed is consistent; released during the killing day conflicts; corrected person keeps its reports', () => {
  const sk = newKey();
  const other = newKey();
  const p1 = record(sk, Kind.PersonOfConcern, { lang: 'en', name: 'A. Person' }, [], 100);
  const p2 = record(sk, Kind.PersonOfConcern, { lang: 'en', name: 'A. Person Jr.' }, [{ id: p1.id, role: 'corrects' }], 200);
  const s = (key: Uint8Array, status: string, when: object, at: number) =>
    record(key, Kind.PersonStatus, { lang: 'en', status, when }, [{ id: p1.id, role: 'person' } satisfies Ref], at);
  const det = s(sk, 'detained', { from: '2022-01-03', precision: 'day' }, 300);
  const kil = s(sk, 'killed', { from: '2022-01-05', to: '2022-01-06', precision: 'day' }, 400);
  const rel = s(other, 'released', { from: '2022-01-05T18:00+06:00', precision: 'hour' }, 500);
  // 02:00 local is still the 5th: after the day-precision killing report, although 20:00 UTC on the 4th.
  const inj = s(other, 'injured', { from: '2022-01-05T02:00+06:00', precision: 'hour' }, 300);
  const out = buildPeople([p1, p2, det, kil, rel, inj]);
  assert.equal(out.length, 1);
  const [p] = out;
  assert.equal(p?.id, p2.id);
  assert.equal(p?.name, 'A. Person Jr.');
  assert.deepEqual(p?.corrections.map((c) => c.content.name), ['A. Person']);
  // Ordered by the latest moment each time allows: "killed on the 5th or 6th" may be after "released at 18:00 on the 5th".
  assert.deepEqual(p?.history.map((h) => h.status), ['detained', 'injured', 'released', 'killed']);
  assert.deepEqual(p?.conflicts.map((c) => [c.reports, c.differentReporters]), [[[kil.id, rel.id], true]]);
  assert.equal(p?.current?.id, kil.id);
  assert.deepEqual(buildPerson([p1, p2, det], p1.id)?.history.map((h) => h.id), [det.id]);
});

void test('a person with no reports has no current status; the output is plain data', () => {
  const sk = newKey();
  const p = record(sk, Kind.PersonOfConcern, { lang: 'kk', name: 'Белгісіз' });
  const [v] = buildPeople([p]);
  assert.equal(v?.current, undefined);
  assert.deepEqual(v?.history, []);
  assert.deepEqual(v?.sources, { count: 1, reporters: 1, documents: 0 });
  assert.deepEqual(JSON.parse(JSON.stringify(people)), people);
});
