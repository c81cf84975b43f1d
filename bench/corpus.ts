/**
 * A deterministic multilingual corpus for the bench: testimonies and persons of concern in
 * French, Russian, Kazakh and English, with the names that the search must match across
 * scripts (Zhanaozen / Жанаозен / Janaozen, Tokayev / Токаев / Tokaïev). Same seed, same
 * records: only the signatures differ between runs (BIP-340 uses fresh auxiliary randomness).
 */
import type { EventTemplate } from '../src/core/event.ts';

/** mulberry32: tiny and good enough for picking words. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS: Record<string, string[]> = {
  fr: 'les ouvriers du pétrole ont commencé une grève contre le prix du gaz la police a tiré sur la foule devant la mairie les manifestants réclamaient la démission du gouvernement internet était coupé pendant quatre jours nous avons vu des blindés dans la rue des journalistes ont été arrêtés la nuit la famille cherche son fils disparu depuis le cinq janvier'.split(' '),
  ru: 'нефтяники начали забастовку против цены на газ полиция стреляла в толпу у здания акимата протестующие требовали отставки правительства интернет отключили на четыре дня мы видели бронетехнику на улицах журналистов задержали ночью семья ищет сына пропавшего с пятого января'.split(' '),
  kk: 'мұнайшылар газ бағасына қарсы ереуіл бастады полиция әкімдік алдында жиналғандарға оқ атты наразылар үкіметтің отставкасын талап етті интернет төрт күн бойы өшірілді біз көшеде әскери техниканы көрдік журналистер түнде ұсталды отбасы бесінші қаңтардан бері жоғалған ұлын іздеуде'.split(' '),
  en: 'oil workers started a strike against the gas price police fired into the crowd outside the akimat protesters demanded the government resign the internet was cut for four days we saw armoured vehicles in the streets journalists were detained at night the family is looking for their son missing since the fifth of january'.split(' '),
};

const NAMES: Record<string, string[]> = {
  fr: ['Janaozen', 'Tokaïev', 'Almaty', 'Aktaou', 'Nazarbaïev', 'Taldykourgan'],
  ru: ['Жанаозен', 'Токаев', 'Алматы', 'Актау', 'Назарбаев', 'Талдыкорган'],
  kk: ['Жаңаөзен', 'Тоқаев', 'Алматы', 'Ақтау', 'Назарбаев', 'Талдықорған'],
  en: ['Zhanaozen', 'Tokayev', 'Almaty', 'Aktau', 'Nazarbayev', 'Taldykorgan'],
};

/** Rare words, so that some queries hit a handful of records, not thousands. */
const RARE = Array.from({ length: 2000 }, (_, i) => `witness${i.toString(36)}`);

const LANGS = ['fr', 'ru', 'kk', 'en'] as const;

export const AUTHORS = 64;

export function template(i: number): { author: number; template: EventTemplate } {
  const r = rng(i * 7919 + 17);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const lang = pick(LANGS);
  const words: string[] = [];
  const n = 15 + Math.floor(r() * 30);
  for (let w = 0; w < n; w++) words.push(r() < 0.12 ? pick(NAMES[lang]!) : pick(WORDS[lang]!));
  words.push(pick(RARE));
  const createdAt = 1_641_000_000 + i * 7;
  if (i % 10 === 9) {
    const content = { lang, name: `${pick(NAMES[lang]!)} ${pick(WORDS[lang]!)}`, description: words.join(' ') };
    return { author: i % AUTHORS, template: { kind: 4863, created_at: createdAt, tags: [['alt', 'Keruen person']], content: JSON.stringify(content) } };
  }
  const content = { lang, text: words.join(' '), witness: { description: `${pick(WORDS[lang]!)} ${pick(NAMES[lang]!)}`, firsthand: r() < 0.6 } };
  return { author: i % AUTHORS, template: { kind: 4861, created_at: createdAt, tags: [['alt', 'Keruen testimony']], content: JSON.stringify(content) } };
}

/** Queries in every script, from the rare (a name in one spelling) to the common. */
export const QUERIES = [
  'Жанаозен', 'Zhanaozen', 'Janaozen', 'Токаев', 'Tokayev', 'Tokaïev', 'Тоқаев', 'Алматы', 'Almaty',
  'Актау', 'Aktau', 'Назарбаев', 'Nazarbayev', 'забастовку', 'grève', 'ереуіл', 'strike police', 'интернет',
  'Жанао', 'Tok', 'Жанаозен полиция', 'Zhanaozen strike', 'witness1a', 'witness2b', 'journalistes arrêtés',
  'журналистов задержали', 'Taldykorgan', 'Талдыкорган', 'gas price', 'a',
];
