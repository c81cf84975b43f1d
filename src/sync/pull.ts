/**
 * Fetching what the relay has and we lack: REQ by ids, in batches, several in flight, the
 * domain's text records first and media descriptors after, so a window that closes early has
 * brought the testimony. Every event goes through the same verification and store path as a
 * file import (ingestJsonl and its verifier pool): nothing a peer sends is trusted.
 */
import { KeruenError } from '../core/errors.ts';
import { MAX_EVENT_BYTES } from '../core/event.ts';
import { ACCEPTED_KINDS, Kind } from '../core/kinds.ts';
import { ingestJsonl } from '../store/ingest.ts';
import type { VerifierPool } from '../store/verifier-pool.ts';
import type { EventStore, Filter } from '../store/types.ts';
import type { Link } from './link.ts';
import { receivingStore } from '../store/provenance.ts';

export interface PullResult {
  stored: number;
  duplicate: number;
  superseded: number;
  /** Sent by the relay but refused here (bad signature, unknown kind, broken record). */
  rejected: { id: string; reason: string }[];
  /** Asked for but never sent (deleted meanwhile, or withheld). */
  missing: string[];
  /** REQ messages sent. */
  requests: number;
}

export interface PullOptions {
  pool: VerifierPool;
  /** Ids per REQ; a Keruen relay answers at most 1,000 events per filter. Default 250. */
  batchSize?: number;
  /** REQs open at once (a relay allows about 20 subscriptions). Default 8. */
  inFlight?: number;
  onProgress?: (received: number) => void;
  /**
   * Fetch only the text kinds (everything but media descriptors); the rest is left in `missing`
   * for a later call, so a sync can move text both ways before any media.
   */
  textOnly?: boolean;
}

/** Kinds fetched in the first pass: every kind the node stores except media descriptors. */
export function textFirstKinds(filter: Filter): number[] {
  const text = [...ACCEPTED_KINDS].filter((k) => k !== Kind.MediaDescriptor);
  return filter.kinds === undefined ? text : filter.kinds.filter((k) => text.includes(k));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function claimedId(event: unknown): string | undefined {
  const id = event !== null && typeof event === 'object' ? (event as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}

export async function pull(link: Link, store: EventStore, need: readonly string[], filter: Filter, opts: PullOptions): Promise<PullResult> {
  const result: PullResult = { stored: 0, duplicate: 0, superseded: 0, rejected: [], missing: [], requests: 0 };
  const wanted = new Set(need);
  // Provenance: what this sync stores is noted as received from this relay (store/provenance.ts).
  const receiving = receivingStore(store, `sync:${link.url}`);
  const received = new Set<string>();
  let pending: { id: string; line: string }[] = [];

  const ingest = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const r = await ingestJsonl(
      batch.map((b) => b.line),
      receiving,
      { pool: opts.pool, maxEventBytes: MAX_EVENT_BYTES },
    );
    result.stored += r.stored;
    result.duplicate += r.duplicate;
    result.superseded += r.superseded;
    for (const bad of r.invalid) result.rejected.push({ id: batch[bad.line - 1]?.id ?? '?', reason: bad.reason });
  };

  const fetchPass = async (ids: string[], extra: Filter) => {
    const size = opts.batchSize ?? 250;
    const batches: string[][] = [];
    for (let i = 0; i < ids.length; i += size) batches.push(ids.slice(i, i + size));
    const open = new Map<string, string[]>();
    let seq = 0;
    const launch = () => {
      while (open.size < (opts.inFlight ?? 8) && batches.length > 0) {
        const batch = batches.shift()!;
        const subId = `pull-${seq++}`;
        open.set(subId, batch);
        link.send(['REQ', subId, { ...extra, ids: batch }]);
        result.requests++;
      }
    };
    launch();
    while (open.size > 0) {
      const m = await link.next();
      const subId = m[1];
      if (typeof subId !== 'string' || !open.has(subId)) continue;
      if (m[0] === 'EVENT') {
        const id = claimedId(m[2]);
        // Only what we asked for, once: a relay cannot slip other records in through a sync.
        if (id === undefined || !wanted.has(id) || received.has(id)) continue;
        received.add(id);
        pending.push({ id, line: JSON.stringify(m[2]) });
        opts.onProgress?.(received.size);
        // Stored in small batches: a link cut mid-pull keeps what arrived (one transaction each).
        if (pending.length >= 200) await ingest();
      } else if (m[0] === 'EOSE') {
        // Subscriptions stay open after EOSE (NIP-01): close it to free the relay's slot.
        link.send(['CLOSE', subId]);
        open.delete(subId);
        launch();
      } else if (m[0] === 'CLOSED') {
        const batch = open.get(subId)!;
        open.delete(subId);
        if (String(m[2]).startsWith('rate-limited')) {
          await sleep(1000);
          batches.push(batch.filter((id) => !received.has(id)));
        }
        launch();
      }
    }
    await ingest();
  };

  const text = textFirstKinds(filter);
  if (text.length > 0) await fetchPass([...wanted], { kinds: text });
  if (opts.textOnly !== true) await fetchPass([...wanted].filter((id) => !received.has(id)), {});
  result.missing = [...wanted].filter((id) => !received.has(id));
  if (result.stored + result.duplicate + result.superseded + result.rejected.length !== received.size) {
    throw new KeruenError('internal', 'pull lost count of the records it received');
  }
  return result;
}
