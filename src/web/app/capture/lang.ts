/**
 * Language of a testimony, guessed as the witness types (franc-min: trigram statistics, no
 * network, knows Kazakh apart from Russian) and always correctable by hand: a wrong guess
 * only pre-selects a value.
 */
import { franc } from 'franc-min';

/** Languages offered in the select, most likely first for this archive; ISO 639-1 as the records use. */
export const TEXT_LANGS = ['kk', 'ru', 'fr', 'en', 'uk', 'uz', 'de', 'es', 'tr', 'ar'] as const;
export type TextLang = (typeof TEXT_LANGS)[number];

/** franc speaks ISO 639-3 (and "uzn" for Northern Uzbek, "arb" for Standard Arabic). */
const FROM_639_3: Record<string, TextLang> = {
  kaz: 'kk',
  rus: 'ru',
  fra: 'fr',
  eng: 'en',
  ukr: 'uk',
  uzn: 'uz',
  deu: 'de',
  spa: 'es',
  tur: 'tr',
  arb: 'ar',
};
const ONLY = Object.keys(FROM_639_3);

/**
 * The likely language, or undefined while the text is too short to tell: below ~20 letters
 * trigram statistics are noise, and a select jumping about as one types helps nobody.
 */
export function detectLang(text: string): TextLang | undefined {
  if (text.replace(/[^\p{L}]/gu, '').length < 20) return undefined;
  // The opening is enough to tell, and keeps each keystroke cheap in a 20,000-character text.
  const head = text.slice(0, 2000);
  // Restricting to the offered languages keeps short Russian from being read as Bulgarian.
  return FROM_639_3[franc(head, { only: ONLY, minLength: 10 })];
}

/** Endonyms: a language is named in itself, so a witness finds theirs whatever the UI language. */
export const LANG_NAMES: Record<TextLang, string> = {
  kk: 'Қазақша',
  ru: 'Русский',
  fr: 'Français',
  en: 'English',
  uk: 'Українська',
  uz: 'Oʻzbekcha',
  de: 'Deutsch',
  es: 'Español',
  tr: 'Türkçe',
  ar: 'العربية',
};
