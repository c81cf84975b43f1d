/**
 * The sync bench's records: a deterministic mix of every domain kind, sized like the sample
 * archive (samples/kazakhstan-2022-01): testimonies of a few hundred bytes to a few kB in
 * French, Russian and Kazakh citing a source, events, people of concern and their status,
 * claims, assessments, translations, media descriptors. Record i is a pure function of i (only
 * signatures differ between runs), and references point at earlier records by their real id,
 * so the ids can be computed without signing (see sign-worker.ts).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { EventTemplate } from '../../src/core/event.ts';
import { Kind } from '../../src/core/kinds.ts';
import { buildRecord, type Ref } from '../../src/core/records.ts';
import { rng } from '../corpus.ts';

export const AUTHORS = 48;
/** 1 January 2022, 00:00 UTC; records are about 17 s apart, so 100,000 span about 20 days. */
const T0 = 1_640_995_200;

/**
 * One block of 100 records: the kind of record i is BLOCK[i % 100]. Proportions follow the
 * sample archive; each kind that must reference another (a status its person, an assessment
 * its claim) comes after it in the block.
 */
const MIX: [number, number][] = [
  [Kind.SourceDocument, 1],
  [Kind.PersonOfConcern, 8],
  [Kind.Testimony, 35],
  [Kind.Event, 14],
  [Kind.Claim, 10],
  [Kind.PersonStatus, 12],
  [Kind.Assessment, 10],
  [Kind.Translation, 8],
  [Kind.MediaDescriptor, 2],
];
const BLOCK: number[] = MIX.flatMap(([kind, n]) => Array.from({ length: n }, () => kind));

export function kindAt(i: number): number {
  return BLOCK[i % BLOCK.length]!;
}

export function isMediaIndex(i: number): boolean {
  return kindAt(i) === Kind.MediaDescriptor;
}

/** The nearest record at or below `i - 1` of the given kind (in this block or the one before). */
function previous(i: number, kind: number): number {
  for (let j = i - 1; j >= 0; j--) if (kindAt(j) === kind) return j;
  throw new Error(`no ${kind} record before ${i}`);
}

type Lang = 'fr' | 'ru' | 'kk';
const LANGS: Lang[] = ['fr', 'ru', 'kk'];

/** Sentences a witness might write, in each language: text that compresses like real text. */
const SENTENCES: Record<Lang, string[]> = {
  fr: [
    'Les ouvriers du pétrole de Janaozen ont commencé la grève le 2 janvier contre le doublement du prix du gaz.',
    'Le soir, la foule s’est rassemblée devant l’akimat et la police a d’abord reculé.',
    'Vers minuit nous avons entendu des tirs près de la place de la République.',
    'Internet a été coupé dans toute la ville, seuls les appels vocaux passaient encore par moments.',
    'Mon voisin est sorti chercher du pain et il n’est pas rentré ; sa famille le cherche depuis.',
    'Des blindés sont passés dans l’avenue Abaï le matin du 6 janvier.',
    'Les gens disaient que des provocateurs avaient été amenés en bus, mais personne ne savait qui ils étaient.',
    'Un journaliste local a été arrêté chez lui, ses collègues n’ont aucune nouvelle.',
    'À l’hôpital, les médecins ont compté les blessés toute la nuit sans électricité.',
    'Le gouvernement parlait de terroristes et de vingt mille bandits, nous avons vu des habitants ordinaires.',
    'Les banques et les distributeurs étaient fermés, on ne pouvait plus acheter de nourriture.',
    'Le 10 janvier la connexion est revenue seulement jusqu’à 13 heures, puis de 17 heures à 19 h 30.',
  ],
  ru: [
    'Нефтяники Жанаозена начали забастовку второго января против удвоения цены на газ.',
    'Вечером толпа собралась у акимата, и полиция сначала отступила.',
    'Около полуночи мы слышали выстрелы возле площади Республики.',
    'Интернет отключили во всём городе, только голосовые звонки иногда проходили.',
    'Сосед вышел за хлебом и не вернулся; семья ищет его до сих пор.',
    'Утром шестого января по проспекту Абая прошла бронетехника.',
    'Люди говорили, что провокаторов привезли на автобусах, но никто не знал, кто они.',
    'Местного журналиста задержали дома, у коллег нет никаких известий.',
    'В больнице врачи всю ночь считали раненых без электричества.',
    'Власти говорили о террористах и двадцати тысячах бандитов, а мы видели обычных жителей.',
    'Банки и банкоматы были закрыты, купить еду было невозможно.',
    'Десятого января связь вернулась только до 13 часов, потом с 17 до 19:30.',
  ],
  kk: [
    'Жаңаөзен мұнайшылары газ бағасының екі есе өсуіне қарсы екінші қаңтарда ереуіл бастады.',
    'Кешке жұрт әкімдік алдына жиналды, полиция алдымен шегінді.',
    'Түн ортасында Республика алаңының маңында атыс естідік.',
    'Бүкіл қалада интернет өшірілді, тек дауыстық қоңыраулар кейде өтті.',
    'Көршім нан алуға шығып, қайтып келмеді; отбасы оны әлі іздеуде.',
    'Алтыншы қаңтар күні таңертең Абай даңғылымен әскери техника өтті.',
    'Арандатушыларды автобуспен әкелді деген сөз болды, бірақ олардың кім екенін ешкім білмеді.',
    'Жергілікті журналист үйінде ұсталды, әріптестері одан хабар ала алмай отыр.',
    'Ауруханада дәрігерлер түні бойы жарықсыз жаралыларды санады.',
    'Билік террористер мен жиырма мың қарақшы туралы айтты, біз қарапайым тұрғындарды көрдік.',
    'Банктер мен банкоматтар жабық болды, азық-түлік сатып алу мүмкін болмады.',
    'Оныншы қаңтарда байланыс тек сағат 13-ке дейін, кейін 17-ден 19:30-ға дейін болды.',
  ],
};

