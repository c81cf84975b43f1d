/**
 * Encryption at rest for a data folder: the key hierarchy, unlocking, and the duress passphrase.
 *
 * A random 32-byte data key encrypts everything (the SQLite store, blobs, sealed files); HKDF
 * derives one key per use from it. `<data>/lock.json` holds the data key wrapped
 * (XChaCha20-Poly1305) under a key derived from the passphrase by scrypt, and a second slot of
 * the same size for the duress passphrase, always present (random bytes when unset), so the
 * file does not tell whether a duress passphrase exists.
 *
 * Unlocking always runs scrypt for both slots, so a real and a duress passphrase take the same
 * time. The duress slot opens to a mode byte: the data key is then destroyed (lock.json
 * rewritten without it), keys and peer files deleted, the store and blobs deleted or moved
 * aside as unreadable bytes, and a fresh empty node made that the duress passphrase opens.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { scrypt } from '@noble/hashes/scrypt.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { z } from 'zod';
import { KeruenError } from '../core/errors.ts';
import { writeSealed } from './sealed-file.ts';

export const LOCK_FILE = 'lock.json';

/** Derived keys, one per use, so no key serves two ciphers. */
export interface FolderKeys {
  /** Raw SQLCipher key of keruen.db. */
  store: Uint8Array;
  /** XChaCha20-Poly1305 key of blob chunks. */
  blobSeal: Uint8Array;
  /** HMAC key naming blob files (a name must not be a photo's sha256). */
  blobName: Uint8Array;
  /** XChaCha20-Poly1305 key of sealed small files. */
  file: Uint8Array;
}

export type DuressMode = 'wipe' | 'keep-store';

const b64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/).max(200);
const slotSchema = z.object({ salt: b64, nonce: b64, sealed: b64 }).strict();
const lockSchema = z
  .object({
    version: z.literal(1),
    kdf: z.object({ name: z.literal('scrypt'), logN: z.number().int().min(8).max(22), r: z.number().int().min(1).max(32), p: z.number().int().min(1).max(16) }).strict(),
    cipher: z.literal('xchacha20poly1305'),
    slots: z.tuple([slotSchema, slotSchema]),
  })
  .strict();
type LockFile = z.infer<typeof lockSchema>;
type Kdf = LockFile['kdf'];

const SALT_BYTES = 32;
const NONCE_BYTES = 24;
/** A slot holds 32 bytes and a mode byte: the data key and 0, or random bytes and the duress mode. */
const SLOT_PLAIN_BYTES = 33;
const MODE_BYTE: Record<DuressMode | 'main', number> = { main: 0, wipe: 1, 'keep-store': 2 };

/** scrypt cost: 2^16 by default (as NIP-49 recommends); tests may lower it through the env. */
function defaultKdf(): Kdf {
  const env = Number(process.env.KERUEN_SCRYPT_LOGN);
  return { name: 'scrypt', logN: Number.isInteger(env) && env >= 8 && env <= 22 ? env : 16, r: 8, p: 1 };
}

const toB64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const fromB64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));

function slotAad(index: number, kdf: Kdf): Uint8Array {
  return new TextEncoder().encode(`keruen-lock-v1:slot${index}:scrypt:${kdf.logN}:${kdf.r}:${kdf.p}`);
}

function passphraseKey(passphrase: string, salt: Uint8Array, kdf: Kdf): Uint8Array {
  // NFKC: the same passphrase typed on another keyboard or OS gives the same key (as NIP-49 does).
  return scrypt(new TextEncoder().encode(passphrase.normalize('NFKC')), salt, { N: 2 ** kdf.logN, r: kdf.r, p: kdf.p, dkLen: 32, maxmem: 2 ** 31 });
}

function makeSlot(index: number, kdf: Kdf, wrappingKey: Uint8Array, salt: Uint8Array, plain: Uint8Array): LockFile['slots'][number] {
  const nonce = randomBytes(NONCE_BYTES);
  const sealed = xchacha20poly1305(wrappingKey, nonce, slotAad(index, kdf)).encrypt(plain);
  return { salt: toB64(salt), nonce: toB64(nonce), sealed: toB64(sealed) };
}

/** A duress slot nobody can open: random salt, nonce and bytes of a real slot's size. */
function randomSlot(): LockFile['slots'][number] {
  return { salt: toB64(randomBytes(SALT_BYTES)), nonce: toB64(randomBytes(NONCE_BYTES)), sealed: toB64(randomBytes(SLOT_PLAIN_BYTES + 16)) };
}

function openSlot(file: LockFile, index: number, wrappingKey: Uint8Array): Uint8Array | undefined {
  const slot = file.slots[index]!;
  try {
    return xchacha20poly1305(wrappingKey, fromB64(slot.nonce), slotAad(index, file.kdf)).decrypt(fromB64(slot.sealed));
  } catch {
    return undefined;
  }
}

