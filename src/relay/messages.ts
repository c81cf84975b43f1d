/**
 * NIP-01 (and NIP-45 COUNT) wire messages: a type and a guard for each. Client messages are
 * parsed into a discriminated union; anything malformed becomes a KeruenError whose message
 * says what was wrong, so the relay can answer with a reason instead of dropping it.
 */
import { z } from 'zod';
import { KeruenError, relayPrefix } from '../core/errors.ts';
import type { NostrEvent } from '../core/event.ts';
import type { Filter } from '../store/types.ts';
import { isNegVerb, type NegVerb } from './negentropy-verbs.ts';

export type ClientMessage =
  | { type: 'EVENT'; event: unknown }
  | { type: 'REQ'; subId: string; filters: Filter[] }
  | { type: 'COUNT'; subId: string; filters: Filter[] }
  | { type: 'CLOSE'; subId: string }
  /** NIP-42: the client's signed answer to the challenge (checked by relay/auth.ts). */
  | { type: 'AUTH'; event: unknown }
  /** NIP-77, checked further by relay/negentropy.ts. */
  | { type: 'NEG'; verb: NegVerb; args: unknown[] };

/**
 * A refused client message. `subId` / `eventId` are set when the message got far enough to
 * name them, so the answer can be a CLOSED or an OK rather than a bare NOTICE.
 */
export interface MessageError {
  error: KeruenError;
  subId?: string;
  eventId?: string;
}

export type ParseResult = { ok: true; message: ClientMessage } | ({ ok: false } & MessageError);

export type RelayMessage =
  | ['EVENT', string, NostrEvent]
  | ['OK', string, boolean, string]
  | ['EOSE', string]
  | ['CLOSED', string, string]
  | ['NOTICE', string]
  | ['AUTH', string]
  | ['COUNT', string, { count: number }]
  | ['NEG-MSG', string, string]
  | ['NEG-ERR', string, string];

export interface MessageLimits {
  maxFilters: number;
  maxSubIdLength: number;
}

const wellFormed = z.string().refine((s) => s.isWellFormed(), 'contains broken UTF-8 (lone surrogate)');
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters');
const timestamp = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const KNOWN_FIELDS = new Set(['ids', 'authors', 'kinds', 'since', 'until', 'limit', 'search']);
/** Longest NIP-50 query: a search is words, not documents. */
export const MAX_SEARCH_LENGTH = 256;

export const filterSchema = z
  .object({
    ids: z.array(hex64).optional(),
    authors: z.array(hex64).optional(),
    kinds: z.array(z.number().int().min(0).max(65535)).optional(),
    since: timestamp.optional(),
    until: timestamp.optional(),
    limit: timestamp.optional(),
    // NIP-50: full text, cross-script (the store folds scripts); extensions like `lang:` are just words here.
    search: wellFormed.max(MAX_SEARCH_LENGTH, `at most ${MAX_SEARCH_LENGTH} characters`).optional(),
  })
  // Tag filters (`#e`, `#p`, ...) are the only other fields; unknownField() vets their names first.
  .catchall(z.array(wellFormed));

