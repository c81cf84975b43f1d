/** Testimonies from Almaty, 1 to 5 January: the witnesses' first-hand passages and those they relay. */
import { ALMATY, ALMATY_OUTSKIRTS, MONUMENT_1986, REPUBLIC_SQUARE } from './places.ts';
import { AFTER, INTERVIEW, clock, type ApproxTime, type Author, type Place, type RecordSpec, type SourceKey } from './types.ts';

const at = clock('2022-01-13T11:00:00Z');

export const WITNESS = 'une des deux anarcha-féministes d’Almaty interrogées';
export const WITNESSES = 'une des deux anarcha-féministes d’Almaty interrogées, parlant pour elle et son ami·e';

interface T {
  author?: Author;
  description: string;
  firsthand: boolean;
  source?: SourceKey;
  quote: string;
  when?: ApproxTime;
  where?: Place;
  events?: string[];
  persons?: string[];
}

/** A testimony whose text is its quoted passage (build.ts makes it readable). */
export function testimony(key: string, created: string, t: T): RecordSpec {
  return {
    key,
    kind: 'testimony',
    author: t.author ?? 'witness-almaty',
    created,
    content: {
      lang: 'fr',
      witness: { description: t.description, firsthand: t.firsthand },
      ...(t.when ? { when: t.when } : {}),
      ...(t.where ? { where: t.where } : {}),
      sources: [{ source: t.source ?? AFTER, quote: t.quote }],
    },
    refs: [...(t.events ?? []).map((to) => ({ to, role: 'event' as const })), ...(t.persons ?? []).map((to) => ({ to, role: 'person' as const }))],
  };
}

const DAY5: ApproxTime = { from: '2022-01-05', precision: 'day', label: '5 janvier' };

