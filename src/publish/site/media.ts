/**
 * Copies into the site the images its media descriptors (kind 1063) name, read through the
 * node's blob store (an encrypted folder decrypts on the way out). Only images (the node shares
 * photos re-encoded, without metadata), only when the bytes hash to the descriptor's `x`: a blob
 * that does not is left out rather than published under a signature it does not match.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { join } from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { VerifiedEvent } from '../../core/event.ts';
import { Kind } from '../../core/kinds.ts';
import type { BlobStore } from '../../node/blobs.ts';

const IMAGE_TYPES: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif', 'image/avif': 'avif' };

/** Descriptor id → file name under `media/`, for every image copied. */
export async function copyMedia(records: readonly VerifiedEvent[], blobs: BlobStore, outDir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of records) {
    if (e.kind !== Kind.MediaDescriptor) continue;
    const x = e.tags.find((t) => t[0] === 'x')?.[1];
    const ext = IMAGE_TYPES[(e.tags.find((t) => t[0] === 'm')?.[1] ?? '').split(';')[0]?.trim() ?? ''];
    if (x === undefined || !/^[0-9a-f]{64}$/.test(x) || ext === undefined || (await blobs.stat(x)) === undefined) continue;
    const name = `${x}.${ext}`;
    if ([...out.values()].includes(name)) {
      out.set(e.id, name);
      continue;
    }
    await mkdir(join(outDir, 'media'), { recursive: true });
    const file = join(outDir, 'media', name);
    const hash = sha256.create();
    const sink = createWriteStream(file);
    for await (const chunk of blobs.chunks(x)) {
      hash.update(chunk);
      if (!sink.write(chunk)) await once(sink, 'drain');
    }
    sink.end();
    await once(sink, 'finish');
    if (bytesToHex(hash.digest()) !== x) {
      await rm(file, { force: true });
      continue;
    }
    out.set(e.id, name);
  }
  return out;
}
