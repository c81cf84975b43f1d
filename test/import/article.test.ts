/** importArticle on a real SQLite store and blob store: what is signed, what is stored, what is found again. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { generateSecretKey } from 'nostr-tools/pure';
import { isKeruenError } from '../../src/core/errors.ts';
import { signEvent, type EventTemplate } from '../../src/core/event.ts';
import { Kind } from '../../src/core/kinds.ts';
import { parseRecord } from '../../src/core/records.ts';
import { importArticle, referenceDay } from '../../src/import/article.ts';
import { BlobStore, sha256Hex } from '../../src/node/blobs.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';

const SEED = readFileSync(new URL('../../../shared/seeds/kazakhstan-2022-01-uprising-interview.fr.txt', import.meta.url));

function node() {
  const dir = mkdtempSync(join(tmpdir(), 'keruen-import-article-'));
  const store = SqliteStore.open(join(dir, 'keruen.db'));
  const blobs = new BlobStore(join(dir, 'blobs'));
  const sk = generateSecretKey();
  let signed = 0;
  const sign = (t: EventTemplate) => {
    signed++;
    return signEvent(t, sk);
  };
  return { store, blobs, sign, signedCount: () => signed };
}

test('a source document naming the text and the original; a second import signs nothing and finds it, with its publication date', async () => {
  const n = node();
  const html = Buffer.from(`<html><head><title>Entretien</title></head><body><p>${SEED.toString('utf8').split(/\n\s*\n/).join('</p><p>')}</p></body></html>`);
  const first = await importArticle(n, html, 'interview.html', { published: { from: '2022-01-07', precision: 'day' }, authors: ['anonymous'] });
  assert.equal(first.existing, false);
  assert.equal(first.format, 'html');
  const record = parseRecord(first.source);
  if (record?.kind !== Kind.SourceDocument) return assert.fail('a source document');
  assert.equal(record.content.title, 'Entretien');
  assert.equal(record.content.sha256, sha256Hex(new TextEncoder().encode(first.text)));
  assert.deepEqual(record.content.original, { sha256: sha256Hex(html), size: html.length, mime: 'text/html; charset=utf-8' });
  assert.ok(Buffer.from(await n.blobs.read(record.content.original!.sha256)).equals(html), 'the HTML as received is a blob');
  assert.ok(first.candidates.length > 0);

  // The same text from another file, without --published: found, not signed; dates still read against 2022-01-07.
  const again = await importArticle(n, Buffer.from(first.text), 'copy.txt');
  assert.equal(again.existing, true);
  assert.equal(again.source.id, first.source.id);
  assert.equal(n.signedCount(), 1);
  assert.deepEqual(again.mentions.filter((m) => m.type === 'date'), first.mentions.filter((m) => m.type === 'date'));
  assert.equal(n.store.count([{ kinds: [Kind.SourceDocument] }]), 1);
  assert.equal(n.store.count([{}]), 1, 'candidates are not stored');
});

test('the reference date: the day published, the first of a month, none for a year', () => {
  assert.equal(referenceDay({ from: '2022-01-12', precision: 'day' }), '2022-01-12');
  assert.equal(referenceDay({ from: '2022-01-12T10:00+06:00', precision: 'hour' }), '2022-01-12');
  assert.equal(referenceDay({ from: '2022-01', precision: 'month' }), '2022-01-01');
  assert.equal(referenceDay({ from: '2022', precision: 'year' }), undefined);
  assert.equal(referenceDay(undefined), undefined);
});

test('hostile files: any bytes give a stored source with its blobs, or a clear KeruenError and nothing stored', async () => {
  const n = node();
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.string({ maxLength: 200 }).map((s) => new TextEncoder().encode(`Le 5 janvier à Almaty, ${s}`))), fc.constantFrom('a.txt', 'a.html', 'a.md'), async (bytes, name) => {
      const before = n.store.count([{}]);
      try {
        const r = await importArticle(n, bytes, name, { lang: 'fr' });
        const content = JSON.parse(r.source.content) as { sha256: string };
        assert.equal(sha256Hex(await n.blobs.read(content.sha256)), content.sha256);
        for (const c of r.candidates) assert.ok(r.text.slice(c.at[0], c.at[1]).length > 0);
      } catch (e) {
        assert.ok(isKeruenError(e), `not a KeruenError: ${String(e)}`);
        assert.equal(n.store.count([{}]), before, 'a refused file stores no record');
      }
    }),
    { numRuns: 300 },
  );
});
