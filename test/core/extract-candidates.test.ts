import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { KeruenError } from '../../src/core/errors.ts';
import { extractCandidates } from '../../src/core/extract/index.ts';
import { categoriesOf, titleOf } from '../../src/core/extract/candidates.ts';
import type { Candidate } from '../../src/core/extract/types.ts';
import { Kind } from '../../src/core/kinds.ts';
import { buildRecord, type Citation } from '../../src/core/records.ts';

const AFTER = readFileSync('../shared/seeds/kazakhstan-2022-01-after-the-uprising.fr.txt', 'utf8');
const INTERVIEW = readFileSync('../shared/seeds/kazakhstan-2022-01-uprising-interview.fr.txt', 'utf8');
const SOURCE = 'c0ffee'.padEnd(64, '0');
const KIND = { event: Kind.Event, person: Kind.PersonOfConcern, claim: Kind.Claim } as const;

/** Every candidate: a stable key from its span, inside its passage, content that builds a real record, citations quoting the exact text. */
function checkCandidates(text: string, result: ReturnType<typeof extractCandidates>): void {
  const keys = new Set<string>();
  for (const c of result.candidates) {
    assert.equal(c.key, `${c.kind}:${c.at[0]}-${c.at[1]}`);
    assert.ok(!keys.has(c.key), `key ${c.key} is unique`);
    keys.add(c.key);
    const p = result.passages.find((x) => x.id === c.passage);
    assert.ok(p && c.at[0] >= p.at[0] && c.at[1] <= p.at[1], `${c.key} lies inside its passage`);
    assert.ok(c.mentions.length > 0);
    const template = buildRecord(KIND[c.kind], c.content, [], 1_700_000_000);
    assert.deepEqual(JSON.parse(template.content), c.content);
    assert.ok(template.tags.some((t) => t[0] === 'e' && t[1] === SOURCE && t[3] === 'source'));
    const sources = c.content.sources as Citation[];
    assert.ok(sources.length >= 1);
    assert.deepEqual(sources[0]!.at, c.at, 'the first citation is the candidate span');
    for (const s of sources) {
      assert.equal(s.source, SOURCE);
      assert.equal(s.quote, text.slice(s.at![0], s.at![1]), 'quoted character for character');
      assert.ok(s.quote.length <= 4000);
    }
  }
}

const find = (cs: readonly Candidate[], kind: Candidate['kind'], pred: (c: Record<string, unknown>) => boolean) => {
  const c = cs.find((x) => x.kind === kind && pred(x.content));
  assert.ok(c, `a ${kind} candidate`);
  return c;
};

test('after-the-uprising: events on the main days with their place and categories, people with their other spellings, claims', () => {
  const result = extractCandidates(AFTER, { lang: 'fr', reference: '2022-01-12', sourceId: SOURCE });
  checkCandidates(AFTER, result);
  const cs = result.candidates;
  assert.ok(cs.filter((c) => c.kind === 'event').length >= 30);

  const cut = find(cs, 'event', (c) => String(c.summary).startsWith('A minuit, entre le 5 et le 6 janvier'));
  assert.deepEqual(cut.content.when, { from: '2022-01-05', to: '2022-01-06', precision: 'day', label: 'entre le 5 et le 6 janvier' });
  assert.deepEqual(cut.content.categories, ['shutdown']);
  assert.equal(cut.content.title, 'A minuit, entre le 5 et le 6 janvier, toutes les connexions internet ont été coupées.');
  const back = find(cs, 'event', (c) => String(c.summary).startsWith('Le 10 janvier au matin'));
  assert.equal((back.content.when as { from: string }).from, '2022-01-10');
  assert.ok((back.content.categories as string[]).includes('reconnection'));
  const solidarity = find(cs, 'event', (c) => String(c.summary).startsWith('On a appris que des actions de solidarité'));
  assert.equal((solidarity.content.when as { from: string }).from, '2022-01-04');
  assert.equal((solidarity.content.where as { name: string }).name, 'Almaty');
  assert.deepEqual(solidarity.content.categories, ['solidarity']);
  // An interviewer's question is not an event.
  assert.equal(cs.some((c) => c.kind === 'event' && String(c.content.summary).endsWith('?')), false);

  const akhmedyarov = find(cs, 'person', (c) => c.name === 'Lukpan Akhmedyarov');
  assert.ok((akhmedyarov.content.aliases as string[]).includes('Lukpan Akhmediyarov'));
  assert.equal(akhmedyarov.content.role, 'journaliste d’opposition');
  assert.ok(akhmedyarov.variants?.some((v) => v.name === 'Lukpan Akhmediyarov' && v.match.same));
  // The person cites the sentence of each spelling.
  assert.ok((akhmedyarov.content.sources as Citation[]).some((s) => s.quote.includes('Lukpan Akhmediyarov a été arrêté')));
  const tokayev = find(cs, 'person', (c) => c.name === 'Kassym-Jomart Tokayev');
  assert.ok((tokayev.content.aliases as string[]).includes('Tokaev'));

  const minister = find(cs, 'claim', (c) => String(c.statement).startsWith('près de 8000 personnes ont été arrêtées'));
  assert.deepEqual(minister.content.claimant, { name: 'ministre de l’Intérieur kazakh' });
  assert.deepEqual(minister.content.figure, { value: 8000, unit: 'detained', qualifier: 'about' });

  // Same text, same candidates: keys are stable across runs.
  const again = extractCandidates(AFTER, { lang: 'fr', reference: '2022-01-12', sourceId: SOURCE });
  assert.deepEqual(again.candidates.map((c) => c.key), cs.map((c) => c.key));
});

