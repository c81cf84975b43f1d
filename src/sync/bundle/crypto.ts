/**
 * Encrypted bundles (docs/bundles.md): the plain bundle stream, cut into slots of equal size,
 * each sealed on its own with XChaCha20-Poly1305 under a random 24-byte nonce, so a cut or
 * damaged stick still opens slot by slot. The key comes from an ephemeral secp256k1 key and
 * the recipient's public key (NIP-44's conversation key: ECDH + HKDF), then HKDF again with
 * the ephemeral key as salt. No header, no magic: the file is 32 bytes of ephemeral key, then
 * random-looking slots, then random padding of random length, so a seized file shows its size
 * and nothing else. Library primitives only (nostr-tools, @noble/*).
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { getPublicKey } from 'nostr-tools/pure';
import { v2 as nip44 } from 'nostr-tools/nip44';
import type { Damage } from './format.ts';
import { bytesToHex, hexToBytes } from './payloads.ts';

export const EPHEMERAL_BYTES = 32;
export const SLOT_BYTES = 64 * 1024;
const NONCE_BYTES = 24;
const TAG_BYTES = 16;
/** Plain bytes per slot. */
export const SLOT_PLAIN = SLOT_BYTES - NONCE_BYTES - TAG_BYTES;
const INFO = new TextEncoder().encode('keruen-bundle-v1 slots');

/** The slot key, from our secret key and the other side's x-only public key (hex). */
export function slotKey(secretKey: Uint8Array, otherPubkey: string, ephemeralPub: Uint8Array): Uint8Array {
  const conversation = nip44.utils.getConversationKey(secretKey, otherPubkey);
  return hkdf(sha256, conversation, ephemeralPub, INFO, 32);
}

/** Where plain-stream offset `p` lies in the encrypted file. */
export function fileOffsetOf(p: number): number {
  return EPHEMERAL_BYTES + Math.floor(p / SLOT_PLAIN) * SLOT_BYTES + NONCE_BYTES + (p % SLOT_PLAIN);
}

export class SlotSealer {
  readonly #key: Uint8Array;
  readonly header: Uint8Array;
  #buf = new Uint8Array(SLOT_PLAIN);
  #fill = 0;

  /** `recipient`: x-only public key, hex. */
  constructor(recipient: string) {
    const ephemeral = randomBytes(32);
    this.header = hexToBytes32(getPublicKey(ephemeral));
    this.#key = slotKey(ephemeral, recipient, this.header);
    ephemeral.fill(0);
  }

  /** Sealed slots for the plain bytes given so far (whole slots only). */
  push(plain: Uint8Array): Uint8Array[] {
    const out: Uint8Array[] = [];
    let at = 0;
    while (at < plain.length) {
      const n = Math.min(SLOT_PLAIN - this.#fill, plain.length - at);
      this.#buf.set(plain.subarray(at, at + n), this.#fill);
      this.#fill += n;
      at += n;
      if (this.#fill === SLOT_PLAIN) out.push(this.#seal());
    }
    return out;
  }

  /** The last slot (zero-padded; zeros hold no frame) and random padding of random length. */
  end(): Uint8Array[] {
    const out = this.#fill > 0 ? [this.#seal()] : [];
    const pad = new DataView(randomBytes(4).buffer).getUint32(0) % (SLOT_BYTES - 1);
    out.push(randomBytes(pad));
    this.#key.fill(0);
    return out;
  }

  #seal(): Uint8Array {
    this.#buf.fill(0, this.#fill);
    const nonce = randomBytes(NONCE_BYTES);
    const slot = new Uint8Array(SLOT_BYTES);
    slot.set(nonce, 0);
    slot.set(xchacha20poly1305(this.#key, nonce).encrypt(this.#buf), NONCE_BYTES);
    this.#fill = 0;
    return slot;
  }
}

function hexToBytes32(hex: string): Uint8Array {
  const out = new Uint8Array(32);
  hexToBytes(hex, out, 0);
  return out;
}

function openSlot(key: Uint8Array, slot: Uint8Array): Uint8Array | undefined {
  try {
    return xchacha20poly1305(key, slot.subarray(0, NONCE_BYTES)).decrypt(slot.subarray(NONCE_BYTES));
  } catch {
    return undefined;
  }
}

/**
 * The key that opens this file for one of `secretKeys`, tried on the first slots (the first
 * may be damaged), or undefined: not an encrypted bundle, or not for us.
 */
export function findSlotKey(head: Uint8Array, secretKeys: readonly Uint8Array[], slotsToTry = 4): Uint8Array | undefined {
  if (head.length < EPHEMERAL_BYTES + SLOT_BYTES) return undefined;
  const ephemeralPub = head.subarray(0, EPHEMERAL_BYTES);
  for (const sk of secretKeys) {
    let key: Uint8Array;
    try {
      key = slotKey(sk, bytesToHex(ephemeralPub), ephemeralPub);
    } catch {
      return undefined; // not a point on the curve: not an encrypted bundle
    }
    for (let i = 0; i < slotsToTry; i++) {
      const at = EPHEMERAL_BYTES + i * SLOT_BYTES;
      if (at + SLOT_BYTES > head.length) break;
      if (openSlot(key, head.subarray(at, at + SLOT_BYTES)) !== undefined) return key;
    }
  }
  return undefined;
}

/**
 * Opens an encrypted file fed in chunks: each slot that authenticates gives its plain bytes;
 * one that does not gives zeros of the same length (so offsets stay aligned) and a damage note.
 */
export class SlotOpener {
  readonly #key: Uint8Array;
  #pending: Uint8Array[] = [];
  #pendingBytes = 0;
  /** File offset of the next byte to read; the ephemeral key is skipped. */
  #offset = 0;
  #skip = EPHEMERAL_BYTES;

  constructor(key: Uint8Array) {
    this.#key = key;
  }

  push(chunk: Uint8Array): { plain: Uint8Array[]; damage: Damage[] } {
    let c = chunk;
    if (this.#skip > 0) {
      const n = Math.min(this.#skip, c.length);
      this.#skip -= n;
      this.#offset += n;
      c = c.subarray(n);
    }
    this.#pending.push(c);
    this.#pendingBytes += c.length;
    const out = { plain: [] as Uint8Array[], damage: [] as Damage[] };
    if (this.#pendingBytes < SLOT_BYTES) return out;
    const all = concat(this.#pending, this.#pendingBytes);
    let at = 0;
    for (; at + SLOT_BYTES <= all.length; at += SLOT_BYTES) {
      const plain = openSlot(this.#key, all.subarray(at, at + SLOT_BYTES));
      if (plain === undefined) out.damage.push({ kind: 'damage', offset: this.#offset, end: this.#offset + SLOT_BYTES, reason: 'encrypted slot does not authenticate (damaged)' });
      out.plain.push(plain ?? new Uint8Array(SLOT_PLAIN));
      this.#offset += SLOT_BYTES;
    }
    this.#pending = [all.subarray(at)];
    this.#pendingBytes = all.length - at;
    return out;
  }

  /** What is left is shorter than a slot: the random padding, or a slot cut short. */
  end(): Damage[] {
    if (this.#pendingBytes === 0) return [];
    return [{ kind: 'damage', offset: this.#offset, end: this.#offset + this.#pendingBytes, reason: `last ${this.#pendingBytes} bytes are not a whole encrypted slot (the random padding, or the file was cut short)` }];
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
