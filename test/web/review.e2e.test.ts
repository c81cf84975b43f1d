/**
 * Review of candidates end to end, in Debian's Chromium against a real node (the sample archive,
 * a reviewer identity): a seed article imported with the real `keruen` command, its text served
 * from the node's blob store and checked in the browser, extraction run in the page; the reviewer
 * accepts a person, rejects a candidate (still rejected after a reload), edits and accepts a
 * claim, and says a person is the same as one already in the archive. Every record is checked in
 * the store: signed by the reviewer, citing its exact passage, and nothing else published. A
 * document whose blob was tampered with is refused with an error, never used.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, createReadStream, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { Browser, Page, Locator } from 'playwright-core';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { ingestJsonl, jsonlLines } from '../../src/store/ingest.ts';
import { startNode, type RunningNode } from '../../src/node/node.ts';
import { SAMPLE_ARCHIVE } from '../../src/node/sample.ts';
import { Keystore } from '../../src/node/keystore.ts';
import { BlobStore } from '../../src/node/blobs.ts';
import { Kind } from '../../src/core/kinds.ts';
import type { VerifiedEvent } from '../../src/core/event.ts';
import { runCli } from '../helpers/cli.ts';
import { launchBrowser, screenshot, seriousAxeViolations } from './helpers.ts';

// Before the keystore encrypts: scrypt at 2^10 so unlocking in the browser takes milliseconds.
process.env.KERUEN_SCRYPT_LOGN = '10';
const PASSPHRASE = 'reviewer passphrase';
const SEEDS = join(process.cwd(), '..', 'shared', 'seeds');
const AFTER = join(existsSync(SEEDS) ? SEEDS : join(process.cwd(), 'samples', 'kazakhstan-2022-01', 'sources'), 'kazakhstan-2022-01-after-the-uprising.fr.txt');
const INTERVIEW = join(existsSync(SEEDS) ? SEEDS : join(process.cwd(), 'samples', 'kazakhstan-2022-01', 'sources'), 'kazakhstan-2022-01-uprising-interview.fr.txt');

let dataDir: string;
let store: SqliteStore;
let node: RunningNode;
let browser: Browser;
let reviewer: string;
/** The source document reviewed, and the text its sha256 pins. */
let source: VerifiedEvent;
let article: string;
/** A second document whose stored text was altered after it was signed. */
let tampered: VerifiedEvent;
let countBefore: number;
/** The first article twenty times over (about 1 MB): long enough for extraction to report progress. */
let long: VerifiedEvent;

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const contentOf = (e: VerifiedEvent) => JSON.parse(e.content) as Record<string, unknown>;