const PLACES = [
  { name: 'Almaty', names: { ru: 'Алматы', kk: 'Алматы', en: 'Almaty' }, lat: 43.24, lon: 76.95 },
  { name: 'Zhanaozen', names: { ru: 'Жанаозен', kk: 'Жаңаөзен', fr: 'Janaozen' }, lat: 43.34, lon: 52.86 },
  { name: 'Aktau', names: { ru: 'Актау', kk: 'Ақтау', fr: 'Aktaou' }, lat: 43.65, lon: 51.16 },
  { name: 'Taldykorgan', names: { ru: 'Талдыкорган', kk: 'Талдықорған', fr: 'Taldykourgan' }, lat: 45.02, lon: 78.37 },
  { name: 'Shymkent', names: { ru: 'Шымкент', kk: 'Шымкент', fr: 'Chymkent' }, lat: 42.32, lon: 69.59 },
];

const NAMES = ['Makhambet Abjan', 'Aigerim K.', 'Daniyar S.', 'Ержан Т.', 'Гульнара М.', 'Нұрлан Б.', 'Asel O.', 'Timur Zh.'];
const CATEGORIES = ['strike', 'protest', 'clash', 'shooting', 'arrest', 'disappearance', 'shutdown', 'military'] as const;
const STATUSES = ['detained', 'missing', 'injured', 'killed', 'released', 'found'] as const;
const VERDICTS = ['verifies', 'supports', 'contradicts', 'duplicates'] as const;

/** Hex sha256 of a string: stands in for the hash of a document or photo the record describes. */
export function fakeHash(label: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(label)));
}

/** `min` to `max` UTF-8 bytes of sentences in `lang`. */
function prose(r: () => number, lang: Lang, minBytes: number, maxBytes: number): string {
  const target = minBytes + Math.floor(r() * (maxBytes - minBytes));
  const parts: string[] = [];
  let bytes = 0;
  while (bytes < target) {
    const s = SENTENCES[lang][Math.floor(r() * SENTENCES[lang].length)]!;
    // A number or a name in most sentences, as real accounts have: text that is not a loop.
    const detail = r() < 0.5 ? ` (${NAMES[Math.floor(r() * NAMES.length)]}, ${1 + Math.floor(r() * 400)})` : '';
    parts.push(s + detail);
    bytes += Buffer.byteLength(s + detail) + 1;
  }
  return parts.join(' ');
}

export interface Planned {
  author: number;
  template: EventTemplate;
}

