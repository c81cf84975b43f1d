/**
 * Uwazi CSV: events, people of concern and claims as three files that HURIDOCS' Uwazi imports
 * (Settings > Import CSV, one template per file). Rules followed (docs/exports.md):
 * - UTF-8, comma-separated, a header row of property names (lower case, no spaces);
 * - `title` on every row; titles made unique here (Uwazi allows repeats, but its relationship
 *   columns name entities by title, so a repeat would link the wrong one);
 * - several values in one cell separated by `|` (multiselect, relationship), so `|` never
 *   appears inside a title;
 * - dates YYYY-MM-DD (one of the formats Uwazi's parser accepts); a date range `from:to`;
 * - geolocation `lat|lon`, latitude first;
 * - with languages, text properties as `<property>__<lang>` (title__en, title__fr), the first
 *   language being the collection's default; no unsuffixed twin of a suffixed column.
 * Free text that starts with = + - @ (or a tab or carriage return) gets a leading apostrophe, so a
 * spreadsheet opening the file shows it instead of running it as a formula.
 */
import { stringify } from 'csv-stringify/sync';
import type { VerifiedEvent } from '../core/event.ts';
import { Kind } from '../core/kinds.ts';
import { buildClaims, buildPeople, buildTimeline, indexOf, type TimelineEvent, type TranslationView } from '../core/views/index.ts';
import type { ApproxTime } from '../core/time.ts';

export interface UwaziTable {
  /** File name: events.csv, people.csv, claims.csv. */
  name: string;
  header: string[];
  rows: string[][];
}

