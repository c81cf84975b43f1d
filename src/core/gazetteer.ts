/**
 * Places a witness may name, with their names in Latin, Cyrillic and Kazakh, so a place can be
 * picked by typing it in any script ("Жанаозен", "Janaozen", "Zhanaozen") and shown on the
 * offline map, and found in imported articles. Two parts, one gazetteer: hand-made entries
 * (landmarks, regions, countries, the French and Kazakh forms sources use; coordinates to
 * about 0.01°, regions and countries at a rough centre) and every Kazakh place of GeoNames
 * cities500 with the neighbours' large cities (gazetteer-geonames.json, made by
 * `npm run gazetteer`). Where both name the same place, the hand-made entry wins and takes
 * GeoNames' population and other spellings.
 */
import { foldText } from './fold.ts';
import type { Place } from './records/common.ts';
import countries from './gazetteer-countries.json' with { type: 'json' };
import geonames from './gazetteer-geonames.json' with { type: 'json' };

export interface GazetteerPlace {
  /** Stable identifier ("kz-almaty"). */
  id: string;
  kind: 'city' | 'town' | 'landmark' | 'region' | 'country';
  country: string;
  lat: number;
  lon: number;
  /** Names by language; `en` always present. Other spellings seen in sources go in `aliases`. */
  names: { en: string } & Partial<Record<'fr' | 'ru' | 'kk' | 'de', string>>;
  aliases?: string[];
  /** The place this one is in (a landmark's city). */
  in?: string;
  /** Inhabitants (GeoNames), to prefer large places among namesakes. */
  population?: number;
}

