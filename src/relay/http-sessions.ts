/**
 * The relay protocol over plain HTTP requests, for networks that pass no WebSocket upgrade:
 * `POST /.well-known/keruen/relay` with a JSON array of client messages; the answer is a JSON
 * array of the relay's messages produced so far. A session (random token in the
 * `keruen-session` header) stands for one WebSocket: it is a real `Connection`, so EVENT, REQ,
 * CLOSE, COUNT and NEG-* behave exactly as over a WebSocket. When nothing is waiting, a request
 * is held briefly (long poll) so that one round trip is one request.
 *
 * Everything is bounded: body bytes (compressed and inflated), messages per request, sessions,
 * bytes queued per session, and idle time. A session with too much unread output takes no more
 * input (`keruen-accepted` says how many of the posted messages were taken; the client sends
 * the rest again), so a client that never reads cannot grow our memory.
 */
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import { KeruenError } from '../core/errors.ts';
import { Connection, type RelayContext, type RelayOutput } from './connection.ts';
import { normalizeAddress, type ConnectionSlots } from './limits.ts';

export const RELAY_HTTP_PATH = '/.well-known/keruen/relay';

export interface HttpSessionLimits {
  /** Sessions open at once; more get 503 until one ends or idles out. */
  maxSessions: number;
  /** A session with no request for this long is closed (its subscriptions with it). */
  idleMs: number;
  /** Longest a request is held waiting for the relay to say something. */
  maxWaitMs: number;
  /** Request body, compressed or not, and after inflating. */
  maxBodyBytes: number;
  maxMessagesPerRequest: number;
  /** Relay messages (bytes of JSON) in one answer; the rest waits for the next request. */
  maxResponseBytes: number;
  /** Unread output a session may hold; past it, the session takes no input until read. */
  maxQueuedBytes: number;
}

export const DEFAULT_HTTP_SESSION_LIMITS: Readonly<HttpSessionLimits> = Object.freeze({
  maxSessions: 32,
  idleMs: 60_000,
  maxWaitMs: 20_000,
  maxBodyBytes: 4 * 1024 * 1024,
  maxMessagesPerRequest: 500,
  maxResponseBytes: 1024 * 1024,
  maxQueuedBytes: 8 * 1024 * 1024,
});

/** A held request, answered when the relay writes or its wait ends. */
interface Hold {
  respond(): void;
}

class HttpSession implements RelayOutput {
  readonly token = randomBytes(24).toString('base64url');
  readonly connection: Connection;
  readonly remote: string;
  readonly #queue: string[] = [];
  #queued = 0;
  readonly #onClose: (s: HttpSession) => void;
  lastSeen = Date.now();
  hold: Hold | undefined;
  /** Set when the relay closed the session ("1008 too many invalid events..."). */
  closedWith: string | undefined;

  constructor(ctx: RelayContext, remote: string, onClose: (s: HttpSession) => void) {
    this.remote = remote;
    this.#onClose = onClose;
    this.connection = new Connection(this, ctx);
  }

  /** The relay ends the session: what is queued still goes out with the answer being made. */
  close(code: number, reason: string): void {
    this.closedWith ??= `${code} ${reason}`;
    this.#onClose(this);
  }

  get bufferedAmount(): number {
    return this.#queued;
  }

  send(text: string): void {
    this.#queue.push(text);
    this.#queued += Buffer.byteLength(text);
    // Answer on the next turn, so the messages one input produces leave in one response.
    const hold = this.hold;
    if (hold !== undefined) setImmediate(() => hold.respond());
  }

