/**
 * Media after records: the blobs that media descriptors (kind 1063: `x` = sha256, `size`) name,
 * moved over Blossom (BUD-01/02) with the peer whose relay a sync just reconciled with, smallest
 * first in both directions, so a window that closes early has moved the most photos it could.
 *
 * Pull: a GET per blob we lack, streamed to `<data>/blobs-partial/<sha256>.part`; a cut transfer
 * resumes with `Range: bytes=<have>-` (in this sync or the next). In an encrypted data folder the
 * partial bytes stay in memory instead (a clear file would undo encryption at rest), so a cut
 * resumes within the same sync only. The bytes become a blob only
 * once their sha256 is the descriptor's `x`: a peer cannot slip other bytes in.
 * Push: HEAD each blob we hold, PUT what the peer lacks with a BUD-02 authorization (kind 24242).
 * A Keruen node takes a blob from anyone when one of its descriptors names it; the authorization
 * is signed by one of our identities if the caller unlocked one, else by a throwaway key.
 */
import http from 'node:http';
import https from 'node:https';
import { mkdirSync } from 'node:fs';
import { open, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { generateSecretKey } from 'nostr-tools/pure';
import { KeruenError } from '../core/errors.ts';
import { nowSeconds, signEvent, type NostrEvent } from '../core/event.ts';
import { Kind } from '../core/kinds.ts';
import { SHA256_HEX, sha256Hex, type BlobStore } from '../node/blobs.ts';
import type { EventStore } from '../store/types.ts';

/** The node's own upload limit (src/node/api/blossom.ts): nothing larger is fetched. */
export const DEFAULT_MAX_MEDIA_BYTES = 20 * 1024 * 1024;
const AUTH_KIND = 24242;
const SIZE_TAG = /^\d{1,15}$/;

export interface MediaRef {
  sha256: string;
  /** The descriptor's `size`: an upper bound on what a peer may send for it. */
  size: number;
}

/** The blob a media descriptor names; undefined for other kinds or unusable tags. */
export function mediaRefOf(event: Pick<NostrEvent, 'kind' | 'tags'>): MediaRef | undefined {
  if (event.kind !== Kind.MediaDescriptor) return undefined;
  const x = event.tags.find((t) => t[0] === 'x')?.[1];
  const size = event.tags.find((t) => t[0] === 'size')?.[1];
  if (x === undefined || !SHA256_HEX.test(x) || size === undefined || !SIZE_TAG.test(size)) return undefined;
  return { sha256: x, size: Number(size) };
}

/**
 * The peer's HTTP origin from its relay address: a Keruen node serves Blossom at the root of the
 * address its relay listens on (ws://host:port → http://host:port).
 */
export function blossomOrigin(relayUrl: string): string {
  const url = URL.canParse(relayUrl) ? new URL(relayUrl) : undefined;
  const scheme = { 'ws:': 'http:', 'wss:': 'https:', 'http:': 'http:', 'https:': 'https:' }[url?.protocol ?? ''];
  if (url === undefined || scheme === undefined) throw KeruenError.usage(`"${relayUrl.slice(0, 200)}" is not a ws://, wss://, http:// or https:// address`);
  return `${scheme}//${url.host}`;
}

export interface ContentRange {
  start: number;
  end: number;
  /** Undefined when the server wrote `*` for the whole length. */
  size?: number;
}

/** `bytes 100-199/1000` (RFC 9110 §14.4) → its numbers; undefined for anything else. */
export function parseContentRange(header: string | undefined): ContentRange | undefined {
  const m = header === undefined ? null : /^\s*bytes\s+(\d{1,15})-(\d{1,15})\/(\d{1,15}|\*)\s*$/i.exec(header);
  if (m === null) return undefined;
  const start = Number(m[1]);
  const end = Number(m[2]);
  const size = m[3] === '*' ? undefined : Number(m[3]);
  if (end < start || (size !== undefined && end >= size)) return undefined;
  return size === undefined ? { start, end } : { start, end, size };
}

/** Why a peer refused, from its BUD-01 body (`message`) or X-Reason header: one printable line. */
export function reasonOf(status: number, headers: http.IncomingHttpHeaders, body: string): string {
  let said: unknown;
  try {
    const parsed = JSON.parse(body) as unknown;
    if (parsed !== null && typeof parsed === 'object') said = (parsed as { message?: unknown; error?: unknown }).message ?? (parsed as { error?: unknown }).error;
  } catch {
    said = undefined;
  }
  const header = headers['x-reason'];
  const text = typeof said === 'string' ? said : typeof header === 'string' ? header : '';
  const clean = text.replace(/[^\x20-\x7e\u00a0-\uffff]/g, '?').slice(0, 300);
  return `HTTP ${status}${clean.length > 0 ? `: ${clean}` : ''}`;
}

export interface BlobRefusal {
  sha256: string;
  reason: string;
}

export interface MediaPullResult {
  fetched: number;
  /** Descriptors whose blob this node already held. */
  alreadyHere: number;
  /** The peer has no copy either (404). */
  missingOnPeer: string[];
  /** Wrong bytes, over the size bound, or refused by the peer. Nothing of them is kept. */
  refused: BlobRefusal[];
  /** Cut more often than the attempts allowed: what arrived is kept and the next sync resumes. */
  interrupted: (BlobRefusal & { have: number })[];
  /** Transfers that went on from a partial file with a range request. */
  resumed: number;
  /** Blob bytes received. */
  bytes: number;
}

export interface MediaPushResult {
  sent: number;
  /** The peer already held them (HEAD 200). */
  alreadyThere: number;
  refused: BlobRefusal[];
  /** Blob bytes sent. */
  bytes: number;
}

export interface MediaResult {
  pulled: MediaPullResult;
  pushed: MediaPushResult;
  /** On the wire (TCP, headers included), both directions. */
  bytesSent: number;
  bytesReceived: number;
}

export interface MediaOptions {
  blobs: BlobStore;
  direction?: 'both' | 'pull' | 'push';
  /** For every request (a proxy's agent, say). Default: a keep-alive agent for this sync. */
  agent?: http.Agent;
  /** Upper bound on any blob, whatever its descriptor says. Default 20 MiB. */
  maxBlobBytes?: number;
  /** Signs upload authorizations (an unlocked identity). Default: a throwaway key. */
  authKey?: Uint8Array;
  /** Bytes moved so far, of the total this sync plans to move. */
  onProgress?: (done: number, total: number) => void;
  /** Idle time allowed on a request. Default 30 s. */
  timeoutMs?: number;
  /** Tries per blob when a transfer is cut; each resumes where the last stopped. Default 3. */
  attempts?: number;
}

interface Wire {
  sent: number;
  received: number;
}

/**
 * A transfer cut on the way: worth another try from where it stopped. Internal: it never leaves
 * this module (it ends as an `interrupted` or `refused` entry of the result).
 */
class Cut extends Error {}

function send(url: string, o: { method: string; headers?: Record<string, string>; body?: Readable; agent: http.Agent; timeoutMs: number }, wire: Wire): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = (url.startsWith('https:') ? https : http).request(url, { method: o.method, headers: o.headers ?? {}, agent: o.agent }, (res) => {
      // A connection dropped before the reader is attached must not crash the process; the
      // reader still sees the stream errored (pipeline and async iteration check for it).
      res.on('error', () => undefined);
      resolve(res);
    });
    req.on('socket', (s) => {
      // Keep-alive sockets serve several requests: count this request's share only.
      const w0 = s.bytesWritten;
      const r0 = s.bytesRead;
      req.once('close', () => {
        wire.sent += s.bytesWritten - w0;
        wire.received += s.bytesRead - r0;
      });
    });
    req.setTimeout(o.timeoutMs, () => req.destroy(new Cut(`no data from ${new URL(url).origin} for ${Math.round(o.timeoutMs / 1000)} s`)));
    req.on('error', (e) => reject(e instanceof Cut ? e : new Cut(`${o.method} ${url}: ${e.message}`)));
    if (o.body !== undefined) {
      // A refused or cut upload must not leave the file open.
      req.once('close', () => o.body?.destroy());
      o.body.pipe(req);
    } else req.end();
  });
}

