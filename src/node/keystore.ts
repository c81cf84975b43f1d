/**
 * Identities of a node. Each secret key is stored only encrypted with a passphrase, in
 * NIP-49 format (ncryptsec: scrypt + XChaCha20-Poly1305, from nostr-tools). Several
 * identities per node; one is the default.
 */
import { readdirSync, readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import * as nip19 from 'nostr-tools/nip19';
import * as nip49 from 'nostr-tools/nip49';
import { z } from 'zod';
import { KeruenError } from '../core/errors.ts';
import type { PublicKey } from '../core/ids.ts';

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

export class Keystore {
  readonly #dir: string;

  constructor(identitiesDir: string) {
    this.#dir = identitiesDir;
  }

  list(): Identity[] {
    const files = existsSync(this.#dir) ? readdirSync(this.#dir).filter((f) => f.endsWith('.json')) : [];
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
      const sk = nip49.decrypt(file.ncryptsec, passphrase);
      if (getPublicKey(sk) !== file.pubkey) throw new Error('key does not match its public key');
      return sk;
    } catch {
      throw new KeruenError('bad_passphrase', `wrong passphrase for identity "${identity.name}"`);
    }
  }

  #pathOf(pubkey: string): string {
    return join(this.#dir, `${pubkey}.json`);
  }

  #read(path: string): IdentityFile {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new KeruenError('io', `cannot read identity file ${path}: ${(e as Error).message}`);
    }
    const parsed = identityFileSchema.safeParse(raw);
    if (!parsed.success) throw new KeruenError('io', `identity file ${path} is damaged`);
    return parsed.data;
  }

  /** Write then rename, so a crash never leaves half a key file. */
  #write(file: IdentityFile): void {
    const path = this.#pathOf(file.pubkey);
    writeFileSync(`${path}.tmp`, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    renameSync(`${path}.tmp`, path);
  }

  #clearDefault(): void {
    for (const id of this.list()) {
      const file = this.#read(this.#pathOf(id.pubkey));
      if (file.default === true) this.#write({ ...file, default: false });
    }
  }
}
