/**
 * One WebSocket to a relay for a sync: JSON messages in order, bytes counted both ways (the
 * number a user on a metered or throttled window cares about), coded errors for every way a
 * link fails.
 */
import WebSocket from 'ws';
import { KeruenError } from '../core/errors.ts';

export type Message = unknown[];

export interface LinkOptions {
  /** How long to wait for the connection and then for each message. Default 30 s. */
  timeoutMs?: number;
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
  return RelayLink.open(url, opts);
}

export class RelayLink implements Link {
  readonly url: string;
  bytesSent = 0;
  bytesReceived = 0;
  readonly #ws: WebSocket;
  readonly #timeoutMs: number;
  readonly #queue: Message[] = [];
  #wake: (() => void) | undefined;
  #closed: KeruenError | undefined;

  private constructor(url: string, ws: WebSocket, timeoutMs: number) {
    this.url = url;
    this.#ws = ws;
    this.#timeoutMs = timeoutMs;
    ws.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      const text = String(data);
      this.bytesReceived += Buffer.byteLength(text);
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        value = undefined;
      }
      // Anything but a JSON array is not a relay message: ignored, as NIP-01 clients do.
      if (!isBinary && Array.isArray(value)) this.#queue.push(value);
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
    if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') throw KeruenError.usage(`"${url}" is not a relay address: it must start with ws:// or wss://`);
    const timeoutMs = opts.timeoutMs ?? 30_000;
    const ws = new WebSocket(url, { handshakeTimeout: timeoutMs, perMessageDeflate: false });
    // ws may emit a second error after a failed handshake; an unheard 'error' would crash the process.
    ws.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', (e: Error) => reject(new KeruenError('io', `cannot reach ${url}: ${e.message}`)));
      ws.once('unexpected-response', (_req, res) => {
        ws.terminate();
        reject(new KeruenError(res.statusCode === 401 ? 'unauthorized' : 'io', `${url} refused the connection: HTTP ${res.statusCode ?? '?'}`));
      });
    });
    return new RelayLink(url, ws, timeoutMs);
  }

  send(msg: Message): void {
    if (this.#closed) throw this.#closed;
    const text = JSON.stringify(msg);
    this.bytesSent += Buffer.byteLength(text);
    this.#ws.send(text);
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
