/**
 * People named in an article (French, Russian, English, Kazakh): runs of capitalised words
 * that are not places, institutions (by their head noun: Ministry, Comité, Генпрокуратура) or
 * the capitalised first word of a sentence, with the role or title written next to them ("le
 * président Tokaïev", "journaliste Makhambet Abjan"). A single word is a person only with a
 * role before it, a family-name ending (-ov, -eva, -enko, -in…) on a word the text does not
 * also write in lower case, or when it is the family name of a person named elsewhere in the
 * text. In Russian, a man's name in an oblique case is named in the nominative when the case
 * is clear ("по словам министра Ерлана Тургумбаева": Ерлан Тургумбаев); `text` stays as written.
 */
import { foldToken } from '../fold.ts';
import { passageAt } from './passages.ts';
import { brokenWordRest, findPlaces, isCountryOrRegionName, placeNameForm, unbreakWords } from './places.ts';
import { russianCommonNoun, russianNominative, type KnownNames } from './declension.ts';
import type { ExtractOptions, Passage, PersonMention } from './types.ts';

// The declension's exports, kept where callers found them.
export { governedCase, russianNominative, type KnownNames, type NameCase } from './declension.ts';

/** Capitalised words that begin sentences or titles but are never part of a person's name. */
const STOP = new Set(
  (
    // French
    'm mme le la les l un une des de du d au aux et ou mais donc or ni car ce cet cette ces c ça il ils elle elles iels on nous vous je j tu lui leur leurs ' +
    'mon ma mes ton ta tes son sa ses notre nos votre vos qui que qu quoi dont où quand comment pourquoi si se s en dans par pour sur sous avec sans ' +
    'selon après avant depuis pendant lorsque puis alors ensuite enfin aussi même tout toute tous toutes chaque certains certaines plusieurs aucun aucune ' +
    'bien peu plus moins très oui non là ici voici voilà malgré pourtant cependant toutefois ainsi comme dès entre vers chez contre parmi outre ' +
    'aujourd hui maintenant officiellement finalement personnellement actuellement environ quant tant soit est sont était a ont été fait ' +
    'monsieur madame président présidente ministre journaliste général premier première ancien ancienne nouveau nouvelle ' +
    'janvier février mars avril mai juin juillet août septembre octobre novembre décembre lundi mardi mercredi jeudi vendredi samedi dimanche ' +
    // English
    'the a an and or but of in on at to for from by with without after before since during when while then there this that these those ' +
    'he she they we it his her their our its what who why how yes no mr mrs ms dr president prime minister journalist general prosecutor ' +
    'again within begin later earlier meanwhile yesterday today mayor governor spokesman spokeswoman spokesperson chairman chairwoman senator ambassador judge commander chief deputy secretary state ' +
    'january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday ' +
    // Russian
    'и в во на с со по за из от до у о об к не но а как что это он она они мы вы я его ее её их так когда после перед ' +
    'затем потом также тогда однако поэтому сегодня вчера здесь там ещё уже позже ранее вскоре сейчас теперь даже лишь только именно наконец сначала снова один одна одно ' +
    'наш наша наше наши мой моя моё мои твой их этот эта эти тот та те весь вся всё все каждый многие некоторые другие ' +
    'президент министр журналист господин госпожа январь января февраля марта апреля мая июня июля августа сентября октября ноября декабря'
  ).split(/\s+/),
);

/** Words that make a run of capitalised words an organisation, a thing or a title of a work. */
const NOT_PERSON = new Set(
  (
    'bank banque jsc ltd pte corp inc llc bv sa holding holdings minerals gold capital infrastructure group company fund ' +
    'parti comité conseil organisation fédération république union état garde force forces armée sécurité nationale national collective ' +
    'channel telegram radio tv média médias games king burger carlton ritz anarchist fighter kazfem ekho moskvy kiev kyiv kremlin trends wikipedia forbes ' +
    'nouvel an internet covid gilets jaunes commune assemblée gouvernement ministère cour tribunal police université ' +
    'телеканал партия комитет совет банк союз'
  ).split(/\s+/).map((w) => w.toLowerCase()),
);

