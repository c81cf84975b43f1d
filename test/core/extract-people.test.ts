import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { findPeople } from '../../src/core/extract/people.ts';
import { passagesOf } from '../../src/core/extract/passages.ts';
import type { ExtractOptions, PersonMention } from '../../src/core/extract/types.ts';

const seed = (name: string) => readFileSync(new URL(`../../../shared/seeds/kazakhstan-2022-01-${name}.fr.txt`, import.meta.url), 'utf8');

function people(text: string, lang: ExtractOptions['lang'] = 'fr'): PersonMention[] {
  const passages = passagesOf(text);
  const found = findPeople(text, passages, { lang });
  for (const m of found) {
    assert.equal(m.text, text.slice(m.at[0], m.at[1]), 'the mention is exactly the text at its span');
    const p = passages.find((p) => p.id === m.passage);
    assert.ok(p && p.at[0] <= m.at[0] && m.at[1] <= p.at[1], 'inside its passage');
  }
  return found;
}

test('seed article 1: the people it names, with their roles, and no places, organisations or common words', () => {
  const text = seed('after-the-uprising');
  const found = people(text);
  const names = new Set(found.map((m) => m.name));
  for (const n of [
    'Nursultan Nazarbayev', 'Kassym-Jomart Tokayev', 'Jomart Tokayev', 'Tokayev', 'Tokaev', 'Nazarbayev', 'Lukpan Akhmedyarov', 'Lukpan Akhmediyarov', 'Akhmedyarov',
    'Makhambet Abjan', 'Zhanabergen Talgat', 'Vladimir Kim', 'Vyacheslav Kim', 'Timur Kulibayev', 'Dinara Kulibayeva', 'Bulat Utemuratov', 'Timur Turlov',
    'Mikhaïl Gorbatchev', 'Mikhail Gorbachev', 'Lukashenko', 'Maksim Kurnikov', 'Asya Tulesova', 'Beibarys Tolymbekov', 'Daniyar Moldabekov', 'N. Nazarbaev', 'George Floyd',
  ]) assert.ok(names.has(n), n);
  for (const n of ['Almaty', 'Kazakhstan', 'Le Kazakhstan', 'Russie', 'Kaspi Bank', 'Halyk Bank', 'Anarchist Fighter', 'Ekho Moskvy', 'Baring Vostok', 'Big Brother', 'OTSC', 'CSTO', 'Le', 'Les', 'Selon', 'Janvier', 'Union Soviétique', 'Sécurité Nationale', 'Gilets Jaunes']) assert.ok(!names.has(n), n);
  // Names never carry their title.
  assert.ok(found.every((m) => !/^(le |la |président|journaliste|M\. )/i.test(m.name)));
  const role = (at: string) => found.find((m) => m.name === at)?.role;
  assert.equal(role('Lukpan Akhmedyarov'), 'journaliste d’opposition');
  assert.equal(role('Lukpan Akhmediyarov'), 'journaliste local indépendant');
  assert.equal(role('Makhambet Abjan'), 'journaliste indépendant');
  assert.equal(role('Jomart Tokayev'), 'président actuel');
  assert.ok(found.some((m) => m.name === 'Tokaev' && m.role === 'président'));
  // The passage of "Le journaliste local indépendant Lukpan Akhmediyarov a été arrêté." is the exact paragraph.
  const m = found.find((m) => m.name === 'Lukpan Akhmediyarov')!;
  const p = passagesOf(text).find((p) => p.id === m.passage)!;
  assert.ok(text.slice(p.at[0], p.at[1]).startsWith('Le journaliste local indépendant Lukpan Akhmediyarov a été arrêté.'));
});

test('seed article 2 (hard-wrapped): names across line ends, "M." as a title', () => {
  const text = seed('uprising-interview');
  const found = people(text);
  const names = new Set(found.map((m) => m.name));
  for (const n of ['Nursultan Nazarbayev', 'Kassym-Jomart Tokayev', 'Tokayev', 'Nazarbayev', 'Mukhtar Ablyazov', 'Vladimir Poutine', 'Poutine', 'Ainur Kurmanov', 'Hanna Liubakova']) assert.ok(names.has(n), n);
  assert.ok(found.some((m) => m.name === 'Nazarbayev' && m.role === 'M.'), 'M. Nazarbayev');
  assert.ok(found.some((m) => m.name === 'Kassym-Jomart Tokayev' && m.role === 'actuel président'));
  for (const n of ['Kazakhstan', 'Russie', 'Biélorussie', 'Kirghizistan', 'Janaozen']) assert.ok(!names.has(n), n);
});

