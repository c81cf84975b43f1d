/**
 * UI language: four dictionaries with the same keys, the reader's choice remembered on the
 * device, dates and numbers in the reader's locale (Intl).
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { en as shellEn, type MessageKey as ShellKey, type Message } from './en.ts';
import { fr } from './fr.ts';
import { ru } from './ru.ts';
import { kk } from './kk.ts';
import { reviewEn } from './review/en.ts';
import { reviewFr } from './review/fr.ts';
import { reviewRu } from './review/ru.ts';
import { reviewKk } from './review/kk.ts';

export type Locale = 'en' | 'fr' | 'ru' | 'kk';
export const LOCALES: readonly Locale[] = ['fr', 'ru', 'kk', 'en'];
export type MessageKey = ShellKey | keyof typeof reviewEn;
const en: Record<MessageKey, Message> = { ...shellEn, ...reviewEn };
export const DICTIONARIES: Record<Locale, Record<MessageKey, Message>> = { en, fr: { ...fr, ...reviewFr }, ru: { ...ru, ...reviewRu }, kk: { ...kk, ...reviewKk } };

const STORAGE_KEY = 'keruen.locale';

export function initialLocale(): Locale {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved !== null && (LOCALES as readonly string[]).includes(saved)) return saved as Locale;
  } catch {
    // storage may be unavailable (private mode): fall through
  }
  const nav = (navigator.languages ?? [navigator.language]).map((l) => l.slice(0, 2));
  return (nav.find((l) => (LOCALES as readonly string[]).includes(l)) as Locale | undefined) ?? 'en';
}

export function rememberLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // not remembered; still applied for this visit
  }
}

export type Vars = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, vars: Vars = {}): string {
  const message: Message = DICTIONARIES[locale][key] ?? en[key];
  let text: string;
  if (typeof message === 'string') text = message;
  else {
    const count = typeof vars.count === 'number' ? vars.count : 0;
    const form = new Intl.PluralRules(locale).select(count);
    text = message[form] ?? message.other ?? '';
  }
  return text.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = vars[name];
    return v === undefined ? `{${name}}` : typeof v === 'number' ? new Intl.NumberFormat(locale).format(v) : v;
  });
}

export interface I18n {
  locale: Locale;
  t(key: MessageKey, vars?: Vars): string;
  setLocale(locale: Locale): void;
  formatNumber(n: number): string;
  formatDate(d: Date, opts?: Intl.DateTimeFormatOptions): string;
}

export function makeI18n(locale: Locale, setLocale: (l: Locale) => void): I18n {
  return {
    locale,
    t: (key, vars) => translate(locale, key, vars),
    setLocale,
    formatNumber: (n) => new Intl.NumberFormat(locale).format(n),
    formatDate: (d, opts = { dateStyle: 'long' }) => new Intl.DateTimeFormat(locale, opts).format(d),
  };
}

export const I18nContext = createContext<I18n>(makeI18n('en', () => undefined));

export function useI18n(): I18n {
  return useContext(I18nContext);
}
