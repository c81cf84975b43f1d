/** The rateless IBLT codec (src/sync/riblt): exact differences, wire round trips, hostile bytes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { isKeruenError } from '../../src/core/errors.ts';
import { DifferenceDecoder, SymbolEncoder, decodeSymbols, encodeSymbols, fromBase64, itemsFromIds, toBase64, type CodedSymbols } from '../../src/sync/riblt/index.ts';

/** Distinct ids from a seed: sha256 of (seed, i), as event ids are. */
function ids(seed: number, n: number, tag: string): string[] {
  return Array.from({ length: n }, (_, i) => bytesToHex(sha256(new TextEncoder().encode(`${tag}:${seed}:${i}`))));
}

/** Streams both sides' symbols into a decoder, batches doubling from `first`, until it completes. */
function reconcile(local: string[], remote: string[], first = 16, doubling = true): { decoder: DifferenceDecoder; symbols: number } {
  const a = new SymbolEncoder(itemsFromIds(local));
  const b = new SymbolEncoder(itemsFromIds(remote));
  const decoder = new DifferenceDecoder();
  let batch = first;
  while (!decoder.complete) {
    // Through the wire format, so what is tested is what travels.
    const wire = decodeSymbols(fromBase64(toBase64(encodeSymbols(b.next(batch)))), decoder.symbols, batch);
    decoder.add(a.next(batch), wire);
    if (doubling) batch = decoder.symbols;
    assert.ok(decoder.symbols < 100_000, 'decodes in a bounded number of symbols');
  }
  return { decoder, symbols: decoder.symbols };
}

const prefixes = (xs: string[]) => xs.map((id) => id.slice(0, 32)).sort();

test('the decoder finds exactly the symmetric difference (random sets, 0..2,000 differences on both sides)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 0, max: 1_000 }), fc.integer({ min: 0, max: 1_000 }), (seed, shared, onlyA, onlyB) => {
      const common = ids(seed, shared, 's');
      const a = ids(seed, onlyA, 'a');
      const b = ids(seed, onlyB, 'b');
      const { decoder } = reconcile([...common, ...a], [...b, ...common]);
      assert.deepEqual(decoder.localOnly.slice().sort(), prefixes(a));
      assert.deepEqual(decoder.remoteOnly.slice().sort(), prefixes(b));
    }),
    { numRuns: 60 },
  );
});

test('identical sets decode from one symbol; an empty side gives the other whole', () => {
  const same = ids(1, 500, 's');
  assert.equal(reconcile(same, [...same].reverse(), 1).symbols, 1);
  const { decoder } = reconcile([], same);
  assert.deepEqual(decoder.remoteOnly.slice().sort(), prefixes(same));
  assert.deepEqual(decoder.localOnly, []);
});

test('about 1.4 symbols per difference at d = 1,000, and the estimate of d is within a factor of 2 after 128 symbols', () => {
  const common = ids(7, 20_000, 's');
  const a = ids(7, 500, 'a');
  const b = ids(7, 500, 'b');
  const { symbols } = reconcile([...common, ...a], [...common, ...b], 8, false);
  assert.ok(symbols <= 1_600, `${symbols} symbols for 1,000 differences`);
  const enc = [new SymbolEncoder(itemsFromIds([...common, ...a])), new SymbolEncoder(itemsFromIds([...common, ...b]))] as const;
  const decoder = new DifferenceDecoder();
  decoder.add(enc[0].next(128), enc[1].next(128));
  const est = decoder.estimateDifference();
  assert.ok(est >= 500 && est <= 2_000, `estimate ${est}`);
});

const symbolsArb = fc.integer({ min: 0, max: 40 }).chain((count) =>
  fc.record({
    from: fc.integer({ min: 0, max: 1_000_000 }),
    words: fc.uint32Array({ minLength: count * 4, maxLength: count * 4 }),
    checksums: fc.uint32Array({ minLength: count * 2, maxLength: count * 2 }),
    counts: fc.int32Array({ minLength: count, maxLength: count }),
  }),
);

