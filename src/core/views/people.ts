/**
 * People of concern: who they are, every status report about them with its reporter and
 * evidence, the current status, how many sources stand behind it and where reports conflict.
 * Status reports about a person record that is not in the input are not shown.
 */
import type { VerifiedEvent } from '../event.ts';
import { Kind } from '../kinds.ts';
import { refsOf, type DomainRecord, type PersonContent, type PersonStatusContent, type PersonStatusValue, type Place } from '../records.ts';
import { startMillis, type ApproxTime } from '../time.ts';
import { compareStrings, endMillis, indexOf, wallClockKey, type ArchiveIndex, type ItemBase, type RefSummary, type ResolvedCitation, type ViewOptions } from './common.ts';
import { behindRecord, corroboration, type Corroboration } from './corroboration.ts';
import { duplicateGroups, mergedInto, shownAs, type DuplicateGroups, type Merged } from './duplicates.ts';

export interface StatusEntry extends ItemBase<PersonStatusContent> {
  status: PersonStatusValue;
  /** When the status began, as reported; absent when the reporter did not say. */
  when?: ApproxTime;
  where?: Place;
  note?: string;
  lang: string;
  citations: ResolvedCitation[];
  /** The report's `evidence`, `testimony` and `event` references, described. */
  evidence: RefSummary[];
  testimonies: RefSummary[];
  events: RefSummary[];
}

/**
 * Two current reports that cannot both be true: one says the person was killed and another
 * (by anyone, including the same reporter) says they were detained, released or found at a
 * time that overlaps the killing or comes after it. "Missing" and "injured" are compatible
 * with "killed" (whereabouts unknown; injured before dying) and are not flagged.
 * Undated reports are placed at their `created_at`.
 */
export interface StatusConflict {
  code: 'killed-vs-alive';
  /** The "killed" report, then the other one. */
  reports: [string, string];
  statuses: [PersonStatusValue, PersonStatusValue];
  /** True when the two reports have different authors. */
  differentReporters: boolean;
}

/**
 * Reporters and documents behind a person's entry (see `PersonView.corroboration` for the count
 * of independent sources, which does not add the two): `reporters` is the number of distinct authors
 * (pubkeys) of the person record and its current status reports; `documents` the number of
 * distinct source documents cited by those records; `count` = reporters + documents. A reporter
 * who cites a document counts once as a reporter and once for the document: the count is an
 * upper bound of independence, not a proof of it.
 */
export interface SourceCount {
  count: number;
  reporters: number;
  documents: number;
}

export interface PersonView extends ItemBase<PersonContent> {
  name: string;
  aliases: string[];
  role?: string;
  description?: string;
  lang: string;
  citations: ResolvedCitation[];
  /** The latest report by `when` (the latest moment its range allows, local wall-clock time as written), falling back to `created_at`. */
  current?: StatusEntry;
  /** Every current status report, oldest first by the same ordering. */
  history: StatusEntry[];
  sources: SourceCount;
  /** Independent sources behind the person record(s) and the current status reports (see corroboration.ts). */
  corroboration: Corroboration;
  /** Other person records curators said are this person, and their decisions; their reports are in `history`. */
  merged: Merged;
  conflicts: StatusConflict[];
}

type StatusRecord = Extract<DomainRecord, { kind: typeof Kind.PersonStatus }>;
type PersonRecord = Extract<DomainRecord, { kind: typeof Kind.PersonOfConcern }>;

const ALIVE: ReadonlySet<PersonStatusValue> = new Set(['detained', 'released', 'found']);

function range(s: StatusEntry): [number, number] {
  if (s.when) return [startMillis(s.when.from), endMillis(s.when)];
  const at = s.attribution.createdAt * 1000;
  return [at, at + 1];
}

/**
 * Reports are ordered by the latest moment their time allows, in local wall-clock time:
 * "released in 2019" may be later than "detained on 21 April 2019", so it sorts after it,
 * while ordering by the start would put the coarser report first and call it superseded.
 */
function statusKey(s: StatusEntry): string {
  if (s.when === undefined) return wallClockKey(undefined, s.attribution.createdAt);
  const last = s.when.to ?? s.when.from;
  switch (s.when.precision) {
    case 'year':
      return `${last}-12-31T23:59`;
    case 'month':
      return `${last}-31T23:59`;
    case 'day':
      return `${last}T23:59`;
    default:
      return last.slice(0, 16);
  }
}

function statusEntry(ix: ArchiveIndex, s: StatusRecord): StatusEntry {
  const c = s.content;
  const entry: StatusEntry = {
    ...ix.base<PersonStatusContent>(s),
    status: c.status,
    lang: c.lang,
    citations: ix.citations(s),
    evidence: ix.describeRefs(s, 'evidence'),
    testimonies: ix.describeRefs(s, 'testimony'),
    events: ix.describeRefs(s, 'event'),
  };
  if (c.when) entry.when = c.when;
  if (c.where) entry.where = c.where;
  if (c.note !== undefined) entry.note = c.note;
  return entry;
}

