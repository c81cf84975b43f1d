/**
 * English UI strings: the source of keys. Every other language must have every key
 * (the type checker enforces it: see ./index.ts). `{name}` is replaced by a value;
 * an object of plural forms is chosen with Intl.PluralRules from `{count}`.
 */
import { exploreEn } from './explore/en.ts';
import { captureEn } from './capture/en.ts';
import { verifyEn } from './verify/en.ts';

const shellEn = {
  'app.name': 'Keruen',
  'app.tagline': 'Testimony kept alive through the shutdown',
  'nav.timeline': 'Timeline',
  'nav.map': 'Map',
  'nav.people': 'People of concern',
  'nav.claims': 'Claims',
  'nav.search': 'Search',
  'nav.capture': 'Write a testimony',
  'nav.skip': 'Skip to content',
  'lang.label': 'Language',
  'lang.en': 'English',
  'lang.fr': 'Français',
  'lang.ru': 'Русский',
  'lang.kk': 'Қазақша',
  'state.loading': 'Loading the archive…',
  'state.offline': 'The node cannot be reached. What you write is kept on this device.',
  'state.error': 'Something went wrong: {message}',
  'state.empty': 'Nothing here yet.',
  'pair.title': "Pair this device",
  'pair.explain': "This node is open to the local network. Only paired devices may read or write: enter the code shown on the node’s screen.",
  'pair.code': "Pairing code",
  'pair.device': "Name of this device (optional)",
  'pair.submit': "Pair",
  'pair.wrong': "Wrong or expired code. Look at the node’s screen for the current one.",
  'pair.tooMany': "Too many tries. Wait a minute, then try again.",
  'archive.records': { one: '{count} record', other: '{count} records' },
} as const;

export const en = { ...shellEn, ...exploreEn, ...captureEn, ...verifyEn } as const;

export type MessageKey = keyof typeof en;
export type Message = string | Partial<Record<Intl.LDMLPluralRule, string>>;