export const TESTIMONIES_ALMATY: RecordSpec[] = [
  testimony('t:last-message-0105', at(), {
    author: 'correspondent-almaty',
    description:
      'une anarcha-féministe d’Almaty, camarade des éditeurs : dernier message reçu peu avant 16 heures (heure locale) le 5 janvier ; le texte place aussi le nom « Hanna Liubakova » après la citation',
    firsthand: true,
    source: INTERVIEW,
    quote:
      'Ce qui se passe en ce moment au Kazakhstan n’était jamais jamais arrivé auparavant. Toute la nuit, il y a eu des explosions, des violences policières, et des gens ont brûlé des voitures de police, et parfois des voitures tout court. En ce moment, les gens marchent autour des artères principales et quelque chose est en train de se passer du côté d’Akimat',
    when: { from: '2022-01-05', precision: 'day', label: 'peu de temps avant 16 heures (heure locale) le 5 janvier' },
    where: ALMATY,
    events: ['ev:police-cars-burned', 'ev:akimat-stormed'],
  }),
  testimony('t:news-from-zhanaozen', at(), {
    description: WITNESS,
    firsthand: false,
    quote:
      'Peu de temps après le Nouvel An, des nouvelles à propos d’un soulèvement des travailleur·ses de Zhanaozen ont commencé à nous arriver. La protestation était pacifique, mais les revendications assez radicales – de la baisse des prix du gaz à la démission du gouvernement. Des manifestations ont également commencé dans d’autres villes. On a appris que des actions de solidarité auraient lieu à Almaty le 4 janvier, mais on avait pas d’informations plus précises que cela.',
    when: { from: '2022-01-02', to: '2022-01-04', precision: 'day', label: 'Peu de temps après le Nouvel An' },
    events: ['ev:zhanaozen-protest', 'ev:west-solidarity', 'ev:almaty-solidarity'],
  }),
  testimony('t:witness-0104', at(), {
    description: WITNESS,
    firsthand: false,
    quote:
      'En rentrant chez moi ce jour-là, j’ai entendu parler de manifestations dans différents quartiers de la ville et de l’arrestation de militant·es d’Oyan Kazakhstan [le mouvement de jeunesse mentionné plus haut]. Je vis un peu en dehors de la ville, dans les montagnes, et une fois arrivée à la maison il était déjà clair que quelque chose de grave était en train de se passer. Dans la soirée, toutes les connexions Internet ont été coupées. Je ne savais pas où je pouvais aller ni si je pourrais revenir.',
    when: { from: '2022-01-04', precision: 'day', label: 'ce jour-là [le 4 janvier]' },
    where: ALMATY_OUTSKIRTS,
    events: ['ev:almaty-solidarity', 'ev:oyan-arrests', 'ev:evening-cut-0104'],
    persons: ['p:oyan-activists'],
  }),
  testimony('t:moldabekov-night', at(), {
    description: 'Daniyar Moldabekov, journaliste politique, cité par la témoin (son camarade)',
    firsthand: true,
    quote:
      'Quand les manifestant·es se sont approché·es de la place, la police a commencé à lancer des grenades assourdissantes et des gaz lacrymogènes. Avec des milliers d’autres, nous avons étouffé, nos yeux et nos visages nous brûlaient, nous nous sentions malades, nous toussions sans cesse. C’est un miracle que je ne me sois pas évanoui. Ils ont dû tirer plus d’une centaine de grenades entre 23 heures et 4 heures, quand mes collègues ont dû me ramener chez moi. Je pouvais encore entendre les détonations depuis mon appartement. Environ une heure après avoir atteint la place de la République, la foule s’est dirigée vers la rue Abai. Là, iels ont fait face à un véhicule de transport de troupe blindé qui se dirigeait dans leur direction. Un camion est passé avec des citoyen⋅es agitant des drapeaux kazakhs. Certains d’entre elleux portaient des boucliers qui semblaient avoir été arrachés à la police anti-émeute.',
    when: { from: '2022-01-04T23:00+06:00', to: '2022-01-05T04:00+06:00', precision: 'hour', label: 'entre 23 heures et 4 heures' },
    where: REPUBLIC_SQUARE,
    events: ['ev:republic-square-night', 'ev:abai-armoured-vehicle'],
  }),
  testimony('t:phone-news-0105', at(), {
    description: WITNESS,
    firsthand: false,
    quote:
      'Les gens ont entendu des explosions toute la nuit. Je refusais d’y croire. Le matin, les nouvelles nous sont arrivées par téléphone. Pendant une demi-journée, j’ai appelé tout le monde, j’ai entendu parler des victimes, de la libération des militant·es. Il était encore possible de se connecter en ligne chez des ami·es. Le bâtiment de l’Akimat (la mairie) était occupé. Tout le monde essayait de nous persuader de rester chez nous. Certaines personnes, qui pensaient que les manifestations avaient un caractère nationaliste, commençaient à avoir peur (je suis d’origine russe).',
    when: { from: '2022-01-05', precision: 'day', label: 'Le matin [du 5 janvier]' },
    events: ['ev:republic-square-night', 'ev:akimat-stormed', 'ev:evening-cut-0104'],
    persons: ['p:oyan-activists'],
  }),
  testimony('t:half-empty-city', at(), {
    description: WITNESSES,
    firsthand: true,
    quote:
      'La ville était à moitié vide. Des voitures arborant des drapeaux kazakhs circulaient dans les rues, leurs occupant·es criant avec joie. Tout était fermé. Sur les portes, des panneaux sur lesquels on pouvait lire « nous sommes avec le peuple ». Une atmosphère excitante. Alors que nous nous rapprochions de la place, il y avait de plus en plus de groupes de jeunes hommes. J’ai vu une épaulette de police qui traînait sur la route. Des gens avec des bâtons se rassemblaient. C’est devenu un peu effrayant, mais personne n’était agressif. Au monument des événements de 1986 (le soulèvement contre le régime soviétique), nous avons rencontré des manifestant·es avec des boucliers de police. Aucun policer ou soldat n’était en vue.',
    when: DAY5,
    where: MONUMENT_1986,
    events: ['ev:witnesses-at-monument'],
  }),
  testimony('t:akimat-burning', at(), {
    description: WITNESSES,
    firsthand: true,
    quote:
      'Nous avons alors vu l’Akimat brûler. On ne pouvait pas en croire nos yeux. Les gens alimentaient des feux de joie. Tout le monde était calme. Iels ont enfoncé les portes du bâtiment qui fait face à l’Akimat. Il y a avait des chaînes de télévision et d’autres services gouvernementaux. Des hommes sont revenus vers nous : « Pourquoi êtes-vous venu·es ? » (ils voulaient dire : « « Pourquoi êtes-vous venu·es, alors que vous êtes des Russes? »). « C’est ma ville, autant que la vôtre », ai-je répondu. Ils nous ont accueilli joyeusement. Nous n’avons ressenti aucune agressivité de leur part.',
    when: DAY5,
    where: REPUBLIC_SQUARE,
    events: ['ev:akimat-stormed', 'ev:building-opposite-akimat'],
  }),
  testimony('t:tea-with-protester', at(), {
    description: `${WITNESSES}, rapportant ce que leur a dit un manifestant présent depuis le début`,
    firsthand: false,
    quote:
      'Nous avons proposé aux manifestant·es du thé chaud. L’homme nous a dit avoir été aux manifestations dès le début et que tout avait commencé pacifiquement, jusqu’à ce que les autorités commencent à utiliser des grenades assourdissantes et à recourir à la violence. « Maintenant », a-t-il dit, « ils tirent sur les combattant·es ». Les gardes restaient seulement proches du bâtiment de l’Akimat. Lui et un autre homme avaient vu des personnes se faire tirer dans la tête. Ils appelaient des taxis pour emmener les blessé·es à l’hôpital. Il nous a dit qu’ils prévoyaient d’occuper l’aéroport, pour que les militaires russes ne puissent pas y atterrir.',
    when: DAY5,
    where: REPUBLIC_SQUARE,
    events: ['ev:shot-in-the-head', 'ev:airport-occupied', 'ev:csto-request'],
  }),
  testimony('t:rubber-bullets-leaving', at(), {
    description: WITNESSES,
    firsthand: true,
    quote:
      'Aucune des personnes que nous avons vu sur la place ne ressemblait à un·e « maraudeur·se » [sic]. Iels voulaient la démission du gouvernement. Iels n’exécutaient pas d’ordres, personne ne tirait les ficelles. C’était un soulèvement des travailleur·ses à l’échelle nationale. Personne n’avait peur de mourir, mais personne n’était en colère. Iels nous ont montré des blessures causées par des balles en caoutchouc et nous ont prévenu qu’il y aurait bientôt des tirs plus sérieux, et qu’il était préférable pour nous de partir. Le son des explosions et des tirs est devenu de plus en plus fréquent. Nous sommes parties. Un homme nous a déposé en voiture. Pendant toutes ces journées, les gens ont fait preuve d’une grande solidarité les un·es envers les autres.',
    when: DAY5,
    where: REPUBLIC_SQUARE,
    events: ['ev:rubber-bullets'],
  }),
];
