/** The verifier's shortcuts never accept what the exact checks (zod, re-serialization) refuse. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { utf8Length, wireEventSchema } from '../../src/core/event.ts';
import { lineWithinLimit, plainWireEvent, SERIALIZATION_GROWTH } from '../../src/store/wire-shape.ts';
import { author } from './helpers.ts';

const alice = author();
const good = alice.sign(4861, 1_641_340_800, [['alt', 'Keruen testimony'], ['t', 'Жанаозен']], JSON.stringify({ lang: 'en', text: 'strike' }));

/** A good event with one field replaced, removed or added. */
const mutated = fc.oneof(
  fc.record({ key: fc.constantFrom('id', 'pubkey', 'created_at', 'kind', 'tags', 'content', 'sig', 'extra', '__proto__'), value: fc.anything() }).map(({ key, value }) => {
    const e: Record<string, unknown> = JSON.parse(JSON.stringify(good));
    Object.defineProperty(e, key, { value, enumerable: true, writable: true, configurable: true });
    return e;
  }),
  fc.constantFrom('id', 'pubkey', 'created_at', 'kind', 'tags', 'content', 'sig').map((key) => {
    const e: Record<string, unknown> = JSON.parse(JSON.stringify(good));
    delete e[key];
    return e;
  }),
  fc.record({
    created_at: fc.oneof(fc.integer(), fc.double(), fc.constant(Number.MAX_SAFE_INTEGER + 2), fc.constant(-0)),
    kind: fc.oneof(fc.integer({ min: -5, max: 70_000 }), fc.double()),
    tags: fc.array(fc.array(fc.oneof(fc.string(), fc.constant('\ud800'), fc.integer() as fc.Arbitrary<unknown>), { maxLength: 3 }), { maxLength: 3 }),
    content: fc.oneof(fc.string(), fc.constant('broken \udc00 surrogate')),
  }).map((over) => ({ ...JSON.parse(JSON.stringify(good)), ...over }) as unknown),
  fc.anything(),
);

void test('plainWireEvent accepts only what wireEventSchema accepts, with the same result', () => {
  assert.deepEqual(plainWireEvent(JSON.parse(JSON.stringify(good))), wireEventSchema.parse(good));
  fc.assert(
    fc.property(mutated, (raw) => {
      const fast = plainWireEvent(raw);
      if (fast === undefined) return;
      const exact = wireEventSchema.safeParse(raw);
      assert.ok(exact.success, `fast path accepted what zod refuses: ${JSON.stringify(raw)}`);
      assert.deepEqual(fast, exact.data);
    }),
    { numRuns: 3000 },
  );
});

/** JSON text of a value, written the long way where JSON allows: escapes, exponents, blanks. */
function longhand(value: unknown, pick: () => number): string {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value > 0 && pick() < 0.5) {
      const digits = String(value).replace(/0+$/, '');
      const zeros = String(value).length - digits.length;
      if (zeros > 0) return `${digits}e${zeros}`;
    }
    return JSON.stringify(value);
  }
  if (typeof value === 'string') {
    let out = '"';
    for (const ch of value) {
      const plain = JSON.stringify(ch).slice(1, -1);
      if (pick() < 0.3) out += ch.split('').map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
      else if (ch === '/' && pick() < 0.5) out += '\\/';
      else out += plain;
    }
    return `${out}"`;
  }
  if (Array.isArray(value)) return `[ ${value.map((v) => longhand(v, pick)).join(' , ')} ]`;
  if (value !== null && typeof value === 'object') {
    return `{ ${Object.entries(value).map(([k, v]) => `${longhand(k, pick)} : ${longhand(v, pick)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}

void test('lineWithinLimit never says yes to an event whose serialization is over the limit', () => {
  const event = fc.record({
    id: fc.constant(good.id),
    pubkey: fc.constant(good.pubkey),
    created_at: fc.oneof(fc.nat(), fc.constantFrom(1e15, 9e15, Number.MAX_SAFE_INTEGER, 1_000_000_000)),
    kind: fc.oneof(fc.nat({ max: 65535 }), fc.constantFrom(60000, 10000)),
    tags: fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 3 }), { maxLength: 4 }),
    content: fc.string({ unit: 'grapheme', maxLength: 200 }),
    sig: fc.constant(good.sig),
  });
  fc.assert(
    fc.property(event, fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: -40, max: 40 }), (e, seed, slack) => {
      let s = seed;
      const pick = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const line = longhand(e, pick);
      const exact = utf8Length(JSON.stringify(wireEventSchema.parse(JSON.parse(line))));
      // Limits around the exact size, where a wrong bound would show.
      const limit = exact + slack;
      if (lineWithinLimit(line, limit)) assert.ok(exact <= limit, `${line}: ${exact} > ${limit}`);
    }),
    { numRuns: 3000 },
  );
  assert.ok(SERIALIZATION_GROWTH >= 16 + 4);
});
