import type { MessageKey, Message } from './en.ts';
import { exploreFr } from './explore/fr.ts';
import { captureFr } from './capture/fr.ts';
import { verifyFr } from './verify/fr.ts';

export const fr: Record<MessageKey, Message> = {
  ...exploreFr,
  ...captureFr,
  ...verifyFr,
  'app.name': 'Keruen',
  'app.tagline': 'Des témoignages gardés en vie malgré la coupure',
  'nav.timeline': 'Chronologie',
  'nav.map': 'Carte',
  'nav.people': 'Personnes concernées',
  'nav.claims': 'Affirmations',
  'nav.search': 'Recherche',
  'nav.capture': 'Écrire un témoignage',
  'nav.skip': 'Aller au contenu',
  'lang.label': 'Langue',
  'lang.en': 'English',
  'lang.fr': 'Français',
  'lang.ru': 'Русский',
  'lang.kk': 'Қазақша',
  'state.loading': 'Chargement de l’archive…',
  'state.offline': 'Le nœud est injoignable. Ce que vous écrivez reste sur cet appareil.',
  'state.error': 'Un problème est survenu : {message}',
  'state.empty': 'Rien pour l’instant.',
  'pair.title': "Associer cet appareil",
  'pair.explain': "Ce nœud est ouvert au réseau local. Seuls les appareils associés peuvent lire ou écrire : saisissez le code affiché sur l’écran du nœud.",
  'pair.code': "Code d’association",
  'pair.device': "Nom de cet appareil (facultatif)",
  'pair.submit': "Associer",
  'pair.wrong': "Code erroné ou expiré. Regardez le code actuel sur l’écran du nœud.",
  'pair.tooMany': "Trop d’essais. Attendez une minute puis réessayez.",
  'archive.records': { one: '{count} enregistrement', other: '{count} enregistrements' },
};
