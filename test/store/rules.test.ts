import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { foldText } from '../../src/core/fold.ts';
import { searchableText } from '../../src/core/text.ts';
import { indexText } from '../../src/store/rules.ts';

void test('indexText (cached folding) equals foldText(searchableText(event))', () => {
  const words = fc.constantFrom('Жанаозен', 'Zhanaozen', 'Tokaïev', 'l’akimat', "d'Almaty", 'Тоқаев', 'ереуіл', '2022', 'grève', '😀', 'NEAR', '"');
  const text = fc.array(fc.oneof(words, fc.string(), fc.string({ unit: 'grapheme' })), { maxLength: 12 }).map((ws) => ws.join(' '));
  fc.assert(
    fc.property(text, fc.boolean(), (t, asJson) => {
      const event = { content: asJson ? JSON.stringify({ lang: 'en', text: t }) : t, tags: [['title', t]] };
      assert.equal(indexText(event), foldText(searchableText(event)));
      assert.equal(indexText(event), foldText(searchableText(event)), 'second call, from the cache');
    }),
    { numRuns: 300 },
  );
});
