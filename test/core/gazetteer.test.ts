import { test } from 'node:test';
import assert from 'node:assert/strict';
import { searchPlaces, resolvePlace, placeCoordinates, toPlace, GAZETTEER } from '../../src/core/gazetteer.ts';
import { placeSchema } from '../../src/core/records/common.ts';
import fc from 'fast-check';
import { extractGeonames } from '../../scripts/gazetteer.ts';
import { KeruenError } from '../../src/core/errors.ts';

test('a place is found by typing it in any script', () => {
  for (const q of ['Жанаозен', 'Janaozen', 'Zhanaozen', 'Жаңаөзен', 'zhana']) assert.equal(searchPlaces(q)[0]?.id, 'kz-zhanaozen', q);
  assert.equal(searchPlaces('Орал')[0]?.id, 'kz-uralsk');
  assert.equal(searchPlaces('Nur-Sultan')[0]?.id, 'kz-astana');
  assert.deepEqual(searchPlaces(''), []);
});

test('record places resolve to coordinates through the gazetteer', () => {
  assert.equal(resolvePlace({ name: 'Ouralsk' })?.id, 'kz-uralsk');
  assert.deepEqual(placeCoordinates({ name: 'Алматы' }), { lat: 43.24, lon: 76.95 });
  assert.deepEqual(placeCoordinates({ name: 'Somewhere', lat: 1, lon: 2 }), { lat: 1, lon: 2 });
  assert.equal(placeCoordinates({ name: 'Nowhere at all' }), undefined);
});

test('every gazetteer entry makes a valid record place, named in the writer’s language', () => {
  for (const p of GAZETTEER) placeSchema.parse(toPlace(p, 'ru'));
  assert.equal(toPlace(GAZETTEER.find((p) => p.id === 'kz-zhanaozen')!, 'kk').name, 'Жаңаөзен');
});

/** ICU of the Node that wrote src/core/gazetteer-countries.json (`node -p process.versions.icu`). */
const COUNTRIES_ICU = '78.2';

