/**
 * Search: the node's own full-text index first (NIP-50 `search` in a REQ; cross-script in the
 * store), and, when the node cannot be asked (offline, an older node, a relay that refuses),
 * a search over the archive this page loaded with the same cross-script folding as the store.
 * A relay that does not announce NIP-50 in its NIP-11 document may ignore `search` and answer
 * with everything, so it is not asked.
 */
import { Relay } from 'nostr-tools/relay';
import { verifyWireEvent, type VerifiedEvent } from '../../../core/event.ts';
import { DOMAIN_KINDS } from '../../../core/kinds.ts';
import type { LoadedArchive } from '../data/archive.ts';
import { nodeRelayUrl } from '../data/relay-url.ts';

export interface SearchResult {
  via: 'node' | 'page';
  events: VerifiedEvent[];
}

// Generous: a node busy ingesting may take seconds to answer, and the fallback only sees what this page loaded.
const TIMEOUT_MS = 10_000;
const LIMIT = 200;

async function nodeSupportsSearch(): Promise<boolean> {
  // Not from a cache: '/' is also the app's page, cached without `Vary: Accept` by the browser
  // and kept by the service worker; the query keeps the service worker's route table out of it.
  const res = await fetch('/?nip11', { cache: 'no-store', headers: { accept: 'application/nostr+json' }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!res.ok) return false;
  const info = (await res.json()) as { supported_nips?: unknown };
  return Array.isArray(info.supported_nips) && info.supported_nips.includes(50);
}

function searchRelay(q: string): Promise<VerifiedEvent[]> {
  return Relay.connect(nodeRelayUrl()).then(
    (relay) =>
      new Promise<VerifiedEvent[]>((resolve, reject) => {
        const got: VerifiedEvent[] = [];
        let settled = false;
        // Closing the subscription calls onclose too: the first outcome wins.
        const done = (err?: Error) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          relay.close();
          if (err) reject(err);
          else resolve(got);
        };
        const timer = setTimeout(() => done(new Error('the node did not answer in time')), TIMEOUT_MS);
        const sub = relay.subscribe([{ kinds: [...DOMAIN_KINDS], search: q, limit: LIMIT }], {
          onevent: (e) => {
            try {
              got.push(verifyWireEvent(e));
            } catch {
              // a bad signature is never shown
            }
          },
          oneose: () => {
            done();
            sub.close();
          },
          onclose: (reason) => done(new Error(reason)),
        });
      }),
  );
}

/** The words of a record that search looks at: its content (JSON values) and its tags' values. */
function searchableText(e: VerifiedEvent): string {
  const parts: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') parts.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  try {
    walk(JSON.parse(e.content));
  } catch {
    parts.push(e.content);
  }
  for (const t of e.tags) if (t[0] === 'alt' || t[0] === 'summary' || t[0] === 'title') parts.push(t.slice(1).join(' '));
  return parts.join(' ');
}

const foldedCache = new WeakMap<LoadedArchive, Map<string, string[]>>();

/**
 * Every query word must match a word of the record: exactly, or as a prefix from 3 letters on
 * (as the store's index does). Folding (any-ascii and the sound-key rules) is loaded here only.
 */
export async function searchLoaded(archive: LoadedArchive, q: string): Promise<VerifiedEvent[]> {
  const { foldText } = await import('../../../core/fold.ts');
  let folded = foldedCache.get(archive);
  if (!folded) {
    folded = new Map(archive.events.filter((e) => DOMAIN_KINDS.includes(e.kind)).map((e) => [e.id, foldText(searchableText(e)).split(' ')]));
    foldedCache.set(archive, folded);
  }
  const terms = foldText(q).split(' ').filter((w) => w !== '');
  if (terms.length === 0) return [];
  const byId = new Map<string, VerifiedEvent>(archive.events.map((e) => [e.id, e]));
  const out: VerifiedEvent[] = [];
  for (const [id, words] of folded) {
    if (terms.every((t) => words.some((w) => w === t || (t.length >= 3 && w.startsWith(t))))) {
      const e = byId.get(id);
      if (e) out.push(e);
    }
  }
  return out.sort((a, b) => b.created_at - a.created_at);
}

export async function search(archive: LoadedArchive, q: string): Promise<SearchResult> {
  try {
    if (await nodeSupportsSearch()) return { via: 'node', events: await searchRelay(q) };
  } catch (e) {
    // Offline, refused or timed out: search what this page has (and say why, for whoever debugs).
    console.warn('keruen: node search unavailable:', e instanceof Error ? e.message : e);
  }
  return { via: 'page', events: await searchLoaded(archive, q) };
}