const HAND_MADE: readonly GazetteerPlace[] = [
  { id: 'kz', kind: 'country', country: 'KZ', lat: 48.0, lon: 67.0, names: { en: 'Kazakhstan', fr: 'Kazakhstan', ru: 'Казахстан', kk: 'Қазақстан' } },
  { id: 'kz-almaty', kind: 'city', country: 'KZ', lat: 43.24, lon: 76.95, names: { en: 'Almaty', fr: 'Almaty', ru: 'Алматы', kk: 'Алматы' }, aliases: ['Alma-Ata', 'Алма-Ата'] },
  { id: 'kz-almaty-republic-square', kind: 'landmark', country: 'KZ', lat: 43.238, lon: 76.945, in: 'kz-almaty', names: { en: 'Republic Square', fr: 'place de la République', ru: 'площадь Республики', kk: 'Республика алаңы' } },
  { id: 'kz-almaty-akimat', kind: 'landmark', country: 'KZ', lat: 43.238, lon: 76.946, in: 'kz-almaty', names: { en: 'Almaty city hall (akimat)', fr: 'Akimat d’Almaty (mairie)', ru: 'акимат Алматы', kk: 'Алматы әкімдігі' }, aliases: ['akimat'] },
  { id: 'kz-almaty-abai-avenue', kind: 'landmark', country: 'KZ', lat: 43.24, lon: 76.92, in: 'kz-almaty', names: { en: 'Abai Avenue', fr: 'avenue Abaï', ru: 'проспект Абая', kk: 'Абай даңғылы' }, aliases: ['rue Abai', 'avenue Abai', 'Abay Avenue', 'Abai Street'] },
  { id: 'kz-almaty-airport', kind: 'landmark', country: 'KZ', lat: 43.35, lon: 77.04, in: 'kz-almaty', names: { en: 'Almaty airport', fr: 'aéroport d’Almaty', ru: 'аэропорт Алматы', kk: 'Алматы әуежайы' } },
  { id: 'kz-zhanaozen', kind: 'town', country: 'KZ', lat: 43.34, lon: 52.86, names: { en: 'Zhanaozen', fr: 'Janaozen', ru: 'Жанаозен', kk: 'Жаңаөзен' }, aliases: ['Zhanaozen', 'Janaozen', 'Zhangaozen', 'Novy Uzen'] },
  { id: 'kz-aktau', kind: 'city', country: 'KZ', lat: 43.65, lon: 51.16, names: { en: 'Aktau', fr: 'Aktaou', ru: 'Актау', kk: 'Ақтау' } },
  { id: 'kz-atyrau', kind: 'city', country: 'KZ', lat: 47.09, lon: 51.92, names: { en: 'Atyrau', ru: 'Атырау', kk: 'Атырау' } },
  { id: 'kz-aktobe', kind: 'city', country: 'KZ', lat: 50.28, lon: 57.17, names: { en: 'Aktobe', fr: 'Aktioubinsk', ru: 'Актобе', kk: 'Ақтөбе' }, aliases: ['Aktyubinsk', 'Актюбинск'] },
  { id: 'kz-uralsk', kind: 'city', country: 'KZ', lat: 51.23, lon: 51.37, names: { en: 'Oral', fr: 'Ouralsk', ru: 'Уральск', kk: 'Орал' }, aliases: ['Uralsk'] },
  { id: 'kz-kostanay', kind: 'city', country: 'KZ', lat: 53.21, lon: 63.63, names: { en: 'Kostanay', fr: 'Kostanaï', ru: 'Костанай', kk: 'Қостанай' }, aliases: ['Kostanai'] },
  { id: 'kz-astana', kind: 'city', country: 'KZ', lat: 51.17, lon: 71.45, names: { en: 'Astana', fr: 'Astana', ru: 'Астана', kk: 'Астана' }, aliases: ['Nur-Sultan', 'Нур-Султан', 'Нұр-Сұлтан', 'Akmola', 'Tselinograd'] },
  { id: 'kz-astana-akorda', kind: 'landmark', country: 'KZ', lat: 51.13, lon: 71.45, in: 'kz-astana', names: { en: 'Akorda presidential palace', fr: 'palais présidentiel Akorda', ru: 'Акорда', kk: 'Ақорда' }, aliases: ['Aqorda'] },
  { id: 'kz-shymkent', kind: 'city', country: 'KZ', lat: 42.32, lon: 69.6, names: { en: 'Shymkent', fr: 'Chymkent', ru: 'Шымкент', kk: 'Шымкент' } },
  { id: 'kz-taraz', kind: 'city', country: 'KZ', lat: 42.9, lon: 71.37, names: { en: 'Taraz', ru: 'Тараз', kk: 'Тараз' } },
  { id: 'kz-karaganda', kind: 'city', country: 'KZ', lat: 49.81, lon: 73.09, names: { en: 'Karaganda', fr: 'Karaganda', ru: 'Караганда', kk: 'Қарағанды' }, aliases: ['Qaraghandy'] },
  { id: 'kz-kyzylorda', kind: 'city', country: 'KZ', lat: 44.85, lon: 65.51, names: { en: 'Kyzylorda', ru: 'Кызылорда', kk: 'Қызылорда' } },
  { id: 'kz-taldykorgan', kind: 'city', country: 'KZ', lat: 45.02, lon: 78.37, names: { en: 'Taldykorgan', ru: 'Талдыкорган', kk: 'Талдықорған' } },
  { id: 'kz-semey', kind: 'city', country: 'KZ', lat: 50.41, lon: 80.23, names: { en: 'Semey', ru: 'Семей', kk: 'Семей' }, aliases: ['Semipalatinsk', 'Семипалатинск'] },
  { id: 'kz-oskemen', kind: 'city', country: 'KZ', lat: 49.95, lon: 82.63, names: { en: 'Oskemen', ru: 'Усть-Каменогорск', kk: 'Өскемен' }, aliases: ['Ust-Kamenogorsk'] },
  { id: 'kz-pavlodar', kind: 'city', country: 'KZ', lat: 52.29, lon: 76.97, names: { en: 'Pavlodar', ru: 'Павлодар', kk: 'Павлодар' } },
  { id: 'kz-petropavl', kind: 'city', country: 'KZ', lat: 54.87, lon: 69.14, names: { en: 'Petropavl', ru: 'Петропавловск', kk: 'Петропавл' }, aliases: ['Petropavlovsk'] },
  { id: 'kz-kokshetau', kind: 'city', country: 'KZ', lat: 53.28, lon: 69.38, names: { en: 'Kokshetau', ru: 'Кокшетау', kk: 'Көкшетау' } },
  { id: 'kz-turkistan', kind: 'city', country: 'KZ', lat: 43.3, lon: 68.25, names: { en: 'Turkistan', ru: 'Туркестан', kk: 'Түркістан' } },
  { id: 'kz-zhezkazgan', kind: 'city', country: 'KZ', lat: 47.78, lon: 67.77, names: { en: 'Zhezkazgan', ru: 'Жезказган', kk: 'Жезқазған' } },
  // Regions (oblystar) named in reports of January 2022; a rough centre each.
  { id: 'kz-mangystau-region', kind: 'region', country: 'KZ', lat: 44.2, lon: 54.0, names: { en: 'Mangystau Region', fr: 'Manguistaou', ru: 'Мангистауская область', kk: 'Маңғыстау облысы' }, aliases: ['Mangystau', 'Mangistau', 'Mangghystau', 'Manguistaou', 'Manguichlak', 'Mangyshlak', 'Мангистау', 'Мангыстау', 'Маңғыстау', 'Мангышлак'] },
  { id: 'kz-almaty-region', kind: 'region', country: 'KZ', lat: 45.0, lon: 78.0, names: { en: 'Almaty Region', fr: 'oblys d’Almaty', ru: 'Алматинская область', kk: 'Алматы облысы' }, aliases: ['Almatinskaya oblast'] },
  { id: 'kz-atyrau-region', kind: 'region', country: 'KZ', lat: 47.0, lon: 52.5, names: { en: 'Atyrau Region', fr: 'oblys d’Atyraou', ru: 'Атырауская область', kk: 'Атырау облысы' } },
  { id: 'kz-aktobe-region', kind: 'region', country: 'KZ', lat: 48.5, lon: 58.5, names: { en: 'Aktobe Region', fr: 'oblys d’Aktioubinsk', ru: 'Актюбинская область', kk: 'Ақтөбе облысы' } },
  { id: 'kz-west-kazakhstan-region', kind: 'region', country: 'KZ', lat: 50.0, lon: 51.5, names: { en: 'West Kazakhstan Region', fr: 'Kazakhstan-Occidental', ru: 'Западно-Казахстанская область', kk: 'Батыс Қазақстан облысы' }, aliases: ['West Kazakhstan', 'Kazakhstan occidental', 'Западный Казахстан', 'Батыс Қазақстан'] },
  { id: 'kz-zhambyl-region', kind: 'region', country: 'KZ', lat: 44.0, lon: 72.0, names: { en: 'Zhambyl Region', fr: 'Djamboul', ru: 'Жамбылская область', kk: 'Жамбыл облысы' }, aliases: ['Zhambyl', 'Jambyl', 'Жамбыл'] },
  { id: 'kz-kyzylorda-region', kind: 'region', country: 'KZ', lat: 45.0, lon: 64.0, names: { en: 'Kyzylorda Region', fr: 'oblys de Kyzylorda', ru: 'Кызылординская область', kk: 'Қызылорда облысы' } },
  { id: 'kz-turkistan-region', kind: 'region', country: 'KZ', lat: 43.0, lon: 68.5, names: { en: 'Turkistan Region', fr: 'oblys du Turkestan', ru: 'Туркестанская область', kk: 'Түркістан облысы' } },
  { id: 'kz-karaganda-region', kind: 'region', country: 'KZ', lat: 48.0, lon: 72.0, names: { en: 'Karaganda Region', fr: 'oblys de Karaganda', ru: 'Карагандинская область', kk: 'Қарағанды облысы' } },
  { id: 'kz-east-kazakhstan-region', kind: 'region', country: 'KZ', lat: 48.7, lon: 82.6, names: { en: 'East Kazakhstan Region', fr: 'Kazakhstan-Oriental', ru: 'Восточно-Казахстанская область', kk: 'Шығыс Қазақстан облысы' }, aliases: ['East Kazakhstan', 'Kazakhstan oriental', 'Восточный Казахстан'] },
  // Countries a Kazakh story names: neighbours, the CSTO's members, and where reports come from.
  { id: 'ru', kind: 'country', country: 'RU', lat: 61.5, lon: 105.3, names: { en: 'Russia', fr: 'Russie', ru: 'Россия', kk: 'Ресей', de: 'Russland' }, aliases: ['Russian Federation', 'Fédération de Russie', 'Российская Федерация'] },
  { id: 'kg', kind: 'country', country: 'KG', lat: 41.2, lon: 74.77, names: { en: 'Kyrgyzstan', fr: 'Kirghizistan', ru: 'Киргизия', kk: 'Қырғызстан' }, aliases: ['Kirghizstan', 'Kirghizia', 'Kyrgyz Republic', 'Кыргызстан'] },
  { id: 'uz', kind: 'country', country: 'UZ', lat: 41.38, lon: 64.59, names: { en: 'Uzbekistan', fr: 'Ouzbékistan', ru: 'Узбекистан', kk: 'Өзбекстан' } },
  { id: 'by', kind: 'country', country: 'BY', lat: 53.71, lon: 27.95, names: { en: 'Belarus', fr: 'Biélorussie', ru: 'Беларусь', kk: 'Беларусь' }, aliases: ['Bélarus', 'Belorussia', 'Белоруссия'] },
  { id: 'am', kind: 'country', country: 'AM', lat: 40.07, lon: 45.04, names: { en: 'Armenia', fr: 'Arménie', ru: 'Армения', kk: 'Армения' } },
  { id: 'tj', kind: 'country', country: 'TJ', lat: 38.86, lon: 71.28, names: { en: 'Tajikistan', fr: 'Tadjikistan', ru: 'Таджикистан', kk: 'Тәжікстан' } },
  { id: 'tm', kind: 'country', country: 'TM', lat: 38.97, lon: 59.56, names: { en: 'Turkmenistan', fr: 'Turkménistan', ru: 'Туркменистан', kk: 'Түрікменстан' } },
  { id: 'cn', kind: 'country', country: 'CN', lat: 35.86, lon: 104.2, names: { en: 'China', fr: 'Chine', ru: 'Китай', kk: 'Қытай' } },
  { id: 'ua-kyiv', kind: 'city', country: 'UA', lat: 50.45, lon: 30.52, names: { en: 'Kyiv', fr: 'Kiev', ru: 'Киев', de: 'Kiew' }, aliases: ['Kiev', 'Kyiv', 'Київ'] },
  { id: 'ua', kind: 'country', country: 'UA', lat: 48.38, lon: 31.17, names: { en: 'Ukraine', fr: 'Ukraine', ru: 'Украина', kk: 'Украина' } },
  { id: 'az', kind: 'country', country: 'AZ', lat: 40.14, lon: 47.58, names: { en: 'Azerbaijan', fr: 'Azerbaïdjan', ru: 'Азербайджан', kk: 'Әзірбайжан' } },
  { id: 'ge', kind: 'country', country: 'GE', lat: 42.32, lon: 43.36, names: { en: 'Georgia', fr: 'Géorgie', ru: 'Грузия', kk: 'Грузия' } },
  { id: 'af', kind: 'country', country: 'AF', lat: 33.94, lon: 67.71, names: { en: 'Afghanistan', fr: 'Afghanistan', ru: 'Афганистан', kk: 'Ауғанстан' } },
  // Places of Russia's wars a Kazakh story compares with, and the state Kazakhstan left in 1991.
  { id: 'su', kind: 'country', country: 'RU', lat: 55.75, lon: 37.62, names: { en: 'Soviet Union', fr: 'Union soviétique', ru: 'Советский Союз', kk: 'Кеңес Одағы' }, aliases: ['USSR', 'URSS', 'СССР', 'Union des républiques socialistes soviétiques'] },
  { id: 'ru-chechnya', kind: 'region', country: 'RU', lat: 43.4, lon: 45.7, names: { en: 'Chechnya', fr: 'Tchétchénie', ru: 'Чечня', kk: 'Шешенстан' } },
  { id: 'ua-crimea', kind: 'region', country: 'UA', lat: 45.3, lon: 34.4, names: { en: 'Crimea', fr: 'Crimée', ru: 'Крым', kk: 'Қырым' } },
  { id: 'ua-donbas', kind: 'region', country: 'UA', lat: 48.0, lon: 38.5, names: { en: 'Donbas', fr: 'Donbass', ru: 'Донбасс', kk: 'Донбасс' } },
  { id: 'sy', kind: 'country', country: 'SY', lat: 34.8, lon: 39.0, names: { en: 'Syria', fr: 'Syrie', ru: 'Сирия', kk: 'Сирия' } },
  { id: 'us', kind: 'country', country: 'US', lat: 39.8, lon: -98.6, names: { en: 'United States', fr: 'États-Unis', ru: 'США', kk: 'АҚШ' }, aliases: ['USA', 'Etats-Unis', 'Соединённые Штаты'] },
  { id: 'fr', kind: 'country', country: 'FR', lat: 46.23, lon: 2.21, names: { en: 'France', fr: 'France', ru: 'Франция', kk: 'Франция' } },
  // Continents and the regions a story places Kazakhstan in; `country` is empty (no one country).
  { id: 'continent-europe', kind: 'region', country: '', lat: 50.0, lon: 15.0, names: { en: 'Europe', fr: 'Europe', ru: 'Европа', kk: 'Еуропа' } },
  { id: 'region-western-europe', kind: 'region', country: '', lat: 48.0, lon: 5.0, names: { en: 'Western Europe', fr: 'Europe de l’Ouest', ru: 'Западная Европа', kk: 'Батыс Еуропа' }, aliases: ['Europe occidentale'] },
  { id: 'region-eastern-europe', kind: 'region', country: '', lat: 52.0, lon: 28.0, names: { en: 'Eastern Europe', fr: 'Europe de l’Est', ru: 'Восточная Европа', kk: 'Шығыс Еуропа' }, aliases: ['Europe orientale'] },
  { id: 'continent-asia', kind: 'region', country: '', lat: 43.0, lon: 87.0, names: { en: 'Asia', fr: 'Asie', ru: 'Азия', kk: 'Азия' } },
  { id: 'continent-africa', kind: 'region', country: '', lat: 2.0, lon: 20.0, names: { en: 'Africa', fr: 'Afrique', ru: 'Африка', kk: 'Африка' } },
  { id: 'continent-north-america', kind: 'region', country: '', lat: 45.0, lon: -100.0, names: { en: 'North America', fr: 'Amérique du Nord', ru: 'Северная Америка', kk: 'Солтүстік Америка' } },
  { id: 'continent-south-america', kind: 'region', country: '', lat: -15.0, lon: -60.0, names: { en: 'South America', fr: 'Amérique du Sud', ru: 'Южная Америка', kk: 'Оңтүстік Америка' } },
  { id: 'continent-latin-america', kind: 'region', country: '', lat: 0.0, lon: -70.0, names: { en: 'Latin America', fr: 'Amérique latine', ru: 'Латинская Америка', kk: 'Латын Америкасы' } },
  { id: 'continent-oceania', kind: 'region', country: '', lat: -25.0, lon: 140.0, names: { en: 'Oceania', fr: 'Océanie', ru: 'Океания', kk: 'Мұхит аралдары' } },
  { id: 'region-central-asia', kind: 'region', country: '', lat: 43.0, lon: 65.0, names: { en: 'Central Asia', fr: 'Asie centrale', ru: 'Центральная Азия', kk: 'Орталық Азия' }, aliases: ['Средняя Азия'] },
  { id: 'region-middle-east', kind: 'region', country: '', lat: 29.0, lon: 42.0, names: { en: 'Middle East', fr: 'Moyen-Orient', ru: 'Ближний Восток', kk: 'Таяу Шығыс' } },
];

