/**
 * Circles on a node: their state in `<data>/circles/` (sealed in an encrypted folder), the
 * clear copies of circle records, and what happens when wraps arrive.
 *
 * Clear copies never enter the node's main store: each circle has its own store file,
 * `<data>/circles/<circle id>.db` (encrypted with the folder). The relay, sync, bundles and
 * exports read the main store only, so no path that serves or carries records can hand a
 * clear copy to anyone; the main store holds only the wraps, which the relay serves under
 * NIP-42 (relay/auth.ts).
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { KeruenError } from '../core/errors.ts';
import { nowSeconds, verifyWireEvent, type NostrEvent, type VerifiedEvent } from '../core/event.ts';
import { Kind } from '../core/kinds.ts';
import {
  CircleKind,
  epochPubkey,
  epochSecrets,
  hexBytes,
  keyShareWrap,
  MAX_MEMBERS,
  openWrap,
  parseJoinRequest,
  parseKeyShare,
  rotate,
  unwrapCircleRecord,
  wrapRecipient,
  type Circle,
} from '../core/circles.ts';
import { SqliteStore } from '../store/sqlite.ts';
import type { EventStore } from '../store/types.ts';
import { fileKeyFor, folderKeys } from './lock.ts';
import { loadOrCreateNodeKey, NODE_KEY_FILE } from './node-key.ts';
import { readSealedText, writeSealed } from './sealed-file.ts';

export const CIRCLES_DIR = 'circles';
const STATE_FILE = 'circles.json';
/** Wrap ids already handled, kept so a wrap is opened once; the oldest are forgotten past this. */
const MAX_SEEN = 100_000;

const hex = (n: number) => z.string().regex(new RegExp(`^[0-9a-f]{${n}}$`));
const stateSchema = z.object({
  v: z.literal(1),
  circles: z.array(
    z.object({
      id: hex(32),
      name: z.string(),
      epoch: z.number().int().min(1),
      secret: hex(64),
      past: z.array(z.object({ epoch: z.number().int(), secret: hex(64) })),
      members: z.array(hex(64)),
    }),
  ),
  /** Open invites: the one-time secret only as a hash, so the state file cannot replay one. */
  invites: z.array(z.object({ circle: hex(32), secretHash: hex(64), expires: z.number().int(), used: z.boolean() })),
  seen: z.array(hex(64)),
});
type State = z.infer<typeof stateSchema>;

export interface ReceiveReport {
  /** Clear records stored, by circle name. */
  records: number;
  keyShares: number;
  /** Node keys admitted by an invite (their key share was written to the main store). */
  admitted: string[];
  /** Wraps that failed a check once opened (named, not stored). */
  refused: string[];
  /** Wraps this node wrote (key shares) that now wait in the main store to be synced. */
  written: number;
}

export function hashSecret(secret: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(`keruen-invite:${secret}`)));
}

/** The node key's secret: circles seal key shares and join requests with it and open those sent to it. */
export function nodeSecret(root: string): Uint8Array {
  loadOrCreateNodeKey(root);
  const text = readSealedText(join(root, NODE_KEY_FILE), fileKeyFor(root)).trim();
  return hexBytes(text);
}

export class CircleBook {
  readonly root: string;
  readonly dir: string;
  #state: State;
  readonly #stores = new Map<string, SqliteStore>();

  constructor(root: string) {
    this.root = root;
    this.dir = join(root, CIRCLES_DIR);
    this.#state = this.#read();
  }

