/**
 * Circles, pure part (runs in the node and the browser): a circle is a group with a key of its
 * own for each epoch. A record for a circle is the author's signed event, sealed (NIP-59 kind 13,
 * signed by the author, NIP-44 encrypted) and gift-wrapped (kind 1059, throwaway key) to the
 * circle's current epoch public key. A relay or courier sees a random key, the epoch key in `p`,
 * a randomised created_at and ciphertext. Inside, the signed event stays attributable: it is
 * checked by verifyWireEvent like any record before it is stored.
 *
 * Membership travels in two rumors of Keruen kinds, each gift-wrapped to one node key: a key
 * share (the epoch secret for a member) and a join request (a newcomer's answer to an invite).
 * docs/circles.md has the protocol and what each party learns.
 */
import { z } from 'zod';
import { bytesToHex, randomBytes } from '@noble/hashes/utils.js';
import { getPublicKey } from 'nostr-tools/pure';
import { createSeal, createWrap, unwrapEvent, wrapEvent } from 'nostr-tools/nip59';
import { KeruenError } from './errors.ts';
import { describeZodError, verifyWireEvent, type NostrEvent, type VerifiedEvent } from './event.ts';
import { Kind } from './kinds.ts';

/** Rumor kinds (never stored or sent in clear: they live only inside gift wraps). */
export const CircleKind = {
  /** An epoch key for a member: {v, circle, name, epoch, secret, members}. */
  KeyShare: 4870,
  /** A newcomer asks the inviter to admit it: {v, circle, secret}. */
  JoinRequest: 4871,
} as const;

export interface CircleEpoch {
  epoch: number;
  /** Hex secret key of the epoch. */
  secret: string;
}

export interface Circle {
  /** 32 hex characters, random: names the circle in invites and key shares. */
  id: string;
  name: string;
  /** The current epoch and its key; older ones stay in `past` so older records stay readable. */
  epoch: number;
  secret: string;
  past: CircleEpoch[];
  /** Node keys (hex) of the members, this node's included. */
  members: string[];
}

const hex = (n: number) => z.string().regex(new RegExp(`^[0-9a-f]{${n}}$`), `must be ${n} lowercase hex characters`);
/** A circle's name: a label, shown to members only. */
const nameSchema = z.string().min(1, 'empty').max(64, 'over 64 characters').refine((s) => s.isWellFormed() && !/[\p{Cc}]/u.test(s), 'contains control characters or broken UTF-8');
export const MAX_MEMBERS = 256;

export function epochPubkey(secretHex: string): string {
  return getPublicKey(hexBytes(secretHex));
}

export function hexBytes(h: string): Uint8Array {
  return Uint8Array.from(h.match(/../g) ?? [], (b) => parseInt(b, 16));
}

export function checkCircleName(name: string): string {
  const r = nameSchema.safeParse(name);
  if (!r.success) throw KeruenError.usage(`circle name ${describeZodError(r.error).replace(/^value: /, '')}`);
  return name;
}

/** A new circle with this node as its only member, at epoch 1. */
export function newCircle(name: string, selfKey: string): Circle {
  return { id: bytesToHex(randomBytes(16)), name: checkCircleName(name), epoch: 1, secret: bytesToHex(randomBytes(32)), past: [], members: [selfKey] };
}

/** The next epoch: a fresh key for `members` only; the old key is kept to read older records. */
export function rotate(circle: Circle, members: readonly string[]): Circle {
  return { ...circle, epoch: circle.epoch + 1, secret: bytesToHex(randomBytes(32)), past: [...circle.past, { epoch: circle.epoch, secret: circle.secret }], members: [...members] };
}

/** Every epoch secret of the circle, newest first. */
export function epochSecrets(circle: Circle): string[] {
  return [circle.secret, ...circle.past.map((p) => p.secret).reverse()];
}

/** Seals the author's signed record (signed again by the author in the seal) and wraps it to the circle. */
export function wrapForCircle(record: VerifiedEvent, authorSecret: Uint8Array, circle: Circle): NostrEvent {
  if (getPublicKey(authorSecret) !== record.pubkey) throw KeruenError.usage('a circle record is sealed by its own author');
  const to = epochPubkey(circle.secret);
  // The "rumor" is the whole signed event: members can prove who wrote it, outsiders see nothing.
  const seal = createSeal({ ...record } as unknown as Parameters<typeof createSeal>[0], authorSecret, to);
  return createWrap(seal, to);
}

/** The recipient named by a wrap's `p` tag. */
export function wrapRecipient(wrap: { tags: readonly (readonly string[])[] }): string | undefined {
  return wrap.tags.find((t) => t[0] === 'p')?.[1];
}

/** Opens a wrap with `secret`; a KeruenError if it is not for this key or is damaged. */
export function openWrap(wrap: NostrEvent, secret: Uint8Array): NostrEvent {
  if (wrap.kind !== Kind.GiftWrap) throw KeruenError.invalidEvent(`not a gift wrap (kind ${wrap.kind})`);
  try {
    return unwrapEvent(wrap as Parameters<typeof unwrapEvent>[0], secret) as unknown as NostrEvent;
  } catch (e) {
    throw new KeruenError('unauthorized', `cannot open gift wrap ${wrap.id.slice(0, 16)}...: ${(e as Error).message.slice(0, 120)}`);
  }
}

/**
 * A circle record: the wrap opened with an epoch key, the inner event checked like any record
 * from the wire (shape, id, signature) and sealed by its own author.
 */
export function unwrapCircleRecord(wrap: NostrEvent, epochSecret: Uint8Array): VerifiedEvent {
  const inner = openWrap(wrap, epochSecret);
  const record = verifyWireEvent(inner);
  if (record.kind === Kind.GiftWrap || record.kind === CircleKind.KeyShare || record.kind === CircleKind.JoinRequest) throw KeruenError.invalidEvent(`kind ${record.kind} is not a circle record`);
  return record;
}

