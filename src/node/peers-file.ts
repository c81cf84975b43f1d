/**
 * `<data>/peers.json`: the peers this node syncs with on its own (by address) and the node keys
 * it accepts (from LAN discovery, or connecting to it). Written by `keruen peers ...`, read by a
 * running node at every round, so a change takes effect without a restart. A damaged file is an
 * error that names the file: resetting it would silently cut the node off from its circle.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { KeruenError } from '../core/errors.ts';
import { describeZodError } from '../core/event.ts';
import type { PublicKey } from '../core/ids.ts';
import { fileKeyFor } from './lock.ts';
import { readSealedText, writeSealed } from './sealed-file.ts';

const hexKey = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters');
const relayUrl = z
  .string()
  .max(2000)
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === 'ws:' || u.protocol === 'wss:') && u.username === '' && u.password === '';
    } catch {
      return false;
    }
  }, 'must be a ws:// or wss:// address');
const peerName = z.string().min(1).max(64).regex(/^[^\s/]+$/, 'no spaces or slashes');

const fileSchema = z
  .object({
    version: z.literal(1),
    peers: z.array(z.object({ name: peerName, url: relayUrl, key: hexKey.optional() }).strict()).max(1000),
    accepted: z.array(z.object({ key: hexKey, name: z.string().max(64).optional(), added: z.string().max(40) }).strict()).max(10_000),
  })
  .strict();

export type PeersConfig = z.infer<typeof fileSchema>;
export type ConfiguredPeer = PeersConfig['peers'][number];
export type AcceptedKey = PeersConfig['accepted'][number];

export const PEERS_FILE = 'peers.json';

export function emptyPeers(): PeersConfig {
  return { version: 1, peers: [], accepted: [] };
}

/** Parses the file's text; a KeruenError `io` naming `path` and what is wrong otherwise. */
export function parsePeersFile(text: string, path: string): PeersConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new KeruenError('io', `${path} is damaged (not JSON: ${(e as Error).message.slice(0, 100)}); fix it or move it away (its peers and accepted keys would be lost)`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) throw new KeruenError('io', `${path} is damaged (${describeZodError(parsed.error)}); fix it or move it away (its peers and accepted keys would be lost)`);
  return parsed.data;
}

/** A name for a peer from its address: `192.168.1.20:7777`. */
export function defaultPeerName(url: string): string {
  return new URL(url).host.replace(/[[\]]/g, '');
}

export class PeersFile {
  readonly path: string;
  #cache: { stamp: string; config: PeersConfig } | undefined;

  constructor(path: string) {
    this.path = path;
  }

  /** The current config; re-read only when the file changed (a running node asks often). */
  read(): PeersConfig {
    if (!existsSync(this.path)) return emptyPeers();
    let stamp: string;
    try {
      const s = statSync(this.path);
      stamp = `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch (e) {
      throw new KeruenError('io', `cannot read ${this.path}: ${(e as Error).message}`);
    }
    if (this.#cache?.stamp === stamp) return this.#cache.config;
    // Sealed under the folder's key when the data folder is encrypted (lock.ts).
    const text = readSealedText(this.path, fileKeyFor(dirname(this.path)));
    const config = parsePeersFile(text, this.path);
    this.#cache = { stamp, config };
    return config;
  }

  #write(config: PeersConfig): void {
    const checked = fileSchema.parse(config);
    writeSealed(this.path, `${JSON.stringify(checked, null, 2)}\n`, fileKeyFor(dirname(this.path)));
    this.#cache = undefined;
  }

  add(url: string, name?: string, key?: PublicKey): ConfiguredPeer {
    const u = relayUrl.safeParse(url);
    if (!u.success) throw KeruenError.usage(`"${url.slice(0, 100)}" is not a relay address: it must start with ws:// or wss://, like ws://192.168.1.20:7777`);
    const peer: ConfiguredPeer = { name: name ?? defaultPeerName(url), url: new URL(url).href, ...(key !== undefined ? { key } : {}) };
    if (!peerName.safeParse(peer.name).success) throw KeruenError.usage(`"${peer.name.slice(0, 80)}" is not a peer name: 1 to 64 characters, no spaces or slashes`);
    const config = this.read();
    if (config.peers.some((p) => p.name === peer.name)) throw KeruenError.usage(`a peer named "${peer.name}" exists already: give another --name, or remove it first`);
    if (config.peers.some((p) => p.url === peer.url)) throw KeruenError.usage(`${peer.url} is a peer already`);
    this.#write({ ...config, peers: [...config.peers, peer] });
    return peer;
  }

  /** Removes by name or address; `not_found` when neither matches. */
  remove(nameOrUrl: string): ConfiguredPeer {
    const config = this.read();
    let href: string | undefined;
    try {
      href = new URL(nameOrUrl).href;
    } catch {
      href = undefined;
    }
    const found = config.peers.find((p) => p.name === nameOrUrl || p.url === nameOrUrl || p.url === href);
    if (found === undefined) throw KeruenError.notFound(`peer "${nameOrUrl.slice(0, 100)}"`);
    this.#write({ ...config, peers: config.peers.filter((p) => p !== found) });
    return found;
  }

  /** Idempotent: accepting a key twice keeps one entry (the name is updated if given). */
  accept(key: PublicKey, name?: string): AcceptedKey {
    const config = this.read();
    const entry: AcceptedKey = { key, ...(name !== undefined ? { name: name.slice(0, 64) } : {}), added: new Date().toISOString() };
    const others = config.accepted.filter((a) => a.key !== key);
    const old = config.accepted.find((a) => a.key === key);
    const kept = old !== undefined ? { ...old, ...(name !== undefined ? { name: name.slice(0, 64) } : {}) } : entry;
    this.#write({ ...config, accepted: [...others, kept] });
    return kept;
  }

  forget(key: PublicKey): void {
    const config = this.read();
    if (!config.accepted.some((a) => a.key === key)) throw KeruenError.notFound(`accepted key ${key.slice(0, 16)}...`);
    this.#write({ ...config, accepted: config.accepted.filter((a) => a.key !== key) });
  }

  isAccepted(key: string): boolean {
    return this.read().accepted.some((a) => a.key === key);
  }
}
