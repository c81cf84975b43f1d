/** Events of 1 to 4 January 2022. */
import { ABAI_STREET, ALMATY, ALMATY_OUTSKIRTS, REPUBLIC_SQUARE, WESTERN_KAZAKHSTAN, ZHANAOZEN } from './places.ts';
import { AFTER, INTERVIEW, clock, type RecordSpec } from './types.ts';

const at = clock('2022-01-13T09:10:00Z');

export const EVENTS_EARLY: RecordSpec[] = [
  {
    key: 'ev:fuel-price-doubled',
    kind: 'event',
    author: 'documenter',
    created: at(),
    content: {
      lang: 'fr',
      title: 'Le prix du gaz naturel liquéfié (carburant automobile) double',
      summary:
        'Le 1er janvier 2022, le prix du gaz naturel liquéfié utilisé comme carburant pour les automobiles double de façon inattendue, après l’arrêt des subventions. À Janaozen, où ce gaz est produit, la colère éclate.',
      when: { from: '2022-01-01', precision: 'day', label: 'le 1er janvier 2022' },
      where: ZHANAOZEN,
      categories: ['price'],
      sources: [
        {
          source: INTERVIEW,
          quote: 'le 1er janvier 2022, le prix du gaz naturel liquéfi é utilisé comme carburant pour les automobiles a doublé de façon inattendue.',
        },
        { source: AFTER, quote: 'A partir du 1er janvier, ce qui avait commencé comme une simple protestation contre l’augmentation du coût de la vie' },
      ],
    },
  },
  {
    key: 'ev:zhanaozen-protest',
    kind: 'event',
    author: 'documenter',
    created: at(),
    content: {
      lang: 'fr',
      title: 'Les protestations éclatent à Janaozen',
      summary:
        'Le 2 janvier, les habitant·es de la ville pétrolière de Janaozen manifestent massivement contre la hausse du prix du gaz ; les forces de l’ordre semblent hésiter à les disperser. Des villages de la province bloquent les routes.',
      when: { from: '2022-01-02', precision: 'day', label: 'le 2 janvier' },
      where: ZHANAOZEN,
      categories: ['protest', 'strike'],
      sources: [
        { source: INTERVIEW, quote: 'Les protestations ont éclaté dans la ville pétrolière de Janaozen le 2 janvier.' },
        { source: INTERVIEW, quote: 'Iels ont alors manifesté massivement, et les forces de l’ordre ont semblé hésiter à les disperser.' },
      ],
    },
  },
  {
    key: 'ev:west-solidarity',
    kind: 'event',
    author: 'documenter',
    created: at(),
    content: {
      lang: 'fr',
      title: 'Manifestations de solidarité dans les villes et villages de l’ouest',
      summary: 'Dès le matin du 3 janvier, d’autres villes et villages de l’ouest du Kazakhstan manifestent par solidarité avec Janaozen.',
      when: { from: '2022-01-03', precision: 'day', label: 'Dès le lendemain matin [du 2 janvier]' },
      where: WESTERN_KAZAKHSTAN,
      categories: ['solidarity', 'protest'],
      sources: [{ source: INTERVIEW, quote: 'Dès le lendemain matin, d’autres villes et villages de l’ouest du Kazakhstan ont commencé à manifester par solidarité.' }],
    },
  },
  {
    key: 'ev:almaty-solidarity',
    kind: 'event',
    author: 'documenter',
    created: at(),
    content: {
      lang: 'fr',
      title: 'Actions de solidarité et manifestations dans plusieurs quartiers d’Almaty',
      summary: 'Le 4 janvier, des actions de solidarité avec Janaozen ont lieu à Almaty ; la témoin entend parler de manifestations dans différents quartiers de la ville.',
      when: { from: '2022-01-04', precision: 'day', label: 'le 4 janvier' },
      where: ALMATY,
      categories: ['solidarity', 'protest'],
      sources: [
        { source: AFTER, quote: 'On a appris que des actions de solidarité auraient lieu à Almaty le 4 janvier' },
        { source: AFTER, quote: 'j’ai entendu parler de manifestations dans différents quartiers de la ville' },
      ],
    },
  },
  {
    key: 'ev:oyan-arrests',
    kind: 'event',
    author: 'documenter',
    created: at(),
    content: {
      lang: 'fr',
      title: 'Arrestation de militant·es d’Oyan Kazakhstan',
      summary: 'Le 4 janvier à Almaty, des militant·es du mouvement de jeunesse Oyan Kazakhstan (« Kazakhstan Debout ») sont arrêté·es, selon ce que la témoin apprend en rentrant chez elle.',
      when: { from: '2022-01-04', precision: 'day', label: 'ce jour-là [le 4 janvier]' },
      where: ALMATY,
      categories: ['arrest'],
      sources: [{ source: AFTER, quote: 'l’arrestation de militant·es d’Oyan Kazakhstan' }],
    },
  },
  {
    key: 'ev:evening-cut-0104',
    kind: 'event',
    author: 'documenter',
    created: at(),
    content: {
      lang: 'fr',
      title: 'Connexions Internet coupées le soir du 4 janvier (chez la témoin)',
      summary:
        'Le soir du 4 janvier, chez la témoin, un peu en dehors d’Almaty, toutes les connexions Internet sont coupées. Le lendemain, il est encore possible de se connecter chez des ami·es : la coupure générale vient dans la nuit du 5 au 6.',
      when: { from: '2022-01-04', precision: 'day', label: 'Dans la soirée [du 4 janvier]' },
      where: ALMATY_OUTSKIRTS,
      categories: ['shutdown'],
      sources: [
        { source: AFTER, quote: 'Dans la soirée, toutes les connexions Internet ont été coupées.' },
        { source: AFTER, quote: 'Il était encore possible de se connecter en ligne chez des ami·es.' },
      ],
    },
  },
  {
    key: 'ev:republic-square-night',
    kind: 'event',
    author: 'documenter',
    created: at(),
    content: {
      lang: 'fr',
      title: 'Nuit du 4 au 5 janvier : grenades assourdissantes et gaz lacrymogènes sur la place de la République',
      summary:
        'Tard dans la nuit du 4 janvier, les habitant·es d’Almaty marchent jusqu’à la place principale, devant la mairie, où de fortes forces de police sont postées. Quand la foule approche, la police lance des grenades assourdissantes et des gaz lacrymogènes : plus d’une centaine de grenades entre 23 heures et 4 heures selon le journaliste Daniyar Moldabekov. Les affrontements tournent à l’avantage des manifestant·es.',
      when: { from: '2022-01-04T23:00+06:00', to: '2022-01-05T04:00+06:00', precision: 'hour', label: 'entre 23 heures et 4 heures' },
      where: REPUBLIC_SQUARE,
      categories: ['protest', 'clash'],
      sources: [
        {
          source: AFTER,
          quote: 'Quand les manifestant·es se sont approché·es de la place, la police a commencé à lancer des grenades assourdissantes et des gaz lacrymogènes.',
        },
        { source: AFTER, quote: 'Ils ont dû tirer plus d’une centaine de grenades entre 23 heures et 4 heures' },
        {
          source: INTERVIEW,
          quote:
            'Tard dans la nuit du 4 janvier, les habitants d’Almaty ont défi lé jusqu’à la place principale, devant la mairie. Des forces de police considérables y étaient positionnées. Des aff rontements ont éclaté, mais les manifestants ont eu le dessus.',
        },
      ],
    },
  },
  {
    key: 'ev:abai-armoured-vehicle',
    kind: 'event',
    author: 'documenter',
    created: at(),
    content: {
      lang: 'fr',
      title: 'Rue Abai : la foule face à un véhicule blindé de transport de troupes',
      summary:
        'Environ une heure après avoir atteint la place de la République, la foule se dirige vers la rue Abai et fait face à un véhicule blindé de transport de troupes. Un camion passe avec des citoyen·nes agitant des drapeaux kazakhs, certain·es portant des boucliers pris à la police anti-émeute.',
      when: { from: '2022-01-04', to: '2022-01-05', precision: 'day', label: 'Environ une heure après avoir atteint la place de la République (nuit du 4 au 5 janvier)' },
      where: ABAI_STREET,
      categories: ['protest', 'military'],
      sources: [
        {
          source: AFTER,
          quote:
            'Environ une heure après avoir atteint la place de la République, la foule s’est dirigée vers la rue Abai. Là, iels ont fait face à un véhicule de transport de troupe blindé qui se dirigeait dans leur direction.',
        },
      ],
    },
  },
  {
    key: 'ev:police-cars-burned',
    kind: 'event',
    author: 'documenter',
    created: at(),
    content: {
      lang: 'fr',
      title: 'Explosions toute la nuit, voitures de police incendiées',
      summary:
        'Selon le dernier message de la camarade d’Almaty (5 janvier, peu avant 16 heures), toute la nuit précédente il y a eu des explosions et des violences policières, et des gens ont brûlé des voitures de police.',
      when: { from: '2022-01-04', to: '2022-01-05', precision: 'day', label: 'Toute la nuit' },
      where: ALMATY,
      categories: ['clash', 'arson'],
      sources: [
        {
          source: INTERVIEW,
          quote:
            'Toute la nuit, il y a eu des explosions, des violences policières, et des gens ont brûlé des voitures de police, et parfois des voitures tout court.',
        },
      ],
    },
  },
];