/** A refusal's body: small, read to the end so the socket can serve the next request. */
async function smallBody(res: http.IncomingMessage): Promise<string> {
  let text = '';
  try {
    for await (const chunk of res) if (text.length < 4096) text += String(chunk);
  } catch {
    // Cut mid-answer: the status already said what we need.
  }
  return text;
}

/** Where the bytes of a cut download wait for the rest. */
interface Partials {
  size(sha256: string): Promise<number | undefined>;
  /** Appends (or, with `fresh`, starts over with) one chunk, durably before the next is read. */
  append(sha256: string, chunk: Uint8Array, fresh: boolean): Promise<void>;
  read(sha256: string): Promise<Buffer>;
  remove(sha256: string): Promise<void>;
}

function diskPartials(dir: string): Partials {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = (sha256: string) => join(dir, `${sha256}.part`);
  return {
    size: (sha256) => sizeOf(path(sha256)),
    append: async (sha256, chunk, fresh) => {
      const fh = await open(path(sha256), fresh ? 'w' : 'a', 0o600);
      try {
        await fh.write(chunk);
      } finally {
        await fh.close();
      }
    },
    // No file: the body was empty (nothing appended).
    read: (sha256) => readFile(path(sha256)).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? Buffer.alloc(0) : Promise.reject(e))),
    remove: (sha256) => rm(path(sha256), { force: true }),
  };
}

