// The four UI dictionaries: complete, non-empty, really translated, same placeholders.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DICTIONARIES, LOCALES, translate, type MessageKey } from '../../src/web/app/i18n/index.ts';
import type { Message } from '../../src/web/app/i18n/en.ts';

const en = DICTIONARIES.en;
const keys = Object.keys(en) as MessageKey[];

function forms(m: Message): string[] {
  return typeof m === 'string' ? [m] : Object.values(m).filter((v): v is string => v !== undefined);
}

function placeholders(s: string): string[] {
  return [...new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string))].sort();
}

/** Keys whose text may equal English: names, language names written in their own language, bare placeholders. */
function mayEqualEnglish(key: string, text: string): boolean {
  if (key === 'app.name' || key.startsWith('lang.')) return true;
  if (/^[\s{}\w]*$/.test(text) && placeholders(text).length > 0 && text.replace(/\{\w+\}/g, '').trim() === '') return true;
  // Product and format names that every language writes the same way.
  return /^(Keruen|JSON|SHA-256|Blossom|Nostr|npub|EXIF|GPS|JPEG|PNG|Natural Earth)$/i.test(text.trim());
}

test('every language has every key, none empty', () => {
  for (const locale of LOCALES) {
    const dict = DICTIONARIES[locale];
    for (const key of keys) {
      const m = dict[key];
      assert.ok(m !== undefined, `${locale} lacks ${key}`);
      for (const f of forms(m)) assert.ok(f.trim() !== '', `${locale} ${key} is empty`);
      if (typeof m !== 'string') assert.ok(m.other !== undefined || m.many !== undefined, `${locale} ${key} has no "other" plural form`);
    }
    assert.deepEqual(Object.keys(dict).filter((k) => !(k in en)), [], `${locale} has keys English does not`);
  }
});

test('Russian and Kazakh are translated, not left in English', () => {
  for (const locale of ['ru', 'kk'] as const) {
    const same = keys.filter((k) => {
      const a = forms(DICTIONARIES[locale][k]).join('|');
      return a === forms(en[k]).join('|') && !mayEqualEnglish(k, a);
    });
    assert.deepEqual(same, [], `${locale}: left equal to English`);
    // Kazakh and Russian UI text is written in Cyrillic.
    const latinOnly = keys.filter((k) => forms(DICTIONARIES[locale][k]).some((f) => /[a-z]{4,}/i.test(f.replace(/\{\w+\}/g, '')) && !/[\u0400-\u04FF]/.test(f)) && !mayEqualEnglish(k, forms(DICTIONARIES[locale][k]).join('')));
    assert.deepEqual(latinOnly, [], `${locale}: text with no Cyrillic`);
  }
});

test('placeholders match across languages', () => {
  for (const key of keys) {
    const want = placeholders(forms(en[key]).join(' '));
    for (const locale of LOCALES) {
      for (const f of forms(DICTIONARIES[locale][key])) {
        const got = placeholders(f);
        // A plural form may leave out {count} ("одна оценка"), but may not invent a placeholder.
        assert.deepEqual(got.filter((p) => !want.includes(p)), [], `${locale} ${key}: unknown placeholder in "${f}"`);
        assert.deepEqual(want.filter((p) => p !== 'count' && !got.includes(p)), [], `${locale} ${key}: missing placeholder in "${f}"`);
      }
    }
  }
});

test('plurals follow each language: Russian few/many, numbers in the reader\'s format', () => {
  assert.equal(translate('ru', 'count.testimony', { count: 3 }), '3 свидетельства');
  assert.equal(translate('ru', 'count.testimony', { count: 5 }), '5 свидетельств');
  assert.equal(translate('kk', 'count.testimony', { count: 5 }), '5 куәлік');
  assert.equal(translate('fr', 'qualifier.at least', { value: '20 000' }), 'au moins 20 000');
  assert.match(translate('fr', 'people.count', { count: 12000 }), /^12\s000 personnes$/);
});
