/** Events of the history the accounts recall: 1986, 2011, 2016, 2019. */
import { AKTOBE, ALMATY, ZHANAOZEN } from './places.ts';
import { AFTER, INTERVIEW, clock, type RecordSpec } from './types.ts';

const at = clock('2022-01-13T09:00:00Z');

export const EVENTS_HISTORY: RecordSpec[] = [
  {
    key: 'ev:almaty-1986',
    kind: 'event',
    author: 'documenter',
    created: at(),
    content: {
      lang: 'fr',
      title: 'Soulèvement de décembre 1986 à Almaty, réprimé',
      summary:
        'Du 17 au 19 décembre 1986, des manifestations ont lieu à Almaty après le remplacement du premier secrétaire du Parti communiste du Kazakhstan par un fonctionnaire russe ; le pouvoir soviétique les réprime. Les sources parlent d’un massacre ; le nombre de morts reste classé selon la témoin.',
      when: { from: '1986-12-17', to: '1986-12-19', precision: 'day', label: 'Du 17 au 19 décembre 1986' },
      where: ALMATY,
      categories: ['protest', 'clash'],
      sources: [
        { source: AFTER, quote: 'Du 17 au 19 décembre 1986, des manifestations ont lieu à Almaty en réponse à la décision de Mikhaïl Gorbatchev' },
        { source: AFTER, quote: 'en 1986, quand le gouvernement de Mikhail Gorbachev a réprimé un soulèvement à Almaty, en perpétrant un massacre' },
      ],
    },
  },
  {
    key: 'ev:zhanaozen-2011',
    kind: 'event',
    author: 'documenter',
    created: at(),
    content: {
      lang: 'fr',
      title: 'Janaozen, décembre 2011 : la police tire sur des ouvriers du pétrole en grève',
      summary:
        'En décembre 2011, pendant une grève des travailleur·ses du pétrole à Janaozen, les autorités ordonnent à la police de tirer sur les grévistes ; plusieurs dizaines de personnes sont tuées selon l’article. La mémoire de ces mort·es pèse sur le soulèvement de 2022.',
      when: { from: '2011-12', precision: 'month', label: 'décembre 2011' },
      where: ZHANAOZEN,
      categories: ['strike', 'shooting'],
      sources: [
        {
          source: INTERVIEW,
          quote:
            'La ville est connue pour les événements sanglants de décembre 2011, lorsqu’une grève a eu lieu et que les autorités ont ordonné à la police de tirer sur les manifestants.',
        },
        { source: AFTER, quote: 'en 2011, quand la police avait fait feu sur des travailleur·ses en grève à Zhanaozen , et avait tué plusieurs dizaines de personnes' },
      ],
    },
  },
  {
    key: 'ev:aktobe-2016',
    kind: 'event',
    author: 'documenter',
    created: at(),
    content: {
      lang: 'fr',
      title: 'Aktobe, juin 2016 : des armes prises dans deux magasins, attaque contre la Garde nationale',
      summary:
        'Selon le journaliste Maksim Kurnikov cité par Anarchist Fighter : plusieurs dizaines de jeunes hommes prennent des armes dans deux magasins, s’emparent de véhicules et attaquent la Garde nationale, qui les défait. La « connexion islamiste » affirmée par les autorités reste sans fondement connu.',
      when: { from: '2016-06', precision: 'month', label: 'en juin 2016' },
      where: AKTOBE,
      categories: ['clash'],
      sources: [
        {
          source: AFTER,
          quote:
            'Il s’est passé exactement la même chose dans la ville d’Aktobe en juin 2016 : plusieurs dizaines de jeunes hommes, divisés en plusieurs groupes, ont récupéré des armes dans deux magasins, se sont emparés de véhicules, et ont attaqué la Garde Nationale, qui les a vaincus.',
        },
      ],
    },
  },
  {
    key: 'ev:marathon-banner-2019',
    kind: 'event',
    author: 'documenter',
    created: at(),
    content: {
      lang: 'fr',
      title: 'Banderole au marathon d’Almaty : Asya Tulesova et Beibarys Tolymbekov condamné·es à 15 jours',
      summary:
        'Pendant le marathon d’Almaty de 2019, Asya Tulesova et Beibarys Tolymbekov accrochent une banderole « Vous n’échapperez pas à la vérité », un commentaire sur l’élection présidentielle. Le 21 avril, iels sont condamné·es à 15 jours d’emprisonnement ; le mouvement Oyan Kazakhstan naît de cette action.',
      when: { from: '2019-04', precision: 'month', label: 'Le 21 avril [2019] (condamnation)' },
      where: ALMATY,
      categories: ['protest', 'arrest'],
      sources: [
        {
          source: AFTER,
          quote:
            'Le 21 avril, Asya Tulesova et Beibarys Tolymbekov ont été condamné·es à 15 jours d’emprisonnement, pour avoir enfreint la loi kazakhe sur les rassemblements, après avoir accroché une banderole sur le trajet du marathon d’Almaty',
        },
        { source: AFTER, quote: 'Le mouvement a démarré après l’action menée par Beibarys Tolymbekov et Asya Tulesova pendant le marathon de la ville en 2019' },
      ],
    },
  },
  {
    key: 'ev:election-arrests-2019',
    kind: 'event',
    author: 'documenter',
    created: at(),
    content: {
      lang: 'fr',
      title: 'Arrestations aux rassemblements après l’élection présidentielle de 2019',
      summary:
        'Après l’élection présidentielle de 2019, les témoins d’Almaty et leurs camarades sont arrêté·es lors de rassemblements ; seuls les médias étrangers et les rares médias kazakhs indépendants en parlent.',
      when: { from: '2019', precision: 'year', label: 'En 2019, après l’élection présidentielle' },
      where: ALMATY,
      categories: ['arrest', 'protest'],
      sources: [{ source: AFTER, quote: 'En 2019, après l’élection présidentielle, nous avons tou·tes été arrêté·es lors de rassemblements' }],
    },
  },
];
