/**
 * The chain-of-custody report, with real processes: a node holding the sample archive (imported
 * from its file), a record pulled by `keruen sync` from another running node, one carried in a
 * bundle, and a redacted photo's descriptor. The PDF printed by Chromium renders (pdftoppm) and
 * its text (pdftotext) lists every record's id and every document and media hash; the report
 * says where each record came from.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { signEvent, trustStored, type VerifiedEvent } from '../../src/core/event.ts';
import { Kind } from '../../src/core/kinds.ts';
import { SAMPLE_ARCHIVE } from '../../src/node/sample.ts';
import { buildCustody, custodyHtml } from '../../src/export/custody.ts';
import { KERUEN_BIN, runCli, tempDataDir } from '../helpers/cli.ts';
import { newKey, record } from '../helpers/records.ts';

const sha256File = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

async function importInto(data: string, events: VerifiedEvent[], name: string): Promise<string> {
  const file = join(data, name);
  writeFileSync(file, events.map((e) => JSON.stringify(e)).join('\n'));
  const r = await runCli(['--data', data, 'import', file]);
  assert.equal(r.code, 0, r.stderr);
  return file;
}

async function startNodeProcess(data: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [KERUEN_BIN, '--data', data, 'start', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  while (!/relay: (ws:\S+)/.test(out)) {
    if (child.exitCode !== null) assert.fail(`node exited: ${err}`);
    await once(child.stdout!, 'data');
  }
  return { child, url: /relay: (ws:\S+)/.exec(out)![1]! };
}

function sampleRecords(): VerifiedEvent[] {
  return readFileSync(SAMPLE_ARCHIVE, 'utf8')
    .trim()
    .split('\n')
    .map((l) => trustStored(JSON.parse(l)));
}

test('custody report of the sample archive plus records from a sync and a bundle: the PDF renders and lists every id and hash', async () => {
  const sk = newKey();
  const synced = record(sk, Kind.Testimony, { lang: 'en', text: 'The square was closed by soldiers at noon.', witness: { description: 'a driver in Almaty', firsthand: true } }, [], 1_641_700_000);
  const translation = record(sk, Kind.Translation, { lang: 'fr', from: 'en', fields: { text: 'La place a été fermée par des soldats à midi.' }, machine: false, translator: 'a volunteer' }, [{ id: synced.id, role: 'translates' }], 1_641_700_100);
  const photoOriginal = randomBytes(32).toString('hex');
  const photo = signEvent(
    { kind: Kind.MediaDescriptor, created_at: 1_641_700_200, content: 'The closed square', tags: [['x', randomBytes(32).toString('hex')], ['m', 'image/jpeg'], ['size', '2048'], ['redaction', 'exif-gps-removed'], ['ox', photoOriginal], ['e', synced.id, '', 'testimony']] },
    sk,
  );

  // Node A: the sample archive and the photo's record, imported from files.
  const a = tempDataDir('keruen-custody-a-');
  assert.equal((await runCli(['--data', a, 'import', SAMPLE_ARCHIVE])).code, 0);
  const photoFile = await importInto(a, [photo], 'photo.jsonl');
  // Node B holds the testimony; A pulls it by sync from B's running node.
  const b = tempDataDir('keruen-custody-b-');
  await importInto(b, [synced], 'seed.jsonl');
  const node = await startNodeProcess(b);
  try {
    const s = await runCli(['--data', a, 'sync', node.url, '--pull']);
    assert.equal(s.code, 0, s.stderr);
  } finally {
    node.child.kill('SIGTERM');
    await once(node.child, 'close');
  }
  // Node C writes the translation into a bundle; A imports it.
  const c = tempDataDir('keruen-custody-c-');
  await importInto(c, [translation], 'seed.jsonl');
  const bundle = join(c, 'out.krn');
  assert.equal((await runCli(['--data', c, 'bundle', 'create', bundle])).code, 0);
  const bi = await runCli(['--data', a, 'bundle', 'import', bundle]);
  assert.equal(bi.code, 0, bi.stderr);

  const html = join(a, 'report.html');
  const pdf = join(a, 'report.pdf');
  const r = await runCli(['--data', a, 'custody', '--out', html, '--pdf', pdf]);
  assert.equal(r.code, 0, r.stderr);

  // The PDF renders: page 1 as a PNG image that is not empty.
  const png = join(a, 'page');
  const ppm = spawnSync('pdftoppm', ['-png', '-f', '1', '-l', '1', '-r', '60', pdf, png]);
  assert.equal(ppm.status, 0, ppm.stderr?.toString());
  const image = readdirSync(a).find((f) => f.startsWith('page') && f.endsWith('.png'));
  assert.ok(image !== undefined, 'pdftoppm wrote page 1');
  const bytes = readFileSync(join(a, image));
  assert.deepEqual([...bytes.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'a PNG');
  assert.ok(statSync(join(a, image)).size > 2000, 'with something drawn on it');

  // Its text lists every item's event id and every source and blob hash.
  const txt = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  assert.equal(txt.status, 0, txt.stderr);
  const text = txt.stdout;
  const items = [...sampleRecords(), synced, translation, photo].filter((e) => e.kind !== Kind.Profile);
  for (const e of items) assert.ok(text.includes(e.id), `the PDF lists ${e.id} (kind ${e.kind})`);
  const hashes = new Set<string>();
  for (const e of items) {
    if (e.kind === Kind.SourceDocument) hashes.add((JSON.parse(e.content) as { sha256: string }).sha256);
    if (e.kind === Kind.MediaDescriptor) for (const t of e.tags) if (t[0] === 'x' || t[0] === 'ox') hashes.add(t[1]!);
  }
  assert.ok(hashes.size >= 4, 'source documents and media hashes to look for');
  for (const h of hashes) assert.ok(text.includes(h), `the PDF lists hash ${h}`);
  assert.ok(text.includes(photoOriginal), "the kept original's hash (ox) is there");

  // Where each came from, as this node recorded it.
  const report = readFileSync(html, 'utf8');
  const section = (id: string) => report.slice(report.indexOf(`id="r-${id}"`), report.indexOf('</section>', report.indexOf(`id="r-${id}"`)));
  assert.match(section(synced.id), new RegExp(`pulled by a sync from ${node.url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}`));
  assert.match(section(translation.id), new RegExp(`imported from a bundle file, sha256 ${sha256File(bundle)}`));
  assert.match(section(photo.id), new RegExp(`imported from a JSONL file, sha256 ${sha256File(photoFile)}`));
  assert.match(section(sampleRecords()[10]!.id), new RegExp(`imported from a JSONL file, sha256 ${sha256File(SAMPLE_ARCHIVE)}`));
  // Transformations: the photo's redaction and kept original; the testimony's translation.
  assert.match(section(photo.id), /metadata removed from the shared copy: redaction: exif-gps-removed/);
  assert.match(section(synced.id), /translation: en → fr/);
  assert.match(section(synced.id), /attached media/);
  assert.equal((report.match(/<span class="ok">valid<\/span>/g) ?? []).length, items.length, 'every signature verifies');
  assert.doesNotMatch(report, /<script|src="http|href="http/, 'self-contained, no script');

  // Never over an existing report.
  const again = await runCli(['--data', a, 'custody', '--out', html]);
  assert.equal(again.code, 2);
});

test('a record altered after signing shows as failing; one received before provenance shows "not recorded"', () => {
  const sk = newKey();
  const good = record(sk, Kind.PersonOfConcern, { lang: 'en', name: 'A journalist' });
  const altered = trustStored({ ...good, content: good.content.replace('journalist', 'bandit') });
  const forgedSig = trustStored({ ...good, sig: good.sig.replace(/^./, (ch) => (ch === '0' ? '1' : '0')) });
  const older = record(sk, Kind.PersonOfConcern, { lang: 'en', name: 'A union activist' });
  const items = buildCustody({ items: [good, altered, forgedSig, older], all: [good, older], receiptOf: (id) => (id === good.id ? { id, receivedAt: 1_700_000_000, via: 'local' } : undefined) });
  assert.deepEqual(items.map((i) => [i.idMatches, i.signatureValid]), [[true, true], [false, false], [true, false], [true, true]]);
  const html = custodyHtml(items, { generatedAt: '2026-01-01T00:00:00Z', selection: 'test' });
  assert.match(html, /id does not match the content/);
  assert.match(html, /signature does not verify/);
  assert.match(html, /made and signed on this node/);
  assert.equal((html.match(/<em>not recorded<\/em>/g) ?? []).length, 1);
});

const REPORT_TAGS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'p', 'section', 'dl', 'dt', 'dd', 'code', 'br', 'span', 'em', 'ul', 'li']);

test('hostile texts in records cannot inject markup into the report', () => {
  const sk = newKey();
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }), fc.constantFrom('<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '</section><h1>fake</h1>', "' onload='x")), fc.string({ maxLength: 40 }), (title, via) => {
      let src: VerifiedEvent;
      try {
        src = record(sk, Kind.SourceDocument, { lang: 'en', title, sha256: 'a'.repeat(64), size: 1, mime: 'text/plain' });
      } catch {
        return; // a title the schema refuses never becomes a record
      }
      const profile = signEvent({ kind: Kind.Profile, created_at: 1, tags: [], content: JSON.stringify({ name: title }) }, sk);
      const html = custodyHtml(buildCustody({ items: [src], all: [src, profile], receiptOf: (id) => ({ id, receivedAt: 0, via }) }), { generatedAt: 'now', selection: title });
      // Every tag in the page is one the report writes: the record's text stayed text.
      const tags = new Set([...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase()));
      for (const t of tags) assert.ok(REPORT_TAGS.has(t), `unexpected <${t}> in the report`);
      assert.equal((html.match(/<h1>/g) ?? []).length, 1);
      // And every attribute is one the report writes, its value whole: none broken out of.
      for (const m of html.matchAll(/<[a-z0-9]+((?:\s[^>]*)?)>/g)) assert.match(m[1]!, /^(\s+(lang|charset|name|content|class|id)="[^"<>]*")*$/, `attributes ${m[1]}`);
      assert.equal((html.match(/<section/g) ?? []).length, 1);
      assert.ok(html.includes(src.id));
    }),
    { numRuns: 200 },
  );
});
