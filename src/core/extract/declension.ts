/**
 * Russian declension of men's names, for findPeople and comparePersonNames: the case a name is
 * in (by the words before it) and the name in the nominative. Moved out of people.ts unchanged.
 */
import { placeNameForm } from './places.ts';

const lower = (w: string) => w.toLocaleLowerCase('fr');
const isAllCaps = (w: string) => w.length > 1 && w === w.toLocaleUpperCase('fr') && /\p{Lu}/u.test(w);

// Russian declension of men's names. Russian declines names: "по словам министра Ерлана
// Тургумбаева" names Ерлан Тургумбаев. A man's "-а" (genitive) looks like a woman's nominative
// (Динара Кулибаева), so the genitive is read only when the words before it govern that case
// or the given name is seen in the nominative elsewhere; the other cases cannot be a woman's.

/** The oblique cases a man's name shows by its endings (the accusative of a man is his genitive). */
export type NameCase = 'genitive' | 'dative' | 'instrumental' | 'prepositional';
const CASES: readonly NameCase[] = ['genitive', 'dative', 'instrumental', 'prepositional'];

const CONSONANT = '[бвгджзклмнпрстфхцчшщқғң]';
/** One word of a man's name in each case, and what the nominative puts back ("Тургумбаев|а", "Троцк|ого" → "Троцкий"). */
// Soft stems too: Дмитрия → Дмитрий, Андрея → Андрей, Николая → Николай, Игоря → Игорь ("-ская" is a woman's nominative).
const MAN_ENDINGS: Record<NameCase, readonly (readonly [RegExp, string])[]> = {
  genitive: [[/([сц]к)ого$/u, '$1ий'], [new RegExp(`(${CONSONANT})а$`, 'u'), '$1'], [/(?<![сц]к)([иеа])я$/u, '$1й'], [new RegExp(`(${CONSONANT})я$`, 'u'), '$1ь']],
  dative: [[/([сц]к)ому$/u, '$1ий'], [new RegExp(`(${CONSONANT})у$`, 'u'), '$1'], [/([иеа])ю$/u, '$1й'], [new RegExp(`(${CONSONANT})ю$`, 'u'), '$1ь']],
  // Family names in -ов/-ев/-ин decline like adjectives here (Токаевым), given names like nouns (Ерланом).
  instrumental: [
    [/([сц]к)им$/u, '$1ий'], [/([оеё]в|[иы]н)ым$/u, '$1'], [new RegExp(`(${CONSONANT})ом$`, 'u'), '$1'], [/([иеа])ем$/u, '$1й'], [new RegExp(`(${CONSONANT})ем$`, 'u'), '$1ь'],
  ],
  prepositional: [[/([сц]к)ом$/u, '$1ий'], [new RegExp(`(${CONSONANT})е$`, 'u'), '$1'], [/(и)и$/u, '$1й'], [/([еа])е$/u, '$1й']],
};

/** One word of a man's name read in `c`, in the nominative; undefined when it cannot be in that case. */
function manNominative(word: string, c: NameCase): string | undefined {
  for (const [ending, back] of MAN_ENDINGS[c]) {
    if (!ending.test(word)) continue;
    const nominative = word.replace(ending, back);
    return nominative.replace(/-/g, '').length >= 3 ? nominative : undefined;
  }
  return undefined;
}

/** Roles written before a man's name, in the nominative; in another case they give the name's case ("министра Ерлана"). */
const ROLE_NOUNS = new Set(
  'министр президент журналист активист генерал депутат лидер блогер аким адвокат премьер-министр экс-президент вице-министр полковник майор правозащитник политик бизнесмен олигарх оппозиционер мэр губернатор посол сенатор'.split(' '),
);

/** Prepositions and phrases before a name that govern its case ("у", "по словам", "с", "о"). */
const GOVERNING = new Map<string, NameCase>([
  ...'у от до из без для около возле против после кроме среди вместо ради насчёт со_стороны по_словам по_мнению по_данным по_сообщению по_заявлению по_информации со_слов'
    .split(' ')
    .map((w) => [w.replace('_', ' '), 'genitive'] as const),
  ...'к ко благодаря согласно вопреки навстречу'.split(' ').map((w) => [w, 'dative'] as const),
  ...'с со над под перед между'.split(' ').map((w) => [w, 'instrumental'] as const),
  ...'о об обо при'.split(' ').map((w) => [w, 'prepositional'] as const),
]);

/** Nouns whose person follows in the genitive ("задержание Токаева", "сторонники Аблязова"). */
const GENITIVE_NOUN =
  /^(?:задержани[еяю]|арест[аеу]?|смерт[иь]|гибел[иь]|убийств[оа]|слов[аму]?|заявлени[еяю]|отставк[аиу]|указ[аеу]?|приказ[аеу]?|решени[еяю]|режим[аеу]?|правительств[оа]|администраци[яию]|семь[яиюе]|сын[аеу]?|дочь|дочери|зят[ьяю]|жен[аыеу]|сторонник(?:и|ов|ам)?|адвокат(?:ы|ов)|окружени[еяю]|портрет[ыа]?|освобождени[еяю]|допрос[аеу]?|похищени[еяю]|исчезновени[еяю]|выступлени[еяю]|обращени[еяю]|пресс-секретар[ья]|помощник[аи]?|советник[аи]?|власть|имя|имени)$/u;

