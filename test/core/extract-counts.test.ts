import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { findCounts, parseNumber } from '../../src/core/extract/counts.ts';
import { passagesOf } from '../../src/core/extract/passages.ts';
import type { CountMention, ExtractOptions } from '../../src/core/extract/types.ts';
import { FIGURE_UNITS } from '../../src/core/records/schemas.ts';

const AFTER = readFileSync('../shared/seeds/kazakhstan-2022-01-after-the-uprising.fr.txt', 'utf8');

const counts = (text: string, lang: ExtractOptions['lang'] = 'fr') => findCounts(text, passagesOf(text), { lang });
const brief = (c: CountMention) => [c.text, c.value, c.unit, c.qualifier, c.price];

function checkSpans(text: string, found: readonly CountMention[]): void {
  const passages = passagesOf(text);
  for (const c of found) {
    assert.equal(c.text, text.slice(c.at[0], c.at[1]));
    const p = passages.find((x) => x.id === c.passage);
    assert.ok(p && c.at[0] >= p.at[0] && c.at[1] <= p.at[1], `${c.text} lies inside its passage`);
    assert.ok(Number.isFinite(c.value) && c.value >= 0);
    assert.ok((FIGURE_UNITS as readonly string[]).includes(c.unit));
  }
}

test('after-the-uprising: the official figures, the troops and the money, with what they count', () => {
  const found = counts(AFTER);
  checkSpans(AFTER, found);
  const byText = (t: string) => found.find((c) => c.text === t);
  // "Selon le ministre de l'Intérieur kazakh, près de 8000 personnes ont été arrêtées [...], et au moins 164 ont été tuées"
  assert.deepEqual(brief(byText('au moins 164 ont été tuées')!), ['au moins 164 ont été tuées', 164, 'killed', 'at least', undefined]);
  assert.deepEqual(brief(byText('près de 8000 personnes ont été arrêtées')!), ['près de 8000 personnes ont été arrêtées', 8000, 'detained', 'about', undefined]);
  assert.deepEqual(brief(byText('20 000 bandits')!), ['20 000 bandits', 20000, 'participants', undefined, undefined]);
  assert.deepEqual(found.filter((c) => c.unit === 'troops').map((c) => [c.text, c.value]), [['200 soldats', 200], ['500 soldats', 500], ['3000 soldats', 3000]]);
  assert.deepEqual(brief(byText('600 millions de dollars')!), ['600 millions de dollars', 600_000_000, 'other', undefined, true]);
  assert.deepEqual(brief(byText('53,2 milliards de tenges')!), ['53,2 milliards de tenges', 53_200_000_000, 'other', undefined, true]);
  assert.equal(byText('300 dollars')?.value, 300);
  // "des centaines", "plusieurs dizaines", durations, years and days are not counts.
  for (const c of found) assert.doesNotMatch(c.text, /centaines|dizaines|janvier|2011|1986|jours|ans|minutes/);
  // Numbers of other things are counts too, with the unit 'other'; "plus d'une centaine" is at least a hundred.
  assert.deepEqual(found.filter((c) => c.unit === 'other' && !c.price).map((c) => [c.text, c.value, c.qualifier]), [
    ['deux anarchistes', 2, undefined],
    ['six armées', 6, undefined],
    ['deux magasins', 2, undefined],
    ['deux premières places', 2, undefined],
    ['432,5 millions', 432_500_000, undefined],
    ['131,3 millions', 131_300_000, undefined],
    ['4 millions', 4_000_000, undefined],
    ['deux anarcha-féministes', 2, undefined],
    ['deux anarchistes', 2, undefined],
    ['plus d’une centaine de grenades', 100, 'at least'],
    ['deux enfants', 2, undefined],
  ]);
  assert.equal(found.length, 26);
});

