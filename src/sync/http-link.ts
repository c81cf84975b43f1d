/**
 * The HTTP POST binding of the relay protocol, client side (server: relay/http-sessions.ts),
 * for networks that pass plain HTTP requests and no WebSocket upgrade. Messages given to
 * `send` wait until `next` needs an answer; then one POST carries them all and brings back
 * what the relay said, held open briefly by the relay if it had nothing yet. So a round trip
 * of the sync is one request, and a burst of EVENTs or REQs is one body.
 */
import http from 'node:http';
import https from 'node:https';
import { gunzipSync, gzipSync } from 'node:zlib';
import { KeruenError } from '../core/errors.ts';
import { AuthAnswer, type Link, type LinkOptions, type Message } from './link.ts';
import { explainProxyFailure, parseProxyUrl, proxyAgent, type ProxySpec } from './proxy.ts';
import { RELAY_HTTP_PATH } from '../relay/http-sessions.ts';

/** Per request: under the relay's defaults (500 messages, 4 MiB), so a batch is never refused for size. */
const MAX_BATCH_MESSAGES = 256;
const MAX_BATCH_BYTES = 1024 * 1024;
/** An answer larger than this is not a relay's (it sends at most about 1 MiB of messages). */
const MAX_ANSWER_BYTES = 32 * 1024 * 1024;
/** How long the relay may hold a request with nothing to say. */
const WAIT_MS = 15_000;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** `http://node:7777` means the node's endpoint; a URL with a path is taken as the endpoint itself. */
export function endpointOf(url: URL): URL {
  const out = new URL(url);
  if (out.pathname === '/' || out.pathname === '') out.pathname = RELAY_HTTP_PATH;
  return out;
}

export class HttpLink implements Link {
  readonly url: string;
  readonly #endpoint: URL;
  readonly #agent: http.Agent;
  readonly #proxy: ProxySpec | undefined;
  readonly #timeoutMs: number;
  readonly #headers: Record<string, string>;
  readonly #outbox: Message[] = [];
  readonly #inbox: Message[] = [];
  #session: string | undefined;
  readonly #auth: AuthAnswer;
  #failed: KeruenError | undefined;
  #sent = 0;
  #received = 0;

