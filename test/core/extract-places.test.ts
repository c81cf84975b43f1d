import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { findPlaces, placeNameForm } from '../../src/core/extract/places.ts';
import { passagesOf } from '../../src/core/extract/passages.ts';
import { placeSchema } from '../../src/core/records/common.ts';
import type { ExtractOptions, PlaceMention } from '../../src/core/extract/types.ts';

const seed = (name: string) => readFileSync(new URL(`../../../shared/seeds/kazakhstan-2022-01-${name}.fr.txt`, import.meta.url), 'utf8');

function places(text: string, lang: ExtractOptions['lang'] = 'fr'): PlaceMention[] {
  const passages = passagesOf(text);
  const found = findPlaces(text, passages, { lang });
  for (const m of found) {
    assert.equal(m.text, text.slice(m.at[0], m.at[1]), 'the mention is exactly the text at its span');
    const p = passages.find((p) => p.id === m.passage);
    assert.ok(p && p.at[0] <= m.at[0] && m.at[1] <= p.at[1], 'inside its passage');
    placeSchema.parse(m.place);
  }
  return found;
}

const ids = (found: PlaceMention[]) => found.map((m) => [m.text, m.gazetteerId]);

test('seed article 1: its places, each matched to the gazetteer; towns inside people’s names and streets are not places', () => {
  const text = seed('after-the-uprising');
  const found = places(text);
  const byText = new Map(found.map((m) => [m.text, m.gazetteerId]));
  for (const [t, id] of [['Kazakhstan', 'kz'], ['Almaty', 'kz-almaty'], ['Zhanaozen', 'kz-zhanaozen'], ['Uralsk', 'kz-uralsk'], ['Aktobe', 'kz-aktobe'], ['Kostanai', 'kz-kostanay'], ['Nur-Sultan', 'kz-astana'], ['Astana', 'kz-astana'], ['Russie', 'ru'], ['Biélorussie', 'by'], ['Kirghizstan', 'kg'], ['Kazakstan', 'kz'], ['Moscou', 'geonames:524901']] as [string, string][]) assert.equal(byText.get(t), id, t);
  // "Vladimir Kim", "Makhambet Abjan", "rue Abai", "Ekho Moskvy" hold town names but name a person, a street, a radio.
  for (const t of ['Vladimir', 'Makhambet', 'Abai', 'Moskvy']) assert.ok(!byText.has(t), t);
  assert.equal(found.filter((m) => m.text === 'Almaty').length, 37, 'every "Almaty" of the article');
  // Landmarks written in lower case, and "l’Akimat" as the hall of the town just named.
  assert.equal(byText.get('place de la République'), 'kz-almaty-republic-square');
  assert.equal(byText.get('rue Abai'), 'kz-almaty-abai-avenue');
  const halls = found.filter((m) => m.text === 'Akimat');
  assert.ok(halls.length >= 5 && halls.every((m) => m.gazetteerId === 'kz-almaty-akimat'));
  assert.ok(!halls.some((m) => m.at[0] > text.indexOf('a remarqué à Uralsk') && m.at[0] < text.indexOf('a remarqué à Uralsk') + 300), 'Uralsk’s akimat is not Almaty’s');
  // A country's name inside an organisation's is not the country.
  const oyan = text.indexOf('Oyan Kazakhstan');
  assert.ok(!found.some((m) => m.at[0] === oyan + 5));
  // Named in the article's language.
  assert.equal(found.find((m) => m.text === 'Zhanaozen')!.place.name, 'Janaozen');
  assert.equal(found.find((m) => m.text === 'Moscou')!.place.name, 'Moscou');
});

test('seed article 2: French forms and countries; "à Almaty" gives the name alone', () => {
  const text = seed('uprising-interview');
  const found = places(text);
  const byText = new Map(found.map((m) => [m.text, m.gazetteerId]));
  for (const [t, id] of [['Janaozen', 'kz-zhanaozen'], ['Zhanaozen', 'kz-zhanaozen'], ['Aqorda', 'kz-astana-akorda'], ['Kirghizistan', 'kg'], ['Tadjikistan', 'tj'], ['Arménie', 'am'], ['Biélorussie', 'by']] as [string, string][]) assert.equal(byText.get(t), id, t);
  assert.ok(found.every((m) => !/^(à|a|en|au|d’|l’)\s/i.test(m.text)));
});

