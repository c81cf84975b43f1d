/**
 * Syncing on its own with every peer the node knows: those configured by address (peers.json)
 * and accepted nodes found on the LAN (mdns.ts). Each peer is synced at start, then every
 * interval, sooner when a record arrives here (throttled, so a burst makes one sync), with
 * exponential backoff while it fails, and never twice at once. Records pulled from one peer
 * count as arrivals for the others: that is what lets one node carry records across a circle.
 *
 * A peer that sends records our checks refuse (forged, broken) or protocol frames we cannot
 * read is marked misbehaving: syncing with it pauses, and the user is told why, until they trust
 * it again (`keruen peers trust <name>`, read from peer-trust.ts) or restart the node. An honest
 * Keruen node never serves such records (its relay refuses them on the way in), so one is enough.
 */
import { KeruenError } from '../core/errors.ts';
import type { PublicKey } from '../core/ids.ts';
import type { EventStore } from '../store/types.ts';
import type { VerifierPool } from '../store/verifier-pool.ts';
import type { SyncReport } from '../sync/client.ts';
import { syncUntilDone } from '../sync/resume.ts';
import { npubOf, proveRemoteNode, upgradeAuthHeader, type NodeKey } from './node-key.ts';

export interface PeerTarget {
  /** Stable across rounds: `url:<address>` for configured peers, `key:<hex>` for LAN ones. */
  id: string;
  name: string;
  /** The relay's address, ws://... */
  url: string;
  /** The node key it must prove before we sync (LAN peers always; configured ones if pinned). */
  key?: PublicKey;
  source: 'config' | 'lan';
}

export interface SyncOutcome {
  /** Records the peer took from us, and records we stored from it. */
  sent: number;
  received: number;
  report?: SyncReport;
  /** What the peer sent that was invalid (records refused, with why): the peer is then paused. */
  invalid?: string[];
}

/** Thrown by a sync when the peer broke the protocol (frames we cannot read): the peer is paused. */
export function peerMisbehaved(url: string, reason: string): KeruenError {
  return new KeruenError('invalid_event', `${url} sent a broken protocol frame: ${reason}`, { misbehaved: true });
}

function isMisbehaviour(e: unknown): e is KeruenError {
  return e instanceof KeruenError && (e.details as { misbehaved?: unknown } | undefined)?.misbehaved === true;
}

export type SyncOnce = (target: PeerTarget) => Promise<SyncOutcome>;

export interface PeerState {
  id: string;
  name: string;
  url: string;
  key?: string;
  source: 'config' | 'lan';
  syncing: boolean;
  lastAttempt?: string;
  lastSuccess?: string;
  lastError?: string;
  /** Failures in a row (0 after a success). */
  failures: number;
  nextSync?: string;
  syncs: number;
  /** Totals since the node started. */
  sent: number;
  received: number;
  /** Set while syncing is paused because the peer sent invalid data; `reasons` say what. */
  misbehaving?: { since: string; reasons: string[] };
}

export interface PeerSyncerOptions {
  /** The peers to sync with now; asked at every refresh (the config may change under us). */
  targets: () => PeerTarget[];
  syncOnce: SyncOnce;
  /** Between syncs with one peer when nothing happens. Default 60 s. */
  intervalMs?: number;
  /** After a local arrival, wait this long so that a burst makes one sync. Default 2 s. */
  debounceMs?: number;
  /** First retry after a failure, doubled each time up to maxMs. Default 5 s and 10 min. */
  backoffMinMs?: number;
  backoffMaxMs?: number;
  /** How often the targets are looked at. Default 2 s. */
  refreshMs?: number;
  /**
   * A number that changes when records arrive by a way the node does not see (another process
   * writing the same store, like `keruen add` while the node runs). Default: none.
   */
  changeProbe?: () => number;
  /** How often `changeProbe` is asked, when there are peers (a count costs a scan). Default 10 s. */
  probeMs?: number;
  /** When the user last trusted a peer again (ms since the epoch): resumes a paused peer. */
  trustedSince?: (target: PeerTarget) => number | undefined;
  log?: (line: string) => void;
}

interface Entry {
  target: PeerTarget;
  state: PeerState;
  timer: NodeJS.Timeout | undefined;
  dueAt: number;
  /** A local arrival came while it was syncing: sync again soon after. */
  again: boolean;
  running: Promise<void> | undefined;
}

export class PeerSyncer {
  readonly #opts: Required<Omit<PeerSyncerOptions, 'changeProbe' | 'trustedSince'>> & Pick<PeerSyncerOptions, 'changeProbe' | 'trustedSince'>;
  readonly #entries = new Map<string, Entry>();
  #refreshTimer: NodeJS.Timeout | undefined;
  #stopped = true;
  #lastProbe: number | undefined;
  #probedAt = 0;
  #lastTargetsError: string | undefined;

