/** Pieces shared by the domain record schemas: languages, places, citations, references. */
import { z } from 'zod';

export const langSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a language code such as "fr", "ru", "kk", "en"');

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
export const shortText = text(300);
export const longText = text(20_000);
export const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters');

/** A place as the source names it, in any script; coordinates only when known. */
export const placeSchema = z.strictObject({
  name: shortText,
  /** The same place in other scripts and languages, e.g. { ru: "Жанаозен", kk: "Жаңаөзен", en: "Zhanaozen" }. */
  names: z.record(langSchema, shortText).optional(),
  region: shortText.optional(),
  /** ISO 3166-1 alpha-2. */
  country: z.string().regex(/^[A-Z]{2}$/).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lon: z.number().min(-180).max(180).optional(),
});
export type Place = z.infer<typeof placeSchema>;

/**
 * A citation: the source document and the exact passage quoted from it.
 * `at` is [start, end) in the source document's text (UTF-8 decoded, JS string offsets);
 * the document's sha256 pins which text the offsets refer to.
 */
export const citationSchema = z.strictObject({
  source: hex64,
  quote: z.string().min(1).max(4000),
  at: z
    .tuple([z.number().int().min(0), z.number().int().min(0)])
    .refine(([a, b]) => b > a, 'end must be after start')
    .optional(),
});
export type Citation = z.infer<typeof citationSchema>;

/** How a record points at another: `["e", <id>, <relay hint>, <role>]` (NIP-10 style marker). */
export const REF_ROLES = [
  'source', // a source document this record cites
  'event', // the documented event this record is about
  'person', // the person of concern this record is about
  'testimony', // a testimony this record relies on
  'claim', // a claim this record relates to
  'target', // what an assessment judges
  'evidence', // what an assessment or status report rests on
  'translates', // the record a translation renders
  'corrects', // an earlier record of the same author that this one corrects
  'media', // a media descriptor attached to this record
] as const;
export type RefRole = (typeof REF_ROLES)[number];

export interface Ref {
  id: string;
  role: RefRole;
  relay?: string;
}

export const baseContent = {
  lang: langSchema,
  sources: z.array(citationSchema).max(50).optional(),
};