  /** Takes queued messages up to `maxBytes` (at least one), as the JSON array of an answer. */
  take(maxBytes: number): { body: string; more: boolean } {
    const out: string[] = [];
    let bytes = 2;
    while (this.#queue.length > 0) {
      const size = Buffer.byteLength(this.#queue[0]!) + 1;
      if (out.length > 0 && bytes + size > maxBytes) break;
      out.push(this.#queue.shift()!);
      this.#queued -= size - 1;
      bytes += size;
    }
    return { body: `[${out.join(',')}]`, more: this.#queue.length > 0 };
  }
}

export interface HttpSessions {
  /** Answers a request to the endpoint (already past the origin and authorize checks). */
  handle(req: http.IncomingMessage, res: http.ServerResponse): void;
  /** Connections of the live sessions, for broadcast. */
  connections(): Iterable<Connection>;
  readonly size: number;
  close(): void;
}

function answer(res: http.ServerResponse, status: number, error: KeruenError | string, headers: http.OutgoingHttpHeaders = {}): void {
  const message = typeof error === 'string' ? error : error.message;
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers }).end(`${message}\n`);
}

/** Reads the body up to `max` bytes; over it, the request is answered 413 and undefined returned. */
async function readBody(req: http.IncomingMessage, res: http.ServerResponse, max: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const tooLarge = () => {
    answer(res, 413, KeruenError.tooLarge('request body', declared > max ? declared : max + 1, max), { connection: 'close' });
    req.resume();
    return undefined;
  };
  if (declared > max) return tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (size > max) return tooLarge();
      chunks.push(buf);
    }
  } catch {
    // The client went away mid-body: nothing of it was processed, nobody to answer.
    res.destroy();
    return undefined;
  }
  return Buffer.concat(chunks);
}

/** The posted messages, each as the text a WebSocket frame would carry, or why the body is not a batch. */
export function parseBatch(body: Buffer, encoding: string | undefined, limits: HttpSessionLimits): string[] | KeruenError {
  let bytes = body;
  if (encoding === 'gzip') {
    try {
      // maxOutputLength: a small compressed body cannot inflate into gigabytes.
      bytes = gunzipSync(body, { maxOutputLength: limits.maxBodyBytes });
    } catch {
      return new KeruenError('too_large', `request body is not gzip, or inflates past ${limits.maxBodyBytes} bytes`);
    }
  } else if (encoding !== undefined && encoding !== 'identity') {
    return KeruenError.usage(`content-encoding "${encoding}" is not supported: send gzip or nothing`);
  }
  if (bytes.length === 0) return [];
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch (e) {
    return KeruenError.invalidJson('request body', e instanceof Error ? e.message : 'unreadable');
  }
  if (!Array.isArray(value)) return new KeruenError('invalid_json', 'request body must be a JSON array of relay messages');
  if (value.length > limits.maxMessagesPerRequest) {
    return new KeruenError('too_large', `${value.length} messages in one request, over the limit of ${limits.maxMessagesPerRequest}`);
  }
  const out: string[] = [];
  for (const m of value) {
    try {
      out.push(JSON.stringify(m));
    } catch {
      // Too deep to write back: the connection answers it as it answers any broken message.
      out.push('');
    }
  }
  return out;
}

/**
 * `slots`, when given, is the relay's count of open connections: each session holds one from its
 * start to its end, like a WebSocket, under the same caps (limits.ts).
 */