function memoryPartials(): Partials {
  const parts = new Map<string, Buffer[]>();
  return {
    size: (sha256) => Promise.resolve(parts.get(sha256)?.reduce((n, b) => n + b.length, 0)),
    append: (sha256, chunk, fresh) => {
      const list = fresh ? [] : (parts.get(sha256) ?? []);
      list.push(Buffer.from(chunk));
      parts.set(sha256, list);
      return Promise.resolve();
    },
    read: (sha256) => Promise.resolve(Buffer.concat(parts.get(sha256) ?? [])),
    remove: (sha256) => {
      parts.delete(sha256);
      return Promise.resolve();
    },
  };
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}

type PullOutcome = { is: 'fetched'; resumed: boolean } | { is: 'missing' } | { is: 'refused'; reason: string };

/** Descriptors in the store, one per blob, smallest first (the largest `size` when several disagree). */
function mediaRefs(store: EventStore): MediaRef[] {
  const bySha = new Map<string, number>();
  for (const e of store.query([{ kinds: [Kind.MediaDescriptor] }])) {
    const ref = mediaRefOf(e);
    if (ref !== undefined) bySha.set(ref.sha256, Math.max(ref.size, bySha.get(ref.sha256) ?? 0));
  }
  return [...bySha].map(([sha256, size]) => ({ sha256, size })).sort((a, b) => a.size - b.size || (a.sha256 < b.sha256 ? -1 : 1));
}

