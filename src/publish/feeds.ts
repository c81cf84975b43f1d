/**
 * Atom and JSON Feed of the newest public records, one pair per language: `feeds/<lang>.atom.xml`
 * and `feeds/<lang>.json`. A record belongs to the language of its text (`content.lang`); a
 * translation to the language it translates into; a media descriptor to the record it documents.
 * Entries link to the record's page on the static site (`<base>/<lang>/records/<id>.html`), name
 * the author by npub and carry the Nostr id (NIP-21 `nostr:note1...`) as their id, so a reader can
 * fetch the signed event from any relay and check it.
 *
 * Record texts are outside input: characters XML 1.0 forbids (controls, lone surrogates) are
 * replaced, and texts are HTML-escaped because both formats read title/summary as HTML.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { Feed, type Item } from 'feed';
import { nip19 } from 'nostr-tools';
import { KeruenError } from '../core/errors.ts';
import type { VerifiedEvent } from '../core/event.ts';
import { Kind, slugOfKind } from '../core/kinds.ts';
import { parseRecord, refsOf, type DomainRecord } from '../core/records.ts';
import { en } from '../web/app/i18n/en.ts';
import { fr } from '../web/app/i18n/fr.ts';
import { ru } from '../web/app/i18n/ru.ts';
import { kk } from '../web/app/i18n/kk.ts';
import { isPublicRecord } from './public.ts';

/** Entries per feed: readers poll the newest; the site holds the rest. */
export const FEED_ENTRIES = 50;
const TITLE_MAX = 140;
const LANG_CODE = /^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
const SUMMARY_MAX = 600;
/** Stands for the site's root while `feed` (which wants absolute URLs) builds the Atom file. */
const SITE_SENTINEL = 'https://keruen-site.invalid/';

export interface FeedOptions {
  /** Where the site will be served (`https://example.org/archive`); links are relative without it. */
  baseUrl?: string;
  title?: string;
  langs: readonly string[];
}

const DICTIONARIES: Record<string, Record<string, unknown>> = { en, fr, ru, kk };

/** A UI word in the feed's language (English for a language the site has no dictionary for). */
function word(lang: string, key: string): string {
  const said = DICTIONARIES[lang]?.[key] ?? (en as Record<string, unknown>)[key];
  return typeof said === 'string' ? said : key;
}

