/**
 * The review's pieces that read outside input or build records, without a browser: the text
 * check (sha256 and UTF-8 of what the node sends), what IndexedDB gives back, the highlighted
 * segments, edited content through the real record schema, and signing (real keys, real
 * verification). Hostile inputs by fast-check: a clear error or a clean value, never a crash.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { verifyWireEvent } from '../../src/core/event.ts';
import { Kind } from '../../src/core/kinds.ts';
import { readRefs, validateRecord } from '../../src/core/records.ts';
import type { Candidate } from '../../src/core/extract/types.ts';
import { checkSourceText, SourceTextError, isTextMime } from '../../src/web/app/review/source-text.ts';
import { firstInvalidUtf8 } from '../../src/core/utf8.ts';
import { parseMemory, tally } from '../../src/web/app/review/decisions.ts';
import { segmentsOf } from '../../src/web/app/review/PassageView.tsx';
import { contentFrom, fieldsOf, parseFigure, FieldError } from '../../src/web/app/review/edit.ts';
import { signAccepted } from '../../src/web/app/review/sign.ts';
import { samePersonChoices } from '../../src/web/app/review/people.ts';
import { extractLang, referenceDay } from '../../src/web/app/review/extract.ts';

const RUNS = Math.round(200 * Number(process.env.FUZZ_SCALE ?? 1));
const hex = (b: Uint8Array) => bytesToHex(sha256(b));
const SOURCE = 'a'.repeat(64);

test('the text is used only when its sha256 is the one the record pins, and only as valid UTF-8', () => {
  const good = new TextEncoder().encode('Le 5 janvier, l’akimat d’Almaty a brûlé. Жанаозен.');
  assert.equal(checkSourceText(good, hex(good)), 'Le 5 janvier, l’akimat d’Almaty a brûlé. Жанаозен.');
  const tampered = good.slice();
  tampered[3] = 0x36;
  assert.throws(() => checkSourceText(tampered, hex(good)), (e) => e instanceof SourceTextError && e.problem.code === 'mismatch' && e.problem.got === hex(tampered));
  const bad = new Uint8Array([0x41, 0x42, 0xc3, 0x28, 0x43]);
  assert.throws(() => checkSourceText(bad, hex(bad)), (e) => e instanceof SourceTextError && e.problem.code === 'not-utf8' && e.problem.offset === 2);
  // A BOM is kept, as Node's Buffer.toString keeps it: offsets stay those of the importer.
  const bom = new Uint8Array([0xef, 0xbb, 0xbf, 0x61]);
  assert.equal(checkSourceText(bom, hex(bom)), '\ufeffa');
  assert.ok(isTextMime('text/plain; charset=utf-8') && isTextMime('text/markdown') && !isTextMime('application/pdf') && !isTextMime('text/html'));
});

test('fast-check: any bytes give the text they encode or a clear error; the UTF-8 check agrees with a strict decoder', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), fc.boolean(), (bytes, rightHash) => {
      const expected = rightHash ? hex(bytes) : 'f'.repeat(64);
      const strict = (() => {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
          return true;
        } catch {
          return false;
        }
      })();
      assert.equal(firstInvalidUtf8(bytes) === -1, strict);
      try {
        const text = checkSourceText(bytes, expected);
        assert.ok(rightHash || hex(bytes) === expected);
        assert.deepEqual(new TextEncoder().encode(text), bytes, 'the text is exactly those bytes');
      } catch (e) {
        assert.ok(e instanceof SourceTextError, String(e));
        if (e.problem.code === 'not-utf8') {
          assert.ok(!strict && e.problem.offset >= 0 && e.problem.offset < bytes.length);
          // Everything before the offset is valid UTF-8.
          new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, e.problem.offset));
        } else assert.equal(e.problem.code, 'mismatch');
      }
    }),
    { numRuns: RUNS * 5 },
  );
  // Valid text in any script: always decoded back to itself.
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
      const bytes = new TextEncoder().encode(s);
      assert.equal(firstInvalidUtf8(bytes), -1);
      assert.equal(checkSourceText(bytes, hex(bytes)), new TextDecoder().decode(bytes));
    }),
    { numRuns: RUNS },
  );
});

test('what the browser storage gives back: well-formed decisions kept, anything else dropped, never a throw', () => {
  const rec = 'b'.repeat(64);
  const m = parseMemory({
    decisions: {
      'person:10-20': { act: 'accepted', kind: 'person', at: 5, record: rec, assessment: 'c'.repeat(64) },
      'claim:1-2': { act: 'rejected', kind: 'claim', at: 6 },
      'event:3-4': { act: 'accepted', kind: 'event', at: 7 }, // accepted without its record: dropped
      'claim:5-6': { act: 'rejected', kind: 'person', at: 8 }, // kind not the key's: dropped
      'x:1-2': { act: 'rejected', kind: 'claim', at: 1 },
    },
    proposed: { event: 3, person: 2, claim: 4 },
  });
  assert.deepEqual(Object.keys(m.decisions).sort(), ['claim:1-2', 'person:10-20']);
  assert.equal(m.decisions['person:10-20']?.assessment, 'c'.repeat(64));
  assert.deepEqual(tally(m), { proposed: 9, accepted: 1, rejected: 1, waiting: 7 });
  assert.deepEqual(tally(parseMemory(undefined)), { accepted: 0, rejected: 0 });
  fc.assert(
    fc.property(fc.anything({ withObjectString: true, withNullPrototype: true, withMap: true, withSet: true, withTypedArray: true }), (raw) => {
      const got = parseMemory(raw);
      for (const [key, d] of Object.entries(got.decisions)) {
        assert.match(key, /^(event|person|claim):\d+-\d+$/);
        assert.ok(d.act === 'accepted' ? /^[0-9a-f]{64}$/.test(d.record ?? '') : d.act === 'rejected');
      }
      const n = tally(got);
      assert.ok(n.accepted >= 0 && n.rejected >= 0);
    }),
    { numRuns: RUNS },
  );
  // Records shaped almost right, by the thousand.
  fc.assert(
    fc.property(
      fc.dictionary(fc.oneof(fc.constantFrom('person:1-2', 'event:0-9', 'claim:3-4'), fc.string()), fc.record({ act: fc.oneof(fc.constantFrom('accepted', 'rejected'), fc.string()), kind: fc.constantFrom('event', 'person', 'claim', 'x'), at: fc.oneof(fc.nat(), fc.double()), record: fc.oneof(fc.constant(rec), fc.string()) }, { requiredKeys: [] })),
      (decisions) => {
        const got = parseMemory({ decisions });
        for (const [k, d] of Object.entries(got.decisions)) assert.equal(d.kind, k.split(':')[0]);
      },
    ),
    { numRuns: RUNS },
  );
});

test('highlight segments cover exactly the quote, in order, with mentions marked', () => {
  assert.deepEqual(segmentsOf([10, 30], [[12, 15], [20, 35], [10, 30]]), [
    { at: [10, 12], marked: false },
    { at: [12, 15], marked: true },
    { at: [15, 20], marked: false },
    { at: [20, 30], marked: true },
  ]);
  fc.assert(
    fc.property(fc.nat(1000), fc.integer({ min: 1, max: 500 }), fc.array(fc.tuple(fc.nat(1600), fc.nat(600)), { maxLength: 12 }), (q0, len, raw) => {
      const quote: [number, number] = [q0, q0 + len];
      const segs = segmentsOf(quote, raw.map(([a, l]): [number, number] => [a, a + l]));
      assert.equal(segs[0]?.at[0], quote[0]);
      assert.equal(segs[segs.length - 1]?.at[1], quote[1]);
      for (let i = 0; i < segs.length; i++) {
        const s = segs[i]!;
        assert.ok(s.at[1] > s.at[0]);
        if (i > 0) assert.equal(s.at[0], segs[i - 1]!.at[1]);
      }
    }),
    { numRuns: RUNS },
  );
});

const article = 'Le 5 janvier 2022, selon le ministre de l’Intérieur, 164 personnes ont été tuées à Almaty. Makhambet Abjan, journaliste, a été arrêté.';
const cite = (s: number, e: number) => [{ source: SOURCE, quote: article.slice(s, e), at: [s, e] }];
const claimCandidate: Candidate = {
  key: 'claim:0-90',
  kind: 'claim',
  at: [0, 90],
  passage: 'p1-00000000',
  mentions: [],
  content: {
    lang: 'fr',
    statement: '164 personnes ont été tuées à Almaty',
    claimant: { name: 'ministre de l’Intérieur' },
    said: { from: '2022-01-05', precision: 'day', label: 'Le 5 janvier 2022' },
    figure: { value: 164, unit: 'killed' },
    sources: cite(0, 90),
  },
};
const personCandidate: Candidate = {
  key: 'person:91-107',
  kind: 'person',
  at: [91, 107],
  passage: 'p1-00000000',
  mentions: [],
  content: { lang: 'fr', name: 'Makhambet Abjan', role: 'journaliste', sources: cite(91, 107) },
};

test('edited fields become content the record schema accepts; untouched times keep the article’s words; the citation stays', async () => {
  const f = fieldsOf(claimCandidate);
  assert.equal(f.kind, 'claim');
  if (f.kind !== 'claim') return;
  assert.deepEqual([f.said, f.figureValue, f.figureUnit], ['2022-01-05', '164', 'killed']);
  const same = await contentFrom(claimCandidate, f);
  assert.deepEqual(same.said, claimCandidate.content.said, 'the label "Le 5 janvier 2022" is kept');
  const edited = await contentFrom(claimCandidate, { ...f, role: 'ministre de l’Intérieur', claimant: 'Erlan Tourgoumbaïev', figureValue: '10 000', figureQualifier: 'about', figureUnit: 'detained', said: '2022-01-04/2022-01-05' });
  assert.deepEqual(edited.claimant, { name: 'Erlan Tourgoumbaïev', role: 'ministre de l’Intérieur' });
  assert.deepEqual(edited.figure, { value: 10000, unit: 'detained', qualifier: 'about' });
  assert.deepEqual(edited.said, { from: '2022-01-04', to: '2022-01-05', precision: 'day' });
  assert.deepEqual(edited.sources, claimCandidate.content.sources);
  await assert.rejects(contentFrom(claimCandidate, { ...f, figureValue: 'beaucoup' }), (e) => e instanceof FieldError && e.field === 'figure');
  const noFigure = await contentFrom(claimCandidate, { ...f, figureValue: '' });
  assert.equal(noFigure.figure, undefined);
  assert.equal(parseFigure('2 500'), 2500);
  assert.ok(Number.isNaN(parseFigure('1e9')));

  const pf = fieldsOf(personCandidate);
  if (pf.kind !== 'person') return assert.fail('a person');
  const person = await contentFrom(personCandidate, { ...pf, aliases: 'Махамбет Абжан, Makhambet Abjan, , Makhambet Abzhan', role: '' });
  assert.deepEqual(person.aliases, ['Махамбет Абжан', 'Makhambet Abzhan']);
  assert.equal(person.role, undefined);
});

test('an edited event: times in words read against the article’s day, a known place gains its names and coordinates', async () => {
  const event: Candidate = {
    key: 'event:0-17',
    kind: 'event',
    at: [0, 17],
    passage: 'p1-00000000',
    mentions: [],
    content: { lang: 'fr', title: 'Le 5 janvier 2022', summary: article.slice(0, 90), when: { from: '2022-01-05', precision: 'day' }, categories: ['other'], sources: cite(0, 90) },
  };
  const f = fieldsOf(event);
  if (f.kind !== 'event') return assert.fail('an event');
  const edited = await contentFrom(event, { ...f, when: 'le 6 janvier', where: 'Janaozen', categories: ['protest', 'not-a-category'] }, '2022-01-12');
  assert.equal((edited.when as { from: string }).from, '2022-01-06');
  const where = edited.where as { name: string; lat?: number; names?: Record<string, string> };
  assert.equal(where.name, 'Janaozen');
  assert.ok(where.lat !== undefined && where.names?.ru === 'Жанаозен', JSON.stringify(where));
  assert.deepEqual(edited.categories, ['protest']);
  const unknown = await contentFrom(event, { ...f, where: 'Une cour d’immeuble' });
  assert.deepEqual(unknown.where, { name: 'Une cour d’immeuble' });
  validateRecord(signAccepted('event', edited, undefined, generateSecretKey()).record);
});

test('accepting signs the record (citing its passage) and, for "same as", a duplicates assessment: real keys, verified', () => {
  const sk = generateSecretKey();
  const existing = 'd'.repeat(64);
  const plain = signAccepted('claim', claimCandidate.content, undefined, sk, 1_700_000_000);
  const claim = verifyWireEvent(JSON.parse(JSON.stringify(plain.record)));
  assert.equal(claim.kind, Kind.Claim);
  assert.equal(claim.pubkey, getPublicKey(sk));
  validateRecord(claim);
  assert.deepEqual(readRefs('claim', claim.tags), [{ id: SOURCE, role: 'source' }]);
  assert.equal(plain.assessment, undefined);

  const same = signAccepted('person', personCandidate.content, { id: existing, note: 'Même nom, même rôle de journaliste.', lang: 'fr' }, sk, 1_700_000_000);
  const person = verifyWireEvent(JSON.parse(JSON.stringify(same.record)));
  assert.equal(person.kind, Kind.PersonOfConcern);
  assert.deepEqual(JSON.parse(person.content).sources, personCandidate.content.sources);
  const assessment = verifyWireEvent(JSON.parse(JSON.stringify(same.assessment)));
  assert.equal(assessment.kind, Kind.Assessment);
  assert.deepEqual(JSON.parse(assessment.content), { lang: 'fr', verdict: 'duplicates', note: 'Même nom, même rôle de journaliste.' });
  assert.deepEqual(readRefs('assessment', assessment.tags), [{ id: person.id, role: 'target' }, { id: existing, role: 'evidence' }]);

  assert.throws(() => signAccepted('person', personCandidate.content, { id: existing, note: '  ', lang: 'fr' }, sk), /needs its reason/);
  assert.throws(() => signAccepted('claim', { ...claimCandidate.content, statement: '' }, undefined, sk), /statement/);
});

test('same-person choices: resolution proposals first, namesakes after them as a question, strangers never', () => {
  const choices = samePersonChoices('Makhambet Abjan', [
    { id: 'a', name: 'Zhanna Abjan' },
    { id: 'b', name: 'Махамбет Абжан' },
    { id: 'c', name: 'Asya Tulesova' },
    { id: 'd', name: 'M. Abzhan', aliases: ['Makhambet Abzhan'] },
  ]);
  assert.deepEqual(
    choices.map((c) => [c.person.id, c.match.reason]),
    [
      ['b', 'same-folded'],
      ['d', choices.find((c) => c.person.id === 'd')?.match.reason],
      ['a', 'namesake'],
    ],
  );
  assert.ok(choices.slice(0, 2).every((c) => c.match.same) && !choices[2]!.match.same);
  assert.deepEqual(samePersonChoices('Asya Tulesova', []), []);
});

test('the article language and reference day as import-article reads them', () => {
  assert.deepEqual(['fr', 'fr-CA', 'RU', 'kk', 'de'].map(extractLang), ['fr', 'fr', 'ru', 'kk', 'en']);
  assert.equal(referenceDay({ from: '2022-01-12', precision: 'day' }), '2022-01-12');
  assert.equal(referenceDay({ from: '2022-01-12T10:00+06:00', precision: 'hour' }), '2022-01-12');
  assert.equal(referenceDay({ from: '2022-01', precision: 'month' }), '2022-01-01');
  assert.equal(referenceDay({ from: '2022', precision: 'year' }), undefined);
  assert.equal(referenceDay(undefined), undefined);
});
