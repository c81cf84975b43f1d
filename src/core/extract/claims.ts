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
import type { ClaimMention, CountMention, DateMention, ExtractOptions, Passage, PersonMention, Span } from './types.ts';

const SP = '[\\s\\u00a0]+';
const SP0 = '[\\s\\u00a0]*';
const AP = "['’]";

/** Speech verbs that take what was said after them (with "que", ":", a quote, or as an object: "confirmé la mort de ..."). */
const VERB_FR =
  'déclar|affirm|indiqu|annonc|assur|expliqu|ajout|précis|soulign|remarqu|reconn|écri|racont|rapport|prétend|confirm|dément|démenti|ni[ée]|signal|avert|estim|expliqu|di[st]|exprim';
const VERB_FR_FORMS = `(?:${VERB_FR})(?:é|ée|és|ées|e|ent|ant|it|ait|aient|u|ue|us|t|ons)?`;
const VERB_RU = 'заяв|сообщ|сказа|отмет|подчеркн|утвержда|признал|рассказ|пишет|написал|объяв';
const VERB_EN = 'said|says|stated|states|claimed|claims|told|announced|confirmed|reported|wrote|added|declared|insisted|denied|alleged';

/** "a déclaré", "ont souvent affirmé", "nous a dit", "déclarent ouvertement, sans honte,", "affirmant", "заявил", "said". */
const SPEECH = new RegExp(
  [
    `(?<![\\p{L}])(?:(?:nous|m${AP}|lui|leur|vous|me)${SP0})?(?:a|ont|avait|avaient|aurait|auraient)${SP}(?!été)(?:(?:\\p{Ll}+${SP}){0,2})(?:${VERB_FR_FORMS}|fait${SP}état)(?![\\p{L}])`,
    `(?<![\\p{L}-])(?:déclarent|déclare|affirment|affirme|disent|dit|indique|indiquent|annonce|annoncent|assure|assurent|estime|estiment|explique|expliquent|écrit|raconte|prétend|prétendent|confirme|confirment|signale|signalent|affirmant|déclarant|indiquant|assurant|annonçant|expliquant|précisant|soulignant|disant)(?![\\p{L}])`,
    `(?<![\\p{L}])(?:${VERB_RU})\\p{L}*(?![\\p{L}])`,
    `(?<![\\p{L}])(?:has${SP}|had${SP}|have${SP})?(?:${VERB_EN})(?![\\p{L}])`,
  ].join('|'),
  'giu',
);

/** What introduces the statement after the verb: "que", ":", a quote mark, "что", "that". */
const THAT = new RegExp(
  `^[^.!?]{0,60}?(?<!(?:mesure|afin|bien|alors|tandis|parce|lors|dès|pour|sans|avant|après|ainsi|même|plus|moins|autre|tant|si))(?:${SP}|,)(?:que|qu${AP}|что|that)(?![\\p{L}])|^[^.!?«“]{0,60}?[:«“]`,
  'iu',
);

