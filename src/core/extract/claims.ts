/**
 * Statements attributed to a speaker: "Selon le ministre de l'Intérieur, ...", "X a déclaré que
 * ...", "les autorités affirment ...", "« ... », a-t-il dit", "по словам ...", "X заявил, что ...",
 * "according to ...", "X said ...". One claim per sentence at most; the claimant is the person
 * found in the attribution when there is one (with their role), else the words that name the
 * speaker ("le ministre de l'Intérieur kazakh"). A pronoun ("Il a déclaré") takes the last
 * speaker named before it; first-person statements ("selon moi") are the author's, not claims.
 * "Selon X :" at the end of a paragraph attributes the next paragraph, which is then the claim.
 */
import { findCounts } from './counts.ts';
import { findDates, matchesOf } from './dates.ts';
import { sentencesOf } from './passages.ts';
import { SPEECH, OFFICIAL, AUTHORITIES, SOURCE_FIRST, SOURCE_LAST, NOT_SPEAKER_START, SAID_LAST, AS_SAID, INTRO, AS_THEY_SAY, ACCORDING_WHICH, INCISE, SPEAKER_QUOTE, ARTICLE, CONNECTOR, ROLE_LEAD, AUXILIARY, DETERMINER } from './claim-patterns.ts';
import { claimantOf, roleAfter, subjectBefore, statementAfter, trimSpan, type Claimant } from './claim-parts.ts';
import type { ClaimMention, CountMention, DateMention, ExtractOptions, Passage, PersonMention, Span } from './types.ts';


