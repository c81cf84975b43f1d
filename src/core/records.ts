/**
 * Domain records: validation, parsing and building. A record is a Nostr event whose
 * content is JSON checked by a zod schema (src/core/records/schemas.ts) and whose `e` tags
 * carry a role marker. The media descriptor is NIP-94 (plain-text caption, metadata in tags).
 */
import type { z } from 'zod';
import { KeruenError } from './errors.ts';
import { describeZodError, type EventTemplate, type NostrEvent, type VerifiedEvent, nowSeconds } from './event.ts';
import { Kind, slugOfKind } from './kinds.ts';
import { REF_ROLES, type Ref, type RefRole, type Citation } from './records/common.ts';
import * as S from './records/schemas.ts';

export * from './records/common.ts';
export * from './records/schemas.ts';

type RoleBounds = Partial<Record<RefRole, readonly [number, number]>>;

interface KindSpec {
  name: string;
  schema: z.ZodType;
  /** How many references of each role the record may (min) or must (max) carry. */
  refs: RoleBounds;
}

const MANY = 500;
const common: RoleBounds = { source: [0, 50], corrects: [0, 1], media: [0, 20] };

export const KIND_SPECS: Readonly<Record<number, KindSpec>> = {
  [Kind.SourceDocument]: { name: 'source document', schema: S.sourceDocumentContent, refs: { corrects: [0, 1] } },
  [Kind.Testimony]: { name: 'testimony', schema: S.testimonyContent, refs: { ...common, event: [0, 20], person: [0, MANY] } },
  [Kind.Event]: { name: 'event', schema: S.eventContent, refs: { ...common, testimony: [0, MANY], person: [0, MANY] } },
  [Kind.PersonOfConcern]: { name: 'person of concern', schema: S.personContent, refs: { ...common } },
  [Kind.PersonStatus]: {
    name: 'person-status report',
    schema: S.personStatusContent,
    refs: { ...common, person: [1, 1], evidence: [0, 50], event: [0, 5], testimony: [0, 50] },
  },
  [Kind.Claim]: { name: 'claim', schema: S.claimContent, refs: { ...common, event: [0, 20] } },
  [Kind.Assessment]: { name: 'assessment', schema: S.assessmentContent, refs: { ...common, target: [1, 1], evidence: [1, 50] } },
  [Kind.Translation]: { name: 'translation', schema: S.translationContent, refs: { translates: [1, 1], corrects: [0, 1] } },
};

const HEX64 = /^[0-9a-f]{64}$/;
const MIME = /^[a-z]+\/[a-z0-9.+-]+(;.*)?$/;

/** Reads the role-marked `e` tags of a record. Throws on a malformed `e` tag. */
export function readRefs(kindName: string, tags: readonly string[][]): Ref[] {
  const refs: Ref[] = [];
  for (const tag of tags) {
    if (tag[0] !== 'e') continue;
    const [, id, relay, role] = tag;
    if (id === undefined || !HEX64.test(id)) throw KeruenError.invalidTags(kindName, `"e" tag needs a 64-hex event id, got ${JSON.stringify(id ?? null)}`);
    if (role === undefined || !(REF_ROLES as readonly string[]).includes(role))
      throw KeruenError.invalidTags(kindName, `"e" tag ${id.slice(0, 12)}... needs a role, one of ${REF_ROLES.join(', ')}`);
    refs.push(relay ? { id, role: role as RefRole, relay } : { id, role: role as RefRole });
  }
  return refs;
}

function checkRefBounds(spec: Pick<KindSpec, 'name' | 'refs'>, refs: readonly Ref[]): void {
  const counts = new Map<RefRole, number>();
  for (const r of refs) counts.set(r.role, (counts.get(r.role) ?? 0) + 1);
  for (const [role, n] of counts) {
    const bounds = spec.refs[role];
    if (bounds === undefined) throw KeruenError.invalidTags(spec.name, `a ${spec.name} cannot reference a "${role}"`);
    if (n > bounds[1]) throw KeruenError.invalidTags(spec.name, `at most ${bounds[1]} "${role}" reference(s), got ${n}`);
  }
  for (const [role, bounds] of Object.entries(spec.refs) as [RefRole, readonly [number, number]][]) {
    if ((counts.get(role) ?? 0) < bounds[0]) throw KeruenError.invalidTags(spec.name, `needs ${bounds[0]} "${role}" reference(s)`);
  }
}