test('Russian, English and Kazakh text; initials; lone common words are not people', () => {
  const ru = people('Президент Касым-Жомарт Токаев заявил, что журналист Махамбет Абжан задержан. Назарбаев молчит.', 'ru');
  assert.deepEqual(ru.map((m) => [m.name, m.role]), [['Касым-Жомарт Токаев', 'Президент'], ['Махамбет Абжан', 'журналист'], ['Назарбаев', undefined]]);
  const kk = people('Мемлекет басшысы Қасым-Жомарт Тоқаев мәлімдеді. Журналист Махамбет Әбжан ұсталды.', 'kk');
  assert.deepEqual(kk.map((m) => [m.name, m.role]), [['Қасым-Жомарт Тоқаев', undefined], ['Махамбет Әбжан', 'Журналист']]);
  const en = people('On 5 January, journalist Makhambet Abjan was detained in Almaty. President Tokayev spoke. The police said nothing of Nursultan Nazarbayev’s family.', 'en');
  assert.deepEqual(en.map((m) => [m.name, m.role]), [['Makhambet Abjan', 'journalist'], ['Tokayev', 'President'], ['Nursultan Nazarbayev', undefined]]);
  const fr = people('Le président K. Tokaïev a parlé. Ensuite, Tokaïev Kassym-Jomart a signé. Nazarbaïev aussi. Pourtant Rien ne bouge.');
  assert.deepEqual(fr.map((m) => [m.name, m.role]), [['K. Tokaïev', 'président'], ['Tokaïev Kassym-Jomart', undefined], ['Nazarbaïev', undefined]]);
  assert.deepEqual(people('Rien. Personne. Mais Quoi ? Alors Demain.'), []);
});

test('hostile text never throws and gives valid, ordered spans', () => {
  const piece = fc.constantFrom('Tokaïev', 'Kassym-Jomart', 'K.', 'M.', 'le président ', 'journaliste ', 'Almaty', 'Жанаозен', ' ', '\n', '\n\n', '.', ',', '«', '»', 'l’', '-', 'É', '\u0301', '𝔸', 'Bank', 'JSC');
  const texts = fc.oneof(fc.string({ maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 80 }), fc.array(piece, { maxLength: 40 }).map((p) => p.join('')));
  fc.assert(
    fc.property(texts, (text) => {
      const found = people(text);
      for (let k = 1; k < found.length; k++) assert.ok(found[k]!.at[0] >= found[k - 1]!.at[1], 'in order, not overlapping');
      for (const m of found) assert.ok(m.name.trim() !== '' && m.at[1] > m.at[0]);
    }),
    { numRuns: 2000 },
  );
});

test('Russian declension: a man’s name in an oblique case is named in the nominative, its text kept as written', () => {
  const ru = people(
    'По словам министра Ерлана Тургумбаева, задержаны 8000 человек. Россия поддержала Касым-Жомарта Токаева, а Касым-Жомарт Токаев поблагодарил её. ' +
      'Задержание Токаева обсуждали. У Назарбаева нет власти. Дарига Назарбаева молчит. Нурсултан Назарбаев ушёл. ' +
      'Путин позвонил Касым-Жомарту Токаеву. Он говорил с Ерланом Тургумбаевым и о Махамбете Абжане.',
    'ru',
  );
  assert.deepEqual(ru.map((m) => [m.text, m.name]), [
    ['Ерлана Тургумбаева', 'Ерлан Тургумбаев'],
    ['Касым-Жомарта Токаева', 'Касым-Жомарт Токаев'],
    ['Касым-Жомарт Токаев', 'Касым-Жомарт Токаев'],
    ['Токаева', 'Токаев'],
    ['Назарбаева', 'Назарбаев'],
    ['Дарига Назарбаева', 'Дарига Назарбаева'], // a woman, in the nominative
    ['Нурсултан Назарбаев', 'Нурсултан Назарбаев'],
    ['Путин', 'Путин'],
    ['Касым-Жомарту Токаеву', 'Касым-Жомарт Токаев'],
    ['Ерланом Тургумбаевым', 'Ерлан Тургумбаев'],
    ['Махамбете Абжане', 'Махамбет Абжан'],
  ]);
  assert.equal(ru[0]!.role, 'министра');
  // Without a word that governs the case, "-а -ева" may be a woman in the nominative: left as written.
  assert.deepEqual(people('Динара Кулибаева владеет банком.', 'ru').map((m) => m.name), ['Динара Кулибаева']);
  // The rules are Russian: French and Kazakh names are never "declined".
  assert.deepEqual(people('Selon le ministre Erlan Turgumbaeva.').map((m) => m.name), ['Erlan Turgumbaeva']);
});