  private constructor(url: string, endpoint: URL, opts: LinkOptions) {
    this.url = url;
    this.#endpoint = endpoint;
    this.#timeoutMs = opts.timeoutMs ?? 30_000;
    this.#headers = opts.headers ?? {};
    this.#auth = new AuthAnswer(url, opts.authSecretKeys);
    this.#proxy = opts.proxy === undefined ? undefined : parseProxyUrl(opts.proxy);
    // Plain http:// through an HTTP proxy is forwarded as a request: the one thing an
    // HTTP-only network lets through. https:// needs a CONNECT tunnel, SOCKS always tunnels.
    this.#agent =
      this.#proxy === undefined
        ? new (endpoint.protocol === 'https:' ? https.Agent : http.Agent)({ keepAlive: true, maxSockets: 1 })
        : proxyAgent(this.#proxy, endpoint.protocol === 'http:' ? 'forward' : 'tunnel');
  }

  /** Opens a session with the relay (an empty first request), so a wrong address fails here. */
  static async open(url: string, opts: LinkOptions = {}): Promise<HttpLink> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw KeruenError.usage(`"${url}" is not a URL: give the node's address, like http://192.168.1.20:7777`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw KeruenError.usage(`"${url}" is not an http:// or https:// address`);
    const link = new HttpLink(url, endpointOf(parsed), opts);
    try {
      await link.#exchange(0);
      // A relay that asks for NIP-42 puts its challenge in the first answer; ours go out next.
      while (link.#auth.challenged && !link.#auth.settled) await link.#exchange(Math.min(WAIT_MS, link.#timeoutMs));
    } catch (e) {
      link.#agent.destroy();
      throw e;
    }
    return link;
  }

  get bytesSent(): number {
    return this.#sent;
  }

  get bytesReceived(): number {
    return this.#received;
  }

  send(msg: Message): void {
    if (this.#failed) throw this.#failed;
    this.#outbox.push(msg);
  }

  async next(): Promise<Message> {
    const deadline = Date.now() + this.#timeoutMs;
    while (this.#inbox.length === 0) {
      if (this.#failed) throw this.#failed;
      const left = deadline - Date.now();
      if (left <= 0) throw new KeruenError('io', `no answer from ${this.url} in ${Math.round(this.#timeoutMs / 1000)} s`);
      await this.#exchange(Math.min(WAIT_MS, left));
    }
    return this.#inbox.shift()!;
  }

  /** Delivers what is still unsent (a NEG-CLOSE, a CLOSE) and ends the session; best effort. */
  close(): void {
    if (this.#failed) {
      this.#agent.destroy();
      return;
    }
    this.#failed = new KeruenError('io', 'closed');
    const last = this.#outbox.splice(0, MAX_BATCH_MESSAGES);
    this.#post(last, 0, true).then(
      () => this.#agent.destroy(),
      () => this.#agent.destroy(),
    );
  }

  /** One request: the waiting messages (as many as fit) out, the relay's messages in. */
  async #exchange(waitMs: number): Promise<void> {
    const batch: Message[] = [];
    let bytes = 2;
    while (this.#outbox.length > 0 && batch.length < MAX_BATCH_MESSAGES) {
      const size = JSON.stringify(this.#outbox[0]).length + 1;
      if (batch.length > 0 && bytes + size > MAX_BATCH_BYTES) break;
      batch.push(this.#outbox.shift()!);
      bytes += size;
    }
    // With more still to send, do not let the relay hold this request.
    const wait = this.#outbox.length > 0 ? 0 : waitMs;
    let answer: Answer & { messages: Message[] };
    try {
      answer = await this.#post(batch, wait, false);
    } catch (e) {
      this.#failed = this.#asLinkError(e);
      this.#agent.destroy();
      throw this.#failed;
    }
    // The relay took a prefix when its queue for us was full: the rest goes again, first.
    const accepted = Number(answer.headers['keruen-accepted'] ?? batch.length);
    if (Number.isInteger(accepted) && accepted >= 0 && accepted < batch.length) this.#outbox.unshift(...batch.slice(accepted));
    for (const m of answer.messages) if (!this.#auth.intercept(m, (x) => this.#outbox.push(x))) this.#inbox.push(m);
  }

  #post(batch: Message[], waitMs: number, last: boolean): Promise<Answer & { messages: Message[] }> {
    let body = Buffer.from(JSON.stringify(batch));
    const headers: http.OutgoingHttpHeaders = {
      ...this.#headers,
      'content-type': 'application/json',
      'accept-encoding': 'gzip',
      'keruen-wait': String(waitMs),
      ...(this.#session !== undefined ? { 'keruen-session': this.#session } : {}),
      ...(last ? { 'keruen-close': '1' } : {}),
    };
    if (body.length > 1024) {
      body = gzipSync(body);
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = String(body.length);
    const request = this.#endpoint.protocol === 'https:' ? https.request : http.request;
    return new Promise((resolve, reject) => {
      const req = request(this.#endpoint, { method: 'POST', headers, agent: this.#agent, timeout: waitMs + this.#timeoutMs });
      let start = { written: 0, read: 0 };
      let socket: { bytesWritten: number; bytesRead: number } | undefined;
      // Bytes counted on the TCP connection (headers and gzip included), as the WebSocket link does.
      req.on('socket', (s) => {
        socket = s;
        start = { written: s.bytesWritten, read: s.bytesRead };
      });
      const count = () => {
        if (socket === undefined) return;
        this.#sent += socket.bytesWritten - start.written;
        this.#received += socket.bytesRead - start.read;
        socket = undefined;
      };
      req.on('timeout', () => req.destroy(new KeruenError('io', `no answer from ${this.url} in ${Math.round((waitMs + this.#timeoutMs) / 1000)} s`)));
      req.on('error', (e) => {
        count();
        reject(e);
      });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_ANSWER_BYTES) req.destroy(new KeruenError('too_large', `${this.url} answered with over ${MAX_ANSWER_BYTES} bytes`));
          else chunks.push(c);
        });
        res.on('error', reject);
        res.on('end', () => {
          count();
          try {
            resolve(this.#read({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          } catch (e) {
            reject(e);
          }
        });
      });
      req.end(body);
    });
  }

  /** An answer's messages, or a coded error saying what the relay (or a proxy) answered. */
  #read(a: Answer): Answer & { messages: Message[] } {
    const text = () => (a.headers['content-type']?.startsWith('text/') === true ? `: ${a.body.toString('utf8', 0, 300).trim()}` : '');
    if (a.status === 401) throw new KeruenError('unauthorized', `${this.url} refused us${text()}`);
    if (a.status === 404 && this.#session !== undefined) throw new KeruenError('io', `${this.url} no longer knows our session${text()}`);
    if (a.status === 404) throw new KeruenError('blocked', `${this.url} has no HTTP relay endpoint (is it a Keruen node? for a WebSocket relay use ws://)`);
    if (a.status === 407) throw new KeruenError('unauthorized', `the proxy ${this.#proxy?.display ?? ''} wants a user name and password: put them in the proxy URL`);
    if (a.status !== 200) throw new KeruenError('io', `${this.url} answered HTTP ${a.status}${text()}${this.#proxy ? ` (through ${this.#proxy.display})` : ''}`);
    const session = a.headers['keruen-session'];
    if (typeof session === 'string' && session !== '') this.#session = session;
    let body = a.body;
    if (a.headers['content-encoding'] === 'gzip') {
      try {
        body = gunzipSync(body, { maxOutputLength: MAX_ANSWER_BYTES });
      } catch {
        throw new KeruenError('io', `${this.url} sent a broken or oversized gzip answer`);
      }
    }
    let value: unknown;
    try {
      value = JSON.parse(body.toString('utf8'));
    } catch {
      throw new KeruenError('io', `${this.url} answered with something that is not JSON (a captive portal or a proxy's page?)`);
    }
    if (!Array.isArray(value)) throw new KeruenError('io', `${this.url} answered with JSON that is not a list of relay messages`);
    // Anything but an array is not a relay message: ignored, as over a WebSocket.
    return { ...a, messages: value.filter((m): m is Message => Array.isArray(m)) };
  }

  #asLinkError(e: unknown): KeruenError {
    if (e instanceof KeruenError) return e;
    const viaProxy = this.#proxy === undefined ? undefined : explainProxyFailure(e, this.#proxy, this.url, this.#agent);
    if (viaProxy) return viaProxy;
    const message = e instanceof Error ? e.message : String(e);
    return new KeruenError('io', `the connection to ${this.url}${this.#proxy ? ` through ${this.#proxy.display}` : ''} failed: ${message}`);
  }
}
