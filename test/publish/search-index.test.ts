/**
 * The site search against hostile input: any query string a reader types (or a link carries in
 * ?q=) plans a bounded set of shards and never throws; any record text an author can sign is
 * indexed, and every search over the built index finds exactly what a brute-force scan of the
 * records' folded words finds (nothing lost, nothing extra), in the stated order; index files a
 * mirror damaged are refused with a clear error, not misread.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { hexToBytes } from '@noble/hashes/utils.js';
import { signEvent, type VerifiedEvent } from '../../src/core/event.ts';
import { KeruenError } from '../../src/core/errors.ts';
import { foldText, tokenize } from '../../src/core/fold.ts';
import { searchableText } from '../../src/core/text.ts';
import { ArchiveIndex } from '../../src/core/views/index.ts';
import { buildSearchIndex, MAX_WORD } from '../../src/publish/site/search-index.ts';
import { INDEX_CALLBACK, indexFileText, MAX_PREFIX_SHARDS, MAX_QUERY_WORDS, parseManifest, parseMetaChunk, parseShard, planQuery, rank, shardsOf, type Shard } from '../../src/publish/site/browser/search-query.ts';

const RUNS = Math.round(100 * Number(process.env.FUZZ_SCALE ?? 1));
const SK = hexToBytes('0e'.repeat(32));

const words = ['Жанаозен', 'Zhanaozen', 'Janaozen', 'Жаңаөзен', 'Алматы', 'Almaty', 'akimat', 'Tokaïev', 'Токаев', 'Tokayev', 'police', 'полиция', 'internet', '2022', '164', 'a', 'strike', 'Aqtobe', 'Ақтөбе'];
const hostileText = fc.oneof(
  fc.array(fc.constantFrom(...words), { maxLength: 6 }).map((w) => w.join(' ')),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('</script>', '"\\u0000', '{"title":', '\u2028', 'a'.repeat(MAX_WORD + 5), `${'f'.repeat(64)}`),
);
const query = fc.oneof(hostileText, fc.string({ unit: 'binary', maxLength: 400 }), fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 20 }).map((w) => w.join(' ')));
const content = fc.oneof(
  hostileText,
  fc.record({ title: hostileText, summary: hostileText, lang: fc.constantFrom('en', 'ru', 'kk') }).map((o) => JSON.stringify(o)),
  fc.record({ text: hostileText, witness: fc.record({ description: hostileText }) }).map((o) => JSON.stringify(o)),
);
const record = fc.tuple(content, fc.constantFrom(1, 4861, 4862, 4860, 30_000), fc.integer({ min: 1_600_000_000, max: 1_700_000_000 }), fc.array(fc.tuple(fc.constantFrom('title', 't', 'alt'), hostileText).map(([k, v]) => [k, v]), { maxLength: 2 }));

function sign(list: [string, number, number, string[][]][]): VerifiedEvent[] {
  return list.map(([c, kind, at, tags]) => signEvent({ kind, created_at: at, tags, content: c }, SK));
}

/** What the browser gets from an index file: the file's text run as a script, handing over its data. */
function loaded(path: string, data: unknown): unknown {
  let got: unknown;
  // The file is ours, run as the browser runs it.
  new Function(INDEX_CALLBACK, indexFileText(path, data))((p: string, d: unknown) => {
    assert.equal(p, path);
    got = d;
  });
  return got;
}

/** Every shard of a built index, as the browser decodes it from the file it loaded. */
function decoded(shards: unknown[], records: number): Map<number, Shard> {
  return new Map(shards.map((s, i) => [i, parseShard(loaded(`w/${i}`, s), records)]));
}

test('any query plans a few shards inside the index, with folded words only, and never throws', () => {
  const manifest = { shards: ['', 'al', 'b', 'j', 'janaozen', 'janaozenz', 'k', 'p', 'po', 't', 'tokaev', 'z'] };
  fc.assert(
    fc.property(query, (q) => {
      const plan = planQuery(q, manifest);
      assert.ok(plan.length <= MAX_QUERY_WORDS);
      assert.equal(new Set(plan.map((w) => w.word)).size, plan.length, 'each word once');
      for (const [i, w] of plan.entries()) {
        assert.match(w.word, /^[a-z0-9]+$/);
        assert.ok(w.from >= 0 && w.from <= w.to && w.to < manifest.shards.length);
        assert.ok(w.to - w.from < MAX_PREFIX_SHARDS);
        if (i < plan.length - 1) assert.equal(w.prefix, false, 'only the last word is a prefix');
        if (!w.prefix) assert.equal(w.from, w.to);
      }
      assert.ok(shardsOf(plan).length <= MAX_QUERY_WORDS + MAX_PREFIX_SHARDS);
    }),
    { numRuns: RUNS * 5 },
  );
});

