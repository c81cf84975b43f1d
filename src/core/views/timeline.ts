/**
 * Timeline: documented events day by day, each with who reported it, its sources and the
 * testimonies behind it.
 *
 * Placement: an event is listed under the local day its `when` starts on (the day the witness
 * names, whatever the reader's time zone); a range over several days also appears in the
 * `ongoing` list of each later day it covers, and carries `days` for drawing spans.
 * Events known only to the month or year ("December 2011") have no day: they are listed in
 * `periods`, sorted by their start, for the UI to show before or beside the days.
 * Within a day: by local time of day (day-precision events first, as their time is unknown),
 * then by `created_at`.
 */
import type { VerifiedEvent } from '../event.ts';
import { Kind } from '../kinds.ts';
import { STATUSES, refsOf, type DomainRecord, type EventContent, type PersonStatusValue, type Place, type TestimonyContent } from '../records.ts';
import { compareTimes, dayOf, daysCovered, type ApproxTime } from '../time.ts';
import { compareStrings, indexOf, type ArchiveIndex, type ItemBase, type RefSummary, type ResolvedCitation, type TranslationView, type ViewOptions } from './common.ts';
import { behindRecord, corroboration, type Corroboration } from './corroboration.ts';
import { duplicateGroups, mergedInto, shownAs, type Merged } from './duplicates.ts';

export type TimelineOptions = ViewOptions;

/** How a testimony is linked to the event. */
export type TestimonyLink = 'testimony-cites-event' | 'event-cites-testimony' | 'both';

export interface TimelineTestimony extends ItemBase<TestimonyContent> {
  lang: string;
  text: string;
  witness: { description: string; firsthand: boolean; pseudonym?: string };
  when?: ApproxTime;
  where?: Place;
  link: TestimonyLink;
  citations: ResolvedCitation[];
  media: RefSummary[];
  /** Language → the preferred translation into it. */
  translations: Record<string, TranslationView>;
}

export interface TimelineEvent extends ItemBase<EventContent> {
  lang: string;
  title: string;
  summary: string;
  /** As given by the author, with its label in the source's words. */
  when: ApproxTime;
  /** Every local day the range touches ([] for month or year precision). */
  days: string[];
  where?: Place;
  categories: EventContent['categories'];
  citations: ResolvedCitation[];
  testimonies: TimelineTestimony[];
  persons: RefSummary[];
  media: RefSummary[];
  translations: Record<string, TranslationView>;
  /** Independent sources behind the event record(s) and its testimonies (see corroboration.ts). */
  corroboration: Corroboration;
  /** Other event records curators said are this event, and their decisions; their testimonies are in `testimonies`. */
  merged: Merged;
}

export interface DayCounts {
  /** Events starting this day. */
  events: number;
  /**
   * Distinct persons reported in each status on this day: person-status reports (current
   * versions) whose `when` starts this day. Reports without `when` are not counted.
   */
  persons: Record<PersonStatusValue, number>;
}

export interface TimelineDay {
  /** Local calendar day, "2022-01-05". */
  day: string;
  events: TimelineEvent[];
  /** Ids of events that started on an earlier day and still cover this one. */
  ongoing: string[];
  counts: DayCounts;
}

export interface Timeline {
  /** Chronological; a day appears when an event starts or continues on it, or a status report is dated to it. */
  days: TimelineDay[];
  /** Events at month or year precision, by start. */
  periods: TimelineEvent[];
  totals: { events: number; testimonies: number };
}

function localClock(t: ApproxTime): string {
  return t.precision === 'hour' || t.precision === 'minute' ? t.from.slice(11, 16) : '';
}

function compareInDay(a: TimelineEvent, b: TimelineEvent): number {
  const ca = localClock(a.when);
  const cb = localClock(b.when);
  if (ca !== cb) return ca < cb ? -1 : 1;
  return a.attribution.createdAt - b.attribution.createdAt || (a.id < b.id ? -1 : 1);
}

function emptyCounts(): DayCounts {
  return { events: 0, persons: Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<PersonStatusValue, number> };
}

type TestimonyRecord = Extract<DomainRecord, { kind: typeof Kind.Testimony }>;
type EventRecord = Extract<DomainRecord, { kind: typeof Kind.Event }>;

function testimonyView(ix: ArchiveIndex, t: TestimonyRecord, link: TestimonyLink): TimelineTestimony {
  const c = t.content;
  const witness: TimelineTestimony['witness'] = { description: c.witness.description, firsthand: c.witness.firsthand };
  if (c.witness.pseudonym !== undefined) witness.pseudonym = c.witness.pseudonym;
  const view: TimelineTestimony = {
    ...ix.base<TestimonyContent>(t),
    lang: c.lang,
    text: c.text,
    witness,
    link,
    citations: ix.citations(t),
    media: ix.describeRefs(t, 'media'),
    translations: ix.translations(t.event.id),
  };
  if (c.when) view.when = c.when;
  if (c.where) view.where = c.where;
  return view;
}

