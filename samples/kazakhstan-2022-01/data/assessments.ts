/** The curator's assessments: each claim set against the testimonies and events of the sample. */
import { clock, type RecordSpec } from './types.ts';
import type { Verdict } from '../../../src/core/records.ts';

const at = clock('2022-01-13T14:00:00Z');

const assess = (key: string, target: string, verdict: Verdict, note: string, evidence: string[]): RecordSpec => ({
  key,
  kind: 'assessment',
  author: 'curator',
  created: at(),
  content: { lang: 'fr', verdict, note },
  refs: [{ to: target, role: 'target' }, ...evidence.map((to) => ({ to, role: 'evidence' as const }))],
});

export const ASSESSMENTS: RecordSpec[] = [
  assess(
    'a:interior-arrested',
    'c:interior-arrested',
    'supports',
    'Les récits confirment des arrestations nombreuses et de toutes sortes (militant·es d’Oyan Kazakhstan le 4 janvier, journalistes, un musicien kirghiz torturé) et des disparitions. Aucun ne permet de vérifier le chiffre de 8000 ; les personnes portées disparues n’y sont peut-être pas comptées.',
    ['t:witness-0104', 't:repression-arrests', 't:repression-dead-missing'],
  ),
  assess(
    'a:interior-killed',
    'c:interior-killed',
    'supports',
    'Comme plancher seulement. Les témoins rapportent que les autorités elles-mêmes ont ensuite confirmé « des centaines » de mort·es, dont deux enfants, et estiment le bilan à plusieurs milliers ; l’article note que des chiffres bien plus importants ont circulé. Le chiffre de 164 est donc au mieux un minimum.',
    ['t:repression-dead-missing', 't:death-toll-estimate', 't:tea-with-protester'],
  ),
  assess(
    'a:authorities-hundreds-dead',
    'c:authorities-hundreds-dead',
    'supports',
    'Les témoins sur la place ont entendu d’un manifestant que des personnes avaient été touchées à la tête et emmenées en taxi à l’hôpital ; le 6 janvier, la police a tiré sur des activistes à la banderole et tué au moins l’un·e d’entre elleux ; deux jours de fusillades constantes ont suivi l’arrivée de l’OTSC. Cela concorde avec un bilan de centaines de mort·es, sans permettre de le compter.',
    ['t:tea-with-protester', 't:banner-0106', 't:state-discourse', 'ev:shot-in-the-head'],
  ),
  assess(
    'a:witness-thousands',
    'c:witness-thousands',
    'supports',
    'C’est une estimation, non un décompte : la témoin raisonne à partir de 1986 et de 2011, dont les bilans restent classés ou contestés. Les récits de première main (tirs à la tête, balles en caoutchouc, fusillades pendant deux jours) la rendent plausible pour les blessé·es et tué·es réunis ; rien dans l’archive ne la vérifie.',
    ['t:death-toll-estimate', 't:rubber-bullets-leaving', 't:tea-with-protester', 't:state-discourse'],
  ),
  assess(
    'a:20000-bandits',
    'c:20000-bandits',
    'contradicts',
    'Les témoins sur la place, le 5 janvier, décrivent une ville à moitié vide, des gens calmes qui alimentent des feux de joie, les accueillent sans agressivité, offrent du thé, appellent des taxis pour les blessé·es ; « aucune des personnes que nous avons vu sur la place ne ressemblait à un·e maraudeur·se ». Aucun récit ne décrit une attaque de la ville par des bandes venues de l’extérieur.',
    ['t:rubber-bullets-leaving', 't:half-empty-city', 't:akimat-burning', 't:tea-with-protester'],
  ),
  assess(
    'a:islamist-terrorists',
    'c:islamist-terrorists',
    'contradicts',
    'Les témoins présentes sur la place n’ont vu ni chefs ni ordres et décrivent un soulèvement de travailleur·ses. Par honnêteté : une témoin rapporte que des connaissances disent avoir vu dans la rue des gens « qui leur ressemblaient », et l’analyse d’Anarchist Fighter admet que de tels groupes existent au Kazakhstan, tout en n’ayant aucune preuve de leur implication à Almaty. Rien dans l’archive n’établit un soulèvement islamiste.',
    ['t:rubber-bullets-leaving', 't:popular-uprising', 't:other-forces', 't:state-discourse'],
  ),
  assess(
    'a:foreign-trained',
    'c:foreign-trained',
    'contradicts',
    'Le soulèvement commence par la hausse du prix du gaz à Janaozen le 1er janvier et s’étend en quelques jours ; à Almaty, les témoins décrivent des habitant·es qui voulaient la démission du gouvernement, sans chef. Une témoin note que d’autres forces, organisées, sont apparues après le début : l’archive ne dit pas qui elles étaient, et rien n’y montre une formation à l’étranger.',
    ['t:abroad-price', 't:news-from-zhanaozen', 't:popular-uprising', 't:rubber-bullets-leaving', 't:other-forces'],
  ),
  assess(
    'a:free-media-cause',
    'c:free-media-cause',
    'contradicts',
    'Les deux récits font partir le soulèvement de revendications économiques (le prix du gaz liquéfié doublé le 1er janvier à Janaozen), devenues politiques ; aucun ne met en cause des médias libres ou des personnalités étrangères. Les témoins disent au contraire que les médias indépendants sont rares et bloqués.',
    ['t:abroad-price', 't:news-from-zhanaozen', 't:support-informational'],
  ),
  assess(
    'a:shutdown-purpose',
    'c:shutdown-purpose',
    'contradicts',
    'Ce que les récits documentent de la coupure, c’est l’isolement des habitant·es : à minuit entre le 5 et le 6 janvier, tout Internet coupé, quatre jours avec des appels qui passaient mal, puis des proxys le 9 et une connexion par plages horaires le 10. Aucun récit ne fait état de combattants étrangers à Almaty ; la coupure a empêché les témoignages de sortir.',
    ['t:midnight-shutdown', 't:reconnection', 't:other-forces', 'ev:internet-cut-0506'],
  ),
  assess(
    'a:csto-peacekeeping',
    'c:csto-peacekeeping',
    'contradicts',
    'Les témoins d’Almaty décrivent « deux jours de fusillades constantes dans les rues » après l’arrivée des troupes de l’OTSC ; le militant interrogé le 6 janvier décrit la demande comme l’invitation de troupes étrangères pour réprimer les manifestant·es ; des manifestant·es voulaient occuper l’aéroport pour empêcher l’atterrissage de militaires russes.',
    ['t:state-discourse', 't:abroad-csto', 't:tea-with-protester', 'ev:csto-troops'],
  ),
  assess(
    'a:bodies-stolen',
    'c:bodies-stolen',
    'contradicts',
    'Aucun « terroriste international » n’apparaît dans les récits, qui décrivent des habitant·es d’Almaty ; la seule scène de morgue rapportée est celle de journalistes de la chaîne Dojd visés par des tirs alors qu’ils tentaient de filmer. L’archive ne peut pas dire ce qu’il est advenu des corps, mais rien n’y étaye l’affirmation, et l’accès aux morgues semble avoir été empêché.',
    ['t:popular-uprising', 't:dozhd-morgue', 't:rubber-bullets-leaving'],
  ),
  assess(
    'a:disguised-radicals',
    'c:disguised-radicals',
    'contradicts',
    'Les seuls équipements de police vus chez des manifestant·es sont des boucliers pris à la police anti-émeute (Daniyar Moldabekov, et les témoins au monument de 1986) et une épaulette traînant par terre. Le 6 janvier, selon les témoins, c’est la police qui a tiré sur les activistes à la banderole « Nous ne sommes pas des terroristes ».',
    ['t:moldabekov-night', 't:half-empty-city', 't:banner-0106'],
  ),
  assess(
    'a:training-camps-cordon',
    'c:training-camps-cordon',
    'supports',
    'Partiellement, et sur un seul point : une témoin dit que « d’autres forces » organisées sont apparues après le début du soulèvement, et un manifestant parlait le 5 janvier d’occuper l’aéroport. Rien dans l’archive ne vérifie l’existence de camps d’entraînement ni l’ordre de retirer le cordon 40 minutes avant l’attaque.',
    ['t:other-forces', 't:tea-with-protester', 'ev:airport-occupied'],
  ),
  assess(
    'a:kyrgyz-bribed',
    'c:kyrgyz-bribed',
    'contradicts',
    'Les témoins ont vu sur la place des habitant·es d’Almaty, dont certain·es les ont interpellées en tant que Russes, et aucun·e « maraudeur·se » ; elles notent que le discours officiel change d’ennemi d’un jour à l’autre (chômeurs kirghizs, puis radicaux d’Afghanistan). Elles reconnaissent que d’autres forces organisées sont apparues, sans savoir lesquelles.',
    ['t:state-discourse', 't:other-forces', 't:akimat-burning', 't:rubber-bullets-leaving'],
  ),
];