test('any records are indexed, and a search finds exactly what a scan of their folded words finds, all words matched, exact matches first, then newest', () => {
  fc.assert(
    fc.property(fc.array(record, { minLength: 1, maxLength: 12 }), query, fc.integer({ min: 16, max: 600 }), (list, q, shardBytes) => {
      const events = sign(list);
      const index = buildSearchIndex(events, new ArchiveIndex(events), shardBytes);
      // What the browser reads: the manifest and every shard and metadata chunk parse.
      const manifest = parseManifest(loaded('index', index.manifest));
      const shards = decoded(index.shards, manifest.records);
      const meta = index.meta.flatMap((m, i) => parseMetaChunk(loaded(`r/${i}`, m)));
      // The files carry the data exactly (JSON inside a script: U+2028, "</script>", lone surrogates).
      assert.deepEqual(loaded('r/0', index.meta[0]), JSON.parse(JSON.stringify(index.meta[0])));
      assert.equal(meta.length, events.length, 'one metadata entry per record');
      assert.deepEqual(new Set(meta.map((m) => m[0])), new Set(events.map((e) => e.id)));
      // Every word of every record sits in the shard the manifest points to.
      const wordsOf = meta.map(([id]) => new Set(foldText(searchableText(events.find((e) => e.id === id) as VerifiedEvent)).split(' ').filter((w) => w !== '' && w.length <= MAX_WORD)));
      const plan = planQuery(q, manifest);
      const { order } = rank(plan, shards);
      // The reference: a plain scan of each record's words.
      const expected = wordsOf
        .map((ws, n) => {
          let exact = 0;
          for (const w of plan) {
            if (ws.has(w.word)) exact++;
            else if (!(w.prefix && [...ws].some((x) => x.startsWith(w.word)))) return undefined;
          }
          return { n, exact };
        })
        .filter((x) => x !== undefined && plan.length > 0) as { n: number; exact: number }[];
      expected.sort((a, b) => b.exact - a.exact || a.n - b.n);
      assert.deepEqual(order, expected.map((x) => x.n));
      // Numbers are newest first.
      for (let n = 1; n < meta.length; n++) assert.ok((meta[n - 1] as (string | number)[])[2] as number >= ((meta[n] as (string | number)[])[2] as number));
    }),
    { numRuns: RUNS },
  );
});

test('every word of a record finds it: typed whole, or the start of it as the last word', () => {
  fc.assert(
    fc.property(fc.array(record, { minLength: 1, maxLength: 8 }), fc.integer({ min: 16, max: 400 }), (list, shardBytes) => {
      const events = sign(list);
      const index = buildSearchIndex(events, new ArchiveIndex(events), shardBytes);
      const shards = decoded(index.shards, index.manifest.records);
      const ids = index.meta.flat().map((m) => m[0]);
      for (const [n, id] of ids.entries()) {
        const e = events.find((x) => x.id === id) as VerifiedEvent;
        // The words as the author wrote them, in any script: what a reader types.
        for (const word of tokenize(searchableText(e))) {
          const key = foldText(word);
          if (key === '' || key.length > MAX_WORD) continue;
          assert.ok(rank(planQuery(word, index.manifest), shards).order.includes(n), `"${word}" finds record ${n}`);
          // Its start, where it folds to the start of the word's key (a prefix cut inside "zh" does not).
          const chars = [...word];
          for (let i = 1; i < chars.length; i++) {
            const typed = chars.slice(0, i).join('');
            const plan = planQuery(typed, index.manifest);
            const folded = foldText(typed);
            // A prefix whose words span too many shards is searched whole: nothing promised.
            if (folded === '' || folded.includes(' ') || !key.startsWith(folded) || plan[0]?.prefix !== true) continue;
            assert.ok(rank(plan, shards).order.includes(n), `"${typed}" (${folded}) finds record ${n} (${key})`);
          }
        }
      }
    }),
    { numRuns: RUNS },
  );
});

test('damaged index files are refused with a clear error, never misread', () => {
  const refusedOrValid = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      assert.ok(err instanceof KeruenError && err.code === 'invalid_json' && /^search index: /.test(err.message), String(err));
    }
  };
  fc.assert(
    fc.property(fc.jsonValue({ maxDepth: 3 }), fc.integer({ min: 0, max: 50 }), (json, records) => {
      refusedOrValid(() => parseManifest(json));
      refusedOrValid(() => {
        const shard = parseShard(json, records);
        for (const list of shard.values()) for (let i = 0; i < list.length; i++) assert.ok((list[i] as number) < records && (i === 0 || (list[i] as number) > (list[i - 1] as number)));
      });
      refusedOrValid(() => parseMetaChunk(json));
    }),
    { numRuns: RUNS * 5 },
  );
  assert.throws(() => parseShard({ almaty: [3, 0] }, 10), /postings of "almaty"/, 'a repeated record');
  assert.throws(() => parseShard({ almaty: [3, 9] }, 10), /beyond the index/);
  assert.throws(() => parseManifest({ v: 2, records: 1, chunk: 8, shards: [''] }), /version 2/);
  assert.throws(() => parseManifest({ v: 1, records: 1, chunk: 8, shards: ['', 'b', 'a'] }), /out of order/);
  assert.deepEqual([...parseShard({ almaty: [3, 1, 5] }, 10)], [['almaty', [3, 4, 9]]]);
});
