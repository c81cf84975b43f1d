/**
 * Blossom (BUD-01/02), the part photos need:
 *   PUT  /upload           raw body, `Authorization: Nostr <base64 kind-24242 event>` → blob descriptor
 *   GET  /<sha256>[.ext]   the blob, with Range (206) so a cut download resumes
 *   HEAD /<sha256>[.ext]   200 or 404
 * Differences from a public Blossom server, on purpose: no CORS headers (the node's archive is
 * not for other sites' pages to read), uploads only signed by this node's own identities or
 * carrying the media of a record the node already holds (a sync pushing a descriptor's blob), and
 * photos that still carry metadata are refused. Errors carry both `error` (the node's API form)
 * and `message` (BUD-01's), and an X-Reason header.
 */
import { Readable } from 'node:stream';
import { Hono, type Context } from 'hono';
import { KeruenError } from '../../core/errors.ts';
import { nowSeconds, verifyWireEvent, type VerifiedEvent } from '../../core/event.ts';
import { Kind } from '../../core/kinds.ts';
import type { EventStore } from '../../store/types.ts';
import type { Keystore } from '../keystore.ts';
import { extensionOf, SHA256_HEX, sha256Hex, sniffType, type BlobInfo, type BlobStore } from '../blobs.ts';
import { checkShareable } from '../media-check.ts';
import { httpStatusFor, toKeruenError } from './errors.ts';

export const DEFAULT_MAX_BLOB_BYTES = 20 * 1024 * 1024;
export const AUTH_KIND = 24242;
const BLOB_FILE = /^([0-9a-f]{64})(\.[A-Za-z0-9]{1,10})?$/;

/** `<sha256>` or `<sha256>.<ext>` (BUD-01) → the sha256; undefined for any other name. */
export function parseBlobName(file: string): string | undefined {
  return BLOB_FILE.exec(file)?.[1];
}

export interface BlossomDeps {
  blobs: BlobStore;
  keystore?: Keystore;
  /**
   * The node's records. A blob that one of its media descriptors names (`x`) may be uploaded
   * under any valid authorization: whoever sends it carries a record's media, not new material.
   */
  store?: Pick<EventStore, 'count'>;
  maxBlobBytes?: number;
  /** Authorization events dated further ahead than this are refused (phones' clocks drift). */
  maxFutureSeconds?: number;
  now?: () => number;
  onError: (e: unknown) => void;
}

function blossomError(c: Context, error: KeruenError): Response {
  const status = httpStatusFor(error.code);
  // Header values must be Latin-1 and one line.
  c.header('x-reason', error.message.replace(/[^\x20-\x7e]/g, '?').slice(0, 300));
  return c.json({ error: error.message, message: error.message }, status);
}

const tagValues = (e: VerifiedEvent, name: string): string[] => e.tags.filter((t) => t[0] === name && t.length > 1).map((t) => t[1] as string);

export interface UploadAuth {
  event: VerifiedEvent;
  /** Signed by one of this node's identities: may upload anything (that passes the media check). */
  own: boolean;
}

/** Whether a stored media descriptor names this blob. */
export function isCarriedMedia(store: Pick<EventStore, 'count'> | undefined, sha256: string): boolean {
  return store !== undefined && SHA256_HEX.test(sha256) && store.count([{ kinds: [Kind.MediaDescriptor], '#x': [sha256], limit: 1 }]) > 0;
}

const STRANGER_REFUSED = 'upload refused: only identities of this node may upload here, or anyone carrying the media of a record this node holds';

/**
 * BUD-01's checks, in its order, then BUD-02's `t=upload`. A stranger's authorization must name
 * (`x`) a blob that a stored descriptor names, so no stranger's body is read for nothing; the
 * body's own hash is checked against `x` once it is read.
 */
export function checkUploadAuth(header: string | undefined, deps: Pick<BlossomDeps, 'keystore' | 'store' | 'maxFutureSeconds' | 'now'>): UploadAuth {
  const unauthorized = (why: string) => new KeruenError('unauthorized', `upload refused: ${why}`);
  if (header === undefined) throw unauthorized('send an Authorization: Nostr <base64 event> header (BUD-02, kind 24242)');
  const m = /^Nostr\s+([A-Za-z0-9+/_=-]{1,16384})\s*$/.exec(header);
  if (m === null) throw unauthorized('the Authorization header must be "Nostr <base64 event>"');
  let event: VerifiedEvent;
  try {
    event = verifyWireEvent(JSON.parse(Buffer.from(m[1] as string, 'base64').toString('utf8')), { maxEventBytes: 8192 });
  } catch (e) {
    throw unauthorized(`the authorization event is not a valid signed Nostr event${e instanceof KeruenError ? ` (${e.message})` : ''}`);
  }
  const now = (deps.now ?? nowSeconds)();
  if (event.kind !== AUTH_KIND) throw unauthorized(`the authorization event must be kind ${AUTH_KIND}, not ${event.kind}`);
  if (event.created_at > now + (deps.maxFutureSeconds ?? 15 * 60)) throw unauthorized('the authorization event is dated in the future: check this device\'s clock');
  const expiration = Number(tagValues(event, 'expiration')[0]);
  if (!Number.isSafeInteger(expiration)) throw unauthorized('the authorization event needs an expiration tag (unix time)');
  if (expiration <= now) throw unauthorized('the authorization event has expired: sign a new one (and check this device\'s clock)');
  if (!tagValues(event, 't').includes('upload')) throw unauthorized('the authorization event must have a t tag "upload"');
  const own = deps.keystore?.list().some((i) => i.pubkey === event.pubkey) ?? false;
  if (!own && !tagValues(event, 'x').some((x) => isCarriedMedia(deps.store, x))) throw new KeruenError('blocked', STRANGER_REFUSED);
  return { event, own };
}

