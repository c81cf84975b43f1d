/** The sample archive shipped with Keruen (made by hand from the accounts in shared/seeds). */
import { fileURLToPath } from 'node:url';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BlobStore } from './blobs.ts';

export const SAMPLE_ARCHIVE = fileURLToPath(new URL('../../samples/kazakhstan-2022-01/archive.jsonl', import.meta.url));

export function sampleArchivePath(): string | undefined {
  return existsSync(SAMPLE_ARCHIVE) ? SAMPLE_ARCHIVE : undefined;
}

const SAMPLE_SOURCES = fileURLToPath(new URL('../../samples/kazakhstan-2022-01/sources/', import.meta.url));

/**
 * The sample's source documents (the two seed articles), put in the blob store so their records'
 * sha256 name text the node can serve: the review page and citations need the words, not just the hash.
 */
export async function storeSampleSources(blobs: BlobStore): Promise<number> {
  if (!existsSync(SAMPLE_SOURCES)) return 0;
  let stored = 0;
  for (const name of readdirSync(SAMPLE_SOURCES).filter((n) => n.endsWith('.txt'))) {
    await blobs.put(readFileSync(join(SAMPLE_SOURCES, name)));
    stored++;
  }
  return stored;
}