/** "по его словам", "по официальным данным", "in his words": only the lead word, the rest is the speaker group (the last speaker, the authorities). */
const LEAD_WORD_ONLY = `по(?=${SP}(?:его|её|ее|их|официальным)${SP}(?:словам|мнению|данным|сведениям))|in(?=${SP}(?:his|her|their)${SP}(?:own${SP})?words)`;
/** Official figures, data or sources name no one but the authorities: "les chiffres officiels", "official figures", "официальным данным". */
const OFFICIAL_SOURCE: [RegExp, string][] = [
  [/^(?:les?|la)?[\s\u00a0]*(?:chiffres|données|sources|bilans?|statistiques|informations|versions?)[\s\u00a0]+officiel(?:le)?s?$/iu, 'autorités'],
  [/^(?:the[\s\u00a0]+)?official[\s\u00a0]+(?:figures|data|sources|statistics|reports?|tolls?|accounts?)$/iu, 'authorities'],
  [/^официальн\p{L}*[\s\u00a0]+(?:данным|сведениям|цифрам|источникам)$/iu, 'власти'],
];
/** Speakers that are the last one named: "selon ses mots", "selon lui", "according to him", "по его словам". */
const POSSESSIVE = /^(?:(?:ses|son|leurs?)[\s\u00a0]+(?:mots|propos|termes|dires|paroles)|lui|eux|lui-même|elle-même|eux-mêmes|him|her|them|(?:his|her|their)[\s\u00a0]+(?:own[\s\u00a0]+)?words|(?:его|её|ее|их)[\s\u00a0]+(?:словам|мнению|данным))$/iu;
/** "Officiellement, ...", "Officially ...", "Официально ...": the authorities say so; named in the adverb's language. */
const OFFICIAL = new RegExp(`^(?:[«“"]${SP0})?(?:(?:Mais|Et|Or|Pourtant|But|And|Yet|Но|А|И),?${SP})?(Officiellement|Officially|Официально)(?![\\p{L}])${SP0},?${SP0}`, 'iu');
const AUTHORITIES: Record<string, string> = { officiellement: 'autorités', officially: 'authorities', официально: 'власти' };

/** "Selon X, ...", "D'après X, ...", "According to X, ...", "По словам X, ...". */
const SOURCE_FIRST = new RegExp(
  `^(?:[«“"][\\s\\u00a0]*)?(?:(?:Encore${SP}une${SP}fois|Mais|Et|Or|Ainsi|Officiellement|However|But|Но|А|И),?${SP})?(?:selon|d${AP}après|according${SP}to|по${SP}(?:словам|данным|мнению|информации)|как${SP}(?:заявил|сообщил|сказал)\\p{L}*|${LEAD_WORD_ONLY})${SP}([^,:;]{2,160}?)${SP0}([,:])`,
  'diu',
);
/** "..., selon Wikipedia.", "..., selon les mots de Tokayev lui-même.", "..., according to the ministry.", "..., по словам министра." */
const SOURCE_LAST = new RegExp(
  `,${SP}(?:selon|d${AP}après|according${SP}to|по${SP}(?:словам|данным|мнению)|${LEAD_WORD_ONLY})${SP}(?:les${SP}(?:mots|propos|termes)${SP}(?:de${SP}|d${AP}|du${SP}))?([^,;:]{2,160}?)[\\s.!?…»”]*$`,
  'diu',
);
/** A day or time after a trailing attribution: "on January 15", "on Friday", "15 января", "le 15 janvier", "mardi". */
const WHEN_AFTER = `(?:${SP}(?:(?:on|in|at|le|ce|в|во)${SP})?(?:\\d{1,2}${SP}\\p{L}+|\\p{L}+${SP}\\d{1,2}|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)))?`;
const SAID_END = `${WHEN_AFTER}[\\s.!?…»”]*$`;
/**
 * The speaker after the statement: "..., the prosecutor's office said on January 15.", "..., said
 * the ministry.", "..., сообщила Генпрокуратура 15 января.", "..., a déclaré le ministre.".
 */
