/** The sample archive shipped with Keruen (made by hand from the accounts in shared/seeds). */
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';

export const SAMPLE_ARCHIVE = fileURLToPath(new URL('../../samples/kazakhstan-2022-01/archive.jsonl', import.meta.url));

export function sampleArchivePath(): string | undefined {
  return existsSync(SAMPLE_ARCHIVE) ? SAMPLE_ARCHIVE : undefined;
}
