import type { MessageKey, Message } from './en.ts';
import { exploreKk } from './explore/kk.ts';
import { captureKk } from './capture/kk.ts';
import { verifyKk } from './verify/kk.ts';

export const kk: Record<MessageKey, Message> = {
  ...exploreKk,
  ...captureKk,
  ...verifyKk,
  'app.name': 'Keruen',
  'app.tagline': 'Интернет өшірілгенде де сақталған куәліктер',
  'nav.timeline': 'Хронология',
  'nav.map': 'Карта',
  'nav.people': 'Қауіптегі адамдар',
  'nav.claims': 'Мәлімдемелер',
  'nav.search': 'Іздеу',
  'nav.capture': 'Куәлік жазу',
  'nav.skip': 'Мазмұнға өту',
  'lang.label': 'Тіл',
  'lang.en': 'English',
  'lang.fr': 'Français',
  'lang.ru': 'Русский',
  'lang.kk': 'Қазақша',
  'state.loading': 'Мұрағат жүктелуде…',
  'state.offline': 'Түйінге қосылу мүмкін емес. Жазғаныңыз осы құрылғыда сақталады.',
  'state.error': 'Қате орын алды: {message}',
  'state.empty': 'Әзірге ештеңе жоқ.',
  'pair.title': "Осы құрылғыны қосу",
  'pair.explain': "Бұл түйін жергілікті желіге ашық. Тек қосылған құрылғылар оқи және жаза алады: түйін экранында көрсетілген кодты енгізіңіз.",
  'pair.code': "Қосылу коды",
  'pair.device': "Құрылғы атауы (міндетті емес)",
  'pair.submit': "Қосу",
  'pair.wrong': "Код қате немесе мерзімі өтті. Түйін экранындағы ағымдағы кодты қараңыз.",
  'pair.tooMany': "Тым көп әрекет. Бір минут күтіп, қайталаңыз.",
  'archive.records': { one: '{count} жазба', other: '{count} жазба' },
};