test('French number forms: spaces, no-break spaces, decimal commas; words that are not numbers', () => {
  const text = 'Près de 2 500 soldats, puis 10\u202f000 manifestants et 2\u00a0500 policiers. Des centaines de morts, plusieurs dizaines de blessés. ' +
    'Au moins 164 morts ; plus de 1 000 blessés ; jusqu’à 300 personnes arrêtées ; environ 40 disparus ; une centaine de manifestants ; 3 policiers tués ; deux journalistes arrêtés. ' +
    'Le 5 janvier, en 2019, 65 % et pendant 15 jours. Le litre coûte 120 tenges.';
  assert.deepEqual(counts(text).map(brief), [
    ['Près de 2 500 soldats', 2500, 'troops', 'about', undefined],
    ['10\u202f000 manifestants', 10000, 'participants', undefined, undefined],
    ['2\u00a0500 policiers', 2500, 'troops', undefined, undefined],
    ['Au moins 164 morts', 164, 'killed', 'at least', undefined],
    ['plus de 1 000 blessés', 1000, 'injured', 'at least', undefined],
    ['jusqu’à 300 personnes arrêtées', 300, 'detained', 'up to', undefined],
    ['environ 40 disparus', 40, 'missing', 'about', undefined],
    ['une centaine de manifestants', 100, 'participants', 'about', undefined],
    ['3 policiers tués', 3, 'killed', undefined, undefined],
    ['deux journalistes arrêtés', 2, 'detained', undefined, undefined],
    ['120 tenges', 120, 'other', undefined, true],
  ]);
});

test('Russian and English forms', () => {
  const ru = 'По словам министра, не менее 164 человек погибли, около 10 тысяч задержаны. Прибыли 2,5 тыс. военнослужащих. Газ подорожал до 120 тенге.';
  assert.deepEqual(counts(ru, 'ru').map(brief), [
    ['не менее 164 человек погибли', 164, 'killed', 'at least', undefined],
    ['около 10 тысяч задержаны', 10000, 'detained', 'about', undefined],
    ['2,5 тыс. военнослужащих', 2500, 'troops', undefined, undefined],
    ['120 тенге', 120, 'other', undefined, true],
  ]);
  const en = 'At least 164 people were killed and nearly 8,000 detained. Some 2,500 troops arrived; $600 million was spent; up to 1.5 million protesters.';
  assert.deepEqual(counts(en, 'en').map(brief), [
    ['At least 164 people were killed', 164, 'killed', 'at least', undefined],
    ['nearly 8,000 detained', 8000, 'detained', 'about', undefined],
    ['Some 2,500 troops', 2500, 'troops', 'about', undefined],
    ['$600 million', 600_000_000, 'other', undefined, true],
    ['up to 1.5 million protesters', 1_500_000, 'participants', 'up to', undefined],
  ]);
});

test('a year that ends a date is not a count, in any language or date form', () => {
  assert.deepEqual(counts('On 5 January 2022 protesters stormed the city hall.', 'en').map(brief), []);
  assert.deepEqual(counts('On January 5, 2022 protesters gathered; by 6 January 2022 troops had arrived.', 'en').map(brief), []);
  assert.deepEqual(counts('Le 5 janvier 2022 manifestants et policiers se sont affrontés. En janvier 2022 soldats russes.', 'fr').map(brief), []);
  assert.deepEqual(counts('5 января 2022 протестующие вышли на площадь. 05.01.2022 военнослужащие вошли в город.', 'ru').map(brief), []);
  assert.deepEqual(counts('On 2022-01-05 protesters stormed it; on 05/01/2022 troops came; on 5th January, 2022 rioters fled.', 'en').map(brief), []);
  assert.deepEqual(counts('В январе 2022 протестующие вышли на площадь.', 'ru').map(brief), []);
  // A year after a word that makes it one ("in 2022", "between 2011 and 2022") is not a count either.
  assert.deepEqual(counts('In 2022 protesters stormed it. Since 2019 activists were detained. Between 2011 and 2022 protesters were killed; from 2019 to 2022 rioters fled; in the 2011-2022 protesters’ trials…', 'en').map(brief), []);
  assert.deepEqual(counts('En 2022 manifestants et policiers. Depuis 2019 militants arrêtés.', 'fr').map(brief), []);
  assert.deepEqual(counts('В 2022 протестующие вышли. С 2019 активисты задержаны.', 'ru').map(brief), []);
  assert.deepEqual(counts('Plus de 2000 manifestants, jusqu’à 2000 policiers ; до 2000 человек задержаны.', 'fr').map((c) => [c.value, c.unit]), [[2000, 'participants'], [2000, 'troops'], [2000, 'detained']]);
  // A number that is not a year after a month, or a year-sized count after no date, still counts.
  assert.deepEqual(counts('On 5 January 300 protesters gathered; 2022 protesters were detained.', 'en').map(brief), [
    ['300 protesters', 300, 'participants', undefined, undefined],
    ['2022 protesters were detained', 2022, 'detained', undefined, undefined],
  ]);
});

