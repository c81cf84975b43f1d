/**
 * `keruen import-article` as a documenter runs it: real `node bin/keruen.js` processes on a
 * temporary data folder, the seed articles as text, HTML and Markdown, the stored blobs read back
 * from the folder and checked byte for byte against the signed record.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { VerifiedEvent } from '../../src/core/event.ts';
import type { Candidate, Mention, Passage } from '../../src/core/extract/types.ts';
import { Kind } from '../../src/core/kinds.ts';
import { BlobStore } from '../../src/node/blobs.ts';
import { KERUEN_BIN, runCli, tempDataDir } from '../helpers/cli.ts';

const PASS = { KERUEN_PASSPHRASE: 'correct horse battery staple' };
const SEEDS = new URL('../../../shared/seeds/', import.meta.url);
const ARTICLES = [
  { file: 'kazakhstan-2022-01-after-the-uprising.fr.txt', published: '2022-01-12' },
  { file: 'kazakhstan-2022-01-uprising-interview.fr.txt', published: '2022-01-07' },
];

interface Imported {
  source: VerifiedEvent;
  passages: Passage[];
  mentions: Mention[];
  candidates: Candidate[];
}

const hex = (b: Uint8Array) => bytesToHex(sha256(b));

async function newNode(): Promise<string> {
  const data = tempDataDir('keruen-import-');
  const init = await runCli(['--data', data, 'init', '--name', 'documenter'], { env: PASS });
  assert.equal(init.code, 0, init.stderr);
  return data;
}

async function importJson(data: string, args: string[]): Promise<Imported> {
  const r = await runCli(['--data', data, 'import-article', ...args, '--json'], { env: PASS });
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Imported;
}

async function recordsIn(data: string): Promise<VerifiedEvent[]> {
  const r = await runCli(['--data', data, 'export']);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => JSON.parse(l) as VerifiedEvent);
}

test('each seed article: a signed source document whose hash is the stored text, candidates quoting exact passages of it, nothing else saved', async () => {
  const data = await newNode();
  const blobs = new BlobStore(join(data, 'blobs'));
  for (const { file, published } of ARTICLES) {
    const path = new URL(file, SEEDS);
    const original = readFileSync(path);
    const r = await importJson(data, [path.pathname, '--published', published, '--publisher', 'CrimethInc.', '--author', 'anonymous', '--url', 'https://crimethinc.com/']);
    assert.equal(r.source.kind, Kind.SourceDocument);
    const content = JSON.parse(r.source.content) as Record<string, unknown>;
    assert.equal(content.lang, 'fr', `${file}: language detected`);
    assert.equal(content.mime, 'text/plain; charset=utf-8');
    assert.deepEqual(content.published, { from: published, precision: 'day' });
    // The text blob, read back from the node's folder: its hash and size are the record's.
    const textBytes = await blobs.read(content.sha256 as string);
    assert.equal(hex(textBytes), content.sha256);
    assert.equal(textBytes.length, content.size);
    // The file as received is kept and named: here the same bytes, since a .txt is its own text.
    assert.deepEqual(content.original, { sha256: hex(original), size: original.length, mime: 'text/plain; charset=utf-8' });
    assert.equal(hex(await blobs.read(hex(original))), hex(original));
    const text = new TextDecoder().decode(textBytes);

    assert.ok(r.passages.length > 10, `${file}: passages`);
    for (const p of r.passages) assert.match(p.id, /^p\d+-[0-9a-f]{8}$/);
    for (const m of r.mentions) assert.equal(text.slice(m.at[0], m.at[1]), m.text, `${file}: mention "${m.text}" is the stored text at its span`);
    assert.ok(r.candidates.length > 0, `${file}: candidates proposed`);
    for (const c of r.candidates) {
      const quoted = text.slice(c.at[0], c.at[1]);
      assert.ok(quoted.length > 0, `${c.key}: a passage`);
      const passage = r.passages.find((p) => p.id === c.passage);
      assert.ok(passage && passage.at[0] <= c.at[0] && c.at[1] <= passage.at[1], `${c.key}: inside its passage ${c.passage}`);
      const sources = (c.content.sources ?? []) as { source: string; quote: string }[];
      assert.ok(sources.length > 0, `${c.key}: cites the article`);
      for (const s of sources) {
        assert.equal(s.source, r.source.id, `${c.key}: cites this source document`);
        assert.ok(text.includes(s.quote), `${c.key}: its quote is an exact substring of the stored text`);
      }
    }
    assert.ok(r.candidates.some((c) => c.kind === 'person'), `${file}: people proposed`);
  }
  const stored = await recordsIn(data);
  assert.deepEqual(stored.map((e) => e.kind), [Kind.SourceDocument, Kind.SourceDocument], 'only the two source documents are records; candidates are proposals');
});

test('the human summary: record id, passages with their first anchors, candidates by kind, the review page; re-import finds the same record', async () => {
  const data = await newNode();
  const path = new URL(ARTICLES[0]!.file, SEEDS).pathname;
  const first = await runCli(['--data', data, 'import-article', path, '--published', '2022-01-12', '--node-url', 'http://127.0.0.1:8111/'], { env: PASS });
  assert.equal(first.code, 0, first.stderr);
  const id = /^Imported: ([0-9a-f]{64})$/m.exec(first.stdout)?.[1];
  assert.ok(id, first.stdout);
  assert.match(first.stdout, /passages: \d+ \(p1-[0-9a-f]{8}, p2-[0-9a-f]{8}, /);
  assert.match(first.stdout, /candidates: \d+ \(\d+ event, \d+ person, \d+ claim\)/);
  assert.match(first.stdout, /mentions: \d+ \(\d+ date, \d+ place, \d+ person, \d+ count, \d+ claim\)/);
  assert.ok(first.stdout.includes(`Review them: http://127.0.0.1:8111/review/${id}`), first.stdout);

  // Again, without a passphrase: nothing is signed, so none is asked for.
  const again = await runCli(['--data', data, 'import-article', path], { env: {} });
  assert.equal(again.code, 0, again.stderr);
  assert.ok(again.stdout.includes(`Already imported: ${id}`), again.stdout);
  assert.equal((await recordsIn(data)).length, 1, 'no duplicate record');
});

test('HTML and Markdown of the same article give the same text, passages and record; the original file is kept and named', async () => {
  const data = await newNode();
  const seed = readFileSync(new URL(ARTICLES[1]!.file, SEEDS), 'utf8');
  const paragraphs = seed.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p.length > 0);
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>Interview</title><style>body{margin:0}</style><script>var tracker = 1;</script></head><body><nav><a href="/">Accueil du site</a></nav><article>${paragraphs.map((p) => `<p>${esc(p)}</p>`).join('\n')}</article></body></html>`;
  const md = paragraphs.map((p) => p.replace(/([\\`*_[\]<>#|~])/g, '\\$1').replace(/^(\d+)([.)]) /gm, '$1\\$2 ').replace(/^([-+=])/gm, '\\$1')).join('\n\n');
  writeFileSync(join(data, 'interview.html'), html);
  writeFileSync(join(data, 'interview.md'), md);
  const fromHtml = await importJson(data, [join(data, 'interview.html'), '--published', '2022-01-07']);
  const fromMd = await importJson(data, [join(data, 'interview.md'), '--published', '2022-01-07']);
  assert.deepEqual(fromMd.passages, fromHtml.passages, 'same passages, same anchors');
  assert.equal(fromMd.source.id, fromHtml.source.id, 'same text: the Markdown finds the record the HTML made');
  const content = JSON.parse(fromHtml.source.content) as { sha256: string; title: string; original: { sha256: string; mime: string } };
  assert.equal(content.title, 'Interview');
  assert.deepEqual(content.original, { sha256: hex(Buffer.from(html)), size: Buffer.byteLength(html), mime: 'text/html; charset=utf-8' });
  const blobs = new BlobStore(join(data, 'blobs'));
  assert.equal(new TextDecoder().decode(await blobs.read(content.original.sha256)), html, 'the HTML as received is in the blob store');
  const text = new TextDecoder().decode(await blobs.read(content.sha256));
  assert.ok(!text.includes('tracker') && !text.includes('Accueil du site') && !text.includes('<p>'), 'no script, navigation or markup in the text');
  assert.equal((await recordsIn(data)).length, 1);
});

test('refusals are clear and store nothing: binary, empty, invalid UTF-8, unknown language, too large', async () => {
  const data = await newNode();
  const cases: { name: string; bytes: Uint8Array; code: number; message: RegExp; args?: string[] }[] = [
    { name: 'photo.txt', bytes: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]), code: 3, message: /binary file \(image\/jpeg\)/ },
    { name: 'empty.md', bytes: new Uint8Array(0), code: 3, message: /empty\.md is empty/ },
    { name: 'latin1.txt', bytes: Buffer.from('Le 5 janvier à Almaty', 'latin1'), code: 3, message: /not valid UTF-8: byte 13 \(0xe0\)/ },
    { name: 'numbers.txt', bytes: Buffer.from('12 34 56\n\n78 90'), code: 2, message: /cannot tell the article's language.*--lang/ },
    { name: 'wrong-lang.txt', bytes: Buffer.from('Le 5 janvier à Almaty.'), code: 2, message: /--lang must be one of fr, ru, kk, en/, args: ['--lang', 'de'] },
    { name: 'huge.txt', bytes: Buffer.alloc(8 * 1024 * 1024 + 1, 0x61), code: 3, message: /8388609 bytes, over the limit of 8388608/ },
  ];
  for (const c of cases) {
    const path = join(data, c.name);
    writeFileSync(path, c.bytes);
    const r = await runCli(['--data', data, 'import-article', path, ...(c.args ?? [])], { env: PASS });
    assert.equal(r.code, c.code, `${c.name}: ${r.stderr}`);
    assert.match(r.stderr, c.message, c.name);
    assert.doesNotMatch(r.stderr, /unexpected error/);
  }
  assert.equal((await recordsIn(data)).length, 0);
});

/** Runs a command on a pseudo-terminal (util-linux `script`), where progress bars draw. */
function onTerminal(args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  const command = [process.execPath, KERUEN_BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, KERUEN_SCRYPT_LOGN: '10', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

test('a large article (1 MB) shows a progress bar on the terminal while candidates are extracted', async () => {
  const data = await newNode();
  const seeds = ARTICLES.map((a) => readFileSync(new URL(a.file, SEEDS), 'utf8')).join('\n\n');
  let big = '';
  while (Buffer.byteLength(big) < 1_000_000) big += `${seeds}\n\n`;
  const path = join(data, 'big.fr.txt');
  writeFileSync(path, big);
  const r = await onTerminal(['--data', data, 'import-article', path, '--published', '2022-01-12'], PASS);
  assert.equal(r.code, 0, r.output);
  assert.match(r.output, /Extracting \[[█░]+\] \d+% \| \d+\/\d+ paragraphs/);
  assert.match(r.output, /Imported: [0-9a-f]{64}/);
});

test('in an encrypted folder: the passphrase unlocks it first, and the article is stored sealed (no readable word of it on disk)', async () => {
  const data = tempDataDir('keruen-import-locked-');
  const init = await runCli(['--data', data, 'init', '--encrypt', '--name', 'documenter'], { env: PASS });
  assert.equal(init.code, 0, init.stderr);
  const article = 'Le 5 janvier 2022, Nurgisa Zhumabekov a vu brûler l’akimat de Taldykorgan.\n\nLe lendemain, la connexion a été coupée à Almaty.\n';
  const path = join(tempDataDir('keruen-import-src-'), 'account.fr.txt');
  writeFileSync(path, article);
  const r = await runCli(['--data', data, 'import-article', path, '--published', '2022-01-07', '--json'], { env: PASS });
  assert.equal(r.code, 0, r.stderr);
  const imported = JSON.parse(r.stdout) as Imported;
  const locked = await runCli(['--data', data, 'import-article', path], { env: {} });
  assert.notEqual(locked.code, 0, 'without the passphrase the folder stays shut');
  const show = await runCli(['--data', data, 'show', imported.source.id], { env: PASS });
  assert.equal(show.code, 0, show.stderr);
  const onDisk = spawn('grep', ['-rl', 'Zhumabekov', data]);
  let found = '';
  onDisk.stdout.on('data', (d: Buffer) => (found += d.toString()));
  await new Promise((resolve) => onDisk.on('close', resolve));
  assert.equal(found, '', 'no file of the folder holds the article in clear');
  assert.ok(readdirSync(join(data, 'blobs')).length >= 1, 'the text is there, sealed');
});
