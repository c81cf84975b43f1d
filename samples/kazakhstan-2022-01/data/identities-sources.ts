/** Demo identities, the two source documents and one media descriptor per source file. */
import { AFTER, INTERVIEW, type Identity, type MediaSpec, type SourceSpec } from './types.ts';

export const IDENTITIES: Identity[] = [
  {
    name: 'witness-almaty',
    role: 'witness',
    about:
      'Stands for the two anarcha-feminists of Almaty interviewed in "Kazakhstan : après le soulèvement" (and for the people they quote). Not a real person.',
    created: '2022-01-13T07:00:00Z',
  },
  {
    name: 'correspondent-almaty',
    role: 'witness',
    about:
      'Stands for the Almaty anarcha-feminist whose last message before the shutdown (5 January, shortly before 16:00) opens the interview document. Not a real person.',
    created: '2022-01-13T07:01:00Z',
  },
  {
    name: 'interviewee-abroad',
    role: 'witness',
    about: 'Stands for the Kazakh anarchist living abroad interviewed on the morning of 6 January 2022. Not a real person.',
    created: '2022-01-13T07:02:00Z',
  },
  {
    name: 'documenter',
    role: 'documenter',
    about: 'Files the source documents and records events, persons of concern, status reports and claims from them. Not a real person.',
    created: '2022-01-13T07:03:00Z',
  },
  {
    name: 'curator',
    role: 'curator',
    about: 'Signs assessments of claims against the testimonies and events of the sample. Not a real person.',
    created: '2022-01-13T07:04:00Z',
  },
  {
    name: 'translator',
    role: 'translator',
    about: 'Signs English translations of the key testimonies. Not a real person.',
    created: '2022-01-13T07:05:00Z',
  },
];

export const SOURCES: SourceSpec[] = [
  {
    key: AFTER,
    file: 'kazakhstan-2022-01-after-the-uprising.fr.txt',
    author: 'documenter',
    created: '2022-01-13T08:00:00Z',
    content: {
      lang: 'fr',
      title: 'Kazakhstan : après le soulèvement. Récits de témoins à Almaty ; Analyse d’anarchistes russes',
      publisher: 'CrimethInc. (d’après l’adresse de l’image d’en-tête, cdn.crimethinc.com)',
      published: { from: '2022-01-12', precision: 'day', label: 'assets/articles/2022/01/12 (adresse de l’image d’en-tête)', circa: true },
      description:
        'French text of an article combining translated analyses by Russian anarchists (Anarchist Fighter, avtonom.org) with an interview of two anarcha-feminists in Almaty, conducted once internet access came back after the shutdown. Plain-text capture; photo captions kept, photos not included.',
    },
  },
  {
    key: INTERVIEW,
    file: 'kazakhstan-2022-01-uprising-interview.fr.txt',
    author: 'documenter',
    created: '2022-01-13T08:01:00Z',
    content: {
      lang: 'fr',
      title: 'Le soulèvement au Kazakhstan : entretien avec un anarchiste kazakh vivant à l’étranger',
      description:
        'French text (extracted from a laid-out PDF: end-of-line hyphenation and broken ligatures such as "diff érents" kept as they are) of an interview with a Kazakh anarchist living abroad, conducted on the morning of 6 January 2022 after outages made an interview in Almaty impossible, with the last message received from an Almaty comrade on 5 January and a Russian anarchist conclusion. The title is the documenter’s: the file has none; publisher and date are not stated in the file.',
    },
  },
];

export const MEDIA: MediaSpec[] = [
  {
    key: 'media:after-the-uprising',
    author: 'documenter',
    created: '2022-01-13T23:00:00Z',
    source: AFTER,
    caption:
      'Texte intégral (français) de « Kazakhstan : après le soulèvement » : analyses d’anarchistes russes et entretien avec deux anarcha-féministes d’Almaty. / Full French text of "Kazakhstan: after the uprising": Russian anarchist analyses and an interview with two anarcha-feminists in Almaty.',
    alt: 'Plain-text French article on the January 2022 uprising in Kazakhstan, with first-hand accounts from Almaty',
  },
  {
    key: 'media:uprising-interview',
    author: 'documenter',
    created: '2022-01-13T23:01:00Z',
    source: INTERVIEW,
    caption:
      'Texte intégral (français) de l’entretien avec un anarchiste kazakh vivant à l’étranger, réalisé le 6 janvier 2022 au matin. / Full French text of the interview with a Kazakh anarchist living abroad, conducted on the morning of 6 January 2022.',
    alt: 'Plain-text French interview on the January 2022 uprising in Kazakhstan, with a chronology of 2 to 6 January',
  },
];
