/**
 * Candidate records built from an article's mentions, for a person to review: an event for each
 * sentence that names a date (with the place the sentence or its paragraph names), a person for
 * each group of spellings of one name, a claim for each attributed statement. Every candidate's
 * content passes the record schema as it is (checked with buildRecord) and cites the source
 * document at the exact span it came from, quoted character for character.
 */
import { buildRecord, EVENT_CATEGORIES } from '../records.ts';
import { Kind } from '../kinds.ts';
import { groupPersonMentions } from '../resolve.ts';
import { sentencesIn } from './claims.ts';
import { passageAt } from './passages.ts';
import type { Candidate, ClaimMention, DateMention, ExtractOptions, Mention, Passage, PersonMention, PlaceMention, Span } from './types.ts';

type EventCategory = (typeof EVENT_CATEGORIES)[number];

/** A citation quotes at most 4000 characters (the schema's limit): longer spans are cut, never reflowed. */
const QUOTE_MAX = 4000;
const TITLE_MAX = 90;

/** Words that suggest an event's categories (French, Russian, English stems). */
const CATEGORY_WORDS: [EventCategory, RegExp][] = [
  ['strike', /(?<![\p{L}])(?:gr[èée]v|strik|забастов|бастующ)/iu],
  ['protest', /(?<![\p{L}])(?:manifest|protest|rassembl|marche|rally|demonstrat|митинг|протест|демонстрац)/iu],
  ['clash', /(?<![\p{L}])(?:affrontement|heurt|combat|clash|столкнов)/iu],
  ['shooting', /(?<![\p{L}])(?:tir[éesr]?(?![\p{L}])|tirs|tirant|fusillad|abattu|balles|sniper|shoot|shot|fired|gunfire|стрельб|расстрел|выстрел)/iu],
  ['arson', /(?<![\p{L}])(?:incendi|br[ûu]l|en feu|mis le feu|arson|burn|поджог|подожг|сожгл|горел)/iu],
  ['occupation', /(?<![\p{L}])(?:occup|empar|prise d['’]assaut|pris d['’]assaut|seiz|stormed|захват)/iu],
  ['arrest', /(?<![\p{L}])(?:arr[êe]t[ée]|arrestation|interpell|d[ée]tenu|arrest|detain|задерж|арест)/iu],
  ['disappearance', /(?<![\p{L}])(?:disparu|disparition|missing|disappear|пропал|исчез)/iu],
  ['shutdown', /(?<![\p{L}])(?:coupure|coup[ée]e?s?(?![\p{L}])|shutdown|cut off|blackout|отключ)/iu],
  ['reconnection', /(?<![\p{L}])(?:r[ée]tabli|reconnect|restored|восстановл)/iu],
  ['statement', /(?<![\p{L}])(?:d[ée]clar|annon[cç]|discours|statement|announc|заяв|обращени)/iu],
  ['military', /(?<![\p{L}])(?:soldat|militaire|troupe|arm[ée]e|parachutist|OTSC|CSTO|ОДКБ|troops|army|military|военн|войск|армия)/iu],
  ['price', /(?<![\p{L}])(?:prix|augmentation|hausse|subvention|price|цен[аыу])/iu],
  ['looting', /(?<![\p{L}])(?:pill|loot|мародер|мародёр|граб)/iu],
  ['solidarity', /(?<![\p{L}])(?:solidarit|солидарн)/iu],
  ['commemoration', /(?<![\p{L}])(?:m[ée]moire|comm[ée]mor|hommage|memorial|памят)/iu],
];