test('organisations are not people, by their head noun, in English, French and Russian', () => {
  const en = people('According to the Interior Ministry, 164 people died. The National Security Committee and the Prosecutor General’s Office said so, as did the Ministry of Internal Affairs, the Nur Otan Party and the Anti-Corruption Agency. Tokayev spoke.', 'en');
  assert.deepEqual(en.map((m) => m.name), ['Tokayev']);
  const fr = people('Selon le Ministère de l’Intérieur, 164 morts. Le Comité de Sécurité Nationale a parlé, puis le Parti Nur Otan, l’Agence Anticorruption et le Bureau du Procureur Général. Le président Tokaïev a signé.');
  assert.deepEqual(fr.map((m) => m.name), ['Tokaïev']);
  const ru = people('Как сообщает МВД, задержаны 8000 человек. Генпрокуратура Казахстана заявила. Министерство Внутренних Дел молчит, Комитет Национальной Безопасности тоже. Президент Токаев выступил.', 'ru');
  assert.deepEqual(ru.map((m) => m.name), ['Токаев']);
});

test('lone family names: known from the text, after a role, or by a family ending that is not a place or a common word', () => {
  const fr = people('Le président Vladimir Poutine a appelé. Ensuite Poutine a raccroché. Lukashenko a écrit. Tokaïev a répondu.');
  assert.deepEqual(fr.map((m) => m.name), ['Vladimir Poutine', 'Poutine', 'Lukashenko', 'Tokaïev']);
  assert.deepEqual(people('Путин ответил. Затем Назарбаева молчала.', 'ru').map((m) => m.name), ['Путин', 'Назарбаева']);
  assert.deepEqual(people('Tokayev spoke. Later, Putin called Tokayev.', 'en').map((m) => m.name), ['Tokayev', 'Putin', 'Tokayev']);
  // Common words with a family-name ending are not people, nor are places.
  assert.deepEqual(people('Снова начались протесты. Причина проста. Половина города вышла. Один человек погиб. Камышин молчит.', 'ru'), []);
  assert.deepEqual(people('Again the police came. Within hours it was over. Begin again. Kamyshin said nothing. China neither.', 'en'), []);
  // At a sentence's start, a weak ending counts when a verb or a comma follows: a headline's bare noun does not.
  assert.deepEqual(people('Putin said nothing. Usine fermée. Machine arrêtée. Marine Le Pen a réagi.').map((m) => m.name), []);
  assert.deepEqual(people('Putin said nothing. Lenin statues remain.', 'en').map((m) => m.name), ['Putin']);
  assert.deepEqual(people('Staline et Lénine sont loin. Poutine n’est pas un nationaliste.').map((m) => m.name), ['Staline', 'Lénine', 'Poutine']);
});