/** Replaces what XML 1.0 cannot carry (C0 controls but tab/newline/return, lone surrogates, U+FFFE/F). */
export function xmlSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** One line, at most `max` characters, cut on a whole code point. */
function clip(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = [...line];
  return chars.length <= max ? line : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

interface Entry {
  event: VerifiedEvent;
  lang: string;
  /** The record whose page the entry links to (a translation links to what it translates). */
  pageId: string;
  kindLabel: string;
  title: string;
  summary: string;
}

function langOf(record: DomainRecord): string {
  return record.content.lang;
}

/** Title and summary of a record in its own words; labels (kind, status, verdict) in `lang`. */
interface Lookup {
  byId: ReadonlyMap<string, DomainRecord>;
  /** Person id → the newest status report about them (someone's word, named on the record page). */
  latestStatus: ReadonlyMap<string, DomainRecord & { kind: typeof Kind.PersonStatus }>;
}

function describe(record: DomainRecord, lang: string, look: Lookup): { title: string; summary: string } {
  const { byId } = look;
  switch (record.kind) {
    case Kind.SourceDocument:
      return { title: record.content.title, summary: record.content.description ?? record.content.publisher ?? '' };
    case Kind.Testimony:
      return { title: record.content.text, summary: record.content.text };
    case Kind.Event:
      return { title: record.content.title, summary: record.content.summary };
    case Kind.PersonOfConcern: {
      const role = record.content.role === undefined ? '' : ` (${record.content.role})`;
      const status = look.latestStatus.get(record.event.id);
      const said = status === undefined ? '' : `: ${word(lang, `status.${status.content.status}`)}`;
      return { title: `${record.content.name}${role}${said}`, summary: record.content.description ?? '' };
    }
    case Kind.PersonStatus: {
      const person = byId.get(refsOf(record, 'person')[0] ?? '');
      const name = person?.kind === Kind.PersonOfConcern ? person.content.name : word(lang, 'kind.person');
      return { title: `${name}: ${word(lang, `status.${record.content.status}`)}`, summary: record.content.note ?? '' };
    }
    case Kind.Claim:
      return { title: `${record.content.claimant.name}: ${record.content.statement}`, summary: record.content.statement };
    case Kind.Assessment: {
      const target = byId.get(refsOf(record, 'target')[0] ?? '');
      const about = target === undefined || target.kind === Kind.Assessment ? '' : `: ${describe(target, lang, look).title}`;
      return { title: `${word(lang, `verdict.${record.content.verdict}`)}${about}`, summary: record.content.note };
    }
    case Kind.Translation: {
      const f = record.content.fields;
      const title = f.title ?? f.name ?? f.statement ?? f.text ?? Object.values(f)[0] ?? '';
      return { title, summary: f.summary ?? f.text ?? f.note ?? f.description ?? f.statement ?? title };
    }
  }
}

function entriesOf(records: readonly VerifiedEvent[]): Entry[] {
  const byId = new Map<string, DomainRecord>();
  for (const e of records) {
    const r = parseRecord(e);
    if (r !== undefined) byId.set(e.id, r);
  }
  const latestStatus = new Map<string, DomainRecord & { kind: typeof Kind.PersonStatus }>();
  for (const r of byId.values()) {
    if (r.kind !== Kind.PersonStatus) continue;
    const person = refsOf(r, 'person')[0];
    const known = person === undefined ? undefined : latestStatus.get(person);
    const newer = known === undefined || known.event.created_at < r.event.created_at || (known.event.created_at === r.event.created_at && known.event.id < r.event.id);
    if (person !== undefined && newer) latestStatus.set(person, r);
  }
  const look: Lookup = { byId, latestStatus };
  const entries: Entry[] = [];
  for (const record of byId.values()) {
    const lang = langOf(record);
    const described = describe(record, lang, look);
    const original = record.kind === Kind.Translation ? refsOf(record, 'translates')[0] : undefined;
    const pageId = original !== undefined && byId.has(original) ? original : record.event.id;
    const kindLabel = word(lang, `kind.${slugOfKind(record.kind) ?? 'unknown'}`);
    entries.push({ event: record.event, lang, pageId, kindLabel, ...described });
  }
  // Media descriptors have no language of their own: they go with the first record they document.
  for (const e of records) {
    if (e.kind !== Kind.MediaDescriptor) continue;
    const documented = e.tags.filter((t) => t[0] === 'e' && typeof t[1] === 'string').map((t) => byId.get(t[1]!));
    const lang = documented.find((r) => r !== undefined)?.content.lang;
    if (lang === undefined) continue;
    const caption = e.content.trim() !== '' ? e.content : (e.tags.find((t) => t[0] === 'alt')?.[1] ?? '');
    entries.push({ event: e, lang, pageId: e.id, kindLabel: word(lang, 'kind.media'), title: caption, summary: caption });
  }
  return entries;
}

/** Newest first; ties by id so the same records always give the same feed. */
function newest(entries: Entry[]): Entry[] {
  return [...entries].sort((a, b) => b.event.created_at - a.event.created_at || (a.event.id < b.event.id ? -1 : 1)).slice(0, FEED_ENTRIES);
}

/** A stable feed id without a site address: the same title and language give the same URN. */
function feedUrn(title: string, lang: string): string {
  const h = createHash('sha256').update(`keruen-feed\0${title}\0${lang}`).digest('hex');
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function buildFeed(entries: readonly Entry[], lang: string, opts: { base: string; title: string; feedUrl: (ext: string) => string | undefined }, html: boolean): Feed {
  const text = (s: string) => (html ? escapeHtml(xmlSafe(s)) : xmlSafe(s));
  const home = `${opts.base}${lang}/`;
  const atomUrl = opts.feedUrl('atom.xml');
  const jsonUrl = opts.feedUrl('json');
  const feed = new Feed({
    id: atomUrl ?? feedUrn(opts.title, lang),
    // A text node: the XML writer escapes it (HTML-escaping here would show entities to readers).
    title: xmlSafe(opts.title),
    language: lang,
    link: home,
    updated: new Date((entries[0]?.event.created_at ?? 0) * 1000),
    generator: 'Keruen',
    ...(atomUrl !== undefined || jsonUrl !== undefined ? { feedLinks: { ...(atomUrl ? { atom: atomUrl } : {}), ...(jsonUrl ? { json: jsonUrl } : {}) } } : {}),
  });
  for (const entry of entries) {
    const npub = nip19.npubEncode(entry.event.pubkey);
    const summary = clip(entry.summary, SUMMARY_MAX);
    const item: Item = {
      id: `nostr:${nip19.noteEncode(entry.event.id)}`,
      title: text(`${entry.kindLabel}: ${clip(entry.title, TITLE_MAX)}`),
      link: `${opts.base}${lang}/records/${entry.pageId}.html`,
      date: new Date(entry.event.created_at * 1000),
      published: new Date(entry.event.created_at * 1000),
      author: [{ name: npub, link: `nostr:${npub}` }],
      // An attribute the XML writer escapes only in part: our own labels, with nothing to escape.
      category: [{ term: slugOfKind(entry.event.kind) ?? String(entry.event.kind), name: xmlSafe(entry.kindLabel).replace(/[<>&"]/g, '') }],
    };
    if (summary !== '') item.description = html ? `<p>${escapeHtml(xmlSafe(summary))}</p>` : escapeHtml(xmlSafe(summary));
    feed.addItem(item);
  }
  return feed;
}

function siteBase(baseUrl: string | undefined): string | undefined {
  if (baseUrl === undefined || baseUrl === '') return undefined;
  return baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
}

/**
 * Writes `feeds/<lang>.atom.xml` and `feeds/<lang>.json` under `outDir` for every language in
 * `langs` (an empty feed for a language without records: its address stays valid for readers).
 */
export async function writeFeeds(records: readonly VerifiedEvent[], outDir: string, opts: FeedOptions): Promise<{ files: string[] }> {
  const base = siteBase(opts.baseUrl);
  for (const lang of opts.langs) {
    // Names files: a language code and nothing else (never a path).
    if (!LANG_CODE.test(lang)) throw KeruenError.usage(`"${lang.slice(0, 40)}" is not a language code (like fr, ru, kk, en)`);
  }
  const title = opts.title ?? 'Keruen';
  // Checked again where records leave: nothing private reaches a feed, whatever the caller passed.
  const entries = entriesOf(records.filter(isPublicRecord));
  const dir = join(outDir, 'feeds');
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const lang of new Set(opts.langs)) {
    const chosen = newest(entries.filter((e) => e.lang === lang));
    const feedUrl = (ext: string) => (base === undefined ? undefined : `${base}feeds/${lang}.${ext}`);
    // Atom: `feed` wants absolute URLs, so a site without an address is built on a sentinel
    // origin and its links made relative to feeds/ afterwards. Texts are escaped (no `"` left),
    // so the sentinel can only occur in the href attributes written here.
    const atomBase = base ?? SITE_SENTINEL;
    let atom = buildFeed(chosen, lang, { base: atomBase, title, feedUrl }, true).atom1();
    if (base === undefined) atom = atom.split(`href="${SITE_SENTINEL}`).join('href="../');
    const json = buildFeed(chosen, lang, { base: base ?? '../', title, feedUrl }, false).json1();
    const atomPath = join(dir, `${lang}.atom.xml`);
    const jsonPath = join(dir, `${lang}.json`);
    await writeFile(atomPath, atom);
    await writeFile(jsonPath, json);
    files.push(atomPath, jsonPath);
  }
  return { files };
}
