/**
 * Places named in an article, in any script, matched to the gazetteer on the search's folding
 * (Janaozen, Zhanaozen and Жанаозен meet). Only capitalised words are tried, so adjectives
 * ("kazakh", "russe") and common words are not places; small GeoNames places must be named
 * at some length and not in a sentence's first word, where any word is capitalised.
 */
import { foldToken } from '../fold.ts';
import { GAZETTEER, toPlace, WORLD_COUNTRY_IDS, type GazetteerPlace } from '../gazetteer.ts';
import { passageAt } from './passages.ts';
import type { ExtractOptions, Passage, PlaceMention } from './types.ts';

/** Longest place name tried, in words ("Ust-Kamenogorsk" is two, "place de la République" four). */
const MAX_WORDS = 4;
/** GeoNames places smaller than this are taken only when named with a capital mid-sentence. */
const SMALL_PLACE = 20_000;

/** Capitalised words that are tiny places somewhere but nearly always mean something else. */
const NOT_PLACES = new Set(
  ['est', 'ouest', 'nord', 'sud', 'centre', 'union', 'internet', 'telegram', 'bank', 'mais', 'plus', 'sans', 'tout', 'tous', 'selon', 'comme', 'ensuite', 'alors', 'aucun', 'certain', 'chaque', 'pendant', 'depuis', 'avant', 'apres', 'entre', 'parti', 'garde', 'force', 'commune', 'etat', 'republique', 'president', 'the', 'and', 'when', 'after', 'from', 'then', 'there', 'this', 'that', 'they', 'what', 'where', 'vse', 'kak', 'tak', 'eto', 'oni', 'ona', 'kogda', 'posle', 'pered']
    .map((w) => foldToken(w)),
);

/** Words before a street's name, and that open a landmark's ("place de la République", "aéroport d’Almaty"). */
const STREET_WORDS = new Set(
  ['rue', 'avenue', 'boulevard', 'place', 'quai', 'allée', 'aéroport', 'palais', 'street', 'avenue', 'square', 'airport', 'ulitsa', 'улица', 'ул', 'проспект', 'пр', 'площадь', 'аэропорт', 'көшесі', 'даңғылы'].map((w) => foldToken(w)),
);

interface Word {
  text: string;
  at: [number, number];
  key: string;
  capital: boolean;
  /** First word of its sentence (after . ! ? or a paragraph start). */
  initial: boolean;
}

interface IndexEntry {
  place: GazetteerPlace;
  /** Hand-made entries and large GeoNames places are trusted anywhere. */
  trusted: boolean;
}

let index: Map<string, IndexEntry[]> | undefined;

function nameKeys(name: string): string[] {
  // An elided article inside a name is dropped, as the text's words drop it ("Europe de l’Ouest").
  return (name.normalize('NFC').match(/[\p{L}\p{M}\p{N}'’]+/gu) ?? []).map((w, k) => foldToken((k > 0 ? w.replace(/^[ldLD]['’](?=\p{L})/u, '') : w).replace(/’/g, "'"))).filter((k) => k.length > 0);
}

