import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { findDates } from '../../src/core/extract/dates.ts';
import { passagesOf } from '../../src/core/extract/passages.ts';
import type { DateMention, ExtractOptions } from '../../src/core/extract/types.ts';
import { approxTimeSchema } from '../../src/core/time.ts';

const AFTER = readFileSync('../shared/seeds/kazakhstan-2022-01-after-the-uprising.fr.txt', 'utf8');
const INTERVIEW = readFileSync('../shared/seeds/kazakhstan-2022-01-uprising-interview.fr.txt', 'utf8');

function dates(text: string, opts: ExtractOptions): DateMention[] {
  return findDates(text, passagesOf(text), opts);
}

/** The date found among `words` (their nth occurrence in the text). */
function at(found: readonly DateMention[], text: string, words: string, nth = 1): DateMention {
  let i = -1;
  for (let k = 0; k < nth; k++) i = text.indexOf(words, i + 1);
  assert.ok(i >= 0, `"${words}" is in the text`);
  const m = found.find((d) => d.at[0] < i + words.length && i < d.at[1]);
  assert.ok(m, `a date found at "${words}" (#${nth})`);
  return m;
}

const when = (d: DateMention) => [d.when.from, d.when.to, d.when.precision];

function checkSpans(text: string, found: readonly DateMention[]): void {
  const passages = passagesOf(text);
  for (const d of found) {
    assert.equal(d.text, text.slice(d.at[0], d.at[1]));
    const p = passages.find((x) => x.id === d.passage);
    assert.ok(p && d.at[0] >= p.at[0] && d.at[1] <= p.at[1], `${d.text} lies inside its passage`);
    assert.ok(approxTimeSchema.safeParse(d.when).success);
  }
}

test('after-the-uprising (2022-01-12): the main days of the uprising as the article writes them', () => {
  const found = dates(AFTER, { lang: 'fr', reference: '2022-01-12' });
  checkSpans(AFTER, found);
  assert.deepEqual(when(at(found, AFTER, 'A partir du 1er janvier')), ['2022-01-01', undefined, 'day']);
  // "On a appris que des actions de solidarité auraient lieu à Almaty le 4 janvier"
  assert.deepEqual(when(at(found, AFTER, 'Almaty le 4 janvier', 1)).slice(0, 1), ['2022-01-04']);
  assert.equal(at(found, AFTER, '4 janvier').text, '4 janvier');
  for (let n = 1; n <= 8; n++) assert.deepEqual(when(at(found, AFTER, '5 janvier', n)), ['2022-01-05', undefined, 'day'], `5 janvier #${n}`);
  // The cut: "A minuit, entre le 5 et le 6 janvier, toutes les connexions internet ont été coupées."
  const cut = at(found, AFTER, 'entre le 5 et le 6 janvier');
  assert.equal(cut.text, 'entre le 5 et le 6 janvier');
  assert.deepEqual(when(cut), ['2022-01-05', '2022-01-06', 'day']);
  assert.deepEqual(when(at(found, AFTER, 'Le 6 janvier, des activistes')), ['2022-01-06', undefined, 'day']);
  assert.deepEqual(when(at(found, AFTER, 'Le 7 janvier, quelques magasins')), ['2022-01-07', undefined, 'day']);
  assert.deepEqual(when(at(found, AFTER, 'Le matin du 9 janvier'.slice(12))), ['2022-01-09', undefined, 'day']);
  assert.deepEqual(when(at(found, AFTER, 'A partir du 10 janvier')), ['2022-01-10', undefined, 'day']);
  // "Le 10 janvier au matin, [...] jusqu'à 13h, puis elle est revenue entre 17h et 19 heures 30": the hours take that day.
  assert.deepEqual(when(at(found, AFTER, '13h')), ['2022-01-10T13:00+06:00', undefined, 'hour']);
  const evening = at(found, AFTER, 'entre 17h et 19 heures 30');
  assert.equal(evening.text, 'entre 17h et 19 heures 30');
  assert.deepEqual(when(evening), ['2022-01-10T17:00+06:00', '2022-01-10T19:30+06:00', 'minute']);
  // Hours with no day in their sentence are left out ("entre 23 heures et 4 heures").
  assert.equal(found.some((d) => d.text.includes('23 heures')), false);
});