test('any script: French forms, Cyrillic with case endings, Kazakh; adjectives and common words are not places', () => {
  assert.deepEqual(ids(places('Les grèves ont commencé à Janaozen, puis à Aktaou et à Ouralsk. Manifestations en Manguistaou.')), [
    ['Janaozen', 'kz-zhanaozen'], ['Aktaou', 'kz-aktau'], ['Ouralsk', 'kz-uralsk'], ['Manguistaou', 'kz-mangystau-region'],
  ]);
  assert.deepEqual(ids(places('Протесты начались в Жанаозене, затем в Актау, Уральске и Алма-Ате. Войска ОДКБ из Москвы.', 'ru')), [
    ['Жанаозене', 'kz-zhanaozen'], ['Актау', 'kz-aktau'], ['Уральске', 'kz-uralsk'], ['Алма-Ате', 'kz-almaty'], ['Москвы', 'geonames:524901'],
  ]);
  assert.deepEqual(ids(places('Жаңаөзенде ереуіл басталды. Қазақстан.', 'kk')), [['Жаңаөзенде', 'kz-zhanaozen'], ['Қазақстан', 'kz']]);
  // Adjectives and lower-case words; capitalised common words at sentence starts.
  assert.deepEqual(places('La police kazakhe et l’armée russe. Les Kazakhs. Plus tard, Est ou Ouest ? Sans doute. Union, Internet, Parti.'), []);
  // "à Almaty" and "d’Almaty": the name alone; "Kazakhstan" is a place (a country).
  assert.deepEqual(ids(places('Je suis allé à Almaty, la plus grande ville d’Almaty… au Kazakhstan.')), [['Almaty', 'kz-almaty'], ['Almaty', 'kz-almaty'], ['Kazakhstan', 'kz']]);
});

test('small GeoNames places need a capitalised name mid-sentence; large ones are found anywhere', () => {
  // Zharyk is a Kazakh village of ~3,000 people; Bishkek and Tashkent are capitals.
  assert.deepEqual(ids(places('Les bus partent de Bichkek et de Tachkent.')), [['Bichkek', 'geonames:1528675'], ['Tachkent', 'geonames:1512569']]);
  assert.deepEqual(ids(places('Ils sont venus de Zharyk à pied.')), [['Zharyk', 'geonames:1516678']]);
  assert.deepEqual(places('Zharyk est loin.'), [], 'a small place as a sentence’s first word may be any capitalised word');
  assert.deepEqual(places('Ils ont vu Temir Bekov.'), [], 'a village named like a person, inside a person’s name');
});

test('hostile text never throws and gives valid, ordered spans', () => {
  const piece = fc.constantFrom('Almaty', 'Janaozen', 'Жанаозене', 'Nur-Sultan', 'à ', 'l’', 'rue ', 'Vladimir', ' ', '\n', '\n\n', '.', ',', 'É', '\u0301', '𝔸', 'Kazakhstan', 'place de la République', '-\n', 'Kirghi', 'zistan', ' du ', 'Bank of ', 'Parti communiste ', 'Europe de l’Ouest', 'Мангистауской', ' области', 'площади ', 'Республики', 'акимата', 'akimat', "'s", '’s ', 'Армении', 'МИД ');
  const texts = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 80 }), fc.array(piece, { maxLength: 40 }).map((p) => p.join('')));
  fc.assert(
    fc.property(texts, fc.constantFrom<ExtractOptions['lang']>('fr', 'ru', 'en', 'kk'), (text, lang) => {
      const found = places(text, lang);
      for (let k = 1; k < found.length; k++) assert.ok(found[k]!.at[0] >= found[k - 1]!.at[1], 'in order, not overlapping');
      for (const m of found) assert.ok(m.gazetteerId && m.at[1] > m.at[0]);
    }),
    { numRuns: 2000 },
  );
});

test('placeNameForm: a place as named, declined in Russian, or not a place', () => {
  assert.equal(placeNameForm('Almaty'), 'as-named');
  assert.equal(placeNameForm('Казахстан'), 'as-named');
  assert.equal(placeNameForm('Казахстана'), 'declined');
  assert.equal(placeNameForm('Жанаозене'), 'declined');
  for (const w of ['Tokayev', 'Токаева', 'Bakytzhan', 'Union', '', '-', '𝔸']) assert.equal(placeNameForm(w), undefined, w);
});

test('a name cut by a hyphen at a line’s end is one word, its span covering both parts', () => {
  const text = 'Au Kirghi-\nzistan, en Biélorus-\nsie et à Ust-\nKamenogorsk ; un soixante-\ndix.';
  const found = places(text);
  assert.deepEqual(ids(found).slice(0, 2), [['Kirghi-\nzistan', 'kg'], ['Biélorus-\nsie', 'by']]);
  assert.equal(found[0]!.place.name, 'Kirghizistan');
  // Hostile: cut words anywhere keep exact, ordered spans inside their passage (places() checks them).
  fc.assert(
    fc.property(fc.array(fc.constantFrom('Kirghi', 'zistan', '-\n', '-', '\n', ' ', 'Al', 'maty', 'É', '’', '-\n\n'), { maxLength: 30 }), (pieces) => {
      const t = pieces.join('');
      const f = places(t);
      for (let k = 1; k < f.length; k++) assert.ok(f[k]!.at[0] >= f[k - 1]!.at[1]);
    }),
    { numRuns: 1000 },
  );
});

