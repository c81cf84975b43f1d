// npm run eval's parts: the hand-labelled gold set and name-variant list load and hold together,
// the scorer counts what it should, and the harness runs end to end. No extraction figure is
// judged here: the eval reports targets, it does not fail the build on them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { KeruenError } from '../../src/core/errors.ts';
import { MENTION_TYPES, type Mention } from '../../src/core/extract/types.ts';
import { loadGold, parseGold, type GoldEntry } from '../../eval/gold.ts';
import { scoreMentions } from '../../eval/score.ts';
import { loadVariants, parseVariants } from '../../eval/variants.ts';

const GOLD = 'eval/gold/after-the-uprising.fr.json';
const VARIANTS = 'eval/name-variants.json';
/** Labelled from the second seed article (the extractors were later tuned on it too). */
const SECOND = 'eval/gold/uprising-interview.fr.json';
/** Written and labelled blind, before any extractor ran on them (eval/heldout/README.md). */
const BLIND = ['en', 'fr', 'ru'].map((lang) => `eval/gold/heldout-${lang}.json`);
const SEED = '../shared/seeds/kazakhstan-2022-01-after-the-uprising.fr.txt';

test('the gold sets load and every quote is the article at its place', () => {
  assert.equal(loadGold(GOLD).text, readFileSync(SEED, 'utf8'));
  for (const path of [GOLD, SECOND, ...BLIND]) {
    const gold = loadGold(path);
    for (const e of gold.entries) assert.equal(gold.text.slice(e.at[0], e.at[1]), e.quote);
    for (const type of MENTION_TYPES) assert.ok(gold.entries.some((e) => e.type === type), `${path}: no ${type} labelled`);
    // One label per thing: no two entries of a type on the same span.
    const spans = new Set(gold.entries.map((e) => `${e.type}:${e.at[0]}-${e.at[1]}`));
    assert.equal(spans.size, gold.entries.length, path);
  }
});

test('the gold loader refuses a quote that is missing, ambiguous or out of range, naming it', () => {
  const text = 'Le 5 janvier à Almaty, puis le 6 janvier à Almaty.';
  const file = (entries: unknown[]) => JSON.stringify({ article: 'x', lang: 'fr', reference: '2022-01-12', entries });
  const place = (quote: string, nth?: number) => ({ type: 'place', quote, ...(nth ? { nth } : {}), value: 'Almaty' });
  assert.equal(parseGold(file([place('Almaty', 2)]), text).entries[0]!.at[0], text.lastIndexOf('Almaty'));
  const refuses = (entries: unknown[], why: RegExp) =>
    assert.throws(() => parseGold(file(entries), text), (e: unknown) => e instanceof KeruenError && why.test(e.message));
  refuses([place('Zhanaozen')], /"Zhanaozen".*not in the article/);
  refuses([place('Almaty')], /occurs 2 times.*nth/);
  refuses([place('Almaty', 3)], /nth 3 but the quote occurs 2/);
  refuses([{ type: 'date', quote: '5 janvier', value: { from: '2022-01-5', precision: 'day' } }], /entries\.0\.value\.from/);
  refuses([{ type: 'count', quote: '5', value: { value: 5, unit: 'dead' } }], /entries\.0\.value\.unit/);
  assert.throws(() => parseGold('{', text), (e: unknown) => e instanceof KeruenError && e.code === 'invalid_json');
});

test('hostile gold and variant files: a KeruenError or a result, never a crash', () => {
  const text = readFileSync(SEED, 'utf8');
  const entry = fc.record({
    type: fc.oneof(fc.constantFrom(...MENTION_TYPES), fc.string()),
    quote: fc.oneof(fc.string(), fc.constantFrom('Almaty', 'Zhanaozen', '5 janvier', '')),
    nth: fc.option(fc.oneof(fc.integer(), fc.double()), { nil: undefined }),
    value: fc.anything(),
  });
  const goldFile = fc.oneof(
    fc.string(),
    fc.json(),
    fc.record({ article: fc.string(), lang: fc.constantFrom('fr', 'xx'), reference: fc.constantFrom('2022-01-12', 'soon'), entries: fc.array(entry, { maxLength: 5 }) }).map((o) => JSON.stringify(o)),
  );
  fc.assert(
    fc.property(goldFile, (json) => {
      try {
        const gold = parseGold(json, text);
        for (const e of gold.entries) assert.equal(text.slice(e.at[0], e.at[1]), e.quote);
      } catch (e) {
        assert.ok(e instanceof KeruenError, `not a KeruenError: ${String(e)}`);
        assert.ok(e.message.length > 0);
      }
    }),
    { numRuns: 300 },
  );
  const pair = fc.record({ kind: fc.constantFrom('person', 'place', 'thing'), a: fc.string(), b: fc.string(), same: fc.anything(), note: fc.string() });
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.json(), fc.record({ about: fc.string(), pairs: fc.array(pair, { maxLength: 4 }) }).map((o) => JSON.stringify(o))), (json) => {
      try {
        parseVariants(json);
      } catch (e) {
        assert.ok(e instanceof KeruenError, `not a KeruenError: ${String(e)}`);
      }
    }),
    { numRuns: 300 },
  );
});

