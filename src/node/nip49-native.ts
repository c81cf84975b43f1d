/**
 * NIP-49 decryption with Node's native scrypt. nostr-tools' `nip49.decrypt` runs scrypt in pure
 * JS: about 1.1 s of CPU at log_n 16 here, paid by every command that signs. Node's OpenSSL scrypt
 * does the same derivation in a fraction of that. The format is read exactly as nostr-tools
 * reads it, and the cipher is @noble/ciphers' XChaCha20-Poly1305; a test checks both agree on
 * random keys, passphrases and costs.
 */
import { scryptSync } from 'node:crypto';
import { bech32 } from '@scure/base';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';

const MAX_BECH32 = 5000;

export function decryptNcryptsec(ncryptsec: string, passphrase: string): Uint8Array {
  const { prefix, words } = bech32.decode(ncryptsec as `${string}1${string}`, MAX_BECH32);
  if (prefix !== 'ncryptsec') throw new Error(`invalid prefix ${prefix}, expected 'ncryptsec'`);
  const b = new Uint8Array(bech32.fromWords(words));
  if (b[0] !== 2) throw new Error(`invalid version ${b[0]}, expected 0x02`);
  const logN = b[1]!;
  // Costs above 2^22 (4 GiB of scrypt memory) are refused rather than tried.
  if (logN > 22) throw new Error(`scrypt cost 2^${logN} is too high`);
  const salt = b.subarray(2, 18);
  const nonce = b.subarray(18, 42);
  const aad = b.subarray(42, 43);
  const ciphertext = b.subarray(43);
  const key = scryptSync(Buffer.from(passphrase.normalize('NFKC'), 'utf8'), salt, 32, { N: 2 ** logN, r: 8, p: 1, maxmem: 256 * 2 ** logN * 8 + 2 ** 20 });
  try {
    return xchacha20poly1305(new Uint8Array(key), nonce, aad).decrypt(ciphertext);
  } finally {
    key.fill(0);
  }
}
