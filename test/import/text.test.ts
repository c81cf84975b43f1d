/** Reading an article file into the plain text citations quote: formats, refusals, hostile input. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { isKeruenError } from '../../src/core/errors.ts';
import { passagesOf } from '../../src/core/extract/passages.ts';
import { articleText, detectFormat, htmlToText, markdownToHtml } from '../../src/import/text.ts';
import { firstInvalidUtf8 } from '../../src/core/utf8.ts';
import { detectLang } from '../../src/import/lang.ts';

const SEED = new URL('../../../shared/seeds/kazakhstan-2022-01-after-the-uprising.fr.txt', import.meta.url);
const enc = new TextEncoder();
const seedText = readFileSync(SEED, 'utf8');
const paragraphs = seedText.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length > 0);
const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
// Markdown would read "1." "1)" "-" or "=" at a line's start as a list, a rule or a heading, and "\" or "_" as marks: escaped as an author would.
const escapeMd = (s: string) => s.replace(/([\\`*_[\]<>#|~])/g, '\\$1').replace(/^(\d+)([.)]) /gm, '$1\\$2 ').replace(/^([-+=])/gm, '\\$1');

test('plain text is kept as it is (but CR line ends); HTML and Markdown give the same paragraphs as the text', () => {
  const plain = articleText(enc.encode(seedText), 'a.txt');
  assert.equal(plain.format, 'text');
  assert.equal(plain.text, seedText.replace(/\r\n?/g, '\n'));
  assert.match(plain.title ?? '', /^Kazakhstan\s:\saprès le soulèvement$/, 'a one-line first paragraph is the title');
  assert.equal(articleText(enc.encode('Le 5 janvier, tout a commencé.\n\nSuite.'), 'a.txt').title, undefined, 'a sentence is not a title');

  const html = `<!doctype html><html><head><title>Kazakhstan : après le soulèvement</title><style>p { border: 1px solid }</style><script>document.write("script text")</script></head><body><nav><a href="/">Menu du site</a> <a href="/fr">FR</a></nav><main>${paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>\n')}</p>`).join('\n')}</main></body></html>`;
  const md = `${paragraphs.map((p) => escapeMd(p).replace(/\n/g, '  \n')).join('\n\n')}\n`;
  const fromHtml = articleText(enc.encode(html), 'a.html');
  const fromMd = articleText(enc.encode(md), 'a.md');
  assert.equal(fromHtml.format, 'html');
  assert.equal(fromMd.format, 'markdown');
  assert.equal(fromHtml.title, 'Kazakhstan : après le soulèvement');
  assert.ok(!fromHtml.text.includes('script text') && !fromHtml.text.includes('Menu du site') && !fromHtml.text.includes('border'), 'scripts, styles and navigation dropped');
  const shape = (t: string) => passagesOf(t).map((p) => t.slice(p.at[0], p.at[1]).replace(/\s+/g, ' '));
  assert.deepEqual(shape(fromHtml.text), shape(fromMd.text), 'HTML and Markdown: same paragraphs');
  assert.deepEqual(shape(fromHtml.text), paragraphs.map((p) => p.replace(/\s+/g, ' ')), 'and the same as the plain text');
});

test('headings, lists and links: blank lines between blocks, no URLs in the text', () => {
  const html = '<h1>Titre</h1><p>Le 5 janvier, l\'<a href="http://example.org/x">akimat</a> a brûlé.</p><p>Ligne<br>suivante <img src="x.jpg" alt="photo"> fin.</p><ul><li>un</li><li>deux</li></ul>';
  const md = "# Titre\n\nLe 5 janvier, l'[akimat](http://example.org/x) a brûlé.\n\nLigne  \nsuivante ![photo](x.jpg) fin.\n\n- un\n- deux\n";
  const expected = "Titre\n\nLe 5 janvier, l'akimat a brûlé.\n\nLigne\nsuivante fin.\n\n * un\n * deux";
  assert.equal(htmlToText(html), expected);
  assert.equal(htmlToText(markdownToHtml(md)), expected);
});

test('format by extension, else by sniffing', () => {
  assert.equal(detectFormat('a.HTM', 'plain words'), 'html');
  assert.equal(detectFormat('notes.markdown', '<p>x</p>'), 'markdown');
  assert.equal(detectFormat('article', '<!DOCTYPE html><html><body>x</body></html>'), 'html');
  assert.equal(detectFormat('article', '<div><p>a</p><p>b</p></div>'), 'html');
  assert.equal(detectFormat('article', '# Title\n\nSome [link](http://x) and **bold**.'), 'markdown');
  assert.equal(detectFormat('article', 'Le 5 janvier 2022, à Almaty.\n\nUn autre paragraphe.'), 'text');
});

test('refusals say why: empty, too large (with the limit), binary, invalid UTF-8 (with the byte offset), no text', () => {
  const refuse = (bytes: Uint8Array, re: RegExp, code: string, name = 'a.txt', limit?: number) =>
    assert.throws(() => articleText(bytes, name, limit !== undefined ? { limit } : {}), (e: unknown) => isKeruenError(e) && e.code === code && re.test(e.message));
  refuse(new Uint8Array(0), /a\.txt is empty/, 'invalid_content');
  refuse(enc.encode('x'.repeat(101)), /101 bytes, over the limit of 100/, 'too_large', 'a.txt', 100);
  refuse(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x34]), /binary file \(application\/pdf\)/, 'unsupported_media');
  refuse(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), /binary file \(image\/jpeg\)/, 'unsupported_media');
  refuse(enc.encode('abc\0def'), /NUL byte at offset 3/, 'unsupported_media');
  refuse(new Uint8Array([...enc.encode('Almaty é'), 0xe9, 0x20, 0x61]), /not valid UTF-8: byte 9 \(0xe9\)/, 'invalid_content');
  refuse(enc.encode('<html><script>only a script</script></html>'), /holds no text once read as html/, 'invalid_content', 'a.html');
  refuse(enc.encode(' \n\n\t \n'), /holds no text/, 'invalid_content');
});

test('a UTF-8 BOM is dropped; CRLF becomes LF', () => {
  const r = articleText(new Uint8Array([0xef, 0xbb, 0xbf, ...enc.encode('Un.\r\n\r\nDeux.\r\n')]), 'a.txt');
  assert.equal(r.text, 'Un.\n\nDeux.\n');
});

test('firstInvalidUtf8 agrees with the standard decoder on any bytes', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
      let valid = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        valid = false;
      }
      const at = firstInvalidUtf8(bytes);
      assert.equal(at === -1, valid);
      if (at >= 0) assert.doesNotThrow(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, at)), 'the bytes before the offset are valid');
    }),
    { numRuns: 3000 },
  );
});

/** Text or a KeruenError with a message; never another exception, never an empty text. */
function textOrClearError(bytes: Uint8Array, name: string): void {
  try {
    const r = articleText(bytes, name);
    assert.ok(r.text.trim().length > 0);
    assert.ok(['text', 'html', 'markdown'].includes(r.format));
  } catch (e) {
    assert.ok(isKeruenError(e), `not a KeruenError: ${String(e)}`);
    assert.ok(e.message.length > 10);
  }
}

