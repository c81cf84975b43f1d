import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { EXTRACT_PHASES, extractCandidates, extractMentions } from '../../src/core/extract/index.ts';
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

/** Every progress report of one run: [done, total]. */
function progressOf(run: (onProgress: (done: number, total: number) => void) => void): [number, number][] {
  const calls: [number, number][] = [];
  run((done, total) => calls.push([done, total]));
  return calls;
}

function checkProgress(calls: readonly [number, number][], total: number): void {
  assert.ok(calls.length > 0);
  calls.forEach(([done, all], i) => {
    assert.equal(all, total, 'the total never changes');
    assert.ok(Number.isInteger(done) && done >= 0 && done <= total);
    if (i > 0) assert.ok(done > calls[i - 1]![0], `never backwards nor repeated (${calls[i - 1]![0]} then ${done})`);
  });
  assert.equal(calls[calls.length - 1]![0], total, 'ends at the total');
}

test('progress covers the whole work: every phase moves the bar (places and people first, candidates last), monotone, ending at the total', () => {
  const text = [AFTER, INTERVIEW].join('\n\n');
  const total = passagesOf(text).length;
  // Who reported each step: the call stack at the report (no timing), to see the bar move while each phase works.
  const reporters: string[] = [];
  const calls = progressOf((onProgress) =>
    extractCandidates(text, {
      lang: 'fr',
      reference: '2022-01-12',
      sourceId: 'f'.repeat(64),
      onProgress: (done, all) => {
        reporters.push(new Error().stack ?? '');
        onProgress(done, all);
      },
    }),
  );
  checkProgress(calls, total);
  // Each phase's band of the bar (its share, in paragraphs) is reported from inside that phase's own work.
  const worker: Record<keyof typeof EXTRACT_PHASES, string> = { places: 'findPlaces', people: 'findPeople', 'dates and counts': 'mentionsOf', claims: 'findClaims', candidates: 'buildCandidates' };
  let from = 0;
  for (const [phase, share] of Object.entries(EXTRACT_PHASES) as [keyof typeof EXTRACT_PHASES, number][]) {
    const to = from + share * total;
    const inBand = calls.map((c, i) => [c[0], reporters[i]!] as const).filter(([done]) => done > from && done < to);
    assert.ok(inBand.length > 0, `the bar moves within ${phase}'s share (${from.toFixed(0)}..${to.toFixed(0)} of ${total})`);
    assert.ok(inBand.some(([, stack]) => stack.includes(worker[phase])), `reported from ${worker[phase]} while ${phase} run`);
    from = to;
  }
  assert.ok(Math.abs(from - total) < 1e-6, 'the shares add up to the whole');
  // The bar moves in small steps: many reports, none skipping a tenth of the work (the article has paragraphs with mentions throughout).
  assert.ok(calls.length > total / 4, `${calls.length} reports for ${total} paragraphs`);
  for (let i = 1; i < calls.length; i++) assert.ok(calls[i]![0] - calls[i - 1]![0] <= Math.ceil(total / 10), `a step of ${calls[i]![0] - calls[i - 1]![0]}`);
});

test('progress of extractMentions alone (no candidates) ends at the total too; an empty text reports 0 of 0 once', () => {
  const total = passagesOf(INTERVIEW).length;
  checkProgress(progressOf((onProgress) => extractMentions(INTERVIEW, { lang: 'fr', reference: '2022-01-07', onProgress })), total);
  assert.deepEqual(progressOf((onProgress) => extractMentions('', { lang: 'fr', onProgress })), [[0, 0]]);
  const one = progressOf((onProgress) => extractMentions('Le 5 janvier à Almaty.', { lang: 'fr', onProgress }));
  assert.deepEqual(one, [[1, 1]]);
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
