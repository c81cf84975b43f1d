/**
 * Reconciliation over NIP-77 (negentropy), the protocol every link can fall back on: our
 * initiator against any NIP-77 relay (a Keruen node, strfry...). Ids come back as full hex.
 */
import { randomBytes } from 'node:crypto';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { KeruenError } from '../core/errors.ts';
import { syncItemsFor } from '../store/sync-items.ts';
import type { EventStore, Filter } from '../store/types.ts';
import { Negentropy, VectorStorage } from './negentropy/index.ts';
import type { Link } from './link.ts';

export interface Traffic {
  roundTrips: number;
  bytesSent: number;
  bytesReceived: number;
}

/** What a reconciliation found: ids we have and the relay lacks, and the reverse. */
export interface Reconciled {
  have: string[];
  need: string[];
  traffic: Traffic;
  /** Which protocol did it ('nip77', or a Keruen-only one between two Keruen nodes). */
  protocol: string;
}

export interface ReconcileOptions {
  /** Largest negentropy message we write (binary bytes; hex doubles it). Default 60,000. */
  frameSizeLimit?: number;
  onRound?: (roundTrips: number) => void;
}

const HEX = /^(?:[0-9a-f]{2})+$/;
/**
 * Honest reconciliations end in about log16(n) rounds (17 for 1,000 scattered differences in
 * 100,000); a relay that keeps answering past this is broken or stalling us.
 */
const MAX_ROUNDS = 200;

export async function reconcileNip77(link: Link, store: EventStore, filter: Filter, opts: ReconcileOptions = {}): Promise<Reconciled> {
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
    opts.onRound?.(roundTrips);
    if (round.message === null) break;
    if (++roundTrips > MAX_ROUNDS) throw new KeruenError('blocked', `${link.url} did not finish reconciling in ${MAX_ROUNDS} round trips`);
    link.send(['NEG-MSG', subId, bytesToHex(round.message)]);
  }
  link.send(['NEG-CLOSE', subId]);
  return { have, need, protocol: 'nip77', traffic: { roundTrips, bytesSent: link.bytesSent - sent0, bytesReceived: link.bytesReceived - received0 } };
}
