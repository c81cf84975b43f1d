/** Person-status reports by the documenter, each citing its passage and resting on a testimony. */
import { AFTER, clock, type ApproxTime, type Cite, type RecordSpec } from './types.ts';
import type { PersonStatusValue } from '../../../src/core/records.ts';

const at = clock('2022-01-13T12:00:00Z');

interface S {
  person: string;
  status: PersonStatusValue;
  note: string;
  quote: string;
  nth?: number;
  evidence: string;
  event?: string;
  when?: ApproxTime;
}

const status = (key: string, s: S): RecordSpec => {
  const cite: Cite = { source: AFTER, quote: s.quote, ...(s.nth !== undefined ? { nth: s.nth } : {}) };
  return {
    key,
    kind: 'status',
    author: 'documenter',
    created: at(),
    content: { lang: 'fr', status: s.status, ...(s.when ? { when: s.when } : {}), note: s.note, sources: [cite] },
    refs: [
      { to: s.person, role: 'person' },
      { to: s.evidence, role: 'evidence' },
      ...(s.event ? [{ to: s.event, role: 'event' as const }] : []),
    ],
  };
};

const UNIONISTS = 'Des militant·es syndica·les sont porté·es disparu·es, notamment Kuspan Kosshigulov, Takhir Erdanov, et Amin Eleusinov et ses proches.';
const MISSING_UNION = 'Porté disparu selon les témoins d’Almaty (entretien réalisé après le rétablissement d’Internet) ; ni date ni lieu de disparition dans le texte.';
const SENTENCE =
  'Le 21 avril, Asya Tulesova et Beibarys Tolymbekov ont été condamné·es à 15 jours d’emprisonnement, pour avoir enfreint la loi kazakhe sur les rassemblements';
const SENTENCED: ApproxTime = { from: '2019-04-21', precision: 'day', label: 'Le 21 avril [2019] (condamnation à 15 jours)' };
const FIFTEEN_DAYS = 'Iels ont été emprisonné·es pendant 15 jours';
const AFTER_15: ApproxTime = { from: '2019', precision: 'year', label: 'après 15 jours d’emprisonnement (date de sortie non précisée)' };