/** An entry of gazetteer-countries.json, as scripts/gazetteer.ts writes it. */
export interface CountryEntry {
  /** ISO 3166-1 alpha-2 code. */
  code: string;
  en: string;
  fr?: string;
  ru?: string;
  kk?: string;
  /** Other English names a reader meets ("Türkiye", "Czech Republic"). */
  aliases?: string[];
  lat: number;
  lon: number;
}

/** Every country, unless a hand-made entry already is it (its id is the lower-case ISO code). */
function countryEntries(hand: readonly GazetteerPlace[], list: readonly CountryEntry[]): GazetteerPlace[] {
  const handIds = new Set(hand.filter((p) => p.kind === 'country').map((p) => p.id));
  return list
    .filter((c) => !handIds.has(c.code.toLowerCase()))
    .map((c) => ({
      id: c.code.toLowerCase(),
      kind: 'country' as const,
      country: c.code,
      lat: c.lat,
      lon: c.lon,
      names: { en: c.en, ...(c.fr ? { fr: c.fr } : {}), ...(c.ru ? { ru: c.ru } : {}), ...(c.kk ? { kk: c.kk } : {}) },
      ...(c.aliases ? { aliases: c.aliases } : {}),
    }));
}

/** An entry of gazetteer-geonames.json, as scripts/gazetteer.ts writes it. */
export interface GeonamesEntry {
  /** "geonames:1526384". */
  id: string;
  /** GeoNames' main name (Latin). */
  name: string;
  /** A Russian (Cyrillic) name, and a Kazakh one when it differs. */
  ru?: string;
  kk?: string;
  /** Other Latin and Cyrillic names worth keeping (one per folded key). */
  alt?: string[];
  country: string;
  lat: number;
  lon: number;
  pop: number;
}

