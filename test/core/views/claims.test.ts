import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kind } from '../../../src/core/kinds.ts';
import { buildClaims, type ClaimView } from '../../../src/core/views/index.ts';
import { newKey, record } from '../../helpers/records.ts';
import * as F from './fixture.ts';

const claims = buildClaims(F.archive, { names: new Map([[F.pk.carol, 'Curator C']]) });
const claim = (id: string): ClaimView => {
  const c = claims.find((x) => x.id === id);
  assert.ok(c, `no claim ${id}`);
  return c;
};

void test('claims in the order they were said (else recorded), with claimant, figure and sources', () => {
  assert.deepEqual(
    claims.map((c) => c.statement),
    ['Foreign-trained terrorists.', '20,000 bandits attacked Almaty.', 'The internet was cut on 5 January.', '164 people died.'],
  );
  const b = claim(F.bandits.id);
  assert.deepEqual(b.claimant, { name: 'Kassym-Jomart Tokayev', role: 'President' });
  assert.deepEqual(b.said, { from: '2022-01-07', precision: 'day' });
  assert.deepEqual(b.figure, { value: 20000, unit: 'participants', qualifier: 'about' });
  assert.deepEqual(b.citations.map((c) => [c.sourceTitle, c.quote, c.found]), [['Kazakhstan : après le soulèvement', '20 000 bandits', true]]);
  assert.deepEqual(b.events.map((e) => e.label), ['Almaty akimat burns']);
  assert.deepEqual(b.attribution, { pubkey: F.pk.bob, name: 'Mirror Almaty', createdAt: 1_641_600_000 });
});

void test('contradicted: two curators, the corrected assessment replaces its first verdict', () => {
  const b = claim(F.bandits.id);
  assert.deepEqual(
    b.assessments.map((a) => [a.id, a.verdict, a.attribution.name]),
    [
      [F.aliceOnBandits.id, 'contradicts', 'Aigerim'],
      [F.carolFixed.id, 'contradicts', 'Curator C'],
    ],
  );
  const carol = b.assessments[1];
  assert.deepEqual(carol?.corrections.map((c) => [c.id, c.content.verdict]), [[F.carolFirst.id, 'supports']]);
  assert.equal(carol?.note, 'contradicts: see evidence');
  assert.deepEqual(carol?.evidence.map((e) => [e.kind, e.id]), [
    ['testimony', F.t1.id],
    ['testimony', F.t2.id],
  ]);
  assert.deepEqual(b.standing, {
    code: 'contradicted',
    verdicts: { verifies: 0, supports: 0, contradicts: 2, duplicates: 0 },
    supporting: 0,
    contradicting: 2,
    curators: 2,
    evidence: { testimony: 3, source: 1 },
    summary: 'Contradicted by 2 assessments (Aigerim, Curator C), citing 3 testimonies and 1 source document',
  });
});

void test('disputed when assessments both support and contradict; unknown evidence is counted as such', () => {
  const t = claim(F.toll.id);
  assert.equal(t.standing.code, 'disputed');
  assert.equal(t.standing.supporting, 1);
  assert.equal(t.standing.contradicting, 1);
  assert.deepEqual(t.standing.evidence, { source: 1, status: 1, unknown: 1 });
  assert.equal(
    t.standing.summary,
    `Disputed: supported by 1 assessment (Curator C), contradicted by 1 assessment (${F.pk.dan.slice(0, 8)}…), citing 1 source document, 1 status report and 1 record not in this archive`,
  );
  const dan = t.assessments.find((a) => a.verdict === 'contradicts');
  assert.deepEqual(dan?.evidence.map((e) => [e.kind, e.label, e.found]), [
    ['status', 'killed', true],
    [undefined, '', false],
  ]);
});

void test('supported (verifies) and unassessed', () => {
  const v = claim(F.verified.id);
  assert.equal(v.standing.code, 'supported');
  assert.equal(v.standing.verdicts.verifies, 1);
  assert.equal(v.standing.summary, 'Supported by 1 assessment (Curator C), citing 1 event');
  const f = claim(F.foreign.id);
  assert.deepEqual(f.assessments, []);
  assert.deepEqual(f.standing, {
    code: 'unassessed',
    verdicts: { verifies: 0, supports: 0, contradicts: 0, duplicates: 0 },
    supporting: 0,
    contradicting: 0,
    curators: 0,
    evidence: {},
    summary: 'Not assessed yet',
  });
});

void test('a claim corrected by its author keeps its assessments; another author cannot replace it; duplicates do not count', () => {
  const sk = newKey();
  const other = newKey();
  const curator = newKey();
  const c1 = record(sk, Kind.Claim, { lang: 'en', statement: '8,000 arrested.', claimant: { name: 'Ministry' } }, [], 100);
  const c2 = record(sk, Kind.Claim, { lang: 'en', statement: 'About 8,000 arrested.', claimant: { name: 'Ministry' }, figure: { value: 8000, unit: 'detained', qualifier: 'about' } }, [{ id: c1.id, role: 'corrects' }], 200);
  const fake = record(other, Kind.Claim, { lang: 'en', statement: 'Nobody arrested.', claimant: { name: 'Ministry' } }, [{ id: c2.id, role: 'corrects' }], 300);
  const a1 = record(curator, Kind.Assessment, { lang: 'en', verdict: 'supports', note: 'Court records list 8,012 names.' }, [{ id: c1.id, role: 'target' }, { id: c1.id, role: 'evidence' }], 400);
  const dup = record(curator, Kind.Assessment, { lang: 'en', verdict: 'duplicates', note: 'Same as the fake.' }, [{ id: fake.id, role: 'target' }, { id: c2.id, role: 'evidence' }], 500);
  const tr = record(other, Kind.Translation, { lang: 'ru', from: 'en', fields: { statement: 'Около 8000 задержанных.' }, machine: true }, [{ id: c2.id, role: 'translates' }], 600);
  const out = buildClaims([c1, c2, fake, a1, dup, tr]);
  assert.deepEqual(out.map((c) => c.statement), ['About 8,000 arrested.', 'Nobody arrested.']);
  const [real, other2] = out;
  assert.equal(real?.id, c2.id);
  assert.deepEqual(real?.corrections.map((c) => c.content.statement), ['8,000 arrested.']);
  assert.deepEqual(real?.figure, { value: 8000, unit: 'detained', qualifier: 'about' });
  assert.equal(real?.standing.code, 'supported');
  assert.deepEqual(real?.assessments[0]?.evidence.map((e) => [e.id, e.headId, e.kind]), [[c1.id, c2.id, 'claim']]);
  assert.equal(real?.translations.ru?.text, 'Около 8000 задержанных.');
  assert.deepEqual(other2?.unappliedCorrection, { of: c2.id, reason: 'other-author' });
  assert.equal(other2?.standing.code, 'unassessed');
  assert.equal(other2?.standing.verdicts.duplicates, 1);
  assert.equal(other2?.standing.summary, 'Not assessed for truth (1 marked duplicate)');
  assert.deepEqual(JSON.parse(JSON.stringify(claims)), claims);
});
