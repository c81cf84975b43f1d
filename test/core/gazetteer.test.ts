import { test } from 'node:test';
import assert from 'node:assert/strict';
import { searchPlaces, resolvePlace, placeCoordinates, toPlace, GAZETTEER } from '../../src/core/gazetteer.ts';
import { placeSchema } from '../../src/core/records/common.ts';

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

test('the GeoNames part regenerates from the package exactly as committed', async () => {
  const { readFileSync } = await import('node:fs');
  const { extractGeonames, geonamesJson, citiesFile, OUTPUT } = await import('../../scripts/gazetteer.ts');
  const places = extractGeonames(readFileSync(citiesFile(), 'utf8'));
  assert.equal(geonamesJson(places), readFileSync(OUTPUT, 'utf8'), 'run `npm run gazetteer` and commit the result');
  // Every Kazakh place, the neighbours' capitals, nothing from elsewhere.
  assert.ok(places.filter((p) => p.country === 'KZ').length > 250);
  for (const capital of ['Moscow', 'Bishkek', 'Tashkent', 'Minsk', 'Yerevan', 'Dushanbe']) assert.ok(places.some((p) => p.name === capital), capital);
  assert.ok(places.every((p) => ['KZ', 'RU', 'KG', 'UZ', 'BY', 'AM', 'TJ'].includes(p.country)));
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
});
