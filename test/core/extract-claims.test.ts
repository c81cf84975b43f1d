import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { findClaims } from '../../src/core/extract/claims.ts';
import { passagesOf } from '../../src/core/extract/passages.ts';
import { findPeople } from '../../src/core/extract/people.ts';
import type { ClaimMention, ExtractOptions } from '../../src/core/extract/types.ts';
import { claimContent } from '../../src/core/records/schemas.ts';

const AFTER = readFileSync('../shared/seeds/kazakhstan-2022-01-after-the-uprising.fr.txt', 'utf8');
const INTERVIEW = readFileSync('../shared/seeds/kazakhstan-2022-01-uprising-interview.fr.txt', 'utf8');

function claims(text: string, opts: ExtractOptions): ClaimMention[] {
  const passages = passagesOf(text);
  return findClaims(text, passages, opts, findPeople(text, passages, opts));
}

function checkSpans(text: string, found: readonly ClaimMention[]): void {
  const passages = passagesOf(text);
  for (const c of found) {
    assert.equal(c.text, text.slice(c.at[0], c.at[1]));
    const p = passages.find((x) => x.id === c.passage);
    assert.ok(p && c.at[0] >= p.at[0] && c.at[1] <= p.at[1], 'inside its passage');
    assert.ok(c.text.includes(c.statement), 'the statement is words of the claim');
    const parsed = claimContent.safeParse({ lang: 'fr', statement: c.statement, claimant: c.claimant, ...(c.said ? { said: c.said } : {}), ...(c.figure ? { figure: c.figure } : {}) });
    assert.ok(parsed.success, JSON.stringify(c));
  }
}

/** The claim whose text holds `words`. */
function holding(found: readonly ClaimMention[], words: string): ClaimMention {
  const c = found.find((x) => x.text.includes(words));
  assert.ok(c, `a claim holds "${words}"`);
  return c;
}

test('after-the-uprising: the official toll, the journalists, the sources quoted, each with its speaker', () => {
  const found = claims(AFTER, { lang: 'fr', reference: '2022-01-12' });
  checkSpans(AFTER, found);
  const minister = holding(found, 'près de 8000 personnes');
  assert.deepEqual(minister.claimant, { name: 'ministre de l’Intérieur kazakh' });
  assert.ok(minister.text.startsWith('Selon le ministre de l’Intérieur kazakh, près de 8000'));
  assert.ok(minister.statement.startsWith('près de 8000 personnes ont été arrêtées') && minister.statement.includes('au moins 164 ont été tuées'));
  assert.deepEqual(minister.figure, { value: 8000, unit: 'detained', qualifier: 'about' });

  // "Un autre journaliste indépendant, Makhambet Abjan, a envoyé un message indiquant le 5 janvier que la police s'était rendue à son appartement"
  const abjan = holding(found, 'la police s’était rendue à son appartement');
  assert.equal(abjan.claimant.name, 'Makhambet Abjan');
  assert.equal(abjan.said?.from, '2022-01-05');
  assert.ok(abjan.statement.startsWith('la police s’était rendue'));

  assert.equal(holding(found, 'l’œuvre des agents de Nazarbayev').claimant.name, 'Lukpan Akhmedyarov');
  // "Il a notamment remarqué que ...": "Il" is Kurnikov, named in the sentence before.
  assert.equal(holding(found, 'n’est pas nouveau au Kazakhstan').claimant.name, 'Maksim Kurnikov');
  assert.deepEqual(holding(found, 'une “société britannique de cuivre”').claimant, { name: 'Wikipedia' });
  assert.equal(holding(found, 'qu’il essayait d’empêcher Nursultan Nazarbayev').claimant.name, 'Gorbatchev');
  assert.equal(holding(found, 'se déguisent en policiers et en soldats').claimant.name, 'autorités kazakhes');
  assert.equal(holding(found, 'la mort de centaines de personnes').claimant.name, 'autorités');

  // "mon camarade Daniyar Moldabekov, journaliste politique, a écrit:" closes its paragraph: the next one is what he wrote.
  const wrote = holding(found, 'Quand les manifestant·es se sont approché·es de la place');
  assert.equal(wrote.claimant.name, 'Daniyar Moldabekov');
  assert.ok(wrote.text.startsWith('«\u00a0Quand les manifestant·es'));
  // "Selon avtonom.org:" likewise.
  assert.equal(holding(found, 'Un président qui appelle les gens de son propre pays').claimant.name, 'avtonom.org');
  // "Il a déclaré: “« Je dispose d'informations exclusives" is the former adviser of the sentence before.
  assert.equal(holding(found, 'Je dispose d’informations exclusives').claimant.name, 'ancien conseiller du président');

  // "Selon certaines rumeurs, N. Nazarbaev avait lui aussi quitté le pays.": an initial does not end the sentence.
  assert.equal(holding(found, 'N. Nazarbaev avait lui aussi quitté le pays').statement, 'N. Nazarbaev avait lui aussi quitté le pays.');
  // "Comme l'a formulé quelqu'un⋅e dans un commentaire," and "Dans Anarchist Fighter:" attribute the next paragraph.
  assert.equal(holding(found, 'Poutine n’est pas un nationaliste mais un garant').claimant.name, 'quelqu’un⋅e dans un commentaire');
  assert.equal(holding(found, 'Le soulèvement actuel au Kazakhstan a commencé par des manifestations à Zhanaozen').claimant.name, 'Anarchist Fighter');
  assert.equal(holding(found, 'soudoyé·es avec de la vodka').claimant.name, 'rumeurs');
  assert.equal(holding(found, 'ni un acte terroriste venu de l’étranger').claimant.name, 'toutes les sources officielles de différents pays');
  assert.ok(holding(found, 'D’après les déclarations financières de la compagnie').claimant.name.startsWith('déclarations financières'));

  // The interviewees' own opinions and questions are not claims.
  assert.equal(found.some((c) => /^Selon vous/.test(c.text)), false);
  assert.equal(found.some((c) => c.text.trimEnd().endsWith('?')), false);
});