/** Sentences of a passage, where an initial ("N. Nazarbaev") does not end one. */
export function sentencesIn(text: string, passage: Span): Span[] {
  const out: Span[] = [];
  for (const s of sentencesOf(text, passage)) {
    const prev = out[out.length - 1];
    if (prev !== undefined && /(?:^|[\s\u00a0(])\p{Lu}\.$/u.test(text.slice(prev[0], prev[1]))) prev[1] = s[1];
    else out.push([s[0], s[1]]);
  }
  return out;
}

interface Draft {
  at: Span;
  passage: string;
  statement: Span;
  claimant: Claimant;
  attribution: Span;
}

function claimInSentence(text: string, s: Span, people: readonly PersonMention[], last: Claimant | undefined): Omit<Draft, 'passage'> | undefined {
  const body = text.slice(s[0], s[1]);
  const lead = body.length - body.trimStart().length;
  const b = body.trimStart();
  const bs = s[0] + lead;

  const group = (m: RegExpExecArray, i: number): Span => [bs + m.indices![i]![0], bs + m.indices![i]![1]];
  const first = SOURCE_FIRST.exec(b);
  if (first !== null) {
    let claimant = claimantOf(group(first, 1), text, people, last);
    if (claimant === undefined) return undefined;
    let statementFrom = bs + first[0].length;
    // "Selon Zhanbolat Mamay, journaliste politique, la police ...": a person's role before the statement.
    const [ga, gb] = group(first, 1);
    // A name: a person found there, or capitalised words only ("Жанболата Мамая" when no person was found).
    const named = people.some((p) => p.at[0] >= ga && p.at[1] <= gb) || /^\p{Lu}[\p{L}'’-]*(?:[\s\u00a0]+\p{Lu}[\p{L}'’-]*){0,3}$/u.test(text.slice(ga, gb));
    const lead = first[2] === ',' && claimant.role === undefined && named ? ROLE_LEAD.exec(text.slice(statementFrom, s[1])) : null;
    const role = lead !== null && !AUXILIARY.test(lead[1]!.replace(ARTICLE, '')) ? roleAfter(`, ${lead[1]!}`) : undefined;
    if (lead !== null && role !== undefined) {
      claimant = { ...claimant, role };
      statementFrom += lead[0].length;
    }
    const st = trimSpan(text, [statementFrom, s[1]]);
    if (st === undefined) return first[2] === ':' ? { at: s, statement: s, claimant, attribution: [bs, statementFrom] } : undefined;
    return { at: s, statement: st, claimant, attribution: [bs, statementFrom] };
  }
  const lastSrc = SOURCE_LAST.exec(b);
  if (lastSrc !== null) {
    const claimant = claimantOf(group(lastSrc, 1), text, people, last);
    const st = trimSpan(text, [bs, bs + lastSrc.index]);
    if (claimant !== undefined && st !== undefined) return { at: s, statement: st, claimant, attribution: [bs + lastSrc.index, s[1]] };
  }
  for (const re of SAID_LAST) {
    const said = re.exec(b);
    if (said === null) continue;
    const [ca, cb] = group(said, 1);
    // "a déclaré que ...", "said that ...", "заявил, что": the statement follows, it is no speaker.
    if (CONNECTOR.exec(text.slice(ca, cb))![0] !== '' || NOT_SPEAKER_START.test(text.slice(ca, cb))) break;
    const claimant = claimantOf([ca, cb], text, people, last);
    const st = trimSpan(text, [bs, bs + said.index]);
    if (claimant !== undefined && st !== undefined) return { at: s, statement: st, claimant, attribution: [bs + said.index, s[1]] };
    break;
  }
  const asSaid = AS_SAID.exec(b);
  if (asSaid !== null) {
    const claimant = claimantOf(group(asSaid, 1), text, people, last);
    const statementFrom = bs + asSaid.index + asSaid[0].length;
    const st = trimSpan(text, [statementFrom, s[1]]);
    if (claimant !== undefined && st !== undefined) return { at: s, statement: st, claimant, attribution: [bs + asSaid.index, statementFrom] };
    if (claimant !== undefined) return { at: s, statement: s, claimant, attribution: [bs + asSaid.index, statementFrom] };
  }
  const intro = INTRO.exec(b);
  if (intro !== null) {
    const claimant = claimantOf(group(intro, 1), text, people, last);
    if (claimant !== undefined) return { at: s, statement: s, claimant, attribution: [bs, s[1]] };
  }
  const asTheySay = AS_THEY_SAY.exec(b);
  if (asTheySay !== null) {
    const claimant = claimantOf(group(asTheySay, 1), text, people, last);
    const st = trimSpan(text, [bs, bs + asTheySay.index]);
    if (claimant !== undefined && st !== undefined) return { at: s, statement: st, claimant, attribution: [bs + asTheySay.index, s[1]] };
  }
  const according = ACCORDING_WHICH.exec(b);
  if (according !== null) {
    const before = text.slice(bs, bs + according.index);
    let np: Span | undefined;
    for (const m of matchesOf(DETERMINER, before)) np = [bs + m.index, bs + according.index];
    if (np !== undefined) {
      // "des rumeurs avaient couru selon lesquelles": the noun phrase stops at its verb.
      const words = text.slice(np[0], np[1]);
      const verb = /[\s\u00a0](?:a|ont|avait|avaient|est|sont|était|étaient|circul\p{L}*|cour\p{L}*)(?![\p{L}])|[\s\u00a0]*[–—,(]/u.exec(words);
      if (verb !== null) np = [np[0], np[0] + verb.index];
      const claimant = claimantOf(np, text, people, last);
      const st = trimSpan(text, [bs + according.index + according[0].length, s[1]]);
      if (claimant !== undefined && st !== undefined) return { at: s, statement: st, claimant, attribution: [np[0], st[0]] };
    }
  }
  const incise = INCISE.exec(b);
  if (incise !== null && last !== undefined && /^[«“]/u.test(b)) {
    return { at: s, statement: [bs, s[1]], claimant: last, attribution: [bs + incise.index, bs + incise.index + incise[0].length] };
  }
  const quote = SPEAKER_QUOTE.exec(b);
  SPEECH.lastIndex = 0;
  if (quote !== null && !SPEECH.test(quote[1]!)) {
    const claimant = claimantOf([bs, bs + quote[1]!.length], text, people, last);
    const statementFrom = bs + quote[0].length - 1;
    const st = trimSpan(text, [statementFrom, s[1]]);
    if (claimant !== undefined && st !== undefined && !/^\d/.test(quote[1]!)) return { at: s, statement: st, claimant, attribution: [bs, statementFrom] };
  }
  SPEECH.lastIndex = 0;
  for (const v of matchesOf(SPEECH, b)) {
    const verbAt = bs + v.index;
    const verbEnd = verbAt + v[0].length;
    // "affirmant que", "indiquant ... que": the speaker is the person the sentence is about.
    const participle = /ant$/u.test(v[0]);
    const person = participle ? [...people].reverse().find((p) => p.at[0] >= bs && p.at[1] <= verbAt) : undefined;
    const subject = person !== undefined ? person.at : subjectBefore(text, [bs, s[1]], verbAt, participle);
    if (subject === undefined) continue;
    const claimant = claimantOf(subject, text, people, last);
    if (claimant === undefined) continue;
    const st = statementAfter(text, s, verbEnd, v[0]);
    if (st === undefined) {
      // "X a écrit :" closing its paragraph: the next paragraph is what was said.
      if (/^[\s\u00a0]*:?[\s\u00a0]*$/u.test(text.slice(verbEnd, s[1]))) return { at: s, statement: s, claimant, attribution: [subject[0], verbEnd] };
      continue;
    }
    return { at: s, statement: st, claimant, attribution: [subject[0], st[0]] };
  }
  // "Officiellement, 225 personnes sont mortes": no speaker named, the authorities' word.
  const official = OFFICIAL.exec(b);
  if (official !== null) {
    const st = trimSpan(text, [bs + official[0].length, s[1]]);
    if (st !== undefined) return { at: s, statement: st, claimant: { name: AUTHORITIES[official[1]!.toLowerCase()]! }, attribution: [bs, st[0]] };
  }
  return undefined;
}

export interface ClaimContext {
  /** Dates already found in the text (else found here, sentence by sentence). */
  dates?: readonly DateMention[];
  /** Counts already found in the text (else found here). */
  counts?: readonly CountMention[];
}

/** Statements attributed to a speaker, one per sentence at most, in order. */
export function findClaims(text: string, passages: readonly Passage[], opts: ExtractOptions, people: readonly PersonMention[], context: ClaimContext = {}): ClaimMention[] {
  const out: ClaimMention[] = [];
  const drafts: Draft[] = [];
  const pending: Draft[] = [];
  let last: Claimant | undefined;
  let lastAt = -1;
  for (let i = 0; i < passages.length; i++) {
    const p = passages[i]!;
    const here = people.filter((m) => m.at[0] >= p.at[0] && m.at[1] <= p.at[1]);
    for (const s of sentencesIn(text, p.at)) {
      // A person named in an earlier sentence is who "il" or "elle" is, unless a speaker came after.
      const before = here.filter((m) => m.at[1] <= s[0]);
      const named = before.length > 0 ? before[before.length - 1]! : undefined;
      const lastSpeaker =
        named !== undefined && (last === undefined || named.at[0] > lastAt) ? { name: named.name, ...(named.role !== undefined ? { role: named.role } : {}) } : last;
      // A question asks; it claims nothing.
      if (/\?[\s\u00a0»”"]*$/u.test(text.slice(s[0], s[1]))) continue;
      const found = claimInSentence(text, s, here, lastSpeaker);
      if (found === undefined) continue;
      last = found.claimant;
      lastAt = found.attribution[0];
      // A paragraph ending in "Selon Anarchist Fighter :", "X a écrit :" attributes the next paragraph.
      if (s[1] === p.at[1] && /[:,][\s\u00a0]*$/u.test(text.slice(s[0], s[1])) && found.statement[0] === s[0]) {
        const next = passages[i + 1];
        if (next !== undefined) pending.push({ at: next.at, passage: next.id, statement: next.at, claimant: found.claimant, attribution: found.attribution });
        continue;
      }
      if (found.statement[0] === s[0] && found.statement[1] === s[1] && found.attribution[1] > s[0] + (s[1] - s[0]) / 2) continue;
      drafts.push({ ...found, passage: p.id });
    }
    // A new paragraph does not carry a pronoun's speaker further than the next one.
    if (i > 0 && !drafts.some((d) => d.passage === p.id) && !pending.some((d) => d.passage === passages[i + 1]?.id)) last = undefined;
    opts.onProgress?.(i + 1, passages.length);
  }
  // The paragraph after "X :" is X's claim, unless it names its own speakers.
  for (const d of pending) if (!drafts.some((o) => o.passage === d.passage)) drafts.push(d);
  drafts.sort((a, b) => a.at[0] - b.at[0]);
  const dates = context.dates ?? findDates(text, passages, opts);
  const counts = context.counts ?? findCounts(text, passages, opts);
  const within = <T extends { at: Span }>(list: readonly T[], [a, b]: Span) => list.filter((m) => m.at[0] >= a && m.at[1] <= b);
  const seen = new Set<string>();
  for (const d of drafts) {
    const key = `${d.at[0]}-${d.at[1]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const said = within(dates, d.attribution)[0]?.when;
    const figures = within(counts, d.statement);
    const figure = figures.find((c) => c.unit !== 'other') ?? figures[0];
    out.push({
      type: 'claim',
      at: d.at,
      text: text.slice(d.at[0], d.at[1]),
      passage: d.passage,
      statement: text.slice(d.statement[0], d.statement[1]),
      claimant: { name: d.claimant.name.slice(0, 300), ...(d.claimant.role !== undefined ? { role: d.claimant.role.slice(0, 300) } : {}) },
      ...(said !== undefined ? { said } : {}),
      ...(figure !== undefined ? { figure: { value: figure.value, unit: figure.unit, ...(figure.qualifier !== undefined ? { qualifier: figure.qualifier } : {}) } } : {}),
    });
  }
  return out.sort((a, b) => a.at[0] - b.at[0]);
}
