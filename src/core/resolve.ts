/**
 * Entity resolution: are two names the same person (or place), across scripts and
 * transliterations? Names are compared word by word on the search's folding (fold.ts), so
 * what search finds together and what resolution proposes together are the same thing.
 * Everything here is a proposal with its reason and score; nothing is merged silently.
 */
import { jaroWinkler } from '@skyra/jaro-winkler';
import { distance } from 'fastest-levenshtein';
import { foldText, foldToken, tokenize } from './fold.ts';
import { resolvePlace } from './gazetteer.ts';
import { russianNominative } from './extract/declension.ts';
import type { NameMatch, PersonMention, Span } from './extract/types.ts';

/** The detail of a match on a family name alone: the caller decides whether it is ambiguous. */
const LONE = ' (family name only)';

/** Scores at or above this are proposed as the same entity. */
export const SAME_THRESHOLD = 0.7;

/** Endings that mark a word as a family name (Russian, Kazakh, Ukrainian, Georgian forms). */
const FAMILY_ENDING = /(ov|ova|ev|eva|in|ina|enko|uli|kizi|ski|ska|dze|vili|ian|ic)$/;

interface NameWords {
  /** Folded words, in the order written. */
  words: string[];
  /** Index of the family name in `words`. */
  family: number;
}

/** Russian feminine family names end in -a (Nazarbayeva), -oi in the other cases (Назарбаевой): the family is the same. */
function familyKey(word: string): string {
  return word.replace(/(ov|ev|in|sk)(?:a|oi)$/, '$1').replace(/aia$/, 'ii');
}

function nameWords(name: string): NameWords {
  const words = tokenize(name.replace(/’/g, "'"))
    .map((w) => foldToken(w))
    .filter((w) => w.length > 0);
  // The family name: the last word, unless only the first looks like one ("Tokaïev Kassym-Jomart").
  let family = words.length - 1;
  if (words.length > 1 && FAMILY_ENDING.test(words[0]!) && !FAMILY_ENDING.test(words[family]!) && words[0]!.length > 2) family = 0;
  return { words, family };
}

/**
 * How two folded words of names match. 'gendered' is the same family in its masculine and
 * feminine forms (Nazarbayev, Nazarbayeva): never the same person, but a namesake.
 */
type WordMatch = 'equal' | 'close' | 'initial' | 'gendered';

const consonants = (w: string) => w.replace(/[aeiou]/g, '');

/**
 * Spelled differently but the same word: transliterations disagree on vowels (Ablyazov,
 * Oblyazov; Poutine, Putin), rarely on consonants (Tokaev and Tokarev are two families). So:
 * the same consonants, and few edits.
 */
function closeSpelling(a: string, b: string): boolean {
  return Math.min(a.length, b.length) >= 4 && consonants(a) === consonants(b) && distance(a, b) <= Math.max(1, Math.floor(Math.max(a.length, b.length) / 4));
}

/**
 * Spellings the search's folding keeps apart but names cross freely (Maxim, Maksim; Vicram,
 * Vikram; Michael, Mikhail): used only to call two words a close spelling, never as a key.
 */
function loose(w: string): string {
  return w.replace(/x/g, 'ks').replace(/ch/g, 'h').replace(/c/g, 'k');
}

/** Given names one vowel apart may be two names (Marat, Murat): only longer ones are taken as spellings. */
const MIN_CLOSE_GIVEN = 6;

function wordMatch(a: string, b: string, family: boolean): WordMatch | undefined {
  if (a === b) return 'equal';
  if (a.length === 1 || b.length === 1) return a[0] === b[0] ? 'initial' : undefined;
  if (familyKey(a) === familyKey(b)) return 'gendered';
  const [la, lb] = [loose(a), loose(b)];
  if (la === lb) return 'close';
  if (family ? closeSpelling(a, b) || closeSpelling(la, lb) : Math.min(la.length, lb.length) >= MIN_CLOSE_GIVEN && closeSpelling(la, lb)) return 'close';
  return undefined;
}

