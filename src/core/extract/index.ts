/**
 * Assisted extraction of an article: every mention (dates, places, people, counts, claims) with
 * its exact span, and the candidate records built from them for a person to review. Nothing here
 * is a record until someone accepts it.
 */
import { KeruenError } from '../errors.ts';
import { buildCandidates } from './candidates.ts';
import { findClaims } from './claims.ts';
import { findCounts } from './counts.ts';
import { findDates } from './dates.ts';
import { passagesOf } from './passages.ts';
import { findPeople } from './people.ts';
import { findPlaces } from './places.ts';
import type { Candidate, ExtractOptions, Mention, Passage } from './types.ts';

export { buildCandidates } from './candidates.ts';
export { findClaims } from './claims.ts';
export { findCounts, parseNumber } from './counts.ts';
export { findDates } from './dates.ts';
export { passagesOf, passageAt, sentencesOf } from './passages.ts';
export type * from './types.ts';

function mentionsOf(text: string, passages: readonly Passage[], opts: ExtractOptions): Mention[] {
  // The extractors get no progress callback: progress is reported here, once per paragraph.
  const base: ExtractOptions = { lang: opts.lang, ...(opts.reference !== undefined ? { reference: opts.reference } : {}) };
  const total = passages.length;
  const places = findPlaces(text, passages, base);
  const people = findPeople(text, passages, base);
  const dates = [];
  const counts = [];
  // Dates and counts paragraph by paragraph: the bulk of the time, so progress moves with it.
  for (let i = 0; i < total; i++) {
    const one = passages.slice(i, i + 1);
    dates.push(...findDates(text, one, base));
    counts.push(...findCounts(text, one, base));
    if (i < total - 1) opts.onProgress?.(i + 1, total);
  }
  const claims = findClaims(text, passages, base, people, { dates, counts });
  opts.onProgress?.(total, total);
  const all: Mention[] = [...dates, ...places, ...people, ...counts, ...claims];
  return all.sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1]);
}

/** Every mention in the article, of all types, sorted by where it starts. */
export function extractMentions(text: string, opts: ExtractOptions): Mention[] {
  return mentionsOf(text, passagesOf(text), opts);
}

/**
 * The article's passages, its mentions and the candidate records built from them (events,
 * people, claims), each citing the source document `sourceId` at the exact span it came from.
 */
export function extractCandidates(
  text: string,
  opts: ExtractOptions & { sourceId: string },
): { passages: Passage[]; mentions: Mention[]; candidates: Candidate[] } {
  if (!/^[0-9a-f]{64}$/.test(opts.sourceId)) throw KeruenError.usage(`sourceId must be the 64-hex id of the source document record, got "${opts.sourceId.slice(0, 80)}"`);
  const passages = passagesOf(text);
  const mentions = mentionsOf(text, passages, opts);
  return { passages, mentions, candidates: buildCandidates(text, passages, mentions, opts) };
}