test('uprising-interview: "Comme l’a dit Randolph Bourne"', () => {
  const found = claims(INTERVIEW, { lang: 'fr', reference: '2022-01-07' });
  checkSpans(INTERVIEW, found);
  const bourne = holding(found, 'La guerre est la santé de l’État');
  assert.equal(bourne.claimant.name, 'Randolph Bourne');
  assert.equal(bourne.statement, '«La guerre est la santé de l’État».');
});

test('attribution forms in French, Russian and English', () => {
  const fr = 'Selon moi, tout a changé. Le porte-parole Ivan Petrov a déclaré que 16 soldats avaient été tués. Le président a déclaré l’état d’urgence. 225 morts ont été recensés, selon le ministère de la Santé.';
  const f = claims(fr, { lang: 'fr', reference: '2022-01-12' });
  checkSpans(fr, f);
  assert.deepEqual(
    f.map((c) => [c.claimant.name, c.statement, c.figure]),
    [
      ['Ivan Petrov', '16 soldats avaient été tués.', { value: 16, unit: 'killed' }],
      ['ministère de la Santé', '225 morts ont été recensés', { value: 225, unit: 'killed' }],
    ],
  );
  const ru = 'По словам министра внутренних дел, не менее 164 человек погибли. Токаев заявил, что в стране работают террористы.';
  const r = claims(ru, { lang: 'ru', reference: '2022-01-12' });
  checkSpans(ru, r);
  assert.deepEqual(
    r.map((c) => [c.claimant.name, c.statement, c.figure?.unit]),
    [
      ['министра внутренних дел', 'не менее 164 человек погибли.', 'killed'],
      ['Токаев', 'в стране работают террористы.', undefined],
    ],
  );
  const en = 'According to the interior ministry, at least 164 people were killed. Tokayev said that foreign terrorists had attacked.';
  const e = claims(en, { lang: 'en', reference: '2022-01-12' });
  checkSpans(en, e);
  assert.deepEqual(
    e.map((c) => [c.claimant.name, c.statement, c.figure?.value]),
    [
      ['interior ministry', 'at least 164 people were killed.', 164],
      ['Tokayev', 'foreign terrorists had attacked.', undefined],
    ],
  );
});

