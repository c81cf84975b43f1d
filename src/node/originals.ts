/**
 * `<data>/originals/`: photos as they left the camera, kept only on this device and only sealed
 * (sealed-file.ts, under the folder's data key), for the witness who wants the full picture with
 * its metadata one day (an investigator, a court). Nothing serves or carries this folder: Blossom
 * serves `blobs/`, sync and bundles read the store and `blobs/`. A plain folder never holds an
 * original: the whole point is that a seized device does not give up where the photo was taken.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { KeruenError } from '../core/errors.ts';
import { folderKeys } from './lock.ts';
import { readSealed, writeSealed } from './sealed-file.ts';

export const ORIGINALS_DIR = 'originals';

function keysOf(root: string): { seal: Uint8Array; name: Uint8Array } {
  const keys = folderKeys(root);
  if (keys === undefined) {
    throw KeruenError.usage(`${resolve(root)} is not encrypted, and an original photo (with its location) is kept only encrypted: encrypt the folder first (keruen lock setup), or share without --keep-original`);
  }
  // A key of its own for the names, so a seized folder cannot confirm it holds a known photo.
  return { seal: keys.file, name: hkdf(sha256, keys.file, undefined, new TextEncoder().encode('keruen/v1/original-name'), 32) };
}

function pathOf(root: string, name: Uint8Array, sha256Hex: string): string {
  return join(resolve(root), ORIGINALS_DIR, `${bytesToHex(hmac(sha256, name, new TextEncoder().encode(sha256Hex)))}.sealed`);
}

/** Throws the usage error of a plain folder, before anything is written. */
export function assertCanKeepOriginals(root: string): void {
  keysOf(root);
}

/** Seals `bytes` (whose sha256 is `sha256Hex`) into the folder's originals; returns the file. */
export function keepOriginal(root: string, bytes: Uint8Array, sha256Hex: string): string {
  const keys = keysOf(root);
  mkdirSync(join(resolve(root), ORIGINALS_DIR), { recursive: true, mode: 0o700 });
  const path = pathOf(root, keys.name, sha256Hex);
  writeSealed(path, bytes, keys.seal, { mode: 0o600 });
  return path;
}

/** The original whose sha256 is `sha256Hex`, opened; a KeruenError if it is not kept here. */
export function readOriginal(root: string, sha256Hex: string): Uint8Array {
  const keys = keysOf(root);
  return readSealed(pathOf(root, keys.name, sha256Hex), keys.seal);
}