async function cli(args: string[]): Promise<string> {
  const r = await runCli(['--data', dataDir, ...args, '--passphrase-file', join(dataDir, 'pass.txt')]);
  assert.equal(r.code, 0, `keruen ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** With `keruen import-article` when this tree has it; else the way it stores an article: a signed source document and its text in the blob store. */
async function importArticle(path: string, published: string): Promise<VerifiedEvent> {
  const bytes = readFileSync(path);
  const help = await runCli(['--data', dataDir, 'import-article', '--help']);
  if (help.code === 0) await cli(['import-article', path, '--published', published, '--lang', 'fr']);
  else {
    await cli(['add', 'source', '--path', path, '--title', 'Kazakhstan : après le soulèvement', '--published', published, '--lang', 'fr']);
    await new BlobStore(join(dataDir, 'blobs')).put(bytes);
  }
  // The document is the one whose text the blob store now holds (an import of a text the
  // archive already has finds the existing record and signs nothing new).
  const blobs = new BlobStore(join(dataDir, 'blobs'));
  const docs: VerifiedEvent[] = [];
  for (const d of store.query([{ kinds: [Kind.SourceDocument] }])) if ((await blobs.stat(contentOf(d).sha256 as string)) !== undefined) docs.push(d);
  // The sample's record of the same text also names it: the reviewer's own record, when there is one.
  const doc = docs.find((d) => d.pubkey === reviewer) ?? (docs.length === 1 ? docs[0] : undefined);
  assert.ok(doc, `the imported source document (${docs.length} with their text stored)`);
  return doc;
}

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'keruen-review-'));
  store = SqliteStore.open(join(dataDir, 'keruen.db'));
  await ingestJsonl(jsonlLines(createReadStream(SAMPLE_ARCHIVE)), store, { workers: 1 });
  mkdirSync(join(dataDir, 'identities'), { mode: 0o700 });
  reviewer = new Keystore(join(dataDir, 'identities')).create('reviewer-e2e', PASSPHRASE).pubkey;
  writeFileSync(join(dataDir, 'pass.txt'), PASSPHRASE);
  source = await importArticle(AFTER, '2022-01-12');
  article = readFileSync(new BlobStore(join(dataDir, 'blobs')).pathOf(contentOf(source).sha256 as string), 'utf8');
  // The interview, signed as it is; then its stored text altered behind the record's back.
  const before = new Set(store.query([{ kinds: [Kind.SourceDocument] }]).map((e) => e.id));
  const id = (await cli(['add', 'source', '--path', INTERVIEW, '--title', 'Entretien (texte altéré)', '--published', '2022-01-07', '--lang', 'fr'])).trim();
  tampered = store.query([{ kinds: [Kind.SourceDocument] }]).find((e) => !before.has(e.id)) as VerifiedEvent;
  assert.ok(tampered && id.length > 0);
  const blobs = new BlobStore(join(dataDir, 'blobs'));
  const interview = readFileSync(INTERVIEW);
  await blobs.put(interview);
  writeFileSync(blobs.pathOf(sha256(interview)), Buffer.concat([interview.subarray(0, 100), Buffer.from('164'), interview.subarray(103)]));
  const longPath = join(dataDir, 'long-article.txt');
  writeFileSync(longPath, Array.from({ length: 20 }, () => readFileSync(AFTER, 'utf8')).join('\n\n'));
  const known = new Set(store.query([{ kinds: [Kind.SourceDocument] }]).map((e) => e.id));
  await cli(['add', 'source', '--path', longPath, '--title', 'Vingt fois le même article', '--published', '2022-01-12', '--lang', 'fr']);
  long = store.query([{ kinds: [Kind.SourceDocument] }]).find((e) => !known.has(e.id)) as VerifiedEvent;
  await blobs.put(readFileSync(longPath));
  countBefore = store.count([{}]);
  node = await startNode({ store, port: 0, dataDir, ...(process.env.KERUEN_WEB_DIST ? { webDist: process.env.KERUEN_WEB_DIST } : {}) });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await node?.close();
  store?.close();
});

function mine(): VerifiedEvent[] {
  return store.query([{ authors: [reviewer] }]).filter((e) => e.kind !== Kind.SourceDocument);
}

async function noSeriousAxe(page: Page, where: string): Promise<void> {
  const v = await seriousAxeViolations(page);
  assert.deepEqual(v.map((x) => `${x.id}: ${x.help} (${x.nodes.map((n) => n.target.join(' ')).join(', ')})`), [], `axe on ${where}`);
}

/** The citation an accepted record must carry: this document, the exact passage, its offsets. */
function assertCites(e: VerifiedEvent, key: string): void {
  const [s, t] = key.slice(key.indexOf(':') + 1).split('-').map(Number) as [number, number];
  const sources = contentOf(e).sources as { source: string; quote: string; at: [number, number] }[];
  assert.ok(sources.some((c) => c.source === source.id && c.quote === article.slice(c.at[0], c.at[1]) && c.at[0] <= s && t <= c.at[1]), `${key} cites its passage: ${JSON.stringify(sources)}`);
  assert.ok(e.tags.some((tag) => tag[0] === 'e' && tag[1] === source.id && tag[3] === 'source'));
}

async function waitForCards(page: Page): Promise<void> {
  await page.locator('.rv-summary').waitFor({ timeout: 120_000 });
}

async function acceptedRecordOf(card: Locator): Promise<string> {
  await card.locator('.rv-outcome').getByText('Accepted, signed and published.').waitFor();
  const href = await card.locator('.rv-outcome a').first().getAttribute('href');
  return (href ?? '').replace('/record/', '');
}

test('a reviewer accepts, edits, rejects and links candidates from an imported article; nothing else is published', async () => {
  const context = await browser.newContext({ locale: 'en-US', bypassCSP: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));

  // The list: the imported document, not opened yet.
  await page.goto(`${node.httpUrl}/review`);
  await page.getByRole('heading', { name: 'Review what was found in articles' }).waitFor();
  const listed = page.locator('.rv-doc').filter({ has: page.locator(`a[href="/review/${source.id}"]`) });
  await listed.getByText('Not opened on this device yet.').waitFor();
  await noSeriousAxe(page, 'the review list');

  // The document: text checked, extraction run with its progress, then the cards.
  await page.goto(`${node.httpUrl}/review/${source.id}`);
  await waitForCards(page);
  const quotes = await page.locator('.rv-quote').evaluateAll((els) => els.map((e) => ({ at: e.getAttribute('data-at') ?? '', text: e.textContent ?? '' })));
  assert.ok(quotes.length > 0, 'candidates are shown');
  for (const q of quotes) {
    const [s, t] = q.at.split('-').map(Number) as [number, number];
    assert.equal(q.text, article.slice(s, t), `the highlighted passage ${q.at} is exactly the article's text there`);
  }
  assert.ok((await page.locator('.rv-quote mark').count()) > 0, 'matched words are marked');
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await noSeriousAxe(page, 'a document under review');
  await screenshot(page, 'review-document-en');

  // Kind filter and counts.
  await page.getByRole('button', { name: /^People \(\d+\)$/ }).click();
  const peopleCards = page.locator('.rv-card.rv-person');
  const personCount = await peopleCards.count();
  assert.ok(personCount >= 2, `at least two person candidates (got ${personCount})`);
  assert.equal(await page.locator('.rv-card:not(.rv-person)').count(), 0, 'the filter shows people only');
  // A namesake (same family name, other given names) is asked as a question, never chosen.
  const namesake = page.getByRole('radio', { name: /same family name, different person\?/ });
  assert.ok((await namesake.count()) > 0, 'a namesake is shown');
  assert.equal(await namesake.first().isChecked(), false);

  // 1. A person accepted as a new record: the first one with no "same as" proposal, else the first.
  let plain = peopleCards.filter({ hasNot: page.getByRole('radio', { name: /^Same person as / }) }).first();
  if ((await plain.count()) === 0) plain = peopleCards.first();
  const plainKey = (await plain.getAttribute('data-key')) as string;
  await plain.getByRole('button', { name: 'Accept', exact: true }).click();
  const plainId = await acceptedRecordOf(page.locator(`[data-key="${plainKey}"]`));
  let published = mine();
  assert.equal(published.length, 1);
  const person = published[0] as VerifiedEvent;
  assert.equal(person.id, plainId);
  assert.equal(person.kind, Kind.PersonOfConcern);
  assertCites(person, plainKey);

  // 2. "Same as" an existing person: the reason is pre-filled from the match and editable.
  const sameCard = page.locator('.rv-card.rv-person').filter({ has: page.getByRole('radio', { name: /^Same person as / }) }).first();
  assert.equal(await sameCard.count(), 1, 'a person candidate is proposed as someone already in the archive');
  const sameKey = (await sameCard.getAttribute('data-key')) as string;
  const choice = sameCard.getByRole('radio', { name: /^Same person as / }).first();
  assert.equal(await choice.isChecked(), false, 'never preselected');
  await choice.check();
  const existingId = await choice.getAttribute('value');
  const reason = sameCard.getByLabel(/^Why it is the same person/);
  assert.match(await reason.inputValue(), /match/);
  await reason.fill('Same name and same role in the article and in the record.');
  await sameCard.getByRole('button', { name: 'Accept as the same person' }).click();
  await page.locator(`[data-key="${sameKey}"] .rv-outcome`).getByText('See the “same person” judgement').waitFor();
  published = mine();
  assert.equal(published.length, 3);
  const samePerson = published.find((e) => e.kind === Kind.PersonOfConcern && e.id !== person.id) as VerifiedEvent;
  assertCites(samePerson, sameKey);
  const assessment = published.find((e) => e.kind === Kind.Assessment) as VerifiedEvent;
  assert.deepEqual(contentOf(assessment), { lang: 'en', verdict: 'duplicates', note: 'Same name and same role in the article and in the record.' });
  assert.deepEqual(assessment.tags.filter((t) => t[3] === 'target').map((t) => t[1]), [samePerson.id]);
  assert.deepEqual(assessment.tags.filter((t) => t[3] === 'evidence').map((t) => t[1]), [existingId]);

  // 3. A claim edited, then accepted.
  await page.getByRole('button', { name: /^Claims \(\d+\)$/ }).click();
  const claimCard = page.locator('.rv-card.rv-claim').first();
  const claimKey = (await claimCard.getAttribute('data-key')) as string;
  await claimCard.getByRole('button', { name: 'Edit' }).click();
  const statement = claimCard.getByLabel('Statement');
  const edited = `${(await statement.inputValue()).trim()} [relu]`;
  await statement.fill(edited);
  await claimCard.getByLabel('Role').fill('source citée par l’article');
  await claimCard.getByRole('button', { name: 'Accept as edited' }).click();
  await acceptedRecordOf(page.locator(`[data-key="${claimKey}"]`));
  published = mine();
  assert.equal(published.length, 4);
  const claim = published.find((e) => e.kind === Kind.Claim) as VerifiedEvent;
  assert.equal(contentOf(claim).statement, edited);
  assert.equal((contentOf(claim).claimant as { role?: string }).role, 'source citée par l’article');
  assertCites(claim, claimKey);

  // 4. A candidate rejected: nothing published, and still rejected after a reload.
  await page.getByRole('button', { name: /^All \(\d+\)$/ }).click();
  const rejectCard = page.locator('.rv-card:not(.rv-accepted):not(.rv-rejected)').first();
  const rejectKey = (await rejectCard.getAttribute('data-key')) as string;
  await rejectCard.getByRole('button', { name: 'Reject' }).click();
  await page.locator(`[data-key="${rejectKey}"]`).getByText('Rejected: nothing was published.').waitFor();
  await page.reload();
  await waitForCards(page);
  assert.equal(await page.locator(`[data-key="${rejectKey}"]`).count(), 0, 'a rejected candidate no longer waits');
  assert.equal(await page.locator(`[data-key="${plainKey}"]`).count(), 0, 'nor an accepted one');
  await page.getByLabel('Show').selectOption('decided');
  await page.locator(`[data-key="${rejectKey}"]`).getByText('Rejected: nothing was published.').waitFor();
  await page.locator(`[data-key="${plainKey}"] a[href="/record/${person.id}"]`).waitFor();
  await noSeriousAxe(page, 'decided candidates');

  // The new record's page shows it, signed by the reviewer.
  await page.locator(`[data-key="${plainKey}"]`).getByRole('link', { name: 'See the record' }).click();
  await page.waitForURL(`**/record/${person.id}`);
  await page.getByText('Signature verified').first().waitFor();

  // The list now says what is left.
  await page.goto(`${node.httpUrl}/review`);
  await listed.getByText(/candidates? waits? of \d+ · 3 accepted · 1 rejected/).waitFor();

  // A document whose stored text is not the one its record pins: an error, no candidates.
  await page.goto(`${node.httpUrl}/review/${tampered.id}`);
  await page.getByRole('alert').filter({ hasText: 'is not the document this record names' }).waitFor();
  assert.equal(await page.locator('.rv-card').count(), 0);

  // Nothing else was published: four records by the reviewer, four more in the store.
  assert.deepEqual(mine().map((e) => e.kind).sort(), [Kind.PersonOfConcern, Kind.PersonOfConcern, Kind.Claim, Kind.Assessment].sort());
  assert.equal(store.count([{}]), countBefore + 4);
  assert.deepEqual(problems, []);
  await context.close();
});

