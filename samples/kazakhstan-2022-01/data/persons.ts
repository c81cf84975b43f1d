/** Persons of concern: everyone the accounts name as arrested, missing or killed (groups where the text names no one). */
import { AFTER, clock, type Cite, type RecordSpec } from './types.ts';

const at = clock('2022-01-13T10:40:00Z');
const person = (key: string, name: string, role: string, description: string, sources: Cite[], aliases?: string[]): RecordSpec => ({
  key,
  kind: 'person',
  author: 'documenter',
  created: at(),
  content: { lang: 'fr', name, ...(aliases ? { aliases } : {}), role, description, sources },
});

const REPRESSION: Cite = { source: AFTER, quote: 'Le journaliste local indépendant Lukpan Akhmediyarov a été arrêté.' };
const UNIONISTS: Cite = {
  source: AFTER,
  quote: 'Des militant·es syndica·les sont porté·es disparu·es, notamment Kuspan Kosshigulov, Takhir Erdanov, et Amin Eleusinov et ses proches.',
};
const MARATHON: Cite = { source: AFTER, quote: 'Le mouvement a démarré après l’action menée par Beibarys Tolymbekov et Asya Tulesova pendant le marathon de la ville en 2019' };

export const PERSONS: RecordSpec[] = [
  person(
    'p:abjan',
    'Makhambet Abjan',
    'journaliste indépendant',
    'Journaliste indépendant. Le 5 janvier, il a envoyé un message disant que la police s’était rendue à son appartement ; au moment de l’entretien avec les témoins d’Almaty, il a disparu.',
    [{ source: AFTER, quote: 'Un autre journaliste indépendant, Makhambet Abjan, a envoyé un message indiquant le 5 janvier que la police s’était rendue à son appartement' }],
    ['Makhambet Abzhan', 'Махамбет Абжан'],
  ),
  person(
    'p:akhmediyarov',
    'Lukpan Akhmediyarov',
    'journaliste indépendant (Uralsk)',
    'Journaliste local indépendant, arrêté selon les témoins d’Almaty. L’analyse d’Anarchist Fighter, qui l’écrit « Akhmedyarov », le présente comme journaliste d’opposition originaire d’Uralsk, intervenu sur Ekho Moskvy.',
    [REPRESSION, { source: AFTER, quote: 'Le journaliste d’opposition Lukpan Akhmedyarov a exprimé sur la radio Ekho Moskvy' }],
    ['Lukpan Akhmedyarov', 'Лукпан Ахмедьяров'],
  ),
  person(
    'p:ruzakhunov',
    'Vikram Ruzakhunov',
    'musicien kirghiz',
    'Musicien kirghiz, arrêté et torturé comme « terroriste », forcé d’enregistrer une vidéo d’« aveux » ; en liberté au moment de l’entretien.',
    [{ source: AFTER, quote: 'Le musicien kirghiz Vicram Ruzakhunov a été arrêté et torturé par les autorités kazakhes en tant que « terroriste »' }],
    ['Vicram Ruzakhunov', 'Викрам Рузахунов'],
  ),
  person('p:kosshigulov', 'Kuspan Kosshigulov', 'militant syndical', 'Militant syndical porté disparu.', [UNIONISTS]),
  person('p:erdanov', 'Takhir Erdanov', 'militant syndical', 'Militant syndical porté disparu.', [UNIONISTS]),
  person('p:eleusinov', 'Amin Eleusinov', 'militant syndical', 'Militant syndical porté disparu avec ses proches.', [UNIONISTS]),
  person('p:eleusinov-relatives', 'Proches d’Amin Eleusinov', 'proches d’un militant syndical', 'Les proches d’Amin Eleusinov, porté·es disparu·es avec lui ; le texte ne les nomme pas.', [UNIONISTS]),
  person(
    'p:banner-activist',
    'Activiste tué·e sous la banderole du 6 janvier',
    'activiste (non nommé·e)',
    'Au moins un·e des activistes qui ont déployé la banderole « Nous ne sommes pas des terroristes » sur la place le 6 janvier, tué·e par les tirs de la police. Le texte ne donne pas de nom.',
    [{ source: AFTER, quote: 'La police leur a tiré dessus, et a tué au moins l’un·e d’entre elleux.' }],
  ),
  person(
    'p:oyan-activists',
    'Militant·es d’Oyan Kazakhstan arrêté·es le 4 janvier',
    'militant·es du mouvement de jeunesse Oyan Kazakhstan',
    'Des militant·es d’Oyan Kazakhstan (« Kazakhstan Debout »), mouvement de jeunesse pour les droits civils, arrêté·es à Almaty le 4 janvier ; le texte ne les nomme pas.',
    [{ source: AFTER, quote: 'l’arrestation de militant·es d’Oyan Kazakhstan' }],
  ),
  person(
    'p:tulesova',
    'Asya Tulesova',
    'militante (Almaty)',
    'A accroché avec Beibarys Tolymbekov une banderole « Vous n’échapperez pas à la vérité » sur le trajet du marathon d’Almaty en 2019 ; condamnée le 21 avril à 15 jours d’emprisonnement (cas historique).',
    [MARATHON],
  ),
  person(
    'p:tolymbekov',
    'Beibarys Tolymbekov',
    'militant (Almaty)',
    'A accroché avec Asya Tulesova une banderole sur le trajet du marathon d’Almaty en 2019 ; condamné le 21 avril à 15 jours d’emprisonnement (cas historique).',
    [MARATHON],
  ),
  person(
    'p:two-children',
    'Deux enfants parmi les mort·es',
    'enfants (non nommés)',
    'Deux enfants parmi les centaines de mort·es dont les autorités ont confirmé le décès ; le texte ne les nomme pas.',
    [{ source: AFTER, quote: 'Les autorités ont déjà confirmé la mort de centaines de personnes, dont deux enfants.' }],
  ),
];