  constructor(opts: PeerSyncerOptions) {
    this.#opts = {
      intervalMs: 60_000,
      debounceMs: 2_000,
      backoffMinMs: 5_000,
      backoffMaxMs: 10 * 60_000,
      refreshMs: 2_000,
      probeMs: 10_000,
      log: (line) => process.stderr.write(`${line}\n`),
      ...opts,
    };
  }

  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.refresh();
    this.#refreshTimer = setInterval(() => this.refresh(), this.#opts.refreshMs).unref();
  }

  /** Stops scheduling and waits for syncs under way (they end at their own timeout at worst). */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#refreshTimer);
    const running: Promise<void>[] = [];
    for (const e of this.#entries.values()) {
      clearTimeout(e.timer);
      if (e.running !== undefined) running.push(e.running);
    }
    await Promise.all(running);
  }

  states(): PeerState[] {
    return [...this.#entries.values()].map((e) => ({ ...e.state, ...(e.timer !== undefined && !e.state.syncing ? { nextSync: new Date(e.dueAt).toISOString() } : {}) }));
  }

  /** Records arrived here: sync soon with every peer but `exceptId` (where they came from). */
  notifyLocalChange(exceptId?: string): void {
    if (this.#stopped) return;
    const soon = Date.now() + this.#opts.debounceMs;
    for (const e of this.#entries.values()) {
      if (e.target.id === exceptId) continue;
      if (e.running !== undefined) e.again = true;
      // A failing peer keeps its backoff; one already due sooner keeps its time (a burst of
      // arrivals must not keep pushing its sync back).
      else if (e.state.failures === 0 && e.dueAt > soon) this.#schedule(e, this.#opts.debounceMs);
    }
  }

  /** Picks up added and removed peers, and arrivals the node did not see. */
  refresh(): void {
    if (this.#stopped) return;
    let targets: PeerTarget[];
    try {
      targets = this.#opts.targets();
      this.#lastTargetsError = undefined;
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      // Said once, not every 2 s; the peers we had keep syncing.
      if (msg !== this.#lastTargetsError) this.#opts.log(`peers: ${msg}`);
      this.#lastTargetsError = msg;
      return;
    }
    const seen = new Set<string>();
    for (const t of targets) {
      seen.add(t.id);
      const e = this.#entries.get(t.id);
      if (e === undefined) {
        const entry: Entry = { target: t, state: initialState(t), timer: undefined, dueAt: 0, again: false, running: undefined };
        this.#entries.set(t.id, entry);
        this.#schedule(entry, 0);
      } else if (e.target.url !== t.url || e.target.key !== t.key || e.target.name !== t.name) {
        // Moved to another address (DHCP) or re-pinned: keep the counters, use the new target,
        // and try it now rather than at the next interval.
        const moved = e.target.url !== t.url || e.target.key !== t.key;
        e.target = t;
        Object.assign(e.state, { name: t.name, url: t.url });
        if (t.key !== undefined) e.state.key = t.key;
        else delete e.state.key;
        if (moved && e.running === undefined) this.#schedule(e, 0);
        else if (moved) e.again = true;
      }
    }
    for (const [id, e] of this.#entries) {
      if (seen.has(id)) continue;
      clearTimeout(e.timer);
      this.#entries.delete(id);
    }
    for (const e of this.#entries.values()) if (e.state.misbehaving !== undefined) this.#maybeTrusted(e);
    if (this.#entries.size > 0 && Date.now() - this.#probedAt >= this.#opts.probeMs) this.#probe(true);
  }

  /** Reads the probe; a change since last time is an arrival (unless `notify` is false). */
  #probe(notify: boolean): void {
    if (this.#opts.changeProbe === undefined) return;
    this.#probedAt = Date.now();
    try {
      const v = this.#opts.changeProbe();
      if (notify && this.#lastProbe !== undefined && v !== this.#lastProbe) this.notifyLocalChange();
      this.#lastProbe = v;
    } catch (e) {
      this.#opts.log(`peers: cannot read the store: ${(e as Error).message}`);
    }
  }

  /** A paused peer the user trusted again since it was paused: resumed now. */
  #maybeTrusted(e: Entry): void {
    const paused = e.state.misbehaving;
    if (paused === undefined || e.running !== undefined) return;
    let trusted: number | undefined;
    try {
      trusted = this.#opts.trustedSince?.(e.target);
    } catch (err) {
      this.#opts.log(`peers: cannot read who was trusted again: ${(err as Error).message}`);
      return;
    }
    if (trusted === undefined || trusted < Date.parse(paused.since)) return;
    delete e.state.misbehaving;
    this.#opts.log(`peers: ${e.target.name} (${e.target.url}) trusted again: syncing with it resumes`);
    this.#schedule(e, 0);
  }

  #pause(e: Entry, reasons: string[]): void {
    e.state.misbehaving = { since: new Date().toISOString(), reasons: reasons.slice(0, 20) };
    clearTimeout(e.timer);
    e.timer = undefined;
    const shown = reasons.slice(0, 3).join('; ') + (reasons.length > 3 ? `; and ${reasons.length - 3} more` : '');
    this.#opts.log(`peers: ${e.target.name} (${e.target.url}) sent invalid data (${shown}). Syncing with it is paused; nothing invalid was stored. If you trust it again: keruen peers trust ${e.target.name}`);
  }

  #schedule(e: Entry, delayMs: number): void {
    clearTimeout(e.timer);
    // A paused peer is synced with only after the user trusts it again (#maybeTrusted).
    if (e.state.misbehaving !== undefined) {
      e.timer = undefined;
      return;
    }
    e.dueAt = Date.now() + delayMs;
    e.timer = setTimeout(() => {
      e.timer = undefined;
      e.running = this.#run(e).finally(() => (e.running = undefined));
    }, delayMs).unref();
  }

  async #run(e: Entry): Promise<void> {
    if (this.#stopped || this.#entries.get(e.target.id) !== e) return;
    const target = e.target;
    e.state.syncing = true;
    e.again = false;
    e.state.lastAttempt = new Date().toISOString();
    let next: number;
    try {
      const outcome = await this.#opts.syncOnce(target);
      e.state.failures = 0;
      e.state.lastSuccess = new Date().toISOString();
      delete e.state.lastError;
      e.state.syncs++;
      e.state.sent += outcome.sent;
      e.state.received += outcome.received;
      if (outcome.sent > 0 || outcome.received > 0) this.#opts.log(`peers: synced with ${target.name}: sent ${outcome.sent}, received ${outcome.received}`);
      if (outcome.received > 0) this.notifyLocalChange(target.id);
      // What this sync stored is told above; the probe must not count it again for every peer.
      if (outcome.received > 0) this.#probe(false);
      next = e.again ? this.#opts.debounceMs : this.#opts.intervalMs;
      if (outcome.invalid !== undefined && outcome.invalid.length > 0) this.#pause(e, outcome.invalid);
    } catch (err) {
      if (isMisbehaviour(err)) this.#pause(e, [err.message]);
      e.state.failures++;
      e.state.lastError = err instanceof Error ? err.message : String(err);
      next = Math.min(this.#opts.backoffMaxMs, this.#opts.backoffMinMs * 2 ** (e.state.failures - 1));
      this.#opts.log(`peers: sync with ${target.name} (${target.url}) failed: ${e.state.lastError}; next try in ${Math.round(next / 1000)} s`);
    } finally {
      e.state.syncing = false;
    }
    if (!this.#stopped && this.#entries.get(target.id) === e) this.#schedule(e, next);
  }
}

function initialState(t: PeerTarget): PeerState {
  return { id: t.id, name: t.name, url: t.url, ...(t.key !== undefined ? { key: t.key } : {}), source: t.source, syncing: false, failures: 0, syncs: 0, sent: 0, received: 0 };
}

export interface NodeSyncDeps {
  store: EventStore;
  nodeKey: NodeKey;
  /** Shared verifier workers for pulled records. */
  pool: () => Promise<VerifierPool>;
  timeoutMs?: number;
}

/**
 * One sync with one peer, the way a node does it: prove the peer's key (and abort on a
 * mismatch), sign our NIP-98 header for it, then `syncUntilDone`. A configured peer with no pinned
 * key that is not a Keruen node (strfry, say) is synced without the proof.
 */
export function nodeSyncOnce(deps: NodeSyncDeps): SyncOnce {
  const timeoutMs = deps.timeoutMs ?? 30_000;
  return async (target) => {
    let serverKey: PublicKey | undefined;
    try {
      serverKey = await proveRemoteNode(target.url, target.key, Math.min(timeoutMs, 10_000));
    } catch (e) {
      const plainRelay = e instanceof KeruenError && e.code === 'not_found' && target.key === undefined;
      if (!plainRelay) {
        if (e instanceof KeruenError && e.code === 'blocked') throw new KeruenError('blocked', `${e.message}; sync with ${target.url} aborted`);
        throw e;
      }
    }
    const headers = serverKey !== undefined ? { authorization: upgradeAuthHeader(deps.nodeKey, target.url, serverKey) } : undefined;
    // A link cut mid-sync is resumed at once, a few times (syncUntilDone); a peer that stays
    // away is left to the syncer's slower backoff. The header stays valid for 60 s: a resume
    // after that is refused, and the next round signs a fresh one.
    let resumed;
    try {
      resumed = await syncUntilDone(deps.store, target.url, { pool: await deps.pool(), timeoutMs, attempts: 3, backoffMs: 500, maxBackoffMs: 2000, ...(headers !== undefined ? { headers } : {}) });
    } catch (e) {
      // Our side's inputs are checked before this point (the address in peers.json, the options
      // above), so a usage error now comes from decoding what the peer sent.
      if (e instanceof KeruenError && e.code === 'usage') throw peerMisbehaved(target.url, e.message);
      throw e;
    }
    const report = resumed.final;
    const invalid = report.pulled.rejected.map((r) => `record ${r.id.slice(0, 16)} refused: ${r.reason}`);
    // Counts are those of the attempt that finished (records moved before a cut are not in them).
    return { sent: report.pushed.accepted, received: report.pulled.stored, report, ...(invalid.length > 0 ? { invalid } : {}) };
  };
}

export function describeTarget(t: PeerTarget): string {
  return `${t.name} ${t.url}${t.key !== undefined ? ` (${npubOf(t.key)})` : ''}`;
}
