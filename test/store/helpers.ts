/** Small helpers to make real, signed events in store tests. */
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { signEvent, type VerifiedEvent } from '../../src/core/event.ts';

export interface Author {
  sk: Uint8Array;
  pubkey: string;
  sign(kind: number, createdAt: number, tags?: string[][], content?: string): VerifiedEvent;
}

export function author(): Author {
  const sk = generateSecretKey();
  return {
    sk,
    pubkey: getPublicKey(sk),
    sign: (kind, createdAt, tags = [], content = '') => signEvent({ kind, created_at: createdAt, tags, content }, sk),
  };
}

/** A testimony-shaped record (kind 4861) whose searchable text is `text`. */
export function testimony(a: Author, text: string, createdAt = 1_641_340_800): VerifiedEvent {
  const content = { lang: 'en', text, witness: { description: 'a resident', firsthand: true } };
  return a.sign(4861, createdAt, [], JSON.stringify(content));
}
