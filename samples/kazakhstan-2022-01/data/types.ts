/**
 * Shapes of the hand-written sample data. Records name each other by symbolic keys
 * ("ev:akimat-stormed"); build.ts resolves keys to event ids, anchors quotes in the
 * source texts and signs with the demo keys.
 */
import type { ApproxTime } from '../../../src/core/time.ts';
import type {
  AssessmentContent,
  ClaimContent,
  EventContent,
  PersonContent,
  PersonStatusContent,
  Place,
  RefRole,
  SourceDocumentContent,
  TestimonyContent,
  TranslationContent,
} from '../../../src/core/records.ts';

/** The demo identities: roles, not real people. Their secret keys are public. */
export type Author = 'witness-almaty' | 'correspondent-almaty' | 'interviewee-abroad' | 'documenter' | 'curator' | 'translator';

/** Source documents of the sample (files in samples/kazakhstan-2022-01/sources/). */
export type SourceKey = 'src:after-the-uprising' | 'src:uprising-interview';

/** A quoted passage: found in the source text with any whitespace run matching a space; `nth` picks among repeats. */
export interface Cite {
  source: SourceKey;
  quote: string;
  nth?: number;
}

export interface Identity {
  name: Author;
  role: string;
  about: string;
  created: string;
}

export interface SourceSpec {
  key: SourceKey;
  file: string;
  author: Author;
  created: string;
  content: Pick<SourceDocumentContent, 'lang' | 'title'> & Partial<Pick<SourceDocumentContent, 'publisher' | 'authors' | 'url' | 'published' | 'description'>>;
}

export interface MediaSpec {
  key: string;
  author: Author;
  created: string;
  source: SourceKey;
  caption: string;
  alt: string;
}

export interface RefSpec {
  to: string;
  role: RefRole;
}

type Cited<T> = Omit<T, 'sources'> & { sources?: Cite[] };

interface Base {
  key: string;
  author: Author;
  /** ISO time; a record may only reference records created at or before it. */
  created: string;
  refs?: RefSpec[];
}

export type RecordSpec =
  | (Base & { kind: 'testimony'; content: Omit<Cited<TestimonyContent>, 'text'> & { text?: string } })
  | (Base & { kind: 'event'; content: Cited<EventContent> })
  | (Base & { kind: 'person'; content: Cited<PersonContent> })
  | (Base & { kind: 'status'; content: Cited<PersonStatusContent> })
  | (Base & { kind: 'claim'; content: Cited<ClaimContent> })
  | (Base & { kind: 'assessment'; content: Cited<AssessmentContent> })
  | (Base & { kind: 'translation'; content: TranslationContent });

export type { ApproxTime, Place };

/** Created times in dependency order: each call returns the next minute after `start`. */
export function clock(start: string): () => string {
  let n = 0;
  const base = Date.parse(start);
  return () => new Date(base + 60_000 * n++).toISOString().replace('.000Z', 'Z');
}

/** Almaty was at UTC+6 in January 2022. */
export const ALMATY_OFFSET = '+06:00';

export const AFTER: SourceKey = 'src:after-the-uprising';
export const INTERVIEW: SourceKey = 'src:uprising-interview';