test('in French, a long article shows the extraction progress, then its candidates page by page', async () => {
  const context = await browser.newContext({ locale: 'fr-FR', bypassCSP: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  // Every progress text the page shows, recorded as it appears (no timing involved).
  await page.addInitScript(() => {
    const seen: string[] = [];
    const w = window as unknown as { seenProgress: string[]; extractMs?: [number, number?] };
    w.seenProgress = seen;
    new MutationObserver(() => {
      const label = document.querySelector('.rv-progress label')?.textContent;
      if (label && seen[seen.length - 1] !== label) seen.push(label);
      // For the report only: from the first progress shown to the cards.
      if (label && w.extractMs === undefined) w.extractMs = [performance.now()];
      if (w.extractMs?.length === 1 && document.querySelector('.rv-summary')) w.extractMs.push(performance.now());
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(`${node.httpUrl}/review/${long.id}`);
  await page.getByRole('heading', { name: 'Vingt fois le même article' }).waitFor();
  await waitForCards(page);
  const seen = await page.evaluate(() => (window as unknown as { seenProgress: string[] }).seenProgress);
  const ms = await page.evaluate(() => (window as unknown as { extractMs?: [number, number?] }).extractMs);
  if (ms?.[1] !== undefined) console.log(`# extraction of ${Math.round(readFileSync(join(dataDir, 'long-article.txt')).length / 1024)} KB in the browser (worker): ${((ms[1] - ms[0]) / 1000).toFixed(1)} s`);
  const steps = seen.map((l) => /Lecture du paragraphe (\d[\d\s\u202f]*) sur (\d[\d\s\u202f]*)/.exec(l)).filter((m) => m !== null);
  assert.ok(steps.length >= 2, `progress shown while extracting: ${JSON.stringify(seen.slice(0, 5))}`);
  const total = Number((steps[0] as RegExpExecArray)[2]!.replace(/\D/g, ''));
  assert.ok(total > 1000, `paragraphs of the long article: ${total}`);
  await page.getByText(/propositions tirées de .* paragraphes/).waitFor();
  assert.equal(await page.locator('.rv-card').count(), 40, 'forty cards at first');
  await page.getByRole('button', { name: 'En afficher 40 de plus' }).click();
  assert.equal(await page.locator('.rv-card').count(), 80);
  await page.getByRole('button', { name: /^Personnes \(\d+\)$/ }).waitFor();
  await page.getByRole('link', { name: 'Relire les articles' }).waitFor();
  await noSeriousAxe(page, 'a long document, in French');
  await screenshot(page, 'review-document-fr');
  // Russian and Kazakh: the same cards, the page's words translated, still accessible.
  for (const [lang, nav, people] of [['ru', 'Разбор статей', /^Люди \(\d+\)$/], ['kk', 'Мақалаларды қарау', /^Адамдар \(\d+\)$/]] as const) {
    await page.locator('.lang-switch select').selectOption(lang);
    await page.getByRole('link', { name: nav }).waitFor();
    await page.getByRole('button', { name: people }).waitFor();
    assert.equal(await page.locator('.rv-card').count(), 80, `${lang}: the cards stay`);
    await noSeriousAxe(page, `a long document, in ${lang}`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});
