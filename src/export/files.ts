/** Writing export files: never over an existing file (an export may be the only copy someone carries). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { KeruenError } from '../core/errors.ts';
import type { VerifiedEvent } from '../core/event.ts';
import { Kind } from '../core/kinds.ts';
import type { EventStore } from '../store/types.ts';

export function writeNewFile(path: string, data: string | Uint8Array): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, data, { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw KeruenError.usage(`${path} already exists: choose another name or remove it first`);
    throw new KeruenError('io', `cannot write ${path}: ${(e as Error).message}`);
  }
}

/**
 * The records an export reads: the main store (circle records are never there in clear), less
 * gift wraps, which only their recipients can open.
 */
export function exportableRecords(store: EventStore): VerifiedEvent[] {
  const out: VerifiedEvent[] = [];
  for (const e of store.iterate(1000)) if (e.kind !== Kind.GiftWrap) out.push(e);
  return out;
}
