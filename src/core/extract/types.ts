/**
 * What assisted extraction finds in an article, and the candidate records it proposes for a
 * person to review. Every mention and candidate keeps the exact span of the article it came
 * from: `text === article.slice(at[0], at[1])` always holds, so a reviewer sees the passage and
 * an accepted record cites it. Nothing here is a record until a person accepts it.
 *
 * This file is the contract between the extractors (dates, places, people, counts, claims), the
 * entity resolution, `keruen import-article`, the review page and `npm run eval`.
 */
import type { ApproxTime } from '../time.ts';
import type { Place } from '../records/common.ts';
import type { FIGURE_UNITS } from '../records/schemas.ts';

/** [start, end) in the article's text, JS string offsets (UTF-16 code units). */
export type Span = [number, number];

/** A paragraph of the article, with an anchor that stays the same when the text is re-imported. */
export interface Passage {
  /** "p12-3fa9c01b": paragraph number (from 1) and the first 8 hex of sha256 of its text. */
  id: string;
  n: number;
  at: Span;
}

export type MentionType = 'date' | 'place' | 'person' | 'count' | 'claim';
export const MENTION_TYPES: readonly MentionType[] = ['date', 'place', 'person', 'count', 'claim'];

interface MentionBase {
  at: Span;
  /** Exactly article.slice(at[0], at[1]). */
  text: string;
  /** The id of the passage (paragraph) that holds it. */
  passage: string;
}

/** "le 5 janvier", "dans la nuit du 4 au 5 janvier", "в начале января": resolved against the article's date. */
export interface DateMention extends MentionBase {
  type: 'date';
  when: ApproxTime;
}

/** A place named in any script, matched to the gazetteer when it can be. */
export interface PlaceMention extends MentionBase {
  type: 'place';
  place: Place;
  /** The gazetteer entry ("kz-zhanaozen", or "geonames:607610"). */
  gazetteerId?: string;
}

/** A person named in the text ("Makhambet Abjan", "le président Tokaïev"). */
export interface PersonMention extends MentionBase {
  type: 'person';
  /** The name as written, without title or role words. */
  name: string;
  /** Role words next to the name ("ministre de l'Intérieur", "journaliste"). */
  role?: string;
}

export type FigureUnit = (typeof FIGURE_UNITS)[number];
export type Qualifier = 'exactly' | 'about' | 'at least' | 'at most' | 'up to';

/** A number with what it counts: "164 morts", "près de 10 000 personnes arrêtées", "2 500 soldats". */
export interface CountMention extends MentionBase {
  type: 'count';
  value: number;
  /** The claim schema's unit; prices and other quantities are 'other'. */
  unit: FigureUnit;
  /** What is counted, in the article's words ("morts", "tenge le litre"). */
  counted: string;
  /** True for prices and money amounts. */
  price?: boolean;
  qualifier?: Qualifier;
}

/** Something attributed to a speaker: "selon le ministre de l'Intérieur, ...", "Tokaïev a déclaré que ...". */
export interface ClaimMention extends MentionBase {
  type: 'claim';
  /** What was said, as the text gives it. */
  statement: string;
  claimant: { name: string; role?: string };
  said?: ApproxTime;
  figure?: { value: number; unit: FigureUnit; qualifier?: Qualifier };
}

export type Mention = DateMention | PlaceMention | PersonMention | CountMention | ClaimMention;

export interface ExtractOptions {
  /** The article's language. */
  lang: 'fr' | 'ru' | 'en' | 'kk';
  /** When the article was written or published (ISO date "2022-03-15"); relative dates resolve against it. */
  reference?: string;
  /** Called as paragraphs are processed, for progress bars. */
  onProgress?: (done: number, total: number) => void;
}

/** Why two names are proposed as one entity, and how sure: for the reviewer, never applied silently. */
export interface NameMatch {
  /** 0..1. */
  score: number;
  /** At or above the proposal threshold. */
  same: boolean;
  /**
   * Machine code of the reason, translated by the UI: 'identical', 'same-folded' (same key across
   * scripts or transliterations), 'close-spelling', 'initials', 'name-order', 'namesake' (same
   * family name, different given names: NOT the same), 'different'.
   */
  reason: 'identical' | 'same-folded' | 'close-spelling' | 'initials' | 'name-order' | 'namesake' | 'different';
  /** The words that matched, folded, to show the reviewer ("ahmediarov = ahmediarov"). */
  detail: string;
}

/** A record proposed to the reviewer: content ready for buildRecord once accepted (and edited). */
export interface Candidate {
  /** Stable across runs on the same text: `${kind}:${at[0]}-${at[1]}`. */
  key: string;
  kind: 'event' | 'person' | 'claim';
  /** The record content, including `lang` and a citation of the passage in `sources`. */
  content: Record<string, unknown>;
  /** The passage quoted (the span the citation points at). */
  at: Span;
  passage: string;
  /** The mentions it was built from. */
  mentions: Mention[];
  /** For people: the other spellings found in the article, proposed as the same person. */
  variants?: { name: string; at: Span; match: NameMatch }[];
}