/**
 * Head nouns of institutions' names ("Interior Ministry", "Ministère de l’Intérieur", "Nur Otan
 * Party", "Генпрокуратура"): capitalised words next to one name the institution, not a person.
 * Russian and Kazakh decline them, so their Cyrillic heads are stems.
 */
const ORG_HEADS = new Set(
  (
    'ministry ministries committee party agency office service council department administration government court senate parliament ' +
    'assembly bureau commission directorate inspectorate movement institute university foundation association coalition alliance embassy consulate federation organisation organization watch international nations exchange ' +
    'ministère comité agence bureau office service conseil direction administration gouvernement parquet sénat parlement assemblée commission mouvement ' +
    'centre institut université fondation fonds association coalition alliance ambassade consulat fédération organisation syndicat confédération'
  ).split(/\s+/),
);
const ORG_HEAD_STEM =
  /^(?:ген|экс-)?(?:мин(?:обороны|здрав|юст|фин|труд|энерго|эконом|просвещения|транс|сельхоз|культуры|цифры)|министерств|комитет|парти[яиюе]|агентств|служб|управлени|департамент|администраци|правительств|прокуратур|полици|гварди|сенат|парламент|мажилис|ассамбле|комисси|движени|институт|университет|фонд|ассоциаци|коалици|посольств|консульств|федераци|организаци|аппарат|акимат|ведомств|министрлі|комитеті|агенттіг|әкімдіг|үкімет)/u;

/** Whether a word is the head noun of an institution's name, in any of the languages. */
function isOrgHead(word: string): boolean {
  const l = lower(word);
  return NOT_PERSON.has(l) || ORG_HEADS.has(l) || ORG_HEAD_STEM.test(l);
}

/** Family-name endings: Russian, Kazakh, Ukrainian, Georgian forms, in the Latin and Cyrillic scripts. */
const FAMILY_ENDING = /(?:ov|ova|ev|eva|iev|ieva|aïev|aïeva|yev|yeva|enko|uly|ulı|kyzy|bekov|dze|shvili|ов|ова|ев|ева|ин|ина|енко|улы|ұлы|қызы)$/iu;

/** Role words before a name, longest first; "l’ancien président", "la journaliste d’opposition". */
const ROLE_BEFORE = new RegExp(
  '(?:(?:l[’\']|le |la |les |du |de la |de l[’\']|un |une |au |à la |the |a |an )?' +
    '(?:(?:ancien(?:ne)? |ex-|actuel(?:le)? |nouveau |nouvelle |former |then-)?' +
    '(?:président(?:e)?(?: de la République)?|premier ministre|ministre(?: de l[’\']Intérieur| de la Défense| des Affaires étrangères)?|vice-ministre|' +
    'journaliste(?: local| locale)?(?: indépendant(?:e)?)?(?: d[’\']opposition)?|militant(?:e)?|activiste|avocat(?:e)?|député(?:e)?|' +
    'opposant(?:e)?|oligarque|homme d[’\']affaires|banquier|blogueu(?:r|se)|écrivain(?:e)?|poète|chercheu(?:r|se)|secrétaire général|' +
    'général|colonel|maire|akim|chef(?: de l[’\']État)?|dirigeant(?:e)?|leader|porte-parole|fondat(?:eur|rice)|dictateur|' +
    'M\\.|Mme|Mr\\.?|Mrs\\.?|Dr\\.?|president|prime minister|minister(?: of the Interior)?|journalist|activist|lawyer|blogger|' +
    'mayor|governor|spokes(?:man|woman|person)|chairman|chairwoman|senator|ambassador|judge|commander|prosecutor(?: general)?|' +
    'президент(?:а|ом|у)?|министр(?:а)?(?: внутренних дел)?|журналист(?:ка|а)?|активист(?:ка|а)?|премьер-министр(?:а)?|генерал(?:а)?)' +
    ')(?: actuel(?:le)?| par intérim| kazakh(?:e)?| russe| biélorusse| kirghize?| en exercice)?),?[ \\u00a0]+$',
  'iu',
);