/** Russian abstract nouns, in any case ("задержание", "о задержании"): never a name, and a name after one is in the genitive. */
const ABSTRACT_NOUN = /(?:ни[еяюи]|ние[м]|ти[еяю]|ств[оаеу]|ци[яиюей]|ост[ьи]|изм[а]?)$/u;
/** Plural nouns of people ("Противники", "соратники", "жители", "журналисты"): never a name, and a name after one is in the genitive. */
const PEOPLE_PLURAL = /(?:ики|ников|тели|телей|исты|истов|анты|енты)$/u;
/** Women's roles in any case ("Журналистка Асия Тулесова"): not part of the name. */
const WOMAN_ROLE = /^(?:журналистк|активистк|правозащитниц|оппозиционерк|блогерш|депутатк|студентк|учительниц)/u;

/** Whether a capitalised Cyrillic word is a common noun a name never is: an abstract noun or a role in any case ("Задержание", "Министра"). */
export function russianCommonNoun(l: string): boolean {
  if (!/^\p{Script=Cyrillic}/u.test(l)) return false;
  if (ABSTRACT_NOUN.test(l) || PEOPLE_PLURAL.test(l) || WOMAN_ROLE.test(l) || GENITIVE_NOUN.test(l) || ROLE_NOUNS.has(l)) return true;
  // Adjectives and participles ("Бывшие", "Новые"); "-ская" stays, a woman's family name (Политковская).
  if (/(?:ые|ие|ое|ее|ых|их|ую|юю)$/u.test(l) || /(?<![сц]к)(?:ая|яя)$/u.test(l)) return true;
  return CASES.some((c) => ROLE_NOUNS.has(manNominative(l, c) ?? ''));
}

/** "Глава" (head) is a man's role declined like a woman's noun. */
const HEAD_FORMS: Readonly<Record<string, NameCase>> = { главы: 'genitive', главу: 'genitive', главе: 'dative', главой: 'instrumental' };

/** Women's nouns a name in the nominative may follow ("дочь первого президента Дарига Назарбаева"). */
const WOMAN_BEFORE = /(?:^|\s)(?:дочь|жена|супруга|вдова|сестра|мать|внучка|племянница)(?:\s|$)/u;

/** The case a role word gives the name after it ("министра Ерлана": genitive), if it is a role in a case. */
function roleCase(word: string): NameCase | undefined {
  return HEAD_FORMS[word] ?? CASES.find((c) => ROLE_NOUNS.has(manNominative(word, c) ?? ''));
}

/** The case that the words just before a name govern, when they clearly do ("по словам", "у", "министра внутренних дел"). */
export function governedCase(before: string): NameCase | undefined {
  const words = before.slice(-80).split(/[\s\u00a0]+/).filter((w) => w !== '');
  if (/,$/.test(words[words.length - 1] ?? '')) return undefined;
  const word = (k: number) => lower(words[k] ?? '').replace(/^[(«"]+/, '');
  const last = word(words.length - 1);
  const governing = GOVERNING.get(last) ?? GOVERNING.get(`${word(words.length - 2)} ${last}`);
  if (governing) return governing;
  if (!/^\p{Script=Cyrillic}/u.test(last)) return undefined;
  if (GENITIVE_NOUN.test(last) || ABSTRACT_NOUN.test(last) || PEOPLE_PLURAL.test(last)) return 'genitive';
  // A role with what it heads: "министра внутренних дел", "главы КНБ", "акима Алматы" (lower-case words, acronyms, places).
  for (let k = words.length - 1; k >= Math.max(0, words.length - 4); k--) {
    const w = words[k]!;
    const c = roleCase(lower(w));
    if (c) return WOMAN_BEFORE.test(lower(words.slice(Math.max(0, k - 3), k).join(' '))) ? undefined : c;
    if (!(/^\p{Ll}/u.test(w) || isAllCaps(w) || placeNameForm(w))) return undefined;
  }
  return undefined;
}

/** What the rest of a text says about names, to read a genitive that no word before it governs. */
export interface KnownNames {
  /** A given name written in the nominative in a full name elsewhere ("Касым-Жомарт"). */
  given(name: string): boolean;
  /** A man's family name named in full elsewhere, with no woman of that family named ("Путин" but no "… Путина"). */
  manOnly(family: string): boolean;
}

/**
 * A Russian man's name written in an oblique case, in the nominative, when the case is clear:
 * the words before govern it, or (for two or more words) every word shows the same dative,
 * instrumental or prepositional ending, or a genitive whose given name `knownGiven` says is
 * written in the nominative elsewhere. Undefined otherwise (the name is then read as written).
 */
export function russianNominative(name: string, before: string, known?: KnownNames): { name: string; case: NameCase } | undefined {
  const words = name.trim().split(/\s+/);
  if (words.length > 3 || !words.every((w) => /^\p{Script=Cyrillic}[\p{Script=Cyrillic}-]*$/u.test(w))) return undefined;
  let governed: NameCase | undefined | null = null;
  for (const c of CASES) {
    const nominative = words.map((w) => manNominative(w, c));
    if (nominative.some((n) => n === undefined)) continue;
    // Only a name that can be declined asks what the words before it govern.
    if (governed === null) governed = governedCase(before);
    const family = words[words.length - 1]!;
    const clear =
      governed === c ||
      (c === 'genitive'
        ? words.length > 1
          ? (known?.given(nominative[0]!) ?? false)
          : (known?.manOnly(nominative[0]!) ?? false)
        : words.length > 1 || /(?:[оеё]в|[иы]н)(?:у|ым)$/u.test(family));
    if (clear) return { name: nominative.join(' '), case: c };
  }
  return undefined;
}