/** Hand-made entries this close (degrees, both ways) to a GeoNames place of the same name are that place. */
const SAME_PLACE_DEGREES = 0.3;

function mergeGazetteer(hand: readonly GazetteerPlace[], geo: readonly GeonamesEntry[]): GazetteerPlace[] {
  const merged = hand.map((p) => ({ ...p, ...(p.aliases ? { aliases: [...p.aliases] } : {}) }));
  const keysOf = (names: readonly (string | undefined)[]) => new Set(names.filter((n): n is string => !!n).map((n) => foldText(n)));
  const handKeys = merged.map((p) => keysOf(allNames(p)));
  const fromGeonames: GazetteerPlace[] = [];
  for (const g of geo) {
    const names = [g.name, g.ru, g.kk, ...(g.alt ?? [])];
    const keys = keysOf(names);
    const k = merged.findIndex(
      (p, i) => (p.kind === 'city' || p.kind === 'town') && p.country === g.country && Math.abs(p.lat - g.lat) < SAME_PLACE_DEGREES && Math.abs(p.lon - g.lon) < SAME_PLACE_DEGREES && [...keys].some((key) => handKeys[i]!.has(key)),
    );
    if (k >= 0) {
      // The hand-made entry wins: it keeps its names and coordinates, and gains GeoNames' other spellings.
      const p = merged[k]!;
      const known = handKeys[k]!;
      const extra = names.filter((n): n is string => !!n && !known.has(foldText(n)));
      for (const n of extra) known.add(foldText(n));
      merged[k] = { ...p, population: g.pop, ...(extra.length > 0 ? { aliases: [...(p.aliases ?? []), ...extra] } : {}) };
      continue;
    }
    fromGeonames.push({
      id: g.id,
      kind: g.pop >= 100_000 ? 'city' : 'town',
      country: g.country,
      lat: g.lat,
      lon: g.lon,
      names: { en: g.name, ...(g.ru ? { ru: g.ru } : {}), ...(g.kk ? { kk: g.kk } : {}) },
      ...(g.alt ? { aliases: g.alt } : {}),
      population: g.pop,
    });
  }
  // Larger places first among the GeoNames ones: the first match of a name is the likeliest.
  fromGeonames.sort((a, b) => (b.population ?? 0) - (a.population ?? 0) || a.id.localeCompare(b.id));
  return [...merged, ...fromGeonames];
}

