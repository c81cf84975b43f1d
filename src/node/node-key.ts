/**
 * The node's device key and the two ways it is proven to another node.
 *
 * The key is this device's, not an author's: authors' keys stay passphrase-encrypted and are not
 * unlocked by `keruen start`, while a node must sign unattended. It is kept in clear (0600) in
 * `<data>/node-key`, so whoever seizes the device learns it: it links the device to the nodes
 * that accepted it, never to the records' authors (docs/lan.md).
 *
 * - The connecting node signs a NIP-98 HTTP Auth event (kind 27235, `u` and `method` tags) and
 *   sends it as `Authorization: Nostr <base64>` on the WebSocket upgrade. We add a `p` tag with
 *   the server's node key so that a header seen on the LAN cannot be used at another node.
 * - The connecting node checks the server's key with a fresh challenge:
 *   `GET /.well-known/keruen/node?challenge=<hex>` is answered by an event of kind 27778
 *   (ephemeral: no relay keeps it) signed by the server's node key, carrying the challenge.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import * as nip19 from 'nostr-tools/nip19';
import { KeruenError } from '../core/errors.ts';
import { nowSeconds, signEvent, verifyWireEvent, type VerifiedEvent } from '../core/event.ts';
import { asPublicKey, type PublicKey } from '../core/ids.ts';
import { fileKeyFor } from './lock.ts';
import { readSealedText, seal } from './sealed-file.ts';

export const NODE_KEY_FILE = 'node-key';
/** NIP-98 HTTP Auth. */
export const HTTP_AUTH_KIND = 27235;
/** A node's answer to a challenge (Keruen's own; in NIP-01's ephemeral range). */
export const NODE_PROOF_KIND = 27778;
export const NODE_PROOF_PATH = '/.well-known/keruen/node';
/** NIP-98's suggested window, both ways (clocks on a LAN without internet drift). */
export const AUTH_WINDOW_SECONDS = 60;
/** A NIP-98 event is a few hundred bytes; anything much longer is not one. */
const MAX_AUTH_HEADER = 4096;
const CHALLENGE = /^[0-9a-f]{32,128}$/;

export class NodeKey {
  readonly pubkey: PublicKey;
  readonly #secret: Uint8Array;

  constructor(secret: Uint8Array) {
    this.#secret = secret;
    this.pubkey = asPublicKey(getPublicKey(secret));
  }

  get npub(): string {
    return nip19.npubEncode(this.pubkey);
  }

