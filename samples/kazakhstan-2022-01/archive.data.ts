/**
 * The sample archive's data, as build.ts reads it: demo identities, source documents,
 * records (symbolic keys, quoted passages) and media descriptors. The data lives in data/*.ts.
 */
import { ASSESSMENTS } from './data/assessments.ts';
import { CLAIMS } from './data/claims.ts';
import { EVENTS_0105 } from './data/events-0105.ts';
import { EVENTS_0106 } from './data/events-0106.ts';
import { EVENTS_EARLY } from './data/events-early.ts';
import { EVENTS_HISTORY } from './data/events-history.ts';
import { EVENTS_LATE } from './data/events-late.ts';
import { PERSONS } from './data/persons.ts';
import { STATUSES } from './data/statuses.ts';
import { TESTIMONIES_ABROAD } from './data/testimonies-abroad.ts';
import { TESTIMONIES_ALMATY } from './data/testimonies-almaty.ts';
import { TESTIMONIES_LATER } from './data/testimonies-later.ts';
import { TRANSLATIONS } from './data/translations.ts';
import type { RecordSpec } from './data/types.ts';

export { IDENTITIES, MEDIA, SOURCES } from './data/identities-sources.ts';
export type { Author, Cite, Identity, MediaSpec, RecordSpec, SourceSpec } from './data/types.ts';

export const RECORDS: RecordSpec[] = [
  ...EVENTS_HISTORY,
  ...EVENTS_EARLY,
  ...EVENTS_0105,
  ...EVENTS_0106,
  ...EVENTS_LATE,
  ...PERSONS,
  ...TESTIMONIES_ALMATY,
  ...TESTIMONIES_LATER,
  ...TESTIMONIES_ABROAD,
  ...STATUSES,
  ...CLAIMS,
  ...ASSESSMENTS,
  ...TRANSLATIONS,
];