const WORLD_COUNTRIES = countryEntries(HAND_MADE, countries as CountryEntry[]);
/**
 * Ids of the countries from gazetteer-countries.json (not the hand-made ones). Their names are
 * often given names too (Maurice, Salvador, Jordan), so findPeople does not take them as a sign
 * that a run of capitalised words is an organisation's name.
 */
export const WORLD_COUNTRY_IDS: ReadonlySet<string> = new Set(WORLD_COUNTRIES.map((p) => p.id));

export const GAZETTEER: readonly GazetteerPlace[] = mergeGazetteer([...HAND_MADE, ...WORLD_COUNTRIES], geonames as GeonamesEntry[]);

function allNames(p: Pick<GazetteerPlace, 'names' | 'aliases'>): string[] {
  return [...Object.values(p.names), ...(p.aliases ?? [])];
}

const folded = new Map(GAZETTEER.map((p) => [p.id, allNames(p).map((n) => foldText(n))]));

/** Places whose name, in any script, starts with the query's words (cross-script folding). */
export function searchPlaces(query: string, limit = 10): GazetteerPlace[] {
  const q = foldText(query);
  if (q === '') return [];
  const scored: [number, GazetteerPlace][] = [];
  for (const p of GAZETTEER) {
    const names = folded.get(p.id) ?? [];
    const exact = names.some((n) => n === q);
    const prefix = names.some((n) => n.startsWith(q) || n.split(' ').some((w) => w.startsWith(q)));
    if (exact || prefix) scored.push([exact ? 0 : 1, p]);
  }
  return scored.sort((a, b) => a[0] - b[0] || (a[1].kind === 'landmark' ? 1 : 0) - (b[1].kind === 'landmark' ? 1 : 0)).slice(0, limit).map(([, p]) => p);
}

/** Finds the gazetteer entry a record's place refers to, by name in any script. */
export function resolvePlace(place: Pick<Place, 'name' | 'names'>): GazetteerPlace | undefined {
  const candidates = [place.name, ...Object.values(place.names ?? {})].map((n) => foldText(n));
  return GAZETTEER.find((p) => (folded.get(p.id) ?? []).some((n) => candidates.includes(n)));
}

/** Coordinates of a record's place: its own if given, else the gazetteer's. */
export function placeCoordinates(place: Place): { lat: number; lon: number } | undefined {
  if (place.lat !== undefined && place.lon !== undefined) return { lat: place.lat, lon: place.lon };
  const g = resolvePlace(place);
  return g ? { lat: g.lat, lon: g.lon } : undefined;
}

/** A record `Place` for a gazetteer entry, named in the writer's language, with the others in `names`. */
export function toPlace(p: GazetteerPlace, lang: string): Place {
  const names: Record<string, string> = {};
  for (const [l, n] of Object.entries(p.names)) if (n !== undefined) names[l] = n;
  const name = (names[lang] ?? p.names.en) as string;
  return { name, names, ...(p.country !== '' ? { country: p.country } : {}), lat: p.lat, lon: p.lon };
}
