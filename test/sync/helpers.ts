/** Peers for sync tests: real signed domain records, a store, and our relay in front of it. */
import { randomBytes } from 'node:crypto';
import { generateSecretKey } from 'nostr-tools/pure';
import { signEvent, type VerifiedEvent } from '../../src/core/event.ts';
import { Kind } from '../../src/core/kinds.ts';
import { startRelayServer, type RunningRelay, type StartRelayOptions } from '../../src/relay/server.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import type { EventStore } from '../../src/store/types.ts';
import { record } from '../helpers/records.ts';

const sk = generateSecretKey();

/** `n` people of concern, one second apart from `t0`: small, valid, distinct records. */
export function people(n: number, t0 = 1_641_340_800, prefix = 'P'): VerifiedEvent[] {
  return Array.from({ length: n }, (_, i) => record(sk, Kind.PersonOfConcern, { lang: 'en', name: `${prefix}${i}` }, [], t0 + i));
}

export function mediaDescriptor(createdAt = 1_641_340_800): VerifiedEvent {
  const tags = [['x', randomBytes(32).toString('hex')], ['m', 'image/jpeg'], ['size', '1234'], ['redaction', 'exif-gps-removed']];
  return signEvent({ kind: Kind.MediaDescriptor, created_at: createdAt, tags, content: 'Photo, 5 January' }, sk);
}

export interface Peer {
  store: EventStore;
  relay: RunningRelay;
  url: string;
  /** Events stored through the relay, in arrival order. */
  arrived: VerifiedEvent[];
  close(): Promise<void>;
}

export async function peer(events: VerifiedEvent[] = [], opts: Partial<StartRelayOptions> = {}): Promise<Peer> {
  const store = opts.store ?? SqliteStore.open(':memory:');
  store.putMany(events);
  const arrived: VerifiedEvent[] = [];
  const relay = await startRelayServer({ keepaliveMs: 0, onEvent: (e) => arrived.push(e), ...opts, store });
  return {
    store,
    relay,
    url: relay.url,
    arrived,
    close: async () => {
      await relay.close();
      store.close();
    },
  };
}

export function idsOf(store: EventStore): string[] {
  return [...store.iterate()].map((e) => e.id).sort();
}