  sign(kind: number, tags: string[][], content = ''): VerifiedEvent {
    return signEvent({ kind, created_at: nowSeconds(), tags, content }, this.#secret);
  }
}

/** Reads `<dataDir>/node-key`, making it on first use. A damaged file is an error, never replaced. */
export function loadOrCreateNodeKey(dataDir: string): NodeKey {
  const path = join(dataDir, NODE_KEY_FILE);
  // An encrypted folder (lock.ts) keeps the key sealed under the folder's key.
  const sealKey = fileKeyFor(dataDir);
  if (!existsSync(path)) {
    const secret = generateSecretKey();
    try {
      // wx: two processes starting at once must not overwrite each other's key.
      const fd = openSync(path, 'wx', 0o600);
      try {
        const text = `${Buffer.from(secret).toString('hex')}\n`;
        writeSync(fd, sealKey !== undefined ? seal(path, new TextEncoder().encode(text), sealKey) : new TextEncoder().encode(text));
      } finally {
        closeSync(fd);
      }
      return new NodeKey(secret);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new KeruenError('io', `cannot write the node key ${path}: ${(e as Error).message}`);
    }
  }
  let text: string;
  try {
    text = readSealedText(path, sealKey).trim();
  } catch (e) {
    throw new KeruenError('io', `cannot read the node key ${path}: ${(e as Error).message}`);
  }
  if (!/^[0-9a-f]{64}$/.test(text)) {
    throw new KeruenError('io', `${path} is damaged (not 64 hex characters); move it away to make a new node key, which peers will have to accept again`);
  }
  return new NodeKey(Uint8Array.from(Buffer.from(text, 'hex')));
}

/** `npub1...` or 64 hex characters → a public key; anything else is a usage error. */
export function parsePeerKey(input: string): PublicKey {
  const s = input.trim().toLowerCase();
  if (/^[0-9a-f]{64}$/.test(s)) return asPublicKey(s);
  if (s.startsWith('npub1')) {
    try {
      const d = nip19.decode(s);
      if (d.type === 'npub') return asPublicKey(d.data);
    } catch {
      // fall through to the usage error
    }
  }
  throw KeruenError.usage(`"${input.slice(0, 80)}" is not a node key: give an npub1... code or 64 hex characters (\`keruen peers whoami\` prints it)`);
}

export function npubOf(key: PublicKey | string): string {
  return nip19.npubEncode(key);
}

/** The URL a NIP-98 `u` tag names for a relay upgrade: `ws://host:port/path`, normalised. */
export function upgradeUrl(relayUrl: string): string {
  return new URL(relayUrl).href;
}

/** `Authorization` header for opening `relayUrl`, signed by our node key, for the node `serverKey`. */
export function upgradeAuthHeader(key: NodeKey, relayUrl: string, serverKey: PublicKey | undefined): string {
  const tags = [
    ['u', upgradeUrl(relayUrl)],
    ['method', 'GET'],
    ...(serverKey !== undefined ? [['p', serverKey]] : []),
  ];
  return `Nostr ${Buffer.from(JSON.stringify(key.sign(HTTP_AUTH_KIND, tags))).toString('base64')}`;
}

const unauthorized = (why: string) => new KeruenError('unauthorized', `peer authorization refused: ${why}`);

/** `Nostr <base64 event>` → a verified event (signature and id checked). Throws `unauthorized`. */
export function parseAuthHeader(header: string | undefined): VerifiedEvent {
  if (header === undefined) throw unauthorized('no Authorization header');
  if (header.length > MAX_AUTH_HEADER) throw unauthorized(`the Authorization header is over ${MAX_AUTH_HEADER} characters`);
  const m = /^Nostr\s+([A-Za-z0-9+/_-]+={0,2})\s*$/.exec(header);
  if (m === null) throw unauthorized('the Authorization header must be "Nostr <base64 event>"');
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(m[1] as string, 'base64').toString('utf8'));
  } catch {
    throw unauthorized('the Authorization header does not hold a JSON event');
  }
  try {
    return verifyWireEvent(raw, { maxEventBytes: MAX_AUTH_HEADER });
  } catch (e) {
    throw unauthorized(`the authorization event is not a valid signed Nostr event (${e instanceof KeruenError ? e.message : 'malformed'})`);
  }
}

const tagValue = (e: VerifiedEvent, name: string): string | undefined => e.tags.find((t) => t[0] === name)?.[1];

export interface UpgradeAuthCheck {
  /** The URL of this request as the server saw it (scheme, Host header, path and query). */
  urls: readonly string[];
  ownKey: PublicKey;
  isAccepted: (key: PublicKey) => boolean;
  now?: number;
}

/**
 * NIP-98's four checks and ours: signature, kind 27235, created_at within 60 s either way,
 * `u` equal to this request's URL, method GET, `p` naming this node, key accepted. A header
 * replayed to this same node within the window passes (NIP-98 has no nonce): docs/lan.md.
 */