  #read(): State {
    const path = join(this.dir, STATE_FILE);
    if (!existsSync(path)) return { v: 1, circles: [], invites: [], seen: [] };
    let value: unknown;
    try {
      value = JSON.parse(readSealedText(path, fileKeyFor(this.root)));
    } catch (e) {
      if (e instanceof KeruenError) throw e;
      throw new KeruenError('io', `${path} is damaged: ${(e as Error).message}`);
    }
    const parsed = stateSchema.safeParse(value);
    if (!parsed.success) throw new KeruenError('io', `${path} is damaged: ${parsed.error.issues[0]?.message ?? 'malformed'}`);
    return parsed.data;
  }

  save(): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    if (this.#state.seen.length > MAX_SEEN) this.#state.seen = this.#state.seen.slice(-MAX_SEEN);
    writeSealed(join(this.dir, STATE_FILE), JSON.stringify(this.#state), fileKeyFor(this.root));
  }

  get circles(): readonly Circle[] {
    return this.#state.circles;
  }

  find(name: string): Circle {
    const c = this.#state.circles.find((x) => x.name === name || x.id === name);
    if (c === undefined) throw KeruenError.notFound(`circle "${name.slice(0, 64)}" (\`keruen circle list\` shows yours)`);
    return c;
  }

  put(circle: Circle): void {
    this.#state.circles = [...this.#state.circles.filter((c) => c.id !== circle.id), circle];
  }

  /** Forgets a circle: its keys and its clear records (a member who leaves keeps nothing). */
  drop(circle: Circle): void {
    this.#state.circles = this.#state.circles.filter((c) => c.id !== circle.id);
    this.#stores.get(circle.id)?.close();
    this.#stores.delete(circle.id);
  }

  addInvite(circle: string, secret: string, expires: number): void {
    this.#state.invites.push({ circle, secretHash: hashSecret(secret), expires, used: false });
  }

  /** The circle's clear records, in a store of their own that nothing serves. */
  records(circle: Circle): EventStore {
    let store = this.#stores.get(circle.id);
    if (store === undefined) {
      mkdirSync(this.dir, { recursive: true, mode: 0o700 });
      const keys = folderKeys(this.root);
      store = SqliteStore.open(join(this.dir, `${circle.id}.db`), keys !== undefined ? { key: keys.store } : {});
      this.#stores.set(circle.id, store);
    }
    return store;
  }

  /** Files of circles this node no longer holds (left or removed): for tests and `circle list`. */
  storeFiles(): string[] {
    return existsSync(this.dir) ? readdirSync(this.dir).filter((f) => f.endsWith('.db')) : [];
  }

  /** Key shares of the circle's current epoch for `members` (not this node), into the main store. */
  shareWith(circle: Circle, members: readonly string[], store: EventStore, self: Uint8Array, selfKey: string): number {
    let n = 0;
    for (const m of members) {
      if (m === selfKey) continue;
      store.put(verifyWireEvent(keyShareWrap(circle, self, m)));
      n++;
    }
    return n;
  }

  /**
   * Handles every wrap in the main store that this node can open and has not handled yet:
   * circle records (checked, stored in clear in the circle's own store), key shares (a new
   * circle or a newer epoch) and join requests (admitted when the invite's secret matches,
   * within its time, once).
   */
  receive(store: EventStore, self: Uint8Array, selfKey: string, now = nowSeconds()): ReceiveReport {
    const report: ReceiveReport = { records: 0, keyShares: 0, admitted: [], refused: [], written: 0 };
    const seen = new Set(this.#state.seen);
    const markSeen = (id: string) => {
      seen.add(id);
      this.#state.seen.push(id);
    };
    // Key shares first: a record may come with the key that opens it.
    for (const wrap of store.query([{ kinds: [Kind.GiftWrap], '#p': [selfKey] }])) {
      if (seen.has(wrap.id)) continue;
      markSeen(wrap.id);
      try {
        const rumor = openWrap(wrap, self);
        if (rumor.kind === CircleKind.KeyShare) {
          if (this.#acceptShare(rumor, selfKey)) report.keyShares++;
        } else if (rumor.kind === CircleKind.JoinRequest) {
          const admitted = this.#admit(rumor, store, self, selfKey, now);
          report.admitted.push(admitted);
          report.written++;
        }
      } catch (e) {
        report.refused.push(`${wrap.id.slice(0, 16)}: ${(e as Error).message}`);
      }
    }
    for (const circle of this.#state.circles) {
      const secrets = epochSecrets(circle);
      const byKey = new Map(secrets.map((s) => [epochPubkey(s), s]));
      for (const wrap of store.query([{ kinds: [Kind.GiftWrap], '#p': [...byKey.keys()] }])) {
        if (seen.has(wrap.id)) continue;
        markSeen(wrap.id);
        const secret = byKey.get(wrapRecipient(wrap) ?? '');
        if (secret === undefined) continue;
        try {
          const record = unwrapCircleRecord(wrap, hexBytes(secret));
          if (this.records(circle).put(record).status === 'stored') report.records++;
        } catch (e) {
          report.refused.push(`${wrap.id.slice(0, 16)}: ${(e as Error).message}`);
        }
      }
    }
    this.save();
    return report;
  }

  /**
   * A key share is taken for a circle this node does not hold yet, or, for one it holds, when
   * it comes from one of its members and names a newer epoch that still includes this node.
   */
  #acceptShare(rumor: NostrEvent, selfKey: string): boolean {
    const { sender, share } = parseKeyShare(rumor);
    if (!share.members.includes(selfKey)) throw KeruenError.invalidContent('key share', 'does not list this node as a member');
    const held = this.#state.circles.find((c) => c.id === share.circle);
    if (held === undefined) {
      const clash = this.#state.circles.find((c) => c.name === share.name);
      const name = clash === undefined ? share.name : `${share.name}-${share.circle.slice(0, 6)}`;
      this.put({ id: share.circle, name, epoch: share.epoch, secret: share.secret, past: [], members: share.members });
      return true;
    }
    if (!held.members.includes(sender)) throw new KeruenError('unauthorized', `key share for "${held.name}" from a node that is not one of its members`);
    if (share.epoch < held.epoch || epochSecrets(held).includes(share.secret)) return false;
    if (share.epoch === held.epoch) {
      // Two members rotated at once: keep both keys; the larger one is current, so all converge.
      const [cur, old] = share.secret > held.secret ? [share.secret, held.secret] : [held.secret, share.secret];
      this.put({ ...held, secret: cur, past: [...held.past, { epoch: held.epoch, secret: old }], members: share.members });
      return true;
    }
    this.put({ ...held, epoch: share.epoch, secret: share.secret, past: [...held.past, { epoch: held.epoch, secret: held.secret }], members: share.members });
    return true;
  }

  /** Admits the sender of a join request whose secret matches an open invite; returns its key. */
  #admit(rumor: NostrEvent, store: EventStore, self: Uint8Array, selfKey: string, now: number): string {
    const { sender, request } = parseJoinRequest(rumor);
    const hash = hashSecret(request.secret);
    const invite = this.#state.invites.find((i) => i.circle === request.circle && i.secretHash === hash);
    if (invite === undefined) throw new KeruenError('unauthorized', 'join request with an unknown invite secret');
    if (invite.used) throw new KeruenError('unauthorized', 'join request with an invite that was used already');
    if (invite.expires < now) throw new KeruenError('unauthorized', 'join request with an expired invite');
    const circle = this.#state.circles.find((c) => c.id === request.circle);
    if (circle === undefined) throw KeruenError.notFound('the invite\'s circle on this node');
    if (circle.members.length >= MAX_MEMBERS && !circle.members.includes(sender)) throw new KeruenError('blocked', `circle "${circle.name}" has ${MAX_MEMBERS} members already`);
    invite.used = true;
    const admitted: Circle = { ...circle, members: circle.members.includes(sender) ? circle.members : [...circle.members, sender] };
    this.put(admitted);
    this.shareWith(admitted, [sender], store, self, selfKey);
    return sender;
  }

  /** A new epoch for `members`: shares go to each of them; this node keeps the old keys unless it leaves. */
  rotateFor(circle: Circle, members: readonly string[], store: EventStore, self: Uint8Array, selfKey: string): Circle {
    const next = rotate(circle, members);
    this.put(next);
    this.shareWith(next, members, store, self, selfKey);
    return next;
  }

  close(): void {
    for (const s of this.#stores.values()) s.close();
    this.#stores.clear();
  }
}

/** Every epoch secret this node holds (to answer a relay's AUTH for the circles' wraps). */
export function circleAuthSecrets(book: CircleBook): Uint8Array[] {
  return book.circles.flatMap((c) => epochSecrets(c).map(hexBytes));
}

/** For records written for a circle: the clear copy in the circle's store, the wrap in the main one. */
export function storeForCircle(book: CircleBook, circle: Circle, record: VerifiedEvent, wrap: NostrEvent, store: EventStore): VerifiedEvent {
  const checked = verifyWireEvent(wrap);
  book.records(circle).put(record);
  store.put(checked);
  return checked;
}
