/**
 * Saving a draft: unlock the identity in the browser, sign every record here, upload photos to
 * the node's Blossom store (BUD-02 auth), publish over the node's relay, and report precisely
 * what failed. Everything is signed before anything is sent, so an unreachable node or a wrong
 * passphrase leaves nothing half-published.
 */
import { Relay } from 'nostr-tools/relay';
import { getPublicKey } from 'nostr-tools/pure';
import { signEvent, nowSeconds, type EventTemplate, type VerifiedEvent } from '../../../core/event.ts';
import { Kind } from '../../../core/kinds.ts';
import { buildRecord, validateRecord, type Place, type Ref } from '../../../core/records.ts';
import { parseApproxTimeAsync } from '../../../core/parse-time.ts';
import { GAZETTEER, toPlace } from '../../../core/gazetteer.ts';
import { nodeRelayUrl } from '../data/relay-url.ts';
import type { Draft } from './draft.ts';
import { sha256Hex } from './photos.ts';

export interface NodeIdentity {
  name: string;
  npub: string;
  pubkey: string;
  ncryptsec: string;
  isDefault: boolean;
}

export type FailureStage = 'unreachable' | 'passphrase' | 'invalid' | 'upload' | 'relay';

export class SaveError extends Error {
  constructor(
    readonly stage: FailureStage,
    readonly reason: string,
  ) {
    super(`${stage}: ${reason}`);
  }
}

export async function fetchIdentities(): Promise<NodeIdentity[]> {
  let res: Response;
  try {
    res = await fetch('/api/identities', { headers: { accept: 'application/json' }, cache: 'no-store' });
  } catch (e) {
    throw new SaveError('unreachable', e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) throw new SaveError('unreachable', `${res.status} ${res.statusText}`);
  return (await res.json()) as NodeIdentity[];
}

export function unlockKey(identity: NodeIdentity, passphrase: string): Promise<Uint8Array> {
  const worker = new Worker(new URL('./unlock-worker.ts', import.meta.url), { type: 'module' });
  return new Promise<Uint8Array>((resolve, reject) => {
    worker.onmessage = (e: MessageEvent<{ ok: boolean; sk?: Uint8Array }>) => {
      worker.terminate();
      const sk = e.data.sk;
      if (!e.data.ok || sk === undefined) return reject(new SaveError('passphrase', 'wrong passphrase'));
      // A key that decrypts but is not this identity's would sign in someone else's name.
      if (getPublicKey(sk) !== identity.pubkey) {
        sk.fill(0);
        return reject(new SaveError('passphrase', 'the key does not match this identity'));
      }
      resolve(sk);
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new SaveError('passphrase', e.message));
    };
    worker.postMessage({ ncryptsec: identity.ncryptsec, passphrase });
  });
}

export function placeOf(draft: Draft): Place | undefined {
  const w = draft.where;
  if (w.mode === 'place') {
    const p = GAZETTEER.find((g) => g.id === w.placeId);
    return p ? toPlace(p, draft.lang) : undefined;
  }
  const lat = Number(w.lat);
  const lon = Number(w.lon);
  if (w.lat.trim() === '' || w.lon.trim() === '' || !Number.isFinite(lat) || !Number.isFinite(lon)) return undefined;
  return { name: w.coordName.trim() || `${lat}, ${lon}`, lat, lon };
}

interface Upload {
  sha256: string;
  blob: Blob;
}

export interface SignedBatch {
  uploads: Upload[];
  /** In publishing order: media, people, the testimony, then status reports that cite it. */
  events: VerifiedEvent[];
  testimonyId: string;
}

function asInvalid(e: unknown): never {
  throw new SaveError('invalid', e instanceof Error ? e.message : String(e));
}