test('Russian and English counts with the verb first, and the qualifiers between', () => {
  const ru =
    'В Алматы погибли 225 человек. Всего задержаны почти 10 000. Ранены более 4 500 человек, в том числе дети. ' +
    'В город вошли 2 030 военнослужащих ОДКБ. Убиты свыше 20 солдат. Задержаны до 300 человек в Алматы. Погибли около 16 сотрудников полиции. ' +
    'Погибли 5 дней назад. Задержано более 10 тыс. человек. Были ранены 12 полицейских. Официально погибли 164 человека. Погибли 26 вооруженных преступников. Газ подорожал до 120 тенге.';
  assert.deepEqual(counts(ru, 'ru').map(brief), [
    ['погибли 225 человек', 225, 'killed', undefined, undefined],
    ['задержаны почти 10 000', 10000, 'detained', 'about', undefined],
    ['Ранены более 4 500 человек', 4500, 'injured', 'at least', undefined],
    ['2 030 военнослужащих', 2030, 'troops', undefined, undefined],
    ['Убиты свыше 20 солдат', 20, 'killed', 'at least', undefined],
    ['Задержаны до 300 человек', 300, 'detained', 'up to', undefined],
    ['Погибли около 16 сотрудников', 16, 'killed', 'about', undefined],
    ['Задержано более 10 тыс. человек', 10000, 'detained', 'at least', undefined],
    ['ранены 12 полицейских', 12, 'injured', undefined, undefined],
    ['погибли 164 человека', 164, 'killed', undefined, undefined],
    ['Погибли 26 вооруженных преступников', 26, 'killed', undefined, undefined],
    ['120 тенге', 120, 'other', undefined, true],
  ]);
  // What is counted, in the article's words: the noun after the number, else the verb before it.
  assert.deepEqual(counts(ru, 'ru').slice(0, 2).map((c) => c.counted), ['человек', 'задержаны']);
  const en =
    'Police detained nearly 10,000 people. Security forces killed at least 225. The clashes injured more than 4,500 people in Almaty. ' +
    'Some 2,030 CSTO troops arrived; officials arrested up to 300 in Almaty; they killed 3 soldiers. He was detained 2 days later.';
  assert.deepEqual(counts(en, 'en').map(brief), [
    ['detained nearly 10,000 people', 10000, 'detained', 'about', undefined],
    ['killed at least 225', 225, 'killed', 'at least', undefined],
    ['injured more than 4,500 people', 4500, 'injured', 'at least', undefined],
    ['Some 2,030 CSTO troops', 2030, 'troops', 'about', undefined],
    ['arrested up to 300', 300, 'detained', 'up to', undefined],
    ['killed 3 soldiers', 3, 'killed', undefined, undefined],
  ]);
});

test('a toll written before its number: "число погибших выросло до 225", "the death toll rose to 225", "le nombre de morts s’élève à 225"', () => {
  const ru = 'Число погибших выросло до 225 человек. Число задержанных превысило 10 000. Количество раненых составило около 4 500. Ранения получили более 4 500 человек. Цены выросли до 120 тенге.';
  assert.deepEqual(counts(ru, 'ru').map(brief), [
    ['погибших выросло до 225 человек', 225, 'killed', undefined, undefined],
    ['задержанных превысило 10 000', 10000, 'detained', undefined, undefined],
    ['раненых составило около 4 500', 4500, 'injured', 'about', undefined],
    ['Ранения получили более 4 500 человек', 4500, 'injured', 'at least', undefined],
    ['120 тенге', 120, 'other', undefined, true],
  ]);
  const en = 'The death toll rose to 225. The number of detainees reached nearly 10,000. Over 16 police officers were killed. The toll of the day stands at 3 in the afternoon.';
  assert.deepEqual(counts(en, 'en').map(brief), [
    ['death toll rose to 225', 225, 'killed', undefined, undefined],
    ['detainees reached nearly 10,000', 10000, 'detained', 'about', undefined],
    ['Over 16 police officers were killed', 16, 'killed', 'at least', undefined],
  ]);
  const fr = 'Le nombre de morts s’élève à 225. Le nombre de personnes arrêtées a dépassé 10 000.';
  assert.deepEqual(counts(fr, 'fr').map(brief), [
    ['morts s’élève à 225', 225, 'killed', undefined, undefined],
    ['arrêtées a dépassé 10 000', 10000, 'detained', undefined, undefined],
  ]);
});