/** Names a field that is neither a NIP-01 field nor a tag filter, before zod sees its value. */
function unknownField(filter: object): string | undefined {
  for (const key of Object.keys(filter)) {
    if (KNOWN_FIELDS.has(key) || /^#.+$/.test(key)) continue;
    return `${key.slice(0, 32)}: unknown filter field "${key.slice(0, 32)}"`;
  }
  return undefined;
}

function invalidMessage(reason: string): KeruenError {
  // Protocol misuse by the client: the `usage` code maps to the `invalid:` prefix.
  return KeruenError.usage(reason);
}

function describeFilterError(index: number, err: z.ZodError): string {
  const issue = err.issues[0];
  const path = issue && issue.path.length > 0 ? `.${issue.path.map(String).join('.')}` : '';
  return `filter ${index}${path}: ${issue?.message ?? 'malformed'}`;
}

export function parseSubId(value: unknown, limits: MessageLimits): string | KeruenError {
  if (typeof value !== 'string') return invalidMessage('subscription id must be a string');
  if (value.length === 0 || value.length > limits.maxSubIdLength)
    return invalidMessage(`subscription id must be 1 to ${limits.maxSubIdLength} characters`);
  if (!value.isWellFormed()) return invalidMessage('subscription id contains broken UTF-8 (lone surrogate)');
  return value;
}

function parseFilters(type: string, subId: string, raw: unknown[], limits: MessageLimits): ParseResult {
  if (raw.length === 0) return { ok: false, subId, error: invalidMessage(`${type} needs at least one filter`) };
  if (raw.length > limits.maxFilters)
    return { ok: false, subId, error: new KeruenError('blocked', `${raw.length} filters in one ${type}, over the limit of ${limits.maxFilters}`) };
  const filters: Filter[] = [];
  for (const [i, f] of raw.entries()) {
    if (f === null || typeof f !== 'object' || Array.isArray(f)) return { ok: false, subId, error: invalidMessage(`filter ${i} must be an object`) };
    const unknown = unknownField(f);
    if (unknown !== undefined) return { ok: false, subId, error: invalidMessage(`filter ${i}.${unknown}`) };
    const parsed = filterSchema.safeParse(f);
    if (!parsed.success) return { ok: false, subId, error: invalidMessage(describeFilterError(i, parsed.error)) };
    filters.push(parsed.data as Filter);
  }
  return { ok: true, message: type === 'REQ' ? { type: 'REQ', subId, filters } : { type: 'COUNT', subId, filters } };
}

/** Parses one text frame (already decoded from UTF-8). */
export function parseClientMessage(text: string, limits: MessageLimits): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: KeruenError.invalidJson('message', (e as Error).message) };
  }
  if (!Array.isArray(value)) return { ok: false, error: invalidMessage('message must be a JSON array') };
  const [type, ...rest] = value as unknown[];
  if (typeof type !== 'string') return { ok: false, error: invalidMessage('message must start with its type, a string') };
  switch (type) {
    case 'EVENT': {
      if (rest.length !== 1) return { ok: false, eventId: claimedId(rest[0]), error: invalidMessage(`EVENT takes exactly one event, got ${rest.length}`) };
      return { ok: true, message: { type: 'EVENT', event: rest[0] } };
    }
    case 'REQ':
    case 'COUNT': {
      const subId = parseSubId(rest[0], limits);
      if (subId instanceof KeruenError) return { ok: false, error: subId };
      return parseFilters(type, subId, rest.slice(1), limits);
    }
    case 'CLOSE': {
      if (rest.length !== 1) return { ok: false, error: invalidMessage(`CLOSE takes exactly one subscription id, got ${rest.length} values`) };
      const subId = parseSubId(rest[0], limits);
      if (subId instanceof KeruenError) return { ok: false, error: subId };
      return { ok: true, message: { type: 'CLOSE', subId } };
    }
    case 'AUTH': {
      if (rest.length !== 1) return { ok: false, eventId: claimedId(rest[0]), error: invalidMessage(`AUTH takes exactly one event, got ${rest.length}`) };
      return { ok: true, message: { type: 'AUTH', event: rest[0] } };
    }
    default:
      if (isNegVerb(type)) return { ok: true, message: { type: 'NEG', verb: type, args: rest } };
      return { ok: false, error: invalidMessage(`unknown message type "${type.slice(0, 32)}"`) };
  }
}

/** The id an EVENT's answer can name: only a plausible one, so garbage is never echoed back. */
export function claimedId(event: unknown): string | undefined {
  if (event === null || typeof event !== 'object') return undefined;
  const id = (event as { id?: unknown }).id;
  return typeof id === 'string' && id.length <= 64 && id.isWellFormed() ? id : undefined;
}

/** `"<prefix>: <reason>"`, the machine-readable form NIP-01 uses in OK and CLOSED. */
export function reasonOf(error: KeruenError): string {
  return `${relayPrefix(error.code)}: ${error.message}`;
}

const relayMessageSchema = z.union([
  z.tuple([z.literal('EVENT'), z.string(), z.looseObject({ id: z.string() })]),
  z.tuple([z.literal('OK'), z.string(), z.boolean(), z.string()]),
  z.tuple([z.literal('EOSE'), z.string()]),
  z.tuple([z.literal('CLOSED'), z.string(), z.string()]),
  z.tuple([z.literal('NOTICE'), z.string()]),
  z.tuple([z.literal('AUTH'), z.string()]),
  z.tuple([z.literal('COUNT'), z.string(), z.looseObject({ count: z.number().int().min(0) })]),
  z.tuple([z.enum(['NEG-MSG', 'NEG-ERR']), z.string(), z.string()]),
]);

/** Guard for messages a relay sends (used by tests and, later, by our own sync client). */
export function isRelayMessage(value: unknown): value is RelayMessage {
  return relayMessageSchema.safeParse(value).success;
}

export const relayMessage = {
  event: (subId: string, event: NostrEvent): RelayMessage => ['EVENT', subId, event],
  ok: (id: string, accepted: boolean, reason = ''): RelayMessage => ['OK', id, accepted, reason],
  eose: (subId: string): RelayMessage => ['EOSE', subId],
  closed: (subId: string, reason: string): RelayMessage => ['CLOSED', subId, reason],
  notice: (text: string): RelayMessage => ['NOTICE', text],
  /** NIP-42 challenge. */
  auth: (challenge: string): RelayMessage => ['AUTH', challenge],
  count: (subId: string, count: number): RelayMessage => ['COUNT', subId, { count }],
  negMsg: (subId: string, hex: string): RelayMessage => ['NEG-MSG', subId, hex],
  negErr: (subId: string, reason: string): RelayMessage => ['NEG-ERR', subId, reason],
};
