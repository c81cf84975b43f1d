/** A relay on a random port and a raw `ws` client that sees every frame, for relay tests. */
import WebSocket from 'ws';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { signEvent, verifyWireEvent, type VerifiedEvent } from '../../src/core/event.ts';
import { KeruenError } from '../../src/core/errors.ts';
import { Kind } from '../../src/core/kinds.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import type { EventStore } from '../../src/store/types.ts';
import { startRelayServer, type RunningRelay, type StartRelayOptions } from '../../src/relay/server.ts';
import { isRelayMessage, type RelayMessage } from '../../src/relay/messages.ts';
import type { AcceptFn } from '../../src/relay/accept.ts';

/** Relay-mechanics tests use kind 1 notes: verified like any event, no domain rules. */
export const acceptNotes: AcceptFn = (raw) => {
  const event = verifyWireEvent(raw, { maxEventBytes: 64 * 1024 });
  if (event.kind !== 1 && event.kind !== 20001) throw KeruenError.unknownKind(event.kind);
  return event;
};

export interface TestRelay extends RunningRelay {
  store: EventStore;
}

export async function testRelay(opts: Partial<StartRelayOptions> = {}): Promise<TestRelay> {
  const store = opts.store ?? SqliteStore.open(':memory:');
  const running = await startRelayServer({ accept: acceptNotes, keepaliveMs: 0, ...opts, store });
  return {
    ...running,
    store,
    close: async () => {
      await running.close();
      store.close();
    },
  };
}

export interface Signer {
  sk: Uint8Array;
  pubkey: string;
  note(content: string, opts?: { createdAt?: number; tags?: string[][]; kind?: number }): VerifiedEvent;
}

export function signer(): Signer {
  const sk = generateSecretKey();
  return {
    sk,
    pubkey: getPublicKey(sk),
    note: (content, o = {}) => signEvent({ kind: o.kind ?? 1, created_at: o.createdAt ?? 1_641_340_800, tags: o.tags ?? [], content }, sk),
  };
}

export { Kind };

/** A raw client: sends anything, and hands back relay messages in order. */
export class RawClient {
  readonly ws: WebSocket;
  readonly #queue: RelayMessage[] = [];
  #waiter: (() => void) | undefined;
  closed: { code: number; reason: string } | undefined;
  /** The first frame from the relay that was not a well-formed relay message: a test failure. */
  malformed: string | undefined;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data, isBinary) => {
      let value: unknown;
      try {
        value = JSON.parse(String(data));
      } catch {
        value = undefined;
      }
      if (isBinary || !isRelayMessage(value)) this.malformed ??= String(data);
      else this.#queue.push(value);
      this.#waiter?.();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.#waiter?.();
    });
  }

  static async connect(url: string): Promise<RawClient> {
    const ws = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new RawClient(ws);
  }

  send(value: unknown): void {
    this.ws.send(JSON.stringify(value));
  }

  sendRaw(data: string | Buffer, binary = false): void {
    this.ws.send(data, { binary });
  }

  /** The next message from the relay (fails after `ms`). */
  async next(ms = 3000): Promise<RelayMessage> {
    const deadline = Date.now() + ms;
    while (this.#queue.length === 0) {
      if (this.malformed !== undefined) throw new Error(`relay sent a malformed message: ${this.malformed.slice(0, 200)}`);
      if (this.closed) throw new Error(`connection closed (${this.closed.code} ${this.closed.reason})`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('no message from the relay in time');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.#waiter = () => {
          clearTimeout(t);
          resolve();
        };
      });
      this.#waiter = undefined;
    }
    return this.#queue.shift()!;
  }

  /** Messages up to and including the first that `stop` accepts. */
  async until(stop: (m: RelayMessage) => boolean): Promise<RelayMessage[]> {
    const out: RelayMessage[] = [];
    for (;;) {
      const m = await this.next();
      out.push(m);
      if (stop(m)) return out;
    }
  }

  /** Publishes and returns the relay's answer (OK, or NOTICE for hopeless input). */
  async publish(event: unknown): Promise<RelayMessage> {
    this.send(['EVENT', event]);
    // A node may send a NIP-42 challenge first; a client without a key to answer it ignores it.
    for (;;) {
      const m = await this.next();
      if (m[0] !== 'AUTH') return m;
    }
  }

  /** REQ, then the stored events' ids and the closing message (EOSE or CLOSED). */
  async req(subId: string, ...filters: unknown[]): Promise<{ ids: string[]; end: RelayMessage }> {
    this.send(['REQ', subId, ...filters]);
    const msgs = await this.until((m) => (m[0] === 'EOSE' || m[0] === 'CLOSED') && m[1] === subId);
    const ids = msgs.flatMap((m) => (m[0] === 'EVENT' ? [m[2].id] : []));
    return { ids, end: msgs[msgs.length - 1]! };
  }

  get pending(): number {
    return this.#queue.length;
  }

  close(): void {
    this.ws.close();
  }
}