function parseJsonContent(kindName: string, content: string): unknown {
  try {
    return JSON.parse(content);
  } catch (e) {
    throw KeruenError.invalidContent(kindName, `not JSON (${(e as Error).message})`);
  }
}

function tagValue(tags: readonly string[][], name: string): string | undefined {
  return tags.find((t) => t[0] === name)?.[1];
}

const MEDIA_REFS: RoleBounds = { source: [0, 50], event: [0, 20], testimony: [0, 20] };

function validateMedia(event: Pick<NostrEvent, 'tags' | 'content'>): void {
  const name = 'media descriptor';
  if (event.content.length > 5000) throw KeruenError.invalidContent(name, 'caption over 5000 characters');
  const x = tagValue(event.tags, 'x');
  if (x === undefined || !HEX64.test(x)) throw KeruenError.invalidTags(name, 'needs ["x", <sha256 of the file>]');
  const m = tagValue(event.tags, 'm');
  if (m === undefined || !MIME.test(m)) throw KeruenError.invalidTags(name, 'needs ["m", <MIME type>]');
  const size = tagValue(event.tags, 'size');
  if (size === undefined || !/^\d{1,15}$/.test(size)) throw KeruenError.invalidTags(name, 'needs ["size", <bytes>]');
  const ox = tagValue(event.tags, 'ox');
  if (ox !== undefined && !HEX64.test(ox)) throw KeruenError.invalidTags(name, '"ox" must be the sha256 of the original');
  const redaction = tagValue(event.tags, 'redaction');
  if (redaction !== undefined && !['exif-gps-removed', 'original'].includes(redaction))
    throw KeruenError.invalidTags(name, '"redaction" is "exif-gps-removed" or "original"');
  checkRefBounds({ name, refs: MEDIA_REFS }, readRefs(name, event.tags));
}

function validateDeletion(event: Pick<NostrEvent, 'tags' | 'content'>): void {
  const targets = event.tags.filter((t) => t[0] === 'e' || t[0] === 'a');
  if (targets.length === 0) throw KeruenError.invalidTags('deletion request', 'needs at least one "e" or "a" tag (NIP-09)');
  for (const t of targets) {
    if (t[0] === 'e' && !HEX64.test(t[1] ?? '')) throw KeruenError.invalidTags('deletion request', '"e" tag needs a 64-hex event id');
    if (t[0] === 'a' && !/^\d+:[0-9a-f]{64}:/.test(t[1] ?? '')) throw KeruenError.invalidTags('deletion request', '"a" tag needs <kind>:<pubkey>:<d>');
  }
}

function validateProfile(event: Pick<NostrEvent, 'content'>): void {
  const parsed = parseJsonContent('profile', event.content);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw KeruenError.invalidContent('profile', 'must be a JSON object (NIP-01 kind 0)');
}

/**
 * Checks a record's content and tags against its kind's rules. Kinds without rules here
 * (anything outside the domain, profile and deletion) pass: whether to accept them at all is
 * the caller's policy (the relay refuses unknown kinds).
 */
export function validateRecord(event: Pick<NostrEvent, 'kind' | 'tags' | 'content'>): void {
  if (event.kind === Kind.MediaDescriptor) return validateMedia(event);
  if (event.kind === Kind.Deletion) return validateDeletion(event);
  if (event.kind === Kind.Profile) return validateProfile(event);
  const spec = KIND_SPECS[event.kind];
  if (spec === undefined) return;
  const parsed = spec.schema.safeParse(parseJsonContent(spec.name, event.content));
  if (!parsed.success) throw KeruenError.invalidContent(spec.name, describeZodError(parsed.error));
  const refs = readRefs(spec.name, event.tags);
  checkRefBounds(spec, refs);
  const content = parsed.data as { sources?: Citation[]; sha256?: string };
  const cited = new Set(refs.filter((r) => r.role === 'source').map((r) => r.id));
  for (const c of content.sources ?? []) {
    if (!cited.has(c.source)) throw KeruenError.invalidTags(spec.name, `cites ${c.source.slice(0, 12)}... without an ["e", id, "", "source"] tag`);
  }
  if (event.kind === Kind.SourceDocument && tagValue(event.tags, 'x') !== content.sha256)
    throw KeruenError.invalidTags(spec.name, 'needs ["x", <sha256>] equal to content.sha256');
}

