/**
 * `syncWith`: one sync with one relay over NIP-77. Reconcile the sets (our negentropy
 * initiator; the relay may be a Keruen node or any NIP-77 relay such as strfry), then push what
 * it lacks and pull what we lack. Pushing comes first: what this node holds may exist nowhere
 * else, while what it pulls is at least on the relay. Counts, round trips and bytes are
 * reported, because on a two-hour window they are what the user pays.
 */
import { randomBytes } from 'node:crypto';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { KeruenError } from '../core/errors.ts';
import { VerifierPool } from '../store/verifier-pool.ts';
import { syncItemsFor } from '../store/sync-items.ts';
import type { EventStore, Filter } from '../store/types.ts';
import { Negentropy, VectorStorage } from './negentropy/index.ts';
import { RelayLink } from './link.ts';
import { pull, type PullResult } from './pull.ts';
import { push, type PushResult } from './push.ts';

export type SyncDirection = 'both' | 'pull' | 'push';

export interface SyncProgress {
  phase: 'reconcile' | 'push' | 'pull';
  done: number;
  total: number;
  bytesSent: number;
  bytesReceived: number;
}

export interface SyncOptions {
  /** Which records to reconcile (NIP-01 filter, no `search`). Default: all. */
  filter?: Filter;
  direction?: SyncDirection;
  onProgress?: (p: SyncProgress) => void;
  /** Verifier workers for pulled records (default one per core), or a running pool to share. */
  workers?: number;
  pool?: VerifierPool;
  /** Largest negentropy message we write (binary bytes; hex doubles it). Default 60,000. */
  frameSizeLimit?: number;
  /** Wait for the connection and for each message. Default 30 s. */
  timeoutMs?: number;
}

export interface Traffic {
  roundTrips: number;
  bytesSent: number;
  bytesReceived: number;
}

export interface SyncReport {
  relay: string;
  /** Records we have and the relay lacked, and the reverse (within the filter). */
  have: number;
  need: number;
  reconcile: Traffic;
  pushed: PushResult;
  pulled: PullResult;
  /** The whole sync, reconciliation included. */
  bytesSent: number;
  bytesReceived: number;
  ms: number;
}

const HEX = /^(?:[0-9a-f]{2})+$/;
/**
 * Honest reconciliations end in about log16(n) rounds (17 for 1,000 scattered differences in
 * 100,000); a relay that keeps answering past this is broken or stalling us.
 */
const MAX_ROUNDS = 200;

async function reconcile(link: RelayLink, store: EventStore, filter: Filter, opts: SyncOptions): Promise<{ have: string[]; need: string[]; traffic: Traffic }> {
  const sent0 = link.bytesSent;
  const received0 = link.bytesReceived;
  // Our own side has no item limit: it is our memory, and the relay applies its own.
  const neg = new Negentropy(VectorStorage.from(syncItemsFor(store, filter, Infinity)), 'initiator', { frameSizeLimit: opts.frameSizeLimit ?? 60_000 });
  const subId = `neg-${randomBytes(4).toString('hex')}`;
  const have: string[] = [];
  const need: string[] = [];
  link.send(['NEG-OPEN', subId, filter, bytesToHex(neg.initiate())]);
  let roundTrips = 1;
  for (;;) {
    const m = await link.next();
    if (m[0] === 'NEG-ERR' && m[1] === subId) throw new KeruenError('blocked', `${link.url} refused to reconcile: ${String(m[2])}`);
    // A relay without NIP-77 answers NEG-OPEN with a NOTICE (unknown message type).
    if (m[0] === 'NOTICE') throw new KeruenError('blocked', `${link.url} does not reconcile (NIP-77): it said "${String(m[1])}"`);
    if (m[0] !== 'NEG-MSG' || m[1] !== subId) continue;
    if (typeof m[2] !== 'string' || !HEX.test(m[2])) throw KeruenError.usage(`${link.url} sent a NEG-MSG that is not hex`);
    const round = neg.reconcile(hexToBytes(m[2]));
    have.push(...round.have);
    need.push(...round.need);
    opts.onProgress?.({ phase: 'reconcile', done: roundTrips, total: 0, bytesSent: link.bytesSent, bytesReceived: link.bytesReceived });
    if (round.message === null) break;
    if (++roundTrips > MAX_ROUNDS) throw new KeruenError('blocked', `${link.url} did not finish reconciling in ${MAX_ROUNDS} round trips`);
    link.send(['NEG-MSG', subId, bytesToHex(round.message)]);
  }
  link.send(['NEG-CLOSE', subId]);
  return { have, need, traffic: { roundTrips, bytesSent: link.bytesSent - sent0, bytesReceived: link.bytesReceived - received0 } };
}

export async function syncWith(store: EventStore, relayUrl: string, opts: SyncOptions = {}): Promise<SyncReport> {
  const started = Date.now();
  const filter = opts.filter ?? {};
  const direction = opts.direction ?? 'both';
  const link = await RelayLink.open(relayUrl, opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {});
  let ownPool: VerifierPool | undefined;
  try {
    const { have, need, traffic } = await reconcile(link, store, filter, opts);
    const progress = (phase: 'push' | 'pull', total: number) => (done: number) =>
      opts.onProgress?.({ phase, done, total, bytesSent: link.bytesSent, bytesReceived: link.bytesReceived });
    const pushed: PushResult = direction === 'pull' || have.length === 0 ? { accepted: 0, duplicate: 0, rejected: [] } : await push(link, store, have, { onProgress: progress('push', have.length) });
    let pulled: PullResult = { stored: 0, duplicate: 0, superseded: 0, rejected: [], missing: [], requests: 0 };
    if (direction !== 'push' && need.length > 0) {
      const pool = opts.pool ?? (ownPool = await VerifierPool.start(opts.workers));
      pulled = await pull(link, store, need, filter, { pool, onProgress: progress('pull', need.length) });
    }
    return {
      relay: relayUrl,
      have: have.length,
      need: need.length,
      reconcile: traffic,
      pushed,
      pulled,
      bytesSent: link.bytesSent,
      bytesReceived: link.bytesReceived,
      ms: Date.now() - started,
    };
  } finally {
    link.close();
    await ownPool?.close();
  }
}
