/**
 * The one canonical path for records: shape check, id, signature.
 * Everything that reaches a store has passed `verifyWireEvent` and carries the
 * `VerifiedEvent` brand, so unverified data cannot be stored by accident.
 * Crypto comes from nostr-tools / @noble (or libsecp256k1 as WASM); never hand-rolled.
 */
import { z } from 'zod';
import { getEventHash, verifyEvent as nobleVerify, finalizeEvent } from 'nostr-tools/pure';
import type { NostrEvent as ToolsEvent } from 'nostr-tools/core';
import { KeruenError } from './errors.ts';
import type { EventId, PublicKey } from './ids.ts';

export interface NostrEvent {
  id: string;
  pubkey: string;
  created_at: number;
  kind: number;
  tags: string[][];
  content: string;
  sig: string;
}

declare const verifiedBrand: unique symbol;
/** An event whose id and signature were checked by this process. */
export type VerifiedEvent = Readonly<NostrEvent> & {
  readonly id: EventId;
  readonly pubkey: PublicKey;
  readonly [verifiedBrand]: true;
};

export interface EventTemplate {
  kind: number;
  created_at: number;
  tags: string[][];
  content: string;
}

/** Checks a signature only (the id has already been recomputed). Injected so the node can use WASM. */
export type SignatureVerifier = (event: NostrEvent) => boolean;

export const nobleVerifier: SignatureVerifier = (event) => nobleVerify({ ...event } as ToolsEvent);

const hex = (len: number) => z.string().regex(new RegExp(`^[0-9a-f]{${len}}$`), `must be ${len} lowercase hex characters`);
const wellFormed = z.string().refine((s) => s.isWellFormed(), 'contains broken UTF-8 (lone surrogate)');

export const wireEventSchema = z
  .object({
    id: hex(64),
    pubkey: hex(64),
    created_at: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    kind: z.number().int().min(0).max(65535),
    tags: z.array(z.array(wellFormed).min(1, 'empty tag')),
    content: wellFormed,
    sig: hex(128),
  })
  .strict();

export function describeZodError(err: z.ZodError): string {
  const issue = err.issues[0];
  if (!issue) return 'malformed';
  const path = issue.path.length > 0 ? issue.path.join('.') : 'value';
  return `${path}: ${issue.message}`;
}

/**
 * The largest event a Keruen node accepts, on every way in (relay, import, sync): 64 KiB,
 * strfry's default, so that what one Keruen node accepts other relays accept too.
 */
export const MAX_EVENT_BYTES = 64 * 1024;

export interface VerifyOptions {
  verifier?: SignatureVerifier;
  /** Reject events whose canonical serialization is larger than this (bytes). */
  maxEventBytes?: number;
}

/** Shape, size and id checks: everything but the signature (cheap, so do it first). */
export function checkEventShape(raw: unknown, opts: VerifyOptions = {}): NostrEvent {
  const parsed = wireEventSchema.safeParse(raw);
  if (!parsed.success) throw KeruenError.invalidEvent(describeZodError(parsed.error));
  const event = parsed.data;
  if (opts.maxEventBytes !== undefined) {
    const size = utf8Length(JSON.stringify(event));
    if (size > opts.maxEventBytes) throw KeruenError.tooLarge('event', size, opts.maxEventBytes);
  }
  if (getEventHash(event) !== event.id) throw KeruenError.invalidId(event.id);
  return event;
}

/** Full check of an event from the wire or a file. Throws a KeruenError with the reason. */
export function verifyWireEvent(raw: unknown, opts: VerifyOptions = {}): VerifiedEvent {
  const event = checkEventShape(raw, opts);
  const verifier = opts.verifier ?? nobleVerifier;
  if (!verifier(event)) throw KeruenError.invalidSignature(event.id);
  return event as VerifiedEvent;
}

/** Sign a template with a secret key (BIP-340 via nostr-tools). */
export function signEvent(template: EventTemplate, secretKey: Uint8Array): VerifiedEvent {
  const signed = finalizeEvent({ ...template, tags: template.tags.map((t) => [...t]) }, secretKey);
  const { id, pubkey, created_at, kind, tags, content, sig } = signed;
  return { id, pubkey, created_at, kind, tags, content, sig } as VerifiedEvent;
}

/** Marks events that this process itself trusts without re-checking (e.g. read back from its own store). */
export function trustStored(event: NostrEvent): VerifiedEvent {
  return event as VerifiedEvent;
}

export function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
