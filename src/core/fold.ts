/**
 * Cross-script folding for search: every token is reduced to a Latin "sound key"
 * so that Жанаозен, Zhanaozen and Janaozen, or Токаев, Tokayev and Tokaïev, meet.
 *
 * Transliteration is any-ascii (one well-kept table for every script, Kazakh letters
 * included); the key rules on top are ours, because they must be stable (the on-disk
 * index depends on them) and tuned to how Kazakh and Russian names are spelled in
 * English, French and German. Changing a rule means rebuilding the search index.
 */
import anyAscii from 'any-ascii';

/** Bumped when a rule changes; stores rebuild their index when it differs. */
export const FOLD_VERSION = 1;

const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/'/g, ''], // soft and hard signs
  [/shch/g, 'sh'],
  [/tch/g, 'ch'], // French: Tchétchénie
  [/dzh|dj|zh/g, 'j'], // Жанаозен: Zhanaozen, Janaozen, Djanaozen
  [/kh/g, 'h'], // Казахстан: Kazakhstan / Kazahstan
  [/q/g, 'k'], // Kazakh қ: Aqorda / Akorda
  [/gh/g, 'g'],
  [/ck/g, 'k'],
  [/ph/g, 'f'],
  [/w/g, 'v'],
  [/t[sz]/g, 'c'], // Zeltzer / Zeltser
  [/ou/g, 'u'], // French: Poutine / Putin, Moukhtar / Mukhtar
  [/y/g, 'i'],
  [/([aeiou])i(?=[aeiou])/g, '$1'], // Tokayev / Tokaev / Tokaïev
  [/^i(?=[aeiou])/, ''], // Yermen / Ermen
  [/(.)\1+/g, '$1'], // doubled letters: Akhmediyarov / Akhmedyarov
];

/** The search key of one word (already a single token). */
export function foldToken(word: string): string {
  let s = anyAscii(word.normalize('NFC')).toLowerCase();
  s = s.replace(/[^a-z0-9']/g, '');
  if (/^[0-9]+$/.test(s)) return s;
  for (const [re, to] of RULES) s = s.replace(re, to);
  return s;
}

/** Splits text into words in any script (letters, marks and digits). */
export function tokenize(text: string): string[] {
  return text.normalize('NFC').match(/[\p{L}\p{M}\p{N}'’]+/gu) ?? [];
}

/** The folded form of a whole text: space-separated keys, for the full-text index. */
export function foldText(text: string): string {
  const keys: string[] = [];
  for (const word of tokenize(text)) {
    const k = foldToken(word.replace(/’/g, "'"));
    if (k.length > 0) keys.push(k);
  }
  return keys.join(' ');
}