test('uprising-interview: 2 January in Janaozen, the night of 4 January in Almaty', () => {
  const result = extractCandidates(INTERVIEW, { lang: 'fr', reference: '2022-01-07', sourceId: SOURCE });
  checkCandidates(INTERVIEW, result);
  const start = find(result.candidates, 'event', (c) => String(c.summary).startsWith('Les protestations ont éclaté dans la ville pétrolière de Janaozen'));
  assert.equal((start.content.when as { from: string }).from, '2022-01-02');
  assert.equal((start.content.where as { name: string }).name, 'Janaozen');
  assert.deepEqual(start.content.categories, ['protest']);
  const night = find(result.candidates, 'event', (c) => String(c.summary).startsWith('Tard dans la nuit du 4 janvier'));
  assert.equal((night.content.where as { name: string }).name, 'Almaty');
  // A hard-wrapped sentence: the summary reads on one line, the citation keeps the line breaks.
  assert.ok(!String(night.content.summary).includes('\n'));
  assert.ok((night.content.sources as Citation[])[0]!.quote.includes('\n'));
});

test('a sentence longer than a citation allows is quoted up to 4000 characters, exactly', () => {
  const text = `Le 5 janvier, à Almaty, la foule a incendié l’akimat ${'et encore '.repeat(600)}jusqu’au soir.`;
  const result = extractCandidates(text, { lang: 'fr', reference: '2022-01-12', sourceId: SOURCE });
  checkCandidates(text, result);
  const event = find(result.candidates, 'event', () => true);
  assert.deepEqual(event.at, [0, 4000]);
  assert.deepEqual(event.content.categories, ['arson']);
  assert.ok(String(event.content.title).endsWith('…') && String(event.content.title).length <= 91);
});

test('a source id that is not a record id is refused before any work', () => {
  assert.throws(() => extractCandidates('Le 5 janvier.', { lang: 'fr', sourceId: 'not-an-id' }), (e: unknown) => e instanceof KeruenError && e.code === 'usage');
});

test('titles and categories', () => {
  assert.equal(titleOf('Court.'), 'Court.');
  assert.equal(titleOf(`${'mot '.repeat(40)}fin`).length <= 91, true);
  assert.deepEqual(categoriesOf('Les grévistes ont manifesté ; la police a tiré et arrêté des dizaines de personnes.'), ['strike', 'protest', 'shooting', 'arrest']);
  assert.deepEqual(categoriesOf('Rien de particulier.'), ['other']);
  assert.deepEqual(categoriesOf('Токаев заявил, что войска ОДКБ прибыли.'), ['statement', 'military']);
});

test('any text: candidates never throw, build real records and quote the exact text', () => {
  const pieces = fc.constantFrom('Le 5 janvier', ' à Almaty', ', la police a tiré', '. ', '\n\n', 'Selon le ministre, ', '164 morts', 'Makhambet Abjan', ' a déclaré que ', 'Lukpan Akhmediyarov', ' ?', '« ', ' »', 'x'.repeat(900), 'в ночь с 4 на 5 января', 'N. ');
  fc.assert(
    fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 6 })), { maxLength: 25 }), (parts) => {
      const text = parts.join('');
      checkCandidates(text, extractCandidates(text, { lang: 'fr', reference: '2022-01-12', sourceId: SOURCE }));
    }),
    { numRuns: 100 },
  );
});
