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

/**
 * Each phase's share of the work, from CPU time on a 1 MB French article (the seeds repeated, as
 * bench/import does): places ~250 ms, people ~250, dates and counts ~500, claims ~250, candidates
 * ~290. The progress bar gives each phase its share, so it moves while every phase runs.
 */
export const EXTRACT_PHASES = { places: 0.15, people: 0.15, 'dates and counts': 0.3, claims: 0.2, candidates: 0.2 } as const;
type Phase = keyof typeof EXTRACT_PHASES;

interface Progress {
  /** The reporter for a phase: it tells how far it is as (reached, of), e.g. the passage reached. */
  phase(name: Phase): (reached: number, of: number) => void;
  /** The work is done: reports the total, once. */
  end(): void;
}

/**
 * One bar over several phases, counted in paragraphs (the unit the command line shows): it only
 * moves forward, stays below the total until the end, and reports each step once.
 */
function progressOver(total: number, phases: readonly Phase[], onProgress: ExtractOptions['onProgress']): Progress {
  const whole = phases.reduce((sum, p) => sum + EXTRACT_PHASES[p], 0);
  let reported = 0;
  return {
    phase(name) {
      let start = 0;
      for (const p of phases) {
        if (p === name) break;
        start += EXTRACT_PHASES[p];
      }
      const share = EXTRACT_PHASES[name];
      return (reached, of) => {
        if (onProgress === undefined || !(of > 0)) return;
        const fraction = (start + share * Math.min(1, Math.max(0, reached / of))) / whole;
        const done = Math.min(total - 1, Math.floor(fraction * total));
        if (done > reported) {
          reported = done;
          onProgress(done, total);
        }
      };
    },
    end() {
      onProgress?.(total, total);
    },
  };
}

function mentionsOf(text: string, passages: readonly Passage[], opts: ExtractOptions, progress: Progress): Mention[] {
  const base: ExtractOptions = { lang: opts.lang, ...(opts.reference !== undefined ? { reference: opts.reference } : {}) };
  const total = passages.length;
  // Places and people report the passage they have reached (findPeople reuses findPlaces' answer).
  const places = findPlaces(text, passages, { ...base, onProgress: progress.phase('places') });
  const people = findPeople(text, passages, { ...base, onProgress: progress.phase('people') });
  const dates = [];
  const counts = [];
  // Dates and counts paragraph by paragraph, so the bar moves with them.
  const datesAndCounts = progress.phase('dates and counts');
  for (let i = 0; i < total; i++) {
    const one = passages.slice(i, i + 1);
    dates.push(...findDates(text, one, base));
    counts.push(...findCounts(text, one, base));
    datesAndCounts(i + 1, total);
  }
  const claims = findClaims(text, passages, { ...base, onProgress: progress.phase('claims') }, people, { dates, counts });
  const all: Mention[] = [...dates, ...places, ...people, ...counts, ...claims];
  return all.sort((a, b) => a.at[0] - b.at[0] || a.at[1] - b.at[1]);
}

/** Every mention in the article, of all types, sorted by where it starts. */
export function extractMentions(text: string, opts: ExtractOptions): Mention[] {
  const passages = passagesOf(text);
  const progress = progressOver(passages.length, ['places', 'people', 'dates and counts', 'claims'], opts.onProgress);
  const mentions = mentionsOf(text, passages, opts, progress);
  progress.end();
  return mentions;
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
  const progress = progressOver(passages.length, ['places', 'people', 'dates and counts', 'claims', 'candidates'], opts.onProgress);
  const mentions = mentionsOf(text, passages, opts, progress);
  const candidates = buildCandidates(text, passages, mentions, { ...opts, onProgress: progress.phase('candidates') });
  progress.end();
  return { passages, mentions, candidates };
}
