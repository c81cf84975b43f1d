/**
 * The Kazakh anarchist abroad, interviewed on the morning of 6 January 2022: a chronology
 * from what he read and heard, not what he saw (firsthand: false). Quotes keep the file's
 * line-break hyphenation ("ma- nifestants") and broken ligatures ("diff usées").
 */
import { ALMATY, KAZAKHSTAN, ZHANAOZEN } from './places.ts';
import { testimony } from './testimonies-almaty.ts';
import { INTERVIEW, clock, type RecordSpec } from './types.ts';

const at = clock('2022-01-13T11:40:00Z');
const ABROAD = 'un militant anarchiste kazakh vivant à l’étranger, interrogé le 6 janvier au matin, d’après ce qu’il a lu et entendu';

export const TESTIMONIES_ABROAD: RecordSpec[] = [
  testimony('t:abroad-price', at(), {
    author: 'interviewee-abroad',
    description: ABROAD,
    firsthand: false,
    source: INTERVIEW,
    quote:
      'Des petites manifestations avaient déjà eu lieu à ce sujet à Janaozen, mais le 1er janvier 2022, le prix du gaz naturel liquéfi é utilisé comme carburant pour les automobiles a doublé de façon inattendue. Cela a rendu les gens furieux. Iels ont alors manifesté massivement, et les forces de l’ordre ont semblé hésiter à les disperser. D’autres villages de la province se sont soulevés et ont commencé à bloquer les routes en signe de protestation. Puis, en quelques jours, les manifestations se sont étendues à tout le pays.',
    when: { from: '2022-01-01', to: '2022-01-05', precision: 'day', label: 'le 1er janvier 2022 ... en quelques jours' },
    where: ZHANAOZEN,
    events: ['ev:fuel-price-doubled', 'ev:zhanaozen-protest'],
  }),
  testimony('t:abroad-chronology-2-4', at(), {
    author: 'interviewee-abroad',
    description: ABROAD,
    firsthand: false,
    source: INTERVIEW,
    quote:
      'Les protestations ont éclaté dans la ville pétrolière de Janaozen le 2 janvier. Dès le lendemain matin, d’autres villes et villages de l’ouest du Kazakhstan ont commencé à manifester par solidarité. Les manifestations les plus massives ont eu lieu la nuit, alors que l’agitation gagnait d’autres villes, dont Almaty. Tard dans la nuit du 4 janvier, les habitants d’Almaty ont défi lé jusqu’à la place principale, devant la mairie. Des forces de police considérables y étaient positionnées. Des aff rontements ont éclaté, mais les manifestants ont eu le dessus.',
    when: { from: '2022-01-02', to: '2022-01-05', precision: 'day', label: 'le 2 janvier ... tard dans la nuit du 4 janvier' },
    where: KAZAKHSTAN,
    events: ['ev:zhanaozen-protest', 'ev:west-solidarity', 'ev:republic-square-night'],
  }),
  testimony('t:abroad-chronology-5', at(), {
    author: 'interviewee-abroad',
    description: ABROAD,
    firsthand: false,
    source: INTERVIEW,
    quote:
      'Ils ont été dispersés tôt dans la matinée du 5 janvier, mais ils se sont à nouveau regroupés vers 9 heures dans le brouillard matinal. Certains membres des forces de l’ordre ont même changé de camp et rejoint la manifestation, comme le montrent certaines vidéos diff usées sur les réseaux sociaux. Finalement, les ma- nifestants se sont à nouveau rendus sur la place vers 10 heures et ont réussi à prendre d’assaut la mairie, mettant le feu au bâtiment. La direction de la police a fui Almaty, laissant la ville sous le contrôle des mani- festants.',
    when: { from: '2022-01-05', precision: 'day', label: 'le 5 janvier' },
    where: ALMATY,
    events: ['ev:dispersed-dawn-0105', 'ev:regroup-fog-0105', 'ev:akimat-stormed', 'ev:police-leadership-flees'],
  }),
  testimony('t:abroad-chronology-6', at(), {
    author: 'interviewee-abroad',
    description: ABROAD,
    firsthand: false,
    source: INTERVIEW,
    quote:
      'Depuis, le président Tokayev a de nouveau envoyé des troupes sur place pour tenter de reprendre le contrôle via une opération de «nettoyage antiterroriste». Je n’ai pas connaissance du déroulement exact de tous les événements, mais j’ai vu sur les réseaux sociaux que dans la nuit du 5 janvier ou tôt le matin du 6 janvier, la situation est devenue chaotique à Almaty, où les gens ont commencé à piller et à forcer les dépôts d’armes pour s’en procurer, et des coups de feu ont été signalés.',
    when: { from: '2022-01-05', to: '2022-01-06', precision: 'day', label: 'dans la nuit du 5 janvier ou tôt le matin du 6 janvier' },
    where: ALMATY,
    events: ['ev:chaos-night-0506', 'ev:state-of-emergency'],
  }),
  testimony('t:abroad-other-cities', at(), {
    author: 'interviewee-abroad',
    description: ABROAD,
    firsthand: false,
    source: INTERVIEW,
    quote:
      'Dans d’autres villes, la situation est plus calme, avec des manifestations massives sur les places cen- trales. J’ai entendu des informations non vérifi ées selon lesquelles certains manifestants ont pris possession des bureaux des gouvernements locaux dans quelques autres villes, mais pour autant que je sache, l’am- biance est moins chaotique qu’à Almaty. Dans la capitale, Nur-Sultan, c’est calme, mais les gens ont vu un grand nombre de policiers anti-émeute entourer le palais présidentiel d’Aqorda. En fait, la ville est devenue une forteresse.',
    when: { from: '2022-01-06', precision: 'day', label: 'au moment de l’entretien, le 6 janvier au matin' },
    where: KAZAKHSTAN,
    events: ['ev:nur-sultan-akorda'],
  }),
  testimony('t:abroad-commune', at(), {
    author: 'interviewee-abroad',
    description: ABROAD,
    firsthand: false,
    source: INTERVIEW,
    quote:
      'Almaty est devenue une zone de non-droit; il semble que personne ne sache vrai- ment qui dirige la ville, puisque la mairie a été incendiée et que le maire a disparu de la circulation. Toute la ville est barricadée et des manifestants armés se baladent dans les rues. En théorie, la ville est soumise à un couvre-feu, mais en pratique, les forces de l’ordre sont absentes ou se sont jointes aux protestations - la ville ressemble donc à une «Commune» [comme la Commune de Paris] d’après ce que j’entends.',
    when: { from: '2022-01-06', precision: 'day', label: 'au moment de l’entretien, le 6 janvier au matin' },
    where: ALMATY,
    events: ['ev:police-leadership-flees', 'ev:state-of-emergency'],
  }),
  testimony('t:abroad-csto', at(), {
    author: 'interviewee-abroad',
    description: ABROAD,
    firsthand: false,
    source: INTERVIEW,
    quote:
      'Le président du Kazakhstan, Kassym-Jomart Tokayev, demande actuellement au CSTO [Organisation du traité de sécurité collective, une alliance militaire entre la Russie, l’Arménie, la Biélorussie, le Kazakhstan, le Kirghizistan, et le Tadjikistan] l’envoi de soldats de «maintien de la paix». En bref, le président invite des troupes étrangères au Kazakhstan pour réprimer les manifestants.',
    when: { from: '2022-01-06', precision: 'day', label: 'actuellement (6 janvier au matin)' },
    where: KAZAKHSTAN,
    events: ['ev:csto-request'],
  }),
];
