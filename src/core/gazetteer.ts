/**
 * Places a witness may name, with their names in Latin, Cyrillic and Kazakh, so a place can be
 * picked by typing it in any script ("Жанаозен", "Janaozen", "Zhanaozen") and shown on the
 * offline map. Coordinates to about 0.01°. Hand-made for the sample archive's country; a
 * node can grow it (later: from GeoNames extracts shipped as data).
 */
import { foldText } from './fold.ts';
import type { Place } from './records/common.ts';

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

export const GAZETTEER: readonly GazetteerPlace[] = [
  { id: 'kz', kind: 'country', country: 'KZ', lat: 48.0, lon: 67.0, names: { en: 'Kazakhstan', fr: 'Kazakhstan', ru: 'Казахстан', kk: 'Қазақстан' } },
  { id: 'kz-almaty', kind: 'city', country: 'KZ', lat: 43.24, lon: 76.95, names: { en: 'Almaty', fr: 'Almaty', ru: 'Алматы', kk: 'Алматы' }, aliases: ['Alma-Ata', 'Алма-Ата'] },
  { id: 'kz-almaty-republic-square', kind: 'landmark', country: 'KZ', lat: 43.238, lon: 76.945, in: 'kz-almaty', names: { en: 'Republic Square', fr: 'place de la République', ru: 'площадь Республики', kk: 'Республика алаңы' } },
  { id: 'kz-almaty-akimat', kind: 'landmark', country: 'KZ', lat: 43.238, lon: 76.946, in: 'kz-almaty', names: { en: 'Almaty city hall (akimat)', fr: 'Akimat d’Almaty (mairie)', ru: 'акимат Алматы', kk: 'Алматы әкімдігі' }, aliases: ['akimat'] },
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
];

function allNames(p: GazetteerPlace): string[] {
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
  return { name, names, country: p.country, lat: p.lat, lon: p.lon };
}