export function findConflicts(history: readonly StatusEntry[]): StatusConflict[] {
  const out: StatusConflict[] = [];
  for (const k of history) {
    if (k.status !== 'killed') continue;
    const [killedFrom] = range(k);
    for (const o of history) {
      if (!ALIVE.has(o.status)) continue;
      const [, otherEnd] = range(o);
      if (otherEnd > killedFrom)
        out.push({ code: 'killed-vs-alive', reports: [k.id, o.id], statuses: [k.status, o.status], differentReporters: k.attribution.pubkey !== o.attribution.pubkey });
    }
  }
  return out;
}

function personView(ix: ArchiveIndex, members: readonly PersonRecord[], reports: readonly StatusRecord[], merged: Merged): PersonView {
  const p = members[0] as PersonRecord;
  const c = p.content;
  const history = reports
    .map((r) => statusEntry(ix, r))
    .sort((a, b) => compareStrings(statusKey(a), statusKey(b)) || a.attribution.createdAt - b.attribution.createdAt || (a.id < b.id ? -1 : 1));
  const reporters = new Set([p.event.pubkey, ...reports.map((r) => r.event.pubkey)]);
  const documents = new Set<string>();
  for (const r of [p, ...reports]) for (const cite of r.content.sources ?? []) documents.add(ix.canonical(cite.source));
  // Names of the merged records become aliases, so a search for either name finds the person.
  const aliases = [...(c.aliases ?? [])];
  for (const m of members.slice(1)) for (const n of [m.content.name, ...(m.content.aliases ?? [])]) if (n !== c.name && !aliases.includes(n)) aliases.push(n);
  const view: PersonView = {
    ...ix.base<PersonContent>(p),
    name: c.name,
    aliases,
    lang: c.lang,
    citations: ix.citations(p),
    history,
    sources: { count: reporters.size + documents.size, reporters: reporters.size, documents: documents.size },
    corroboration: corroboration([...members, ...reports].map((r) => behindRecord(ix, r))),
    merged,
    conflicts: findConflicts(history),
  };
  const current = history.at(-1);
  if (current) view.current = current;
  if (c.role !== undefined) view.role = c.role;
  if (c.description !== undefined) view.description = c.description;
  return view;
}

/** The view of the person shown for `p` with the reports of every record merged into it. */
function mergedPersonView(ix: ArchiveIndex, d: DuplicateGroups, reports: Map<string, StatusRecord[]>, p: PersonRecord): PersonView {
  const members = (d.groups.get(p.event.id)?.members ?? [p]) as PersonRecord[];
  const all = members.flatMap((m) => reports.get(m.event.id) ?? []);
  return personView(ix, members, all, mergedInto(d, p.event.id));
}

function reportsByPerson(ix: ArchiveIndex): Map<string, StatusRecord[]> {
  const out = new Map<string, StatusRecord[]>();
  for (const s of ix.heads(Kind.PersonStatus)) {
    const person = refsOf(s, 'person')[0];
    if (person === undefined) continue;
    const key = ix.canonical(person);
    const list = out.get(key);
    if (list) list.push(s);
    else out.set(key, [s]);
  }
  return out;
}

/** Every person of concern, by name. */
export function buildPeople(events: readonly VerifiedEvent[] | ArchiveIndex, opts: ViewOptions = {}): PersonView[] {
  const ix = indexOf(events, opts);
  const reports = reportsByPerson(ix);
  const d = duplicateGroups(ix, Kind.PersonOfConcern);
  return ix
    .heads(Kind.PersonOfConcern)
    .filter((p) => shownAs(d, p.event.id) === p.event.id)
    .map((p) => mergedPersonView(ix, d, reports, p))
    .sort((a, b) => a.name.localeCompare(b.name) || a.attribution.createdAt - b.attribution.createdAt);
}

/** One person, by the id of any version of their record (or of a record merged into it); undefined when not in the input. */
export function buildPerson(events: readonly VerifiedEvent[] | ArchiveIndex, personId: string, opts: ViewOptions = {}): PersonView | undefined {
  const ix = indexOf(events, opts);
  const found = ix.head(personId);
  if (found?.kind !== Kind.PersonOfConcern) return undefined;
  const d = duplicateGroups(ix, Kind.PersonOfConcern);
  const p = ix.head(shownAs(d, found.event.id)) as PersonRecord;
  return mergedPersonView(ix, d, reportsByPerson(ix), p);
}
