/**
 * Places as the sources name them, with other scripts. Coordinates only where known to
 * about 0.01 degree; streets and buildings the text names without a position get none.
 */
import type { Place } from './types.ts';

export const ZHANAOZEN: Place = {
  name: 'Janaozen',
  names: { ru: 'Жанаозен', kk: 'Жаңаөзен', en: 'Zhanaozen', fr: 'Janaozen' },
  region: 'Mangystau',
  country: 'KZ',
  lat: 43.34,
  lon: 52.86,
};

export const ALMATY: Place = {
  name: 'Almaty',
  names: { ru: 'Алматы', kk: 'Алматы', en: 'Almaty', fr: 'Almaty' },
  country: 'KZ',
  lat: 43.24,
  lon: 76.95,
};

export const REPUBLIC_SQUARE: Place = {
  name: 'place de la République, Almaty',
  names: { ru: 'площадь Республики', kk: 'Республика алаңы', en: 'Republic Square', fr: 'place de la République' },
  region: 'Almaty',
  country: 'KZ',
  lat: 43.238,
  lon: 76.945,
};

export const AKIMAT_ALMATY: Place = {
  name: 'Akimat (mairie) d’Almaty, place de la République',
  names: { ru: 'акимат Алматы', kk: 'Алматы қаласының әкімдігі', en: 'Almaty city akimat (city hall)', fr: 'Akimat (mairie) d’Almaty' },
  region: 'Almaty',
  country: 'KZ',
};

export const MONUMENT_1986: Place = {
  name: 'monument des événements de 1986, Almaty',
  names: { en: 'monument to the December 1986 events, Almaty', fr: 'monument des événements de 1986' },
  region: 'Almaty',
  country: 'KZ',
};

export const ABAI_STREET: Place = {
  name: 'rue Abai, Almaty',
  names: { ru: 'проспект Абая', kk: 'Абай даңғылы', en: 'Abai Avenue', fr: 'rue Abai' },
  region: 'Almaty',
  country: 'KZ',
};

export const ALMATY_MORGUE: Place = {
  name: 'morgue municipale d’Almaty',
  names: { en: 'Almaty city morgue', fr: 'morgue municipale d’Almaty' },
  region: 'Almaty',
  country: 'KZ',
};

export const ALMATY_AIRPORT: Place = {
  name: 'aéroport d’Almaty',
  names: { ru: 'аэропорт Алматы', en: 'Almaty airport', fr: 'aéroport d’Almaty' },
  region: 'Almaty',
  country: 'KZ',
};

export const ALMATY_OUTSKIRTS: Place = {
  name: 'un peu en dehors d’Almaty, dans les montagnes',
  names: { en: 'just outside Almaty, in the mountains' },
  region: 'Almaty',
  country: 'KZ',
};

export const WESTERN_KAZAKHSTAN: Place = {
  name: 'ouest du Kazakhstan',
  names: { ru: 'Западный Казахстан', en: 'western Kazakhstan', fr: 'ouest du Kazakhstan' },
  country: 'KZ',
};

export const KAZAKHSTAN: Place = {
  name: 'Kazakhstan',
  names: { ru: 'Казахстан', kk: 'Қазақстан', en: 'Kazakhstan', fr: 'Kazakhstan' },
  country: 'KZ',
};

export const AKTOBE: Place = {
  name: 'Aktobe',
  names: { ru: 'Актобе', kk: 'Ақтөбе', en: 'Aktobe', fr: 'Aktobe' },
  country: 'KZ',
  lat: 50.28,
  lon: 57.17,
};

export const URALSK: Place = {
  name: 'Uralsk',
  names: { ru: 'Уральск', kk: 'Орал', en: 'Uralsk', fr: 'Ouralsk' },
  country: 'KZ',
  lat: 51.23,
  lon: 51.37,
};

export const KOSTANAY: Place = {
  name: 'Kostanai',
  names: { ru: 'Костанай', kk: 'Қостанай', en: 'Kostanay', fr: 'Kostanaï' },
  country: 'KZ',
  lat: 53.21,
  lon: 63.63,
};

export const NUR_SULTAN: Place = {
  name: 'Nur-Sultan (Astana)',
  names: { ru: 'Нур-Султан', kk: 'Нұр-Сұлтан', en: 'Nur-Sultan', fr: 'Nur-Sultan' },
  country: 'KZ',
  lat: 51.13,
  lon: 71.43,
};
