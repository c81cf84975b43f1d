import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { extractCandidates, extractMentions } from '../../src/core/extract/index.ts';
import { passagesOf } from '../../src/core/extract/passages.ts';
import { MENTION_TYPES, type ExtractOptions, type Mention } from '../../src/core/extract/types.ts';

const AFTER = readFileSync('../shared/seeds/kazakhstan-2022-01-after-the-uprising.fr.txt', 'utf8');
const INTERVIEW = readFileSync('../shared/seeds/kazakhstan-2022-01-uprising-interview.fr.txt', 'utf8');

function checkMentions(text: string, mentions: readonly Mention[]): void {
  const passages = new Map(passagesOf(text).map((p) => [p.id, p]));
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i]!;
    assert.equal(m.text, text.slice(m.at[0], m.at[1]), `${m.type} text is the exact slice`);
    assert.ok(m.at[0] < m.at[1]);
    const p = passages.get(m.passage);
    assert.ok(p && m.at[0] >= p.at[0] && m.at[1] <= p.at[1], `${m.type} "${m.text.slice(0, 30)}" lies inside its passage`);
    if (i > 0) assert.ok(mentions[i - 1]!.at[0] <= m.at[0], 'sorted by start');
  }
}

test('both seed articles: every type of mention, exact, inside its paragraph, in order', () => {
  for (const [text, reference] of [[AFTER, '2022-01-12'], [INTERVIEW, '2022-01-07']] as const) {
    const mentions = extractMentions(text, { lang: 'fr', reference });
    checkMentions(text, mentions);
    for (const type of MENTION_TYPES) assert.ok(mentions.some((m) => m.type === type), `some ${type} mention`);
  }
  const mentions = extractMentions(AFTER, { lang: 'fr', reference: '2022-01-12' });
  const one = <T extends Mention['type']>(type: T, text: string) => mentions.find((m): m is Extract<Mention, { type: T }> => m.type === type && m.text === text);
  assert.equal(one('date', 'entre le 5 et le 6 janvier')?.when.to, '2022-01-06');
  assert.equal(one('count', 'au moins 164 ont été tuées')?.unit, 'killed');
  assert.equal(one('person', 'Makhambet Abjan')?.name, 'Makhambet Abjan');
  assert.equal(one('place', 'Almaty')?.gazetteerId, 'kz-almaty');
  assert.ok(mentions.some((m) => m.type === 'claim' && m.claimant.name === 'Makhambet Abjan' && m.said?.from === '2022-01-05'));
});

test('progress: once per paragraph, in order, ending at the number of paragraphs', () => {
  const calls: [number, number][] = [];
  const total = passagesOf(INTERVIEW).length;
  extractCandidates(INTERVIEW, { lang: 'fr', reference: '2022-01-07', sourceId: 'f'.repeat(64), onProgress: (done, all) => calls.push([done, all]) });
  assert.equal(calls.length, total);
  calls.forEach(([done, all], i) => {
    assert.equal(all, total);
    assert.equal(done, i + 1);
  });
});

test('any text: extraction never throws and every mention is an exact span inside its paragraph', () => {
  const pieces = fc.constantFrom('Selon le ministre, ', 'Almaty', 'Жанаозен', ' le 5 janvier', ' 164 morts', 'Makhambet Abjan', ' a déclaré que ', '\n\n', '. ', '« ', ' »', 'Le président Tokaïev', ' 2 500 soldats', 'Il ', 'à 6', 'начале января', '\u00a0', 'é');
  fc.assert(
    fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 6 })), { maxLength: 30 }), fc.constantFrom<ExtractOptions['lang']>('fr', 'ru', 'en', 'kk'), (parts, lang) => {
      const text = parts.join('');
      checkMentions(text, extractMentions(text, { lang, reference: '2022-01-12' }));
    }),
    { numRuns: 150 },
  );
});
