/** Events of the night of 5 to 6 January and of 6 January 2022. */
import { ALMATY, ALMATY_MORGUE, KAZAKHSTAN, NUR_SULTAN } from './places.ts';
import { AFTER, INTERVIEW, clock, type RecordSpec } from './types.ts';

const at = clock('2022-01-13T10:00:00Z');
const ev = (key: string, content: Extract<RecordSpec, { kind: 'event' }>['content']): RecordSpec => ({ key, kind: 'event', author: 'documenter', created: at(), content });

export const EVENTS_0106: RecordSpec[] = [
  ev('ev:csto-request', {
    lang: 'fr',
    title: 'Tokayev demande l’aide de l’OTSC',
    summary:
      'Le président Kassym-Jomart Tokayev demande officiellement à l’Organisation du traité de sécurité collective (OTSC : Russie, Arménie, Biélorussie, Kazakhstan, Kirghizistan, Tadjikistan) l’envoi de soldats de « maintien de la paix » pour reprendre le contrôle du pays. Le 5 janvier, les manifestant·es parlent déjà d’empêcher l’atterrissage de militaires russes ; le 6 au matin, l’entretien dit que la demande est en cours.',
    when: { from: '2022-01-05', to: '2022-01-06', precision: 'day', label: '« demande actuellement » (entretien du 6 janvier au matin)' },
    where: KAZAKHSTAN,
    categories: ['statement', 'military'],
    sources: [
      { source: INTERVIEW, quote: 'Le président du Kazakhstan, Kassym-Jomart Tokayev, demande actuellement au CSTO' },
      {
        source: AFTER,
        quote:
          'Au même moment, Tokayev a officiellement demandé à l’Organisation du Traité de Sécurité Collective (OTSC, alliance militaire comprenant la Russie et plusieurs autres pays voisins) de l’aide pour reprendre le contrôle du pays.',
      },
    ],
  }),
  ev('ev:state-of-emergency', {
    lang: 'fr',
    title: 'État d’urgence ; ordre de « tirer sans sommation »',
    summary:
      'Le président Tokayev déclare l’état d’urgence et envoie l’armée contre les manifestant·es avec ordre de tirer sur quiconque résiste (« tirer sans sommation »), au même moment que sa demande à l’OTSC ; un couvre-feu est en vigueur à Almaty, en théorie. Les textes ne datent pas l’ordre à l’heure près.',
    when: { from: '2022-01-05', to: '2022-01-06', precision: 'day', label: '« Au même moment » que la demande d’aide à l’OTSC' },
    where: KAZAKHSTAN,
    categories: ['statement', 'military'],
    sources: [
      {
        source: AFTER,
        quote:
          'Le président Tokaev a déclaré l’état d’urgence et envoyé les militaires contre les manifestant⋅es avec ordre de tirer à vue sur quiconque oserait résister.',
      },
      { source: AFTER, quote: 'a ordonné à ses troupes de « tirer sans sommation »' },
      { source: INTERVIEW, quote: 'En théorie, la ville est soumise à un couvre-feu' },
    ],
  }),
  ev('ev:chaos-night-0506', {
    lang: 'fr',
    title: 'Pillages et dépôts d’armes forcés ; coups de feu signalés',
    summary:
      'Dans la nuit du 5 janvier ou tôt le matin du 6, selon les réseaux sociaux que suit l’interviewé, la situation devient chaotique à Almaty : pillages, dépôts d’armes forcés, coups de feu signalés.',
    when: { from: '2022-01-05', to: '2022-01-06', precision: 'day', label: 'dans la nuit du 5 janvier ou tôt le matin du 6 janvier' },
    where: ALMATY,
    categories: ['looting', 'shooting'],
    sources: [
      {
        source: INTERVIEW,
        quote:
          'dans la nuit du 5 janvier ou tôt le matin du 6 janvier, la situation est devenue chaotique à Almaty, où les gens ont commencé à piller et à forcer les dépôts d’armes pour s’en procurer, et des coups de feu ont été signalés.',
      },
    ],
  }),
  ev('ev:internet-cut-0506', {
    lang: 'fr',
    title: 'Internet coupé à minuit : quatre jours d’isolement',
    summary:
      'À minuit, entre le 5 et le 6 janvier, toutes les connexions Internet sont coupées. Les témoins d’Almaty restent isolées quatre jours ; seuls les appels vocaux passent, mal. Le 6 au matin, les coupures empêchent tout entretien avec les gens d’Almaty.',
    when: { from: '2022-01-06T00:00+06:00', precision: 'hour', label: 'A minuit, entre le 5 et le 6 janvier' },
    where: KAZAKHSTAN,
    categories: ['shutdown'],
    sources: [
      { source: AFTER, quote: 'A minuit, entre le 5 et le 6 janvier, toutes les connexions internet ont été coupées.' },
      { source: AFTER, quote: 'Internet a été coupé pendant plusieurs jours.' },
      {
        source: INTERVIEW,
        quote: 'après que des pannes d’internet ont rendu impossible la conduite d’un entretien avec des personnes participant au mouvement à Almaty',
      },
    ],
  }),
  ev('ev:services-abandon-city', {
    lang: 'fr',
    title: 'La ville abandonnée par les services publics ; des volontaires éteignent les feux',
    summary:
      'Cette nuit-là, les services publics, pompiers et services médicaux compris, abandonnent Almaty. Des volontaires éteignent les incendies ; des manifestant·es et volontaires tentent d’arrêter les « voleurs ».',
    when: { from: '2022-01-05', to: '2022-01-06', precision: 'day', label: 'Cette nuit [du 5 au 6 janvier]' },
    where: ALMATY,
    categories: ['other'],
    sources: [
      {
        source: AFTER,
        quote:
          'Cette nuit, toute la ville a été abandonnée par les services publics, y compris les pompiers et les services médicaux. Les incendies ont été éteints par des volontaires',
      },
    ],
  }),
  ev('ev:nur-sultan-akorda', {
    lang: 'fr',
    title: 'Nur-Sultan : la police anti-émeute entoure le palais présidentiel d’Aqorda',
    summary: 'Dans la capitale, Nur-Sultan, c’est calme, mais un grand nombre de policiers anti-émeute entoure le palais présidentiel d’Aqorda : la ville devient une forteresse.',
    when: { from: '2022-01-05', to: '2022-01-06', precision: 'day', label: 'au moment de l’entretien (6 janvier au matin)' },
    where: NUR_SULTAN,
    categories: ['military'],
    sources: [
      {
        source: INTERVIEW,
        quote:
          'Dans la capitale, Nur-Sultan, c’est calme, mais les gens ont vu un grand nombre de policiers anti-émeute entourer le palais présidentiel d’Aqorda. En fait, la ville est devenue une forteresse.',
      },
    ],
  }),
  ev('ev:smoke-over-almaty-0106', {
    lang: 'fr',
    title: 'Brouillard et fumée sur les feux d’Almaty',
    summary: 'Le 6 janvier, une photographe (légende de l’article) décrit un brouillard sinistre au-dessus des feux d’Almaty, « comme un hiver nucléaire ».',
    when: { from: '2022-01-06', precision: 'day', label: '6 Janvier' },
    where: ALMATY,
    categories: ['arson'],
    sources: [{ source: AFTER, quote: '6 Janvier : Vue sur Almaty. Lae photographe : « Un brouillard sinistre plane sur les feux : ça ressemble à un hiver nucléaire maintenant. »' }],
  }),
  ev('ev:banner-shooting-0106', {
    lang: 'fr',
    title: '« Nous ne sommes pas des terroristes » : la police tire sur les activistes à la banderole',
    summary:
      'Le 6 janvier, des activistes viennent sur la place avec une banderole « Nous ne sommes pas des terroristes ». La police leur tire dessus et tue au moins l’un·e d’entre elleux.',
    when: { from: '2022-01-06', precision: 'day', label: 'Le 6 janvier' },
    where: ALMATY,
    categories: ['protest', 'shooting'],
    sources: [
      {
        source: AFTER,
        quote:
          'Le 6 janvier, des activistes sont venu·es sur la place. Iels ont déployé une banderole sur laquelle on pouvait lire « Nous ne sommes pas des terroristes. » La police leur a tiré dessus, et a tué au moins l’un·e d’entre elleux.',
      },
    ],
  }),
  ev('ev:dozhd-morgue', {
    lang: 'fr',
    title: 'Des journalistes de la chaîne Dojd visés par des tirs près de la morgue',
    summary:
      'À Almaty, des journalistes de la chaîne Dojd (Телеканал Дождь) qui tentent de filmer à la morgue municipale essuient des tirs ; iels ne sont pas blessé·es. Le texte ne donne pas la date.',
    when: { from: '2022-01', precision: 'month', label: 'date non précisée' },
    where: ALMATY_MORGUE,
    categories: ['shooting'],
    sources: [
      {
        source: AFTER,
        quote:
          'À Almaty, des journalistes de Channel Dozhd’ (Телеканал Дождь), qui tentaient de prendre des images à la morgue municipale se font fait tirer dessus (iels n’ont pas été blessé·es).',
      },
    ],
  }),
];