function result(score: number, reason: NameMatch['reason'], detail: string, same = score >= SAME_THRESHOLD): NameMatch {
  return { score: Math.round(score * 1000) / 1000, same: reason === 'namesake' || reason === 'different' ? false : same, reason, detail };
}

/**
 * A name with the words written just before it in its text ("по словам министра "), which can
 * say that a Russian name is declined: "Токаева" after "задержание" is the genitive of Токаев.
 */
export type PersonNameInText = string | { name: string; before?: string };

/**
 * The name in the nominative, with a note when it was read as a Russian man's name declined:
 * by the words before it in its text, or (full names only) because the other name is a man's
 * whose given name this one shows in the same case ("Касым-Жомарта Токаева", "Касым-Жомарт
 * Токаев"). The second is only an inference (a sister Александра may meet a brother
 * Александр), so it is marked to be proposed at a lower score.
 */
function nominativeOf(n: PersonNameInText, other: PersonNameInText): { name: string; note?: string; inferred?: boolean } {
  const name = typeof n === 'string' ? n : n.name;
  const before = typeof n === 'string' ? undefined : n.before;
  // Only Cyrillic names are read as declined: the rest skip the work (grouping compares every pair).
  if (!/\p{Script=Cyrillic}/u.test(name)) return { name };
  const otherWords = nameWords(typeof other === 'string' ? other : other.name);
  const otherGiven = new Set(otherWords.words.filter((_, k) => k !== otherWords.family));
  const known = {
    given: (g: string) => otherWords.words.length > 1 && nameWords(g).words.every((w) => otherGiven.has(w)),
    manOnly: () => false,
  };
  const read = russianNominative(name, before ?? '', known);
  if (!read) return { name };
  const byText = before !== undefined && russianNominative(name, before) !== undefined;
  return { name: read.name, note: `${name}: ${read.case} of ${read.name}`, ...(byText ? {} : { inferred: true }) };
}

/**
 * Two person names, each a string or a name with the words before it in its text (which can
 * show a Russian man's name declined: "у Токаева" is Токаев's, while a lone "Токаева" may be a
 * woman). Compared in the nominative; the detail says when a name was read as declined.
 * Symmetric: compare(a, b) equals compare(b, a).
 */
export function comparePersonNames(a: PersonNameInText, b: PersonNameInText): NameMatch {
  const na = nominativeOf(a, b);
  const nb = nominativeOf(b, a);
  const notes = [na.note, nb.note].filter((n): n is string => n !== undefined).sort();
  const m = compareWrittenNames(na.name, nb.name);
  if (notes.length === 0) return m;
  // The words differ as written, so a match of declined names is never 'identical'; one read from the pair alone is a weaker proposal.
  let declined = m.reason === 'identical' ? result(0.95, 'same-folded', m.detail) : m;
  if (declined.same && (na.inferred || nb.inferred)) declined = result(Math.min(declined.score, 0.8), declined.reason, declined.detail);
  return { ...declined, detail: `${declined.detail} (${notes.join('; ')})` };
}

/**
 * Two person names: identical, the same across scripts ('same-folded'), spelled a little
 * differently ('close-spelling'), with initials ("K. Tokaïev"), in the other order ("Tokaïev
 * Kassym-Jomart"), or namesakes (same family name, different given names: never the same).
 * A lone family name against a full name is proposed (the caller decides whether it is
 * ambiguous in its group). Symmetric: compare(a, b) equals compare(b, a).
 */
