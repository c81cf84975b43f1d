import type { MessageKey, Message } from './en.ts';
import { exploreRu } from './explore/ru.ts';
import { captureRu } from './capture/ru.ts';
import { verifyRu } from './verify/ru.ts';

export const ru: Record<MessageKey, Message> = {
  ...exploreRu,
  ...captureRu,
  ...verifyRu,
  'app.name': 'Keruen',
  'app.tagline': 'Свидетельства, сохранённые вопреки отключению',
  'nav.timeline': 'Хронология',
  'nav.map': 'Карта',
  'nav.people': 'Люди под угрозой',
  'nav.claims': 'Заявления',
  'nav.search': 'Поиск',
  'nav.capture': 'Написать свидетельство',
  'nav.skip': 'Перейти к содержанию',
  'lang.label': 'Язык',
  'lang.en': 'English',
  'lang.fr': 'Français',
  'lang.ru': 'Русский',
  'lang.kk': 'Қазақша',
  'state.loading': 'Загрузка архива…',
  'state.offline': 'Узел недоступен. Всё, что вы пишете, сохраняется на этом устройстве.',
  'state.error': 'Что-то пошло не так: {message}',
  'state.empty': 'Здесь пока ничего нет.',
  'pair.title': "Подключить это устройство",
  'pair.explain': "Этот узел открыт для локальной сети. Читать и писать могут только подключённые устройства: введите код, показанный на экране узла.",
  'pair.code': "Код подключения",
  'pair.device': "Название устройства (необязательно)",
  'pair.submit': "Подключить",
  'pair.wrong': "Неверный или устаревший код. Посмотрите текущий код на экране узла.",
  'pair.tooMany': "Слишком много попыток. Подождите минуту и попробуйте снова.",
  'archive.records': { one: '{count} запись', few: '{count} записи', many: '{count} записей', other: '{count} записи' },
};
