/**
 * TCP proxies in front of the system under test, so what the bench reports is counted outside
 * the code it measures: a counting proxy (bytes each way, and the client's flights: how many
 * times the client spoke again after hearing back, an upper bound on round trips), and a
 * throttling one that makes loopback behave like a slow window (one-way delay plus a bandwidth
 * each way, with packets queued behind each other as on a real link).
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface Counts {
  /** Bytes from the client to the server, and back. */
  up: number;
  down: number;
  /** Times the client sent after having received something (its first send counts too). */
  flights: number;
  connections: number;
}

export interface LinkShape {
  /** One-way delay, ms. */
  delayMs: number;
  /** Bytes per second in each direction. */
  bytesPerSecond: number;
}

export interface RunningProxy {
  readonly port: number;
  /** `ws://127.0.0.1:<port>` or `http://...`: the target's address, through the proxy. */
  url(scheme: 'ws' | 'http'): string;
  counts(): Counts;
  reset(): void;
  close(): Promise<void>;
}

/**
 * Delivers bytes as a link of the given shape would: serialised at its rate, then delayed.
 * One queue and one timer, so slices leave in the order they came: a timer per slice can fire
 * out of order (timers count from the loop's cached clock, and sub-millisecond delays round),
 * which once reordered a WebSocket frame's bytes into invalid UTF-8.
 */
class ShapedPipe {
  #busyUntil = 0;
  readonly #shape: LinkShape;
  readonly #out: net.Socket;
  readonly #queue: { at: number; slice: Buffer }[] = [];
  #timer: NodeJS.Timeout | undefined;
  #ending = false;

  constructor(shape: LinkShape, out: net.Socket) {
    this.#shape = shape;
    this.#out = out;
  }

  write(chunk: Buffer): void {
    // Slices of about a packet, so the far end sees bytes arrive progressively.
    for (let at = 0; at < chunk.length; at += 1400) {
      const slice = chunk.subarray(at, at + 1400);
      const start = Math.max(performance.now(), this.#busyUntil);
      this.#busyUntil = start + (slice.length / this.#shape.bytesPerSecond) * 1000;
      this.#queue.push({ at: this.#busyUntil + this.#shape.delayMs, slice });
    }
    this.#pump();
  }

  end(): void {
    this.#ending = true;
    this.#pump();
  }

  #pump(): void {
    if (this.#timer) return;
    const now = performance.now();
    while (this.#queue.length > 0 && this.#queue[0]!.at <= now) {
      const { slice } = this.#queue.shift()!;
      if (!this.#out.destroyed) this.#out.write(slice);
    }
    if (this.#queue.length > 0) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#pump();
      }, Math.max(1, this.#queue[0]!.at - now));
    } else if (this.#ending && !this.#out.destroyed) {
      this.#out.end();
    }
  }
}

export async function startProxy(targetPort: number, shape?: LinkShape): Promise<RunningProxy> {
  let counts: Counts = { up: 0, down: 0, flights: 0, connections: 0 };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    counts.connections++;
    const upstream = net.connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    let heardBack = true;
    const toServer = shape ? new ShapedPipe(shape, upstream) : undefined;
    const toClient = shape ? new ShapedPipe(shape, client) : undefined;
    client.on('data', (chunk: Buffer) => {
      counts.up += chunk.length;
      if (heardBack) counts.flights++;
      heardBack = false;
      if (toServer) toServer.write(chunk);
      else upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      counts.down += chunk.length;
      heardBack = true;
      if (toClient) toClient.write(chunk);
      else client.write(chunk);
    });
    client.on('end', () => (toServer ? toServer.end() : upstream.end()));
    upstream.on('end', () => (toClient ? toClient.end() : client.end()));
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', () => sockets.delete(client));
    upstream.on('error', drop).on('close', () => sockets.delete(upstream));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: (scheme) => `${scheme}://127.0.0.1:${port}`,
    counts: () => ({ ...counts }),
    reset: () => {
      counts = { up: 0, down: 0, flights: 0, connections: 0 };
    },
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The port an http server listens on. */
export function portOf(server: { address(): AddressInfo | string | null }): number {
  return (server.address() as AddressInfo).port;
}
