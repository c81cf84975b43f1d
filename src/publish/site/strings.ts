/**
 * Words only the published site needs (the rest come from the web app's dictionaries, so both
 * say the same thing the same way).
 */
import type { Locale } from '../../web/app/i18n/index.ts';

const en = {
  'site.title': 'Keruen: published records',
  'site.about': 'Every record on this site is a signed Nostr event. Your browser checks each signature; a record whose bytes were changed shows FAILED.',
  'site.feed': 'Feed of new records (Atom)',
  'site.feedJson': 'Feed of new records (JSON Feed)',
  'site.published': 'Published {date} with Keruen. {count} public records.',
  'sig.pending': 'signature not checked (JavaScript off)',
  'sig.ok': 'signature verified',
  'sig.failed': 'FAILED: altered or forged',
  'sig.signed': 'Signed event (what your browser checks)',
  'sig.download': 'signed event as JSON',
  'timeline.byDay': 'Day by day',
  'timeline.page': 'Page {page} of {pages}',
  'timeline.next': 'Next page',
  'timeline.prev': 'Previous page',
  'search.nojs': 'Search needs JavaScript. Without it, browse the timeline, people and claims: every record is linked from them.',
  'search.failed': 'Search could not load its index (files missing, blocked or damaged). Browse the lists instead.',
  'search.loading': 'Searching…',
  'search.more': 'More results',
  'record.kind': 'Kind',
  'record.created': 'Signed on',
  'record.sources': 'Sources and quoted passages',
  'record.media': 'Media',
} as const;

export type SiteKey = keyof typeof en;

const fr: Record<SiteKey, string> = {
  'site.title': 'Keruen : documents publiés',
  'site.about': 'Chaque document de ce site est un événement Nostr signé. Votre navigateur vérifie chaque signature ; un document dont les octets ont été modifiés affiche ÉCHEC.',
  'site.feed': 'Flux des nouveaux documents (Atom)',
  'site.feedJson': 'Flux des nouveaux documents (JSON Feed)',
  'site.published': 'Publié le {date} avec Keruen. {count} documents publics.',
  'sig.pending': 'signature non vérifiée (JavaScript désactivé)',
  'sig.ok': 'signature vérifiée',
  'sig.failed': 'ÉCHEC : modifié ou falsifié',
  'sig.signed': 'Événement signé (ce que vérifie votre navigateur)',
  'sig.download': 'événement signé en JSON',
  'timeline.byDay': 'Jour par jour',
  'timeline.page': 'Page {page} sur {pages}',
  'timeline.next': 'Page suivante',
  'timeline.prev': 'Page précédente',
  'search.nojs': 'La recherche demande JavaScript. Sans lui, parcourez la chronologie, les personnes et les affirmations : chaque document y est lié.',
  'search.failed': 'La recherche n’a pas pu charger son index (fichiers absents, bloqués ou abîmés). Parcourez plutôt les listes.',
  'search.loading': 'Recherche…',
  'search.more': 'Plus de résultats',
  'record.kind': 'Type',
  'record.created': 'Signé le',
  'record.sources': 'Sources et passages cités',
  'record.media': 'Médias',
};

const ru: Record<SiteKey, string> = {
  'site.title': 'Keruen: опубликованные записи',
  'site.about': 'Каждая запись на этом сайте — подписанное событие Nostr. Ваш браузер проверяет каждую подпись; запись, байты которой изменены, помечается как ОШИБКА.',
  'site.feed': 'Лента новых записей (Atom)',
  'site.feedJson': 'Лента новых записей (JSON Feed)',
  'site.published': 'Опубликовано {date} с помощью Keruen. Публичных записей: {count}.',
  'sig.pending': 'подпись не проверена (JavaScript выключен)',
  'sig.ok': 'подпись подтверждена',
  'sig.failed': 'ОШИБКА: изменено или подделано',
  'sig.signed': 'Подписанное событие (его проверяет браузер)',
  'sig.download': 'подписанное событие в JSON',
  'timeline.byDay': 'По дням',
  'timeline.page': 'Страница {page} из {pages}',
  'timeline.next': 'Следующая страница',
  'timeline.prev': 'Предыдущая страница',
  'search.nojs': 'Для поиска нужен JavaScript. Без него смотрите хронологию, людей и заявления: там есть ссылки на все записи.',
  'search.failed': 'Поиск не смог загрузить свой индекс (файлы отсутствуют, заблокированы или повреждены). Смотрите списки.',
  'search.loading': 'Поиск…',
  'search.more': 'Ещё результаты',
  'record.kind': 'Тип',
  'record.created': 'Подписано',
  'record.sources': 'Источники и цитаты',
  'record.media': 'Медиа',
};

const kk: Record<SiteKey, string> = {
  'site.title': 'Keruen: жарияланған жазбалар',
  'site.about': 'Бұл сайттағы әр жазба — қол қойылған Nostr оқиғасы. Браузеріңіз әр қолтаңбаны тексереді; байттары өзгертілген жазба ҚАТЕ деп көрсетіледі.',
  'site.feed': 'Жаңа жазбалар арнасы (Atom)',
  'site.feedJson': 'Жаңа жазбалар арнасы (JSON Feed)',
  'site.published': '{date} Keruen арқылы жарияланды. Жария жазбалар: {count}.',
  'sig.pending': 'қолтаңба тексерілмеді (JavaScript өшірулі)',
  'sig.ok': 'қолтаңба расталды',
  'sig.failed': 'ҚАТЕ: өзгертілген немесе жалған',
  'sig.signed': 'Қол қойылған оқиға (браузер соны тексереді)',
  'sig.download': 'қол қойылған оқиға, JSON',
  'timeline.byDay': 'Күн сайын',
  'timeline.page': '{page}-бет, барлығы {pages}',
  'timeline.next': 'Келесі бет',
  'timeline.prev': 'Алдыңғы бет',
  'search.nojs': 'Іздеу үшін JavaScript керек. Онсыз хронологияны, адамдарды және мәлімдемелерді қараңыз: әр жазбаға сілтеме сонда.',
  'search.failed': 'Іздеу өз индексін жүктей алмады (файлдар жоқ, бұғатталған немесе бүлінген). Оның орнына тізімдерді қараңыз.',
  'search.loading': 'Ізделуде…',
  'search.more': 'Тағы нәтижелер',
  'record.kind': 'Түрі',
  'record.created': 'Қол қойылған күні',
  'record.sources': 'Дереккөздер мен дәйексөздер',
  'record.media': 'Медиа',
};

const SITE: Record<Locale, Record<SiteKey, string>> = { en, fr, ru, kk };

export function siteText(locale: Locale, key: SiteKey, vars: Record<string, string | number> = {}): string {
  return SITE[locale][key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}
