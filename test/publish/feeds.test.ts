/**
 * Feeds of the sample archive, read back with a feed parser from npm (@extractus/feed-extractor):
 * entries per language, newest first, links to the site's record pages, ids and authors that
 * decode to the signed records. Hostile record texts still give well-formed feeds, all entries kept.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { extractFromJson, extractFromXml } from '@extractus/feed-extractor';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { nip19 } from 'nostr-tools';
import { generateSecretKey } from 'nostr-tools/pure';
import { verifyWireEvent, signEvent, type VerifiedEvent } from '../../src/core/event.ts';
import { Kind } from '../../src/core/kinds.ts';
import { KeruenError } from '../../src/core/errors.ts';
import { SAMPLE_ARCHIVE } from '../../src/node/sample.ts';
import { FEED_ENTRIES, writeFeeds, xmlSafe } from '../../src/publish/feeds.ts';
import { record } from '../helpers/records.ts';

const events: VerifiedEvent[] = readFileSync(SAMPLE_ARCHIVE, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => verifyWireEvent(JSON.parse(l)));
const byId = new Map<string, VerifiedEvent>(events.map((e) => [e.id, e]));
const langOf = (e: VerifiedEvent): string | undefined => {
  try {
    return (JSON.parse(e.content) as { lang?: string }).lang;
  } catch {
    return undefined;
  }
};
const LANGS = ['en', 'fr', 'ru', 'kk'];
const BASE = 'https://archive.example/kz-2022/';
/** What XML 1.0 forbids anywhere in a document. */
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const outDir = () => mkdtempSync(join(tmpdir(), 'keruen-feeds-'));
const read = (dir: string, name: string) => readFileSync(join(dir, 'feeds', name), 'utf8');
const noteId = (id: string): string => {
  const d = nip19.decode(id.replace(/^nostr:/, ''));
  assert.equal(d.type, 'note');
  return d.data as string;
};

void test('sample archive: one Atom and one JSON feed per language, parsed by a feed reader, right entries and languages', async () => {
  const dir = outDir();
  const { files } = await writeFeeds(events, dir, { baseUrl: BASE, title: 'Kazakhstan, January 2022', langs: LANGS });
  assert.deepEqual(files.map((f) => f.slice(dir.length + 1)).sort(), LANGS.flatMap((l) => [`feeds/${l}.atom.xml`, `feeds/${l}.json`]).sort());

  const expectedCount: Record<string, number> = {};
  for (const lang of LANGS) {
    const atomText = read(dir, `${lang}.atom.xml`);
    assert.equal(XMLValidator.validate(atomText), true, `${lang}.atom.xml is not well-formed`);
    const json = extractFromJson(read(dir, `${lang}.json`), { descriptionMaxLen: 0 });
    if (json.entries!.length === 0) {
      // A valid Atom feed without entries (RFC 4287 allows it), which this reader declines to
      // recognize (it looks for <entry>): checked as XML instead.
      const empty = new XMLParser({ ignoreAttributes: false }).parse(atomText) as { feed: { '@_xmlns': string; title: string; entry?: unknown } };
      assert.equal(empty.feed['@_xmlns'], 'http://www.w3.org/2005/Atom');
      assert.equal(empty.feed.title, 'Kazakhstan, January 2022');
      assert.equal(empty.feed.entry, undefined);
      expectedCount[lang] = 0;
      continue;
    }
    const atom = extractFromXml(atomText, { descriptionMaxLen: 0 });
    assert.equal(atom.title, 'Kazakhstan, January 2022');
    assert.deepEqual(
      json.entries!.map((e) => e.id),
      atom.entries!.map((e) => e.id),
      `${lang}: Atom and JSON Feed list the same records`,
    );
    const entries = atom.entries!;
    expectedCount[lang] = entries.length;
    let last = Infinity;
    for (const entry of entries) {
      const id = noteId(entry.id);
      const event = byId.get(id);
      assert.ok(event, `${lang}: entry ${entry.id} is no record of the archive`);
      // The record's language: its own, or (media) that of a record it documents.
      const lang2 = event.kind === Kind.MediaDescriptor ? langOf(byId.get(event.tags.find((t) => t[0] === 'e')![1]!)!) : langOf(event);
      assert.equal(lang2, lang, `${lang}: ${id} is in ${lang2}`);
      assert.ok(![Kind.Profile, Kind.Deletion, Kind.GiftWrap].includes(event.kind as 0), `${lang}: kind ${event.kind} in a feed`);
      const updated = Date.parse(entry.published!) / 1000;
      assert.equal(updated, event.created_at, 'updated = created_at');
      assert.ok(updated <= last, 'newest first');
      last = updated;
      // A translation links to the page of what it translates, in its own language.
      const page = event.kind === Kind.Translation ? event.tags.find((t) => t[3] === 'translates')![1] : id;
      assert.equal(entry.link, `${BASE}${lang}/records/${page}.html`);
      assert.ok(entry.title!.length > 0 && entry.description!.length > 0, `${lang}: ${id} has no title or summary`);
    }
    // Authors as npub, the record's signer.
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(atomText) as { feed: { entry?: { author: { name: string } } | { author: { name: string } }[] } };
    const raw = [parsed.feed.entry ?? []].flat();
    assert.equal(raw.length, entries.length);
    raw.forEach((r, i) => {
      const npub = nip19.decode(r.author.name);
      assert.equal(npub.type, 'npub');
      assert.equal(npub.data, byId.get(noteId(entries[i]!.id))!.pubkey);
    });
  }
  const fr = events.filter((e) => langOf(e) === 'fr').length;
  assert.ok(fr > FEED_ENTRIES, 'the sample has more French records than a feed holds');
  assert.equal(expectedCount.fr, FEED_ENTRIES, 'the newest 50 French records');
  assert.equal(expectedCount.en, events.filter((e) => e.kind === Kind.Translation && langOf(e) === 'en').length, 'English: the translations into English');
  assert.equal(expectedCount.ru, 0);
  assert.equal(expectedCount.kk, 0);
  // The French feed holds exactly the 50 newest French (and French-documenting media) records.
  const frFeedIds = new Set(extractFromXml(read(dir, 'fr.atom.xml')).entries!.map((e) => noteId(e.id)));
  const frNewest = Math.min(...[...frFeedIds].map((id) => byId.get(id)!.created_at));
  const olderOut = events.filter((e) => langOf(e) === 'fr' && !frFeedIds.has(e.id));
  assert.ok(olderOut.every((e) => e.created_at <= frNewest), 'no newer French record left out');
  // Labels in the feed's language.
  assert.match(extractFromXml(read(dir, 'fr.atom.xml')).entries![0]!.title!, /^(Média|Évaluation|Témoignage|Événement|Déclaration|Personne|Signalement|Document)/);
});