test('unseen Russian news: roles with what they head, a place before a name, a daughter named after her father’s title', () => {
  const text =
    'По словам министра внутренних дел Ерлана Тургумбаева, погибли 164 человека. Генпрокуратура сообщила о задержании бывшего главы КНБ Карима Масимова. ' +
    'Дочь первого президента Дарига Назарбаева покинула страну. Бывший аким Алматы Бакытжан Сагинтаев ушёл. Президент Казахстана Касым-Жомарт Токаев выступил. ' +
    'Владимир Путин позвонил. Токаев поблагодарил Путина. Наша Рита Ковалёва рассказала всё.';
  assert.deepEqual(people(text, 'ru').map((m) => [m.text, m.name]), [
    ['Ерлана Тургумбаева', 'Ерлан Тургумбаев'],
    ['Карима Масимова', 'Карим Масимов'],
    ['Дарига Назарбаева', 'Дарига Назарбаева'],
    ['Бакытжан Сагинтаев', 'Бакытжан Сагинтаев'],
    ['Касым-Жомарт Токаев', 'Касым-Жомарт Токаев'],
    ['Владимир Путин', 'Владимир Путин'],
    ['Токаев', 'Токаев'],
    // The text names Владимир Путин and no woman Путина: the man's genitive.
    ['Путина', 'Путин'],
    ['Рита Ковалёва', 'Рита Ковалёва'],
  ]);
  // With a woman of that family named in full, a lone "-а" form stays as written (it may be hers).
  assert.deepEqual(people('Нурсултан Назарбаев ушёл. Дарига Назарбаева осталась. Все поддержали Назарбаева.', 'ru').map((m) => m.name), ['Нурсултан Назарбаев', 'Дарига Назарбаева', 'Назарбаева']);
});

test('unseen English news: institutions joined by "and", NGOs, a town and a title before a name', () => {
  const text =
    'The Ministry of Information and Social Development said the internet would return. Human Rights Watch and Amnesty International called for an inquiry. ' +
    'Almaty Mayor Bakytzhan Sagintayev was dismissed. Kremlin spokesman Dmitry Peskov said so. In the Kremlin, nothing.';
  assert.deepEqual(people(text, 'en').map((m) => [m.name, m.role]), [['Bakytzhan Sagintayev', 'Mayor'], ['Dmitry Peskov', 'spokesman']]);
  assert.deepEqual(people('Dans la Marine, rien. Le parti Nur Otan, présidé par Nazarbaïev, a changé de chef. Lénine est toujours là.').map((m) => m.name), ['Nazarbaïev', 'Lénine']);
});

test('Russian sentence openers are not part of a name and govern its case; a Kazakh place after a name is cut off', () => {
  const ru = people(
    'Выступление Касым-Жомарта Токаева транслировали. Противники Токаева молчат. Бывшие соратники Назарбаева ушли. Анна Политковская погибла. ' +
      'Юрий Дмитриев осуждён. О задержании Махамбета Абжана сообщили. Журналистка Асия Тулесова задержана.',
    'ru',
  );
  assert.deepEqual(ru.map((m) => [m.text, m.name]), [
    ['Касым-Жомарта Токаева', 'Касым-Жомарт Токаев'],
    ['Токаева', 'Токаев'],
    ['Назарбаева', 'Назарбаев'],
    ['Анна Политковская', 'Анна Политковская'],
    ['Юрий Дмитриев', 'Юрий Дмитриев'],
    ['Махамбета Абжана', 'Махамбет Абжан'],
    ['Асия Тулесова', 'Асия Тулесова'],
  ]);
  assert.deepEqual(people('Президент Қасым-Жомарт Тоқаев Алматыда сөйледі. Ішкі істер министрлігі хабарлады.', 'kk').map((m) => m.name), ['Қасым-Жомарт Тоқаев']);
});

test('an unseen English wire story: every person, no institution', () => {
  const text =
    'Kazakh President Kassym-Jomart Tokayev said on Friday he had ordered security forces to shoot to kill. Tokayev thanked Putin. The Interior Ministry said 26 had been killed. ' +
    'Kremlin spokesman Dmitry Peskov said Russia would not interfere. Lavrov spoke with Blinken. The U.S. State Department urged restraint. Secretary of State Antony Blinken called Foreign Minister Mukhtar Tileuberdi. ' +
    'The European Union, the United Nations and the Organization for Security and Co-operation in Europe voiced concern. Karim Massimov was detained, the National Security Committee (KNB) said. ' +
    'Yerlan Karin called it a coup. Within days, Karin had become a familiar voice. The Kazakhstan Stock Exchange halted trading. Human Rights Watch’s Mihra Rittmann said so.';
  assert.deepEqual(people(text, 'en').map((m) => m.name), [
    'Kassym-Jomart Tokayev', 'Tokayev', 'Putin', 'Dmitry Peskov', 'Lavrov', 'Blinken', 'Antony Blinken', 'Mukhtar Tileuberdi', 'Karim Massimov', 'Yerlan Karin', 'Karin', 'Mihra Rittmann',
  ]);
});

