/**
 * `syncWith`: one sync with one relay over NIP-77. Reconcile the sets (our negentropy
 * initiator; the relay may be a Keruen node or any NIP-77 relay such as strfry), then push what
 * it lacks and pull what we lack. Pushing comes first: what this node holds may exist nowhere
 * else, while what it pulls is at least on the relay. Counts, round trips and bytes are
 * reported, because on a two-hour window they are what the user pays.
 */
import type http from 'node:http';
import { Kind } from '../core/kinds.ts';
import type { BlobStore } from '../node/blobs.ts';
import { VerifierPool } from '../store/verifier-pool.ts';
import type { EventStore, Filter } from '../store/types.ts';
import { openLink } from './link.ts';
import type { Traffic } from './reconcile-nip77.ts';
import { reconcile, type ReconcileMode } from './reconcile-keruen.ts';
import { pull, type PullResult } from './pull.ts';
import { push, type PushResult } from './push.ts';
import { syncMedia, type MediaResult } from './media.ts';
import { proxyAgent } from './proxy.ts';

export type SyncDirection = 'both' | 'pull' | 'push';

export interface SyncProgress {
  /** 'media': done and total are bytes of blobs, not records. */
  phase: 'reconcile' | 'push' | 'pull' | 'media';
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
  /**
   * 'keruen': rateless IBLT reconciliation (Keruen nodes only; src/sync/reconcile-keruen.ts);
   * 'nip77': negentropy (any NIP-77 relay); 'auto' (default): Keruen's, else NIP-77 on the same link.
   */
  reconcile?: ReconcileMode;
  /** Wait for the connection and for each message. Default 30 s. */
  timeoutMs?: number;
  /** Extra headers on the WebSocket upgrade (a node's NIP-98 Authorization, for one). */
  headers?: Record<string, string>;
  /** socks5://, socks5h://, socks4:// or http:// proxy (sync/proxy.ts). Default: direct. */
  proxy?: string;
  /** This node's blobs: given, the media that descriptors name moves after the records (media.ts). */
  blobs?: BlobStore;
  /** For the media's HTTP requests (a proxy's agent), so they take the same way as the records. */
  agent?: http.Agent;
  /** Signs media upload authorizations (an unlocked identity). Default: a throwaway key. */
  authKey?: Uint8Array;
  /** NIP-42: keys to answer the relay's AUTH with (node key, circle keys), so it serves their gift wraps. */
  authSecretKeys?: readonly Uint8Array[];
}

export type { Traffic } from './reconcile-nip77.ts';

export interface SyncReport {
  relay: string;
  /** Records we have and the relay lacked, and the reverse (within the filter). */
  have: number;
  need: number;
  reconcile: Traffic & { protocol: string };
  pushed: PushResult;
  pulled: PullResult;
  /** Present when blobs were given and media descriptors are within the filter. */
  media?: MediaResult;
  /** The whole sync, reconciliation (and media) included. */
  bytesSent: number;
  bytesReceived: number;
  ms: number;
}