export function checkUpgradeAuth(header: string | undefined, check: UpgradeAuthCheck): PublicKey {
  const event = parseAuthHeader(header);
  if (event.kind !== HTTP_AUTH_KIND) throw unauthorized(`kind ${event.kind}, not ${HTTP_AUTH_KIND}`);
  const now = check.now ?? nowSeconds();
  if (Math.abs(now - event.created_at) > AUTH_WINDOW_SECONDS) throw unauthorized(`signed ${now - event.created_at} s from now, outside ${AUTH_WINDOW_SECONDS} s: check both clocks`);
  const u = tagValue(event, 'u');
  if (u === undefined || !check.urls.includes(u)) throw unauthorized(`the u tag "${(u ?? '').slice(0, 100)}" is not this request's URL`);
  if (tagValue(event, 'method')?.toUpperCase() !== 'GET') throw unauthorized('the method tag must be GET');
  if (tagValue(event, 'p') !== check.ownKey) throw unauthorized('the p tag does not name this node');
  if (!check.isAccepted(event.pubkey)) throw new KeruenError('blocked', `node ${npubOf(event.pubkey)} is not accepted here (keruen peers accept <key>)`);
  return event.pubkey;
}

/** The URLs a request for the relay may have been signed for: ws:// and wss:// (behind a TLS tunnel). */
export function requestUrls(host: string | undefined, path: string | undefined): string[] {
  if (host === undefined || host.length > 300) return [];
  const out: string[] = [];
  for (const scheme of ['ws', 'wss']) {
    try {
      out.push(new URL(`${scheme}://${host}${path ?? '/'}`).href);
    } catch {
      // a Host header that is not a host: no URL matches
    }
  }
  return out;
}

export function newChallenge(): string {
  return randomBytes(32).toString('hex');
}

/** Our answer to `?challenge=`; `undefined` when the challenge is not 32 to 128 hex characters. */
export function answerChallenge(key: NodeKey, challenge: string | undefined): VerifiedEvent | undefined {
  if (challenge === undefined || !CHALLENGE.test(challenge)) return undefined;
  return key.sign(NODE_PROOF_KIND, [['challenge', challenge]]);
}

/** Checks an answer: valid signature, our kind, our challenge, and the expected key if we have one. */
export function checkChallengeAnswer(raw: unknown, challenge: string, expected: PublicKey | undefined): PublicKey {
  let event: VerifiedEvent;
  try {
    event = verifyWireEvent(raw, { maxEventBytes: MAX_AUTH_HEADER });
  } catch (e) {
    throw new KeruenError('blocked', `the node's proof is not a valid signed event (${e instanceof KeruenError ? e.message : 'malformed'})`);
  }
  if (event.kind !== NODE_PROOF_KIND || tagValue(event, 'challenge') !== challenge) throw new KeruenError('blocked', 'the node did not sign our challenge');
  if (expected !== undefined && event.pubkey !== expected) {
    throw new KeruenError('blocked', `key mismatch: expected node ${npubOf(expected)}, but the node at this address holds ${npubOf(event.pubkey)}`);
  }
  return event.pubkey;
}

/** `ws://h:p/x` → `http://h:p` (and wss → https): where the node's HTTP side answers. */
export function httpBaseOf(relayUrl: string): string {
  const u = new URL(relayUrl);
  return `${u.protocol === 'wss:' ? 'https:' : 'http:'}//${u.host}`;
}

/**
 * Asks the node at `relayUrl` to prove its key. `not_found` when it is not a Keruen node (a
 * plain relay); `blocked` when it answers with another key or a bad proof.
 */
export async function proveRemoteNode(relayUrl: string, expected: PublicKey | undefined, timeoutMs = 10_000): Promise<PublicKey> {
  const challenge = newChallenge();
  const url = `${httpBaseOf(relayUrl)}${NODE_PROOF_PATH}?challenge=${challenge}`;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
  } catch (e) {
    throw new KeruenError('io', `cannot reach ${url}: ${(e as Error).message}`);
  }
  if (res.status === 404) {
    await res.body?.cancel();
    throw KeruenError.notFound(`a Keruen node proof at ${url}`);
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new KeruenError('io', `${url} answered HTTP ${res.status}`);
  }
  const text = await res.text();
  if (text.length > MAX_AUTH_HEADER) throw new KeruenError('blocked', 'the node\'s proof is too long');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new KeruenError('blocked', 'the node\'s proof is not JSON');
  }
  return checkChallengeAnswer(raw, challenge, expected);
}