export interface UwaziOptions {
  /** Languages of the collection, default language first; none: one unsuffixed column per text property. */
  langs?: readonly string[];
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A free-text cell: well-formed UTF-16 (so UTF-8 keeps it whole), defused for spreadsheets. */
export function safeText(s: string | undefined): string {
  if (s === undefined) return '';
  const t = s.toWellFormed();
  return FORMULA_START.test(t) ? `'${t}` : t;
}

/** A title: one line, no `|` (Uwazi's value separator), never empty. */
export function titleText(s: string | undefined, fallback: string): string {
  const t = (s ?? '').replace(/[\r\n\t\u0000-\u001f\u007f]+/g, ' ').replace(/\|/g, '¦').trim();
  return safeText(t.length > 0 ? t : fallback);
}

/** Makes titles unique in one table: a repeat gets its record's short id appended. */
function uniqueTitles(titles: readonly string[], ids: readonly string[]): string[] {
  const seen = new Set<string>();
  return titles.map((t, i) => {
    let u = seen.has(t) ? `${t} [${ids[i]!.slice(0, 8)}]` : t;
    for (let n = 2; seen.has(u); n++) u = `${t} [${ids[i]!.slice(0, 8)}-${n}]`;
    seen.add(u);
    return u;
  });
}

const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** First and last calendar day (local, as written) of an approximate time. */
export function dayRange(t: ApproxTime): [string, string] {
  const start = (s: string) => (t.precision === 'year' ? `${s.slice(0, 4)}-01-01` : t.precision === 'month' ? `${s.slice(0, 7)}-01` : s.slice(0, 10));
  const end = (s: string) => {
    if (t.precision === 'year') return `${s.slice(0, 4)}-12-31`;
    if (t.precision === 'month') return `${s.slice(0, 7)}-${String(lastDayOfMonth(Number(s.slice(0, 4)), Number(s.slice(5, 7)))).padStart(2, '0')}`;
    return s.slice(0, 10);
  };
  return [start(t.from), end(t.to ?? t.from)];
}

/** Uwazi date range cell, `from:to`. */
export const dateRangeCell = (t: ApproxTime | undefined) => (t === undefined ? '' : dayRange(t).join(':'));
/** Uwazi date cell (the start day). */
export const dateCell = (t: ApproxTime | undefined) => (t === undefined ? '' : dayRange(t)[0]);
const geoCell = (p: { lat?: number; lon?: number } | undefined) => (p?.lat !== undefined && p.lon !== undefined ? `${p.lat}|${p.lon}` : '');
/** Several values in one cell; the values themselves never hold `|` (titles, fixed words). */
const multi = (values: readonly string[]) => [...new Set(values.filter((v) => v.length > 0))].join('|');

/** Text properties, one column per language or one unsuffixed column. */
function textColumns(name: string, langs: readonly string[]): string[] {
  return langs.length === 0 ? [name] : langs.map((l) => `${name}__${l}`);
}

/** The field in each language: its translation there, else the original text. */
function inLangs(original: string, field: string, lang: string, translations: Record<string, TranslationView> | undefined, langs: readonly string[]): string[] {
  if (langs.length === 0) return [original];
  return langs.map((l) => (l === lang ? original : (translations?.[l]?.fields[field] ?? original)));
}

interface Titled {
  id: string;
  lang: string;
  translations?: Record<string, TranslationView>;
}

/**
 * Title columns (one per language, or one): each made unique down its column. Returns rows of
 * titles; the first title of a row is what relationship columns name it by.
 */
function titleRows<T extends Titled>(items: readonly T[], text: (item: T) => string, field: string, langs: readonly string[]): string[][] {
  const columns = Math.max(1, langs.length);
  const cols: string[][] = [];
  for (let c = 0; c < columns; c++) {
    const raw = items.map((it) => inLangs(text(it), field, it.lang, it.translations, langs)[c]!);
    cols.push(uniqueTitles(raw.map((t, i) => titleText(t, items[i]!.id)), items.map((it) => it.id)));
  }
  return items.map((_, i) => cols.map((col) => col[i]!));
}

function table(name: string, header: string[], rows: string[][]): UwaziTable {
  return { name, header, rows };
}

/** The three tables, from a set of records (gift wraps are never exported). */
export function uwaziTables(records: readonly VerifiedEvent[], opts: UwaziOptions = {}): UwaziTable[] {
  const langs = opts.langs ?? [];
  const ix = indexOf(records.filter((e) => e.kind !== Kind.GiftWrap));
  const timeline = buildTimeline(ix);
  const events: TimelineEvent[] = [...timeline.days.flatMap((d) => d.events), ...timeline.periods];
  const people = buildPeople(ix);
  const claims = buildClaims(ix);

  const personTitles = new Map<string, string>();
  // People have no translations: a name is written as its bearer's people write it.
  const peopleTitles = uniqueTitles(people.map((p) => titleText(p.name, p.id)), people.map((p) => p.id));
  people.forEach((p, i) => personTitles.set(p.id, peopleTitles[i]!));
  const eventTitles = titleRows(events, (e) => e.title, 'title', langs);
  const eventTitleOf = new Map(events.map((e, i) => [e.id, eventTitles[i]![0]!]));

  const eventTable = table(
    'events.csv',
    [...textColumns('title', langs), ...textColumns('summary', langs), 'date', 'date_label', 'categories', 'place', 'geolocation', 'people', 'testimonies', 'sources', 'language', 'author', 'keruen_id'],
    events.map((e, i) => [
      ...eventTitles[i]!,
      ...inLangs(e.summary, 'summary', e.lang, e.translations, langs).map(safeText),
      dateRangeCell(e.when),
      safeText(e.when.label),
      multi(e.categories),
      safeText(e.where?.name),
      geoCell(e.where),
      multi(e.persons.map((p) => personTitles.get(p.headId) ?? '')),
      String(e.testimonies.length),
      safeText([...new Set(e.citations.map((c) => c.sourceTitle ?? c.sourceId))].join('; ')),
      e.lang,
      e.attribution.pubkey,
      e.id,
    ]),
  );

  const peopleTable = table(
    'people.csv',
    ['title', 'aliases', 'role', 'description', 'status', 'status_date', 'status_history', 'independent_sources', 'reporters', 'documents', 'language', 'author', 'keruen_id'],
    people.map((p, i) => [
      peopleTitles[i]!,
      safeText(p.aliases.join('; ')),
      safeText(p.role),
      safeText(p.description),
      p.current?.status ?? '',
      dateCell(p.current?.when),
      safeText(p.history.map((h) => `${h.when !== undefined ? dateCell(h.when) : ''} ${h.status}${h.note !== undefined ? `: ${h.note}` : ''}`.trim()).join('\n')),
      String(p.sources.count),
      String(p.sources.reporters),
      String(p.sources.documents),
      p.lang,
      p.attribution.pubkey,
      p.id,
    ]),
  );

  const claimTitles = titleRows(claims, (c) => c.statement, 'statement', langs);
  const claimTable = table(
    'claims.csv',
    [...textColumns('title', langs), 'claimant', 'claimant_role', 'date_said', 'figure', 'figure_unit', 'figure_qualifier', 'standing', 'supporting', 'contradicting', 'events', 'sources', 'language', 'author', 'keruen_id'],
    claims.map((c, i) => [
      ...claimTitles[i]!,
      safeText(c.claimant.name),
      safeText(c.claimant.role),
      dateCell(c.said),
      c.figure !== undefined ? String(c.figure.value) : '',
      c.figure?.unit ?? '',
      c.figure?.qualifier ?? '',
      c.standing.code,
      String(c.standing.supporting),
      String(c.standing.contradicting),
      multi(c.events.map((e) => eventTitleOf.get(e.headId) ?? '')),
      safeText([...new Set(c.citations.map((x) => x.sourceTitle ?? x.sourceId))].join('; ')),
      c.lang,
      c.attribution.pubkey,
      c.id,
    ]),
  );
  return [eventTable, peopleTable, claimTable];
}

/** One table as CSV text (RFC 4180 quoting: cells with commas, quotes or line breaks are quoted); no BOM, so the header reads `title`. */
export function toCsv(t: UwaziTable): string {
  return stringify([t.header, ...t.rows]);
}
