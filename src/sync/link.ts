/**
 * Links to a relay for a sync: JSON messages in order, bytes counted both ways (the number a
 * user on a metered or throttled window cares about), coded errors for every way a link fails.
 * ws:// and wss:// open a WebSocket; http:// and https:// the HTTP POST binding (http-link.ts),
 * for networks that pass only plain requests. Either may go through a SOCKS or HTTP proxy.
 */
import WebSocket from 'ws';
import { finalizeEvent } from 'nostr-tools/pure';
import { makeAuthEvent } from 'nostr-tools/nip42';
import { KeruenError } from '../core/errors.ts';
import { HttpLink } from './http-link.ts';
import { explainProxyFailure, parseProxyUrl, proxyAgent } from './proxy.ts';

export type Message = unknown[];

export interface LinkOptions {
  /** How long to wait for the connection and then for each message. Default 30 s. */
  timeoutMs?: number;
  /** Extra headers on the WebSocket upgrade (a node's NIP-98 Authorization, for one). */
  headers?: Record<string, string>;
  /** socks5://, socks5h://, socks4:// or http:// proxy for the connection. Default: direct. */
  proxy?: string;
  /**
   * NIP-42: keys to answer the relay's AUTH challenge with (a node key, circle epoch keys), so
   * it serves the gift wraps addressed to them. Without keys, a challenge is left unanswered.
   */
  authSecretKeys?: readonly Uint8Array[];
  /** How long a WebSocket link waits for a challenge when it has keys. Default 1 s. */
  authWaitMs?: number;
}

/**
 * The client side of NIP-42 for one link: answers the challenge once with each key and keeps
 * AUTH and the OKs for its answers out of the messages a sync reads (they are not for it).
 */
export class AuthAnswer {
  readonly #keys: readonly Uint8Array[];
  readonly #relayUrl: string;
  readonly #pending = new Set<string>();
  challenged = false;
  /** The relay's reasons for refusing an answer. */
  readonly refused: string[] = [];

  constructor(relayUrl: string, keys: readonly Uint8Array[] = []) {
    this.#relayUrl = relayUrl;
    this.#keys = keys;
  }

  get wanted(): boolean {
    return this.#keys.length > 0;
  }

  /** Every answer has its OK (or there was nothing to answer). */
  get settled(): boolean {
    return this.#pending.size === 0;
  }

  /** True when `msg` belonged to the auth exchange; answers a challenge through `send`. */
  intercept(msg: Message, send: (m: Message) => void): boolean {
    if (msg[0] === 'AUTH' && typeof msg[1] === 'string') {
      if (this.challenged) return true;
      this.challenged = true;
      for (const key of this.#keys) {
        const event = finalizeEvent(makeAuthEvent(this.#relayUrl, msg[1]), key);
        this.#pending.add(event.id);
        send(['AUTH', event]);
      }
      return true;
    }
    if (msg[0] === 'OK' && typeof msg[1] === 'string' && this.#pending.delete(msg[1])) {
      if (msg[2] !== true) this.refused.push(String(msg[3]));
      return true;
    }
    return false;
  }
}

/**
 * What a sync needs of a transport: relay messages in order, both ways, with the bytes counted.
 * A WebSocket is one; others (through a proxy, over plain HTTP requests) fit behind the same face.
 */
export interface Link {
  readonly url: string;
  readonly bytesSent: number;
  readonly bytesReceived: number;
  send(msg: Message): void;
  /** The next message from the relay; throws a KeruenError when the link fails or times out. */
  next(): Promise<Message>;
  close(): void;
}

/** Opens the right link for an address and options. */
export async function openLink(url: string, opts: LinkOptions = {}): Promise<Link> {
  const protocol = URL.canParse(url) ? new URL(url).protocol : '';
  if (protocol === 'http:' || protocol === 'https:') return HttpLink.open(url, opts);
  return RelayLink.open(url, opts);
}

export class RelayLink implements Link {
  readonly url: string;
  readonly #ws: WebSocket;
  /** The TCP connection (to the relay, or to the proxy): its counters are the bytes on the wire. */
  readonly #socket: { bytesWritten: number; bytesRead: number } | undefined;
  readonly #timeoutMs: number;
  readonly #queue: Message[] = [];
  #wake: (() => void) | undefined;
  #closed: KeruenError | undefined;
  readonly #auth: AuthAnswer;

  private constructor(url: string, ws: WebSocket, timeoutMs: number, socket: { bytesWritten: number; bytesRead: number } | undefined, auth: AuthAnswer) {
    this.url = url;
    this.#auth = auth;
    this.#ws = ws;
    this.#socket = socket;
    this.#timeoutMs = timeoutMs;
    ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      const text = String(data);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        value = undefined;
      }
      // Anything but a JSON array is not a relay message: ignored, as NIP-01 clients do.
      if (!isBinary && Array.isArray(value) && !this.#auth.intercept(value, (m) => ws.send(JSON.stringify(m)))) this.#queue.push(value);
      this.#wake?.();
    });
    ws.on('close', (code: number, reason: Buffer) => {
      this.#closed ??= new KeruenError('io', `the connection to ${url} closed (${code}${reason.length > 0 ? ` ${reason.toString()}` : ''})`);
      this.#wake?.();
    });
    ws.on('error', (e: Error) => {
      this.#closed ??= new KeruenError('io', `the connection to ${url} failed: ${e.message}`);
      this.#wake?.();
    });
  }

