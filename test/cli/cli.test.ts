import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDataDir } from '../helpers/cli.ts';

const PASS = { KERUEN_PASSPHRASE: 'correct horse battery staple' };

test('a witness session: init, add a source and a testimony, list, show, search across scripts, export, import elsewhere', async () => {
  const data = tempDataDir();
  const init = await runCli(['--data', data, 'init', '--name', 'witness'], { env: PASS });
  assert.equal(init.code, 0, init.stderr);
  assert.match(init.stdout, /^npub1/);

  const doc = join(data, 'account.txt');
  writeFileSync(doc, 'Le 2 janvier, les travailleurs de Zhanaozen se sont mis en grève.\n');
  const src = await runCli(['--data', data, 'add', 'source', '--path', doc, '--title', 'Account', '--lang', 'fr'], { env: PASS });
  assert.equal(src.code, 0, src.stderr);
  const srcId = src.stdout.trim();
  assert.match(srcId, /^[0-9a-f]{64}$/);

  const t = await runCli(
    ['--data', data, 'add', 'testimony', '--lang', 'fr', '--witness', 'un habitant', '--text', 'Les travailleurs de Zhanaozen se sont mis en grève.',
      '--when', '2022-01-02', '--where', 'Жанаозен@43.34,52.86', '--cite', srcId, '--quote', 'les travailleurs de Zhanaozen se sont mis en grève'],
    { env: PASS },
  );
  assert.equal(t.code, 0, t.stderr);
  const tid = t.stdout.trim();

  const list = await runCli(['--data', data, 'list']);
  assert.equal(list.code, 0);
  assert.equal(list.stdout.trim().split('\n').length, 2);
  assert.match(list.stdout, /testimony/);

  const show = await runCli(['--data', data, 'show', tid.slice(0, 10)]);
  assert.equal(show.code, 0, show.stderr);
  assert.match(show.stdout, /links out:\n\s+source/);
  const showSrc = await runCli(['--data', data, 'show', srcId]);
  assert.match(showSrc.stdout, /links in:\n\s+source\s+[0-9a-f]{12}\s+testimony/);

  for (const q of ['Жанаозен', 'Janaozen', 'greve']) {
    const s = await runCli(['--data', data, 'search', q, '--kind', 'testimony']);
    assert.equal(s.code, 0, `${q}: ${s.stderr}`);
    assert.ok(s.stdout.includes(tid.slice(0, 12)), `search "${q}" finds the testimony`);
  }

  const out = join(data, 'export.jsonl');
  const exp = await runCli(['--data', data, 'export', out]);
  assert.equal(exp.code, 0, exp.stderr);
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(lines.length, 2);
  const exported = lines.map((l) => JSON.parse(l) as { id: string; created_at: number });
  assert.deepEqual(new Set(exported.map((e) => e.id)), new Set([srcId, tid]));
  // Oldest first (both may share a second: then ties go by id).
  assert.ok((exported[0]?.created_at ?? 0) <= (exported[1]?.created_at ?? 0), 'oldest first');
  const again = await runCli(['--data', data, 'export', out]);
  assert.equal(again.code, 2, 'refuses to overwrite');

  const other = tempDataDir();
  const imp = await runCli(['--data', other, 'import', out]);
  assert.equal(imp.code, 0, imp.stderr);
  assert.match(imp.stdout, /2 stored/);
  const imp2 = await runCli(['--data', other, 'import', out]);
  assert.match(imp2.stdout, /0 stored, 2 already here/);
});

test('import reports bad lines with their number and reason, keeps the good ones, exits 3', async () => {
  const data = tempDataDir();
  await runCli(['--data', data, 'init', '--name', 'w'], { env: PASS });
  const doc = join(data, 'd.txt');
  writeFileSync(doc, 'x');
  await runCli(['--data', data, 'add', 'source', '--path', doc, '--lang', 'en'], { env: PASS });
  const good = (await runCli(['--data', data, 'list', '--json'])).stdout.trim();
  const ev = JSON.parse(good) as Record<string, unknown>;
  const file = join(data, 'mixed.jsonl');
  writeFileSync(file, [good, 'not json', JSON.stringify({ ...ev, content: `${String(ev.content)} ` }), JSON.stringify({ ...ev, kind: 1 }), ''].join('\n'));
  const other = tempDataDir();
  const r = await runCli(['--data', other, 'import', file]);
  assert.equal(r.code, 3);
  assert.match(r.stdout, /1 stored/);
  assert.match(r.stderr, /line 2: .*JSON/i);
  assert.match(r.stderr, /line 3: .*id does not match/);
  assert.match(r.stderr, /line 4: .*kind 1/);
});

test('errors tell the user what to do, with meaningful exit codes', async () => {
  const data = tempDataDir();
  const noId = await runCli(['--data', data, 'add', 'person', '--name', 'X', '--lang', 'fr'], { env: PASS });
  assert.equal(noId.code, 4);
  assert.match(noId.stderr, /keruen init/);
  await runCli(['--data', data, 'init', '--name', 'w'], { env: PASS });
  const wrong = await runCli(['--data', data, 'add', 'person', '--name', 'X', '--lang', 'fr'], { env: { KERUEN_PASSPHRASE: 'not the passphrase' } });
  assert.equal(wrong.code, 5);
  assert.match(wrong.stderr, /wrong passphrase/);
  const usage = await runCli(['--data', data, 'add', 'status', '--status', 'vanished', '--person', 'a'.repeat(64), '--lang', 'fr'], { env: PASS });
  assert.equal(usage.code, 3);
  assert.match(usage.stderr, /status/);
  const missing = await runCli(['--data', data, 'show', 'b'.repeat(64)]);
  assert.equal(missing.code, 4);
  const unknown = await runCli(['--data', data, 'frobnicate']);
  assert.equal(unknown.code, 2);
  const noPass = await runCli(['--data', data, 'init', '--name', 'y'], { env: { KERUEN_PASSPHRASE: '' } });
  assert.equal(noPass.code, 2);
  assert.match(noPass.stderr, /passphrase-file/);
});