const NOT_SPEAKER_START = /^(?:que|qu['’]|that|что|чтобы|if|si|whether|about|à|to|de|of|о|об|в|на|по|with|avec|с|sur|on|in)(?![\p{L}])/iu;
const SAID_LAST = [
  new RegExp(`,${SP}([^,;:]{2,80}?)${SP}(?:has${SP}|had${SP})?(?:said|says|stated|added|reported|announced|claimed|wrote|insisted|told${SP}\\p{L}+)${SAID_END}`, 'diu'),
  new RegExp(`,${SP}(?:said|says|added|wrote|reported|announced)${SP}([^,;:]{2,80}?)${SAID_END}`, 'diu'),
  new RegExp(`,${SP}(?:—${SP})?(?:сообщил|заявил|сказал|отметил|написал|рассказал|пояснил|добавил|уточнил|подчеркнул|признал|утверждает|говорит|пишет)\\p{L}*${SP}([^,;:]{2,80}?)${SAID_END}`, 'diu'),
  new RegExp(
    `,${SP}(?:(?:a|ont|avait|avaient)${SP}(?:déclaré|indiqué|affirmé|précisé|ajouté|annoncé|expliqué|assuré|souligné|confirmé|dit|écrit|estimé)|déclare|déclarent|indique|indiquent|affirme|affirment|précise|ajoute|annonce|explique|assure|souligne|confirme|estime|dit|écrit)${SP}([^,;:]{2,80}?)${SAID_END}`,
    'diu',
  ),
];

/** "Comme l'a dit Randolph Bourne: « ... »", "comme l'avait relevé Mikhaïl Bakounine, ...". */
const AS_SAID = new RegExp(
  `(?:comme|ainsi${SP}que)${SP}(?:l${AP}(?:a|avait|ont|avaient)${SP}(?:dit|écrit|formulé|relevé|souligné|déclaré|noté|rappelé|affirmé)|(?:le|la|les)${SP}(?:dit|disent|écrit|écrivent|affirme|affirment|rappelle|rappellent))${SP}([^,:;«]{2,120}?)${SP0}([,:])`,
  'diu',
);
/** "Dans Anarchist Fighter :" alone at the end of a paragraph: the next paragraph is quoted from it. */
const INTRO = new RegExp(`^(?:Dans|In|В)${SP}(\\p{Lu}[^,:;.]{1,60}?)${SP0}:${SP0}$`, 'du');
/** "..., comme toutes les sources officielles le disent." */
const AS_THEY_SAY = new RegExp(`,${SP}comme${SP}([^,;:]{2,100}?)${SP}l(?:e|${AP})${SP0}(?:disent|dit|affirment|affirme|rapportent|rapporte|prétendent|prétend|répètent|répète)[\\s.!…»”]*$`, 'diu');
/** "des rumeurs avaient couru selon lesquelles ...", "une théorie selon laquelle ...". */
const ACCORDING_WHICH = new RegExp(`${SP}selon${SP}(?:laquelle|lequel|lesquelles|lesquels)${SP}`, 'iu');
/** "« ... », a-t-il dit, « ... »". */
const INCISE = new RegExp(
  `[»”]${SP0},${SP}(?:a-t-(?:il|elle)|ont-(?:ils|elles|iels)|avait-(?:il|elle))${SP}(?:dit|déclaré|ajouté|répondu|expliqué|affirmé|précisé|crié|lancé)`,
  'iu',
);
/** "Lae photographe : « ... »": a short speaker before a colon and a quote. */
const SPEAKER_QUOTE = /^((?:[^\s.:!?«»]+[\s\u00a0]+){0,2}[^\s.:!?«»]+)[\s\u00a0]*:[\s\u00a0]*[«“]/u;

const FIRST_PERSON = /^(?:moi|nous|je|j['’]|me|m['’]|on|vous|toi|I|we|you|я|мы|вы|нас|меня|мне|вас)(?![\p{L}])/iu;
const PRONOUN = /^(?:il|elle|ils|elles|iels|he|she|they|он|она|они)$/iu;
const RELATIVE = /^(?:laquelle|lequel|lesquelles|lesquels|which|whom|которо\p{L}*|которы\p{L}*)$/iu;
/** A "speaker" that is only small words ("Comme le", "Ici"). */
const FUNCTION_WORD = /^(?:(?:comme|ici|là|alors|ainsi|mais|et|puis|le|la|les|l['’]|un|une|des|ce|cela|ça|tout|tous|it|this|that|there|это|так|как)(?:[\s\u00a0]+|$))+$/iu;
const PREPOSITION = /^(?:sur|dans|à|en|pour|par|avec|sans|sous|depuis|après|avant|pendant|chez|vers|entre|on|in|at|by|with|from|в|на|по|с|из|от)(?![\p{L}])/iu;
const ARTICLE = /^(?:(?:le|la|les|un|une|des|the|a|an)[\s\u00a0]+|l['’])/iu;
const CONNECTOR = /^(?:(?:mais|et|or|puis|alors|ensuite|ainsi|cependant|pourtant|enfin|donc|but|and|so|then|но|а|и|однако)[\s\u00a0,]+)?(?:(?:officiellement|officially|официально)[\s\u00a0,]+)?/iu;
/** A role written after the name, between commas: "Zhanbolat Mamay, journaliste politique,", "X, a political journalist,". */
const ROLE_AFTER = /^[\s\u00a0]*,[\s\u00a0]*(\p{Ll}[\p{L}'’-]*(?:[\s\u00a0]+[\p{L}][\p{L}'’-]*){0,5})[\s\u00a0]*,?[\s\u00a0]*$/u;
/** A role right after "Selon X,": a few words, then a comma and the statement. */
const ROLE_LEAD = /^[\s\u00a0]*(\p{Ll}[\p{L}'’-]*(?:[\s\u00a0]+[\p{L}][\p{L}'’-]*){0,4})[\s\u00a0]*,[\s\u00a0]+(?=\S+[\s\u00a0]+\S)/u;
/** Words of a clause, not of a role: "journalistes et policiers ont été blessés," is the statement. */
const AUXILIARY = /(?:^|[\s\u00a0])(?:a|ont|est|sont|été|était|étaient|avait|avaient|fut|furent|sera|seront|has|have|had|is|are|was|were|been|will|был|была|были|было|будет)(?=[\s\u00a0]|$)/iu;
/** First words of an aside that is not a role: a clause, a pronoun, a preposition, an adverb ("de son côté", "however", "в свою очередь"). */
const NOT_ROLE =
  /^(?:qui|que|qu['’]|dont|où|lui|elle|eux|who|which|whose|that|he|she|they|который|которая|которые|он|она|они|de|du|à|au|en|pour|par|dans|sur|quant|selon|d['’]après|of|in|on|for|by|at|as|according|в|во|на|по|с|со|для|как|cependant|toutefois|pourtant|également|aussi|ensuite|enfin|alors|however|also|too|though|then|meanwhile|тоже|также|однако|впрочем|же|затем)$/iu;
/** Words that start a subject phrase (not a complement: "de l'Intérieur" is not the subject). */
const DETERMINER = new RegExp(`(?<![\\p{L}])(?:(?<!(?<![\\p{L}])(?:de|du|des|d['’]|à|au|aux|en|par|sur|pour)${SP})(?:le|la|les|l['’]|un|une|des|certains|certaines|ces|ce|cette|mon|ma|mes|son|sa|ses|leur|leurs|plusieurs|the|a|an|some))(?![\\p{L}])`, 'giu');

interface Claimant {
  name: string;
  role?: string;
}

/** The claimant named by a phrase: the last person in it (with role), or the phrase without its article. */
function claimantOf(phrase: Span, text: string, people: readonly PersonMention[], last: Claimant | undefined): Claimant | undefined {
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
function roleAfter(after: string): string | undefined {
  const m = ROLE_AFTER.exec(after);
  if (m === null) return undefined;
  const role = m[1]!.replace(/[\s\u00a0]+/g, ' ').replace(ARTICLE, '');
  const first = role.split(' ')[0] ?? '';
  return role.length >= 3 && !NOT_ROLE.test(first) && !FUNCTION_WORD.test(role) ? role : undefined;
}

/** The subject phrase just before a speech verb: from the last subject-like determiner or capitalised word of its clause. */
function subjectBefore(text: string, sentence: Span, verbAt: number, nounOnly = false): Span | undefined {
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
function statementAfter(text: string, sentence: Span, verbEnd: number, verb: string): Span | undefined {
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

function trimSpan(text: string, [a, b]: Span): Span | undefined {
  while (a < b && /[\s\u00a0,:]/u.test(text[a]!)) a++;
  while (b > a && /[\s\u00a0]/u.test(text[b - 1]!)) b--;
  return b - a >= 3 ? [a, b] : undefined;
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