function compareWrittenNames(a: string, b: string): NameMatch {
  // Order the pair canonically so the result cannot depend on argument order.
  if (a > b) [a, b] = [b, a];
  if (a.trim() === '' || b.trim() === '') return result(0, 'different', '');
  if (a === b) return result(1, 'identical', foldText(a));
  const A = nameWords(a);
  const B = nameWords(b);
  if (A.words.length === 0 || B.words.length === 0) return result(0, 'different', '');
  const fa = A.words.join(' ');
  const fb = B.words.join(' ');
  if (fa === fb) return result(0.97, 'same-folded', `${fa} = ${fb}`);

  // Align the shorter name's words with distinct words of the longer one.
  const [S, L] = A.words.length <= B.words.length ? [A, B] : [B, A];
  const used = new Set<number>();
  const pairs: { s: number; l: number; m: WordMatch }[] = [];
  for (let i = 0; i < S.words.length; i++) {
    let best: { l: number; m: WordMatch } | undefined;
    const rank = { equal: 0, close: 1, initial: 2, gendered: 3 } as const;
    for (let j = 0; j < L.words.length; j++) {
      if (used.has(j)) continue;
      const m = wordMatch(S.words[i]!, L.words[j]!, i === S.family && j === L.family);
      // An initial stands for a given name, not for the family name.
      if (m === 'initial' && (i === S.family || j === L.family)) continue;
      if (m && (!best || rank[m] < rank[best.m])) best = { l: j, m };
    }
    if (best) {
      used.add(best.l);
      pairs.push({ s: i, ...best });
    }
  }
  const detail = pairs.map((p) => `${S.words[p.s]} = ${L.words[p.l]}`).join(', ');
  const complete = pairs.length === S.words.length;
  const inOrder = pairs.every((p, k) => k === 0 || p.l > pairs[k - 1]!.l);
  const hasClose = pairs.some((p) => p.m === 'close');
  const hasInitial = pairs.some((p) => p.m === 'initial');
  const familyPair = pairs.find((p) => p.s === S.family && p.l === L.family && p.m !== 'initial');
  const gendered = pairs.some((p) => p.m === 'gendered');

  // Every word of one name in the other, the family name included (or all of both, in any order).
  if (complete && !gendered && (familyPair || (S.words.length === L.words.length && !hasInitial))) {
    if (S.words.length === L.words.length) {
      if (hasInitial) return result(hasClose ? 0.8 : 0.88, 'initials', detail);
      if (!inOrder) return result(hasClose ? 0.82 : 0.92, 'name-order', detail);
      if (hasClose) return result(0.85, 'close-spelling', detail);
      return result(0.95, 'same-folded', detail);
    }
    // Fewer words on one side: "Tokaïev" or "K. Tokaïev" against "Kassym-Jomart Tokaïev".
    if (hasInitial) return result(hasClose ? 0.78 : 0.86, 'initials', detail);
    const lone = S.words.length === 1;
    const score = (lone ? 0.75 : 0.82) - (hasClose ? 0.05 : 0);
    return result(score, hasClose ? 'close-spelling' : inOrder ? 'same-folded' : 'name-order', `${detail}${lone ? LONE : ''}`);
  }

  // Same family name, but the given names disagree, or the feminine form of it: namesakes, never the same person.
  const family = familyPair ?? pairs.find((p) => p.m === 'gendered');
  if (family) {
    const other = (n: NameWords, skip: number) => n.words.filter((_, k) => k !== skip).join(' ') || '–';
    return result(0.35, 'namesake', `${S.words[family.s]} = ${L.words[family.l]}; ${other(S, family.s)} ≠ ${other(L, family.l)}`);
  }
  return result(0.5 * jaroWinkler(fa, fb), 'different', `${fa} ≠ ${fb}`);
}

/**
 * Two place names: the same text, the same folded key, the same gazetteer entry under
 * different names (Aktaou, Актау), or a close spelling. Symmetric.
 */
export function comparePlaceNames(a: string, b: string): NameMatch {
  if (a > b) [a, b] = [b, a];
  if (a.trim() === '' || b.trim() === '') return result(0, 'different', '');
  if (a === b) return result(1, 'identical', foldText(a));
  const fa = foldText(a);
  const fb = foldText(b);
  if (fa === '' || fb === '') return result(0, 'different', '');
  if (fa === fb) return result(0.97, 'same-folded', `${fa} = ${fb}`);
  const ga = resolvePlace({ name: a });
  const gb = resolvePlace({ name: b });
  if (ga && gb) {
    if (ga.id === gb.id) return result(0.95, 'same-folded', `${fa} = ${fb} (${ga.id})`);
    return result(0.1, 'different', `${ga.id} ≠ ${gb.id}`);
  }
  if (closeSpelling(fa.replace(/ /g, ''), fb.replace(/ /g, ''))) return result(0.8, 'close-spelling', `${fa} ~ ${fb}`);
  return result(0.5 * jaroWinkler(fa, fb), 'different', `${fa} ≠ ${fb}`);
}

