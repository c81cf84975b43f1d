/**
 * The parts of an attributed sentence: who the claimant is (a person found there, the last
 * speaker for a pronoun, the authorities for official figures), the role written after a name,
 * the subject before a speech verb, and the statement after it. Moved out of claims.ts unchanged.
 */
import { matchesOf } from './dates.ts';
import { THAT, OFFICIAL_SOURCE, POSSESSIVE, FIRST_PERSON, PRONOUN, RELATIVE, FUNCTION_WORD, PREPOSITION, ARTICLE, CONNECTOR, ROLE_AFTER, NOT_ROLE, DETERMINER } from './claim-patterns.ts';
import type { PersonMention, Span } from './types.ts';

export interface Claimant {
  name: string;
  role?: string;
}

/** The claimant named by a phrase: the last person in it (with role), or the phrase without its article. */
export function claimantOf(phrase: Span, text: string, people: readonly PersonMention[], last: Claimant | undefined): Claimant | undefined {
  const words = text.slice(phrase[0], phrase[1]).trim();
  if (words === '' || FIRST_PERSON.test(words)) return undefined;
  const person = [...people].reverse().find((p) => p.at[0] >= phrase[0] && p.at[1] <= phrase[1]);
  if (person !== undefined) {
    const role = person.role ?? roleAfter(text.slice(person.at[1], phrase[1]));
    return { name: person.name, ...(role !== undefined ? { role } : {}) };
  }
  const bare = words.replace(/[\s\u00a0]+/g, ' ').replace(/^[«“"(\s]+|[»”")\s,]+$/gu, '');
  if (POSSESSIVE.test(bare)) return last;
  const official = OFFICIAL_SOURCE.find(([re]) => re.test(bare));
  if (official !== undefined) return { name: official[1] };
  const first = bare.split(' ')[0] ?? '';
  if (PRONOUN.test(bare)) return last;
  if (RELATIVE.test(first) || FIRST_PERSON.test(bare)) return undefined;
  const name = bare.replace(ARTICLE, '').replace(/[\s\u00a0]+lui-même$|[\s\u00a0]+elle-même$/u, '');
  if (name.length < 2 || name.length > 120 || name.split(' ').length > 10 || !/\p{L}{3}/u.test(name) || FUNCTION_WORD.test(name)) return undefined;
  return { name };
}

/** The role between commas after a name, without its article; undefined for a clause ("qui était sur place"). */
export function roleAfter(after: string): string | undefined {
  const m = ROLE_AFTER.exec(after);
  if (m === null) return undefined;
  const role = m[1]!.replace(/[\s\u00a0]+/g, ' ').replace(ARTICLE, '');
  const first = role.split(' ')[0] ?? '';
  return role.length >= 3 && !NOT_ROLE.test(first) && !FUNCTION_WORD.test(role) ? role : undefined;
}

/** The subject phrase just before a speech verb: from the last subject-like determiner or capitalised word of its clause. */
export function subjectBefore(text: string, sentence: Span, verbAt: number, nounOnly = false): Span | undefined {
  let from = sentence[0];
  const pre = text.slice(from, verbAt);
  // A clause boundary ("; ", " – ") or a leading connector closes off what came before.
  const cut = Math.max(pre.lastIndexOf('; '), pre.lastIndexOf(' – '), pre.lastIndexOf(' — '));
  if (cut >= 0) from += cut + 2;
  let seg = text.slice(from, verbAt);
  const conn = CONNECTOR.exec(seg);
  if (conn !== null) {
    from += conn[0].length;
    seg = seg.slice(conn[0].length);
  }
  // Drop a trailing relative clause or aside between commas: "les médias, qu'ils soient kazakhs ou étrangers,".
  const aside = /,[\s\u00a0]*(?:qu['’]|qui|que|dont|où|sans|avec|selon|sur|dans)[^,]*,?[\s\u00a0]*$/iu.exec(seg);
  if (aside !== null) seg = seg.slice(0, aside.index);
  seg = seg.replace(/[\s\u00a0,]+$/u, '').replace(/(?:^|[\s\u00a0]+)(?:nous|vous|lui|leur|me|m['’])$/iu, '');
  if (seg === '') return undefined;
  // "les gouvernements qui prétendent": the speech belongs to a relative clause, not to a speaker.
  if (/(?:^|[\s\u00a0])(?:qui|que|qu['’]|dont|which|who|that|который|которые|которая)$/iu.test(seg)) return undefined;
  // A short segment is the subject itself ("Tokayev", "Il", "Les autorités"), unless it opens with a preposition.
  if (!nounOnly && seg.split(/[\s\u00a0]+/).length <= 6 && !PREPOSITION.test(seg)) return [from, from + seg.length];
  let start = -1;
  for (const m of matchesOf(DETERMINER, seg)) start = m.index;
  if (start < 0) return undefined;
  return [from + start, from + seg.length];
}

/** The sentence's statement after the speech verb, or undefined when the verb has no statement after it. */
export function statementAfter(text: string, sentence: Span, verbEnd: number, verb: string): Span | undefined {
  const rest = text.slice(verbEnd, sentence[1]);
  const that = THAT.exec(rest);
  let from = verbEnd;
  if (that !== null) from += that[0].length - (/[«“]$/u.test(that[0]) ? 1 : 0);
  else if (/^(?:a|ont|avait|avaient|aurait|auraient)[\s\u00a0]/iu.test(verb) && /(?:déclar|exprim)/iu.test(verb)) {
    // "a déclaré l'état d'urgence" is an act, not a statement.
    return undefined;
  }
  while (from < sentence[1] && /[\s\u00a0,:]/u.test(text[from]!)) from++;
  let to = sentence[1];
  while (to > from && /[\s\u00a0]/u.test(text[to - 1]!)) to--;
  return to - from >= 3 ? [from, to] : undefined;
}
export function trimSpan(text: string, [a, b]: Span): Span | undefined {
  while (a < b && /[\s\u00a0,:]/u.test(text[a]!)) a++;
  while (b > a && /[\s\u00a0]/u.test(text[b - 1]!)) b--;
  return b - a >= 3 ? [a, b] : undefined;
}
