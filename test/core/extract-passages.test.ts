import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { passageAt, passagesOf, sentencesOf } from '../../src/core/extract/passages.ts';

const SEED = '../shared/seeds/kazakhstan-2022-01-after-the-uprising.fr.txt';

test('passages of a seed article: trimmed paragraphs, in order, anchors stable across imports', () => {
  const text = readFileSync(SEED, 'utf8');
  const ps = passagesOf(text);
  assert.ok(ps.length > 50, `${ps.length} paragraphs`);
  assert.ok(ps[0]!.id.startsWith('p1-'));
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i]!;
    const body = text.slice(p.at[0], p.at[1]);
    assert.equal(body, body.trim());
    assert.ok(!/\n\s*\n/.test(body), 'no blank line inside a passage');
    if (i > 0) assert.ok(p.at[0] > ps[i - 1]!.at[1]);
    assert.equal(passageAt(ps, p.at[0])?.id, p.id);
    assert.equal(passageAt(ps, p.at[1] - 1)?.id, p.id);
  }
  assert.deepEqual(passagesOf(text), ps, 'same text, same anchors');
  // An edit in one paragraph changes only that paragraph's hash.
  const edited = text.slice(0, ps[3]!.at[0]) + 'X' + text.slice(ps[3]!.at[0]);
  const again = passagesOf(edited);
  assert.equal(again[2]!.id, ps[2]!.id);
  assert.notEqual(again[3]!.id, ps[3]!.id);
  assert.equal(again[5]!.id.split('-')[1], ps[5]!.id.split('-')[1]);
});

test('sentences split at full stops before a capital, not inside numbers or abbreviations without a capital', () => {
  const text = 'Le 5 janvier, 2.500 soldats sont arrivés. Ensuite « la police » a tiré ! 164 morts selon le ministère.';
  const s = sentencesOf(text, [0, text.length]).map(([a, b]) => text.slice(a, b));
  assert.deepEqual(s, ['Le 5 janvier, 2.500 soldats sont arrivés.', 'Ensuite « la police » a tiré !', '164 morts selon le ministère.']);
});

test('any text: passages are disjoint, inside the text, and cover every non-blank character', () => {
  fc.assert(
    fc.property(fc.string({ unit: fc.constantFrom('a', 'é', ' ', '\n', '\t', '.', 'Ж', '\r') }), (text) => {
      const ps = passagesOf(text);
      let prev = -1;
      const covered = new Set<number>();
      for (const p of ps) {
        assert.ok(p.at[0] >= 0 && p.at[1] <= text.length && p.at[0] < p.at[1] && p.at[0] > prev);
        prev = p.at[1];
        for (let i = p.at[0]; i < p.at[1]; i++) covered.add(i);
        for (const s of sentencesOf(text, p.at)) assert.ok(s[0] >= p.at[0] && s[1] <= p.at[1] && s[0] < s[1]);
      }
      for (let i = 0; i < text.length; i++) if (!/\s/.test(text[i]!)) assert.ok(covered.has(i), `char ${i} covered`);
    }),
    { numRuns: 500 },
  );
});