export interface PersonGroup {
  name: string;
  mentions: PersonMention[];
  variants: { name: string; at: Span; match: NameMatch }[];
}

/**
 * People named in one article, grouped: spellings of the same person together, each variant
 * with why it is proposed. A lone family name joins a group only when exactly one group has
 * that family name (two Abjans, or Nursultan and Dariga Nazarbaïev(a), keep it apart).
 */
export function groupPersonMentions(mentions: readonly PersonMention[]): PersonGroup[] {
  // Work on distinct spellings (an article repeats a few names many times), then hand out mentions.
  const byName = new Map<string, PersonMention[]>();
  for (const m of mentions) {
    const list = byName.get(m.name);
    if (list) list.push(m);
    else byName.set(m.name, [m]);
  }
  const wordCount = (n: string) => nameWords(n).words.length;
  // The most complete names first (initials count for little), so "V. Kim" meets both Kims formed.
  const fullness = (n: string) => nameWords(n).words.reduce((k, w) => k + (w.length > 1 ? 2 : 1), 0);
  const names = [...byName.keys()].sort((a, b) => fullness(b) - fullness(a));
  const groups: string[][] = [];
  for (const name of names) {
    const lone = wordCount(name) <= 1;
    // A group fits when one of its names is proposed as this one and none is a namesake of it.
    const fits = groups.filter((g) => {
      const matches = g.map((n) => comparePersonNames(n, name));
      return matches.some((r) => r.same && (lone || !r.detail.endsWith(LONE))) && !matches.some((r) => r.reason === 'namesake');
    });
    // Fitting two groups is ambiguous ("Kim" with two Kims, "V. Kim" with Vladimir and Vyacheslav): kept apart.
    if (fits.length === 1) fits[0]!.push(name);
    else groups.push([name]);
  }
  const out: PersonGroup[] = groups.map((g) => {
    // The group's name: its most complete spelling, the most frequent among those.
    const count = (n: string) => byName.get(n)!.length;
    const name = [...g].sort((x, y) => wordCount(y) - wordCount(x) || count(y) - count(x) || g.indexOf(x) - g.indexOf(y))[0]!;
    const variants = g.filter((n) => n !== name).map((n) => ({ name: n, at: byName.get(n)![0]!.at, match: comparePersonNames(name, n) }));
    return { name, mentions: g.flatMap((n) => byName.get(n)!).sort((x, y) => x.at[0] - y.at[0]), variants };
  });
  return out.sort((x, y) => x.mentions[0]!.at[0] - y.mentions[0]!.at[0]);
}

/**
 * Existing people a new name may be, best first: only proposals (same) worth showing. A lone
 * family name is proposed only when a single existing person carries it.
 */
export function suggestSamePeople(
  name: string,
  existing: readonly { id: string; name: string; aliases?: readonly string[] }[],
): { id: string; match: NameMatch }[] {
  const scored: { id: string; match: NameMatch; loneOnly: boolean }[] = [];
  for (const e of existing) {
    let best: NameMatch | undefined;
    for (const n of [e.name, ...(e.aliases ?? [])]) {
      const m = comparePersonNames(name, n);
      if (!best || m.score > best.score) best = m;
    }
    if (best && best.same) scored.push({ id: e.id, match: best, loneOnly: best.detail.endsWith(LONE) });
  }
  const loneCount = scored.filter((s) => s.loneOnly).length;
  return scored
    .filter((s) => !s.loneOnly || loneCount === 1)
    .sort((a, b) => b.match.score - a.match.score || a.id.localeCompare(b.id))
    .map(({ id, match }) => ({ id, match }));
}
