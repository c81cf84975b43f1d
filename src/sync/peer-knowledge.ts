/**
 * What this node knows another holds, learnt from bundles it imported from that peer and from
 * bundles it made for it: 16-byte id prefixes, one file per peer, `<data>/peers/<name>.known`,
 * sorted raw bytes. `bundle create --for NAME` leaves out what the peer is known to hold.
 * A prefix of 16 bytes makes a false "it has this" astronomically unlikely.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { KeruenError } from '../core/errors.ts';
import { bytesToHex, encodeHexList, PREFIX_BYTES } from './bundle/payloads.ts';

export const PREFIX_HEX = PREFIX_BYTES * 2;

/** Peer names become file names: letters, digits, "-", "_", "." (an npub fits). */
export function checkPeerName(name: string): string {
  if (!/^[\p{L}\p{N}_-][\p{L}\p{N}_.-]{0,99}$/u.test(name)) throw KeruenError.usage(`"${name}" is not a usable peer name: letters, digits, "-", "_" and "." only, up to 100`);
  return name;
}

export class PeerKnowledge {
  readonly #dir: string;

  constructor(dataRoot: string) {
    this.#dir = join(dataRoot, 'peers');
  }

  #path(name: string): string {
    return join(this.#dir, `${checkPeerName(name)}.known`);
  }

  has(name: string): boolean {
    return existsSync(this.#path(name));
  }

  /** Hex prefixes the peer is known to hold (empty if nothing is known). */
  load(name: string): Set<string> {
    const path = this.#path(name);
    if (!existsSync(path)) return new Set();
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (e) {
      throw new KeruenError('io', `cannot read ${path}: ${(e as Error).message}`);
    }
    const out = new Set<string>();
    // A torn last entry (a crash mid-write cannot cause one: writes are renamed into place) is ignored.
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
    const path = this.#path(name);
    try {
      writeFileSync(`${path}.tmp`, encodeHexList([...known].sort(), PREFIX_BYTES), { mode: 0o600 });
      renameSync(`${path}.tmp`, path);
    } catch (e) {
      throw new KeruenError('io', `cannot write ${path}: ${(e as Error).message}`);
    }
    return known.size - before;
  }
}