test('after-the-uprising: months, years, ranges and days never after the article', () => {
  const found = dates(AFTER, { lang: 'fr', reference: '2022-01-12' });
  assert.deepEqual(when(at(found, AFTER, 'juin 2016')), ['2016-06', undefined, 'month']);
  assert.deepEqual(when(at(found, AFTER, 'décembre 2011')), ['2011-12', undefined, 'month']);
  assert.deepEqual(when(at(found, AFTER, 'en janvier 2022'.slice(3))), ['2022-01', undefined, 'month']);
  assert.deepEqual(when(at(found, AFTER, 'Du 17 au 19 décembre 1986')), ['1986-12-17', '1986-12-19', 'day']);
  assert.deepEqual(when(at(found, AFTER, '8 mars 2021')), ['2021-03-08', undefined, 'day']);
  // "Le 21 avril" without a year, in an article of 12 January 2022: the April before it.
  assert.deepEqual(when(at(found, AFTER, 'Le 21 avril')), ['2021-04-21', undefined, 'day']);
  assert.deepEqual(when(at(found, AFTER, '1848')), ['1848', undefined, 'year']);
  assert.deepEqual(when(at(found, AFTER, '1956')), ['1956', undefined, 'year']);
  assert.deepEqual(when(at(found, AFTER, 'années 90')), ['1990', '1999', 'year']);
  assert.deepEqual(when(at(found, AFTER, 'la semaine dernière')), ['2022-01-03', '2022-01-09', 'day']);
  assert.deepEqual(when(at(found, AFTER, 'Nouvel An')), ['2022-01-01', undefined, 'day']);
  for (const d of found) assert.ok(d.when.from <= '2022-01-12', `${d.text} (${d.when.from}) is not after the article`);
  // Numbers that are not dates: "20 000 bandits", "pendant 15 jours", "pendant 28 ans", "40 minutes".
  for (const words of ['20 000', '15 jours', '28 ans', '40 minutes', '600 millions']) {
    const i = AFTER.indexOf(words);
    assert.equal(found.some((d) => d.at[0] < i + words.length && i < d.at[1]), false, `"${words}" is not a date`);
  }
});

test('uprising-interview (2022-01-07): Zhanaozen on 2 January, Almaty on the night of the 4th and the 5th, hard-wrapped lines', () => {
  const found = dates(INTERVIEW, { lang: 'fr', reference: '2022-01-07' });
  checkSpans(INTERVIEW, found);
  assert.deepEqual(when(at(found, INTERVIEW, '1er janvier 2022')), ['2022-01-01', undefined, 'day']);
  // "Les protestations ont éclaté dans la ville pétrolière de Janaozen le 2 janvier."
  assert.deepEqual(when(at(found, INTERVIEW, 'Janaozen le 2 janvier'.slice(12))), ['2022-01-02', undefined, 'day']);
  // "Tard dans la nuit du 4 janvier": a night runs into the next day.
  const night = at(found, INTERVIEW, 'Tard dans la nuit du 4 janvier');
  assert.equal(night.text, 'dans la nuit du 4 janvier');
  assert.deepEqual(when(night), ['2022-01-04', '2022-01-05', 'day']);
  // "peu de temps avant 16 heures (heure locale) le \n5 janvier": the hour takes the day named after it.
  assert.deepEqual(when(at(found, INTERVIEW, '16 heures')), ['2022-01-05T16:00+06:00', undefined, 'hour']);
  assert.deepEqual(when(at(found, INTERVIEW, 'l’année dernière')), ['2021', undefined, 'year']);
  assert.deepEqual(when(at(found, INTERVIEW, 'cette semaine')), ['2022-01-03', '2022-01-09', 'day']);
  assert.deepEqual(when(at(found, INTERVIEW, 'matinée du 5 janvier'.slice(11))), ['2022-01-05', undefined, 'day']);
  // "... vers 9 heures" in the same sentence as the 5th: that hour, hedged.
  const nine = at(found, INTERVIEW, 'vers 9 heures');
  assert.deepEqual(when(nine), ['2022-01-05T09:00+06:00', undefined, 'hour']);
  assert.equal(nine.when.circa, true);
  // "tôt le matin du 6\njanvier": a day split by the hard wrap keeps its exact words.
  const sixth = at(found, INTERVIEW, 'du 6 \njanvier'.slice(3));
  assert.equal(sixth.text, '6 \njanvier');
  assert.deepEqual(when(sixth), ['2022-01-06', undefined, 'day']);
  assert.deepEqual(when(at(found, INTERVIEW, 'Le 6 janvier au matin'.slice(3))), ['2022-01-06', undefined, 'day']);
  assert.deepEqual(when(at(found, INTERVIEW, 'décembre 2011')), ['2011-12', undefined, 'month']);
  assert.deepEqual(when(at(found, INTERVIEW, '2014 à 2016')), ['2014', '2016', 'year']);
  assert.deepEqual(when(at(found, INTERVIEW, 'années 1990')), ['1990', '1999', 'year']);
});

