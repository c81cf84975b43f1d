import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as nip49 from 'nostr-tools/nip49';
import { decryptNcryptsec } from '../../src/node/nip49-native.ts';

test('native NIP-49 decryption agrees with nostr-tools on random keys, passphrases and costs', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.string({ maxLength: 40 }), fc.integer({ min: 1, max: 10 }), fc.constantFrom(0, 1, 2), (sk, pass, logN, ksb) => {
      const enc = nip49.encrypt(sk, pass, logN, ksb as 0 | 1 | 2);
      assert.deepEqual(decryptNcryptsec(enc, pass), nip49.decrypt(enc, pass));
      assert.deepEqual(decryptNcryptsec(enc, pass), sk);
    }),
    { numRuns: 60 },
  );
});

test('the NIP-49 example of the spec decrypts; a wrong passphrase, a flipped byte or another prefix is refused', () => {
  // From NIP-49: password "nostr", log_n 16.
  const spec = 'ncryptsec1qgg9947rlpvqu76pj5ecreduf9jxhselq2nae2kghhvd5g7dgjtcxfqtd67p9m0w57lspw8gsq6yphnm8623nsl8xn9j4jdzz84zm3frztj3z7s35vpzmqf6ksu8r89qk5z2zxfmu5gv8th8wclt0h4p';
  assert.equal(Buffer.from(decryptNcryptsec(spec, 'nostr')).toString('hex'), '3501454135014541350145413501453fefb02227e449e57cf4d3a3ce05378683');
  assert.throws(() => decryptNcryptsec(spec, 'nostR'));
  const enc = nip49.encrypt(new Uint8Array(32).fill(7), 'pw', 4);
  const flipped = enc.slice(0, 40) + (enc[40] === 'q' ? 'p' : 'q') + enc.slice(41);
  assert.throws(() => decryptNcryptsec(flipped, 'pw'));
  assert.throws(() => decryptNcryptsec(enc.replace('ncryptsec', 'nsec'), 'pw'));
});