test('parseNumber reads the forms each language writes', () => {
  assert.equal(parseNumber('2 500', 'fr'), 2500);
  assert.equal(parseNumber('10\u202f000', 'fr'), 10000);
  assert.equal(parseNumber('53,2', 'fr'), 53.2);
  assert.equal(parseNumber('2.500', 'fr'), 2500);
  assert.equal(parseNumber('2,500', 'en'), 2500);
  assert.equal(parseNumber('1.47', 'en'), 1.47);
  assert.equal(parseNumber('1,234,567.5', 'en'), 1234567.5);
  assert.equal(parseNumber('12a', 'fr'), undefined);
});

test('any text: counts never throw, lie inside their passages with their exact words, and have a known unit', () => {
  const pieces = fc.constantFrom('au moins ', '164', ' 000', ' morts', ' personnes', ' ont été ', 'arrêtées', 'soldats', 'millions de dollars', '$', '€', '2,5', ' тыс. ', 'человек погибли', 'une centaine de ', 'deux ', '\n\n', '. ', ',', 'near', 'ly ', 'killed', '\u00a0', '⋅es', '9'.repeat(30), 'погибли ', 'задержаны ', 'почти ', 'до ', ' January ', ' 2022', 'января ', 'troops', ' в ', 'число погибших выросло до ', 'death toll rose to ', 's’élève à ', '05/01/', ' members of the security forces', ' membres des forces de l’ordre', ', including ', ', dont ', ' decades', ' à ', ' tenges', 'от ', 'силовиков', '-');
  fc.assert(
    fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 5 })), { maxLength: 40 }), fc.constantFrom<ExtractOptions['lang']>('fr', 'ru', 'en', 'kk'), (parts, lang) => {
      const text = parts.join('');
      checkSpans(text, findCounts(text, passagesOf(text), { lang }));
    }),
    { numRuns: 400 },
  );
});

test('members of a security force are troops, and killed when the verb or the toll they are included in says so', () => {
  assert.deepEqual(counts('Officials said 90 people were killed, including 12 members of the security forces.', 'en').map(brief), [
    ['90 people were killed', 90, 'killed', undefined, undefined],
    ['12 members of the security forces', 12, 'killed', undefined, undefined],
  ]);
  assert.deepEqual(counts('Yesterday 7 members of the security forces died in clashes. Later 40 members of the police arrived.', 'en').map(brief), [
    ['7 members of the security forces died', 7, 'killed', undefined, undefined],
    ['40 members of the police', 40, 'troops', undefined, undefined],
  ]);
  assert.deepEqual(counts('Au total 80 personnes ont été tuées, dont 11 membres des forces de l’ordre.').map(brief), [
    ['80 personnes ont été tuées', 80, 'killed', undefined, undefined],
    ['11 membres des forces de l’ordre', 11, 'killed', undefined, undefined],
  ]);
  assert.deepEqual(counts('В столкновениях погибли 14 силовиков.', 'ru').map(brief), [['погибли 14 силовиков', 14, 'killed', undefined, undefined]]);
  // "Including" reaches back only within its sentence.
  assert.deepEqual(counts('90 people were killed. Troops arrived, including 12 members of the security forces.', 'en').map((c) => c.unit), ['killed', 'troops']);
});

test('decades and centuries are durations, not counts', () => {
  assert.deepEqual(counts('The first strike in four decades; after three decades, two centuries later.', 'en'), []);
  assert.deepEqual(counts('После двух десятилетий тишины и трёх веков.', 'ru'), []);
});

test('the first number of a range counts what the second does', () => {
  assert.deepEqual(counts('Le prix est passé d’environ 50 à 100 tenges le litre.').map(brief), [
    ['environ 50', 50, 'other', 'about', true],
    ['100 tenges', 100, 'other', undefined, true],
  ]);
  assert.deepEqual(counts('Цена выросла с 50 до 100 тенге за литр.', 'ru').map(brief), [
    ['50', 50, 'other', undefined, true],
    ['100 тенге', 100, 'other', undefined, true],
  ]);
  assert.deepEqual(counts('Between 300 and 400 protesters were detained.', 'en').map((c) => [c.value, c.unit]), [[300, 'detained'], [400, 'detained']]);
});

test('a toll named a few words before its verb: a place or a cause may stand between', () => {
  assert.deepEqual(counts('Число задержанных после протестов в Бишкеке и Оше достигло 310 человек.', 'ru').map((c) => [c.value, c.unit]), [[310, 'detained']]);
  assert.deepEqual(counts('The number of people injured in the clashes in the capital rose to 48.', 'en').map((c) => [c.value, c.unit]), [[48, 'injured']]);
});