export async function syncWith(store: EventStore, relayUrl: string, opts: SyncOptions = {}): Promise<SyncReport> {
  const started = Date.now();
  const filter = opts.filter ?? {};
  const direction = opts.direction ?? 'both';
  const link = await openLink(relayUrl, {
    ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
    ...(opts.headers !== undefined ? { headers: opts.headers } : {}),
    ...(opts.proxy !== undefined ? { proxy: opts.proxy } : {}),
    ...(opts.authSecretKeys !== undefined ? { authSecretKeys: opts.authSecretKeys } : {}),
  });
  let ownPool: VerifierPool | undefined;
  try {
    const onRound = (done: number) => opts.onProgress?.({ phase: 'reconcile', done, total: 0, bytesSent: link.bytesSent, bytesReceived: link.bytesReceived });
    const { have, need, traffic, protocol } = await reconcile(link, store, filter, opts.reconcile ?? 'auto', { onRound, ...(opts.frameSizeLimit !== undefined ? { frameSizeLimit: opts.frameSizeLimit } : {}) });
    const progress = (phase: 'push' | 'pull', total: number) => (done: number) =>
      opts.onProgress?.({ phase, done, total, bytesSent: link.bytesSent, bytesReceived: link.bytesReceived });
    // Text both ways before any media descriptor either way: a window that closes early has moved
    // every testimony. Our own kinds are known here; the relay's come back from the text pass.
    const pushText: string[] = [];
    const pushMedia: string[] = [];
    for (const id of have) (store.get(id)?.kind === Kind.MediaDescriptor ? pushMedia : pushText).push(id);
    const pushed: PushResult = { accepted: 0, duplicate: 0, rejected: [] };
    const pushSome = async (ids: string[]) => {
      if (direction === 'pull' || ids.length === 0) return;
      const r = await push(link, store, ids, { onProgress: (done) => progress('push', have.length)(pushed.accepted + pushed.duplicate + pushed.rejected.length + done) });
      pushed.accepted += r.accepted;
      pushed.duplicate += r.duplicate;
      pushed.rejected.push(...r.rejected);
    };
    let pulled: PullResult = { stored: 0, duplicate: 0, superseded: 0, rejected: [], missing: [], requests: 0 };
    /** Returns the ids still to fetch (with textOnly: the relay's media descriptors, and what never came). */
    const pullSome = async (ids: readonly string[], textOnly: boolean): Promise<readonly string[]> => {
      if (direction === 'push' || ids.length === 0) return [];
      const pool = opts.pool ?? (ownPool ??= await VerifierPool.start(opts.workers));
      const before = pulled.stored + pulled.duplicate + pulled.superseded + pulled.rejected.length;
      const r = await pull(link, store, ids, filter, { pool, textOnly, onProgress: (n) => progress('pull', need.length)(before + n) });
      pulled = {
        stored: pulled.stored + r.stored,
        duplicate: pulled.duplicate + r.duplicate,
        superseded: pulled.superseded + r.superseded,
        rejected: [...pulled.rejected, ...r.rejected],
        missing: r.missing,
        requests: pulled.requests + r.requests,
      };
      return r.missing;
    };
    await pushSome(pushText);
    const rest = await pullSome(need, true);
    await pushSome(pushMedia);
    await pullSome(rest, false);
    // Media last: every record first, then blobs smallest first (both ways), over plain HTTP.
    let media: MediaResult | undefined;
    if (opts.blobs !== undefined && (filter.kinds === undefined || filter.kinds.includes(Kind.MediaDescriptor))) {
      const onMedia = (done: number, total: number) =>
        opts.onProgress?.({ phase: 'media', done, total, bytesSent: link.bytesSent + (media?.bytesSent ?? 0), bytesReceived: link.bytesReceived + (media?.bytesReceived ?? 0) });
      // Through the same proxy as the records: media going direct would expose the user (Tor).
      const proxied = opts.agent === undefined && opts.proxy !== undefined ? proxyAgent(opts.proxy, relayUrl.startsWith('http:') ? 'forward' : 'tunnel') : undefined;
      const agent = opts.agent ?? proxied;
      try {
        media = await syncMedia(store, relayUrl, {
          blobs: opts.blobs,
          direction,
          onProgress: onMedia,
          ...(agent !== undefined ? { agent } : {}),
          ...(opts.authKey !== undefined ? { authKey: opts.authKey } : {}),
          ...(opts.timeoutMs !== undefined ? { timeoutMs: opts.timeoutMs } : {}),
        });
      } finally {
        proxied?.destroy();
      }
    }
    return {
      relay: relayUrl,
      have: have.length,
      need: need.length,
      reconcile: { ...traffic, protocol },
      pushed,
      pulled,
      ...(media !== undefined ? { media } : {}),
      bytesSent: link.bytesSent + (media?.bytesSent ?? 0),
      bytesReceived: link.bytesReceived + (media?.bytesReceived ?? 0),
      ms: Date.now() - started,
    };
  } finally {
    link.close();
    await ownPool?.close();
  }
}
