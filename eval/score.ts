/**
 * Scores extracted mentions against the gold set: precision, recall and F1 per mention type,
 * under one matching rule (MATCHING_RULE, printed with every result so a figure is never read
 * without it).
 */
import { foldText } from '../src/core/fold.ts';
import { PRECISIONS, type ApproxTime, type Precision } from '../src/core/time.ts';
import { MENTION_TYPES, type Mention, type MentionType } from '../src/core/extract/types.ts';
import type { GoldEntry } from './gold.ts';

export const MATCHING_RULE = [
  'A prediction matches a gold entry of the same type whose span overlaps it, and:',
  '  date: the same resolved from and to (to defaults to from), compared at the gold precision;',
  '        a prediction coarser than the gold (month for a day) does not match;',
  '  place: the gold canonical English name, folded, equals one of the prediction names (name or any names[lang]), folded;',
  '  person: every folded word of the predicted name is a word of the gold canonical name or of the quote;',
  '  count: the same value and the same unit;',
  '  claim: the span overlap alone.',
  'Each gold entry matches at most once; predictions are taken in text order, each to the unmatched',
  'gold entry it overlaps most. Precision = matched / predicted, recall = matched / gold.',
].join('\n');

export interface TypeScore {
  type: MentionType;
  gold: number;
  predicted: number;
  matched: number;
  precision: number;
  recall: number;
  f1: number;
  /** Predictions that matched nothing; `near` is a gold entry they overlap (wrong value), if any. */
  falsePositives: { mention: Mention; near?: GoldEntry }[];
  misses: GoldEntry[];
}

const overlap = (a: readonly [number, number], b: readonly [number, number]) => Math.min(a[1], b[1]) - Math.max(a[0], b[0]);

/** The same instant or range at the gold's precision. */
export function sameTime(predicted: ApproxTime, gold: ApproxTime): boolean {
  if (PRECISIONS.indexOf(predicted.precision) < PRECISIONS.indexOf(gold.precision)) return false;
  return sameAt(predicted.from, gold.from, gold.precision) && sameAt(predicted.to ?? predicted.from, gold.to ?? gold.from, gold.precision);
}

function sameAt(a: string, b: string, precision: Precision): boolean {
  // Dates compare as the local calendar strings the source gave; times as instants (offsets may differ).
  if (precision === 'year') return a.slice(0, 4) === b.slice(0, 4);
  if (precision === 'month') return a.slice(0, 7) === b.slice(0, 7);
  if (precision === 'day') return a.slice(0, 10) === b.slice(0, 10);
  const unit = precision === 'hour' ? 3_600_000 : 60_000;
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  return Number.isFinite(ta) && Number.isFinite(tb) && Math.floor(ta / unit) === Math.floor(tb / unit);
}

const words = (s: string) => foldText(s).split(' ').filter((w) => w.length > 0);

/** Whether a prediction says the same thing as the gold entry it overlaps (types already equal). */
export function sameValue(m: Mention, g: GoldEntry): boolean {
  switch (m.type) {
    case 'date':
      return g.type === 'date' && sameTime(m.when, g.value);
    case 'place': {
      if (g.type !== 'place') return false;
      const want = foldText(g.value);
      return [m.place.name, ...Object.values(m.place.names ?? {})].some((n) => foldText(n) === want);
    }
    case 'person': {
      if (g.type !== 'person') return false;
      const allowed = new Set([...words(g.value), ...words(g.quote)]);
      const got = words(m.name);
      return got.length > 0 && got.every((w) => allowed.has(w));
    }
    case 'count':
      return g.type === 'count' && m.unit === g.value.unit && Math.abs(m.value - g.value.value) <= 1e-9 * Math.max(1, Math.abs(g.value.value));
    case 'claim':
      return g.type === 'claim';
  }
}

function ratio(n: number, d: number): number {
  return d === 0 ? 0 : n / d;
}

/** Precision, recall and F1 of `predicted` against `gold`, for every mention type. */
export function scoreMentions(predicted: readonly Mention[], gold: readonly GoldEntry[]): Record<MentionType, TypeScore> {
  const out = {} as Record<MentionType, TypeScore>;
  for (const type of MENTION_TYPES) {
    const golds = gold.filter((g) => g.type === type);
    const preds = predicted.filter((m) => m.type === type).sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1]);
    const taken = new Set<GoldEntry>();
    const falsePositives: TypeScore['falsePositives'] = [];
    for (const m of preds) {
      let best: GoldEntry | undefined;
      let near: GoldEntry | undefined;
      for (const g of golds) {
        const o = overlap(m.at, g.at);
        if (o <= 0) continue;
        near ??= g;
        if (taken.has(g) || !sameValue(m, g)) continue;
        if (!best || o > overlap(m.at, best.at)) best = g;
      }
      if (best) taken.add(best);
      else falsePositives.push(near ? { mention: m, near } : { mention: m });
    }
    const matched = taken.size;
    const precision = ratio(matched, preds.length);
    const recall = ratio(matched, golds.length);
    out[type] = {
      type,
      gold: golds.length,
      predicted: preds.length,
      matched,
      precision,
      recall,
      f1: ratio(2 * precision * recall, precision + recall),
      falsePositives,
      misses: golds.filter((g) => !taken.has(g)),
    };
  }
  return out;
}
