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
