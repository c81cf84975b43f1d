/**
 * Numbers with what they count: "au moins 164 ont été tuées", "près de 8000 personnes ont été
 * arrêtées", "3000 soldats russes", "600 millions de dollars", "не менее 164 человек погибли",
 * "at least 2,500 troops". A number counts only when a word next to it says what it counts:
 * "5 janvier", "en 2019", "65 %" and "des centaines" are not counts.
 */
import { matchesOf, monthNumber } from './dates.ts';
import type { CountMention, ExtractOptions, FigureUnit, Passage, Qualifier } from './types.ts';

type Kind = FigureUnit | 'money' | 'people';

/** Inclusive-writing dots ("arrêté·es", "manifestant⋅es") are not part of the word's stem. */
const fold = (w: string) => w.toLowerCase().replace(/[⋅·‧•]/g, '').replace(/’/g, "'");

// Each list is tried on one folded word; order matters only for 'people' (a generic noun that
// waits for a verb: "8000 personnes ont été arrêtées").
const WORDS: [Kind, RegExp][] = [
  ['killed', /^(?:morts?|mortes|tu[ée]e?s?|abattue?s?|d[ée]c[ée]d[ée]e?s?|d[ée]c[èe]s|victimes|cadavres|killed|dead|death|deaths|died|fatalities|bodies|погиб\p{L}*|убит\p{L}*|смерт\p{L}*|жертв\p{L}*|мертв\p{L}*)$/u],
  ['detained', /^(?:arr[êe]t[ée]e?s?|arrestations|interpell[ée]e?s?|interpellations|d[ée]tenue?s|d[ée]tentions|prisonni[eè]re?s|incarc[ée]r[ée]e?s?|emprisonn[ée]e?s?|arrested|detained|arrests|detentions|detainees|jailed|задерж\p{L}*|арестова\p{L}*|арест\p{L}*)$/u],
  ['injured', /^(?:bless[ée]e?s?|injured|wounded|hurt|ранен\p{L}*|ранени\p{L}*|ранены|пострада\p{L}*)$/u],
  ['missing', /^(?:disparue?s?|missing|disappeared|пропа\p{L}*)$/u],
  ['troops', /^(?:soldats?|militaires|parachutistes|troupes|policiers|gendarmes|troops|soldiers|servicemen|officers|policemen|paratroopers|peacekeepers|военн\p{L}*|военнослужащ\p{L}*|солдат\p{L}*|десантник\p{L}*|миротвор\p{L}*|силовик\p{L}*|полицейск\p{L}*)$/u],
  ['participants', /^(?:manifestante?s?|protestataires|gr[ée]vistes|participante?s?|[ée]meuti[eè]re?s?|insurg[ée]e?s?|bandits|terroristes|rebelles|protesters|demonstrators|participants|strikers|rioters|terrorists|criminals|преступник\p{L}*|протестующ\p{L}*|митингующ\p{L}*|участник\p{L}*|демонстрант\p{L}*|бандит\p{L}*|террорист\p{L}*|бастующ\p{L}*)$/u],
  ['money', /^(?:[$€£₸₽]|dollars?|euros?|tenges?|roubles?|livres|usd|eur|kzt|rub|pounds|rubles?|долл\p{L}*|тенге|руб\p{L}*|евро)$/u],
  ['people', /^(?:personnes|gens|individus|civils|citoyen(?:ne)?s|habitante?s|people|persons|civilians|residents|человека?|людей|граждан\p{L}*|жител\p{L}*|сотрудник\p{L}*)$/u],
];

function kindOf(word: string): Kind | undefined {
  const w = fold(word);
  for (const [kind, re] of WORDS) if (re.test(w)) return kind;
  return undefined;
}

const MULTIPLIERS: [RegExp, number][] = [
  [/^(?:milliards?|billions?|млрд\.?|миллиард\p{L}*)$/u, 1e9],
  [/^(?:millions?|млн\.?|миллион\p{L}*)$/u, 1e6],
  [/^(?:mille|thousands?|тыс\.?|тысяч\p{L}*)$/u, 1e3],
];

