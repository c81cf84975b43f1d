/**
 * Content schemas of the domain kinds: the single source of truth, documented in
 * docs/protocol.md (whose examples a test checks against these schemas).
 */
import { z } from 'zod';
import { approxTimeSchema } from '../time.ts';
import { baseContent, hex64, langSchema, longText, placeSchema, shortText } from './common.ts';

export const STATUSES = ['detained', 'missing', 'injured', 'killed', 'released', 'found'] as const;
export type PersonStatusValue = (typeof STATUSES)[number];

export const VERDICTS = ['verifies', 'supports', 'contradicts', 'duplicates'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const EVENT_CATEGORIES = [
  'strike',
  'protest',
  'clash',
  'shooting',
  'arson',
  'occupation',
  'arrest',
  'disappearance',
  'shutdown',
  'reconnection',
  'statement',
  'military',
  'price',
  'looting',
  'solidarity',
  'commemoration',
  'other',
] as const;

export const FIGURE_UNITS = ['killed', 'detained', 'injured', 'missing', 'troops', 'participants', 'other'] as const;

export const sourceDocumentContent = z.strictObject({
  ...baseContent,
  title: shortText,
  publisher: shortText.optional(),
  authors: z.array(shortText).max(20).optional(),
  url: z.string().max(2000).optional(),
  published: approxTimeSchema.optional(),
  /** sha256 of the document's bytes: citations' offsets refer to exactly this text. */
  sha256: hex64,
  size: z.number().int().min(0),
  mime: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+(;.*)?$/, 'must be a MIME type'),
  /** The file as received (HTML, Markdown...) when the text above was extracted from it: the chain of custody keeps both. */
  original: z.strictObject({ sha256: hex64, size: z.number().int().min(0), mime: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+(;.*)?$/, 'must be a MIME type') }).optional(),
  description: longText.optional(),
});

export const testimonyContent = z.strictObject({
  ...baseContent,
  text: longText,
  witness: z.strictObject({
    /** Who speaks, as safely as they chose to be described ("an anarcha-feminist from Almaty"). */
    description: shortText,
    /** Saw it themselves, versus reporting what others said. */
    firsthand: z.boolean(),
    pseudonym: shortText.optional(),
  }),
  when: approxTimeSchema.optional(),
  where: placeSchema.optional(),
});

export const eventContent = z.strictObject({
  ...baseContent,
  title: shortText,
  summary: longText,
  when: approxTimeSchema,
  where: placeSchema.optional(),
  categories: z.array(z.enum(EVENT_CATEGORIES)).min(1).max(8),
});

export const personContent = z.strictObject({
  ...baseContent,
  name: shortText,
  /** Other spellings, any script: "Махамбет Абжан", "Makhambet Abzhan". */
  aliases: z.array(shortText).max(20).optional(),
  /** Why they are of concern, in the words of the record's author. */
  description: longText.optional(),
  role: shortText.optional(),
});

export const personStatusContent = z.strictObject({
  ...baseContent,
  status: z.enum(STATUSES),
  when: approxTimeSchema.optional(),
  where: placeSchema.optional(),
  note: longText.optional(),
});

export const claimContent = z.strictObject({
  ...baseContent,
  /** What was said, quoted as closely as the source allows. */
  statement: longText,
  claimant: z.strictObject({ name: shortText, role: shortText.optional() }),
  said: approxTimeSchema.optional(),
  /** A figure the claim states, so views can set figures side by side. */
  figure: z
    .strictObject({
      value: z.number().min(0),
      unit: z.enum(FIGURE_UNITS),
      qualifier: z.enum(['exactly', 'about', 'at least', 'at most', 'up to']).optional(),
    })
    .optional(),
});

export const assessmentContent = z.strictObject({
  ...baseContent,
  verdict: z.enum(VERDICTS),
  /** The curator's reasoning, in plain words. */
  note: longText,
});

export const translationContent = z
  .strictObject({
    /** Language of this translation. */
    lang: langSchema,
    /** Language of the original. */
    from: langSchema,
    /** Field name in the original record → translated text ("text", "title", "summary", ...). */
    fields: z.record(z.string().regex(/^[a-z][a-zA-Z.]*$/), longText).refine((f) => Object.keys(f).length > 0, 'translate at least one field'),
    translator: shortText.optional(),
    machine: z.boolean(),
  })
  .refine((t) => t.lang !== t.from, 'a translation must be into another language');

export type SourceDocumentContent = z.infer<typeof sourceDocumentContent>;
export type TestimonyContent = z.infer<typeof testimonyContent>;
export type EventContent = z.infer<typeof eventContent>;
export type PersonContent = z.infer<typeof personContent>;
export type PersonStatusContent = z.infer<typeof personStatusContent>;
export type ClaimContent = z.infer<typeof claimContent>;
export type AssessmentContent = z.infer<typeof assessmentContent>;
export type TranslationContent = z.infer<typeof translationContent>;