/** Testimonies of an event: those that point at it (role "event") and those it points at (role "testimony"). */
function testimoniesOf(ix: ArchiveIndex, e: EventRecord): TimelineTestimony[] {
  const links = new Map<string, { record: TestimonyRecord; citesEvent: boolean; citedByEvent: boolean }>();
  for (const t of ix.referrers(e.event.id, 'event', Kind.Testimony)) links.set(t.event.id, { record: t, citesEvent: true, citedByEvent: false });
  for (const id of refsOf(e, 'testimony')) {
    const t = ix.head(id);
    if (t?.kind !== Kind.Testimony) continue;
    const l = links.get(t.event.id);
    if (l) l.citedByEvent = true;
    else links.set(t.event.id, { record: t, citesEvent: false, citedByEvent: true });
  }
  const out = [...links.values()].map((l) =>
    testimonyView(ix, l.record, l.citesEvent && l.citedByEvent ? 'both' : l.citesEvent ? 'testimony-cites-event' : 'event-cites-testimony'),
  );
  // Dated testimonies by the time they tell of (local wall clock), then undated ones; ties by created_at.
  const key = (t: TimelineTestimony) => (t.when ? t.when.from.slice(0, 16) : '\uffff');
  return out.sort((a, b) => compareStrings(key(a), key(b)) || a.attribution.createdAt - b.attribution.createdAt);
}

function eventView(ix: ArchiveIndex, members: readonly EventRecord[], merged: Merged): TimelineEvent {
  const e = members[0] as EventRecord;
  const c = e.content;
  const testimonies = testimoniesOf(ix, e);
  // Testimonies of the records merged into this one join it, each once.
  for (const m of members.slice(1)) for (const t of testimoniesOf(ix, m)) if (!testimonies.some((x) => x.id === t.id)) testimonies.push(t);
  const records: DomainRecord[] = [...members, ...testimonies.map((t) => ix.head(t.id) as DomainRecord)];
  const view: TimelineEvent = {
    ...ix.base<EventContent>(e),
    lang: c.lang,
    title: c.title,
    summary: c.summary,
    when: c.when,
    days: daysCovered(c.when),
    categories: [...c.categories],
    citations: ix.citations(e),
    testimonies,
    persons: ix.describeRefs(e, 'person'),
    media: ix.describeRefs(e, 'media'),
    translations: ix.translations(e.event.id),
    corroboration: corroboration(records.map((r) => behindRecord(ix, r))),
    merged,
  };
  if (c.where) view.where = c.where;
  return view;
}

/** Builds the timeline from a store query's events (or a prepared ArchiveIndex). */
export function buildTimeline(events: readonly VerifiedEvent[] | ArchiveIndex, opts: TimelineOptions = {}): Timeline {
  const ix = indexOf(events, opts);
  const days = new Map<string, TimelineDay>();
  const dayEntry = (day: string): TimelineDay => {
    let d = days.get(day);
    if (!d) days.set(day, (d = { day, events: [], ongoing: [], counts: emptyCounts() }));
    return d;
  };
  const periods: TimelineEvent[] = [];
  const testimonyIds = new Set<string>();
  let eventCount = 0;
  const dups = duplicateGroups(ix, Kind.Event);
  for (const e of ix.heads(Kind.Event)) {
    // An event merged into an older one is shown only there.
    if (shownAs(dups, e.event.id) !== e.event.id) continue;
    const members = (dups.groups.get(e.event.id)?.members ?? [e]) as EventRecord[];
    const view = eventView(ix, members, mergedInto(dups, e.event.id));
    eventCount++;
    for (const t of view.testimonies) testimonyIds.add(t.id);
    const [first, ...rest] = view.days;
    if (first === undefined) {
      periods.push(view);
      continue;
    }
    const d = dayEntry(first);
    d.events.push(view);
    d.counts.events++;
    for (const later of rest) dayEntry(later).ongoing.push(view.id);
  }
  // Persons by status and day, from the current version of each status report.
  const seen = new Set<string>();
  for (const s of ix.heads(Kind.PersonStatus)) {
    const day = s.content.when ? dayOf(s.content.when) : undefined;
    const person = refsOf(s, 'person')[0];
    if (day === undefined || person === undefined) continue;
    const key = `${day}|${s.content.status}|${ix.canonical(person)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    dayEntry(day).counts.persons[s.content.status]++;
  }
  const sorted = [...days.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  for (const d of sorted) d.events.sort(compareInDay);
  periods.sort((a, b) => compareTimes(a.when, b.when) || a.attribution.createdAt - b.attribution.createdAt);
  return { days: sorted, periods, totals: { events: eventCount, testimonies: testimonyIds.size } };
}