export const STATUSES: RecordSpec[] = [
  status('st:abjan-missing', {
    person: 'p:abjan',
    status: 'missing',
    note: 'Le 5 janvier, il a écrit que la police était venue à son appartement ; « aujourd’hui il a disparu » selon les témoins d’Almaty (entretien réalisé après le rétablissement d’Internet).',
    quote: 'Makhambet Abjan, a envoyé un message indiquant le 5 janvier que la police s’était rendue à son appartement ; aujourd’hui il a disparu.',
    evidence: 't:repression-arrests',
    event: 'ev:abjan-police-visit',
    when: { from: '2022-01-05', precision: 'day', label: 'depuis le message du 5 janvier' },
  }),
  status('st:akhmediyarov-detained', {
    person: 'p:akhmediyarov',
    status: 'detained',
    note: 'Arrêté, selon les témoins d’Almaty ; ni date ni lieu dans le texte.',
    quote: 'Le journaliste local indépendant Lukpan Akhmediyarov a été arrêté.',
    evidence: 't:repression-arrests',
  }),
  status('st:ruzakhunov-detained', {
    person: 'p:ruzakhunov',
    status: 'detained',
    note: 'Arrêté et torturé par les autorités kazakhes comme « terroriste », forcé d’enregistrer une vidéo d’« aveux ».',
    quote:
      'Le musicien kirghiz Vicram Ruzakhunov a été arrêté et torturé par les autorités kazakhes en tant que « terroriste » et on l’a forcé à enregistrer une vidéo dans laquelle il « avoue » ses crimes.',
    evidence: 't:repression-arrests',
  }),
  status('st:ruzakhunov-released', {
    person: 'p:ruzakhunov',
    status: 'released',
    note: 'En liberté au moment de l’entretien avec les témoins d’Almaty.',
    quote: 'Il est maintenant en liberté.',
    evidence: 't:repression-arrests',
  }),
  status('st:kosshigulov-missing', { person: 'p:kosshigulov', status: 'missing', note: MISSING_UNION, quote: UNIONISTS, evidence: 't:repression-dead-missing' }),
  status('st:erdanov-missing', { person: 'p:erdanov', status: 'missing', note: MISSING_UNION, quote: UNIONISTS, evidence: 't:repression-dead-missing' }),
  status('st:eleusinov-missing', { person: 'p:eleusinov', status: 'missing', note: MISSING_UNION, quote: UNIONISTS, evidence: 't:repression-dead-missing' }),
  status('st:eleusinov-relatives-missing', {
    person: 'p:eleusinov-relatives',
    status: 'missing',
    note: 'Les proches d’Amin Eleusinov sont porté·es disparu·es avec lui, selon les témoins d’Almaty.',
    quote: UNIONISTS,
    evidence: 't:repression-dead-missing',
  }),
  status('st:banner-activist-killed', {
    person: 'p:banner-activist',
    status: 'killed',
    note: 'Tué·e par les tirs de la police sur les activistes à la banderole « Nous ne sommes pas des terroristes » ; les témoins ne disent pas l’avoir vu elles-mêmes.',
    quote: 'La police leur a tiré dessus, et a tué au moins l’un·e d’entre elleux.',
    evidence: 't:banner-0106',
    event: 'ev:banner-shooting-0106',
    when: { from: '2022-01-06', precision: 'day', label: 'Le 6 janvier' },
  }),
  status('st:oyan-detained', {
    person: 'p:oyan-activists',
    status: 'detained',
    note: 'Arrêté·es le 4 janvier à Almaty, selon ce que la témoin a entendu en rentrant chez elle.',
    quote: 'l’arrestation de militant·es d’Oyan Kazakhstan',
    evidence: 't:witness-0104',
    event: 'ev:oyan-arrests',
    when: { from: '2022-01-04', precision: 'day', label: 'ce jour-là [le 4 janvier]' },
  }),
  status('st:oyan-released', {
    person: 'p:oyan-activists',
    status: 'released',
    note: 'Le matin du 5 janvier, la témoin « entend parler » de la libération des militant·es ; le texte ne dit pas expressément qu’il s’agit de celles et ceux d’Oyan Kazakhstan arrêté·es la veille : c’est le rapprochement du documenter.',
    quote: 'j’ai entendu parler des victimes, de la libération des militant·es.',
    evidence: 't:phone-news-0105',
    when: { from: '2022-01-05', precision: 'day', label: 'Le matin [du 5 janvier]' },
  }),
  status('st:tulesova-detained', {
    person: 'p:tulesova',
    status: 'detained',
    note: 'Condamnée à 15 jours d’emprisonnement pour la banderole du marathon d’Almaty (cas historique, 2019).',
    quote: SENTENCE,
    evidence: 't:oyan-history',
    event: 'ev:marathon-banner-2019',
    when: SENTENCED,
  }),
  status('st:tolymbekov-detained', {
    person: 'p:tolymbekov',
    status: 'detained',
    note: 'Condamné à 15 jours d’emprisonnement pour la banderole du marathon d’Almaty (cas historique, 2019).',
    quote: SENTENCE,
    evidence: 't:oyan-history',
    event: 'ev:marathon-banner-2019',
    when: SENTENCED,
  }),
  status('st:tulesova-released', {
    person: 'p:tulesova',
    status: 'released',
    note: 'Libérée après ses 15 jours d’emprisonnement (cas historique) ; le texte ne donne pas la date de sortie.',
    quote: FIFTEEN_DAYS,
    evidence: 't:oyan-history',
    when: AFTER_15,
  }),
  status('st:tolymbekov-released', {
    person: 'p:tolymbekov',
    status: 'released',
    note: 'Libéré après ses 15 jours d’emprisonnement (cas historique) ; le texte ne donne pas la date de sortie.',
    quote: FIFTEEN_DAYS,
    evidence: 't:oyan-history',
    when: AFTER_15,
  }),
  status('st:two-children-killed', {
    person: 'p:two-children',
    status: 'killed',
    note: 'Deux enfants comptent parmi les centaines de mort·es dont les autorités ont confirmé le décès, selon les témoins d’Almaty ; ni noms, ni lieux, ni dates.',
    quote: 'Les autorités ont déjà confirmé la mort de centaines de personnes, dont deux enfants.',
    evidence: 't:repression-dead-missing',
  }),
];