test('a country inside an organisation’s name is no place mention; a list of places and a state’s own name are', () => {
  const text =
    'Les clients de Halyk Bank of Kazakhstan, le secrétaire du Parti communiste du Kazakhstan et le Choix démocratique du Kazakhstan. ' +
    'Les gouvernements du Kazakhstan et de la Russie, la République du Kazakhstan, l’Ouest du Kazakhstan, le Parti communiste de l’Union soviétique.';
  const found = ids(places(text));
  assert.deepEqual(found, [['Kazakhstan', 'kz'], ['Russie', 'ru'], ['Kazakhstan', 'kz'], ['Kazakhstan', 'kz']]);
});

test('the world’s countries and capitals, in French, Russian, English and Kazakh; continents and Europe de l’Ouest', () => {
  const fr = ids(places('Des exilés à Londres, Vienne et Prague, en Turquie, en Irak et en Égypte, en Europe et en Europe de l’Ouest.'));
  assert.deepEqual(fr.map(([t]) => t), ['Londres', 'Vienne', 'Prague', 'Turquie', 'Irak', 'Égypte', 'Europe', 'Europe de l’Ouest']);
  assert.deepEqual(fr.slice(3, 6).map(([, id]) => id), ['tr', 'iq', 'eg']);
  assert.deepEqual(ids(places('Он уехал в Турцию, потом в Лондон.', 'ru')).map(([, id]) => id).slice(0, 1), ['tr']);
  assert.deepEqual(ids(places('He flew from Turkey to Cairo.', 'en')).map(([t]) => t), ['Turkey', 'Cairo']);
  assert.deepEqual(ids(places('Ол Мысырға барды.', 'kk')).map(([, id]) => id), ['eg']);
});

test('a GeoNames name opening a sentence that the text also writes in lower case is that word ("Seul, ..." is not Seoul)', () => {
  assert.deepEqual(ids(places('Il était seul. Seul, il a marché jusqu’à Almaty.')), [['Almaty', 'kz-almaty']]);
  assert.deepEqual(ids(places('Il est allé à Séoul.')).map(([t]) => t), ['Séoul']);
});

test('Russian case forms: a town, an adjectival region and a square, each word declined; a country in -ия in any case', () => {
  const ru = (t: string) => ids(places(t, 'ru'));
  assert.deepEqual(ru('Забастовка нефтяников шла в Жанаозене Мангистауской области всю зиму.'), [['Жанаозене', 'kz-zhanaozen'], ['Мангистауской области', 'kz-mangystau-region']]);
  assert.deepEqual(ru('Жители Мангистауской области и Мангистаускую область покидали.'), [['Мангистауской области', 'kz-mangystau-region'], ['Мангистаускую область', 'kz-mangystau-region']]);
  assert.deepEqual(ru('Вечером студенты стояли на площади Республики.'), [['площади Республики', 'kz-almaty-republic-square']]);
  assert.deepEqual(ru('Гости приехали из Армении, а делегаты — из Алма-Аты.'), [['Армении', 'am'], ['Алма-Аты', 'kz-almaty']]);
  assert.deepEqual(ru('Слова президента Армении Ашота Саркисяна процитировали.'), [['Армении', 'am']], 'a declined country before a person’s name');
  // An adjective is no country; a ministry's name holds its country ("МИД Армении").
  assert.deepEqual(ru('Киргизский посол промолчал, МИД Армении тоже.'), []);
});

test('a landmark’s common noun in lower case is the landmark: a bare akimat is the hall of the last town named', () => {
  assert.deepEqual(ids(places('Marchers reached Almaty by noon. By evening the akimat was burning.', 'en')), [['Almaty', 'kz-almaty'], ['akimat', 'kz-almaty-akimat']]);
  assert.deepEqual(ids(places('Des milliers de gens à Almaty ; l’akimat a fermé.', 'fr')), [['Almaty', 'kz-almaty'], ['akimat', 'kz-almaty-akimat']]);
  assert.deepEqual(ids(places('Толпа у здания акимата Алматы росла.', 'ru')), [['акимата', 'kz-almaty-akimat'], ['Алматы', 'kz-almaty']]);
  assert.deepEqual(ids(places('В Алматы тихо. Митинг у акимата разогнали.', 'ru')), [['Алматы', 'kz-almaty'], ['акимата', 'kz-almaty-akimat']]);
  // With no town named before, an akimat is any town's: nothing is claimed.
  assert.deepEqual(ids(places('The akimat was closed.', 'en')), []);
});

test('an English possessive is not part of the place (in English); in another language’s text it belongs to a foreign name', () => {
  assert.deepEqual(ids(places("It was Kazakhstan's hardest winter, and Russia’s troops stayed a week.", 'en')), [['Kazakhstan', 'kz'], ['Russia', 'ru']]);
  assert.deepEqual(ids(places('Il a des parts dans Singapore’s Steppe Capital.', 'fr')), []);
});