test('hostile Russian text: declension never throws, names keep their word count, spans stay exact and ordered', () => {
  const piece = fc.constantFrom('По словам министра ', 'Ерлана', 'Токаева', 'Токаев', 'у ', 'Задержание ', 'Касым-Жомарта', 'Касым-Жомарт', 'Алматы', 'Дарига', 'Троцкого', 'Ерланом', 'главы КНБ ', 'дочь ', ' ', '\n\n', '.', ',', '«', '-', '\u0301', 'Interior Ministry');
  const texts = fc.oneof(fc.string({ maxLength: 120 }), fc.array(piece, { maxLength: 30 }).map((p) => p.join(' ')));
  fc.assert(
    fc.property(texts, (text) => {
      const found = people(text, 'ru');
      for (let k = 1; k < found.length; k++) assert.ok(found[k]!.at[0] >= found[k - 1]!.at[1], 'in order, not overlapping');
      for (const m of found) assert.equal(m.name.split(' ').length, m.text.split(/\s+/).length, `${m.text} → ${m.name}`);
    }),
    { numRuns: 1000 },
  );
});

test('Russian declension of soft-stem given names: Дмитрия Пескова is Дмитрий Песков, Андрею is Андрей', () => {
  const ru = people('По словам пресс-секретаря Дмитрия Пескова, всё спокойно. Путин позвонил Андрею Иванову. Анна Политковская погибла. С Игорем Сечиным встретились. О Николае Петрове молчат.', 'ru');
  assert.deepEqual(ru.map((m) => [m.text, m.name]), [
    ['Дмитрия Пескова', 'Дмитрий Песков'],
    ['Путин', 'Путин'],
    ['Андрею Иванову', 'Андрей Иванов'],
    ['Анна Политковская', 'Анна Политковская'],
    ['Игорем Сечиным', 'Игорь Сечин'],
    ['Николае Петрове', 'Николай Петров'],
  ]);
});

test('a name cut by a hyphen at a line’s end is one word: the span covers both parts, the name is written whole', () => {
  const text = 'Selon le président Kassym-Jomart Toka-\nïev, la situation est grave. Asya Tulesova et Beibarys Tolymbekov étaient là.';
  const found = people(text);
  assert.deepEqual(found.map((p) => [p.text, p.name]), [
    ['Kassym-Jomart Toka-\nïev', 'Kassym-Jomart Tokaïev'],
    ['Asya Tulesova', 'Asya Tulesova'],
    ['Beibarys Tolymbekov', 'Beibarys Tolymbekov'],
  ]);
});

test('given names that are also countries’ names stay people’s (Maurice Thorez, Salvador Allende, Jordan Peterson)', () => {
  const found = people('Le dirigeant Maurice Thorez a rencontré Salvador Allende et Jordan Peterson. Il vit à Maurice.');
  assert.deepEqual(found.map((p) => p.name), ['Maurice Thorez', 'Salvador Allende', 'Jordan Peterson']);
});

test('a title ("Georgian Prime Minister") and a ministry’s short Russian name ("Минобороны", "Минздрав") are no person; an English possessive is no part of a name', () => {
  assert.deepEqual(people('The Georgian Prime Minister Irakli Garibashvili spoke. Garibashvili’s aides and Tokayev\'s decree followed.', 'en').map((m) => m.text), ['Irakli Garibashvili', 'Garibashvili', 'Tokayev']);
  assert.deepEqual(people('Об этом сообщили в Минобороны Армении и Минздрав Казахстана, сказал Ерлан Карин.', 'ru').map((m) => m.text), ['Ерлан Карин']);
});
