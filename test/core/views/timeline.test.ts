import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildTimeline, ArchiveIndex } from '../../../src/core/views/index.ts';
import * as F from './fixture.ts';

const timeline = buildTimeline(F.archive);
const day = (d: string) => {
  const found = timeline.days.find((x) => x.day === d);
  assert.ok(found, `no day ${d}`);
  return found;
};

void test('days are chronological; ranges continue on later days; month precision goes to periods', () => {
  assert.deepEqual(
    timeline.days.map((d) => d.day),
    ['2022-01-02', '2022-01-04', '2022-01-05', '2022-01-06', '2022-01-07', '2022-01-08', '2022-01-12'],
  );
  assert.deepEqual(day('2022-01-02').events.map((e) => e.title), ['Strike in Zhanaozen']);
  // "night of 4 to 5 January" starts on the 4th and is ongoing on the 5th.
  const night = day('2022-01-04').events[0];
  assert.equal(night?.title, 'Internet cut');
  assert.deepEqual(night?.when, { from: '2022-01-04T22:00+06:00', to: '2022-01-05T06:00+06:00', precision: 'hour', label: 'night of 4 to 5 January' });
  assert.deepEqual(night?.days, ['2022-01-04', '2022-01-05']);
  assert.deepEqual(day('2022-01-05').ongoing, [F.shutdown.id]);
  assert.deepEqual(day('2022-01-08').ongoing, [F.shutdownByBob.id]);
  assert.deepEqual(day('2022-01-08').events, []);
  assert.deepEqual(timeline.periods.map((e) => [e.title, e.when.label, e.days]), [['Zhanaozen massacre', 'December 2011', []]]);
  assert.deepEqual(timeline.totals, { events: 6, testimonies: 3 });
});

void test('within a day: events without a time of day first, then by local time', () => {
  assert.deepEqual(day('2022-01-05').events.map((e) => e.title), ['Crowd on Republic Square', 'Internet cut nationwide', 'Almaty akimat burns']);
});

void test('per-day counts: events starting that day and distinct persons by reported status', () => {
  const c5 = day('2022-01-05').counts;
  assert.equal(c5.events, 3);
  assert.deepEqual(c5.persons, { detained: 0, missing: 1, injured: 0, killed: 1, released: 0, found: 0 });
  // The superseded "detained on the 7th" of Makhambet is not counted; Dan's report about the victim is.
  assert.equal(day('2022-01-06').counts.persons.detained, 1);
  assert.equal(day('2022-01-07').counts.persons.detained, 1);
  assert.equal(day('2022-01-12').counts.persons.released, 1);
  assert.equal(day('2022-01-12').counts.events, 0);
});

void test('an event corrected by its author shows the new version, with the old one in its history', () => {
  const ev = day('2022-01-05').events.find((e) => e.id === F.akimat.id);
  assert.ok(ev);
  assert.equal(ev.title, 'Almaty akimat burns');
  assert.equal(ev.summary, 'The city administration building in Almaty burned during the protests.');
  assert.deepEqual(ev.categories, ['arson', 'protest']);
  assert.equal(ev.where?.names?.ru, 'Алматы');
  assert.deepEqual(ev.attribution, { pubkey: F.pk.alice, name: 'Aigerim', createdAt: 1_641_600_020 });
  assert.deepEqual(
    ev.corrections.map((c) => [c.id, c.content.title]),
    [[F.akimatV1.id, 'Akimat on fire']],
  );
  assert.equal(ev.unappliedCorrection, undefined);
  assert.ok(!timeline.days.some((d) => d.events.some((e) => e.id === F.akimatV1.id)), 'old version not listed');
  assert.deepEqual(ev.citations, [
    {
      sourceId: F.source.id,
      sourceTitle: 'Kazakhstan : après le soulèvement',
      publisher: 'Solidarity group',
      quote: 'Nous avons alors vu l’Akimat brûler.',
      at: [10, 46],
      found: true,
    },
  ]);
});

void test('a "correction" by another author replaces nothing and is its own event', () => {
  const all = timeline.days.flatMap((d) => d.events);
  const alice = all.find((e) => e.id === F.shutdown.id);
  const bob = all.find((e) => e.id === F.shutdownByBob.id);
  assert.equal(alice?.title, 'Internet cut');
  assert.deepEqual(alice?.corrections, []);
  assert.equal(bob?.title, 'Internet cut nationwide');
  assert.deepEqual(bob?.unappliedCorrection, { of: F.shutdown.id, reason: 'other-author' });
  assert.deepEqual(bob?.attribution, { pubkey: F.pk.bob, name: 'Mirror Almaty', createdAt: 1_641_600_030 });
});

void test('testimonies are linked both ways, including through the old version, with translations', () => {
  const ev = day('2022-01-05').events.find((e) => e.id === F.akimat.id);
  assert.ok(ev);
  assert.deepEqual(
    ev.testimonies.map((t) => [t.id, t.link]),
    [
      [F.t1.id, 'testimony-cites-event'],
      [F.t2.id, 'event-cites-testimony'],
      [F.t3.id, 'both'],
    ],
  );
  const [t1, t2, t3] = ev.testimonies;
  assert.deepEqual(t1?.witness, { description: 'un étudiant', firsthand: true });
  assert.equal(t1?.text, 'On a vu les soldats arriver.');
  assert.equal(t1?.attribution.pubkey, F.pk.dan);
  assert.equal(t1?.attribution.name, undefined);
  // Human translation preferred over Carol's later machine one.
  assert.deepEqual(Object.keys(t1?.translations ?? {}), ['en']);
  assert.equal(t1?.translations.en?.text, 'We saw the soldiers arrive.');
  assert.equal(t1?.translations.en?.machine, false);
  assert.equal(t1?.translations.en?.translator, 'Mirror Almaty');
  assert.equal(t1?.translations.en?.current, true);
  assert.deepEqual(t2?.citations.map((c) => [c.sourceTitle, c.quote]), [['Kazakhstan : après le soulèvement', 'Nous avons alors vu l’Akimat brûler.']]);
  assert.equal(t2?.when?.label, '5 janvier au soir');
  assert.deepEqual(t3?.witness, { description: 'a resident of Almaty', firsthand: false, pseudonym: 'D.' });
  assert.equal(t3?.when, undefined);
});

void test('names: explicit map overrides profiles; latest profile wins; a prepared index is accepted', () => {
  const named = buildTimeline(F.archive, { names: new Map([[F.pk.dan, 'Student D']]) });
  const ev = named.days.flatMap((d) => d.events).find((e) => e.id === F.akimat.id);
  assert.equal(ev?.testimonies[0]?.attribution.name, 'Student D');
  assert.equal(ev?.attribution.name, 'Aigerim'); // display_name of the later profile, not "old alice"
  assert.deepEqual(buildTimeline(new ArchiveIndex(F.archive)), timeline);
  assert.deepEqual(buildTimeline([]), { days: [], periods: [], totals: { events: 0, testimonies: 0 } });
});

void test('the output is plain data: survives a JSON round trip', () => {
  assert.deepEqual(JSON.parse(JSON.stringify(timeline)), timeline);
});