export function lockPath(root: string): string {
  return join(resolve(root), LOCK_FILE);
}

/** True when the folder is encrypted (has a lock.json). */
export function isEncrypted(root: string): boolean {
  return existsSync(lockPath(root));
}

function readLock(root: string): LockFile {
  const path = lockPath(root);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new KeruenError('io', `cannot read ${path}: ${(e as Error).message}`);
  }
  const parsed = lockSchema.safeParse(raw);
  if (!parsed.success) throw new KeruenError('io', `${path} is damaged; without it the folder cannot be opened`);
  return parsed.data;
}

/** Overwrites the old lock file's bytes before replacing it, so its wrapped key is not left where it was. */
function writeLock(root: string, file: LockFile): void {
  const path = lockPath(root);
  if (existsSync(path)) {
    try {
      const size = statSync(path).size;
      const fd = openSync(path, 'r+');
      try {
        writeSync(fd, randomBytes(size), 0, size, 0);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch {
      // Best effort: the rename below replaces the file in any case.
    }
  }
  writeSealed(path, `${JSON.stringify(file, null, 2)}\n`, undefined, { mode: 0o600 });
}

export function deriveFolderKeys(dataKey: Uint8Array): FolderKeys {
  const derive = (use: string) => hkdf(sha256, dataKey, undefined, new TextEncoder().encode(`keruen/v1/${use}`), 32);
  return { store: derive('sqlcipher'), blobSeal: derive('blob-seal'), blobName: derive('blob-name'), file: derive('sealed-file') };
}

function checkPassphrase(passphrase: string): void {
  if (passphrase.length < 8) throw KeruenError.usage('the passphrase must be at least 8 characters; a long sentence is best');
}

/**
 * Makes lock.json around `dataKey` (default: a new random one) with a random duress slot;
 * returns the data key.
 */
export function createLock(root: string, passphrase: string, dataKey: Uint8Array = randomBytes(32), kdf: Kdf = defaultKdf()): Uint8Array {
  checkPassphrase(passphrase);
  if (isEncrypted(root)) throw KeruenError.usage(`${resolve(root)} is encrypted already`);
  if (dataKey.length !== 32) throw new KeruenError('internal', 'a data key is 32 bytes');
  mkdirSync(resolve(root), { recursive: true, mode: 0o700 });
  writeLock(root, freshLock(dataKey, passphrase, kdf));
  return dataKey;
}

function freshLock(dataKey: Uint8Array, passphrase: string, kdf: Kdf): LockFile {
  const salt = randomBytes(SALT_BYTES);
  const plain = new Uint8Array(SLOT_PLAIN_BYTES);
  plain.set(dataKey, 0);
  plain[32] = MODE_BYTE.main;
  return { version: 1, kdf, cipher: 'xchacha20poly1305', slots: [makeSlot(0, kdf, passphraseKey(passphrase, salt, kdf), salt, plain), randomSlot()] };
}

interface Opened {
  file: LockFile;
  dataKey?: Uint8Array;
  duress?: DuressMode;
}

/** Both scrypts, always, whichever slot opens: the time does not tell a real unlock from a duress one. */
function tryBoth(root: string, passphrase: string): Opened {
  const file = readLock(root);
  const mainKey = passphraseKey(passphrase, fromB64(file.slots[0].salt), file.kdf);
  const duressKey = passphraseKey(passphrase, fromB64(file.slots[1].salt), file.kdf);
  const main = openSlot(file, 0, mainKey);
  const duress = openSlot(file, 1, duressKey);
  if (main !== undefined && main.length === SLOT_PLAIN_BYTES) return { file, dataKey: main.slice(0, 32) };
  if (duress !== undefined && duress.length === SLOT_PLAIN_BYTES) return { file, duress: duress[32] === MODE_BYTE['keep-store'] ? 'keep-store' : 'wipe' };
  return { file };
}

/**
 * Opens the folder with `passphrase` and returns its data key. With the duress passphrase, it
 * first destroys the old node (see the file comment) and returns the new empty node's key;
 * the caller cannot tell, and must not say, which happened. A wrong passphrase is a
 * KeruenError `bad_passphrase` and changes nothing.
 */
export function unlockFolder(root: string, passphrase: string): Uint8Array {
  const opened = tryBoth(root, passphrase);
  if (opened.dataKey !== undefined) return opened.dataKey;
  if (opened.duress !== undefined) return duressWipe(root, opened.file, passphrase, opened.duress);
  throw new KeruenError('bad_passphrase', 'wrong passphrase for this data folder; nothing was changed');
}

/**
 * Files that hold keys, name people and peers, or keep original photos (with their GPS):
 * deleted whatever the duress mode.
 */
const KEY_AND_PEER_FILES = ['identities', 'node-key', 'peers.json', 'peer-trust.json', 'config.json', 'sessions.json', 'peers', 'circles', 'originals'];
/** The store and media: deleted in `wipe` mode, moved to `kept/` in `keep-store` mode. */
const STORE_FILES = ['keruen.db', 'keruen.db-wal', 'keruen.db-shm', 'keruen.db-journal', 'blobs', 'blobs-partial'];
export const KEPT_DIR = 'kept';

function duressWipe(root: string, old: LockFile, passphrase: string, mode: DuressMode): Uint8Array {
  const abs = resolve(root);
  // First the crypto-erase: once lock.json no longer holds the data key, nothing encrypted under
  // it can be read again, even if a deletion below is interrupted or the disk keeps old blocks.
  const dataKey = randomBytes(32);
  writeLock(abs, freshLock(dataKey, passphrase, old.kdf));
  for (const name of KEY_AND_PEER_FILES) rmSync(join(abs, name), { recursive: true, force: true });
  if (mode === 'keep-store') {
    const kept = join(abs, KEPT_DIR);
    mkdirSync(kept, { recursive: true, mode: 0o700 });
    for (const name of STORE_FILES) if (existsSync(join(abs, name))) renameSync(join(abs, name), join(kept, name));
  } else {
    for (const name of STORE_FILES) rmSync(join(abs, name), { recursive: true, force: true });
  }
  // Temporary files of interrupted writes (they are sealed, but nothing of the old node stays).
  for (const name of readdirSync(abs)) if (name.includes('.tmp')) rmSync(join(abs, name), { recursive: true, force: true });
  mkdirSync(join(abs, 'identities'), { recursive: true, mode: 0o700 });
  return dataKey;
}

/**
 * Sets (or replaces) the duress passphrase. `passphrase` must open the folder for real; the
 * duress passphrase must differ from it. `keep-store` keeps the encrypted store and blobs
 * (moved to `kept/`) when it is used; `wipe` (the default) deletes them.
 */
export function setDuress(root: string, passphrase: string, duressPassphrase: string, mode: DuressMode = 'wipe'): void {
  checkPassphrase(duressPassphrase);
  if (duressPassphrase.normalize('NFKC') === passphrase.normalize('NFKC')) throw KeruenError.usage('the duress passphrase must differ from the real one; nothing was changed');
  const opened = tryBoth(root, passphrase);
  if (opened.dataKey === undefined) throw new KeruenError('bad_passphrase', 'wrong passphrase for this data folder; nothing was changed');
  const file = opened.file;
  const salt = randomBytes(SALT_BYTES);
  const plain = randomBytes(SLOT_PLAIN_BYTES);
  plain[32] = MODE_BYTE[mode];
  writeLock(root, { ...file, slots: [file.slots[0], makeSlot(1, file.kdf, passphraseKey(duressPassphrase, salt, file.kdf), salt, plain)] });
}

/** Removes the duress passphrase: its slot becomes random bytes again. */
export function clearDuress(root: string, passphrase: string): void {
  const opened = tryBoth(root, passphrase);
  if (opened.dataKey === undefined) throw new KeruenError('bad_passphrase', 'wrong passphrase for this data folder; nothing was changed');
  writeLock(root, { ...opened.file, slots: [opened.file.slots[0], randomSlot()] });
}

/**
 * Folders unlocked in this process, by absolute path. Parts that open their own files from a
 * folder path (the node's blob store, peers.json, the node key) find the key here, so the key
 * need not be threaded through every constructor; a folder that is encrypted but not unlocked
 * fails closed (nothing is ever written in clear into an encrypted folder).
 */
const unlocked = new Map<string, FolderKeys>();

export function registerUnlocked(root: string, dataKey: Uint8Array): FolderKeys {
  const keys = deriveFolderKeys(dataKey);
  unlocked.set(resolve(root), keys);
  return keys;
}

export function forgetUnlocked(root: string): void {
  unlocked.delete(resolve(root));
}

/** The folder's keys: undefined for a plain folder; a KeruenError if it is encrypted and still locked. */
export function folderKeys(root: string): FolderKeys | undefined {
  const keys = unlocked.get(resolve(root));
  if (keys !== undefined) return keys;
  if (!isEncrypted(root)) return undefined;
  throw new KeruenError('bad_passphrase', `${resolve(root)} is encrypted and not unlocked: give its passphrase (--passphrase-file, KERUEN_PASSPHRASE or the prompt)`);
}

/** The sealed-file key of the folder (undefined for a plain folder). */
export function fileKeyFor(root: string): Uint8Array | undefined {
  return folderKeys(root)?.file;
}
