/** "Same as…" ranking on a real archive index: people by entity resolution, events by shared day and place. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kind } from '../../src/core/kinds.ts';
import { indexOf } from '../../src/core/views/index.ts';
import { rankSameEvents, rankSamePeople } from '../../src/web/app/verify/VerifyPanel.tsx';
import type { Candidate } from '../../src/web/app/verify/JudgementForm.tsx';
import { newKey, record } from '../helpers/records.ts';

const sk = newKey();
const person = (name: string, aliases: string[] = [], t = 1_642_000_000) => record(sk, Kind.PersonOfConcern, { lang: 'en', name, ...(aliases.length ? { aliases } : {}) }, [], t);
const event = (title: string, when: string, where: string, t = 1_642_000_000) =>
  record(sk, Kind.Event, { lang: 'fr', title, summary: title, categories: ['protest'], when: { from: when, precision: 'day' }, where: { name: where } }, [], t);
const asCandidates = (ids: string[]): Candidate[] => ids.map((id) => ({ id, kindKey: 'kind.person', label: id.slice(0, 8) }));

test('people: the variant across scripts and word order ranks first with its reason; a namesake keeps its place, flagged; others unranked', () => {
  const target = person('Ахмедьяров Лукпан', [], 1_642_000_100);
  const others = [person('Amin Eleusinov'), person('Nurlan Akhmediyarov'), person('Lukpan Akhmediyarov', ['Lukpan Akhmedyarov']), person('Asya Tulesova')];
  const ix = indexOf([target, ...others]);
  const ranked = rankSamePeople(ix, ix.records.get(target.id)!, asCandidates(others.map((e) => e.id)));
  assert.equal(ranked[0]!.id, others[2]!.id);
  assert.equal(ranked[0]!.match?.reason, 'name-order');
  assert.equal(ranked[0]!.match?.same, true);
  const namesake = ranked.find((c) => c.id === others[1]!.id)!;
  assert.equal(namesake.match?.reason, 'namesake');
  assert.equal(namesake.match?.same, false);
  assert.equal(ranked.filter((c) => c.match?.same === true).length, 1, 'only the variant is proposed');
  assert.deepEqual(new Set(ranked.map((c) => c.id)), new Set(others.map((e) => e.id)), 'nothing dropped');
});

test('people: the target’s own aliases count (its Latin alias matches a Latin record)', () => {
  const target = person('Махамбет Абжан', ['Makhambet Abzhan'], 1_642_000_100);
  const other = person('Makhambet Abjan');
  const ix = indexOf([target, other, person('Asya Tulesova')]);
  const ranked = rankSamePeople(ix, ix.records.get(target.id)!, asCandidates([ix.records.get(other.id)!.event.id]));
  assert.equal(ranked[0]!.match?.same, true);
});

test('events: same day and same place (across scripts) first, then same day, then the rest', () => {
  const target = event('Incendie de l’akimat', '2022-01-05', 'Almaty', 1_642_000_100);
  const sameBoth = event('Пожар акимата', '2022-01-05', 'Алматы');
  const sameDay = event('Grève', '2022-01-05', 'Zhanaozen');
  const neither = event('Reconnexion', '2022-01-10', 'Nur-Sultan');
  const ix = indexOf([target, sameBoth, sameDay, neither]);
  const ranked = rankSameEvents(ix, ix.records.get(target.id)!, asCandidates([neither.id, sameDay.id, sameBoth.id]));
  assert.deepEqual(ranked.map((c) => c.id), [sameBoth.id, sameDay.id, neither.id]);
  assert.equal(ranked[0]!.match?.same, true);
  assert.equal(ranked[0]!.match?.sameDay, true);
  assert.equal(ranked[0]!.match?.reason, 'same-folded');
  assert.equal(ranked[1]!.match?.same, false, 'a shared day alone is not a proposal');
  assert.equal(ranked[2]!.match, undefined);
});