test('the name-variant list has at least 60 labelled pairs of both kinds, hard negatives included', () => {
  const pairs = loadVariants(VARIANTS);
  assert.ok(pairs.length >= 60, `${pairs.length} pairs`);
  for (const kind of ['person', 'place'] as const)
    for (const same of [true, false]) assert.ok(pairs.some((p) => p.kind === kind && p.same === same), `no ${kind} pair with same=${same}`);
  assert.equal(new Set(pairs.map((p) => `${p.kind}:${p.a}|${p.b}`)).size, pairs.length, 'a pair is listed twice');
  for (const p of pairs) assert.notEqual(p.a, p.b);
  assert.ok(loadVariants('eval/name-variants-heldout.json').length > 0);
});

/** A prediction that says exactly what the gold entry says, on its span. */
function perfect(g: GoldEntry): Mention {
  const base = { at: g.at, text: g.quote, passage: 'p1-00000000' };
  switch (g.type) {
    case 'date':
      return { ...base, type: 'date', when: g.value };
    case 'place':
      return { ...base, type: 'place', place: { name: g.quote, names: { en: g.value } } };
    case 'person':
      return { ...base, type: 'person', name: g.value };
    case 'count':
      return { ...base, type: 'count', value: g.value.value, unit: g.value.unit, counted: g.quote };
    case 'claim':
      return { ...base, type: 'claim', statement: g.quote, claimant: { name: g.value.claimant } };
  }
}

test('the scorer: the gold itself scores 1; a wrong value or a span elsewhere is a false positive and a miss', () => {
  const gold = loadGold(GOLD);
  const all = scoreMentions(gold.entries.map(perfect), gold.entries);
  for (const type of MENTION_TYPES) {
    assert.equal(all[type].precision, 1, type);
    assert.equal(all[type].recall, 1, type);
  }
  const day = gold.entries.find((e): e is Extract<GoldEntry, { type: 'date' }> => e.type === 'date' && e.value.precision === 'day')!;
  const place = gold.entries.find((e) => e.type === 'place')!;
  const wrongDay: Mention = { ...(perfect(day) as Extract<Mention, { type: 'date' }>), when: { from: '2021-01-05', precision: 'day' } };
  const coarser: Mention = { ...(perfect(day) as Extract<Mention, { type: 'date' }>), when: { from: day.value.from.slice(0, 7), precision: 'month' } };
  const elsewhere: Mention = { ...perfect(place), at: day.at, text: day.quote }; // a place where the gold has a date only
  const s = scoreMentions([wrongDay, coarser, elsewhere, perfect(day)], gold.entries);
  assert.equal(s.date.predicted, 3);
  assert.equal(s.date.matched, 1);
  assert.equal(s.date.falsePositives.length, 2);
  assert.equal(s.date.falsePositives[0]!.near, day, 'a wrong value names the gold entry it overlaps');
  assert.equal(s.place.matched, 0);
  assert.equal(s.place.falsePositives[0]!.near, undefined);
  assert.equal(s.place.misses.length, gold.entries.filter((e) => e.type === 'place').length);
  // A person is matched by its words, not by its title: "président Tokayev" is not the name.
  const tokayev = gold.entries.find((e) => e.type === 'person' && e.quote === 'Tokayev')!;
  const titled: Mention = { ...(perfect(tokayev) as Extract<Mention, { type: 'person' }>), name: 'président Tokayev' };
  assert.equal(scoreMentions([titled], gold.entries).person.matched, 0);
});

test('npm run eval runs on the real extractors and prints every type, the rule, resolution and --verbose lists', async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'eval/run.ts', '--verbose'], { maxBuffer: 16 * 1024 * 1024 });
  for (const type of MENTION_TYPES) {
    assert.match(stdout, new RegExp(`^${type}\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\d\\.\\d{3}\\s+\\d\\.\\d{3}`, 'm'), `no ${type} row`);
    assert.match(stdout, new RegExp(`^${type}: false positives \\(\\d+\\)$`, 'm'));
    assert.match(stdout, new RegExp(`^${type}: misses \\(\\d+\\)$`, 'm'));
  }
  assert.match(stdout, /^Matching rule:/m);
  assert.match(stdout, /^all\s+\d+\s+\d+\s+\d\.\d{3}\s+>= 0\.90\s+(yes|NO)$/m);
  assert.match(stdout, /^Misjudged pairs \(\d+\):/m);
});