test('a role written after the name belongs to the claimant, in French, English and Russian', () => {
  const fr = 'Zhanbolat Mamay, journaliste politique, a déclaré que la police avait tiré sur la foule.';
  assert.deepEqual(claims(fr, { lang: 'fr' }).map((c) => [c.claimant, c.statement]), [
    [{ name: 'Zhanbolat Mamay', role: 'journaliste politique' }, 'la police avait tiré sur la foule.'],
  ]);
  const en = 'Zhanbolat Mamay, a political journalist, said that the police fired on the crowd.';
  assert.deepEqual(claims(en, { lang: 'en' }).map((c) => [c.claimant, c.statement]), [
    [{ name: 'Zhanbolat Mamay', role: 'political journalist' }, 'the police fired on the crowd.'],
  ]);
  const ru = 'Жанболат Мамай, политический журналист, заявил, что полиция стреляла в толпу.';
  assert.deepEqual(claims(ru, { lang: 'ru' }).map((c) => [c.claimant, c.statement]), [
    [{ name: 'Жанболат Мамай', role: 'политический журналист' }, 'полиция стреляла в толпу.'],
  ]);
  // After "Selon X," too; but words that go on into the statement are not a role.
  const selon = 'Selon Zhanbolat Mamay, journaliste politique, la police a tiré sur la foule. Selon Makhambet Abjan, journalistes et policiers ont été blessés, puis la foule est partie.';
  assert.deepEqual(claims(selon, { lang: 'fr' }).map((c) => [c.claimant, c.statement]), [
    [{ name: 'Zhanbolat Mamay', role: 'journaliste politique' }, 'la police a tiré sur la foule.'],
    [{ name: 'Makhambet Abjan' }, 'journalistes et policiers ont été blessés, puis la foule est partie.'],
  ]);
  const ruSelon = 'По словам Жанболата Мамая, политического журналиста, полиция стреляла в толпу.';
  assert.deepEqual(claims(ruSelon, { lang: 'ru' }).map((c) => [c.claimant.role, c.statement]), [['политического журналиста', 'полиция стреляла в толпу.']]);
  const according = 'According to Zhanbolat Mamay, a political journalist, the police fired on the crowd.';
  assert.deepEqual(claims(according, { lang: 'en' }).map((c) => [c.claimant, c.statement]), [
    [{ name: 'Zhanbolat Mamay', role: 'political journalist' }, 'the police fired on the crowd.'],
  ]);
  // A clause between commas that is not a role ("qui était sur place") gives none.
  for (const [text, lang] of [
    ['Zhanbolat Mamay, qui était sur place, a déclaré que la police avait tiré.', 'fr'],
    ['Zhanbolat Mamay, de son côté, a déclaré que la police avait tiré.', 'fr'],
    ['Zhanbolat Mamay, lui aussi, a déclaré que la police avait tiré.', 'fr'],
    ['Zhanbolat Mamay, however, said that the police fired.', 'en'],
    ['Жанболат Мамай, в свою очередь, заявил, что полиция стреляла.', 'ru'],
  ] as const) assert.deepEqual(claims(text, { lang }).map((c) => c.claimant.role), [undefined], text);
});

test('"officiellement", "officially", "официально": the authorities claim it', () => {
  const fr = 'Puis Internet a été coupé. Officiellement, 225 personnes sont mortes. Mais officiellement, la coupure visait les terroristes.';
  const f = claims(fr, { lang: 'fr' });
  checkSpans(fr, f);
  assert.deepEqual(f.map((c) => [c.claimant, c.statement, c.figure]), [
    [{ name: 'autorités' }, '225 personnes sont mortes.', { value: 225, unit: 'killed' }],
    [{ name: 'autorités' }, 'la coupure visait les terroristes.', undefined],
  ]);
  const en = 'Officially, 225 people died. Officially the internet was cut to stop terrorists.';
  assert.deepEqual(claims(en, { lang: 'en' }).map((c) => [c.claimant, c.statement]), [
    [{ name: 'authorities' }, '225 people died.'],
    [{ name: 'authorities' }, 'the internet was cut to stop terrorists.'],
  ]);
  const ru = 'Официально погибли 225 человек. Официально, интернет отключили из-за террористов.';
  assert.deepEqual(claims(ru, { lang: 'ru' }).map((c) => [c.claimant, c.statement]), [
    [{ name: 'власти' }, 'погибли 225 человек.'],
    [{ name: 'власти' }, 'интернет отключили из-за террористов.'],
  ]);
  // Official figures are the authorities' too.
  const figures = [
    ['Selon les chiffres officiels, 225 personnes sont mortes.', 'fr', 'autorités'],
    ['225 personnes sont mortes, selon le bilan officiel.', 'fr', 'autorités'],
    ['According to official figures, 225 people died.', 'en', 'authorities'],
    ['По официальным данным, погибли 225 человек.', 'ru', 'власти'],
  ] as const;
  for (const [text, lang, name] of figures) {
    const found = claims(text, { lang });
    checkSpans(text, found);
    assert.deepEqual(found.map((c) => [c.claimant.name, c.figure?.value]), [[name, 225]], text);
  }
  // A speaker named after "Officiellement" is the claimant, not the authorities in general.
  const named = 'Officiellement, le ministère de la Santé a annoncé que 225 personnes étaient mortes.';
  assert.deepEqual(claims(named, { lang: 'fr' }).map((c) => c.claimant.name), ['ministère de la Santé']);
});