export async function syncMedia(store: EventStore, relayUrl: string, opts: MediaOptions): Promise<MediaResult> {
  const origin = blossomOrigin(relayUrl);
  const direction = opts.direction ?? 'both';
  const max = opts.maxBlobBytes ?? DEFAULT_MAX_MEDIA_BYTES;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const attempts = Math.max(1, opts.attempts ?? 3);
  const ownAgent = opts.agent === undefined ? new (origin.startsWith('https:') ? https : http).Agent({ keepAlive: true, maxSockets: 4 }) : undefined;
  const agent = opts.agent ?? (ownAgent as http.Agent);
  const authKey = opts.authKey ?? generateSecretKey();
  const partials = opts.blobs.encrypted ? memoryPartials() : diskPartials(join(dirname(opts.blobs.dir), 'blobs-partial'));
  const wire: Wire = { sent: 0, received: 0 };
  const pulled: MediaPullResult = { fetched: 0, alreadyHere: 0, missingOnPeer: [], refused: [], interrupted: [], resumed: 0, bytes: 0 };
  const pushed: MediaPushResult = { sent: 0, alreadyThere: 0, refused: [], bytes: 0 };
  let done = 0;
  let total = 0;
  const moved = (n: number) => {
    done += n;
    opts.onProgress?.(done, total);
  };

  /** One GET; throws Cut when the transfer stops short (the partial file stays). */
  const fetchOnce = async (ref: MediaRef, bound: number): Promise<PullOutcome> => {
    let have = (await partials.size(ref.sha256)) ?? -1;
    if (have > bound) {
      await partials.remove(ref.sha256);
      have = -1;
    }
    let resumed = false;
    // -1: no part yet. A whole part (a sync stopped between download and check) is only checked.
    if (have < bound) {
      have = Math.max(0, have);
      const res = await send(`${origin}/${ref.sha256}`, { method: 'GET', agent, timeoutMs, headers: have > 0 ? { range: `bytes=${have}-` } : {} }, wire);
      if (res.statusCode === 404) {
        await smallBody(res);
        return { is: 'missing' };
      }
      if (res.statusCode === 206) {
        const range = parseContentRange(res.headers['content-range']);
        if (range === undefined || range.start !== have) {
          // Not the bytes we asked for: start over next time rather than splice in the wrong place.
          res.destroy();
          await partials.remove(ref.sha256);
          throw new Cut(`the peer answered range ${String(res.headers['content-range']).slice(0, 60)} for bytes=${have}-`);
        }
        resumed = have > 0;
      } else if (res.statusCode === 200) {
        have = 0; // the whole blob, from the start
      } else if (res.statusCode === 416 && have > 0) {
        await smallBody(res);
        await partials.remove(ref.sha256);
        throw new Cut(`the peer cannot serve from byte ${have}`);
      } else {
        return { is: 'refused', reason: reasonOf(res.statusCode ?? 0, res.headers, await smallBody(res)) };
      }
      const declared = Number(res.headers['content-length'] ?? NaN);
      if (Number.isFinite(declared) && have + declared > bound) {
        res.destroy();
        return { is: 'refused', reason: `the peer offers ${have + declared} bytes, more than the ${bound} its descriptor allows` };
      }
      // Each chunk is kept before the next is read: a cut keeps every byte that arrived.
      let written = have;
      let fresh = have === 0;
      try {
        for await (const chunk of res as AsyncIterable<Buffer>) {
          if (written + chunk.length > bound) {
            res.destroy();
            await partials.remove(ref.sha256);
            return { is: 'refused', reason: `the peer sent more than the ${bound} bytes its descriptor allows; nothing kept` };
          }
          await partials.append(ref.sha256, chunk, fresh);
          fresh = false;
          written += chunk.length;
          pulled.bytes += chunk.length;
          moved(chunk.length);
        }
        if (!res.complete) throw new Error('the connection closed before the end of the body');
      } catch (e) {
        throw new Cut(`cut after ${written} of ${bound} bytes: ${(e as Error).message}`);
      }
    }
    const bytes = await partials.read(ref.sha256);
    const got = sha256Hex(bytes);
    await partials.remove(ref.sha256);
    if (got !== ref.sha256) return { is: 'refused', reason: `the peer sent other bytes (sha256 ${got.slice(0, 16)}...) than the descriptor names; nothing kept` };
    await opts.blobs.put(bytes);
    return { is: 'fetched', resumed };
  };

  const pullOne = async (ref: MediaRef) => {
    const bound = Math.min(ref.size, max);
    if (ref.size > max) {
      pulled.refused.push({ sha256: ref.sha256, reason: `its descriptor says ${ref.size} bytes, over the limit of ${max}` });
      return;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const outcome = await fetchOnce(ref, bound);
        if (outcome.is === 'fetched') {
          pulled.fetched++;
          if (outcome.resumed) pulled.resumed++;
        } else if (outcome.is === 'missing') pulled.missingOnPeer.push(ref.sha256);
        else pulled.refused.push({ sha256: ref.sha256, reason: outcome.reason });
        return;
      } catch (e) {
        if (!(e instanceof Cut)) throw e;
        if (attempt >= attempts) {
          const have = (await partials.size(ref.sha256)) ?? 0;
          pulled.interrupted.push({ sha256: ref.sha256, have, reason: e.message });
          return;
        }
      }
    }
  };

  const pushOne = async (ref: MediaRef, size: number) => {
    const now = nowSeconds();
    const auth = signEvent({ kind: AUTH_KIND, created_at: now, tags: [['t', 'upload'], ['x', ref.sha256], ['expiration', String(now + 600)]], content: 'Carry the media of a record' }, authKey);
    try {
      const res = await send(
        `${origin}/upload`,
        {
          method: 'PUT',
          agent,
          timeoutMs,
          headers: { authorization: `Nostr ${Buffer.from(JSON.stringify(auth)).toString('base64')}`, 'content-length': String(size), 'content-type': 'application/octet-stream' },
          // Through the blob store, which decrypts when the data folder is encrypted.
          body: opts.blobs.stream(ref.sha256),
        },
        wire,
      );
      const body = await smallBody(res);
      if (res.statusCode !== 200) {
        pushed.refused.push({ sha256: ref.sha256, reason: reasonOf(res.statusCode ?? 0, res.headers, body) });
        return;
      }
      pushed.sent++;
      pushed.bytes += size;
      moved(size);
    } catch (e) {
      if (!(e instanceof Cut)) throw e;
      // No resumable upload in Blossom: the next sync sends it again, whole.
      pushed.refused.push({ sha256: ref.sha256, reason: `upload cut: ${e.message}` });
    }
  };

  try {
    const jobs: { ref: MediaRef; size: number; run: () => Promise<void> }[] = [];
    for (const ref of mediaRefs(store)) {
      const local = await opts.blobs.stat(ref.sha256);
      if (local === undefined) {
        if (direction === 'push') continue;
        const have = (await partials.size(ref.sha256)) ?? 0;
        jobs.push({ ref, size: ref.size, run: () => pullOne(ref) });
        total += Math.max(0, Math.min(ref.size, max) - have);
        continue;
      }
      if (direction !== 'push') pulled.alreadyHere++;
      if (direction === 'pull') continue;
      // HEAD first: what the peer holds costs one small request, not the whole upload.
      const head = await send(`${origin}/${ref.sha256}`, { method: 'HEAD', agent, timeoutMs }, wire).catch((e: unknown) => {
        if (e instanceof Cut) return e;
        throw e;
      });
      if (head instanceof Cut) {
        pushed.refused.push({ sha256: ref.sha256, reason: head.message });
        continue;
      }
      const body = await smallBody(head);
      if (head.statusCode === 200) pushed.alreadyThere++;
      else if (head.statusCode === 404) {
        jobs.push({ ref, size: local.size, run: () => pushOne(ref, local.size) });
        total += local.size;
      } else pushed.refused.push({ sha256: ref.sha256, reason: reasonOf(head.statusCode ?? 0, head.headers, body) });
    }
    // Both ways in one queue: in a short window the small photos go first, whichever side lacks them.
    jobs.sort((a, b) => a.size - b.size || (a.ref.sha256 < b.ref.sha256 ? -1 : 1));
    opts.onProgress?.(0, total);
    for (const job of jobs) await job.run();
  } finally {
    ownAgent?.destroy();
  }
  return { pulled, pushed, bytesSent: wire.sent, bytesReceived: wire.received };
}