/** Signs every record of the draft. The caller owns `sk` and wipes it. */
export async function signDraft(draft: Draft, blobs: ReadonlyMap<string, Blob>, sk: Uint8Array): Promise<SignedBatch> {
  const now = nowSeconds();
  const uploads: Upload[] = [];
  const events: VerifiedEvent[] = [];
  const refs: Ref[] = [];
  for (const photo of draft.photos) {
    const blob = blobs.get(photo.id);
    if (blob === undefined) continue;
    const sha256 = await sha256Hex(blob);
    uploads.push({ sha256, blob });
    // No "ox" (hash of the original): whoever seizes the phone could match it to the witness.
    const template: EventTemplate = {
      kind: Kind.MediaDescriptor,
      created_at: now,
      content: photo.alt.trim(),
      tags: [['x', sha256], ['m', 'image/jpeg'], ['size', String(blob.size)], ['dim', `${photo.width}x${photo.height}`], ['redaction', 'exif-gps-removed'], ...(photo.alt.trim() ? [['alt', photo.alt.trim()]] : [])],
    };
    try {
      validateRecord(template);
    } catch (e) {
      asInvalid(e);
    }
    const media = signEvent(template, sk);
    events.push(media);
    refs.push({ id: media.id, role: 'media' });
  }
  let when;
  try {
    when = draft.when.trim() ? await parseApproxTimeAsync(draft.when, { lang: draft.lang }) : undefined;
  } catch (e) {
    asInvalid(e);
  }
  const where = placeOf(draft);
  const statuses: { person: string; status: NonNullable<Draft['people'][number]['status']>; note: string }[] = [];
  for (const p of draft.people) {
    let id = p.existingId;
    if (id === undefined) {
      const aliases = p.aliases.split(/[,;\n]/).map((a) => a.trim()).filter(Boolean);
      const content = { lang: draft.lang, name: p.name.trim(), ...(aliases.length ? { aliases } : {}), ...(p.description.trim() ? { description: p.description.trim() } : {}) };
      let person: VerifiedEvent;
      try {
        person = signEvent(buildRecord(Kind.PersonOfConcern, content, [], now), sk);
      } catch (e) {
        asInvalid(e);
      }
      events.push(person);
      id = person.id;
    }
    refs.push({ id, role: 'person' });
    if (p.status !== '') statuses.push({ person: id, status: p.status, note: p.statusNote.trim() });
  }
  const content = {
    lang: draft.lang,
    text: draft.text,
    witness: { description: draft.witness.trim(), firsthand: draft.firsthand },
    ...(when ? { when } : {}),
    ...(where ? { where } : {}),
  };
  let testimony: VerifiedEvent;
  try {
    testimony = signEvent(buildRecord(Kind.Testimony, content, refs, now), sk);
  } catch (e) {
    asInvalid(e);
  }
  events.push(testimony);
  // Status reports come last so they can name the testimony they rest on.
  for (const s of statuses) {
    const c = { lang: draft.lang, status: s.status, ...(when ? { when } : {}), ...(where ? { where } : {}), ...(s.note ? { note: s.note } : {}) };
    try {
      events.push(signEvent(buildRecord(Kind.PersonStatus, c, [{ id: s.person, role: 'person' }, { id: testimony.id, role: 'testimony' }], now), sk));
    } catch (e) {
      asInvalid(e);
    }
  }
  return { uploads, events, testimonyId: testimony.id };
}

function base64Utf8(s: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** BUD-02 authorization: a kind-24242 event allowing exactly this blob, for five minutes. */
export function uploadAuth(sha256: string, sk: Uint8Array): string {
  const now = nowSeconds();
  const auth = signEvent({ kind: 24242, created_at: now, content: 'Upload a photo for a testimony', tags: [['t', 'upload'], ['x', sha256], ['expiration', String(now + 300)]] }, sk);
  return `Nostr ${base64Utf8(JSON.stringify(auth))}`;
}

export async function uploadBlob(u: Upload, authorization: string): Promise<void> {
  let res: Response;
  try {
    res = await fetch('/upload', { method: 'PUT', body: u.blob, headers: { authorization, 'content-type': 'image/jpeg', 'x-sha-256': u.sha256 } });
  } catch (e) {
    throw new SaveError('unreachable', e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) throw new SaveError('upload', res.headers.get('x-reason') ?? `${res.status} ${await res.text().catch(() => '')}`.trim());
  const desc = (await res.json().catch(() => ({}))) as { sha256?: string };
  if (desc.sha256 !== undefined && desc.sha256 !== u.sha256) throw new SaveError('upload', `the node stored ${desc.sha256}, not ${u.sha256}`);
}

/** Publishes in order and waits for each OK; stops at the first refusal with the relay's reason. */
export async function publishAll(events: readonly VerifiedEvent[], onProgress: (done: number) => void): Promise<void> {
  let relay: Relay;
  try {
    relay = await Relay.connect(nodeRelayUrl());
  } catch (e) {
    throw new SaveError('unreachable', e instanceof Error ? e.message : String(e));
  }
  try {
    for (const [i, e] of events.entries()) {
      try {
        await relay.publish(e);
      } catch (err) {
        throw new SaveError('relay', err instanceof Error ? err.message : String(err));
      }
      onProgress(i + 1);
    }
  } finally {
    relay.close();
  }
}