void test('without a base address, links are relative to feeds/ and the feeds stay valid', async () => {
  const dir = outDir();
  await writeFeeds(events, dir, { langs: ['en'] });
  const atomText = read(dir, 'en.atom.xml');
  assert.equal(XMLValidator.validate(atomText), true);
  const hrefs = [...atomText.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
  assert.ok(hrefs.length > 1);
  for (const h of hrefs) assert.match(h, /^\.\.\/en\/(records\/[0-9a-f]{64}\.html)?$/);
  const json = JSON.parse(read(dir, 'en.json')) as { items: { url: string }[] };
  for (const item of json.items) assert.match(item.url, /^\.\.\/en\/records\/[0-9a-f]{64}\.html$/);
  // A reader that knows where the feed lives resolves them to the record pages.
  const resolved = extractFromXml(atomText, { baseUrl: 'https://mirror.example/site/feeds/en.atom.xml' });
  assert.match(resolved.entries![0]!.link!, /^https:\/\/mirror\.example\/site\/en\/records\/[0-9a-f]{64}\.html$/);
});

void test('titles per kind: a person with their latest reported status, a status report with the person\'s name, an assessment with what it judges', async () => {
  const dir = outDir();
  const key = generateSecretKey();
  const person = record(key, Kind.PersonOfConcern, { lang: 'en', name: 'Aigerim S.', role: 'journalist' }, [], 1_641_500_000);
  const ref = (id: string, role: 'person' | 'target' | 'evidence') => ({ id, role });
  const detained = record(key, Kind.PersonStatus, { lang: 'en', status: 'detained' }, [ref(person.id, 'person')], 1_641_500_100);
  const released = record(key, Kind.PersonStatus, { lang: 'en', status: 'released', note: 'home on the 12th' }, [ref(person.id, 'person')], 1_641_500_200);
  const judged = record(key, Kind.Assessment, { lang: 'en', verdict: 'supports', note: 'two witnesses' }, [ref(released.id, 'target'), ref(detained.id, 'evidence')], 1_641_500_300);
  await writeFeeds([person, detained, released, judged], dir, { langs: ['en'] });
  const json = JSON.parse(read(dir, 'en.json')) as { items: { id: string; title: string }[] };
  const title = (e: VerifiedEvent) => json.items.find((i) => noteId(i.id) === e.id)?.title;
  assert.equal(title(person), 'Person of concern: Aigerim S. (journalist): released');
  assert.equal(title(detained), 'Status report: Aigerim S.: detained');
  assert.equal(title(released), 'Status report: Aigerim S.: released');
  assert.equal(title(judged), 'Assessment: supports: Aigerim S.: released');
});

void test('a record marked private reaches no feed, whatever the caller passed', async () => {
  const dir = outDir();
  const key = generateSecretKey();
  const open = record(key, Kind.Testimony, { lang: 'en', text: 'seen on the square', witness: { description: 'a neighbour', firsthand: true } }, [], 1_641_500_000);
  const tpl = { ...open, tags: [...open.tags, ['keruen', 'private']], created_at: 1_641_500_001 };
  const marked = signEvent({ kind: tpl.kind, created_at: tpl.created_at, tags: tpl.tags, content: tpl.content }, key);
  await writeFeeds([open, marked], dir, { langs: ['en'] });
  const json = JSON.parse(read(dir, 'en.json')) as { items: { id: string }[] };
  assert.deepEqual(json.items.map((i) => noteId(i.id)), [open.id]);
});

void test('a language code that is not one is refused before anything is written', async () => {
  const dir = outDir();
  await assert.rejects(writeFeeds(events, dir, { langs: ['../../etc'] }), (e: unknown) => e instanceof KeruenError && e.code === 'usage');
});

const sk = generateSecretKey();
/** Record texts with XML specials, control characters, lone surrogates and other strays. */
const hostileText = fc
  .array(
    fc.oneof(
      fc.constantFrom('<', '>', '&', '"', "'", ']]>', '<![CDATA[', '&amp;', '<script>alert(1)</script>', '\u0000', '\u0001', '\u000b', '\u001f', '\ud800', '\udfff', '\ufffe', '\uffff', '\u2028', '\r\n', '\t', 'Жанаозен', '🔥'),
      fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      fc.string({ maxLength: 5 }),
    ),
    { maxLength: 25 },
  )
  .map((parts) => `a${parts.join('')}`);

const decodeHtml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
/** A title's text is clipped at 140 characters: all of it when it fits, else its first 100 at least. */
const titlePrefix = (label: string, text: string) => {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return `${label}: ${xmlSafe(chars.length <= 140 ? chars.join('') : chars.slice(0, 100).join(''))}`;
};

void test('fast-check: hostile record texts give well-formed feeds with every entry, text kept', async () => {
  await fc.assert(
    fc.asyncProperty(hostileText, hostileText, hostileText, async (t1, t2, t3) => {
      const recs = [
        record(sk, Kind.Testimony, { lang: 'fr', text: t1, witness: { description: t2.slice(0, 200), firsthand: true } }, [], 1_641_400_003),
        record(sk, Kind.Event, { lang: 'fr', title: t2.slice(0, 120), summary: t3, when: { from: '2022-01-05', precision: 'day' }, categories: ['protest'] }, [], 1_641_400_002),
        record(sk, Kind.Claim, { lang: 'fr', statement: t3, claimant: { name: t1.slice(0, 100) } }, [], 1_641_400_001),
        signEvent({ kind: Kind.MediaDescriptor, created_at: 1_641_400_000, tags: [['x', 'ab'.repeat(32)], ['m', 'image/jpeg'], ['size', '10']], content: t1 }, sk),
      ];
      const dir = outDir();
      await writeFeeds(recs, dir, { title: t3.slice(0, 60), langs: ['fr'] });
      const atomText = read(dir, 'fr.atom.xml');
      const jsonText = read(dir, 'fr.json');
      assert.equal(XMLValidator.validate(atomText), true, 'not well-formed XML');
      assert.ok(!FORBIDDEN.test(atomText), 'a character XML forbids');
      assert.ok(!FORBIDDEN.test(jsonText), 'a lone surrogate in the JSON feed');
      // The media descriptor documents no record of these: it has no language and no feed.
      const atom = extractFromXml(atomText);
      assert.deepEqual(atom.entries!.map((e) => noteId(e.id)), recs.slice(0, 3).map((r) => r.id));
      const json = JSON.parse(jsonText) as { title: string; items: { title: string }[] };
      assert.equal(json.title, xmlSafe(t3.slice(0, 60)));
      const parser = new XMLParser({ ignoreAttributes: false, processEntities: true, htmlEntities: false });
      const rawTitles = (parser.parse(atomText) as { feed: { entry: { title: { '#text': string } }[] } }).feed.entry.map((e) => decodeHtml(e.title['#text']));
      // Labels in the feed's language (French here); schemas trim the record's fields.
      const want = [titlePrefix('Témoignage', t1), titlePrefix('Événement', t2.slice(0, 120).trim()), titlePrefix('Déclaration', `${t1.slice(0, 100).trim()}: ${t3.trim()}`)];
      want.forEach((prefix, i) => {
        assert.ok(json.items[i]!.title.startsWith(prefix), `JSON title ${i}: ${JSON.stringify(json.items[i]!.title)} vs ${JSON.stringify(prefix)}`);
        assert.ok(rawTitles[i]!.startsWith(prefix), `Atom title ${i}: ${JSON.stringify(rawTitles[i])} vs ${JSON.stringify(prefix)}`);
      });
    }),
    { numRuns: 60 },
  );
});