/** Reads at most `max` bytes of the body; one byte more is a 413, without reading the rest. */
async function readBody(req: Request, max: number): Promise<Buffer> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) throw KeruenError.tooLarge('this file', declared, max);
  if (req.body === null) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      throw new KeruenError('too_large', `this file is over the limit of ${max} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

export type ByteRange = { start: number; end: number };

/**
 * One `bytes=` range (RFC 9110 §14.1.2), clamped to the blob. `undefined`: serve it whole (no
 * header, several ranges, or a header we do not understand, which the RFC lets us ignore);
 * `'unsatisfiable'`: 416.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (m === null || (m[1] === '' && m[2] === '')) return undefined;
  const a = m[1] === '' ? undefined : Number(m[1]);
  const b = m[2] === '' ? undefined : Number(m[2]);
  if ((a !== undefined && !Number.isSafeInteger(a)) || (b !== undefined && !Number.isSafeInteger(b))) return undefined;
  if (a === undefined) {
    // Suffix range: the last b bytes.
    if (b === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - (b as number)), end: size - 1 };
  }
  if (b !== undefined && b < a) return undefined;
  if (a >= size) return 'unsatisfiable';
  return { start: a, end: Math.min(b ?? size - 1, size - 1) };
}

function descriptor(c: Context, info: BlobInfo): Record<string, unknown> {
  return { url: `${new URL(c.req.url).origin}/${info.sha256}${extensionOf(info.type)}`, sha256: info.sha256, size: info.size, type: info.type, uploaded: info.uploaded };
}

export function blossomRoutes(deps: BlossomDeps): Hono {
  const max = deps.maxBlobBytes ?? DEFAULT_MAX_BLOB_BYTES;
  const app = new Hono();

  app.put('/upload', async (c) => {
    try {
      const { event: auth, own } = checkUploadAuth(c.req.header('authorization'), deps);
      const body = await readBody(c.req.raw, max);
      const sha256 = sha256Hex(body);
      const allowed = tagValues(auth, 'x');
      if (!allowed.includes(sha256)) {
        const claimed = allowed.length > 0 ? `for ${allowed.map((x) => x.slice(0, 12)).join(', ')}...` : 'without an x tag';
        throw new KeruenError('blocked', `upload refused: the authorization is ${claimed}, but the body's sha256 is ${sha256}; the file was changed or cut on the way`);
      }
      // The authorization may name several blobs: this one must be a record's media too.
      if (!own && !isCarriedMedia(deps.store, sha256)) throw new KeruenError('blocked', STRANGER_REFUSED);
      await checkShareable(body, sniffType(body.subarray(0, 16)));
      return c.json(descriptor(c, await deps.blobs.put(body)));
    } catch (e) {
      return blossomError(c, toKeruenError(e, deps.onError));
    }
  });

  // HEAD is answered by this GET route too (hono strips the body); it opens no file stream.
  // Other one-segment paths (the app's files) go on to the static server.
  app.get('/:file', async (c, next) => {
    const sha256 = parseBlobName(c.req.param('file'));
    if (sha256 === undefined) return next();
    try {
      const info = await deps.blobs.stat(sha256);
      if (info === undefined) throw KeruenError.notFound(`blob ${sha256}`);
      c.header('content-type', info.type);
      c.header('accept-ranges', 'bytes');
      c.header('etag', `"${sha256}"`);
      // Content-addressed: never changes. Private: behind pairing, not for shared caches.
      c.header('cache-control', 'private, max-age=31536000, immutable');
      // A blob is never a page: nothing in it may run, even if a browser were talked into it.
      c.header('content-security-policy', "default-src 'none'; sandbox");
      const range = parseRange(c.req.header('range'), info.size);
      if (range === 'unsatisfiable') {
        c.header('content-range', `bytes */${info.size}`);
        return c.json({ error: `range outside the blob (${info.size} bytes)`, message: `range outside the blob (${info.size} bytes)` }, 416);
      }
      const { start, end } = range ?? { start: 0, end: info.size - 1 };
      const length = Math.max(0, end - start + 1);
      c.header('content-length', String(length));
      if (range !== undefined) c.header('content-range', `bytes ${start}-${end}/${info.size}`);
      const status = range !== undefined ? 206 : 200;
      if (c.req.method === 'HEAD' || length === 0) return c.body(null, status);
      // Through the blob store: it decrypts chunk by chunk when the data folder is encrypted.
      const stream = Readable.toWeb(deps.blobs.stream(sha256, { start, end })) as ReadableStream<Uint8Array>;
      return c.body(stream, status);
    } catch (e) {
      return blossomError(c, toKeruenError(e, deps.onError));
    }
  });
  return app;
}
