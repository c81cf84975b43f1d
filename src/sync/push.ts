/**
 * Sending what we have and the relay lacks: EVENT, and wait for each OK. Text records go first,
 * media descriptors last, small before large. A few events are in flight at once (a round trip
 * per event would waste a slow window); a relay that says "rate-limited" is given a second and
 * the event is sent again.
 */
import { Kind } from '../core/kinds.ts';
import type { VerifiedEvent } from '../core/event.ts';
import type { EventStore } from '../store/types.ts';
import type { Link } from './link.ts';

export interface PushResult {
  accepted: number;
  /** Accepted, and the relay already had it (someone else brought it meanwhile). */
  duplicate: number;
  /** Refused by the relay, with its reason ("invalid: ...", "blocked: ..."). */
  rejected: { id: string; reason: string }[];
}

export interface PushOptions {
  /** Events awaiting their OK at once. Default 20 (a Keruen relay takes bursts of 100). */
  window?: number;
  onProgress?: (done: number) => void;
}

const MAX_ATTEMPTS = 20;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What a short window should carry first: records before media descriptors, small before large. */
export function pushOrder(events: VerifiedEvent[]): VerifiedEvent[] {
  const size = new Map(events.map((e) => [e.id, JSON.stringify(e).length]));
  const media = (e: VerifiedEvent) => (e.kind === Kind.MediaDescriptor ? 1 : 0);
  return [...events].sort((a, b) => media(a) - media(b) || size.get(a.id)! - size.get(b.id)!);
}

export async function push(link: Link, store: EventStore, have: readonly string[], opts: PushOptions = {}): Promise<PushResult> {
  const result: PushResult = { accepted: 0, duplicate: 0, rejected: [] };
  const events = have.map((id) => store.get(id)).filter((e): e is VerifiedEvent => e !== undefined);
  const queue = pushOrder(events);
  const attempts = new Map<string, number>();
  const inFlight = new Map<string, VerifiedEvent>();
  const window = opts.window ?? 20;
  let resumeAt = 0;
  let done = 0;
  while (queue.length > 0 || inFlight.size > 0) {
    if (Date.now() >= resumeAt) {
      while (inFlight.size < window && queue.length > 0) {
        const e = queue.shift()!;
        inFlight.set(e.id, e);
        attempts.set(e.id, (attempts.get(e.id) ?? 0) + 1);
        link.send(['EVENT', e]);
      }
    }
    if (inFlight.size === 0) {
      await sleep(Math.max(0, resumeAt - Date.now()));
      continue;
    }
    const m = await link.next();
    if (m[0] !== 'OK' || typeof m[1] !== 'string') continue;
    const event = inFlight.get(m[1]);
    if (event === undefined) continue;
    inFlight.delete(m[1]);
    const reason = typeof m[3] === 'string' ? m[3] : '';
    if (m[2] === true) {
      result.accepted++;
      if (reason.startsWith('duplicate')) result.duplicate++;
    } else if (reason.startsWith('rate-limited') && attempts.get(event.id)! < MAX_ATTEMPTS) {
      queue.unshift(event);
      resumeAt = Date.now() + 1000;
      continue;
    } else {
      result.rejected.push({ id: event.id, reason: reason || 'refused without a reason' });
    }
    opts.onProgress?.(++done);
  }
  return result;
}