test('"selon ses mots", "selon lui", "according to him", "по его словам": the last speaker', () => {
  const fr = 'Zhanbolat Mamay a déclaré que la police avait tiré. Selon ses mots, les soldats étaient russes. Les blindés venaient du nord, selon lui.';
  const f = claims(fr, { lang: 'fr' });
  checkSpans(fr, f);
  assert.deepEqual(f.map((c) => [c.claimant.name, c.statement]), [
    ['Zhanbolat Mamay', 'la police avait tiré.'],
    ['Zhanbolat Mamay', 'les soldats étaient russes.'],
    ['Zhanbolat Mamay', 'Les blindés venaient du nord'],
  ]);
  const en = 'Daniyar Moldabekov said that the square was full. According to him, the soldiers were Russian. In his words, nobody was armed.';
  assert.deepEqual(claims(en, { lang: 'en' }).map((c) => [c.claimant.name, c.statement]), [
    ['Daniyar Moldabekov', 'the square was full.'],
    ['Daniyar Moldabekov', 'the soldiers were Russian.'],
    ['Daniyar Moldabekov', 'nobody was armed.'],
  ]);
  const ru = 'Жанболат Мамай заявил, что полиция стреляла. По его словам, солдаты были русскими. Площадь была полна, по его словам.';
  assert.deepEqual(claims(ru, { lang: 'ru' }).map((c) => [c.claimant.name, c.statement]), [
    ['Жанболат Мамай', 'полиция стреляла.'],
    ['Жанболат Мамай', 'солдаты были русскими.'],
    ['Жанболат Мамай', 'Площадь была полна'],
  ]);
  // With nobody named before, "selon lui" names no one: no claim rather than a claimant "lui".
  assert.deepEqual(claims('Selon lui, tout a changé. According to him, it was over.', { lang: 'fr' }), []);
});

test('the speaker named after the statement: "..., the ministry said on Friday.", "..., сообщила Генпрокуратура 15 января.", "..., a déclaré le ministre."', () => {
  const en = 'The death toll has since risen to 225, the prosecutor’s office said on January 15. Nearly 10,000 people were detained, said the interior ministry.';
  const e = claims(en, { lang: 'en', reference: '2022-01-20' });
  checkSpans(en, e);
  assert.deepEqual(e.map((c) => [c.claimant.name, c.statement, c.said?.from, c.figure?.value]), [
    ['prosecutor’s office', 'The death toll has since risen to 225', '2022-01-15', 225],
    ['interior ministry', 'Nearly 10,000 people were detained', undefined, 10000],
  ]);
  const ru = 'Число погибших впоследствии выросло до 225, сообщила Генпрокуратура 15 января. Задержаны почти 10 000 человек, заявил министр внутренних дел.';
  const r = claims(ru, { lang: 'ru', reference: '2022-01-20' });
  checkSpans(ru, r);
  assert.deepEqual(r.map((c) => [c.claimant.name, c.statement, c.said?.from]), [
    ['Генпрокуратура', 'Число погибших впоследствии выросло до 225', '2022-01-15'],
    ['министр внутренних дел', 'Задержаны почти 10 000 человек', undefined],
  ]);
  const fr = 'Près de 10 000 personnes ont été arrêtées, a déclaré le ministre de l’Intérieur. La situation est stable, affirme le gouvernement.';
  const f = claims(fr, { lang: 'fr', reference: '2022-01-20' });
  checkSpans(fr, f);
  assert.deepEqual(f.map((c) => [c.claimant.name, c.statement]), [
    ['ministre de l’Intérieur', 'Près de 10 000 personnes ont été arrêtées'],
    ['gouvernement', 'La situation est stable'],
  ]);
  // "..., he said." is the last speaker's; a first-person "I said" is no one's claim.
  const he = 'Tokayev spoke on television. The terrorists were foreign, he said. It was over, I said.';
  assert.deepEqual(claims(he, { lang: 'en' }).map((c) => [c.claimant.name, c.statement]), [['Tokayev', 'The terrorists were foreign']]);
});

test('any text: claims never throw, lie inside their passages and validate as claim content', () => {
  const pieces = fc.constantFrom('Selon ', 'le ministre', ', ', ':', '\n\n', '« ', ' »', 'a déclaré que ', 'Il ', 'a-t-il dit', 'selon moi', 'по словам ', 'заявил, что ', 'said that ', 'According to ', '164 morts', ' le 5 janvier ', '. ', '?', 'Comme l’a dit ', 'X', 'Tokayev', 'Officiellement, ', 'Официально ', 'selon ses mots', 'по его словам', ', journaliste, ', ', the ministry said', ', сообщил МВД', ', a déclaré ', ' on January 15');
  fc.assert(
    fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 5 })), { maxLength: 30 }), fc.constantFrom<ExtractOptions['lang']>('fr', 'ru', 'en', 'kk'), (parts, lang) => {
      const text = parts.join('');
      const passages = passagesOf(text);
      const found = findClaims(text, passages, { lang, reference: '2022-01-12' }, findPeople(text, passages, { lang }));
      checkSpans(text, found);
    }),
    { numRuns: 200 },
  );
});
