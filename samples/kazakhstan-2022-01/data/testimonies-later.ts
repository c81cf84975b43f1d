/** Testimonies from Almaty after 5 January: the shutdown, 7 to 10 January, repression, and the witnesses' view of it. */
import { ALMATY, ALMATY_MORGUE, REPUBLIC_SQUARE } from './places.ts';
import { WITNESS, WITNESSES, testimony } from './testimonies-almaty.ts';
import { clock, type RecordSpec } from './types.ts';

const at = clock('2022-01-13T11:20:00Z');
const REPORTED = `${WITNESS}, rapportant ce qu’elle a appris`;

export const TESTIMONIES_LATER: RecordSpec[] = [
  testimony('t:midnight-shutdown', at(), {
    description: WITNESS,
    firsthand: true,
    quote:
      'Mes ami·es et moi avons décidé de rester ensemble à la maison. Nous étions tou·tes surexcité·es. C’était avant que ne nous parviennent les informations sur les destructions, les pillages et victimes civiles. A minuit, entre le 5 et le 6 janvier, toutes les connexions internet ont été coupées. Nous avons été isolé·es pendant quatre jours ; on ne pouvait que passer et recevoir des appels, et cela ne fonctionnait même pas très bien.',
    when: { from: '2022-01-06T00:00+06:00', precision: 'hour', label: 'A minuit, entre le 5 et le 6 janvier' },
    events: ['ev:internet-cut-0506'],
  }),
  testimony('t:services-abandoned', at(), {
    description: REPORTED,
    firsthand: false,
    quote:
      'Cette nuit, toute la ville a été abandonnée par les services publics, y compris les pompiers et les services médicaux. Les incendies ont été éteints par des volontaires, et certains manifestant·es et volontaires ont tenté d’arrêter les « voleurs ». [sic]',
    when: { from: '2022-01-05', to: '2022-01-06', precision: 'day', label: 'Cette nuit' },
    where: ALMATY,
    events: ['ev:services-abandon-city'],
  }),
  testimony('t:almaty-0107', at(), {
    description: WITNESSES,
    firsthand: true,
    quote:
      'Le 7 janvier, quelques magasins et distributeurs de billets éloignés du centre-ville fonctionnaient encore. Dans le centre, tout semblait tranquille – si l’on met de côté les bâtiments administratifs incendiés autour de la place. Certains services fonctionnaient encore. La veille, il avait été possible de rentrer dans les immeubles, personne ne les gardait. Cette fois, nous avons pris quelques photos puis nous avons entendu un coup de feu à proximité et nous avons quitté la zone.',
    when: { from: '2022-01-07', precision: 'day', label: 'Le 7 janvier' },
    where: REPUBLIC_SQUARE,
    events: ['ev:almaty-0107', 'ev:gunshot-0107'],
  }),
  testimony('t:reconnection', at(), {
    description: WITNESS,
    firsthand: true,
    quote:
      'Le matin du 9 janvier, il est à nouveau devenu possible d’établir une connexion internet grâce à des proxy. La connexion mobile n’était toujours pas disponible. Le 10 janvier au matin, la connexion a été rétablie partout, mais seulement jusqu’à 13h, puis elle est revenue entre 17h et 19 heures 30.',
    when: { from: '2022-01-09', to: '2022-01-10', precision: 'day', label: 'Le matin du 9 janvier ; le 10 janvier' },
    where: ALMATY,
    events: ['ev:proxies-0109', 'ev:reconnect-morning-0110', 'ev:reconnect-evening-0110'],
  }),
  testimony('t:banner-0106', at(), {
    description: REPORTED,
    firsthand: false,
    quote:
      'Le 6 janvier, des activistes sont venu·es sur la place. Iels ont déployé une banderole sur laquelle on pouvait lire « Nous ne sommes pas des terroristes. » La police leur a tiré dessus, et a tué au moins l’un·e d’entre elleux.',
    when: { from: '2022-01-06', precision: 'day', label: 'Le 6 janvier' },
    where: ALMATY,
    events: ['ev:banner-shooting-0106'],
    persons: ['p:banner-activist'],
  }),
  testimony('t:repression-arrests', at(), {
    description: REPORTED,
    firsthand: false,
    quote:
      'Le musicien kirghiz Vicram Ruzakhunov a été arrêté et torturé par les autorités kazakhes en tant que « terroriste » et on l’a forcé à enregistrer une vidéo dans laquelle il « avoue » ses crimes. Il est maintenant en liberté. Le journaliste local indépendant Lukpan Akhmediyarov a été arrêté. Un autre journaliste indépendant, Makhambet Abjan, a envoyé un message indiquant le 5 janvier que la police s’était rendue à son appartement ; aujourd’hui il a disparu. Des ami·es et de nombreuses autres personnes sur les réseaux sociaux signalent aussi la disparition de leurs proches.',
    events: ['ev:abjan-police-visit'],
    persons: ['p:ruzakhunov', 'p:akhmediyarov', 'p:abjan'],
  }),
  testimony('t:repression-dead-missing', at(), {
    description: REPORTED,
    firsthand: false,
    quote:
      'Les autorités ont déjà confirmé la mort de centaines de personnes, dont deux enfants. Des militant·es syndica·les sont porté·es disparu·es, notamment Kuspan Kosshigulov, Takhir Erdanov, et Amin Eleusinov et ses proches.',
    persons: ['p:two-children', 'p:kosshigulov', 'p:erdanov', 'p:eleusinov', 'p:eleusinov-relatives'],
  }),
  testimony('t:dozhd-morgue', at(), {
    description: REPORTED,
    firsthand: false,
    quote:
      'À Almaty, des journalistes de Channel Dozhd’ (Телеканал Дождь), qui tentaient de prendre des images à la morgue municipale se font fait tirer dessus (iels n’ont pas été blessé·es).',
    where: ALMATY_MORGUE,
    events: ['ev:dozhd-morgue'],
  }),
  testimony('t:oyan-history', at(), {
    description: WITNESS,
    firsthand: false,
    quote:
      'Il existe actuellement un mouvement de jeunesse pour les droits civils appelé Oyan Kazakhstan (« Kazakhstan Debout »). Il organise des réunions publiques, des performances, des marches, et ses participant·es sont régulièrement harcelé·es par la police. Le mouvement a démarré après l’action menée par Beibarys Tolymbekov et Asya Tulesova pendant le marathon de la ville en 2019',
    when: { from: '2019', precision: 'year', label: 'en 2019' },
    where: ALMATY,
    events: ['ev:marathon-banner-2019'],
    persons: ['p:tulesova', 'p:tolymbekov'],
  }),
  testimony('t:popular-uprising', at(), {
    description: WITNESS,
    firsthand: false,
    quote:
      'Tout a commencé par un soulèvement populaire. Oui, les gens ont incendié l’Akimat, mais personne ne les dirigeait. Iels voulaient juste mettre fin au vieux régime. Il ne s’agissait pas de « criminels » [sic].',
    where: ALMATY,
    events: ['ev:akimat-stormed'],
  }),
  testimony('t:other-forces', at(), {
    description: WITNESS,
    firsthand: false,
    quote:
      'Après que ça a commencé, d’autres forces sont apparues. Nous ne savons pas qui c’était. Mais il est vrai qu’ils étaient organisés. Mais par qui ? Il y a beaucoup de rumeurs. Certains médias officiels disent qu’ils venaient du Kirghizstan [voisin], où plusieurs révolutions ont eu lieu depuis l’indépendance [comme le Kazakhstan, le Kirghizstan est devenu indépendant à la chute de l’Union Soviétique, en 1991]. Ces organes diffusent également des informations à propos de Talibans ou de djihadistes. Des gens que je connais personnellement m’ont dit avoir vu des gens dans la rue qui « leur ressemblait »[sic].',
    where: ALMATY,
  }),
  testimony('t:state-discourse', at(), {
    description: WITNESS,
    firsthand: false,
    quote:
      'Les grands médias qui ont eu l’autorisation de continuer à fonctionner ont commencé à nous parler de radicaux et d’islamistes, en jouant sur l’image de l’ennemi extérieur. Avant cela, pendant les premiers jours des manifestations, il existait un discours appelant à « engager un dialogue pacifique avec les manifestant·es » – un jour plus tard, l’ordre était donné de tirer pour tuer (dans le discours du président Tokayev). Après l’arrivée des troupes de l’OTSC et deux jours de fusillades constantes dans les rues, Tokayev a assimilé les manifestant·es, les activistes et les défenseur·ses des droits humains à des terroristes, et les médias indépendants sont devenus selon ses mots, une menace pour la stabilité. Le discours étatique se transforme continuellement dans ce processus de construction d’un ennemi : hier il s’agissait de chômeurs kirghizs soi-disant soudoyés, aujourd’hui ce sont les radicaux d’Afghanistan. Nous espérons tous·tes que demain ce ne sera pas les militant·es qui, depuis trois ans, plaident pour des réformes politiques et participent à des rassemblements.',
    events: ['ev:state-of-emergency', 'ev:csto-troops'],
  }),
  testimony('t:death-toll-estimate', at(), {
    description: WITNESS,
    firsthand: false,
    quote:
      'Si l’on considère que c’est la deuxième fois que l’on fait tirer sur des manifestations (2011 et 2022), et que l’histoire du Kazakhstan est marquée par la répression brutale du soulèvement contre l’URSS en 1986, et que l’information sur le nombre de personnes tuées à l’époque est toujours classée… alors il n’y a aucun espoir que nous sachions dans un avenir proche combien de personnes ont été blessées ou tuées. Le compte s’élève sans doute à plusieurs milliers de personnes.',
    events: ['ev:zhanaozen-2011', 'ev:almaty-1986'],
  }),
  testimony('t:support-informational', at(), {
    description: WITNESS,
    firsthand: true,
    quote:
      'Le soutien le plus important est informationnel. En 2019, après l’élection présidentielle, nous avons tou·tes été arrêté·es lors de rassemblements et les seuls à en parler étaient les médias étrangers et les médias kazakhs indépendants (qui sont très peu nombreux et dont les sites sont régulièrement bloqués).',
    when: { from: '2019', precision: 'year', label: 'En 2019, après l’élection présidentielle' },
    events: ['ev:election-arrests-2019'],
  }),
];