test('nights, ranges and parts of months in French, Russian and English', () => {
  const ref = { reference: '2022-01-12' };
  const fr = 'Dans la nuit du 4 au 5 janvier, la police a tiré. Début janvier, les prix ont doublé. Le 25 janvier, rien. Du 30 décembre au 2 janvier, grèves.';
  const f = dates(fr, { lang: 'fr', ...ref });
  assert.deepEqual(f.map((d) => [d.text, ...when(d)]), [
    ['Dans la nuit du 4 au 5 janvier', '2022-01-04', '2022-01-05', 'day'],
    ['Début janvier', '2022-01-01', '2022-01-10', 'day'],
    // Without a year, never after the article: January 25 is the year before.
    ['25 janvier', '2021-01-25', undefined, 'day'],
    ['Du 30 décembre au 2 janvier', '2021-12-30', '2022-01-02', 'day'],
  ]);
  assert.equal(f[1]!.when.circa, true);
  const ru = 'В ночь с 4 на 5 января начались столкновения. 5 января 2022 года сгорел акимат. В начале января цены выросли. В декабре 2011 года в Жанаозене.';
  assert.deepEqual(dates(ru, { lang: 'ru', ...ref }).map((d) => [d.text, ...when(d)]), [
    ['В ночь с 4 на 5 января', '2022-01-04', '2022-01-05', 'day'],
    ['5 января 2022 года', '2022-01-05', undefined, 'day'],
    ['В начале января', '2022-01-01', '2022-01-10', 'day'],
    ['декабре 2011 года', '2011-12', undefined, 'month'],
  ]);
  const en = 'On the night of 4 to 5 January the akimat burned. On January 7 the order came. In December 2011, police fired. Early January was quiet.';
  assert.deepEqual(dates(en, { lang: 'en', ...ref }).map((d) => [d.text, ...when(d)]), [
    ['the night of 4 to 5 January', '2022-01-04', '2022-01-05', 'day'],
    ['January 7', '2022-01-07', undefined, 'day'],
    ['December 2011', '2011-12', undefined, 'month'],
    ['Early January', '2022-01-01', '2022-01-10', 'day'],
  ]);
});

test("chrono's French false positives are dropped; a day with its hour is the day and the time on it, never an invented one", () => {
  const text = 'Il y avait 2 500 soldats et 10 000 personnes à 6 heures, pendant 15 jours, 5 et 6. Le 5 janvier 2022 vers 10 heures, la mairie brûlait. Le 6 janvier au matin, calme.';
  const found = dates(text, { lang: 'fr', reference: '2022-01-12' });
  assert.deepEqual(found.map((d) => [d.text, ...when(d)]), [
    ['5 janvier 2022', '2022-01-05', undefined, 'day'],
    ['vers 10 heures', '2022-01-05T10:00+06:00', undefined, 'hour'],
    ['6 janvier', '2022-01-06', undefined, 'day'],
  ]);
  assert.equal(found[1]!.when.circa, true);
});

test('any text: dates never throw, lie inside their passages with their exact words, and validate', () => {
  const pieces = fc.constantFrom('le ', '5 ', '1er ', 'janvier', ' 2022', 'nuit du ', ' au ', 'entre le ', ' et ', 'début ', '13h', ' 19 heures 30', 'января', 'в ночь с ', 'January', '2 500', 'à 6', '\n\n', '. ', 'Le ', 'mi-', 'années 90', '31 février', '0 mars', '99 décembre 12345', '(', ')', 'é', ' ', 'on Thursday', 'mercredi', 'в среду', 'next ', 'Jan 20', 'Sept. 31', 'the 6th', 'le 4,', '6-го', ' vers 16 heures', 'around 4 pm', '0th');
  fc.assert(
    fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 6 })), { maxLength: 40 }), fc.constantFrom<ExtractOptions['lang']>('fr', 'ru', 'en', 'kk'), fc.option(fc.constantFrom('2022-01-12', '2022', '1999-12-31'), { nil: undefined }), (parts, lang, reference) => {
      const text = parts.join('');
      const found = findDates(text, passagesOf(text), { lang, ...(reference !== undefined ? { reference } : {}) });
      checkSpans(text, found);
      for (let i = 1; i < found.length; i++) assert.ok(found[i]!.at[0] >= found[i - 1]!.at[1], 'disjoint and in order');
    }),
    { numRuns: 300 },
  );
});

