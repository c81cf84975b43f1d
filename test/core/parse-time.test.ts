import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseApproxTime, parseApproxTimeAsync } from '../../src/core/parse-time.ts';
import { dayOf, daysCovered } from '../../src/core/time.ts';
import { KeruenError } from '../../src/core/errors.ts';

const ref = new Date('2022-01-12T00:00:00Z');

test('ISO forms keep exactly their precision', () => {
  assert.deepEqual(parseApproxTime('1986-12'), { from: '1986-12', precision: 'month' });
  assert.deepEqual(parseApproxTime('2022-01-05'), { from: '2022-01-05', precision: 'day' });
  assert.deepEqual(parseApproxTime('2022-01-05T10:30+06:00'), { from: '2022-01-05T10:30+06:00', precision: 'minute' });
});

test('the night of 4 to 5 January as a range of hours', () => {
  const t = parseApproxTime('2022-01-04T23:00+06:00/2022-01-05T04:00+06:00', { label: 'entre 23 heures et 4 heures' });
  assert.equal(t.precision, 'hour');
  assert.equal(t.label, 'entre 23 heures et 4 heures');
  assert.deepEqual(daysCovered(t), ['2022-01-04', '2022-01-05']);
  assert.equal(dayOf(t), '2022-01-04');
});

test('French words: hour precision, hedged, label kept', async () => {
  const t = await parseApproxTimeAsync('5 janvier 2022 vers 10 heures', { lang: 'fr', reference: ref });
  assert.equal(t.from, '2022-01-05T10:00+06:00');
  assert.equal(t.precision, 'hour');
  assert.equal(t.circa, true);
  assert.equal(t.label, '5 janvier 2022 vers 10 heures');
});

test('ranges that end before they start, or mix precisions, are refused', async () => {
  assert.throws(() => parseApproxTime('2022-01-05/2022-01-04'), KeruenError);
  assert.throws(() => parseApproxTime('2022-01-05/2022-01'), /written the same way/);
  await assert.rejects(parseApproxTimeAsync('no date in here at all'), /cannot read a time/);
});
