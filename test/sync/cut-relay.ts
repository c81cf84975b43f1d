/**
 * A TCP relay for tests that cuts links: it pipes each connection to a target and drops both
 * sides once `budgets[i]` bytes (both ways together) have passed on the i-th connection, in the
 * middle of whatever frame or request was under way. Later connections pass untouched.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';

export interface CutRelay {
  port: number;
  /** Connections accepted so far. */
  readonly connections: number;
  /** Connections it cut. */
  readonly cuts: number;
  /** Cuts every open connection now. */
  cutNow(): void;
  close(): Promise<void>;
}

export async function cutRelay(targetPort: number, budgets: readonly number[] = []): Promise<CutRelay> {
  const open = new Set<() => void>();
  let connections = 0;
  let cuts = 0;
  const server = net.createServer((client) => {
    const budget = budgets[connections++] ?? Infinity;
    const upstream = net.connect(targetPort, '127.0.0.1');
    let passed = 0;
    let done = false;
    const cut = () => {
      if (done) return;
      done = true;
      cuts++;
      client.destroy();
      upstream.destroy();
    };
    const end = () => {
      open.delete(cut);
      client.destroy();
      upstream.destroy();
    };
    open.add(cut);
    const pipe = (from: net.Socket, to: net.Socket) => {
      from.on('data', (chunk: Buffer) => {
        if (done) return;
        const left = budget - passed;
        if (chunk.length >= left) {
          to.write(chunk.subarray(0, left), () => cut());
          passed = budget;
          from.pause();
          return;
        }
        passed += chunk.length;
        to.write(chunk);
      });
      from.on('end', () => to.end());
      from.on('error', end);
      from.on('close', end);
    };
    pipe(client, upstream);
    pipe(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    get connections() {
      return connections;
    },
    get cuts() {
      return cuts;
    },
    cutNow: () => {
      for (const cut of [...open]) cut();
    },
    close: () => {
      for (const cut of [...open]) cut();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
