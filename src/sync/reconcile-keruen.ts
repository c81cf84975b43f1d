/**
 * Keruen reconciliation, client side (docs/protocol.md, "Keruen reconciliation"): we send
 * rateless IBLT symbols of our set (src/sync/riblt), the relay peels the difference and answers
 * it whole. At d scattered differences it costs about 1.4 to 2 d symbols of 27 bytes and one or
 * two round trips, whatever the size of the sets; NIP-77 costs about 1 kB per difference.
 *
 * `reconcile` picks the protocol: Keruen's when the relay speaks it, else NIP-77 on the same
 * connection (a relay that does not know KRS-OPEN answers with a NOTICE or KRS-ERR "unsupported").
 */
import { randomBytes } from 'node:crypto';
import { KeruenError, isKeruenError } from '../core/errors.ts';
import { syncItemsFor } from '../store/sync-items.ts';
import type { EventStore, Filter } from '../store/types.ts';
import { ITEM_HEX, SymbolEncoder, encodeSymbols, itemsFromIds, toBase64 } from './riblt/index.ts';
import { reconcileNip77, type ReconcileOptions, type Reconciled } from './reconcile-nip77.ts';
import type { Link } from './link.ts';

export type ReconcileMode = 'auto' | 'nip77' | 'keruen';

export interface KeruenReconcileOptions {
  /** Symbols in the first message. Default 128: decodes about 80 differences in one round trip. */
  firstBatch?: number;
  /** Most symbols we put in one message, whatever the relay asks (6,000 is about 216 kB). */
  maxBatch?: number;
  onRound?: (roundTrips: number) => void;
}

const DEFAULT_FIRST_BATCH = 128;
const DEFAULT_MAX_BATCH = 6_000;
/** A session decodes in a handful of rounds (doubling at worst); more means a stalling relay. */
const MAX_ROUNDS = 40;
const ID = /^[0-9a-f]{64}$/;
const PREFIX = /^[0-9a-f]{32}$/;

/** Thrown when the relay does not speak Keruen reconciliation, so the caller can fall back. */
export function unsupported(url: string, said: string): KeruenError {
  return new KeruenError('blocked', `${url} does not speak Keruen reconciliation: it said "${said}"`, { unsupported: true });
}

export function isUnsupported(e: unknown): boolean {
  return isKeruenError(e) && (e.details as { unsupported?: unknown } | undefined)?.unsupported === true;
}

export async function reconcileKeruen(link: Link, store: EventStore, filter: Filter, opts: KeruenReconcileOptions = {}): Promise<Reconciled> {
  const sent0 = link.bytesSent;
  const received0 = link.bytesReceived;
  const maxBatch = opts.maxBatch ?? DEFAULT_MAX_BATCH;
  // Our own side has no item limit: it is our memory, and the relay applies its own.
  const ids = syncItemsFor(store, filter, Infinity).map((i) => i.id);
  const encoder = new SymbolEncoder(itemsFromIds(ids));
  const subId = `krs-${randomBytes(4).toString('hex')}`;
  const batch = (count: number) => toBase64(encodeSymbols(encoder.next(count)));
  link.send(['KRS-OPEN', subId, filter, { n: ids.length, symbols: batch(opts.firstBatch ?? DEFAULT_FIRST_BATCH), from: 0 }]);
  let roundTrips = 1;
  let answered = false;
  for (;;) {
    const m = await link.next();
    // A relay that does not know KRS-OPEN answers with a NOTICE (unknown message type).
    if (m[0] === 'NOTICE' && !answered) throw unsupported(link.url, String(m[1]));
    if (m[1] !== subId) continue;
    if (m[0] === 'KRS-ERR') {
      const reason = String(m[2]);
      if (!answered && /unsupported/i.test(reason)) throw unsupported(link.url, reason);
      throw new KeruenError('blocked', `${link.url} refused to reconcile: ${reason}`);
    }
    answered = true;
    opts.onRound?.(roundTrips);
    if (m[0] === 'KRS-DIFF') {
      const diff = parseDiff(link.url, m[2]);
      link.send(['KRS-CLOSE', subId]);
      return {
        need: diff.need,
        have: ourIds(ids, diff.have),
        protocol: 'keruen-riblt',
        traffic: { roundTrips, bytesSent: link.bytesSent - sent0, bytesReceived: link.bytesReceived - received0 },
      };
    }
    if (m[0] !== 'KRS-MORE') throw KeruenError.usage(`${link.url} sent ${String(m[0]).slice(0, 32)} during reconciliation`);
    const more = m[2] as { from?: unknown; count?: unknown } | null;
    if (more === null || typeof more !== 'object' || more.from !== encoder.produced) throw KeruenError.usage(`${link.url} asked for symbols from ${JSON.stringify((more as { from?: unknown } | null)?.from)}, we sent ${encoder.produced}`);
    if (++roundTrips > MAX_ROUNDS) throw new KeruenError('blocked', `${link.url} did not finish reconciling in ${MAX_ROUNDS} round trips`);
    // The relay's hint sizes the batch from its estimate of the difference; doubling otherwise.
    const hint = typeof more.count === 'number' && Number.isSafeInteger(more.count) && more.count > 0 ? more.count : encoder.produced;
    link.send(['KRS-MSG', subId, { from: encoder.produced, symbols: batch(Math.min(hint, maxBatch)) }]);
  }
}

/** Keruen reconciliation where the relay speaks it, NIP-77 otherwise, on the same link. */
export async function reconcile(link: Link, store: EventStore, filter: Filter, mode: ReconcileMode, opts: ReconcileOptions & KeruenReconcileOptions = {}): Promise<Reconciled> {
  if (mode === 'nip77') return reconcileNip77(link, store, filter, opts);
  const sent0 = link.bytesSent;
  const received0 = link.bytesReceived;
  try {
    return await reconcileKeruen(link, store, filter, opts);
  } catch (e) {
    if (mode === 'keruen' || !isUnsupported(e)) throw e;
  }
  // The refused attempt cost a round trip and its bytes: the report counts them.
  const r = await reconcileNip77(link, store, filter, opts);
  return { ...r, traffic: { roundTrips: r.traffic.roundTrips + 1, bytesSent: link.bytesSent - sent0, bytesReceived: link.bytesReceived - received0 } };
}

function parseDiff(url: string, body: unknown): { need: string[]; have: string[] } {
  const bad = (what: string) => KeruenError.usage(`${url} sent a KRS-DIFF whose ${what}`);
  if (body === null || typeof body !== 'object') throw bad('body is not an object');
  const { need, have } = body as { need?: unknown; have?: unknown };
  if (!Array.isArray(need) || !need.every((id): id is string => typeof id === 'string' && ID.test(id))) throw bad('"need" is not a list of ids');
  if (!Array.isArray(have) || !have.every((p): p is string => typeof p === 'string' && PREFIX.test(p))) throw bad('"have" is not a list of 32-hex prefixes');
  return { need, have };
}

/** Our full ids for the prefixes the relay lacks; a prefix we do not hold is ignored. */
function ourIds(ids: string[], prefixes: string[]): string[] {
  if (prefixes.length === 0) return [];
  const wanted = new Set(prefixes);
  return ids.filter((id) => wanted.has(id.slice(0, ITEM_HEX)));
}