export function categoriesOf(sentence: string): EventCategory[] {
  const found = CATEGORY_WORDS.filter(([, re]) => re.test(sentence)).map(([c]) => c);
  return found.length > 0 ? found.slice(0, 8) : ['other'];
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A short title from a sentence: its first words, cut at a word, without a trailing comma. */
export function titleOf(sentence: string): string {
  const flat = oneLine(sentence);
  if (flat.length <= TITLE_MAX) return flat;
  const cut = flat.slice(0, TITLE_MAX);
  const space = cut.lastIndexOf(' ');
  return `${(space > TITLE_MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–—-]+$/u, '')}…`;
}

/** The span a citation quotes: the exact text, cut to the schema's limit. */
function quoted(text: string, [s, e]: Span): Span {
  return [s, Math.min(e, s + QUOTE_MAX)];
}

function citation(text: string, sourceId: string, span: Span): { source: string; quote: string; at: Span } {
  const [s, e] = quoted(text, span);
  return { source: sourceId, quote: text.slice(s, e), at: [s, e] };
}

/** Whether content passes the real record schema (buildRecord validates, with the citations' tags). */
function valid(kind: number, content: Record<string, unknown>): boolean {
  try {
    buildRecord(kind, content, [], 0);
    return true;
  } catch {
    return false;
  }
}

interface Context {
  text: string;
  passages: readonly Passage[];
  sourceId: string;
  lang: string;
  onProgress?: ExtractOptions['onProgress'];
}

function sentenceAround(ctx: Context, at: Span): Span | undefined {
  const p = passageAt(ctx.passages, at[0]);
  if (p === undefined) return undefined;
  return sentencesIn(ctx.text, p.at).find(([a, b]) => at[0] >= a && at[0] < b);
}

function eventCandidates(ctx: Context, mentions: readonly Mention[]): Candidate[] {
  const out: Candidate[] = [];
  const dates = mentions.filter((m): m is DateMention => m.type === 'date');
  const places = mentions.filter((m): m is PlaceMention => m.type === 'place');
  const seen = new Set<string>();
  for (const date of dates) {
    // Events are most of the candidates' work: the passage reached tells how far it is.
    ctx.onProgress?.(passageAt(ctx.passages, date.at[0])?.n ?? 0, ctx.passages.length);
    const s = sentenceAround(ctx, date.at);
    if (s === undefined) continue;
    const key = `event:${s[0]}-${s[1]}`;
    // One event per sentence, dated by its first date.
    if (seen.has(key)) continue;
    seen.add(key);
    const p = passageAt(ctx.passages, s[0])!;
    const place = places.find((m) => m.at[0] >= s[0] && m.at[1] <= s[1]) ?? places.find((m) => m.passage === p.id);
    const sentence = ctx.text.slice(s[0], s[1]);
    // An interviewer's question ("Que s'est-il passé le 5 janvier ?") is not an event.
    if (/\?[\s»”"]*$/u.test(sentence)) continue;
    const content: Record<string, unknown> = {
      lang: ctx.lang,
      title: titleOf(sentence),
      summary: oneLine(sentence).slice(0, 20_000),
      when: date.when,
      ...(place !== undefined ? { where: place.place } : {}),
      categories: categoriesOf(sentence),
      sources: [citation(ctx.text, ctx.sourceId, s)],
    };
    if (!valid(Kind.Event, content)) continue;
    const at = quoted(ctx.text, s);
    out.push({ key: `event:${at[0]}-${at[1]}`, kind: 'event', content, at, passage: p.id, mentions: place !== undefined ? [date, place] : [date] });
  }
  return out;
}

function personCandidates(ctx: Context, mentions: readonly Mention[]): Candidate[] {
  const out: Candidate[] = [];
  const people = mentions.filter((m): m is PersonMention => m.type === 'person');
  const used = new Set<string>();
  for (const group of groupPersonMentions(people)) {
    // Cite the first sentence of each spelling (the reviewer sees every variant in context).
    const firsts = [group.mentions[0]!, ...group.variants.map((v) => group.mentions.find((m) => m.at[0] === v.at[0]) ?? group.mentions[0]!)];
    const spans: Span[] = [];
    for (const m of firsts) {
      const s = sentenceAround(ctx, m.at) ?? m.at;
      const q = quoted(ctx.text, s);
      // A sentence longer than a quote may not hold the name: quote the name itself then.
      const span = m.at[1] <= q[1] ? q : m.at;
      if (!spans.some((x) => x[0] === span[0] && x[1] === span[1])) spans.push(span);
    }
    // The candidate's own span: the first sentence no other person candidate took, else the first mention itself.
    const own = spans.find((x) => !used.has(`${x[0]}-${x[1]}`)) ?? group.mentions[0]!.at;
    used.add(`${own[0]}-${own[1]}`);
    const aliases = [...new Set(group.variants.map((v) => oneLine(v.name)).filter((n) => n !== group.name))].slice(0, 20);
    const role = group.mentions.find((m) => m.role !== undefined)?.role;
    const content: Record<string, unknown> = {
      lang: ctx.lang,
      name: oneLine(group.name).slice(0, 300),
      ...(aliases.length > 0 ? { aliases: aliases.map((a) => a.slice(0, 300)) } : {}),
      ...(role !== undefined ? { role: oneLine(role).slice(0, 300) } : {}),
      sources: [own, ...spans.filter((x) => x !== own)].slice(0, 10).map((x) => citation(ctx.text, ctx.sourceId, x)),
    };
    if (!valid(Kind.PersonOfConcern, content)) continue;
    const passage = passageAt(ctx.passages, own[0])!;
    out.push({
      key: `person:${own[0]}-${own[1]}`,
      kind: 'person',
      content,
      at: own,
      passage: passage.id,
      mentions: group.mentions,
      ...(group.variants.length > 0 ? { variants: group.variants } : {}),
    });
  }
  return out;
}

function claimCandidates(ctx: Context, mentions: readonly Mention[]): Candidate[] {
  const out: Candidate[] = [];
  for (const c of mentions.filter((m): m is ClaimMention => m.type === 'claim')) {
    const content: Record<string, unknown> = {
      lang: ctx.lang,
      statement: c.statement.trim().slice(0, 20_000),
      claimant: c.claimant,
      ...(c.said !== undefined ? { said: c.said } : {}),
      ...(c.figure !== undefined ? { figure: c.figure } : {}),
      sources: [citation(ctx.text, ctx.sourceId, c.at)],
    };
    if (!valid(Kind.Claim, content)) continue;
    const at = quoted(ctx.text, c.at);
    out.push({ key: `claim:${at[0]}-${at[1]}`, kind: 'claim', content, at, passage: c.passage, mentions: [c] });
  }
  return out;
}

/** Candidate records from an article's mentions, events first, then people, then claims. */
export function buildCandidates(text: string, passages: readonly Passage[], mentions: readonly Mention[], opts: ExtractOptions & { sourceId: string }): Candidate[] {
  const ctx: Context = { text, passages, sourceId: opts.sourceId, lang: opts.lang, ...(opts.onProgress !== undefined ? { onProgress: opts.onProgress } : {}) };
  const out = [...eventCandidates(ctx, mentions), ...personCandidates(ctx, mentions), ...claimCandidates(ctx, mentions)];
  opts.onProgress?.(passages.length, passages.length);
  return out;
}
