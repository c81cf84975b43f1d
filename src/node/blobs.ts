/**
 * The node's blob store (Blossom, BUD-01/02): each blob is a file `<data>/blobs/<sha256>`, named
 * by the hash of its bytes, so a blob can be checked by anyone who holds it and two copies are
 * one file. In an encrypted folder (lock.ts) each file is sealed in chunks and named by a keyed
 * hash of the sha256 instead (see sealBlob). Types are read from the bytes (magic numbers), never taken from the uploader, so a
 * blob cannot pose as a page or a script of the node's own origin.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 as sha256Noble } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { KeruenError } from '../core/errors.ts';
import { folderKeys } from './lock.ts';

export const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface BlobInfo {
  sha256: string;
  size: number;
  type: string;
  /** Unix seconds, when this node first stored it. */
  uploaded: number;
}

const ascii = (b: Uint8Array, from: number, to: number): string => String.fromCharCode(...b.subarray(from, to));

/**
 * The MIME type of a blob from its first bytes. Only types a browser shows without running
 * anything; everything else is application/octet-stream.
 */
export function sniffType(b: Uint8Array): string {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n') return 'image/png';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'image/webp';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WAVE') return 'audio/wav';
  if (b.length >= 6 && /^GIF8[79]a$/.test(ascii(b, 0, 6))) return 'image/gif';
  if (b.length >= 4 && (ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*')) return 'image/tiff';
  if (b.length >= 5 && ascii(b, 0, 5) === '%PDF-') return 'application/pdf';
  if (b.length >= 4 && ascii(b, 0, 4) === 'OggS') return 'audio/ogg';
  if (b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return 'video/webm';
  if (b.length >= 3 && ascii(b, 0, 3) === 'ID3') return 'audio/mpeg';
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp') {
    const brand = ascii(b, 8, 12);
    if (/^(heic|heix|hevc|hevx|heim|heis|mif1|msf1)$/.test(brand)) return 'image/heic';
    if (/^avi[fs]$/.test(brand)) return 'image/avif';
    if (brand === 'qt  ') return 'video/quicktime';
    if (brand === 'M4A ') return 'audio/mp4';
    return 'video/mp4';
  }
  return 'application/octet-stream';
}

/** The file extension a blob URL gets for its type (BUD-01 allows any, or none). */
export function extensionOf(type: string): string {
  const ext: Record<string, string> = {
    'image/jpeg': '.jpg',
    'image/png': '.png',
    'image/webp': '.webp',
    'image/gif': '.gif',
    'application/pdf': '.pdf',
    'audio/ogg': '.ogg',
    'audio/wav': '.wav',
    'audio/mpeg': '.mp3',
    'audio/mp4': '.m4a',
    'video/webm': '.webm',
    'video/mp4': '.mp4',
    'video/quicktime': '.mov',
  };
  return ext[type] ?? '';
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function fsyncPath(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Keys of an encrypted blob folder (derived from the data key, see lock.ts). */
export interface BlobKeys {
  /** XChaCha20-Poly1305 key of the chunks and headers. */
  seal: Uint8Array;
  /** HMAC-SHA256 key naming the files. */
  name: Uint8Array;
}

/**
 * Encrypted blob file, version 1: a 16-byte random file nonce; a sealed header (sha256, size,
 * upload time, the first 16 bytes for the type); then the bytes in chunks of CHUNK_BYTES, each
 * sealed on its own (nonce = file nonce + chunk index), so a range read opens only the chunks
 * it touches. The header's size fixes the chunk count: a cut or extended file does not open.
 */
export const CHUNK_BYTES = 64 * 1024;
const FILE_NONCE_BYTES = 16;
const TAG_BYTES = 16;
const HEADER_PLAIN_BYTES = 32 + 8 + 8 + 16;
export const ENCRYPTED_HEADER_BYTES = FILE_NONCE_BYTES + HEADER_PLAIN_BYTES + TAG_BYTES;
const HEADER_INDEX = 0xffff_ffff_ffff_ffffn;
const HEADER_AAD = new TextEncoder().encode('keruen-blob-v1:header');

function chunkNonce(fileNonce: Uint8Array, index: bigint): Uint8Array {
  const nonce = new Uint8Array(24);
  nonce.set(fileNonce, 0);
  new DataView(nonce.buffer).setBigUint64(FILE_NONCE_BYTES, index);
  return nonce;
}

function hexToBytes(hex: string): Uint8Array {
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

/** Size on disk of an encrypted blob of `size` bytes. */
export function encryptedSize(size: number): number {
  return ENCRYPTED_HEADER_BYTES + size + Math.ceil(size / CHUNK_BYTES) * TAG_BYTES;
}

function sealBlob(keys: BlobKeys, bytes: Uint8Array, sha256: string, uploaded: number): Uint8Array {
  const fileNonce = randomBytes(FILE_NONCE_BYTES);
  const head = new Uint8Array(HEADER_PLAIN_BYTES);
  head.set(hexToBytes(sha256), 0);
  const view = new DataView(head.buffer);
  view.setBigUint64(32, BigInt(bytes.length));
  view.setBigUint64(40, BigInt(uploaded));
  head.set(bytes.subarray(0, 16), 48);
  const out = new Uint8Array(encryptedSize(bytes.length));
  out.set(fileNonce, 0);
  out.set(xchacha20poly1305(keys.seal, chunkNonce(fileNonce, HEADER_INDEX), HEADER_AAD).encrypt(head), FILE_NONCE_BYTES);
  let at = ENCRYPTED_HEADER_BYTES;
  for (let i = 0; i * CHUNK_BYTES < bytes.length; i++) {
    const sealed = xchacha20poly1305(keys.seal, chunkNonce(fileNonce, BigInt(i)), hexToBytes(sha256)).encrypt(bytes.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES));
    out.set(sealed, at);
    at += sealed.length;
  }
  return out;
}

interface SealedHeader {
  fileNonce: Uint8Array;
  size: number;
  uploaded: number;
  head: Uint8Array;
}

export class BlobStore {
  readonly dir: string;
  readonly #keys: BlobKeys | undefined;

  /**
   * `keys` encrypt the folder. Without them, the keys of the data folder holding `dir` are
   * used if it was unlocked in this process (lock.ts); a plain folder stays plain, and an
   * encrypted one that is still locked is an error (never a blob written in clear).
   */
  constructor(dir: string, keys?: BlobKeys) {
    this.dir = dir;
    if (keys !== undefined) this.#keys = keys;
    else {
      const folder = folderKeys(dirname(dir));
      this.#keys = folder !== undefined ? { seal: folder.blobSeal, name: folder.blobName } : undefined;
    }
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Left by a crash mid-write; never a blob (a blob appears only by rename).
    for (const f of readdirSync(dir)) if (f.includes('.tmp-')) rmSync(join(dir, f), { force: true });
  }

  get encrypted(): boolean {
    return this.#keys !== undefined;
  }

  #fileOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw KeruenError.usage(`"${sha256.slice(0, 70)}" is not a sha256 (64 lowercase hex characters)`);
    // Encrypted: a keyed hash, so a seized folder cannot confirm that it holds a known photo.
    return join(this.dir, this.#keys === undefined ? sha256 : bytesToHex(hmac(sha256Noble, this.#keys.name, hexToBytes(sha256))));
  }

  /**
   * The file of a plain blob, for callers that stream it themselves. An encrypted folder's files
   * hold ciphertext: there this throws, and callers use `read` or `stream` (which work for both).
   */
  pathOf(sha256: string): string {
    const path = this.#fileOf(sha256);
    if (this.#keys !== undefined) throw new KeruenError('internal', 'this blob folder is encrypted: read blobs with BlobStore.read or BlobStore.stream, not from the file');
    return path;
  }

  async #header(path: string, sha256: string): Promise<SealedHeader | undefined> {
    const keys = this.#keys as BlobKeys;
    let fh;
    try {
      fh = await open(path, 'r');
    } catch {
      return undefined;
    }
    try {
      const buf = new Uint8Array(ENCRYPTED_HEADER_BYTES);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      const st = await fh.stat();
      const fileNonce = buf.slice(0, FILE_NONCE_BYTES);
      let head: Uint8Array;
      try {
        if (bytesRead < ENCRYPTED_HEADER_BYTES) throw new Error('short');
        head = xchacha20poly1305(keys.seal, chunkNonce(fileNonce, HEADER_INDEX), HEADER_AAD).decrypt(buf.subarray(FILE_NONCE_BYTES));
      } catch {
        throw new KeruenError('io', `blob ${sha256} is damaged (its header does not open)`);
      }
      const view = new DataView(head.buffer, head.byteOffset);
      const size = Number(view.getBigUint64(32));
      if (bytesToHex(head.subarray(0, 32)) !== sha256 || st.size !== encryptedSize(size)) throw new KeruenError('io', `blob ${sha256} is damaged (its file is not the blob it names)`);
      return { fileNonce, size, uploaded: Number(view.getBigUint64(40)), head: head.slice(48, 48 + Math.min(16, size)) };
    } finally {
      await fh.close();
    }
  }

  async stat(sha256: string): Promise<BlobInfo | undefined> {
    const path = this.#fileOf(sha256);
    if (this.#keys !== undefined) {
      const h = await this.#header(path, sha256);
      return h && { sha256, size: h.size, type: sniffType(h.head), uploaded: h.uploaded };
    }
    let st;
    try {
      st = await stat(path);
    } catch {
      return undefined;
    }
    const fh = await open(path, 'r');
    try {
      const head = new Uint8Array(16);
      const { bytesRead } = await fh.read(head, 0, 16, 0);
      return { sha256, size: st.size, type: sniffType(head.subarray(0, bytesRead)), uploaded: Math.floor(st.mtimeMs / 1000) };
    } finally {
      await fh.close();
    }
  }

  /**
   * The blob's bytes from `start` to `end` (inclusive; default: all), in pieces. Encrypted
   * blobs open only the chunks the range touches, and every chunk is checked.
   */
  async *chunks(sha256: string, range: { start?: number; end?: number } = {}): AsyncGenerator<Uint8Array> {
    const path = this.#fileOf(sha256);
    const info = this.#keys !== undefined ? await this.#header(path, sha256) : await this.stat(sha256);
    if (info === undefined) throw KeruenError.notFound(`blob ${sha256}`);
    const start = Math.max(0, range.start ?? 0);
    const end = Math.min(info.size - 1, range.end ?? info.size - 1);
    if (end < start) return;
    const fh = await open(path, 'r');
    try {
      if (this.#keys === undefined) {
        for (let at = start; at <= end; at += CHUNK_BYTES) {
          const buf = new Uint8Array(Math.min(CHUNK_BYTES, end - at + 1));
          const { bytesRead } = await fh.read(buf, 0, buf.length, at);
          if (bytesRead < buf.length) throw new KeruenError('io', `blob ${sha256} is shorter than it was`);
          yield buf;
        }
        return;
      }
      const fileNonce = (info as SealedHeader).fileNonce;
      const aad = hexToBytes(sha256);
      for (let i = Math.floor(start / CHUNK_BYTES); i <= Math.floor(end / CHUNK_BYTES); i++) {
        const plainLen = Math.min(CHUNK_BYTES, info.size - i * CHUNK_BYTES);
        const buf = new Uint8Array(plainLen + TAG_BYTES);
        await fh.read(buf, 0, buf.length, ENCRYPTED_HEADER_BYTES + i * (CHUNK_BYTES + TAG_BYTES));
        let plain: Uint8Array;
        try {
          plain = xchacha20poly1305(this.#keys.seal, chunkNonce(fileNonce, BigInt(i)), aad).decrypt(buf);
        } catch {
          throw new KeruenError('io', `blob ${sha256} is damaged (chunk ${i} does not open)`);
        }
        const from = Math.max(start - i * CHUNK_BYTES, 0);
        const to = Math.min(end - i * CHUNK_BYTES + 1, plainLen);
        yield plain.subarray(from, to);
      }
    } finally {
      await fh.close();
    }
  }

  /** A byte stream of the blob (or of the range, inclusive), for HTTP answers and uploads. */
  stream(sha256: string, range: { start?: number; end?: number } = {}): Readable {
    return Readable.from(this.chunks(sha256, range), { objectMode: false });
  }

  /** The whole blob in memory. */
  async read(sha256: string): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    for await (const c of this.chunks(sha256)) parts.push(c);
    return Buffer.concat(parts);
  }

  /**
   * Stores `bytes` under their sha256: written to a temporary file, fsynced, renamed, and the
   * folder fsynced, so after a crash a blob is either whole or absent.
   */
  async put(bytes: Uint8Array): Promise<BlobInfo> {
    const sha256 = sha256Hex(bytes);
    const existing = await this.stat(sha256);
    if (existing !== undefined) return existing;
    const path = this.#fileOf(sha256);
    const tmp = `${path}.tmp-${randomBytes(6).toString('hex')}`;
    try {
      const fh = await open(tmp, 'wx', 0o600);
      try {
        await fh.writeFile(this.#keys === undefined ? bytes : sealBlob(this.#keys, bytes, sha256, Math.floor(Date.now() / 1000)));
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, path);
      await fsyncPath(this.dir);
    } catch (e) {
      await rm(tmp, { force: true });
      throw new KeruenError('io', `cannot store blob ${sha256}: ${(e as Error).message}`);
    }
    const info = await this.stat(sha256);
    if (info === undefined) throw new KeruenError('io', `blob ${sha256} vanished right after it was stored`);
    return info;
  }
}