  static async open(url: string, opts: LinkOptions = {}): Promise<RelayLink> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw KeruenError.usage(`"${url}" is not a URL: give the relay's address, like ws://192.168.1.20:7777`);
    }
    if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') throw KeruenError.usage(`"${url}" is not a relay address: it must start with ws:// or wss:// (or http:// for the HTTP binding)`);
    const timeoutMs = opts.timeoutMs ?? 30_000;
    const proxy = opts.proxy === undefined ? undefined : parseProxyUrl(opts.proxy);
    // A WebSocket through an HTTP proxy needs CONNECT: plain forwarding does not carry an upgrade.
    const agent = proxy === undefined ? undefined : proxyAgent(proxy, 'tunnel');
    // Offer permessage-deflate: a Keruen relay takes it and records travel at about half size.
    const ws = new WebSocket(url, {
      handshakeTimeout: timeoutMs,
      perMessageDeflate: true,
      ...(opts.headers !== undefined ? { headers: opts.headers } : {}),
      ...(agent !== undefined ? { agent } : {}),
    });
    // ws may emit a second error after a failed handshake; an unheard 'error' would crash the process.
    ws.on('error', () => undefined);
    let socket: { bytesWritten: number; bytesRead: number } | undefined;
    ws.once('upgrade', (res) => {
      socket = res.socket;
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      const viaProxy = (e: unknown) => (proxy === undefined ? undefined : explainProxyFailure(e, proxy, url, agent));
      ws.once('error', (e: Error) => reject(viaProxy(e) ?? new KeruenError('io', `cannot reach ${url}${proxy ? ` through ${proxy.display}` : ''}: ${e.message}`)));
      ws.once('unexpected-response', (_req, res) => {
        ws.terminate();
        reject(viaProxy(res) ?? new KeruenError(res.statusCode === 401 ? 'unauthorized' : 'io', `${url} refused the connection: HTTP ${res.statusCode ?? '?'}`));
      });
    });
    const link = new RelayLink(url, ws, timeoutMs, socket, new AuthAnswer(url, opts.authSecretKeys));
    if (link.#auth.wanted) await link.#authenticated(opts.authWaitMs ?? 1000);
    return link;
  }

  /**
   * Waits for the challenge (a relay that asks sends it on connect; one that does not costs
   * `waitMs`) and the OKs of our answers, so the first REQ or NEG-OPEN is read authenticated.
   */
  async #authenticated(waitMs: number): Promise<void> {
    const started = Date.now();
    for (;;) {
      if (this.#closed) throw this.#closed;
      if (this.#auth.challenged && this.#auth.settled) return;
      const limit = this.#auth.challenged ? this.#timeoutMs : waitMs;
      const left = started + limit - Date.now();
      if (left <= 0) {
        if (!this.#auth.challenged) return;
        throw new KeruenError('io', `no answer to our AUTH from ${this.url} in ${Math.round(this.#timeoutMs / 1000)} s`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }

  /** Bytes written to the TCP connection so far (headers, framing and compression included). */
  get bytesSent(): number {
    return this.#socket?.bytesWritten ?? 0;
  }

  get bytesReceived(): number {
    return this.#socket?.bytesRead ?? 0;
  }

  send(msg: Message): void {
    if (this.#closed) throw this.#closed;
    this.#ws.send(JSON.stringify(msg));
  }

  /** The next message from the relay. */
  async next(): Promise<Message> {
    const deadline = Date.now() + this.#timeoutMs;
    while (this.#queue.length === 0) {
      if (this.#closed) throw this.#closed;
      const left = deadline - Date.now();
      if (left <= 0) throw new KeruenError('io', `no answer from ${this.url} in ${Math.round(this.#timeoutMs / 1000)} s`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
    return this.#queue.shift()!;
  }

  close(): void {
    this.#closed ??= new KeruenError('io', 'closed');
    this.#ws.close();
  }
}