/** A verified, validated record with its content parsed. */
export type DomainRecord =
  | { kind: typeof Kind.SourceDocument; event: VerifiedEvent; refs: Ref[]; content: S.SourceDocumentContent }
  | { kind: typeof Kind.Testimony; event: VerifiedEvent; refs: Ref[]; content: S.TestimonyContent }
  | { kind: typeof Kind.Event; event: VerifiedEvent; refs: Ref[]; content: S.EventContent }
  | { kind: typeof Kind.PersonOfConcern; event: VerifiedEvent; refs: Ref[]; content: S.PersonContent }
  | { kind: typeof Kind.PersonStatus; event: VerifiedEvent; refs: Ref[]; content: S.PersonStatusContent }
  | { kind: typeof Kind.Claim; event: VerifiedEvent; refs: Ref[]; content: S.ClaimContent }
  | { kind: typeof Kind.Assessment; event: VerifiedEvent; refs: Ref[]; content: S.AssessmentContent }
  | { kind: typeof Kind.Translation; event: VerifiedEvent; refs: Ref[]; content: S.TranslationContent };

/** Parses a stored record for the views; undefined for events that are not JSON domain records. */
export function parseRecord(event: VerifiedEvent): DomainRecord | undefined {
  const spec = KIND_SPECS[event.kind];
  if (spec === undefined) return undefined;
  try {
    validateRecord(event);
    const content = spec.schema.parse(JSON.parse(event.content));
    return { kind: event.kind, event, refs: readRefs(spec.name, event.tags), content } as DomainRecord;
  } catch {
    return undefined;
  }
}

export function refsOf(record: { refs: readonly Ref[] }, role: RefRole): string[] {
  return record.refs.filter((r) => r.role === role).map((r) => r.id);
}

/**
 * Builds an unsigned record: `e` tags for the references and for every cited source,
 * the kind's own tags, and an `alt` text (NIP-31) for clients that do not know the kind.
 * Throws a KeruenError if the result would not validate.
 */
export function buildRecord(kind: number, content: unknown, refs: readonly Ref[] = [], createdAt: number = nowSeconds()): EventTemplate {
  const spec = KIND_SPECS[kind];
  if (spec === undefined) throw KeruenError.unknownKind(kind);
  const tags: string[][] = refs.map((r) => ['e', r.id, r.relay ?? '', r.role]);
  const seen = new Set(refs.filter((r) => r.role === 'source').map((r) => r.id));
  const c = content as { sources?: Citation[]; sha256?: string; mime?: string };
  for (const cite of c.sources ?? []) {
    if (!seen.has(cite.source)) {
      tags.push(['e', cite.source, '', 'source']);
      seen.add(cite.source);
    }
  }
  if (kind === Kind.SourceDocument) {
    tags.push(['x', c.sha256 ?? '']);
    if (c.mime !== undefined) tags.push(['m', c.mime]);
  }
  tags.push(['alt', altText(kind, content)]);
  const template: EventTemplate = { kind, created_at: createdAt, tags, content: JSON.stringify(content) };
  validateRecord(template);
  return template;
}

function altText(kind: number, content: unknown): string {
  const c = content as Record<string, unknown>;
  const label = [c.title, c.name, c.statement, c.text, c.note, c.status].find((v) => typeof v === 'string') as string | undefined;
  const head = `Keruen ${KIND_SPECS[kind]?.name ?? slugOfKind(kind) ?? 'record'}`;
  return label ? `${head}: ${label.length > 120 ? `${label.slice(0, 117)}...` : label}` : head;
}