export function createHttpSessions(ctx: RelayContext, partial: Partial<HttpSessionLimits> = {}, slots?: ConnectionSlots): HttpSessions {
  const limits = { ...DEFAULT_HTTP_SESSION_LIMITS, ...partial };
  // A session's subscriptions lose their feed past this (CLOSED), like a slow WebSocket's.
  const sessionCtx: RelayContext = { ...ctx, limits: { ...ctx.limits, maxBufferedBytes: Math.min(ctx.limits.maxBufferedBytes, limits.maxQueuedBytes) } };
  const sessions = new Map<string, HttpSession>();
  const releases = new Map<HttpSession, () => void>();
  const end = (s: HttpSession) => {
    sessions.delete(s.token);
    releases.get(s)?.();
    releases.delete(s);
  };
  const sweep = setInterval(
    () => {
      const cutoff = Date.now() - limits.idleMs;
      for (const s of sessions.values()) if (s.hold === undefined && s.lastSeen < cutoff) end(s);
    },
    Math.max(1000, Math.min(limits.idleMs, 30_000)),
  ).unref();

  const respond = (s: HttpSession, res: http.ServerResponse, accepted: number, gzip: boolean) => {
    const { body, more } = s.take(limits.maxResponseBytes);
    const headers: http.OutgoingHttpHeaders = {
      'content-type': 'application/json',
      'cache-control': 'no-store',
      'keruen-session': s.token,
      'keruen-accepted': String(accepted),
      ...(more ? { 'keruen-more': '1' } : {}),
      ...(s.closedWith !== undefined ? { 'keruen-closed': s.closedWith } : {}),
    };
    let payload: Buffer = Buffer.from(body);
    // Records are JSON with hex ids: about half their size compressed, and a window pays per byte.
    if (gzip && payload.length > 512) {
      payload = gzipSync(payload);
      headers['content-encoding'] = 'gzip';
    }
    s.lastSeen = Date.now();
    res.writeHead(200, headers).end(payload);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    if (req.method !== 'POST') return answer(res, 405, 'POST a JSON array of relay messages', { allow: 'POST' });
    // A browser page can POST text/plain across origins without asking; JSON it must ask for.
    const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (type !== 'application/json') return answer(res, 415, 'content-type must be application/json');
    const token = req.headers['keruen-session'];
    let session: HttpSession | undefined;
    if (typeof token === 'string' && token !== '') {
      session = sessions.get(token);
      if (session === undefined) return answer(res, 404, 'no such session (it ended or idled out): start a new one without keruen-session');
    } else if (sessions.size >= limits.maxSessions) {
      return answer(res, 503, `too many sessions open (${limits.maxSessions}): try again shortly`, { 'retry-after': '5' });
    }
    const body = await readBody(req, res, limits.maxBodyBytes);
    if (body === undefined) return;
    const encoding = req.headers['content-encoding']?.trim().toLowerCase();
    const batch = parseBatch(body, encoding, limits);
    if (batch instanceof KeruenError) return answer(res, batch.code === 'too_large' ? 413 : 400, batch);
    if (session === undefined) {
      // Checked again: other requests may have opened sessions while this body was read.
      if (sessions.size >= limits.maxSessions) return answer(res, 503, `too many sessions open (${limits.maxSessions}): try again shortly`, { 'retry-after': '5' });
      const slot = slots?.open(req.socket.remoteAddress) ?? { release: () => {} };
      if ('refused' in slot) return answer(res, 503, slot.refused, { 'retry-after': '5' });
      session = new HttpSession(sessionCtx, normalizeAddress(req.socket.remoteAddress), end);
      sessions.set(session.token, session);
      releases.set(session, slot.release);
    }
    const s = session;
    // One request at a time per session: a new one ends the wait of the one before.
    s.hold?.respond();
    s.lastSeen = Date.now();
    let accepted = 0;
    for (const text of batch) {
      if (s.bufferedAmount > limits.maxQueuedBytes || s.closedWith !== undefined) break;
      s.connection.onFrame(Buffer.from(text), false);
      accepted++;
    }
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    if (req.headers['keruen-close'] === '1' || s.closedWith !== undefined) {
      end(s);
      return respond(s, res, accepted, gzip);
    }
    const wait = Math.min(limits.maxWaitMs, Math.max(0, Number(req.headers['keruen-wait'] ?? 0) || 0));
    if (s.bufferedAmount > 0 || wait === 0) return respond(s, res, accepted, gzip);
    const hold: Hold = {
      respond: () => {
        if (s.hold !== hold) return;
        s.hold = undefined;
        clearTimeout(timer);
        if (!res.writableEnded && !res.destroyed) respond(s, res, accepted, gzip);
      },
    };
    const timer = setTimeout(() => hold.respond(), wait);
    s.hold = hold;
    // A client that gives up waiting leaves its messages queued for its next request.
    res.on('close', () => {
      if (s.hold !== hold) return;
      s.hold = undefined;
      clearTimeout(timer);
      s.lastSeen = Date.now();
    });
  };

  return {
    handle: (req, res) => {
      handle(req, res).catch((e: unknown) => {
        ctx.onError(e);
        if (!res.headersSent) answer(res, 500, 'internal error');
        else res.destroy();
      });
    },
    connections: () => [...sessions.values()].map((s) => s.connection),
    get size() {
      return sessions.size;
    },
    close: () => {
      clearInterval(sweep);
      for (const s of sessions.values()) s.hold?.respond();
      for (const s of [...sessions.values()]) end(s);
    },
  };
}
