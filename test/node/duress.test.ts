/**
 * The duress passphrase, with real `keruen` processes: entered instead of the real one, the
 * command succeeds and shows an empty node, while the keys are gone for good: identity files,
 * node key, peers, and the data key itself (the real passphrase opens nothing any more).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import * as nip19 from 'nostr-tools/nip19';
import { unlockFolder, deriveFolderKeys } from '../../src/node/lock.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { runCli, tempDataDir } from '../helpers/cli.ts';

const REAL = 'the caravan passes at dawn';
const DURESS = 'my cat is called Barsik';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]));
}

/** An encrypted node with a record, a person, an accepted peer and its node key; returns its data key. */
async function populatedNode(keepStore: boolean): Promise<{ data: string; dataKey: Uint8Array; duressFile: string }> {
  const data = tempDataDir('keruen-duress-');
  const env = { KERUEN_PASSPHRASE: REAL };
  const cli = async (...args: string[]) => {
    const r = await runCli(['--data', data, ...args], { env });
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
  await cli('init', '--encrypt', '--name', 'witness');
  await cli('add', 'person', '--name', 'Ermek Narymbaev', '--role', 'union activist');
  await cli('add', 'testimony', '--text', 'They took him from the Mangystau depot at night.', '--witness', 'a coworker');
  await cli('peers', 'accept', nip19.npubEncode(getPublicKey(generateSecretKey())), '--name', 'circle-laptop');
  await cli('peers', 'whoami');
  await cli('circle', 'create', 'lawyers');
  assert.ok(existsSync(join(data, 'node-key')));
  assert.ok(existsSync(join(data, 'circles')));
  const duressFile = join(tempDataDir('keruen-duress-pass-'), 'duress.txt');
  writeFileSync(duressFile, `${DURESS}\n`);
  const set = await runCli(['--data', data, 'lock', 'duress', '--set', '--duress-passphrase-file', duressFile, ...(keepStore ? ['--keep-store'] : [])], { env });
  assert.equal(set.code, 0, set.stderr);
  // Still the real node with the real passphrase.
  assert.match(await cli('search', 'Mangystau'), /Mangystau/);
  return { data, dataKey: unlockFolder(data, REAL), duressFile };
}

for (const keepStore of [false, true]) {
  test(`the duress passphrase destroys the keys and opens an empty node (${keepStore ? 'store kept as unreadable bytes' : 'store deleted'})`, { timeout: 120_000 }, async () => {
    const { data, dataKey } = await populatedNode(keepStore);
    const dataKeyHex = Buffer.from(dataKey).toString('hex');
    const dataKeyB64 = Buffer.from(dataKey).toString('base64');

    // Entered instead of the real one: exit 0, an empty node, and no word of what happened.
    const opened = await runCli(['--data', data, 'list'], { env: { KERUEN_PASSPHRASE: DURESS } });
    assert.equal(opened.code, 0, opened.stderr);
    assert.equal(opened.stdout.trim(), '');
    assert.doesNotMatch(opened.stderr, /duress|wip|destr|eras|delet/i);
    const ids = await runCli(['--data', data, 'identities'], { env: { KERUEN_PASSPHRASE: DURESS } });
    assert.equal(ids.code, 0, ids.stderr);
    assert.doesNotMatch(ids.stdout, /witness|npub/);

    // The keys are gone: no identity file, no node key, no peers, and the data key is not in the folder.
    assert.deepEqual(readdirSync(join(data, 'identities')), []);
    assert.ok(!existsSync(join(data, 'node-key')));
    assert.ok(!existsSync(join(data, 'peers.json')));
    assert.ok(!existsSync(join(data, 'circles')), 'circle keys are gone');
    for (const f of filesUnder(data)) {
      const bytes = readFileSync(f);
      assert.equal(bytes.indexOf(dataKeyHex), -1, f);
      assert.equal(bytes.indexOf(dataKeyB64), -1, f);
      assert.equal(bytes.indexOf(Buffer.from(dataKey)), -1, f);
    }
    // Even the real passphrase opens nothing old any more.
    const real = await runCli(['--data', data, 'search', 'Mangystau'], { env: { KERUEN_PASSPHRASE: REAL } });
    assert.equal(real.code, 5, real.stderr);
    assert.throws(() => unlockFolder(data, REAL), /wrong passphrase/);

    if (keepStore) {
      // The old store is still on disk, as bytes that only the destroyed key opens.
      const kept = join(data, 'kept', 'keruen.db');
      assert.ok(existsSync(kept));
      assert.equal(readFileSync(kept).indexOf('Mangystau'), -1);
      const newKey = unlockFolder(data, DURESS);
      assert.throws(() => SqliteStore.open(kept, { key: deriveFolderKeys(newKey).store }), /does not open/);
      const old = SqliteStore.open(kept, { key: deriveFolderKeys(dataKey).store });
      assert.equal(old.search('Mangystau').length, 1, 'the kept bytes are the old store, opened only by the destroyed key');
      old.close();
    } else {
      assert.ok(!existsSync(join(data, 'kept')));
      assert.deepEqual(
        readdirSync(data).filter((n) => n !== 'lock.json' && n !== 'identities' && !n.startsWith('keruen.db')),
        [],
      );
    }

    // The new node is a working, encrypted node under the duress passphrase.
    const add = await runCli(['--data', data, 'init', '--name', 'me'], { env: { KERUEN_PASSPHRASE: DURESS } });
    assert.equal(add.code, 0, add.stderr);
    const list = await runCli(['--data', data, 'identities'], { env: { KERUEN_PASSPHRASE: DURESS } });
    assert.match(list.stdout, /me/);
    // ...and the duress passphrase is an ordinary passphrase now: using it again changes nothing.
    const again = await runCli(['--data', data, 'identities'], { env: { KERUEN_PASSPHRASE: DURESS } });
    assert.match(again.stdout, /me/);
  });
}

test('lock duress refuses a duress passphrase equal to the real one, and a wrong real passphrase', { timeout: 60_000 }, async () => {
  const data = tempDataDir('keruen-duress-refuse-');
  const init = await runCli(['--data', data, 'init', '--encrypt', '--name', 'w'], { env: { KERUEN_PASSPHRASE: REAL } });
  assert.equal(init.code, 0, init.stderr);
  const lockBefore = readFileSync(join(data, 'lock.json'), 'utf8');
  const same = join(tempDataDir('keruen-duress-same-'), 'same.txt');
  writeFileSync(same, REAL);
  const r = await runCli(['--data', data, 'lock', 'duress', '--set', '--duress-passphrase-file', same], { env: { KERUEN_PASSPHRASE: REAL } });
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /must differ/);
  const other = join(tempDataDir('keruen-duress-other-'), 'other.txt');
  writeFileSync(other, DURESS);
  const wrong = await runCli(['--data', data, 'lock', 'duress', '--set', '--duress-passphrase-file', other], { env: { KERUEN_PASSPHRASE: 'not the real passphrase' } });
  assert.equal(wrong.code, 5, wrong.stderr);
  assert.equal(readFileSync(join(data, 'lock.json'), 'utf8'), lockBefore);
  // lock.json looks the same with or without a duress passphrase: two slots of the same sizes.
  const set = await runCli(['--data', data, 'lock', 'duress', '--set', '--duress-passphrase-file', other], { env: { KERUEN_PASSPHRASE: REAL } });
  assert.equal(set.code, 0, set.stderr);
  const shape = (text: string) => JSON.stringify(JSON.parse(text), (_k, v: unknown) => (typeof v === 'string' ? v.length : v));
  assert.equal(shape(readFileSync(join(data, 'lock.json'), 'utf8')), shape(lockBefore));
});
