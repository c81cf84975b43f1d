/**
 * Identities of a node. Each secret key is stored only encrypted with a passphrase, in
 * NIP-49 format (ncryptsec: scrypt + XChaCha20-Poly1305, from nostr-tools). Several
 * identities per node; one is the default.
 *
 * In an encrypted data folder (lock.ts) each file is sealed whole under the folder's key, and
 * named by a keyed hash of the pubkey: a seized folder shows neither the public keys nor names.
 */
import { readdirSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import * as nip19 from 'nostr-tools/nip19';
import * as nip49 from 'nostr-tools/nip49';
import { decryptNcryptsec } from './nip49-native.ts';
import { z } from 'zod';
import { KeruenError } from '../core/errors.ts';
import type { PublicKey } from '../core/ids.ts';
import { fileKeyFor } from './lock.ts';
import { readSealedText, writeSealed } from './sealed-file.ts';

const identityFileSchema = z.object({
  version: z.literal(1),
  name: z.string().min(1),
  pubkey: z.string().regex(/^[0-9a-f]{64}$/),
  npub: z.string(),
  ncryptsec: z.string().startsWith('ncryptsec1'),
  created: z.string(),
  default: z.boolean().optional(),
});
export type IdentityFile = z.infer<typeof identityFileSchema>;

export interface Identity {
  name: string;
  pubkey: PublicKey;
  npub: string;
  created: string;
  isDefault: boolean;
}

/** scrypt cost: 2^16 per NIP-49's recommendation; tests may lower it through the env. */
function scryptLogN(): number {
  const env = Number(process.env.KERUEN_SCRYPT_LOGN);
  return Number.isInteger(env) && env >= 8 && env <= 22 ? env : 16;
}

const PLAIN_EXT = '.json';
const SEALED_EXT = '.sealed';

export class Keystore {
  readonly #dir: string;
  readonly #key: Uint8Array | undefined;

  /**
   * `key` seals the files; without it, the key of the data folder holding `identitiesDir` if it
   * was unlocked in this process (an encrypted folder still locked is an error); `null`: plain.
   */
  constructor(identitiesDir: string, key?: Uint8Array | null) {
    this.#dir = identitiesDir;
    this.#key = key === null ? undefined : (key ?? fileKeyFor(dirname(identitiesDir)));
  }

  get #ext(): string {
    return this.#key === undefined ? PLAIN_EXT : SEALED_EXT;
  }

  list(): Identity[] {
    const files = existsSync(this.#dir) ? readdirSync(this.#dir).filter((f) => f.endsWith(this.#ext)) : [];
    const ids = files.map((f) => this.#read(join(this.#dir, f)));
    const hasDefault = ids.some((i) => i.default === true);
    return ids
      .map((f, i) => ({ name: f.name, pubkey: f.pubkey as PublicKey, npub: f.npub, created: f.created, isDefault: f.default === true || (!hasDefault && i === 0) }))
      .sort((a, b) => a.created.localeCompare(b.created));
  }

  create(name: string, passphrase: string, opts: { makeDefault?: boolean } = {}): Identity {
    if (passphrase.length < 8) throw new KeruenError('usage', 'the passphrase must be at least 8 characters; a long sentence is best');
    if (!/^[\p{L}\p{N}_.-]{1,64}$/u.test(name)) throw KeruenError.usage(`"${name}" is not a usable identity name: letters, digits, "-", "_" and "." only`);
    if (this.list().some((i) => i.name === name)) throw KeruenError.usage(`an identity named "${name}" already exists here`);
    const sk = generateSecretKey();
    const pubkey = getPublicKey(sk);
    const first = this.list().length === 0;
    const file: IdentityFile = {
      version: 1,
      name,
      pubkey,
      npub: nip19.npubEncode(pubkey),
      // key security byte 0x01: generated here and never stored or shown unencrypted.
      ncryptsec: nip49.encrypt(sk, passphrase, scryptLogN(), 0x01),
      created: new Date().toISOString(),
      default: first || opts.makeDefault === true,
    };
    sk.fill(0);
    if (file.default) this.#clearDefault();
    this.#write(file);
    return { name, pubkey: pubkey as PublicKey, npub: file.npub, created: file.created, isDefault: file.default === true };
  }

  /** Finds an identity by name, npub or hex pubkey (or the default one). */
  find(ref?: string): Identity {
    const all = this.list();
    if (all.length === 0) throw new KeruenError('not_found', 'no identity on this node yet: run `keruen init --name <name>` first');
    const found = ref === undefined ? all.find((i) => i.isDefault) : all.find((i) => i.name === ref || i.npub === ref || i.pubkey === ref);
    if (found === undefined) throw new KeruenError('not_found', `no identity "${ref}" here; known: ${all.map((i) => i.name).join(', ')}`);
    return found;
  }

  /**
   * The identity's key as stored: NIP-49 ncryptsec, useless without the passphrase. The web app
   * decrypts it in the browser, so the passphrase and the plain key never cross the network.
   */
  ncryptsec(identity: Identity): string {
    return this.#read(this.#pathOf(identity.pubkey)).ncryptsec;
  }

  /** Decrypts the secret key. The caller must `fill(0)` it when done. */
  unlock(identity: Identity, passphrase: string): Uint8Array {
    const file = this.#read(this.#pathOf(identity.pubkey));
    try {
      const sk = decryptNcryptsec(file.ncryptsec, passphrase);
      if (getPublicKey(sk) !== file.pubkey) throw new Error('key does not match its public key');
      return sk;
    } catch {
      throw new KeruenError('bad_passphrase', `wrong passphrase for identity "${identity.name}"`);
    }
  }

  #pathOf(pubkey: string): string {
    if (this.#key === undefined) return join(this.#dir, `${pubkey}${PLAIN_EXT}`);
    const name = bytesToHex(hmac(sha256, this.#key, new TextEncoder().encode(`keruen-identity-name:${pubkey}`))).slice(0, 32);
    return join(this.#dir, `${name}${SEALED_EXT}`);
  }

  #read(path: string): IdentityFile {
    let raw: unknown;
    try {
      raw = JSON.parse(readSealedText(path, this.#key));
    } catch (e) {
      if (e instanceof KeruenError) throw e;
      throw new KeruenError('io', `cannot read identity file ${path}: ${(e as Error).message}`);
    }
    const parsed = identityFileSchema.safeParse(raw);
    if (!parsed.success) throw new KeruenError('io', `identity file ${path} is damaged`);
    return parsed.data;
  }

  /** Write then rename (writeSealed), so a crash never leaves half a key file. */
  #write(file: IdentityFile): void {
    writeSealed(this.#pathOf(file.pubkey), `${JSON.stringify(file, null, 2)}\n`, this.#key);
  }

  /** Rewrites every plain identity file sealed under `key` (keruen lock setup); returns how many. */
  static sealAll(identitiesDir: string, key: Uint8Array): number {
    const plain = new Keystore(identitiesDir, null);
    const sealed = new Keystore(identitiesDir, key);
    let n = 0;
    for (const f of existsSync(identitiesDir) ? readdirSync(identitiesDir).filter((x) => x.endsWith(PLAIN_EXT)) : []) {
      const file = plain.#read(join(identitiesDir, f));
      sealed.#write(file);
      rmSync(join(identitiesDir, f), { force: true });
      n++;
    }
    return n;
  }

  #clearDefault(): void {
    for (const id of this.list()) {
      const file = this.#read(this.#pathOf(id.pubkey));
      if (file.default === true) this.#write({ ...file, default: false });
    }
  }
}
