/**
 * The hand-labelled gold set: what a careful reader finds in an article (dates, places,
 * people, counts, claims), each pinned to the text by an exact quote. The loader places every
 * quote in the article and refuses the whole set if one is missing or ambiguous, so a label
 * can never silently drift from the text it describes.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { KeruenError } from '../src/core/errors.ts';
import { approxTimeSchema, type ApproxTime } from '../src/core/time.ts';
import { FIGURE_UNITS } from '../src/core/records/schemas.ts';
import type { FigureUnit, MentionType, Span } from '../src/core/extract/types.ts';

const quote = z.string().min(1);
/** 1-based: which occurrence of the quote in the article; required when it occurs more than once. */
const nth = z.number().int().min(1).optional();
const note = z.string().optional();

const entrySchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('date'), quote, nth, value: approxTimeSchema, note }),
  /** The place's canonical English name ("Zhanaozen", "Oral"). */
  z.strictObject({ type: z.literal('place'), quote, nth, value: z.string().min(1), note }),
  /** The person's canonical full name. */
  z.strictObject({ type: z.literal('person'), quote, nth, value: z.string().min(1), note }),
  z.strictObject({ type: z.literal('count'), quote, nth, value: z.strictObject({ value: z.number().finite(), unit: z.enum(FIGURE_UNITS) }), note }),
  z.strictObject({ type: z.literal('claim'), quote, nth, value: z.strictObject({ claimant: z.string().min(1) }), note }),
]);

const goldFileSchema = z.strictObject({
  /** The article, relative to the gold file. */
  article: z.string().min(1),
  lang: z.enum(['fr', 'ru', 'en', 'kk']),
  reference: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  entries: z.array(entrySchema).min(1),
});

type EntryBase<T extends MentionType, V> = { type: T; quote: string; nth?: number; value: V; note?: string; at: Span };
export type GoldEntry =
  | EntryBase<'date', ApproxTime>
  | EntryBase<'place', string>
  | EntryBase<'person', string>
  | EntryBase<'count', { value: number; unit: FigureUnit }>
  | EntryBase<'claim', { claimant: string }>;

export interface GoldSet {
  articlePath: string;
  text: string;
  lang: 'fr' | 'ru' | 'en' | 'kk';
  reference: string;
  entries: GoldEntry[];
}

/** Offsets of every occurrence of `needle` in `text` (overlapping ones included). */
function occurrences(text: string, needle: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) out.push(i);
  return out;
}

/**
 * Checks a gold file's JSON against its article and places every entry. Throws KeruenError
 * ('invalid_json' or 'invalid_content') naming the entry and the reason, never a partial set.
 */
export function parseGold(json: string, text: string, articlePath = '(article)'): GoldSet {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw KeruenError.invalidJson('gold set', (e as Error).message);
  }
  const parsed = goldFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new KeruenError('invalid_content', `gold set: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  const entries: GoldEntry[] = parsed.data.entries.map((e, i) => {
    const where = `gold entry ${i} (${e.type} "${e.quote.slice(0, 60)}")`;
    const at = occurrences(text, e.quote);
    if (at.length === 0) throw new KeruenError('invalid_content', `${where}: the quote is not in the article`);
    if (e.nth === undefined && at.length > 1)
      throw new KeruenError('invalid_content', `${where}: the quote occurs ${at.length} times in the article: say which with nth`);
    if (e.nth !== undefined && e.nth > at.length)
      throw new KeruenError('invalid_content', `${where}: nth ${e.nth} but the quote occurs ${at.length} time(s)`);
    const start = at[(e.nth ?? 1) - 1]!;
    return { ...e, at: [start, start + e.quote.length] } as GoldEntry;
  });
  return { articlePath, text, lang: parsed.data.lang, reference: parsed.data.reference, entries };
}

/** Reads a gold file and the article it names (relative to the gold file). */
export function loadGold(goldPath: string): GoldSet {
  const json = readFileSync(goldPath, 'utf8');
  let article: string;
  try {
    article = (JSON.parse(json) as { article?: unknown }).article as string;
  } catch (e) {
    throw KeruenError.invalidJson(goldPath, (e as Error).message);
  }
  if (typeof article !== 'string') throw new KeruenError('invalid_content', `${goldPath}: "article" must name the article file`);
  const articlePath = resolve(dirname(goldPath), article);
  return parseGold(json, readFileSync(articlePath, 'utf8'), articlePath);
}
