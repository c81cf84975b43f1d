/**
 * `keruen publish` as a user runs it (real processes, a real data folder): only public records
 * leave (no gift wrap, nothing marked private or NIP-70 protected), a non-empty folder is never
 * overwritten, a previous site only with --force.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { SAMPLE_ARCHIVE } from '../../src/node/sample.ts';
import { SITE_MARKER } from '../../src/publish/index.ts';
import { runCli, tempDataDir } from '../helpers/cli.ts';

function allText(dir: string): string {
  let out = '';
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, name.name);
    out += name.isDirectory() ? allText(p) : readFileSync(p, 'latin1');
  }
  return out;
}

test('keruen publish writes the public records only, and never overwrites a folder that is not its own site', async () => {
  const data = tempDataDir();
  const sk = generateSecretKey();
  const secret = [
    finalizeEvent({ kind: 0, created_at: 1_700_000_000, tags: [['keruen', 'private']], content: '{"name":"PRIVATE-PROFILE-MARK"}' }, sk),
    finalizeEvent({ kind: 0, created_at: 1_700_000_001, tags: [['-']], content: '{"name":"PROTECTED-PROFILE-MARK"}' }, generateSecretKey()),
    finalizeEvent({ kind: 1059, created_at: 1_700_000_002, tags: [['p', getPublicKey(generateSecretKey())]], content: 'GIFTWRAP-MARK' }, generateSecretKey()),
  ];
  const seed = join(data, 'seed.jsonl');
  writeFileSync(seed, `${readFileSync(SAMPLE_ARCHIVE, 'utf8').trim()}\n${secret.map((e) => JSON.stringify(e)).join('\n')}\n`);
  const imported = await runCli(['--data', data, 'import', seed]);
  assert.equal(imported.code, 0, imported.stderr);

  const out = join(data, 'site');
  const r = await runCli(['--data', data, 'publish', '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Published 148 public records/);
  const sampleIds = readFileSync(SAMPLE_ARCHIVE, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id).sort();
  assert.deepEqual(readdirSync(join(out, 'records')).map((f) => f.replace('.json', '')).sort(), sampleIds);
  const everything = allText(out);
  for (const e of secret) assert.equal(everything.includes(e.id), false, `kind ${e.kind} ${e.id} must not leave`);
  for (const mark of ['PRIVATE-PROFILE-MARK', 'PROTECTED-PROFILE-MARK', 'GIFTWRAP-MARK']) assert.equal(everything.includes(mark), false, mark);
  for (const lang of ['en', 'fr', 'ru', 'kk']) assert.ok(existsSync(join(out, lang, 'index.html')));

  // A folder with someone else's files: refused, untouched.
  const other = join(data, 'other');
  mkdirSync(other);
  writeFileSync(join(other, 'notes.txt'), 'keep me');
  const refused = await runCli(['--data', data, 'publish', '--out', other, '--force']);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /not empty/);
  assert.equal(readFileSync(join(other, 'notes.txt'), 'utf8'), 'keep me');

  // A previous site: only with --force, and then it is replaced whole.
  const again = await runCli(['--data', data, 'publish', '--out', out]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /--force/);
  const forced = await runCli(['--data', data, 'publish', '--out', out, '--force', '--lang', 'en', '--kind', 'event']);
  assert.equal(forced.code, 0, forced.stderr);
  assert.match(forced.stdout, /Published 43 public records/);
  assert.equal(existsSync(join(out, 'fr')), false);
  assert.ok(existsSync(join(out, SITE_MARKER)));

  const badLang = await runCli(['--data', data, 'publish', '--out', join(data, 'x'), '--lang', 'de']);
  assert.equal(badLang.code, 2);
});
