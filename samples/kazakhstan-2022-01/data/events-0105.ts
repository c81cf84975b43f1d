/** Events of 5 January 2022 in Almaty, as the two accounts tell them. */
import { AKIMAT_ALMATY, ALMATY, ALMATY_AIRPORT, MONUMENT_1986, REPUBLIC_SQUARE } from './places.ts';
import { AFTER, INTERVIEW, clock, type RecordSpec } from './types.ts';

const at = clock('2022-01-13T09:40:00Z');
const ev = (key: string, content: Extract<RecordSpec, { kind: 'event' }>['content']): RecordSpec => ({ key, kind: 'event', author: 'documenter', created: at(), content });

export const EVENTS_0105: RecordSpec[] = [
  ev('ev:dispersed-dawn-0105', {
    lang: 'fr',
    title: 'Les manifestant·es dispersé·es au petit matin',
    summary: 'Tôt dans la matinée du 5 janvier, les manifestant·es de la place principale d’Almaty sont dispersé·es.',
    when: { from: '2022-01-05', precision: 'day', label: 'tôt dans la matinée du 5 janvier' },
    where: REPUBLIC_SQUARE,
    categories: ['clash'],
    sources: [{ source: INTERVIEW, quote: 'Ils ont été dispersés tôt dans la matinée du 5 janvier' }],
  }),
  ev('ev:regroup-fog-0105', {
    lang: 'fr',
    title: 'Regroupement vers 9 heures dans le brouillard ; des policiers changent de camp',
    summary:
      'Vers 9 heures, dans le brouillard matinal, les manifestant·es se regroupent. Selon des vidéos diffusées sur les réseaux sociaux, des membres des forces de l’ordre changent de camp et rejoignent la manifestation.',
    when: { from: '2022-01-05T09:00+06:00', precision: 'hour', label: 'vers 9 heures dans le brouillard matinal', circa: true },
    where: ALMATY,
    categories: ['protest'],
    sources: [
      {
        source: INTERVIEW,
        quote:
          'mais ils se sont à nouveau regroupés vers 9 heures dans le brouillard matinal. Certains membres des forces de l’ordre ont même changé de camp et rejoint la manifestation, comme le montrent certaines vidéos diff usées sur les réseaux sociaux.',
      },
    ],
  }),
  ev('ev:akimat-stormed', {
    lang: 'fr',
    title: 'L’Akimat (mairie) d’Almaty pris d’assaut et incendié',
    summary:
      'Vers 10 heures, les manifestant·es reviennent sur la place, prennent d’assaut la mairie et y mettent le feu. Les bâtiments administratifs en face de la place centrale et le commissariat central brûlent aussi, selon l’entretien.',
    when: { from: '2022-01-05T10:00+06:00', precision: 'hour', label: 'vers 10 heures', circa: true },
    where: AKIMAT_ALMATY,
    categories: ['occupation', 'arson'],
    sources: [
      {
        source: INTERVIEW,
        quote:
          'Finalement, les ma- nifestants se sont à nouveau rendus sur la place vers 10 heures et ont réussi à prendre d’assaut la mairie, mettant le feu au bâtiment.',
      },
      {
        source: INTERVIEW,
        quote:
          'Ils ont brûlé les bâtiments administratifs (ou akimats, comme on les appelle au Kazakhstan) situés en face de la place centrale, ainsi que le commissariat central.',
      },
      { source: AFTER, quote: 'Le bâtiment de l’Akimat (la mairie) était occupé.' },
    ],
  }),
  ev('ev:police-leadership-flees', {
    lang: 'fr',
    title: 'La direction de la police fuit Almaty',
    summary:
      'Après la prise de la mairie, la direction de la police quitte Almaty, laissant la ville aux manifestant·es ; le maire disparaît de la circulation et personne ne semble savoir qui dirige la ville.',
    when: { from: '2022-01-05', precision: 'day', label: 'après la prise de la mairie, le 5 janvier' },
    where: ALMATY,
    categories: ['other'],
    sources: [
      { source: INTERVIEW, quote: 'La direction de la police a fui Almaty, laissant la ville sous le contrôle des mani- festants.' },
      { source: INTERVIEW, quote: 'puisque la mairie a été incendiée et que le maire a disparu de la circulation.' },
    ],
  }),
  ev('ev:abjan-police-visit', {
    lang: 'fr',
    title: 'La police chez le journaliste Makhambet Abjan',
    summary:
      'Le 5 janvier, le journaliste indépendant Makhambet Abjan envoie un message : la police s’est rendue à son appartement. Au moment de l’entretien avec les témoins d’Almaty, il a disparu.',
    when: { from: '2022-01-05', precision: 'day', label: 'un message indiquant le 5 janvier' },
    categories: ['disappearance'],
    sources: [
      {
        source: AFTER,
        quote: 'Un autre journaliste indépendant, Makhambet Abjan, a envoyé un message indiquant le 5 janvier que la police s’était rendue à son appartement ; aujourd’hui il a disparu.',
      },
    ],
  }),
  ev('ev:witnesses-at-monument', {
    lang: 'fr',
    title: 'Ville à moitié vide, « nous sommes avec le peuple » ; manifestant·es au monument de 1986',
    summary:
      'Le 5 janvier, deux témoins vont voir le centre : ville à moitié vide, voitures à drapeaux kazakhs, tout fermé, panneaux « nous sommes avec le peuple » sur les portes. Près de la place, de plus en plus de groupes de jeunes hommes, une épaulette de police sur la route ; au monument des événements de 1986, des manifestant·es avec des boucliers de police. Aucun policier ni soldat en vue.',
    when: { from: '2022-01-05', precision: 'day', label: '5 janvier (légendes des photos)' },
    where: MONUMENT_1986,
    categories: ['protest'],
    sources: [
      { source: AFTER, quote: 'La ville était à moitié vide.' },
      {
        source: AFTER,
        quote:
          'Au monument des événements de 1986 (le soulèvement contre le régime soviétique), nous avons rencontré des manifestant·es avec des boucliers de police. Aucun policer ou soldat n’était en vue.',
      },
      { source: AFTER, quote: 'Centre-ville d’Almaty, 5 janvier. Sur la pancarte est écrit « Nous sommes avec le peuple ».' },
    ],
  }),
  ev('ev:building-opposite-akimat', {
    lang: 'fr',
    title: 'Les portes du bâtiment face à l’Akimat enfoncées (chaînes de télévision)',
    summary:
      'Devant l’Akimat en feu, les gens alimentent des feux de joie, dans le calme ; iels enfoncent les portes du bâtiment d’en face, qui abrite des chaînes de télévision et d’autres services gouvernementaux.',
    when: { from: '2022-01-05', precision: 'day', label: '5 janvier' },
    where: REPUBLIC_SQUARE,
    categories: ['occupation'],
    sources: [
      {
        source: AFTER,
        quote:
          'Iels ont enfoncé les portes du bâtiment qui fait face à l’Akimat. Il y a avait des chaînes de télévision et d’autres services gouvernementaux.',
      },
    ],
  }),
  ev('ev:shot-in-the-head', {
    lang: 'fr',
    title: '« Ils tirent sur les combattant·es » : des personnes touchées à la tête',
    summary:
      'Un manifestant raconte aux témoins que tout a commencé pacifiquement jusqu’aux grenades assourdissantes, et que maintenant on tire sur les combattant·es ; lui et un autre homme ont vu des personnes se faire tirer dans la tête et appellent des taxis pour emmener les blessé·es à l’hôpital.',
    when: { from: '2022-01-04', to: '2022-01-05', precision: 'day', label: '« Maintenant » (propos tenus le 5 janvier)' },
    where: REPUBLIC_SQUARE,
    categories: ['shooting'],
    sources: [
      { source: AFTER, quote: '« Maintenant », a-t-il dit, « ils tirent sur les combattant·es ».' },
      {
        source: AFTER,
        quote: 'Lui et un autre homme avaient vu des personnes se faire tirer dans la tête. Ils appelaient des taxis pour emmener les blessé·es à l’hôpital.',
      },
    ],
  }),
  ev('ev:rubber-bullets', {
    lang: 'fr',
    title: 'Blessures par balles en caoutchouc ; explosions et tirs de plus en plus fréquents',
    summary:
      'Des manifestant·es montrent aux témoins des blessures causées par des balles en caoutchouc et les préviennent que des tirs plus sérieux vont venir. Les explosions et les tirs se rapprochent ; les témoins partent, un homme les ramène en voiture.',
    when: { from: '2022-01-05', precision: 'day', label: '5 janvier' },
    where: REPUBLIC_SQUARE,
    categories: ['shooting'],
    sources: [
      {
        source: AFTER,
        quote:
          'Iels nous ont montré des blessures causées par des balles en caoutchouc et nous ont prévenu qu’il y aurait bientôt des tirs plus sérieux, et qu’il était préférable pour nous de partir.',
      },
      { source: AFTER, quote: 'Le son des explosions et des tirs est devenu de plus en plus fréquent.' },
    ],
  }),
  ev('ev:airport-occupied', {
    lang: 'fr',
    title: 'L’aéroport d’Almaty occupé temporairement',
    summary:
      'Le 5 janvier, un manifestant dit aux témoins qu’ils prévoient d’occuper l’aéroport pour que les militaires russes ne puissent pas y atterrir. L’introduction de l’entretien dit que les manifestant·es ont temporairement occupé l’aéroport ; aucun des deux textes ne date l’occupation.',
    when: { from: '2022-01', precision: 'month', label: 'temporairement (date non précisée dans les textes)' },
    where: ALMATY_AIRPORT,
    categories: ['occupation'],
    sources: [
      { source: INTERVIEW, quote: 'où ils ont temporairement occupé l’aéroport' },
      { source: AFTER, quote: 'Il nous a dit qu’ils prévoyaient d’occuper l’aéroport, pour que les militaires russes ne puissent pas y atterrir.' },
    ],
  }),
];