test('a footnote’s day without a year takes the one year its sentence names; elsewhere the article’s date decides', async () => {
  const { footnoteYear } = await import('../../src/core/extract/dates-footnotes.ts');
  const text =
    'Texte.\n\n  4. Le 21 avril, deux militants ont été condamnés après le marathon organisé en 2019 à Almaty.\n' +
    '  5. Le 21 avril, autre chose en 2019 et en 2020.\nLe 21 avril, rien en 2019.';
  const days = findDates(text, passagesOf(text), { lang: 'fr', reference: '2022-01-12' }).filter((m) => m.text === '21 avril');
  assert.deepEqual(days.map((m) => m.when.from), ['2019-04-21', '2021-04-21', '2021-04-21']);
  // Hostile input: never throws, a year or nothing.
  fc.assert(
    fc.property(fc.array(fc.constantFrom('4. ', '[4] ', 'Le 21 avril', ' en 2019', ' 2019 году', '\n', '.', ' ', 'x', '9999'), { maxLength: 30 }), fc.nat(), (pieces, k) => {
      const t = pieces.join('');
      const y = footnoteYear(t, [0, t.length], t.length === 0 ? 0 : k % t.length);
      assert.ok(y === undefined || (y >= 1800 && y <= 2099));
    }),
    { numRuns: 500 },
  );
});

test('weekdays are the latest such day on or before the article’s date; a weekday to come, every week’s or inside a full date is not', () => {
  // 2022-03-10 is a Thursday.
  const ref = { reference: '2022-03-10' };
  const found = (text: string, lang: ExtractOptions['lang']) => dates(text, { lang, ...ref }).map((d) => [d.text, ...when(d)]);
  assert.deepEqual(found('Talks resumed on Thursday and had stalled on Monday; last Friday nothing moved.', 'en'), [
    ['Thursday', '2022-03-10', undefined, 'day'],
    ['Monday', '2022-03-07', undefined, 'day'],
    ['last Friday', '2022-03-04', undefined, 'day'],
  ]);
  assert.deepEqual(found('Le comité a siégé mardi, puis dimanche dernier.', 'fr'), [
    ['mardi', '2022-03-08', undefined, 'day'],
    ['dimanche dernier', '2022-03-06', undefined, 'day'],
  ]);
  assert.deepEqual(found('Суд открылся во вторник, а приговор огласили в субботу.', 'ru'), [
    ['во вторник', '2022-03-08', undefined, 'day'],
    ['в субботу', '2022-03-05', undefined, 'day'],
  ]);
  assert.equal(dates('Talks resumed on Thursday.', { lang: 'en', ...ref })[0]!.when.label, 'Thursday', 'labelled with its words');
  assert.deepEqual(found('The vote is next Monday; the market opens every Friday. Le marché a lieu le samedi, et reprendra lundi prochain.', 'en'), []);
  assert.deepEqual(found('It opened on Tuesday, March 8.', 'en'), [['on Tuesday, March 8', '2022-03-08', undefined, 'day']]);
});

test('datelines with an abbreviated month and no year; a lone day number in the month its paragraph named before', () => {
  const en = (text: string) => dates(text, { lang: 'en', reference: '2022-03-10' }).map((d) => [d.text, ...when(d)]);
  assert.deepEqual(en('BISHKEK, Mar 9 (AP) — Officials said. TBILISI, Dec. 30, 2021 — A note.'), [
    ['Mar 9', '2022-03-09', undefined, 'day'],
    ['Dec. 30, 2021', '2021-12-30', undefined, 'day'],
  ]);
  assert.deepEqual(en('The strike began on February 27. By the 28th, it had spread.\n\nOn the 3rd nobody knew.'), [
    ['February 27', '2022-02-27', undefined, 'day'],
    ['the 28th', '2022-02-28', undefined, 'day'],
  ], 'a lone day needs its month in its own paragraph');
  const fr = dates('Le 2 février 2019, la marche ; le 3, les arrestations. Il a le 6 000e rang.', { lang: 'fr', reference: '2022-03-10' }).map((d) => [d.text, ...when(d)]);
  assert.deepEqual(fr, [['2 février 2019', '2019-02-02', undefined, 'day'], ['le 3', '2019-02-03', undefined, 'day']]);
  const ru = dates('Митинг прошёл 27 февраля, а 28-го его разогнали.', { lang: 'ru', reference: '2022-03-10' }).map((d) => [d.text, ...when(d)]);
  assert.deepEqual(ru, [['27 февраля', '2022-02-27', undefined, 'day'], ['28-го', '2022-02-28', undefined, 'day']]);
});

test('a clock time goes on the day its sentence names, as its own mention', () => {
  const en = dates('On March 3 at around 6 pm the square emptied.', { lang: 'en', reference: '2022-03-10' });
  assert.deepEqual(en.map((d) => [d.text, ...when(d)]), [
    ['March 3', '2022-03-03', undefined, 'day'],
    ['around 6 pm', '2022-03-03T18:00+06:00', undefined, 'hour'],
  ]);
  const found = dates('Le 4 mars vers 7 heures, la police est arrivée.', { lang: 'fr', reference: '2022-03-10' });
  assert.deepEqual(found.map((d) => [d.text, ...when(d)]), [
    ['4 mars', '2022-03-04', undefined, 'day'],
    ['vers 7 heures', '2022-03-04T07:00+06:00', undefined, 'hour'],
  ]);
});
