import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPublicKey } from 'nostr-tools/pure';
import * as nip49 from 'nostr-tools/nip49';
import { Keystore } from '../../src/node/keystore.ts';
import { KeruenError } from '../../src/core/errors.ts';

process.env.KERUEN_SCRYPT_LOGN = '10'; // the format is the same; only the cost is lowered for tests

test('identities are stored only as NIP-49 ncryptsec and unlock with their passphrase', () => {
  const dir = mkdtempSync(join(tmpdir(), 'keruen-keys-'));
  const ks = new Keystore(dir);
  const a = ks.create('witness', 'a long passphrase here');
  const b = ks.create('curator', 'another passphrase!', { makeDefault: true });
  assert.equal(ks.list().length, 2);
  assert.equal(ks.find().name, 'curator');
  assert.equal(ks.find('witness').pubkey, a.pubkey);
  assert.equal(ks.find(b.npub).name, 'curator');

  const file = readdirSync(dir).find((f) => f.startsWith(a.pubkey)) as string;
  const text = readFileSync(join(dir, file), 'utf8');
  const stored = JSON.parse(text) as { ncryptsec: string };
  assert.match(stored.ncryptsec, /^ncryptsec1/);
  assert.ok(!/nsec1|"sk"|secret/i.test(text.replace(/ncryptsec/g, '')), 'no plaintext key material in the file');
  assert.equal(statSync(join(dir, file)).mode & 0o077, 0, 'key file is private to its owner');

  const sk = ks.unlock(a, 'a long passphrase here');
  assert.equal(getPublicKey(sk), a.pubkey);
  assert.deepEqual(nip49.decrypt(stored.ncryptsec, 'a long passphrase here'), sk);
  assert.throws(() => ks.unlock(a, 'wrong passphrase'), (e: unknown) => e instanceof KeruenError && e.code === 'bad_passphrase');
});

test('clear refusals: short passphrase, duplicate name, unknown identity, empty keystore', () => {
  const ks = new Keystore(mkdtempSync(join(tmpdir(), 'keruen-keys-')));
  assert.throws(() => ks.find(), /run `keruen init/);
  assert.throws(() => ks.create('x', 'short'), /at least 8/);
  ks.create('x', 'long enough passphrase');
  assert.throws(() => ks.create('x', 'long enough passphrase'), /already exists/);
  assert.throws(() => ks.find('nobody'), /no identity "nobody"/);
  assert.throws(() => ks.create('bad name/..', 'long enough passphrase'), /not a usable identity name/);
});
