/**
 * Uwazi CSV: the sample archive exported by a real `keruen export-uwazi` process, each file read
 * back with csv-parse and checked against Uwazi's import rules (docs/exports.md); hostile texts
 * (quotes, line breaks, commas, pipes, formulas) come back whole, and defused.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { runCli, tempDataDir } from '../helpers/cli.ts';
import { newKey, record } from '../helpers/records.ts';
import { SAMPLE_ARCHIVE } from '../../src/node/sample.ts';
import { buildClaims, buildPeople, buildTimeline } from '../../src/core/views/index.ts';
import { trustStored, type VerifiedEvent } from '../../src/core/event.ts';
import { Kind } from '../../src/core/kinds.ts';
import { EVENT_CATEGORIES, STATUSES } from '../../src/core/records.ts';
import { safeText, toCsv, uwaziTables } from '../../src/export/uwazi.ts';

const sample = (): VerifiedEvent[] =>
  readFileSync(SAMPLE_ARCHIVE, 'utf8')
    .trim()
    .split('\n')
    .map((l) => trustStored(JSON.parse(l)));

/** Reads a CSV as Uwazi does: UTF-8 text, first row the header. */
function readCsv(path: string): { header: string[]; rows: Record<string, string>[] } {
  const bytes = readFileSync(path);
  assert.notDeepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${path}: no BOM, so the first header reads "title"`);
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  const all = parse(text, { relax_column_count: false }) as string[][];
  const [header, ...body] = all;
  assert.ok(header !== undefined, `${path}: a header row`);
  return { header, rows: body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))) };
}

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const FORMULA = /^[=+\-@\t\r]/;

/** The column rules of Uwazi's CSV import, for one file. */
function checkUwaziRules(file: string, t: { header: string[]; rows: Record<string, string>[] }, langs: readonly string[]): string {
  const { header, rows } = t;
  for (const h of header) assert.match(h, /^[a-z][a-z0-9_]*$/, `${file}: header "${h}" is a property name (lower case, no spaces)`);
  assert.equal(new Set(header).size, header.length, `${file}: no column twice`);
  // A property with a language suffix must not also appear without one; the default language is there.
  for (const h of header) {
    const m = /^(.+)__([a-z]{2,3})$/.exec(h);
    if (m) assert.ok(!header.includes(m[1]!), `${file}: ${m[1]} both with and without a language suffix`);
  }
  const titleColumn = langs.length > 0 && header.includes(`title__${langs[0]}`) ? `title__${langs[0]}` : 'title';
  assert.ok(header.includes(titleColumn), `${file}: a ${titleColumn} column`);
  const titles = rows.map((r) => r[titleColumn]!);
  for (const title of titles) {
    assert.ok(title.trim().length > 0, `${file}: every row has a title`);
    assert.ok(!/[\n\r|]/.test(title), `${file}: a title is one line without "|": ${title}`);
  }
  assert.equal(new Set(titles).size, titles.length, `${file}: titles are unique (relationship columns name entities by title)`);
  for (const r of rows) {
    for (const col of ['date', 'status_date', 'date_said']) {
      const v = r[col];
      if (v === undefined || v === '') continue;
      const [from, to, ...rest] = v.split(':');
      assert.equal(rest.length, 0, `${file}: ${col} "${v}" is a date or a from:to range`);
      assert.match(from!, DATE, `${file}: ${col} "${v}" starts YYYY-MM-DD`);
      if (to !== undefined) {
        assert.match(to, DATE, `${file}: ${col} "${v}" ends YYYY-MM-DD`);
        assert.ok(from! <= to, `${file}: ${col} "${v}" ends after it starts`);
      }
    }
    if (r.geolocation !== undefined && r.geolocation !== '') {
      assert.match(r.geolocation, /^-?\d+(\.\d+)?\|-?\d+(\.\d+)?$/, `${file}: geolocation is lat|lon`);
      const [lat, lon] = r.geolocation.split('|').map(Number);
      assert.ok(Math.abs(lat!) <= 90 && Math.abs(lon!) <= 180, `${file}: latitude first (${r.geolocation})`);
    }
    if (r.categories !== undefined && r.categories !== '') {
      for (const c of r.categories.split('|')) assert.ok((EVENT_CATEGORIES as readonly string[]).includes(c), `${file}: category "${c}" from the thesaurus, | between values`);
    }
    if (r.status !== undefined && r.status !== '') assert.ok((STATUSES as readonly string[]).includes(r.status), `${file}: status "${r.status}"`);
    for (const [col, v] of Object.entries(r)) {
      if (['geolocation', 'figure', 'keruen_id', 'author'].includes(col)) continue;
      assert.ok(!FORMULA.test(v), `${file}: ${col} "${v.slice(0, 30)}" would run as a formula in a spreadsheet`);
    }
  }
  return titleColumn;
}

test('the sample archive exported by keruen export-uwazi follows Uwazi import rules, row counts matching the views', async () => {
  const events = sample();
  const expected = {
    'events.csv': buildTimeline(events).totals.events,
    'people.csv': buildPeople(events).length,
    'claims.csv': buildClaims(events).length,
  };
  const data = tempDataDir();
  assert.equal((await runCli(['--data', data, 'import', SAMPLE_ARCHIVE])).code, 0);
  for (const langs of [[], ['en', 'fr', 'ru', 'kk']]) {
    const out = join(data, `uwazi-${langs.length}`);
    const r = await runCli(['--data', data, 'export-uwazi', '--out', out, ...langs.flatMap((l) => ['--lang', l])]);
    assert.equal(r.code, 0, r.stderr);
    const read = Object.fromEntries(Object.keys(expected).map((f) => [f, readCsv(join(out, f))]));
    const titleCols: Record<string, string> = {};
    for (const [file, n] of Object.entries(expected)) {
      assert.equal(read[file]!.rows.length, n, `${file}: one row per item of the view`);
      assert.ok(n > 0, `${file}: the sample has some`);
      titleCols[file] = checkUwaziRules(file, read[file]!, langs);
    }
    // Relationship columns name entities of the other files by their (default-language) title.
    const peopleTitles = new Set(read['people.csv']!.rows.map((p) => p[titleCols['people.csv']!]));
    const eventTitles = new Set(read['events.csv']!.rows.map((p) => p[titleCols['events.csv']!]));
    let links = 0;
    for (const e of read['events.csv']!.rows) {
      for (const p of e.people!.split('|').filter(Boolean)) {
        assert.ok(peopleTitles.has(p), `person "${p}" is a title in people.csv`);
        links++;
      }
    }
    for (const c of read['claims.csv']!.rows) {
      for (const e of c.events!.split('|').filter(Boolean)) {
        assert.ok(eventTitles.has(e), `event "${e}" is a title in events.csv`);
        links++;
      }
    }
    assert.ok(links > 0, 'the sample links events to people or claims to events');
    // Every language column is filled: a translation where there is one (next test), else the original.
    if (langs.length > 0) {
      for (const row of read['events.csv']!.rows) for (const l of langs) assert.ok(row[`title__${l}`]!.length > 0, `title__${l} filled`);
    }
  }
  // Never over an existing export.
  const again = await runCli(['--data', data, 'export-uwazi', '--out', join(data, 'uwazi-0')]);
  assert.equal(again.code, 2, again.stderr);
});

test('with languages, a translation fills its column and the original the others', () => {
  const sk = newKey();
  const ev = record(sk, Kind.Event, { lang: 'ru', title: 'Забастовка в Жанаозене', summary: 'Рабочие бастуют.', categories: ['strike'], when: { from: '2022-01', precision: 'month' } });
  const fr = record(sk, Kind.Translation, { lang: 'fr', from: 'ru', fields: { title: 'Grève à Janaozen', summary: 'Les ouvriers font grève.' }, machine: false }, [{ id: ev.id, role: 'translates' }]);
  const events = uwaziTables([ev, fr], { langs: ['en', 'fr', 'ru'] })[0]!;
  const row = Object.fromEntries(events.header.map((h, i) => [h, events.rows[0]![i]]));
  assert.equal(row.title__fr, 'Grève à Janaozen');
  assert.equal(row.summary__fr, 'Les ouvriers font grève.');
  assert.equal(row.title__ru, 'Забастовка в Жанаозене');
  assert.equal(row.title__en, 'Забастовка в Жанаозене', 'no English translation: the original');
  assert.equal(row.date, '2022-01-01:2022-01-31', 'month precision: the whole month');
  assert.equal(row.language, 'ru');
});

test('hostile texts survive the CSV whole (quotes, line breaks, commas, pipes) and formulas are defused', () => {
  const sk = newKey();
  const hostile = fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
    fc.constantFrom('=HYPERLINK("http://x","y")', '+1+2', '-2+3', '@SUM(A1)', '\t=1', '"quoted", and, commas', 'line\nbreak\r\nand "quotes"', 'a|b|c', ' ', '\u0000'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
  );
  let run = 0;
  /** Texts the record schemas refuse (empty, too long) are not the CSV's concern: such records never exist. */
  const tryRecord = (...args: Parameters<typeof record>) => {
    try {
      return record(...args);
    } catch {
      return undefined;
    }
  };
  fc.assert(
    fc.property(fc.array(fc.record({ title: hostile, summary: hostile, place: hostile, statement: hostile, claimant: hostile }), { minLength: 1, maxLength: 4 }), (items) => {
      const records: VerifiedEvent[] = [];
      items.forEach((it, i) => {
        const ev = tryRecord(sk, Kind.Event, { lang: 'en', title: it.title, summary: it.summary, categories: ['protest'], when: { from: '2022-01-05', precision: 'day' }, where: { name: it.place, lat: 43.2, lon: 76.9 } }, [], 1_641_600_000 + i);
        if (ev !== undefined) records.push(ev);
        const claim = tryRecord(sk, Kind.Claim, { lang: 'en', statement: it.statement, claimant: { name: it.claimant } }, ev !== undefined ? [{ id: ev.id, role: 'event' }] : [], 1_641_600_000 + i);
        if (claim !== undefined) records.push(claim);
      });
      for (const t of uwaziTables(records, { langs: run++ % 2 === 0 ? [] : ['en', 'fr'] })) {
        const back = parse(toCsv(t)) as string[][];
        assert.deepEqual(back[0], t.header);
        assert.equal(back.length - 1, t.rows.length, `${t.name}: one row per item, whatever the text`);
        assert.deepEqual(back.slice(1), t.rows, `${t.name}: every cell comes back as written`);
        for (const row of back.slice(1)) {
          for (const [j, cell] of row.entries()) if (!['geolocation'].includes(t.header[j]!)) assert.ok(!FORMULA.test(cell), `${t.name}.${t.header[j]}: "${cell}" defused`);
        }
      }
      // Nothing lost: each summary is in events.csv as the timeline shows it (defused, made well-formed).
      const events = uwaziTables(records)[0]!;
      const summaries = events.rows.map((r) => r[events.header.indexOf('summary')]);
      const shown = buildTimeline(records).days.flatMap((d) => d.events.map((e) => safeText(e.summary)));
      assert.deepEqual(summaries.sort(), shown.sort(), 'every summary comes back');
    }),
    { numRuns: 60 },
  );
});

