/** Branded identifiers: a hex string of the wrong kind does not type-check. */
export type EventId = string & { readonly __brand: 'EventId' };
export type PublicKey = string & { readonly __brand: 'PublicKey' };
export type BlobHash = string & { readonly __brand: 'BlobHash' };

const HEX64 = /^[0-9a-f]{64}$/;

export function isHex64(s: unknown): boolean {
  return typeof s === 'string' && HEX64.test(s);
}
export function asEventId(s: string): EventId {
  if (!isHex64(s)) throw new TypeError(`not an event id: ${s.slice(0, 20)}`);
  return s as EventId;
}
export function asPublicKey(s: string): PublicKey {
  if (!isHex64(s)) throw new TypeError(`not a public key: ${s.slice(0, 20)}`);
  return s as PublicKey;
}
export function asBlobHash(s: string): BlobHash {
  if (!isHex64(s)) throw new TypeError(`not a sha256 hash: ${s.slice(0, 20)}`);
  return s as BlobHash;
}