/** "une centaine", "a dozen": about that many (never "des centaines": that is not a number). */
const ROUND: Record<string, number> = {
  dizaine: 10, douzaine: 12, quinzaine: 15, vingtaine: 20, trentaine: 30, quarantaine: 40, cinquantaine: 50, centaine: 100, millier: 1000,
  dozen: 12, hundred: 100, thousand: 1000, десяток: 10, сотня: 100, тысяча: 1000,
};

const NUMBER_WORDS: Record<string, number> = {
  deux: 2, trois: 3, quatre: 4, cinq: 5, six: 6, sept: 7, huit: 8, neuf: 9, dix: 10, onze: 11, douze: 12, quinze: 15, vingt: 20, trente: 30, cinquante: 50, cent: 100,
  two: 2, three: 3, four: 4, five: 5, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, fifteen: 15, twenty: 20, fifty: 50,
  два: 2, две: 2, три: 3, четыре: 4, пять: 5, шесть: 6, семь: 7, восемь: 8, девять: 9, десять: 10, двадцать: 20, сто: 100,
};

const QUALIFIERS: [RegExp, Qualifier][] = [
  [/(?:au moins|plus d['’]|plus de|at least|more than|over|не менее|по меньшей мере|как минимум|более|свыше|больше)[\s\u00a0]*$/iu, 'at least'],
  [/(?:près d['’]|près de|environ|quelque|autour de|approximativement|presque|about|around|nearly|almost|approximately|some|около|почти|примерно|порядка|приблизительно)[\s\u00a0]*$/iu, 'about'],
  [/(?:jusqu['’]à|up to|вплоть до)[\s\u00a0]*$/iu, 'up to'],
  [/(?:moins de|moins d['’]|au plus|au maximum|fewer than|less than|at most|менее|не более)[\s\u00a0]*$/iu, 'at most'],
];

/**
 * A number as written: "2 500", "2 500", "10 000", "53,2", "2,500" (English), "2.500" (French).
 * Returns undefined when the string is not one number.
 */
export function parseNumber(s: string, lang: ExtractOptions['lang']): number | undefined {
  const t = s.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^\d+(?:[.,]\d+)*$/.test(t)) return undefined;
  let n: string;
  if (/^\d{1,3}(?:,\d{3})+$/.test(t) && lang === 'en') n = t.replace(/,/g, '');
  else if (/^\d{1,3}(?:\.\d{3})+$/.test(t) && lang !== 'en') n = t.replace(/\./g, '');
  else if (/^\d+(?:[.,]\d+)?$/.test(t)) n = t.replace(',', '.');
  else if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(t)) n = t.replace(/,/g, '');
  else return undefined;
  const v = Number(n);
  return Number.isFinite(v) ? v : undefined;
}

// A number: digit groups split by spaces ("10 000"), or by , or . then decimals; or a word.
const NUM = String.raw`\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d])|\d+(?:[.,]\d+)*`;
const START = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,])(?:([$€£₸₽])\s?)?(${NUM})(?![\p{L}\p{N}])|(?<![\p{L}])(?:(une?|a)\s+(${Object.keys(ROUND).join('|')})|(${Object.keys(NUMBER_WORDS).join('|')}))(?![\p{L}])`,
  'giu',
);
const WORD = /[\p{L}\p{N}$€£₸₽][\p{L}\p{N}⋅·‧•'’.-]*/gu;
/** Its own copy for readVerb, which runs while readTail is still walking WORD's matches. */
const VERB_WORD = new RegExp(WORD.source, WORD.flags);
/** Words that may stand between a number and what it counts. */
const FILLER = /^(?:de|d'|des|du|ont|a|été|sont|se|ont-ils|furent|avaient|avait|auraient|aurait|étaient|était|seraient|have|has|been|were|was|are|had|of|the|who|were|было|были|был|была|и|en|et|par|les|la|le|qui|people)$/u;

interface Tail {
  kind: Exclude<Kind, 'people'>;
  end: number;
  multiplier: number;
}

/** What follows a number: a multiplier, then (through small words) what it counts. Offsets relative to `tail`. */
/** Units of time and measure: "15 jours", "40 minutes", "65 %" are not counts of anything we record. */
const NOT_COUNTED =
  /^(?:jours?|ans?|années?|heures?|h|minutes?|secondes?|mois|semaines?|siècles?|décennies|decades?|centuries|century|générations|generations|fois|reprises|km|kilomètres|mètres|litres|kg|tonnes|%|days?|years?|hours?|minutes?|months?|weeks?|times|percent|дней|день|дня|лет|год\p{L}*|десятилети\p{L}*|век\p{L}*|час\p{L}*|минут\p{L}*|месяц\p{L}*|недел\p{L}*|раз|процент\p{L}*)$/u;
/** Small words that end like a plural noun but are not one. */
const NOT_NOUN =
  /^(?:les|des|mes|ses|tes|nos|vos|ces|aux|dans|sans|sous|après|plus|moins|très|pas|ils|elles|nous|vous|mais|puis|alors|depuis|jamais|toujours|leurs|dès|vers|chez|parmi|selon|hors|lors|tous|toutes|was|is|has|this|his|its|as|us|yes|thus|always|less|across|unless|perhaps|sometimes|towards|besides)$/u;
/** Adjectives that come between a number and its noun. */
const ADJECTIVE = /^(?:premi[eè]re?s|derni[eè]re?s|autres|m[êe]mes|seule?s|prochaine?s|nouveaux|nouvelles|principaux|principales|grands|grandes|petits|petites|jeunes|first|last|other|next|new|main|young)$/u;
/** The adjective itself is not the noun counted. */
const adjectiveFirstNow = (seen: number, adjectiveFirst: boolean) => seen === 1 && adjectiveFirst;
/** A plural noun after a number ("six partis politiques", "deux magasins"): counted, with the unit 'other'. */
const PLURAL_NOUN = /^\p{Ll}[\p{Ll}-]*[sx]$/u;

/** Members of a force are troops: "members of the security forces", "membres des forces de l'ordre", "сотрудников силовых структур". */
const FORCE_MEMBERS =
  /^[\s\u00a0]*(?:members?|membres?|сотрудник\p{L}*|представител\p{L}*)[\s\u00a0]+(?:of[\s\u00a0]+(?:the[\s\u00a0]+)?(?:security|armed|police|military|government)[\s\u00a0]+(?:forces|services)|of[\s\u00a0]+the[\s\u00a0]+(?:police|army|military)|des[\s\u00a0]+forces[\s\u00a0]+(?:de[\s\u00a0]+l['’]ordre|de[\s\u00a0]+sécurité|armées)|силов\p{L}*[\s\u00a0]+(?:структур|ведомств)|правоохранительных[\s\u00a0]+органов)(?![\p{L}])/iu;

function readTail(tail: string, currency: boolean, year: boolean): Tail | undefined {
  const members = currency ? null : FORCE_MEMBERS.exec(tail);
  if (members !== null) {
    // "19 members of the security forces died": what happened to them is what is counted.
    const end = members[0].length;
    const after = readVerb(tail.slice(end).split(/[;:!?()«»“”"\n]|\.(?=\s+\p{Lu})|\.$/u)[0]!);
    return after !== undefined ? { kind: after.kind, end: end + after.end, multiplier: 1 } : { kind: 'troops', end, multiplier: 1 };
  }
  // Stop at the end of the clause or at the next number, so "8000 ... et au moins 164 ont été tuées" keeps each its own.
  const stop = tail.search(/[;:!?()«»“”"\n\d]|\.(?=\s+\p{Lu})|\.$|,\s/u);
  const clause = stop >= 0 ? tail.slice(0, stop) : tail;
  let multiplier = 1;
  let seen = 0;
  let people = false;
  let last = 0;
  let other: Tail | undefined;
  let adjectiveFirst = false;
  for (const m of matchesOf(WORD, clause)) {
    if (seen++ > 6) break;
    const raw = m[0].replace(/[.’']+$/, '');
    const w = fold(raw);
    // "onze dernières années", "deux premières places": an adjective first, then the noun.
    const noun = seen === 1 || (seen === 2 && adjectiveFirst);
    if (seen === 1) adjectiveFirst = ADJECTIVE.test(w);
    if (noun && NOT_COUNTED.test(w)) return undefined;
    const isMultiplier = MULTIPLIERS.some(([re]) => re.test(w));
    if (noun && !adjectiveFirstNow(seen, adjectiveFirst) && other === undefined && !currency && !year && !isMultiplier && PLURAL_NOUN.test(w) && !NOT_NOUN.test(w) && monthNumber(raw) === undefined)
      other = { kind: 'other', end: m.index + raw.length, multiplier };
    const mult = MULTIPLIERS.find(([re]) => re.test(w));
    const end = m.index + raw.length;
    if (mult !== undefined && multiplier === 1 && !people) {
      multiplier = mult[1];
      last = end;
      // "4 millions" alone is still a number of something.
      if (!currency && !year) other = { kind: 'other', end, multiplier };
      continue;
    }
    // "$600 million": the sign said it is money.
    if (currency) return { kind: 'money', end: last, multiplier };
    const kind = kindOf(raw);
    if (kind === 'money') return seen <= 4 ? { kind, end, multiplier } : undefined;
    if (kind === 'people') {
      people = true;
      continue;
    }
    if (kind === 'troops' || kind === 'participants') {
      // "3 policiers tués": what happened to them is what is counted.
      const after = readVerb(clause.slice(end));
      return after !== undefined ? { kind: after.kind, end: end + after.end, multiplier } : { kind, end, multiplier };
    }
    if (kind !== undefined) return { kind, end, multiplier };
    if (FILLER.test(w) || (people && seen <= 6)) continue;
    // One adjective between the number and the noun ("200 jeunes manifestants"); a month makes it a date.
    if (seen === 1 && monthNumber(raw) === undefined) continue;
    return other;
  }
  if (currency) return { kind: 'money', end: last, multiplier };
  return other;
}

function readVerb(rest: string): { kind: Exclude<Kind, 'people' | 'money' | 'troops' | 'participants'>; end: number } | undefined {
  let seen = 0;
  for (const m of matchesOf(VERB_WORD, rest)) {
    if (seen++ > 3) return undefined;
    const kind = kindOf(m[0]);
    if (kind === 'killed' || kind === 'detained' || kind === 'injured' || kind === 'missing') return { kind, end: m.index + m[0].length };
    if (!FILLER.test(fold(m[0]))) return undefined;
  }
  return undefined;
}

/** What a verb written before the number says happened to those counted ("погибли 225 человек", "detained nearly 10,000"). */
type VerbKind = 'killed' | 'detained' | 'injured' | 'missing';
// "Задержаны до 300": Russian "до" (up to) stands between the verb and the number.
const LAST_WORD = /(\p{L}+)[\s\u00a0]+(?:до[\s\u00a0]+)?$/iu;

function verbBefore(before: string): { kind: VerbKind; length: number } | undefined {
  const m = LAST_WORD.exec(before);
  if (m === null) return undefined;
  const kind = kindOf(m[1]!);
  return kind === 'killed' || kind === 'detained' || kind === 'injured' || kind === 'missing' ? { kind, length: m[0].length } : undefined;
}

/** Verbs that give a toll its number: "число погибших выросло до 225", "the death toll rose to 225", "le nombre de morts s'élève à 225". */
const TOLL_VERB =
  /^(?:rose|risen|reached|stands|stood|climbed|exceeded|topped|totals|totaled|totalled|is|was|выросло|вырос|выросла|возросло|возрос|достигло|достиг|достигла|превысило|превысил|превысила|составило|составил|составила|составляет|получили|получило|получил|s'élève|s'élevait|atteint|atteignait|dépassé|dépasse|est|était)$/u;
/** Words between a toll's verb and its number: "rose to", "выросло до", "s'élève à". */
const TOLL_LINK = /^(?:to|at|à|до|de)$/u;

/**
 * A toll named before its verb and number ("Число погибших выросло до", "The number of detainees
 * reached"): the word saying who is counted, up to seven words before the verb. The length runs
 * from that word to the end of `before`.
 */
function tollBefore(before: string): { kind: VerbKind; length: number } | undefined {
  const clause = before.slice(Math.max(before.search(/[^,;:!?()«»“”"\n.]*$/u), 0));
  const words = [...matchesOf(VERB_WORD, clause)].map((m) => ({ at: m.index, w: fold(m[0].replace(/[.’']+$/, '')) }));
  let i = words.length - 1;
  const linked = i >= 0 && TOLL_LINK.test(words[i]!.w);
  if (linked) i--;
  // The number comes right after the verb (or its "to"): nothing else between.
  const lastWord = words[words.length - 1];
  if (i < 1 || !TOLL_VERB.test(words[i]!.w) || !/^[^\s\u00a0]+[\s\u00a0]+$/u.test(clause.slice(lastWord!.at))) return undefined;
  // "Число погибших в ходе беспорядков в Казахстане достигло": a few words of place or cause may stand between.
  for (let k = i - 1; k >= Math.max(0, i - 7); k--) {
    const kind = kindOf(words[k]!.w);
    if (kind === 'killed' || kind === 'detained' || kind === 'injured' || kind === 'missing') return { kind, length: clause.length - words[k]!.at };
  }
  return undefined;
}

/** Words that may follow a verb-first count before its clause goes on: a place or a time ("в Алматы", "in Almaty"). */
const AFTER_COUNT = /^(?:в|во|на|из|по|за|у|среди|к|и|а|in|at|on|across|during|after|since|and|including|en|à|dans|et|par)$/u;

/**
 * After a verb-first number: a multiplier, then people, troops or participants, then the end of
 * the clause or a preposition ("задержаны почти 10 000", "ранены более 4 500 человек в ...").
 * Anything else ("погибли 5 дней назад") is not counted by the verb. Offsets relative to `rest`.
 */
function readAfterVerb(rest: string, year: boolean): { end: number; multiplier: number } | undefined {
  const stop = rest.search(/[;:!?()«»“”"\n\d]|\.(?=\s+\p{Lu})|\.$|,\s/u);
  const clause = stop >= 0 ? rest.slice(0, stop) : rest;
  let end = 0;
  let multiplier = 1;
  let noun = false;
  let skipped = false;
  for (const m of matchesOf(VERB_WORD, clause)) {
    const raw = m[0].replace(/[.’']+$/, '');
    const w = fold(raw);
    const mult = MULTIPLIERS.find(([re]) => re.test(w));
    if (mult !== undefined && multiplier === 1 && !noun) {
      multiplier = mult[1];
      end = m.index + raw.length;
      continue;
    }
    const kind = kindOf(raw);
    if (kind === 'people' || kind === 'troops' || kind === 'participants') {
      // What follows the noun ("сотрудников полиции", "troops of the CSTO") is its own business.
      end = m.index + raw.length;
      noun = true;
      break;
    }
    if (AFTER_COUNT.test(w)) break;
    // One adjective may stand before the noun ("16 казахстанских военнослужащих"), nothing else.
    if (skipped || NOT_COUNTED.test(w) || monthNumber(raw) !== undefined) return undefined;
    skipped = true;
  }
  if (skipped && !noun) return undefined;
  // "погибли в 2022" has its preposition; a bare year after a verb is still more likely a year.
  if (year && !noun) return undefined;
  return { end, multiplier };
}

/** Words after which a year-sized number is a year: "in 2022", "depuis 2019", "в 2022", "between 2011 and 2022". */
const YEAR_BEFORE =
  /(?<![\p{L}])(?:in|since|by|until|till|during|before|after|between|en|depuis|dès|jusqu['’]en|avant|après|pendant|durant|entre|в|с|после|к|между)[\s\u00a0]+$|(?<![\p{L}\p{N}])\d{4}[\s\u00a0]*(?:(?:and|to|et|à|au|и|по)[\s\u00a0]+|[-–][\s\u00a0]*)$/iu;

/** A year written at the end of a date ("5 January 2022", "January 5, 2022", "janvier 2022", "in 2022") is not a count. */
function endsDate(before: string): boolean {
  const m = /(\p{L}+)\.?(?:[\s\u00a0]+\d{1,2}(?:st|nd|rd|th)?)?,?[\s\u00a0]+$/u.exec(before);
  return (m !== null && monthNumber(m[1]!) !== undefined) || YEAR_BEFORE.test(before);
}

function qualifierBefore(before: string): { qualifier: Qualifier; length: number } | undefined {
  for (const [re, qualifier] of QUALIFIERS) {
    const m = re.exec(before);
    if (m !== null && (m.index === 0 || /[^\p{L}]/u.test(before[m.index - 1]!))) return { qualifier, length: m[0].length };
  }
  return undefined;
}

/** Russian "до 300 человек" is up to 300; "подорожал до 120 тенге" is a price risen to 120, not a bound. */
const upTo = (before: string, kind: Tail['kind']): boolean => {
  const m = /(?:(\p{L}+)[\s\u00a0]+)?(?<![\p{L}])до[\s\u00a0]+$/iu.exec(before);
  if (kind === 'money' || m === null) return false;
  // "выросло до 225": risen to 225, not up to it.
  return m[1] === undefined || !TOLL_VERB.test(fold(m[1]));
};

/** The words joining a range's first number to its second: "60 à 120", "от 60 до 120", "60 to 120", "60-120". */
const RANGE_TO = /^[\s\u00a0]*(?:à|a|to|до|и|and|et|[-–])[\s\u00a0]*(?:([$€£₸₽])[\s\u00a0]?)?\d+(?:[.,\s\u00a0\u202f]\d+)*(?![\p{L}\p{N}])/u;
/** Words before a number that put it inside a count just named: "including", "dont", "в том числе", "among them". */
const INCLUDED = /(?:including|among[\s\u00a0]+them|of[\s\u00a0]+whom|dont|parmi[\s\u00a0]+(?:eux|elles|lesquels|lesquelles)|в[\s\u00a0]+том[\s\u00a0]+числе|среди[\s\u00a0]+них|из[\s\u00a0]+них)[\s\u00a0,]*$/iu;

/** Every number in the passages that says what it counts, with its qualifier, in order. */
export function findCounts(text: string, passages: readonly Passage[], opts: ExtractOptions): CountMention[] {
  const out: CountMention[] = [];
  for (const p of passages) {
    const [from, to] = p.at;
    const body = text.slice(from, to);
    for (const m of matchesOf(START, body)) {
      const [whole, currency, digits, article, round, word] = m;
      let value: number | undefined;
      let qualifier: Qualifier | undefined;
      if (digits !== undefined) value = parseNumber(digits, opts.lang);
      else if (round !== undefined && article !== undefined) {
        value = ROUND[round.toLowerCase()];
        qualifier = 'about';
      } else if (word !== undefined) value = NUMBER_WORDS[word.toLowerCase()];
      if (value === undefined) continue;
      const numEnd = m.index + whole.length;
      // "une centaine de", "164", "600 millions de dollars": the tail says what is counted.
      const tailStart = round !== undefined ? numEnd + (/^\s*(?:de|d['’]|of)\s*/iu.exec(body.slice(numEnd))?.[0].length ?? 0) : numEnd;
      // A bare 4-digit number from 1800 to 2100 is more likely a year than a count of things.
      const year = digits !== undefined && /^(?:1[89]\d\d|20\d\d|2100)$/.test(digits);
      const lead = body.slice(Math.max(0, m.index - 30), m.index);
      if (year && endsDate(lead)) continue;
      // The last part of a numeric date ("2022-01-05", "05/01/2022") is a day or a year, not a count.
      if (/\d{1,4}[./-]\d{1,2}[./-]$/.test(lead)) continue;
      const q = qualifierBefore(lead);
      const qStart = q !== undefined ? m.index - q.length : m.index;
      const rest = body.slice(tailStart, Math.min(body.length, tailStart + 160));
      // "погибли 225 человек", "detained nearly 10,000": the verb before says what is counted.
      const verbLead = body.slice(Math.max(0, qStart - 60), qStart);
      const verb = currency === undefined ? (verbBefore(verbLead) ?? tollBefore(verbLead)) : undefined;
      const afterVerb = verb !== undefined ? readAfterVerb(rest, year) : undefined;
      const tail: Tail | undefined = verb !== undefined && afterVerb !== undefined ? { kind: verb.kind, ...afterVerb } : readTail(rest, currency !== undefined, year);
      if (tail === undefined) {
        // "de 60 à 120 tenges", "с 60 до 120 тенге": the first number of a range counts what the second does.
        // A numeric date ("2022-01-05", "05/01/2022") is no range.
        const range = /\d[-./]$/.test(lead) || year ? null : RANGE_TO.exec(rest);
        if (range !== null && /^[-./]\d/.test(rest.slice(range[0].length))) continue;
        const second = range === null ? undefined : readTail(rest.slice(range[0].length), range[1] !== undefined, false);
        if (range !== null && second !== undefined) {
          const s = from + qStart;
          const counted = rest.slice(range[0].length, range[0].length + second.end).trim();
          out.push({ type: 'count', at: [s, from + numEnd], text: text.slice(s, from + numEnd), passage: p.id, value: second.multiplier > 1 ? Math.round(value * second.multiplier) : value, unit: second.kind === 'money' ? 'other' : second.kind, counted, ...(second.kind === 'money' ? { price: true } : {}), ...(q !== undefined ? { qualifier: q.qualifier } : {}) });
        }
        continue;
      }
      // "164 were killed, including 19 members of the security forces": those included share the toll's fate.
      const toll = INCLUDED.test(lead) ? out.findLast((c) => c.passage === p.id && c.at[1] <= from + m.index && (c.unit === 'killed' || c.unit === 'detained' || c.unit === 'injured' || c.unit === 'missing') && !/[.!?][\s\u00a0]/u.test(text.slice(c.at[1], from + m.index))) : undefined;
      if (toll !== undefined && (tail.kind === 'troops' || tail.kind === 'participants' || tail.kind === 'other')) tail.kind = toll.unit as Tail['kind'];
      const start = afterVerb !== undefined ? qStart - verb!.length : qStart;
      const end = Math.max(numEnd, tailStart + tail.end);
      const s = from + start;
      const e = from + end;
      // "задержаны почти 10 000": nothing after the number, the verb says what is counted.
      const counted = text.slice(from + numEnd, e).trim() || (afterVerb !== undefined ? body.slice(start, start + verb!.length).trim() : (currency ?? ''));
      out.push({
        type: 'count',
        at: [s, e],
        text: text.slice(s, e),
        passage: p.id,
        // 131,3 millions is 131300000, not 131300000.00000001.
        value: tail.multiplier > 1 ? Math.round(value * tail.multiplier) : value,
        unit: tail.kind === 'money' ? 'other' : tail.kind,
        counted,
        ...(tail.kind === 'money' ? { price: true } : {}),
        ...(q !== undefined ? { qualifier: q.qualifier } : qualifier !== undefined ? { qualifier } : upTo(lead, tail.kind) ? { qualifier: 'up to' as const } : {}),
      });
    }
  }
  return out;
}
