/** Small builders for tests: real keys, real signatures. */
import { generateSecretKey } from 'nostr-tools/pure';
import { signEvent, type VerifiedEvent } from '../../src/core/event.ts';
import { buildRecord, type Ref } from '../../src/core/records.ts';

export function newKey(): Uint8Array {
  return generateSecretKey();
}

export function record(sk: Uint8Array, kind: number, content: unknown, refs: Ref[] = [], createdAt = 1_641_600_000): VerifiedEvent {
  return signEvent(buildRecord(kind, content, refs, createdAt), sk);
}
