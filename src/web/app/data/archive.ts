/**
 * The archive as the page sees it: every domain record of the node, fetched over the node's
 * own relay (NIP-01), each signature checked here in the browser with the same core code as
 * the node, then indexed for the views.
 */
import { Relay } from 'nostr-tools/relay';
import type { Filter } from 'nostr-tools/filter';
import { verifyWireEvent, type VerifiedEvent } from '../../../core/event.ts';
import { DOMAIN_KINDS, Kind } from '../../../core/kinds.ts';
import { ArchiveIndex } from '../../../core/views/index.ts';
import { nodeRelayUrl } from './relay-url.ts';

export interface LoadedArchive {
  index: ArchiveIndex;
  events: VerifiedEvent[];
  /** Events the node sent whose id or signature did not verify here (shown, never used). */
  rejected: number;
}

export function fetchEvents(filters: Filter[], url = nodeRelayUrl(), timeoutMs = 15_000): Promise<unknown[]> {
  return Relay.connect(url).then(
    (relay) =>
      new Promise<unknown[]>((resolve, reject) => {
        const got: unknown[] = [];
        const timer = setTimeout(() => {
          relay.close();
          reject(new Error('the node did not answer in time'));
        }, timeoutMs);
        const sub = relay.subscribe(filters, {
          onevent: (e) => got.push(e),
          oneose: () => {
            clearTimeout(timer);
            sub.close();
            relay.close();
            resolve(got);
          },
        });
      }),
  );
}

/** Relays clamp `limit` (ours to 1000): page backwards with `until` until a page brings nothing new. */
const PAGE = 1000;

export async function loadArchive(url?: string): Promise<LoadedArchive> {
  const seen = new Set<string>();
  const events: VerifiedEvent[] = [];
  let rejected = 0;
  let until: number | undefined;
  for (;;) {
    const page = await fetchEvents([{ kinds: [...DOMAIN_KINDS, Kind.Profile], limit: PAGE, ...(until !== undefined ? { until } : {}) }], url);
    let fresh = 0;
    for (const r of page) {
      const id = (r as { id?: unknown }).id;
      if (typeof id !== 'string' || seen.has(id)) continue;
      seen.add(id);
      fresh++;
      try {
        const e = verifyWireEvent(r);
        events.push(e);
        until = until === undefined ? e.created_at : Math.min(until, e.created_at);
      } catch {
        rejected++;
      }
    }
    if (page.length < PAGE || fresh === 0) break;
  }
  return { index: new ArchiveIndex(events), events, rejected };
}
