/** Claims: who said what, quoted from the sources, with figures where the statement has a number. */
import { AFTER, INTERVIEW, clock, type Cite, type RecordSpec } from './types.ts';
import type { ClaimContent } from '../../../src/core/records.ts';

const at = clock('2022-01-13T13:00:00Z');

type C = Omit<ClaimContent, 'sources' | 'lang'> & { quotes: Cite[]; events?: string[] };

const claim = (key: string, c: C): RecordSpec => {
  const { quotes, events, ...rest } = c;
  return {
    key,
    kind: 'claim',
    author: 'documenter',
    created: at(),
    content: { lang: 'fr', ...rest, sources: quotes },
    refs: (events ?? []).map((to) => ({ to, role: 'event' as const })),
  };
};

const TOKAYEV = { name: 'Kassym-Jomart Tokayev', role: 'président du Kazakhstan' };
const AUTHORITIES = { name: 'Autorités kazakhes', role: 'déclarations officielles rapportées par Anarchist Fighter' };
const MEDIA = { name: 'Médias kazakhs et étrangers', role: 'qualificatifs relevés par le podcast d’avtonom.org' };

export const CLAIMS: RecordSpec[] = [
  claim('c:interior-arrested', {
    statement: 'Près de 8000 personnes ont été arrêtées durant les manifestations.',
    claimant: { name: 'Ministre de l’Intérieur du Kazakhstan', role: 'ministre de l’Intérieur' },
    figure: { value: 8000, unit: 'detained', qualifier: 'about' },
    quotes: [{ source: AFTER, quote: 'Selon le ministre de l’Intérieur kazakh, près de 8000 personnes ont été arrêtées durant les manifestations' }],
  }),
  claim('c:interior-killed', {
    statement: 'Au moins 164 personnes ont été tuées durant les manifestations.',
    claimant: { name: 'Ministre de l’Intérieur du Kazakhstan', role: 'ministre de l’Intérieur' },
    figure: { value: 164, unit: 'killed', qualifier: 'at least' },
    quotes: [{ source: AFTER, quote: 'et au moins 164 ont été tuées ; depuis, des chiffres bien plus importants ont circulé.' }],
  }),
  claim('c:authorities-hundreds-dead', {
    statement: 'Les autorités ont confirmé la mort de centaines de personnes, dont deux enfants.',
    claimant: { name: 'Autorités kazakhes', role: 'selon les témoins d’Almaty' },
    figure: { value: 200, unit: 'killed', qualifier: 'at least' },
    quotes: [{ source: AFTER, quote: 'Les autorités ont déjà confirmé la mort de centaines de personnes, dont deux enfants.' }],
  }),
  claim('c:witness-thousands', {
    statement: 'Le compte [des personnes blessées ou tuées] s’élève sans doute à plusieurs milliers de personnes.',
    claimant: { name: 'une des deux anarcha-féministes d’Almaty interrogées', role: 'témoin' },
    said: { from: '2022-01-09', to: '2022-01-12', precision: 'day', label: 'entretien réalisé dès le rétablissement d’Internet' },
    figure: { value: 2000, unit: 'other', qualifier: 'at least' },
    quotes: [{ source: AFTER, quote: 'Le compte s’élève sans doute à plusieurs milliers de personnes.' }],
  }),
  claim('c:20000-bandits', {
    statement: '« 20 000 bandits qui attaquent Almaty »',
    claimant: MEDIA,
    figure: { value: 20000, unit: 'participants' },
    quotes: [{ source: AFTER, quote: 'aux « 20 000 bandits qui attaquent Almaty »' }],
  }),
  claim('c:islamist-terrorists', {
    statement: 'Les protestataires sont des « terroristes islamiques » (Wahhabites, Talibans, djihadistes).',
    claimant: MEDIA,
    quotes: [
      { source: AFTER, quote: 'ou aux « terroristes islamiques »' },
      { source: AFTER, quote: 'Ces organes diffusent également des informations à propos de Talibans ou de djihadistes.' },
    ],
  }),
  claim('c:foreign-trained', {
    statement: 'Le soulèvement est l’œuvre de « groupes terroristes soigneusement formés à l’étranger ».',
    claimant: TOKAYEV,
    quotes: [{ source: AFTER, quote: 'les mots du président Tokayev à propos de « groupes terroristes soigneusement formés à l’étranger »' }],
  }),
  claim('c:free-media-cause', {
    statement: 'Les gens en rébellion sont des « militants et bandits [qui doivent] être tués » ; la cause du soulèvement est à chercher dans « les médias libres et les personnalités étrangères ».',
    claimant: TOKAYEV,
    quotes: [
      {
        source: AFTER,
        quote:
          'Les gens en rébellion sont qualifiés de « militants et bandits [qui doivent] être tués », et la cause du soulèvement est censée être à chercher dans « les médias libres et les personnalités étrangères », selon les mots de Tokayev lui-même.',
      },
    ],
  }),
  claim('c:shutdown-purpose', {
    statement: 'La coupure d’Internet a pour but « d’empêcher les terroristes de divers pays qui combattent à Almaty de communiquer avec leurs quartiers-généraux ».',
    claimant: { name: 'Autorités kazakhes', role: 'justification officielle de la coupure' },
    quotes: [
      {
        source: AFTER,
        quote: 'Officiellement, la coupure avait pour but « d’empêcher les terroristes de divers pays qui combattent à Almaty de communiquer avec leurs quartiers-généraux. »',
      },
    ],
    events: ['ev:internet-cut-0506'],
  }),
  claim('c:csto-peacekeeping', {
    statement: 'L’intervention de l’OTSC est une « aide au maintien de la paix ».',
    claimant: { name: 'Kassym-Jomart Tokayev et l’OTSC', role: 'qualification officielle de l’intervention' },
    said: { from: '2022-01-05', to: '2022-01-06', precision: 'day', label: '« demande actuellement » (entretien du 6 janvier au matin)' },
    quotes: [
      { source: AFTER, quote: 'Officiellement qualifiée d’« aide au maintien de la paix par l’Organisation du traité de sécurité collective (OTSC) »' },
      { source: INTERVIEW, quote: 'l’envoi de soldats de «maintien de la paix».' },
    ],
    events: ['ev:csto-request', 'ev:csto-troops'],
  }),
  claim('c:bodies-stolen', {
    statement: 'Les terroristes internationaux qui auraient dirigé les révoltes ne peuvent pas être identifiés car leurs corps ont été volés dans les morgues.',
    claimant: TOKAYEV,
    quotes: [
      {
        source: AFTER,
        quote:
          'affirmant que les terroristes internationaux qui auraient dirigé les révoltes ne pourraient pas être identifiés car leurs corps auraient été volés dans les morgues.',
      },
    ],
  }),
  claim('c:disguised-radicals', {
    statement: 'Les manifestant·es radicaux se déguisent en policiers et en soldats.',
    claimant: AUTHORITIES,
    quotes: [{ source: AFTER, quote: 'les autorités kazakhes déclarent ouvertement, sans honte, que les manifestant⋅es radica⋅les se déguisent en policiers et en soldats' }],
  }),
  claim('c:training-camps-cordon', {
    statement:
      'Des « camps d’entraînement » ont existé pendant plusieurs années dans les montagnes, cachés par le Comité de sécurité nationale ; 40 minutes avant l’attaque sur l’aéroport, l’ordre a été donné de supprimer le cordon de sécurité et de retirer les gardes.',
    claimant: { name: 'Ancien conseiller du président', role: 'ancien conseiller présidentiel (non nommé dans le texte)' },
    figure: { value: 40, unit: 'other', qualifier: 'exactly' },
    quotes: [
      {
        source: AFTER,
        quote:
          'affirmé qu’avaient existé pendant plusieurs années des « camps d’entraînement » dans les montagnes et que le Comité de sécurité nationale cachait cette information.',
      },
      {
        source: AFTER,
        quote:
          'l’ordre a été donné, 40 minutes avant l’attaque sur l’aéroport, de supprimer complètement le cordon de sécurité et de retirer les gardes.',
      },
    ],
    events: ['ev:airport-occupied'],
  }),
  claim('c:kyrgyz-bribed', {
    statement: 'Les émeutiers sont des chômeurs kirghizs soudoyés, venus du Kirghizstan.',
    claimant: { name: 'Discours étatique et médias officiels kazakhs', role: 'selon les témoins d’Almaty' },
    quotes: [
      { source: AFTER, quote: 'hier il s’agissait de chômeurs kirghizs soi-disant soudoyés' },
      { source: AFTER, quote: 'Certains médias officiels disent qu’ils venaient du Kirghizstan' },
    ],
  }),
];
