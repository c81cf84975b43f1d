/**
 * The name-variant list and entity-resolution accuracy on it: each labelled pair is put to
 * comparePersonNames or comparePlaceNames, and the judgement (`same`) is compared with the label.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { KeruenError } from '../src/core/errors.ts';
import type { NameMatch } from '../src/core/extract/types.ts';

const pairSchema = z.strictObject({
  kind: z.enum(['person', 'place']),
  a: z.string().min(1),
  b: z.string().min(1),
  same: z.boolean(),
  /** Where the pair comes from (A/B: which seed article) and why it is labelled so. */
  note: z.string().min(1),
});
const fileSchema = z.strictObject({ about: z.string(), pairs: z.array(pairSchema).min(1) });

export type VariantPair = z.infer<typeof pairSchema>;
export type Compare = (a: string, b: string) => NameMatch;

export interface ResolutionScore {
  pairs: number;
  correct: number;
  accuracy: number;
  byKind: Record<VariantPair['kind'], { pairs: number; correct: number; accuracy: number }>;
  misjudged: { pair: VariantPair; match: NameMatch }[];
}

export function parseVariants(json: string): VariantPair[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw KeruenError.invalidJson('name-variant list', (e as Error).message);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new KeruenError('invalid_content', `name-variant list: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data.pairs;
}

export function loadVariants(path: string): VariantPair[] {
  return parseVariants(readFileSync(path, 'utf8'));
}

export function scoreResolution(pairs: readonly VariantPair[], compare: Record<VariantPair['kind'], Compare>): ResolutionScore {
  const byKind = { person: { pairs: 0, correct: 0, accuracy: 0 }, place: { pairs: 0, correct: 0, accuracy: 0 } };
  const misjudged: ResolutionScore['misjudged'] = [];
  for (const pair of pairs) {
    const match = compare[pair.kind](pair.a, pair.b);
    const k = byKind[pair.kind];
    k.pairs++;
    if (match.same === pair.same) k.correct++;
    else misjudged.push({ pair, match });
  }
  for (const k of Object.values(byKind)) k.accuracy = k.pairs === 0 ? 0 : k.correct / k.pairs;
  const correct = byKind.person.correct + byKind.place.correct;
  return { pairs: pairs.length, correct, accuracy: pairs.length === 0 ? 0 : correct / pairs.length, byKind, misjudged };
}
