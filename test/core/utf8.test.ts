import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { firstInvalidUtf8 } from '../../src/core/utf8.ts';

const strict = (b: Uint8Array) => {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
};

test('the offset of the first bad byte: at the start of the broken character, valid before it', () => {
  assert.equal(firstInvalidUtf8(new TextEncoder().encode('Жанаозен, 5 janvier')), -1);
  assert.equal(firstInvalidUtf8(Uint8Array.from([0x41, 0xe0, 0x41])), 1, 'a lead byte without its continuation');
  assert.equal(firstInvalidUtf8(Uint8Array.from([0x41, 0x42, 0xd0])), 2, 'a character cut at the end');
  assert.equal(firstInvalidUtf8(Uint8Array.from([0xc0, 0x80])), 0, 'an overlong form');
  assert.equal(firstInvalidUtf8(Uint8Array.from([0x41, 0xed, 0xa0, 0x80])), 1, 'a surrogate');
});

test('any bytes: -1 exactly when the strict decoder accepts them; else an offset inside, with valid text before it', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 20 }), (junk, s) => {
      const text = new TextEncoder().encode(s);
      for (const b of [junk, Uint8Array.from([...text, ...junk]), Uint8Array.from([...junk, ...text])]) {
        const at = firstInvalidUtf8(b);
        assert.equal(at === -1, strict(b));
        if (at >= 0) {
          assert.ok(at < b.length);
          assert.ok(strict(b.subarray(0, at)), 'valid before the offset');
        }
      }
    }),
    { numRuns: 2000 },
  );
});