test('symbols survive the wire format and base64 unchanged', () => {
  fc.assert(
    fc.property(symbolsArb, (s) => {
      const symbols: CodedSymbols = { ...s, count: s.counts.length };
      const text = toBase64(encodeSymbols(symbols));
      const back = decodeSymbols(fromBase64(text), s.from, symbols.count);
      assert.equal(back.count, symbols.count);
      assert.deepEqual([...back.words], [...s.words]);
      assert.deepEqual([...back.checksums], [...s.checksums]);
      assert.deepEqual([...back.counts], [...s.counts]);
    }),
  );
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      const text = toBase64(bytes);
      assert.equal(text, Buffer.from(bytes).toString('base64'));
      assert.deepEqual([...fromBase64(text)], [...bytes]);
    }),
  );
});

/** Either a result or a coded `usage` error: never a crash of another kind. */
function refusedClearly(f: () => unknown): void {
  try {
    f();
  } catch (e) {
    assert.ok(isKeruenError(e), `a KeruenError, got ${String(e)}`);
    assert.match(e.message, /riblt/);
  }
}

test('hostile bytes: random, truncated, huge counts, too many symbols: a clear error, never a crash or a hang', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => refusedClearly(() => decodeSymbols(bytes, 0, 10))));
  fc.assert(fc.property(fc.string({ maxLength: 80 }), (text) => refusedClearly(() => fromBase64(text))));
  const whole = new SymbolEncoder(itemsFromIds(ids(3, 50, 's'))).next(20);
  const good = encodeSymbols(whole);
  fc.assert(
    fc.property(fc.integer({ min: 1, max: good.length - 1 }), (cut) => {
      // A cut between two symbols leaves a shorter batch (a prefix of the symbols); anywhere else, an error.
      let part: CodedSymbols;
      try {
        part = decodeSymbols(good.slice(0, cut), 0, 20);
      } catch (e) {
        assert.ok(isKeruenError(e) && /cut short/.test(e.message), String(e));
        return;
      }
      assert.ok(part.count < 20);
      assert.deepEqual([...part.words], [...whole.words.slice(0, part.count * 4)]);
    }),
  );
  // A count whose varint runs past 32 bits, and one past 35.
  const huge = new Uint8Array([...new Uint8Array(24), 0xff, 0xff, 0xff, 0xff, 0x7f]);
  assert.throws(() => decodeSymbols(huge, 0, 1), /over 32 bits/);
  const endless = new Uint8Array([...new Uint8Array(24), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]);
  assert.throws(() => decodeSymbols(endless, 0, 1), /over 32 bits/);
  assert.throws(() => decodeSymbols(good, 0, 5), /at most 5 symbols/);
  assert.throws(() => fromBase64('QUJD\nQUJD'), /not base64/);
});

test('hostile symbols fed to the decoder: it completes, or refuses with a coded error, in bounded work', () => {
  fc.assert(
    fc.property(symbolsArb, fc.boolean(), (s, craftPure) => {
      const count = s.counts.length;
      const remote: CodedSymbols = { from: 0, count, words: s.words, checksums: s.checksums, counts: s.counts };
      if (craftPure && count > 0) {
        // Symbols that each hold exactly one fake item: every one peels, possibly into the others.
        const fake = ids(s.from, count, 'fake');
        const own = new SymbolEncoder(itemsFromIds(fake.slice(0, 1))).next(count);
        remote.words.set(own.words);
        remote.checksums.set(own.checksums);
        remote.counts.set(own.counts);
      }
      const local = new SymbolEncoder(itemsFromIds(ids(s.from, 30, 'own'))).next(count);
      const decoder = new DifferenceDecoder({ maxItems: 50 });
      try {
        decoder.add(local, remote);
      } catch (e) {
        assert.ok(isKeruenError(e), `a KeruenError, got ${String(e)}`);
        return;
      }
      assert.ok(decoder.localOnly.length + decoder.remoteOnly.length <= 50);
    }),
  );
  assert.throws(() => new DifferenceDecoder().add(new SymbolEncoder(itemsFromIds([])).next(2), { ...new SymbolEncoder(itemsFromIds([])).next(2), from: 5 }), /continue from 0/);
  assert.throws(() => itemsFromIds(['xyz']), /not an id/);
});
