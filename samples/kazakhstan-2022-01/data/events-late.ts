/** Events of 7 to 10 January 2022, and the undated episodes the analyses report from other towns. */
import { ALMATY, KAZAKHSTAN, KOSTANAY, REPUBLIC_SQUARE, URALSK } from './places.ts';
import { AFTER, INTERVIEW, clock, type RecordSpec } from './types.ts';

const at = clock('2022-01-13T10:20:00Z');
const ev = (key: string, content: Extract<RecordSpec, { kind: 'event' }>['content']): RecordSpec => ({ key, kind: 'event', author: 'documenter', created: at(), content });

export const EVENTS_LATE: RecordSpec[] = [
  ev('ev:almaty-0107', {
    lang: 'fr',
    title: 'Almaty le 7 janvier : bâtiments administratifs incendiés, quelques magasins ouverts',
    summary:
      'Le 7 janvier, loin du centre, quelques magasins et distributeurs de billets fonctionnent. Dans le centre, tout semble tranquille, à part les bâtiments administratifs incendiés autour de la place ; la veille, personne ne gardait les immeubles. Une carcasse calcinée de véhicule militaire est photographiée.',
    when: { from: '2022-01-07', precision: 'day', label: 'Le 7 janvier' },
    where: REPUBLIC_SQUARE,
    categories: ['arson', 'other'],
    sources: [
      {
        source: AFTER,
        quote:
          'Le 7 janvier, quelques magasins et distributeurs de billets éloignés du centre-ville fonctionnaient encore. Dans le centre, tout semblait tranquille – si l’on met de côté les bâtiments administratifs incendiés autour de la place.',
      },
      { source: AFTER, quote: 'La carcasse calcinée d’un véhicule militaire à Almaty, photographiée le 7 janvier.' },
    ],
  }),
  ev('ev:gunshot-0107', {
    lang: 'fr',
    title: 'Un coup de feu près de la place ; les témoins quittent la zone',
    summary: 'Le 7 janvier, alors qu’elles prennent des photos près de la place, les témoins entendent un coup de feu à proximité et s’en vont.',
    when: { from: '2022-01-07', precision: 'day', label: 'Le 7 janvier' },
    where: REPUBLIC_SQUARE,
    categories: ['shooting'],
    sources: [{ source: AFTER, quote: 'Cette fois, nous avons pris quelques photos puis nous avons entendu un coup de feu à proximité et nous avons quitté la zone.' }],
  }),
  ev('ev:csto-troops', {
    lang: 'fr',
    title: 'Les troupes de l’OTSC arrivent : 200 Arménien·nes et Tadjik·es, 500 Biélorusses, 3000 Russes',
    summary:
      'L’intervention de l’OTSC mobilise 200 soldats arméniens et tadjiks, 500 soldats biélorusses, un nombre indéterminé de soldats kirghizes et 3000 soldats russes ; les parachutistes russes sont commandés par Anatoliy Serdyukov. Suivent, selon les témoins d’Almaty, deux jours de fusillades constantes dans les rues. Les textes ne datent pas l’arrivée.',
    when: { from: '2022-01-06', to: '2022-01-10', precision: 'day', label: 'après la demande de Tokayev, avant l’entretien d’Almaty (date non précisée)' },
    where: KAZAKHSTAN,
    categories: ['military'],
    sources: [
      {
        source: AFTER,
        quote:
          'l’intervention a mobilisé un contingent de 200 soldats arméniens et tadjiks, 500 soldats biélorusses (où le dictateur Lukashenko a lui aussi récemment réprimé un soulèvement), un nombre indéterminé de soldats kirghizes et 3000 soldats russes.',
      },
      { source: AFTER, quote: 'Après l’arrivée des troupes de l’OTSC et deux jours de fusillades constantes dans les rues' },
      { source: INTERVIEW, quote: 'alors que des troupes de Russie et de Biélorussie se joignent à la répression des manifestations.' },
    ],
  }),
  ev('ev:proxies-0109', {
    lang: 'fr',
    title: 'Connexion Internet possible par des proxys ; toujours pas de données mobiles',
    summary: 'Le matin du 9 janvier, il redevient possible de se connecter à Internet par des proxys ; la connexion mobile n’est toujours pas disponible.',
    when: { from: '2022-01-09', precision: 'day', label: 'Le matin du 9 janvier' },
    where: ALMATY,
    categories: ['reconnection'],
    sources: [
      {
        source: AFTER,
        quote:
          'Le matin du 9 janvier, il est à nouveau devenu possible d’établir une connexion internet grâce à des proxy. La connexion mobile n’était toujours pas disponible.',
      },
    ],
  }),
  ev('ev:reconnect-morning-0110', {
    lang: 'fr',
    title: 'Connexion rétablie partout le 10 au matin, jusqu’à 13 heures',
    summary: 'Le 10 janvier au matin, la connexion est rétablie partout, mais seulement jusqu’à 13 heures.',
    when: { from: '2022-01-10', precision: 'day', label: 'Le 10 janvier au matin ... jusqu’à 13h' },
    where: ALMATY,
    categories: ['reconnection'],
    sources: [{ source: AFTER, quote: 'Le 10 janvier au matin, la connexion a été rétablie partout, mais seulement jusqu’à 13h' }],
  }),
  ev('ev:reconnect-evening-0110', {
    lang: 'fr',
    title: 'Connexion de retour entre 17 heures et 19 h 30',
    summary: 'Après la coupure de 13 heures, la connexion revient le 10 janvier entre 17 heures et 19 h 30.',
    when: { from: '2022-01-10T17:00+06:00', to: '2022-01-10T19:30+06:00', precision: 'minute', label: 'entre 17h et 19 heures 30' },
    where: ALMATY,
    categories: ['reconnection', 'shutdown'],
    sources: [{ source: AFTER, quote: 'puis elle est revenue entre 17h et 19 heures 30.' }],
  }),
  ev('ev:fighting-ends-0110', {
    lang: 'fr',
    title: 'Fin des combats à Almaty signalée',
    summary: 'À partir du 10 janvier, des reportages et témoignages font état de l’arrêt des combats à Almaty et des rassemblements de masse dans les autres villes.',
    when: { from: '2022-01-10', precision: 'day', label: 'A partir du 10 janvier' },
    where: ALMATY,
    categories: ['other'],
    sources: [
      {
        source: AFTER,
        quote:
          'A partir du 10 janvier, certains reportages et témoignages qui nous parviennent du Kazakhstan font état de l’arrêt des combats à Almaty et des rassemblements de masse dans les autres villes.',
      },
    ],
  }),
  ev('ev:uralsk-detainees-freed', {
    lang: 'fr',
    title: 'Uralsk : des manifestant·es libèrent des personnes arrêtées par la police',
    summary: 'Avant les événements d’Almaty, des vidéos d’Uralsk montrent des manifestant·es libérant des personnes arrêtées par la police.',
    when: { from: '2022-01', precision: 'month', label: 'Même avant les événements à Almaty' },
    where: URALSK,
    categories: ['protest', 'clash'],
    sources: [
      {
        source: AFTER,
        quote:
          'Même avant les événements à Almaty, on pouvait voir des clips en provenance de la même ville d’Uralsk, dans lesquels les manifestant⋅es libéraient courageusement des personnes arrêtées par la police.',
      },
    ],
  }),
  ev('ev:uralsk-organised-group', {
    lang: 'fr',
    title: 'Uralsk : un groupe organisé appelle à l’assaut de l’Akimat',
    summary:
      'Le journaliste Lukpan Akhmedyarov remarque à Uralsk, sur la place à côté des manifestant·es, un groupe de plusieurs dizaines de personnes organisées appelant à l’assaut de l’Akimat. Date non précisée.',
    when: { from: '2022-01', precision: 'month', label: 'date non précisée' },
    where: URALSK,
    categories: ['protest'],
    sources: [
      {
        source: AFTER,
        quote:
          'Il faut dire qu’Akhmedyarov a remarqué à Uralsk – la ville dont il est originaire – sur la place à côté des manifestant⋅es, un groupes de plusieurs dizaines de personnes organisées et appelant à un assaut sur l’Akimat.',
      },
    ],
  }),
  ev('ev:kostanay-instigators', {
    lang: 'fr',
    title: 'Kostanai : un petit groupe d’« instigateurs habillés à l’identique »',
    summary: 'Un petit groupe d’« instigateurs habillés à l’identique » est remarqué à Kostanai. Date non précisée.',
    when: { from: '2022-01', precision: 'month', label: 'date non précisée' },
    where: KOSTANAY,
    categories: ['protest'],
    sources: [{ source: AFTER, quote: 'Un petit groupe d’« instigateurs habillés à l’identique » a été également remarqué à Kostanai.' }],
  }),
];