/** A word cut by a hyphen at a line's end, its rest starting the next line in lower case ("Kirghi-\nzistan"). */
const LINE_BREAK_REST = /^-[ \u00a0]*\r?\n[ \u00a0]*(\p{Ll}[\p{L}\p{M}\p{N}'’]*)/u;

/**
 * For a word matched up to `end`, the rest of it on the next line when the line cut it with a
 * hyphen ("Kirghi-\nzistan", "Toka-\nïev"), and where the whole word ends; else undefined.
 */
export function brokenWordRest(text: string, end: number): { rest: string; end: number } | undefined {
  const r = LINE_BREAK_REST.exec(text.slice(end, end + 80));
  return r === null ? undefined : { rest: r[1]!, end: end + r[0].length };
}

/** A name as one line would write it: the hyphen and line break inside a cut word removed ("Kirghi-\nzistan" → "Kirghizistan"). */
export function unbreakWords(written: string): string {
  return written.replace(/-[ \u00a0]*\r?\n[ \u00a0]*(?=\p{Ll})/gu, '');
}

/** Folded name (words joined by spaces) → places with that name, best first. */
function placeIndex(): Map<string, IndexEntry[]> {
  if (index) return index;
  index = new Map();
  for (const place of GAZETTEER) {
    const population = place.population ?? 0;
    const trusted = !place.id.startsWith('geonames:') || population >= SMALL_PLACE;
    const names = new Set([...Object.values(place.names), ...(place.aliases ?? [])].map((n) => nameKeys(n).join(' ')));
    for (const key of names) {
      if (key === '' || key.split(' ').length > MAX_WORDS) continue;
      const list = index.get(key) ?? [];
      list.push({ place, trusted });
      index.set(key, list);
    }
  }
  const rank = (e: IndexEntry) => (e.place.id.startsWith('geonames:') ? 1 : 0);
  for (const list of index.values()) list.sort((a, b) => rank(a) - rank(b) || (b.place.population ?? 0) - (a.place.population ?? 0));
  return index;
}

let namePrefixes: Set<string> | undefined;
/** Every name's first words (folded, joined by spaces), so a longer name is looked for only where one may start. */
function prefixes(): Set<string> {
  if (namePrefixes) return namePrefixes;
  namePrefixes = new Set();
  for (const key of placeIndex().keys()) {
    const parts = key.split(' ');
    for (let n = 1; n < parts.length; n++) namePrefixes.add(parts.slice(0, n).join(' '));
  }
  return namePrefixes;
}

let innerWords: Set<string> | undefined;
const innerKept = new Map<string, boolean>();
/** Whether a lower-case word, in a Russian case form, is a later word of some name ("области" of "Мангистауской области"). */
function innerNameWord(word: string): boolean {
  if (!/\p{Script=Cyrillic}/u.test(word)) return false;
  let kept = innerKept.get(word);
  if (kept !== undefined) return kept;
  innerWords ??= new Set([...placeIndex().keys()].flatMap((k) => k.split(' ').slice(1)));
  kept = caseForms(keyOf(word), true).some((k) => innerWords!.has(k));
  if (innerKept.size > 50_000) innerKept.clear();
  innerKept.set(word, kept);
  return kept;
}

/** Whether a lower-case word is a street word in any Russian case ("площади"). */
function opensStreet(word: string): boolean {
  const key = keyOf(word);
  return (/\p{Script=Cyrillic}/u.test(word) ? caseForms(key, false) : [key]).some((k) => STREET_WORDS.has(k));
}

let landmarkNouns: Set<string> | undefined;
const lowerKept = new Map<string, boolean>();
/**
 * Whether a lower-case word may open a place's name: a street word ("place", "площади") or a
 * landmark's one-word name, such as a common noun the gazetteer gives a landmark ("akimat",
 * "акимата"), in any Russian case.
 */
function opensLandmark(word: string): boolean {
  let kept = lowerKept.get(word);
  if (kept !== undefined) return kept;
  landmarkNouns ??= new Set(GAZETTEER.filter((p) => p.kind === 'landmark').flatMap((p) => [...Object.values(p.names), ...(p.aliases ?? [])].map((n) => nameKeys(n)).filter((k) => k.length === 1).map((k) => k[0]!)));
  const key = keyOf(word);
  const forms = /\p{Script=Cyrillic}/u.test(word) ? caseForms(key, false) : [key];
  kept = forms.some((k) => STREET_WORDS.has(k) || landmarkNouns!.has(k));
  if (lowerKept.size > 50_000) lowerKept.clear();
  lowerKept.set(word, kept);
  return kept;
}

/** Folded words, remembered: an article repeats its words, and folding is the costly part. */
const keys = new Map<string, string>();
function keyOf(word: string): string {
  let k = keys.get(word);
  if (k === undefined) {
    if (keys.size > 50_000) keys.clear();
    k = foldToken(word.replace(/’/g, "'"));
    keys.set(word, k);
  }
  return k;
}

/** Words of the text with offsets; elided articles ("l’Akimat", "d’Almaty") are cut off. */
function wordsOf(text: string, lang: string): Word[] {
  const out: Word[] = [];
  const re = /[\p{L}\p{M}\p{N}'’]+/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    let w = m[0];
    let start = m.index;
    if (w.includes("'") || w.includes('’')) {
      const elided = /^(?:[ldjmnstcLDJMNSTC]|qu|Qu|lorsqu|Lorsqu|jusqu|Jusqu|puisqu|Puisqu)['’](?=\p{L})/u.exec(w);
      if (elided) {
        w = w.slice(elided[0].length);
        start += elided[0].length;
      }
      // "Kazakhstan's", "Russia’s": the English possessive is no part of the name. In another
      // language's text it is part of a foreign name ("Singapore’s Steppe Capital").
      if (lang === 'en') w = w.replace(/['’]s$/u, '');
      w = w.replace(/['’]+$/, '');
      if (w === '') continue;
    }
    let end = start + w.length;
    // "Kirghi-\nzistan" is one word; its span covers both parts.
    const broken = end === m.index + m[0].length ? brokenWordRest(text, end) : undefined;
    if (broken !== undefined) {
      w += broken.rest;
      end = broken.end;
      re.lastIndex = end;
    }
    const capital = w[0] !== w[0]!.toLowerCase() && /^\p{Lu}/u.test(w);
    // Lower-case words matter only as links inside a name ("Fédération de Russie") or before a
    // landmark ("place de la République"): the rest are left out, which keeps big articles fast.
    const key = capital || w.length <= 3 ? keyOf(w) : undefined;
    if (!capital && key === undefined && !opensLandmark(w) && !innerNameWord(w)) continue;
    const before = text.slice(Math.max(0, m.index - 3), m.index);
    // Only a capitalised word's place in its sentence matters.
    const initial = capital && (out.length === 0 || /(?:[.!?…]["»”)]?\s+|\n\s*\n\s*|^\s*)$/u.test(text.slice(Math.max(0, m.index - 6), m.index)) || (/[•*–—-]\s+$/.test(before) && /\n/.test(text.slice(Math.max(0, m.index - 8), m.index))));
    out.push({ text: w, at: [start, end], key: key ?? keyOf(w), capital, initial });
  }
  return out;
}

/**
 * Whether a word is the name of a country or region ("Kazakhstan" in "Oyan Kazakhstan"): never part of a person's name.
 * Only the hand-made ones: continents ("Asya" folds as "Asia" does) and the world's countries
 * (Maurice Thorez, Salvador Allende) share their names with people.
 */
export function isCountryOrRegionName(word: string): boolean {
  return placeIndex().get(keyOf(word))?.some((e) => (e.place.kind === 'country' || e.place.kind === 'region') && e.place.country !== '' && !WORLD_COUNTRY_IDS.has(e.place.id)) ?? false;
}

/**
 * How a lone word names a gazetteer place: as the place is named ("Almaty", "Казахстан"), in a
 * Russian or Kazakh case form ("Казахстана", "Алматы" after "аким"), or not at all. findPeople
 * uses it to cut a place off the front of a run ("аким Алматы Бакытжан Сагинтаев").
 */
export function placeNameForm(word: string): 'as-named' | 'declined' | undefined {
  const idx = placeIndex();
  const key = keyOf(word);
  if (key === '' || NOT_PLACES.has(key)) return undefined;
  if (idx.get(key)?.some((e) => e.trusted)) return 'as-named';
  if (!/\p{Script=Cyrillic}/u.test(word)) return undefined;
  return caseForms(key, false).slice(1).some((k) => idx.get(k)?.some((e) => e.trusted)) ? 'declined' : undefined;
}

/**
 * Places named in the text: the longest gazetteer name starting at each capitalised word,
 * across scripts. Each mention's text is exactly the name as written (without "à", "d’").
 */
export function findPlaces(text: string, passages: readonly Passage[], opts: ExtractOptions): PlaceMention[] {
  // findPeople asks for the same text's places to leave them out: the last answer is kept.
  if (last && last.text === text && last.passages === passages && last.lang === opts.lang) {
    opts.onProgress?.(passages.length, passages.length);
    return last.found.map((m) => ({ ...m, at: [...m.at], place: { ...m.place, ...(m.place.names ? { names: { ...m.place.names } } : {}) } }));
  }
  const found = findPlacesIn(text, passages, opts);
  last = { text, passages, lang: opts.lang, found };
  return found.map((m) => ({ ...m, at: [...m.at], place: { ...m.place, ...(m.place.names ? { names: { ...m.place.names } } : {}) } }));
}

let last: { text: string; passages: readonly Passage[]; lang: string; found: PlaceMention[] } | undefined;

function findPlacesIn(text: string, passages: readonly Passage[], opts: ExtractOptions): PlaceMention[] {
  const idx = placeIndex();
  const words = wordsOf(text, opts.lang);
  // Folded words the text writes in lower case, read only when a sentence's first word needs them.
  let lowerCase: Set<string> | undefined;
  const inLowerCase = (key: string) => (lowerCase ??= new Set((text.match(/(?<![\p{L}\p{M}])\p{Ll}[\p{L}\p{M}]*/gu) ?? []).map(keyOf))).has(key);
  const out: PlaceMention[] = [];
  let lastPassage = '';
  for (let i = 0; i < words.length; i++) {
    const first = words[i]!;
    // Names start with a capital, but a landmark may start with "place", "rue" (place de la République).
    if (!first.capital && !opensLandmark(first.text)) continue;
    // Words of one name sit next to each other: separated only by a space or a hyphen.
    let found: { end: number; entry: IndexEntry; key: string } | undefined;
    // Every word of a name is declined in Russian ("Мангистауской области", "площади Республики"):
    // the heads are each word's forms, those that begin some name.
    let heads: string[] = [''];
    for (let j = i; j < words.length && j < i + MAX_WORDS && heads.length > 0; j++) {
      const w = words[j]!;
      // ...or an elided article: "Europe de l’Ouest".
      if (j > i && !/^(?:[ \u00a0-]|[ \u00a0][ldLD]['’])$/u.test(text.slice(words[j - 1]!.at[1], w.at[0]))) break;
      // Russian and Kazakh decline names: "в Жанаозене", "в Москве", "Жаңаөзенде".
      const forms = /\p{Script=Cyrillic}/u.test(w.text) ? caseForms(w.key, j > i) : [w.key];
      const next: string[] = [];
      for (const head of heads) {
        for (const last of forms) {
          const key = j === i ? last : `${head} ${last}`;
          // The first form that names a place at this length wins; the others only extend the heads.
          const entry = (found?.end ?? -1) < j ? idx.get(key)?.find((e) => acceptable(e, words, i, j, inLowerCase, last !== w.key)) : undefined;
          if (entry) found = { end: j, entry, key };
          if (prefixes().has(key) && next.length < 16) next.push(key);
        }
      }
      heads = next;
    }
    // "акимата Алматы", "akimat of Almaty" found whole: the noun is the hall, the town its own mention.
    if (found && !first.capital && found.end > i && found.entry.place.kind === 'landmark' && !opensStreet(first.text)) found = { ...found, end: i };
    // "l’Akimat", "the akimat", "акимата": the city hall of the town the text was just speaking of, when we know it.
    if (found?.entry.place.kind === 'landmark' && found.end === i && found.key === 'akimat') found = cityHall(idx, out, first.at[0], i);
    // A landmark's lone common noun in lower case is only a place as that ("the akimat"); else it is a word.
    if (found && !first.capital && found.end === i && !found.entry.place.id.includes('akimat') && !opensStreet(first.text)) continue;
    if (!found) continue;
    const at: [number, number] = [first.at[0], words[found.end]!.at[1]];
    // "Halyk Bank of Kazakhstan", "Parti communiste du Kazakhstan": a country in an organisation's name is no place mention.
    if (found.entry.place.kind === 'country' && inOrganisationName(text, at[0], words[i - 1])) continue;
    // "МИД Киргизии", "Минобороны России": a country after a Russian body's acronym or short name is that body's name.
    const bodyBefore = words[i - 1];
    if (found.entry.place.kind === 'country' && bodyBefore && at[0] - bodyBefore.at[1] === 1 && /^(?:[А-ЯЁ]{2,5}|Мин[а-яё]+)$/u.test(bodyBefore.text)) continue;
    const passage = passageAt(passages, at[0]);
    if (!passage || at[1] > passage.at[1]) continue;
    if (passage.id !== lastPassage) {
      lastPassage = passage.id;
      // Passages come in order: the one reached tells how far the text is done.
      opts.onProgress?.(passage.n, passages.length);
    }
    const place = found.entry.place;
    const written = text.slice(at[0], at[1]);
    // Named in the article's language: the gazetteer's name for it, else as the article writes it ("Moscou").
    const record = toPlace(place, opts.lang);
    if (!(opts.lang in place.names)) record.name = unbreakWords(written).replace(/\s+/g, ' ');
    out.push({ type: 'place', at, text: written, passage: passage.id, place: record, gazetteerId: place.id });
    i = found.end;
  }
  return out;
}

/** Heads of organisations' names that take a country after "of", "du", "de" ("Bank of", "Parti ... du"). */
const ORG_HEAD = /^(?:bank|banque|party|parti|partie|company|compagnie|société|union|front|movement|mouvement|congress|congrès|council|conseil|committee|comité|university|université|institute|institut|academy|académie|association|federation|fédération|fund|fonds|group|groupe|choice|choix|alliance|league|ligue|church|église|agency|agence|corporation)$/iu;
/** Words before "of"/"du" that make the phrase the country itself or a part of it ("République du Kazakhstan", "l’Ouest du Kazakhstan"). */
const STATE_OR_PART = /^(?:république|republic|royaume|kingdom|état|états|state|states|émirat|emirate|principauté|principality|nord|sud|est|ouest|north|south|east|west|centre|center|president|président|présidente)$/iu;

/**
 * Whether a country named at `start` ends an organisation's name: after "of", "du", "de (la)"
 * or "d’", a capitalised head not opening its sentence, that is an organisation's head ("Halyk
 * Bank of") or followed by lower-case words ("Parti communiste du", "Choix démocratique du").
 */
function inOrganisationName(text: string, start: number, before: Word | undefined): boolean {
  if (before === undefined) return false;
  const m = /(?:^|[\s(«"“])(\p{Lu}[\p{L}\p{M}-]*)((?:[ \u00a0]+\p{Ll}[\p{L}\p{M}-]*){0,2}?)(?:[ \u00a0]+(?:of(?:[ \u00a0]+the)?|du|de|des|de[ \u00a0]+la)[ \u00a0]+|[ \u00a0]+(?:de[ \u00a0]+l|d)['’])$/u.exec(text.slice(Math.max(0, start - 80), start));
  if (m === null) return false;
  const head = m[1]!;
  // "du Kazakhstan et de la Russie": a place before, or words joined by "et", make a list of places, not a name.
  if (STATE_OR_PART.test(head) || (NOT_PLACES.has(keyOf(head)) && !ORG_HEAD.test(head)) || placeIndex().has(keyOf(head))) return false;
  if (/(?:^|[ \u00a0])(?:et|ou|and|or|и|или|nor|ni)(?=[ \u00a0]|$)/iu.test(m[2]!)) return false;
  const headAt = start - m[0].length + m[0].indexOf(head);
  // A sentence's first word is capitalised whatever it is.
  if (/(?:[.!?…]["»”)]?\s+|\n\s*\n\s*|^\s*)$/u.test(text.slice(Math.max(0, headAt - 6), headAt))) return false;
  return ORG_HEAD.test(head) || m[2]!.trim() !== '';
}

/** How far back (characters) the town a bare "Akimat" belongs to may have been named. */
const CITY_HALL_CONTEXT = 3000;

/** The akimat of the last town named shortly before, if the gazetteer has it; else nothing (any town has one). */
function cityHall(idx: Map<string, IndexEntry[]>, before: readonly PlaceMention[], offset: number, i: number): { end: number; entry: IndexEntry; key: string } | undefined {
  const town = [...before].reverse().find((m) => m.at[0] >= offset - CITY_HALL_CONTEXT && m.gazetteerId && !m.gazetteerId.includes('-akimat') && /^(kz-[a-z]+|geonames:\d+)$/.test(m.gazetteerId));
  if (!town) return undefined;
  const entry = idx.get('akimat')?.find((e) => e.place.in === town.gazetteerId);
  return entry ? { end: i, entry, key: 'akimat' } : undefined;
}

/** The folded word as written, then without a Russian or Kazakh case ending (the nominative may end in -a). */
function caseForms(key: string, inName: boolean): string[] {
  // A word alone must be long enough that its stem is still a name; a name's last word may be short (Алма-Ате).
  if (key.length < (inName ? 3 : 5)) return [key];
  const forms = [key];
  for (const cut of [1, 2, 3]) {
    const stem = key.slice(0, -cut);
    // "Армении" → "Армения" (folded "armeni" → "armenia"), "Мангистауской" → "Мангистауская".
    if (stem.length >= (inName ? 2 : 3)) forms.push(stem, `${stem}a`);
    // ...the ending of "-ия" cut after its "и" ("Армени|и", "Армени|ю"), not an adjective's ("Киргиз|ский").
    if (stem.length >= 3 && key[key.length - cut] === 'i') forms.push(`${stem}ia`);
  }
  return forms;
}

/** Whether a word, as written or (Cyrillic) in a case form, is or begins a place's name ("Мангистауской" of "Мангистауской области"). */
function startsPlaceName(word: Word): boolean {
  const forms = /\p{Script=Cyrillic}/u.test(word.text) ? caseForms(word.key, false) : [word.key];
  return forms.some((k) => placeIndex().has(k) || prefixes().has(k));
}

function acceptable(e: IndexEntry, words: readonly Word[], i: number, j: number, inLowerCase: (key: string) => boolean, declined = false): boolean {
  const first = words[i]!;
  if (i === j && NOT_PLACES.has(first.key)) return false;
  // "Seul, il ..." is not Seoul: a GeoNames name opening a sentence that the text also writes in lower case is that word.
  if (i === j && first.initial && e.place.id.startsWith('geonames:') && inLowerCase(first.key)) return false;
  if (!first.capital && e.place.kind !== 'landmark') return false;
  // Every word of a name is capitalised, except short links ("place de la République").
  // Russian names keep their common nouns in lower case ("Мангистауской области").
  for (let k = i; k <= j; k++) if (!words[k]!.capital && words[k]!.text.length > 3 && e.place.kind !== 'landmark' && !(k > i && innerNameWord(words[k]!.text))) return false;
  if (e.place.kind === 'landmark') return true;
  // "rue Abai", "проспект Абая": a street named after someone, not the town of that name.
  const before = words[i - 1];
  if (before && STREET_WORDS.has(before.key)) return false;
  // "Vladimir Kim", "Makhambet Abjan", "Ekho Moskvy", "Oyan Kazakhstan": a place's name in a run of
  // capitalised words is part of someone's (or something's) name, unless the neighbour is a place too.
  // "премьер-министра Армении Никола Пашиняна": a country declined is no word of a person's name.
  if (declined && i === j && e.trusted && e.place.kind === 'country') return true;
  const after = words[j + 1];
  const index = placeIndex();
  if (after && after.capital && after.at[0] - words[j]!.at[1] === 1 && !NOT_PLACES.has(after.key) && !startsPlaceName(after)) return false;
  if (before && before.capital && !before.initial && before.text.length > 3 && words[i]!.at[0] - before.at[1] === 1 && !index.has(before.key) && !(/\p{Script=Cyrillic}/u.test(before.text) && caseForms(before.key, false).some((k) => index.get(k)?.some((b) => b.trusted)))) return false;
  if (e.trusted) return true;
  const letters = words.slice(i, j + 1).reduce((n, w) => n + w.text.length, 0);
  return letters >= 5 && !first.initial && words.slice(i, j + 1).every((w) => w.capital);
}