const keyShareSchema = z
  .object({
    v: z.literal(1),
    circle: hex(32),
    name: nameSchema,
    epoch: z.number().int().min(1).max(1_000_000),
    secret: hex(64),
    members: z.array(hex(64)).min(1).max(MAX_MEMBERS),
  })
  .strict();
export type KeyShare = z.infer<typeof keyShareSchema>;

const joinRequestSchema = z.object({ v: z.literal(1), circle: hex(32), secret: hex(32) }).strict();
export type JoinRequest = z.infer<typeof joinRequestSchema>;

/** Largest rumor content we parse: a key share for MAX_MEMBERS members is about 17 kB. */
const MAX_RUMOR_CONTENT = 32 * 1024;

function parseRumorContent<T>(rumor: unknown, kind: number, what: string, schema: z.ZodType<T>): { sender: string; body: T } {
  if (rumor === null || typeof rumor !== 'object') throw KeruenError.invalidEvent(`${what}: not an object`);
  const r = rumor as { kind?: unknown; pubkey?: unknown; content?: unknown };
  if (r.kind !== kind) throw KeruenError.invalidEvent(`${what}: kind ${String(r.kind).slice(0, 16)}, expected ${kind}`);
  if (typeof r.pubkey !== 'string' || !/^[0-9a-f]{64}$/.test(r.pubkey)) throw KeruenError.invalidEvent(`${what}: pubkey must be 64 lowercase hex characters`);
  if (typeof r.content !== 'string') throw KeruenError.invalidContent(what, 'content must be a string');
  if (r.content.length > MAX_RUMOR_CONTENT) throw KeruenError.tooLarge(what, r.content.length, MAX_RUMOR_CONTENT);
  let value: unknown;
  try {
    value = JSON.parse(r.content);
  } catch (e) {
    throw KeruenError.invalidJson(`${what} content`, (e as Error).message);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw KeruenError.invalidContent(what, describeZodError(parsed.error));
  return { sender: r.pubkey, body: parsed.data };
}

export function parseKeyShare(rumor: unknown): { sender: string; share: KeyShare } {
  const { sender, body } = parseRumorContent(rumor, CircleKind.KeyShare, 'key share', keyShareSchema);
  return { sender, share: body };
}

export function parseJoinRequest(rumor: unknown): { sender: string; request: JoinRequest } {
  const { sender, body } = parseRumorContent(rumor, CircleKind.JoinRequest, 'join request', joinRequestSchema);
  return { sender, request: body };
}

/** The current epoch key of `circle`, gift-wrapped from `senderSecret` to one member's node key. */
export function keyShareWrap(circle: Circle, senderSecret: Uint8Array, memberKey: string): NostrEvent {
  const share: KeyShare = { v: 1, circle: circle.id, name: circle.name, epoch: circle.epoch, secret: circle.secret, members: circle.members };
  return wrapEvent({ kind: CircleKind.KeyShare, content: JSON.stringify(share), tags: [], created_at: Math.floor(Date.now() / 1000) }, senderSecret, memberKey);
}

export function joinRequestWrap(invite: Invite, joinerSecret: Uint8Array): NostrEvent {
  const request: JoinRequest = { v: 1, circle: invite.circle, secret: invite.secret };
  return wrapEvent({ kind: CircleKind.JoinRequest, content: JSON.stringify(request), tags: [], created_at: Math.floor(Date.now() / 1000) }, joinerSecret, invite.inviter);
}

/** What a newcomer needs to ask to join: who to ask, which circle, and a one-time secret. */
export interface Invite {
  inviter: string;
  circle: string;
  secret: string;
  /** Unix seconds after which the inviter refuses the secret. */
  expires: number;
}

export const INVITE_PREFIX = 'kci1';

/** `kci1.<inviter node key>.<circle id>.<one-time secret>.<expiry>`: plain text, fits a QR code. */
export function encodeInvite(invite: Invite): string {
  return [INVITE_PREFIX, invite.inviter, invite.circle, invite.secret, String(invite.expires)].join('.');
}

export function newInvite(inviter: string, circle: Circle, ttlSeconds: number, now: number): Invite {
  return { inviter, circle: circle.id, secret: bytesToHex(randomBytes(16)), expires: now + ttlSeconds };
}

/** Parses an invite code (spaces and case forgiven); a usage error saying what is wrong. */
export function parseInvite(code: string): Invite {
  if (typeof code !== 'string' || code.length > 512) throw KeruenError.usage('an invite code is a short line starting with kci1.');
  const parts = code.trim().toLowerCase().split('.');
  if (parts[0] !== INVITE_PREFIX) throw KeruenError.usage(`not a Keruen circle invite: it must start with "${INVITE_PREFIX}."`);
  if (parts.length !== 5) throw KeruenError.usage(`a circle invite has 5 parts separated by dots, this one has ${parts.length}`);
  const [, inviter, circle, secret, expires] = parts as [string, string, string, string, string];
  if (!/^[0-9a-f]{64}$/.test(inviter)) throw KeruenError.usage("the invite's inviter key must be 64 hex characters");
  if (!/^[0-9a-f]{32}$/.test(circle)) throw KeruenError.usage("the invite's circle id must be 32 hex characters");
  if (!/^[0-9a-f]{32}$/.test(secret)) throw KeruenError.usage("the invite's one-time secret must be 32 hex characters");
  if (!/^[0-9]{1,15}$/.test(expires)) throw KeruenError.usage("the invite's expiry must be a number of seconds");
  return { inviter, circle, secret, expires: Number(expires) };
}