test('the GeoNames part regenerates from the package exactly as committed', async () => {
  const { readFileSync } = await import('node:fs');
  const { extractGeonames, extractCountries, geonamesJson, citiesFile, OUTPUT, COUNTRIES_OUTPUT } = await import('../../scripts/gazetteer.ts');
  const tsv = readFileSync(citiesFile(), 'utf8');
  const places = extractGeonames(tsv);
  assert.equal(geonamesJson(places), readFileSync(OUTPUT, 'utf8'), 'run `npm run gazetteer` and commit the result');
  // Country names come from the runtime's CLDR data: exact only on the ICU the file was made with.
  const countries = JSON.parse(readFileSync(COUNTRIES_OUTPUT, 'utf8')) as { code: string; en: string; ru?: string }[];
  if (process.versions.icu === COUNTRIES_ICU) assert.equal(geonamesJson(extractCountries(tsv)), readFileSync(COUNTRIES_OUTPUT, 'utf8'), 'run `npm run gazetteer` and commit the result');
  else assert.deepEqual(new Set(extractCountries(tsv).map((c) => c.code)), new Set(countries.map((c) => c.code)), 'the same countries');
  assert.ok(countries.some((c) => c.code === 'TR' && c.ru === 'Турция'));
  // Every Kazakh place, the neighbours' capitals and large cities, and elsewhere only capitals.
  assert.ok(places.filter((p) => p.country === 'KZ').length > 250);
  for (const capital of ['Moscow', 'Bishkek', 'Tashkent', 'Minsk', 'Yerevan', 'Dushanbe', 'London', 'Vienna', 'Prague', 'Paris', 'Ankara', 'Cairo']) assert.ok(places.some((p) => p.name === capital), capital);
  const neighbours = ['KZ', 'RU', 'KG', 'UZ', 'BY', 'AM', 'TJ'];
  const elsewhere = places.filter((p) => !neighbours.includes(p.country));
  assert.ok(elsewhere.length > 150 && new Set(elsewhere.map((p) => p.country)).size === elsewhere.length, 'one capital a country');
  // Far capitals keep no short other names (Vin, Bec): they would be other words.
  for (const p of elsewhere) for (const n of p.alt ?? []) assert.ok(n.length >= 4, n);
  // Names are Latin or Cyrillic only.
  for (const p of places) for (const n of [p.name, p.ru, p.kk, ...(p.alt ?? [])]) if (n) assert.match(n, /^[\p{Script=Latin}\p{Script=Cyrillic}\p{M}\s'’‘ʻʼ.()-]+$/u, n);
});

test('one gazetteer: hand-made entries win over GeoNames and gain its spellings; GeoNames places are found in any script', () => {
  const ids = GAZETTEER.map((p) => p.id);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  // Almaty is the hand-made entry (not a second GeoNames one), with GeoNames' population and old names.
  const almaty = GAZETTEER.find((p) => p.id === 'kz-almaty')!;
  assert.ok((almaty.population ?? 0) > 1_000_000);
  assert.equal(searchPlaces('Vernyy')[0]?.id, 'kz-almaty');
  assert.equal(GAZETTEER.filter((p) => p.country === 'KZ' && p.names.en === 'Almaty').length, 1);
  assert.deepEqual(placeCoordinates({ name: 'Алматы' }), { lat: 43.24, lon: 76.95 });
  // GeoNames places, in Latin, French and Cyrillic forms.
  assert.equal(searchPlaces('Moscou')[0]?.names.en, 'Moscow');
  assert.equal(searchPlaces('Бишкек')[0]?.names.en, 'Bishkek');
  assert.equal(resolvePlace({ name: 'Tachkent' })?.names.en, 'Tashkent');
  // Regions and countries the seeds and reports use.
  for (const q of ['Mangystau', 'Manguistaou', 'Маңғыстау']) assert.equal(searchPlaces(q)[0]?.id, 'kz-mangystau-region', q);
  for (const [q, id] of [['Russie', 'ru'], ['Kirghizistan', 'kg'], ['Kirghizstan', 'kg'], ['Biélorussie', 'by'], ['Tadjikistan', 'tj'], ['Arménie', 'am']] as const) assert.equal(resolvePlace({ name: q })?.id, id, q);
  for (const p of GAZETTEER.filter((p) => p.id.startsWith('geonames:'))) assert.ok(p.population !== undefined && p.kind !== 'landmark');
  // The world's countries and capitals in the forms a Kazakh story writes them (French, Russian, English, Kazakh).
  for (const [q, en] of [['Turquie', 'Turkey'], ['Турция', 'Turkey'], ['Türkiye', 'Turkey'], ['Irak', 'Iraq'], ['Égypte', 'Egypt'], ['Мысыр', 'Egypt'], ['Équateur', 'Ecuador'], ['Soudan', 'Sudan'], ['Royaume-Uni', 'United Kingdom']] as const) {
    const p = resolvePlace({ name: q });
    assert.equal(p?.names.en, en, q);
    assert.equal(p?.kind, 'country', q);
  }
  for (const [q, en] of [['Londres', 'London'], ['Vienne', 'Vienna'], ['Prague', 'Prague'], ['Прага', 'Prague'], ['Paris', 'Paris'], ['Лондон', 'London']] as const) assert.equal(searchPlaces(q)[0]?.names.en, en, q);
  for (const [q, id] of [['Europe', 'continent-europe'], ['Европа', 'continent-europe'], ['Asie centrale', 'region-central-asia']] as const) assert.equal(resolvePlace({ name: q })?.id, id, q);
  // A hand-made country stays the one entry for its code.
  assert.equal(GAZETTEER.filter((p) => p.kind === 'country' && p.country === 'KZ').length, 1);
});

test('the GeoNames reader: every well-formed row kept, any damaged kept row a clear error with its line, never a crash', () => {
  const row = fc.record({
    id: fc.integer({ min: 1, max: 99_999_999 }),
    name: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== '' && !/[\t\n\r]/.test(s)),
    alt: fc.array(fc.string({ maxLength: 20 }).filter((s) => !/[\t\n\r,]/.test(s)), { maxLength: 5 }),
    lat: fc.double({ min: -90, max: 90, noNaN: true }),
    lon: fc.double({ min: -180, max: 180, noNaN: true }),
    country: fc.constantFrom('KZ', 'RU', 'KG', 'FR'),
    pop: fc.integer({ min: 0, max: 20_000_000 }),
  });
  const line = (r: { id: number; name: string; alt: string[]; lat: number; lon: number; country: string; pop: number }) =>
    [r.id, r.name, r.name, r.alt.join(','), r.lat, r.lon, 'P', 'PPL', r.country, '', '', '', '', '', r.pop, '', '', 'Asia/Almaty', '2020-01-01'].join('\t');
  const kept = (r: { country: string; pop: number }) => r.country === 'KZ' || (r.country !== 'FR' && r.pop >= 100_000);
  fc.assert(
    fc.property(fc.uniqueArray(row, { selector: (r) => r.id, maxLength: 20 }), (rows) => {
      const places = extractGeonames(rows.map(line).join('\n'));
      assert.deepEqual(places.map((p) => p.id).sort(), rows.filter(kept).map((r) => `geonames:${r.id}`).sort());
      for (const p of places) assert.ok(Number.isFinite(p.lat) && Number.isFinite(p.lon) && p.name.trim() !== '');
    }),
    { numRuns: 300 },
  );
  // Damaged lines: cut columns, bad numbers, random bytes.
  const damaged = fc.oneof(
    row.map((r) => line({ ...r, country: 'KZ' }).split('\t').slice(0, 10).join('\t')),
    row.map((r) => line({ ...r, country: 'KZ' }).replace(/^\d+/, 'x1')),
    fc.tuple(row, fc.constantFrom('NaN', '', '1e999', '-200', 'abc')).map(([r, bad]) => line({ ...r, country: 'KZ' }).split('\t').map((c, k) => (k === 4 ? bad : c)).join('\t')),
    fc.string({ maxLength: 300 }),
    fc.array(fc.constantFrom('KZ', '\t', '1', 'a', ',', '\n', '-', '.', 'Алматы'), { maxLength: 60 }).map((p) => p.join('')),
  );
  fc.assert(
    fc.property(fc.array(fc.oneof(row.map(line), damaged), { maxLength: 10 }), (lines) => {
      try {
        for (const p of extractGeonames(lines.join('\n'))) assert.ok(Number.isFinite(p.lat) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180 && /^geonames:\d+$/.test(p.id));
      } catch (e) {
        assert.ok(e instanceof KeruenError && e.code === 'invalid_content' && /^cities500 line \d+: /.test(e.message), String(e));
      }
    }),
    { numRuns: 1000 },
  );
  assert.throws(() => extractGeonames('1\tX\tX\t\t99\t0\tP\tPPL\tKZ\t\t\t\t\t\t5'), /cities500 line 1: coordinates/);
});
