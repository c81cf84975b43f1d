/**
 * Kind numbers. Domain kinds are regular (1000-9999): records are immutable and
 * a correction is a new record pointing at the old one. The media descriptor reuses
 * NIP-94 (kind 1063) so Blossom-aware clients understand it.
 */
export const Kind = {
  Profile: 0,
  Deletion: 5,
  MediaDescriptor: 1063,
  /**
   * NIP-59 gift wrap: a record for a circle, sealed for one recipient (`p` tag) and signed by a
   * throwaway key. Kept and passed on unread by nodes outside the circle (store and forward).
   */
  GiftWrap: 1059,
  SourceDocument: 4860,
  Testimony: 4861,
  Event: 4862,
  PersonOfConcern: 4863,
  PersonStatus: 4864,
  Claim: 4865,
  Assessment: 4866,
  Translation: 4867,
} as const;

export type KindName = keyof typeof Kind;
export type DomainKind =
  | typeof Kind.MediaDescriptor
  | typeof Kind.SourceDocument
  | typeof Kind.Testimony
  | typeof Kind.Event
  | typeof Kind.PersonOfConcern
  | typeof Kind.PersonStatus
  | typeof Kind.Claim
  | typeof Kind.Assessment
  | typeof Kind.Translation;

/** CLI/URL names for each kind. */
export const kindSlugs: Record<string, number> = {
  profile: Kind.Profile,
  deletion: Kind.Deletion,
  media: Kind.MediaDescriptor,
  giftwrap: Kind.GiftWrap,
  source: Kind.SourceDocument,
  testimony: Kind.Testimony,
  event: Kind.Event,
  person: Kind.PersonOfConcern,
  status: Kind.PersonStatus,
  claim: Kind.Claim,
  assessment: Kind.Assessment,
  translation: Kind.Translation,
};

export function slugOfKind(kind: number): string | undefined {
  for (const [slug, k] of Object.entries(kindSlugs)) if (k === kind) return slug;
  return undefined;
}

export const DOMAIN_KINDS: readonly number[] = [
  Kind.MediaDescriptor,
  Kind.SourceDocument,
  Kind.Testimony,
  Kind.Event,
  Kind.PersonOfConcern,
  Kind.PersonStatus,
  Kind.Claim,
  Kind.Assessment,
  Kind.Translation,
];

/**
 * Kinds a Keruen node accepts by default: the domain kinds, profiles, deletion requests, and
 * gift wraps, whose content is opaque here (stored and forwarded, never validated as a record).
 */
export const ACCEPTED_KINDS: ReadonlySet<number> = new Set([Kind.Profile, Kind.Deletion, Kind.GiftWrap, ...DOMAIN_KINDS]);

export type KindClass = 'regular' | 'replaceable' | 'ephemeral' | 'addressable';

/** NIP-01 ranges. */
export function classifyKind(kind: number): KindClass {
  if (kind === 0 || kind === 3 || (kind >= 10000 && kind < 20000)) return 'replaceable';
  if (kind >= 20000 && kind < 30000) return 'ephemeral';
  if (kind >= 30000 && kind < 40000) return 'addressable';
  return 'regular';
}
