/**
 * The node's blob store (Blossom, BUD-01/02): each blob is a file `<data>/blobs/<sha256>`, named
 * by the hash of its bytes, so a blob can be checked by anyone who holds it and two copies are
 * one file. Types are read from the bytes (magic numbers), never taken from the uploader, so a
 * blob cannot pose as a page or a script of the node's own origin.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { KeruenError } from '../core/errors.ts';

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

export class BlobStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // Left by a crash mid-write; never a blob (a blob appears only by rename).
    for (const f of readdirSync(dir)) if (f.includes('.tmp-')) rmSync(join(dir, f), { force: true });
  }

  pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw KeruenError.usage(`"${sha256.slice(0, 70)}" is not a sha256 (64 lowercase hex characters)`);
    return join(this.dir, sha256);
  }

  async stat(sha256: string): Promise<BlobInfo | undefined> {
    const path = this.pathOf(sha256);
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
   * Stores `bytes` under their sha256: written to a temporary file, fsynced, renamed, and the
   * folder fsynced, so after a crash a blob is either whole or absent.
   */
  async put(bytes: Uint8Array): Promise<BlobInfo> {
    const sha256 = sha256Hex(bytes);
    const existing = await this.stat(sha256);
    if (existing !== undefined) return existing;
    const path = this.pathOf(sha256);
    const tmp = `${path}.tmp-${randomBytes(6).toString('hex')}`;
    try {
      const fh = await open(tmp, 'wx', 0o600);
      try {
        await fh.writeFile(bytes);
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