/** Record i as an unsigned template; `idOf(j)` gives the id of an earlier record j. */
export function plan(i: number, idOf: (j: number) => string): Planned {
  const r = rng(i * 7919 + 104_729);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const lang = pick(LANGS);
  const createdAt = T0 + i * 17 + Math.floor(r() * 17);
  const day = `2022-01-${String(2 + Math.floor(r() * 12)).padStart(2, '0')}`;
  const when = { from: day, precision: 'day' as const };
  const place = pick(PLACES);
  const where = { ...place, country: 'KZ' };
  const author = i % AUTHORS;
  const kind = kindAt(i);
  const cite = (j: number, len: number) => ({ source: idOf(j), quote: prose(r, lang, len, len * 2), at: [1000 + j, 1000 + j + len] as [number, number] });
  const source = previous(i + 1, Kind.SourceDocument);
  const build = (content: unknown, refs: Ref[] = []): Planned => ({ author, template: buildRecord(kind, content, refs, createdAt) });
  switch (kind) {
    case Kind.SourceDocument: {
      const hash = fakeHash(`source-${i}`);
      return build({ lang, title: prose(r, lang, 40, 120).slice(0, 200), publisher: pick(NAMES), sha256: hash, size: 20_000 + Math.floor(r() * 80_000), mime: 'text/plain; charset=utf-8', description: prose(r, lang, 200, 500) });
    }
    case Kind.PersonOfConcern:
      return build({ lang, name: pick(NAMES), aliases: [pick(NAMES)], description: prose(r, lang, 100, 400), role: pick(['journaliste', 'активист', 'мұнайшы']), sources: [cite(source, 60)] });
    case Kind.Testimony: {
      const firsthand = r() < 0.7;
      return build({ lang, text: prose(r, lang, 250, 2000), witness: { description: prose(r, lang, 30, 80).slice(0, 200), firsthand }, when, where, sources: [cite(source, 80)] });
    }
    case Kind.Event:
      return build({ lang, title: prose(r, lang, 40, 100).slice(0, 200), summary: prose(r, lang, 200, 900), when, where, categories: [pick(CATEGORIES)], sources: [cite(source, 80)] });
    case Kind.Claim:
      return build({ lang, statement: prose(r, lang, 80, 300), claimant: { name: pick(NAMES), role: 'official' }, said: when, figure: { value: 100 + Math.floor(r() * 20_000), unit: pick(['killed', 'detained', 'injured'] as const), qualifier: 'about' }, sources: [cite(source, 60)] });
    case Kind.PersonStatus:
      return build({ lang, status: pick(STATUSES), when, where, note: prose(r, lang, 80, 500), sources: [cite(source, 60)] }, [{ id: idOf(previous(i, Kind.PersonOfConcern)), role: 'person' }]);
    case Kind.Assessment:
      return build({ lang, verdict: pick(VERDICTS), note: prose(r, lang, 100, 500) }, [
        { id: idOf(previous(i, Kind.Claim)), role: 'target' },
        { id: idOf(previous(i, Kind.Testimony)), role: 'evidence' },
      ]);
    case Kind.Translation: {
      const into = pick(['en', ...LANGS.filter((l) => l !== lang)]);
      return build({ lang: into, from: lang, fields: { text: prose(r, lang, 200, 1500) }, machine: r() < 0.3, translator: 'Keruen bench translator' }, [{ id: idOf(previous(i, Kind.Testimony)), role: 'translates' }]);
    }
    case Kind.MediaDescriptor: {
      const tags = [
        ['x', bytesToHex(sha256(mediaBlob(i)))],
        ['m', 'image/jpeg'],
        ['size', String(mediaBlobSize(i))],
        ['alt', 'Photo'],
        ['redaction', 'exif-gps-removed'],
        ['e', idOf(previous(i, Kind.Testimony)), '', 'testimony'],
      ];
      return { author, template: { kind, created_at: createdAt, tags, content: prose(r, lang, 40, 200) } };
    }
    default:
      throw new Error(`no plan for kind ${kind}`);
  }
}

/** The size of the photo media descriptor i describes: a few tens of kB. */
export function mediaBlobSize(i: number): number {
  return 20_000 + ((i * 7_919) % 30_000);
}

/** The photo itself: deterministic noise, as incompressible as a JPEG. */
export function mediaBlob(i: number): Uint8Array {
  const r = rng(i * 31 + 7);
  const bytes = new Uint8Array(mediaBlobSize(i));
  for (let k = 0; k < bytes.length; k += 4) {
    const v = Math.floor(r() * 4294967296);
    bytes[k] = v & 255;
    bytes[k + 1] = (v >>> 8) & 255;
    bytes[k + 2] = (v >>> 16) & 255;
    bytes[k + 3] = v >>> 24;
  }
  return bytes;
}

/** Fixed keys, so the corpus has the same authors and ids every run. */
export function authorKey(author: number): Uint8Array {
  return sha256(new TextEncoder().encode(`keruen-sync-bench-author-${author}`));
}