test('hostile input: any bytes under any name give text or a clear KeruenError', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('a.txt', 'a.html', 'a.md', 'article'), (bytes, name) => textOrClearError(bytes, name)),
    { numRuns: 2000 },
  );
});

test('hostile input: any HTML-ish or Markdown-ish text gives text or a clear KeruenError', () => {
  const tag = fc.constantFrom('<p>', '</p>', '<div>', '<script>', '</script>', '<style>', '<nav>', '<br>', '<a href="x">', '</a>', '<img src=x>', '<table><tr><td>', '</td></tr></table>', '<!--', '-->', '<![CDATA[', '&amp;', '&#0;', '&#x110000;', '<li>', '<h1>', '<pre>', '# ', '**', '[a](', ')', '```', '\n\n', '> ', '| a |');
  const piece = fc.oneof(tag, fc.string({ maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 6 }));
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 40 }), fc.constantFrom('a.html', 'a.md', 'a.txt', 'x'), (parts, name) => textOrClearError(enc.encode(parts.join('')), name)),
    { numRuns: 1500 },
  );
});

test('language: French, Russian, Kazakh and English told apart', () => {
  assert.equal(detectLang(seedText), 'fr');
  assert.equal(detectLang('Протесты начались второго января после того, как цены на газ выросли вдвое. Интернет отключили на несколько дней.'), 'ru');
  assert.equal(detectLang('Қаңтар оқиғалары кезінде интернет бірнеше күнге өшірілді. Наразылық акциялары барлық қалаларға тарады.'), 'kk');
  assert.equal(detectLang('The protests began on the second of January after gas prices doubled. The internet was cut for several days.'), 'en');
  assert.equal(detectLang('12 34'), undefined);
});
