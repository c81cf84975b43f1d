/**
 * Small files of an encrypted data folder (identities, peers.json, node-key, config.json): the
 * whole file sealed with XChaCha20-Poly1305 under a key derived from the folder's data key.
 * Without a key the file is read and written as it is, so plain folders work unchanged.
 *
 * Sealed layout: 24-byte random nonce, then ciphertext and 16-byte tag. The additional data is
 * the file's name, so one sealed file cannot be passed off as another (a peers.json as a
 * node-key) by renaming it.
 */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { KeruenError } from '../core/errors.ts';

const NONCE_BYTES = 24;
const TAG_BYTES = 16;

function aadOf(path: string): Uint8Array {
  return new TextEncoder().encode(`keruen-sealed-file-v1:${basename(path)}`);
}

/** Seals `data` for the file at `path` (the name is bound in). */
export function seal(path: string, data: Uint8Array, key: Uint8Array): Uint8Array {
  const nonce = randomBytes(NONCE_BYTES);
  const sealed = xchacha20poly1305(key, nonce, aadOf(path)).encrypt(data);
  const out = new Uint8Array(NONCE_BYTES + sealed.length);
  out.set(nonce, 0);
  out.set(sealed, NONCE_BYTES);
  return out;
}

/** Opens what `seal` made for `path`; a KeruenError `io` naming the file if it does not open. */
export function unseal(path: string, bytes: Uint8Array, key: Uint8Array): Uint8Array {
  if (bytes.length < NONCE_BYTES + TAG_BYTES) throw new KeruenError('io', `${path} is damaged (too short to be a sealed file)`);
  try {
    return xchacha20poly1305(key, bytes.subarray(0, NONCE_BYTES), aadOf(path)).decrypt(bytes.subarray(NONCE_BYTES));
  } catch {
    throw new KeruenError('io', `${path} is damaged, or was not sealed with this folder's key`);
  }
}

/** The file's bytes, opened with `key` when given. Read errors are KeruenError `io`. */
export function readSealed(path: string, key?: Uint8Array): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    throw new KeruenError('io', `cannot read ${path}: ${(e as Error).message}`);
  }
  return key === undefined ? bytes : Buffer.from(unseal(path, bytes, key));
}

/** Text variant of readSealed (UTF-8). */
export function readSealedText(path: string, key?: Uint8Array): string {
  return readSealed(path, key).toString('utf8');
}

export interface WriteSealedOptions {
  mode?: number;
  /** `wx`: fail with EEXIST (as a KeruenError with details 'EEXIST') if the file exists. */
  exclusive?: boolean;
}

/**
 * Writes the file (sealed when `key` is given) to a temporary name, fsyncs and renames it, so a
 * crash leaves the old file or the new one, never half of one.
 */
export function writeSealed(path: string, data: Uint8Array | string, key?: Uint8Array, opts: WriteSealedOptions = {}): void {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const out = key === undefined ? bytes : seal(path, bytes, key);
  const tmp = `${path}.tmp-${Buffer.from(randomBytes(6)).toString('hex')}`;
  try {
    writeFileSync(tmp, out, { mode: opts.mode ?? 0o600, flag: 'wx' });
    const fd = openSync(tmp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (opts.exclusive === true) {
      // link-like exclusivity: renameSync would overwrite, so check by opening with wx first.
      try {
        closeSync(openSync(path, 'wx', opts.mode ?? 0o600));
      } catch (e) {
        rmSync(tmp, { force: true });
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new KeruenError('io', `${path} exists already`, 'EEXIST');
        throw e;
      }
    }
    renameSync(tmp, path);
    fsyncDir(dirname(path));
  } catch (e) {
    rmSync(tmp, { force: true });
    if (e instanceof KeruenError) throw e;
    throw new KeruenError('io', `cannot write ${path}: ${(e as Error).message}`);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems refuse to fsync a folder; the rename is still atomic there.
  }
}
