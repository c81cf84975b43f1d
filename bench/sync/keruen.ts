/**
 * Keruen's side of the bench, on the real code path: two SqliteStore files, the real relay in
 * front of B (startRelayServer), our TCP proxy in front of the relay, and `syncWith` run by A
 * through the proxy. Replicas are built once (the records both sides lack at the largest d
 * taken out) and copied for each run, topped up with what that run's d does not remove: the
 * difference sets are nested, so building 100,000-record stores happens twice, not per run.
 */
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { VerifiedEvent } from '../../src/core/event.ts';
import { startRelayServer } from '../../src/relay/server.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import type { EventStore } from '../../src/store/types.ts';
import type { VerifierPool } from '../../src/store/verifier-pool.ts';
import { syncWith, type SyncOptions, type SyncReport } from '../../src/sync/client.ts';
import { portOf, startProxy, type Counts, type LinkShape } from './proxy.ts';
import { log, split } from './records.ts';

export type ReconcileScheme = 'nip77' | 'keruen';

export class Replicas {
  readonly #events: readonly VerifiedEvent[];
  readonly #order: readonly number[];
  readonly #maxD: number;
  readonly #dir: string;
  #copies = 0;

  constructor(events: readonly VerifiedEvent[], order: readonly number[], maxD: number, dir: string) {
    this.#events = events;
    this.#order = order;
    this.#maxD = maxD;
    this.#dir = dir;
  }

  /** Writes the two base files: every record but those missing on that side at the largest d. */
  build(): void {
    const { missingOnA, missingOnB } = split(this.#order, this.#maxD);
    for (const [name, missing] of [['a', missingOnA], ['b', missingOnB]] as const) {
      const t0 = performance.now();
      const skip = new Set(missing);
      const store = SqliteStore.open(join(this.#dir, `base-${name}.db`));
      const batch: VerifiedEvent[] = [];
      for (let i = 0; i < this.#events.length; i++) {
        if (!skip.has(i)) batch.push(this.#events[i]!);
        if (batch.length === 5000 || i === this.#events.length - 1) store.putMany(batch.splice(0));
      }
      store.close();
      log(`  replica ${name.toUpperCase()}: ${this.#events.length - skip.size} records stored in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
  }

  /** A fresh pair of stores differing by the first d differences (d <= the largest d); `close` deletes them. */
  open(d: number): { a: SqliteStore; b: SqliteStore; close(): void } {
    const full = split(this.#order, this.#maxD);
    const now = split(this.#order, d);
    const copy = this.#copies++;
    const side = (name: 'a' | 'b', missingFull: number[], missingNow: number[]) => {
      const path = join(this.#dir, `run-${copy}-${name}.db`);
      copyFileSync(join(this.#dir, `base-${name}.db`), path);
      const store = SqliteStore.open(path);
      const keep = new Set(missingNow);
      store.putMany(missingFull.filter((i) => !keep.has(i)).map((i) => this.#events[i]!));
      return store;
    };
    const a = side('a', full.missingOnA, now.missingOnA);
    const b = side('b', full.missingOnB, now.missingOnB);
    return {
      a,
      b,
      close: () => {
        a.close();
        b.close();
        for (const name of ['a', 'b']) rmSync(join(this.#dir, `run-${copy}-${name}.db`), { force: true });
      },
    };
  }
}

export interface KeruenRun {
  /** What actually reconciled: 'nip77', or the Keruen-only scheme when syncWith has it. */
  protocol: string;
  report: SyncReport;
  /** Bytes and flights counted by our proxy, the WebSocket handshake included. */
  wire: Counts;
  converged: boolean;
  ms: number;
}

export interface RunOptions {
  /** A running verifier pool, so no run pays for starting one (a slow window would not). */
  pool?: VerifierPool;
  shape?: LinkShape;
  /** Called when a record is stored on either side (A through the sync, B through its relay). */
  onStored?: (side: 'a' | 'b', event: VerifiedEvent) => void;
  /** Extra syncWith options that may not exist yet (blobs): passed as they are. */
  extra?: Record<string, unknown>;
}

/** The ids of a store, sorted: two replicas converged when these are equal. */
export function idsOf(store: EventStore): string[] {
  return [...store.iterate(5000)].map((e) => e.id).sort();
}

function sameIds(a: EventStore, b: EventStore): boolean {
  const x = idsOf(a);
  const y = idsOf(b);
  return x.length === y.length && x.every((id, k) => id === y[k]);
}

/**
 * A's store as syncWith sees it, telling `onStored` of every record it writes. The real store
 * does the work; methods run on it (not on the wrapper), since its fields are private.
 */
function watched(store: SqliteStore, onStored: (event: VerifiedEvent) => void): EventStore {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'putMany') {
        return (events: readonly VerifiedEvent[]) => {
          const outcomes = target.putMany(events);
          events.forEach((e, k) => outcomes[k]?.status === 'stored' && onStored(e));
          return outcomes;
        };
      }
      if (prop === 'put') {
        return (event: VerifiedEvent) => {
          const outcome = target.put(event);
          if (outcome.status === 'stored') onStored(event);
          return outcome;
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** One sync of A with B's relay through the proxy; A and B are converged afterwards. */
export async function syncKeruen(a: SqliteStore, b: SqliteStore, scheme: ReconcileScheme, opts: RunOptions = {}): Promise<KeruenRun> {
  const relay = await startRelayServer({ store: b, keepaliveMs: 0, onEvent: (e) => opts.onStored?.('b', e) });
  const proxy = await startProxy(portOf(relay.server), opts.shape);
  try {
    const t0 = performance.now();
    const local = opts.onStored ? watched(a, (e) => opts.onStored!('a', e)) : a;
    // `reconcile` is being added to syncWith: an older syncWith ignores it and reports nip77.
    const options: SyncOptions = { workers: 1, timeoutMs: 120_000, ...(opts.pool ? { pool: opts.pool } : {}), ...{ reconcile: scheme }, ...opts.extra };
    const report = await syncWith(local, proxy.url('ws'), options);
    const ms = performance.now() - t0;
    return { protocol: report.reconcile.protocol, report, wire: proxy.counts(), converged: sameIds(a, b), ms };
  } finally {
    await proxy.close();
    await relay.close();
  }
}
