/**
 * The site's renderer against hostile records: any content and tags an author can sign (markup,
 * "</script>", controls, lone surrogates, any script) render to a page whose shipped signed
 * event is byte-for-byte the record (so it still verifies), with no markup of the record's own
 * making; and the search page's cut-down transliteration folds like the full one.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { h } from 'preact';
import anyAscii from 'any-ascii';
import { verifyEvent } from 'nostr-tools/pure';
import { hexToBytes } from '@noble/hashes/utils.js';
import { signEvent, type VerifiedEvent } from '../../src/core/event.ts';
import { ArchiveIndex } from '../../src/core/views/index.ts';
import { pageContext, renderPage, SignedEvents } from '../../src/publish/site/layout.tsx';
import { recordPage } from '../../src/publish/site/record.tsx';
import { foldTable } from '../../src/publish/site/assets.ts';
import { tableAnyAscii } from '../../src/publish/site/browser/fold-table.ts';

const RUNS = Math.round(100 * Number(process.env.FUZZ_SCALE ?? 1));
const SK = hexToBytes('0f'.repeat(32));

const hostileText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.constantFrom('</script><script>alert(1)</script>', '<img src=x onerror=alert(1)>', '</pre><b>x</b>', '&amp;&lt;', '\u2028\u2029', '{"title":"<b>"}', '"\'`'),
);
const content = fc.oneof(hostileText, fc.dictionary(fc.constantFrom('title', 'text', 'lang', 'when', 'where', 'sources', 'x'), fc.oneof(hostileText, fc.array(hostileText, { maxLength: 3 }), fc.jsonValue({ maxDepth: 2 }))).map((o) => JSON.stringify(o)));
const tags = fc.array(fc.array(hostileText, { minLength: 1, maxLength: 4 }), { maxLength: 4 });
const kind = fc.constantFrom(1, 1063, 4860, 4861, 4862, 4863, 4865, 30_000);

function decode(html: string): string {
  return html.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[e] as string);
}

function ctxFor(events: VerifiedEvent[]) {
  return pageContext({ locale: 'en', langs: ['en', 'fr'], ix: new ArchiveIndex(events), published: new Set(events.map((e) => e.id)) }, 2);
}

test('a record page ships exactly the signed event, whatever it holds, and lets none of its text become markup', () => {
  fc.assert(
    fc.property(content, tags, kind, (c, t, k) => {
      const e = signEvent({ kind: k, created_at: 1_700_000_000, tags: t, content: c }, SK);
      const html = recordPage(ctxFor([e]), e, [{ from: 'f'.repeat(64), role: 'source' }]);
      const pre = /<pre data-signed-events="true">([\s\S]*?)<\/pre>/.exec(html);
      assert.ok(pre, 'the signed event is on the page');
      const shipped = JSON.parse(decode(pre[1] as string)) as VerifiedEvent;
      assert.deepEqual(shipped, { id: e.id, pubkey: e.pubkey, created_at: e.created_at, kind: e.kind, tags: e.tags, content: e.content, sig: e.sig });
      assert.equal(verifyEvent({ ...shipped }), true);
      // What the verifier compares: every text shown with data-field is the signed string.
      let fields: unknown;
      try {
        fields = JSON.parse(c);
      } catch {
        fields = undefined;
      }
      let compared = 0;
      for (const m of html.matchAll(/<(?:dd|p) data-field(?:="([^"]*)")?>(?:<span(?: lang(?:="[^"]*")?)?>)?([\s\S]*?)(?:<\/span>)?<\/(?:dd|p)>/g)) {
        const want = (m[1] ?? '') === '' ? c : (fields as Record<string, unknown>)[m[1] as string];
        assert.equal(decode(m[2] as string), want);
        compared++;
      }
      const isObject = typeof fields === 'object' && fields !== null && !Array.isArray(fields);
      const stringFields = isObject ? Object.entries(fields as Record<string, unknown>).filter(([k, v]) => typeof v === 'string' && k !== 'lang' && k !== 'sources').length : 1;
      assert.equal(compared, stringFields, 'every string field shown is compared');
      // The only script is the site's verifier; no element comes from the record's text.
      assert.equal(html.match(/<script/g)?.length, 1);
      assert.equal(/<img|<b>/.test(html), false);
    }),
    { numRuns: RUNS },
  );
});

test('a list page ships its records as JSON that a "</script>" inside a record cannot end', () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(content, tags), { minLength: 1, maxLength: 4 }), (list) => {
      const events = list.map(([c, t], i) => signEvent({ kind: 4862, created_at: 1_700_000_000 + i, tags: t, content: c }, SK));
      const html = renderPage(ctxFor(events), { path: 'people.html', title: 'x', scripts: ['verify'] }, h(SignedEvents, { events }));
      const block = /<script type="application\/json" data-signed-events="true">([\s\S]*?)<\/script>/.exec(html);
      assert.ok(block);
      assert.deepEqual(
        (JSON.parse(block[1] as string) as VerifiedEvent[]).map((e) => e.id),
        events.map((e) => e.id),
      );
      assert.equal(html.match(/<script/g)?.length, 2);
    }),
    { numRuns: RUNS },
  );
});

test('the search page folds Latin and Cyrillic letters exactly as the full any-ascii table does', () => {
  const fold = tableAnyAscii(foldTable(['Ґ ǅ']));
  const letters = fc.string({ unit: fc.oneof(fc.integer({ min: 0x20, max: 0x24f }), fc.integer({ min: 0x400, max: 0x4ff })).map((c) => String.fromCodePoint(c)), maxLength: 30 });
  fc.assert(
    fc.property(letters, (s) => {
      const want = [...s].map((ch) => ((ch.codePointAt(0) as number) < 0x80 || /[\p{L}\p{M}\p{N}]/u.test(ch) ? anyAscii(ch) : '')).join('');
      assert.equal(fold(s), want);
    }),
    { numRuns: RUNS * 5 },
  );
});