/** Words that announce an organisation's or a publication's name a few words later. */
const ORG_BEFORE =
  /(?:société|compagnie|entreprise|groupe|banque|radio|revue|journal|chaîne|télévision|parti|mouvement|organisation|fonds|holding|firme|company|bank|channel|magazine|newspaper|компани[яи]|банк|партия|движение|журнал|газета)(?:[ \u00a0]+[\p{Ll}’'-]+){0,3}[ \u00a0]+$/iu;

interface Word {
  text: string;
  at: [number, number];
  capital: boolean;
}

function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  // A name word: letters with inner hyphens or apostrophes ("Kassym-Jomart", "Yudol’").
  const re = /\p{L}[\p{L}\p{M}]*(?:[-'’]\p{L}[\p{L}\p{M}]*)*/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    let w = m[0];
    let start = m.index;
    if (w.includes("'") || w.includes('’')) {
      const elided = /^(?:[ldjmnstc]|qu|lorsqu|jusqu|puisqu)['’](?=\p{L})/iu.exec(w);
      if (elided) {
        w = w.slice(elided[0].length);
        start += elided[0].length;
      }
    }
    // English possessive: "Tokayev’s government" names Tokayev.
    if (/['’]s$/.test(w)) w = w.slice(0, -2);
    let end = start + w.length;
    // "Toka-\nïev" cut at a line's end is one word; its span covers both parts.
    const broken = end === m.index + m[0].length ? brokenWordRest(text, end) : undefined;
    if (broken !== undefined) {
      w += broken.rest;
      end = broken.end;
      re.lastIndex = end;
    }
    // Names are capitalised: lower-case words are left out (the gap test then keeps runs apart).
    if (w[0] === w[0]!.toLowerCase() || !/^\p{Lu}/u.test(w)) continue;
    out.push({ text: w, at: [start, end], capital: true });
  }
  return out;
}

const lower = (w: string) => w.toLocaleLowerCase('fr');
const isAllCaps = (w: string) => w.length > 1 && w === w.toLocaleUpperCase('fr') && /\p{Lu}/u.test(w);

/** A capitalised word that can be part of a name (remembered: an article repeats its words). */
const nameWordCache = new Map<string, boolean>();
function nameWord(w: Word): boolean {
  let ok = nameWordCache.get(w.text);
  if (ok === undefined) {
    if (nameWordCache.size > 50_000) nameWordCache.clear();
    const l = lower(w.text);
    ok = !isAllCaps(w.text) && !STOP.has(l) && !isOrgHead(l) && !russianCommonNoun(l) && !w.text.split(/[-'’]/).some((p) => STOP.has(lower(p)) && p.length > 2 && p !== w.text);
    nameWordCache.set(w.text, ok);
  }
  return w.capital && ok;
}

/** Sentence-initial: after . ! ? or at a paragraph's start, where every word is capitalised. */
function sentenceInitial(text: string, start: number): boolean {
  return /(?:[.!?…]["»”)]?\s+|\n\s*\n\s*|^\s*)$/u.test(text.slice(Math.max(0, start - 6), start));
}

/**
 * People named in the text, each with the name as written (without title or role) and the
 * role written just before it when there is one.
 */
export function findPeople(text: string, passages: readonly Passage[], opts: ExtractOptions): PersonMention[] {
  const words = wordsOf(text);
  const placeSpans = findPlaces(text, passages, { lang: opts.lang });
  // Places come sorted and apart: find the first that ends after `at` starts (binary search).
  const inPlace = (at: [number, number]) => {
    let lo = 0;
    let hi = placeSpans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (placeSpans[mid]!.at[1] <= at[0]) lo = mid + 1;
      else hi = mid;
    }
    const p = placeSpans[lo];
    return p !== undefined && p.at[0] < at[1];
  };
  const lone = loneWords(text, words, opts.lang);
  const runs: { from: number; to: number }[] = [];
  for (let i = 0; i < words.length; i++) {
    if (!nameWord(words[i]!) && !initialAt(text, words, i)) continue;
    let j = i;
    // A name's words are separated by one space (or a line break in hard-wrapped text); an initial "K." joins.
    while (j + 1 < words.length && (nameWord(words[j + 1]!) || initialAt(text, words, j + 1)) && joined(text, words[j]!, words[j + 1]!)) j++;
    runs.push({ from: i, to: j });
    i = j;
  }

  const people: { at: [number, number]; name: string; role?: string; single: boolean }[] = [];
  for (const { from, to } of runs) {
    let a = from;
    let b = to;
    // Trim a trailing initial, and runs that are a place ("Almaty") or hold one ("Kazakhstan Debout").
    while (b >= a && initialAt(text, words, b)) b--;
    if (b < a) continue;
    // "аким Алматы Бакытжан Сагинтаев", "президент Казахстана Токаев", "Almaty Mayor Bakytzhan Sagintayev": a place
    // before a name (a Russian one declined) is where the person holds office, not part of the name.
    const leadingPlace = placeNameForm(words[a]!.text);
    if (leadingPlace && (b - a >= 2 || (leadingPlace === 'declined' && b > a))) a++;
    // "Қасым-Жомарт Тоқаев Алматыда": a declined place after a full name is where it happened.
    if (b - a >= 2 && placeNameForm(words[b]!.text) === 'declined') b--;
    // "Oyan Kazakhstan", "Kazakhstan Debout": a country's name makes a run an organisation's.
    if (b > a && words.slice(a, b + 1).some((w) => isCountryOrRegionName(w.text))) continue;
    const span: [number, number] = [words[a]!.at[0], words[b]!.at[1]];
    if (inPlace(span)) {
      // "Zhanabergen Talgat" is fine; "Almaty Tokayev" is not a name: keep what is outside the place.
      const outside = [];
      for (let k = a; k <= b; k++) if (!inPlace(words[k]!.at)) outside.push(k);
      if (outside.length !== b - a + 1) {
        // Keep only the longest contiguous stretch outside places.
        let best: [number, number] | undefined;
        let s = -1;
        for (let k = a; k <= b + 1; k++) {
          const ok = k <= b && outside.includes(k);
          if (ok && s < 0) s = k;
          if (!ok && s >= 0) {
            if (!best || k - 1 - s > best[1] - best[0]) best = [s, k - 1];
            s = -1;
          }
        }
        if (!best) continue;
        [a, b] = best;
        // A run with a place in it is an organisation or a place phrase unless a role names it.
      }
    }
    const at: [number, number] = [words[a]!.at[0], words[b]!.at[1]];
    const role = roleBefore(text, at[0]);
    const initials = words.slice(a, b + 1).filter((_, k) => initialAt(text, words, a + k)).length;
    const nameWords = b - a + 1 - initials;
    if (nameWords > 4) continue;
    // An organisation's name goes on: "Caspi Neft JSC", "Kaspi Bank", "Interior Ministry", "Prosecutor General’s Office".
    const next = words[b + 1];
    if (next && (joined(text, words[b]!, next) || /^['’]s[ \u00a0]$/.test(text.slice(words[b]!.at[1], next.at[0]))) && (isOrgHead(next.text) || isAllCaps(next.text))) continue;
    // ...or its head comes first: "Parti Nur Otan", "Комитет Национальной Безопасности", "Ministry of Internal Affairs".
    if (orgHeadBefore(text, at[0], text.slice(at[0], at[1]))) continue;
    // "la société d’investissement russe Baring Vostok", "la revue Yudol’": an organisation or a work.
    if (ORG_BEFORE.test(text.slice(Math.max(0, at[0] - 60), at[0]))) continue;
    // « Big Brother »: a quoted phrase, not someone's name.
    if (/[«“"]\s*$/.test(text.slice(Math.max(0, at[0] - 3), at[0])) && /^\s*[»”"]/.test(text.slice(at[1], at[1] + 3))) continue;
    // "la Marine", "the Kremlin": a name without a role takes no article.
    if (nameWords === 1 && !role && /(?:^|[\s(])(?:le|la|les|l['’]|du|des|au|aux|un|une|the)[ \u00a0]*$/iu.test(text.slice(Math.max(0, at[0] - 5), at[0]))) continue;
    // One word alone is a name with a role, an initial ("K. Tokaïev") or the shape of a family name
    // (loneWords); otherwise only if it is the family name of a person named here (checked below).
    if (nameWords === 1 && !role && initials === 0 && !lone.familyShaped(words[b]!)) {
      people.push({ at, name: text.slice(at[0], at[1]), single: true });
      continue;
    }
    people.push({ at, name: text.slice(at[0], at[1]), ...(role ? { role } : {}), single: false });
  }

  // Russian names in an oblique case are named in the nominative (Ерлана Тургумбаева: Ерлан Тургумбаев).
  if (opts.lang === 'ru') {
    const full = people.filter((p) => /\s/.test(p.name)).map((p) => p.name.split(/\s+/));
    const given = new Set(full.map((ws) => ws[0]!));
    const familyNames = new Set(full.map((ws) => ws[ws.length - 1]!));
    const known: KnownNames = { given: (g) => given.has(g), manOnly: (f) => familyNames.has(f) && !familyNames.has(`${f}а`) };
    for (const p of people) {
      const nominative = russianNominative(p.name, text.slice(Math.max(0, p.at[0] - 80), p.at[0]), known);
      if (nominative) p.name = nominative.name;
    }
  }
  // A lone word without a role or family ending counts only as the family name of a person named
  // here in full or with a role ("le président Poutine ... Poutine").
  const families = new Set(people.filter((p) => !p.single).map((p) => foldToken(lastWord(p.name))));
  const out: PersonMention[] = [];
  let lastPassage = '';
  for (const p of people) {
    if (p.single && !families.has(foldToken(p.name))) continue;
    const passage = passageAt(passages, p.at[0]);
    if (!passage || p.at[1] > passage.at[1]) continue;
    if (passage.id !== lastPassage) {
      lastPassage = passage.id;
      // Passages come in order: the one reached tells how far the text is done.
      opts.onProgress?.(passage.n, passages.length);
    }
    out.push({ type: 'person', at: p.at, text: text.slice(p.at[0], p.at[1]), passage: passage.id, name: unbreakWords(p.name).replace(/\s+/g, ' '), ...(p.role ? { role: p.role } : {}) });
  }
  return out;
}

/** Endings of a family name that common words share more often at a sentence's start ("Причина", "Половина", "China"). */
const WEAK_FAMILY_ENDING = /(?:ина|ina)$/iu;
/** English and Russian-in-Latin family names in -in (Putin, Kalinin); French writes them -ine (Poutine, Lénine), and its -in words are French. */
const LATIN_IN = /[^aeiouy]in$/iu;
const FRENCH_INE = /[^aeiouy]ine$/iu;
const ENGLISH_SUBJECT_NEXT = /^(?:['’]s[ \u00a0]|[ \u00a0]*(?:,|(?:and|said|says|has|had|was|is|will|would|did|also|told|called|sent|spoke|signed|ordered)(?![\p{L}])))/u;
const FRENCH_SUBJECT_NEXT = /^[ \u00a0]*(?:,|(?:et|a|ont|est|sont|était|avait|sera|ne|se|lui|y|en|aussi)(?![\p{L}])|[nsl]['’])/u;

/**
 * Whether a lone capitalised word looks like a family name by its ending (Tokayev, Путин,
 * Lukashenko, Putin) and not like a common word: a word the text also writes in lower case is
 * one, and a weak ending at a sentence's start counts only if the word is capitalised mid-sentence elsewhere.
 */
function loneWords(text: string, words: readonly Word[], lang: ExtractOptions['lang']): { familyShaped(w: Word): boolean } {
  let lowerCase: Set<string> | undefined;
  let midSentence: Set<string> | undefined;
  return {
    familyShaped(w: Word): boolean {
      const latinIn = lang === 'fr' ? FRENCH_INE.test(w.text) : LATIN_IN.test(w.text);
      if (!FAMILY_ENDING.test(w.text) && !latinIn) return false;
      lowerCase ??= new Set((text.match(/(?<![\p{L}\p{M}])\p{Ll}[\p{L}\p{M}]*/gu) ?? []));
      if (lowerCase.has(lower(w.text))) return false;
      const weak = WEAK_FAMILY_ENDING.test(w.text) || latinIn;
      if (!weak || !sentenceInitial(text, w.at[0])) return true;
      // A sentence opening on a bare noun is a headline ("Usine fermée", "Again the police"); on a name, its verb or a comma follows ("Poutine a", "Putin said").
      if ((lang === 'fr' ? FRENCH_SUBJECT_NEXT : lang === 'en' ? ENGLISH_SUBJECT_NEXT : undefined)?.test(text.slice(w.at[1], w.at[1] + 12))) return true;
      midSentence ??= new Set(words.filter((x) => !sentenceInitial(text, x.at[0])).map((x) => x.text));
      return midSentence.has(w.text);
    },
  };
}

/** The head of an institution's name just before `start`: "Parti ", "Комитет ", "Ministry of ", "Comité de la ". */
function orgHeadBefore(text: string, start: number, name: string): boolean {
  // Tokens, not one regular expression over the text before: this runs for every name of a long article.
  const before = text.slice(Math.max(0, start - 80), start);
  const spaced = /[ \u00a0]$/.test(before);
  const tokens = before.split(/[ \u00a0\n]+/).filter((t) => t !== '');
  let k = tokens.length - 1;
  const at = (i: number) => tokens[i] ?? '';
  // "le gouvernement Nazarbayev" names the man: a family-shaped name after a head is still a person's.
  const adjacent = spaced ? /[\p{L}-]+$/u.exec(at(k))?.[0] : undefined;
  if (adjacent && isOrgHead(adjacent) && !FAMILY_ENDING.test(lastWord(name))) return true;
  // With a link word only when the head is capitalised: "the Ministry of ...", not "the party of Nursultan Nazarbayev";
  // names joined by "and" stay in the institution's name ("the Ministry of Information and Social Development").
  const capitalised = (t: string) => /^\p{Lu}[\p{L}-]*$/u.test(t);
  if (spaced && /^(?:and|&|et|и)$/iu.test(at(k))) {
    k--;
    const from = k;
    while (k >= 0 && capitalised(at(k))) k--;
    if (k === from) return false;
  } else if (!spaced && !/^(?:d|l)['’]$/iu.test(at(k))) return false;
  if (/^l['’]$/iu.test(at(k)) || /^(?:la|the)$/iu.test(at(k))) k--;
  if (!/^(?:of|for|on|de|du|des|d['’])$/iu.test(at(k))) return false;
  return capitalised(at(k - 1)) && isOrgHead(at(k - 1));
}

function lastWord(name: string): string {
  const ws = name.split(/\s+/);
  return ws[ws.length - 1]!;
}

/** "K." before a name: one capital letter followed by a period. */
function initialAt(text: string, words: readonly Word[], i: number): boolean {
  const w = words[i]!;
  return w.text.length === 1 && /\p{Lu}/u.test(w.text) && text[w.at[1]] === '.' && !(w.text === 'M' && i + 1 < words.length);
}

function joined(text: string, a: Word, b: Word): boolean {
  const gap = text.slice(a.at[1], b.at[0]);
  return /^\.?[ \u00a0]?(?:\n)?[ \u00a0]?$/.test(gap) && gap.length > 0 && (gap.startsWith('.') ? a.text.length === 1 : true);
}

/** The role written just before a name, without its article ("président", "ministre de l’Intérieur"). */
function roleBefore(text: string, start: number): string | undefined {
  const before = text.slice(Math.max(0, start - 80), start);
  const m = ROLE_BEFORE.exec(before);
  if (!m) return undefined;
  const role = m[0].trim().replace(/,$/, '').replace(/^(?:l[’']|le |la |les |du |de la |de l[’']|un |une |au |à la |the |a |an )/iu, '').trim();
  return role === '' ? undefined : role;
}
