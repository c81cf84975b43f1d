/**
 * What this node knows another holds, learnt from bundles it imported from that peer and from
 * bundles it made for it: 16-byte id prefixes, one file per peer, `<data>/peers/<name>.known`,
 * sorted raw bytes. `bundle create --for NAME` leaves out what the peer is known to hold.
 * A prefix of 16 bytes makes a false "it has this" astronomically unlikely. In an encrypted
 * data folder the file is sealed and named by a keyed hash of the name, so a seized folder
 * says neither whom the node exchanged with nor what.
 */
import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { KeruenError } from '../core/errors.ts';
import { fileKeyFor } from '../node/lock.ts';
import { readSealed, writeSealed } from '../node/sealed-file.ts';
import { bytesToHex, encodeHexList, PREFIX_BYTES } from './bundle/payloads.ts';

export const PREFIX_HEX = PREFIX_BYTES * 2;

/** Peer names become file names: letters, digits, "-", "_", "." (an npub fits). */
export function checkPeerName(name: string): string {
  if (!/^[\p{L}\p{N}_-][\p{L}\p{N}_.-]{0,99}$/u.test(name)) throw KeruenError.usage(`"${name}" is not a usable peer name: letters, digits, "-", "_" and "." only, up to 100`);
  return name;
}

export class PeerKnowledge {
  readonly #dir: string;
  readonly #root: string;

  constructor(dataRoot: string) {
    this.#root = dataRoot;
    this.#dir = join(dataRoot, 'peers');
  }

  #path(name: string): string {
    checkPeerName(name);
    const key = fileKeyFor(this.#root);
    const file = key === undefined ? name : bytesToHex(hmac(sha256, key, new TextEncoder().encode(`peer-knowledge:${name}`)));
    return join(this.#dir, `${file}.known`);
  }

  has(name: string): boolean {
    return existsSync(this.#path(name));
  }

  /** Hex prefixes the peer is known to hold (empty if nothing is known). */
  load(name: string): Set<string> {
    const path = this.#path(name);
    if (!existsSync(path)) return new Set();
    const bytes = readSealed(path, fileKeyFor(this.#root));
    const out = new Set<string>();
    // Written whole and renamed into place; a stray partial entry (a foreign file) is ignored.
    for (let at = 0; at + PREFIX_BYTES <= bytes.length; at += PREFIX_BYTES) out.add(bytesToHex(bytes.subarray(at, at + PREFIX_BYTES)));
    return out;
  }

  /** Adds record ids or prefixes (hex, at least 32 characters) to what the peer holds. */
  add(name: string, idsOrPrefixes: Iterable<string>): number {
    const known = this.load(name);
    const before = known.size;
    for (const s of idsOrPrefixes) if (/^[0-9a-f]{32}/.test(s)) known.add(s.slice(0, PREFIX_HEX));
    if (known.size === before && this.has(name)) return 0;
    mkdirSync(this.#dir, { recursive: true, mode: 0o700 });
    writeSealed(this.#path(name), encodeHexList([...known].sort(), PREFIX_BYTES), fileKeyFor(this.#root));
    return known.size - before;
  }
}
