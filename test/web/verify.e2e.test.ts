/**
 * Verification end to end, in Debian's Chromium against a real node with the sample archive and
 * a curator identity: the curator marks a testimony verified, links it to a claim as
 * contradicting evidence (the claim goes from supported to disputed, and the counts change), and
 * says two person records are the same person (the people page shows one person, the merge and
 * its reason). Every act is a kind 4866 record signed in the browser, checked in the store.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, createReadStream, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { ingestJsonl, jsonlLines } from '../../src/store/ingest.ts';
import { startNode, type RunningNode } from '../../src/node/node.ts';
import { SAMPLE_ARCHIVE } from '../../src/node/sample.ts';
import { Keystore } from '../../src/node/keystore.ts';
import { Kind } from '../../src/core/kinds.ts';
import { verifyWireEvent, type VerifiedEvent } from '../../src/core/event.ts';
import { buildClaims } from '../../src/core/views/index.ts';
import { launchBrowser, screenshot, seriousAxeViolations } from './helpers.ts';
import { newKey, record } from '../helpers/records.ts';

// Before the keystore encrypts: scrypt at 2^10 so unlocking in the browser takes milliseconds.
process.env.KERUEN_SCRYPT_LOGN = '10';
const PASSPHRASE = 'curator passphrase';

const sample: VerifiedEvent[] = readFileSync(SAMPLE_ARCHIVE, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => verifyWireEvent(JSON.parse(l)));
const contentOf = (e: VerifiedEvent) => JSON.parse(e.content) as Record<string, unknown>;
/** A claim the sample has as supported, with no contradicting evidence yet. */
const claim = buildClaims(sample).find((c) => c.standing.code === 'supported' && c.statement.startsWith('Près de 8000'));
/** A first-hand testimony from Almaty, cited from a source document. */
const testimony = sample.find((e) => e.kind === Kind.Testimony && String(contentOf(e).text).startsWith('Ce qui se passe en ce moment au Kazakhstan'));
const persons = sample.filter((e) => e.kind === Kind.PersonOfConcern);
/** A second record of a sample person, written in Cyrillic, family name first: "Same as…" must rank the sample's record first. */
const akhmediyarov = persons.find((e) => contentOf(e).name === 'Lukpan Akhmediyarov');
const variant = record(newKey(), Kind.PersonOfConcern, { lang: 'ru', name: 'Ахмедьяров Лукпан', role: 'журналист' }, [], 1_642_200_000);
/** Same family name, another given name: shown as a namesake, never proposed. */
const namesake = record(newKey(), Kind.PersonOfConcern, { lang: 'en', name: 'Nurlan Akhmediyarov' }, [], 1_642_200_060);

let dataDir: string;
let store: SqliteStore;
let node: RunningNode;
let browser: Browser;
let curatorPubkey: string;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'keruen-verify-'));
  store = SqliteStore.open(join(dataDir, 'keruen.db'));
  await ingestJsonl(jsonlLines(createReadStream(SAMPLE_ARCHIVE)), store, { workers: 1 });
  store.putMany([variant, namesake]);
  mkdirSync(join(dataDir, 'identities'), { mode: 0o700 });
  curatorPubkey = new Keystore(join(dataDir, 'identities')).create('curator-e2e', PASSPHRASE).pubkey;
  node = await startNode({ store, port: 0, dataDir });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await node?.close();
  store?.close();
});

function assessmentsBy(pubkey: string): VerifiedEvent[] {
  return store.query([{ kinds: [Kind.Assessment], authors: [pubkey] }]);
}

async function sign(page: Page, reason: string): Promise<void> {
  await page.getByLabel('Reason (required)').fill(reason);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Sign and publish' }).click();
}

async function noSeriousAxe(page: Page, where: string): Promise<void> {
  const v = await seriousAxeViolations(page);
  assert.deepEqual(v.map((x) => `${x.id}: ${x.help} (${x.nodes.map((n) => n.target.join(' ')).join(', ')})`), [], `axe on ${where}`);
}

test('a curator verifies a testimony, links it to a claim, merges two people: signed, published, views updated', async () => {
  assert.ok(claim && testimony && persons.length >= 2, 'the sample archive has the records this test opens');
  // bypassCSP lets axe-core be injected; the app itself runs under the node's CSP otherwise.
  const context = await browser.newContext({ locale: 'en-US', bypassCSP: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));

  // 1. Mark the testimony as verified; the reason is required.
  await page.goto(`${node.httpUrl}/record/${testimony.id}`);
  await page.getByRole('heading', { name: 'Curator’s judgement' }).waitFor();
  await page.getByText('No curator has marked this record as verified yet.').waitFor();
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Sign and publish' }).click();
  await page.getByRole('alert').filter({ hasText: 'Write the reason' }).waitFor();
  assert.equal(assessmentsBy(curatorPubkey).length, 0, 'nothing is signed without a reason');
  await noSeriousAxe(page, 'a testimony with the verification form');
  const why = 'Matches the time and place of two other accounts; the source document is the original interview.';
  await sign(page, why);
  await page.locator('.verifications').getByText(why).waitFor();
  await screenshot(page, 'verify-testimony-en');
  let mine = assessmentsBy(curatorPubkey);
  assert.equal(mine.length, 1);
  const verified = mine[0] as VerifiedEvent;
  assert.equal(contentOf(verified).verdict, 'verifies');
  assert.equal(contentOf(verified).note, why);
  assert.deepEqual(verified.tags.filter((t) => t[3] === 'target').map((t) => t[1]), [testimony.id]);
  // It rests on the source document the testimony cites.
  const cited = (contentOf(testimony).sources as { source: string }[]).map((s) => s.source);
  assert.deepEqual(verified.tags.filter((t) => t[3] === 'evidence').map((t) => t[1]), [...new Set(cited)]);

  // 2. Link the testimony to the claim as contradicting evidence: supported becomes disputed.
  await page.goto(`${node.httpUrl}/claims`);
  const card = page.locator(`#claim-${claim.id.slice(0, 12)}`);
  await card.locator('.standing').getByText(/Supported by/).waitFor();
  assert.equal(await card.getByText(/^Contradicting evidence/).count(), 0);
  await card.getByRole('link', { name: 'Link evidence' }).click();
  await page.getByRole('heading', { name: 'Curator’s judgement' }).waitFor();
  await page.getByText('Contradicting evidence: 0 independent sources (0 records)').waitFor();
  await page.getByRole('radio', { name: 'contradicts the claim' }).check();
  await page.getByLabel('Filter the list').fill('Ce qui se passe en ce moment');
  await page.getByLabel('Record', { exact: true }).selectOption(testimony.id);
  await noSeriousAxe(page, 'a claim with the evidence form');
  await sign(page, 'This witness saw arrests in the street on the 5th; the figure cannot hold for Almaty alone.');
  await page.getByText('Contradicting evidence: 1 independent source (1 record)').waitFor();
  await page.locator('.verify .standing').getByText(/Disputed: 1 supporting, 1 contradicting/).waitFor();
  await screenshot(page, 'verify-claim-en');
  mine = assessmentsBy(curatorPubkey);
  const link = mine.find((e) => contentOf(e).verdict === 'contradicts');
  assert.ok(link, 'a contradicts assessment was published');
  assert.deepEqual(link.tags.filter((t) => t[3] === 'target').map((t) => t[1]), [claim.id]);
  assert.deepEqual(link.tags.filter((t) => t[3] === 'evidence').map((t) => t[1]), [testimony.id]);
  await page.goto(`${node.httpUrl}/claims`);
  await card.locator('.standing').getByText(/Disputed: 1 supporting, 1 contradicting/).waitFor();
  await card.getByText('Contradicting evidence: 1 independent source (1 record)').waitFor();

  // 3. Two person records are the same person: one entry, the merge shown with its reason.
  const [a, b] = persons as [VerifiedEvent, VerifiedEvent];
  const nameA = String(contentOf(a).name);
  const nameB = String(contentOf(b).name);
  await page.goto(`${node.httpUrl}/people`);
  await page.getByRole('link', { name: nameB, exact: true }).waitFor();
  const before = await page.locator('.person-row').count();
  await page.goto(`${node.httpUrl}/record/${b.id}`);
  await page.locator('legend', { hasText: 'Same as…' }).waitFor();
  await page.getByLabel('Record', { exact: true }).selectOption(a.id);
  const same = 'Test merge: the curator says these two records are one person.';
  await sign(page, same);
  await page.getByText('Merged by curators').waitFor();
  await page.goto(`${node.httpUrl}/people`);
  await page.waitForFunction((n) => document.querySelectorAll('.person-row').length === n, before - 1);
  const older = a.created_at < b.created_at || (a.created_at === b.created_at && a.id < b.id) ? a : b;
  const newer = older === a ? b : a;
  await page.goto(`${node.httpUrl}/people/${older.id}`);
  await page.getByText('Merged by curators').waitFor();
  await page.getByText(same).waitFor();
  await noSeriousAxe(page, 'a merged person');
  await screenshot(page, 'verify-merged-person-en');
  assert.ok((await page.locator('.merged').innerText()).includes(String(contentOf(newer).name).slice(0, 10)), `the merge names ${nameA} / ${nameB}`);
  // The merged-away record's address still opens the person, merge shown.
  await page.goto(`${node.httpUrl}/people/${newer.id}`);
  await page.getByRole('heading', { level: 1, name: String(contentOf(older).name) }).waitFor();
  await page.getByText(same).waitFor();

  assert.deepEqual(problems, []);
  await context.close();
});

test('"Same as…" ranks a variant of the person first, with its score and reason; a namesake is flagged, not proposed', async () => {
  assert.ok(akhmediyarov, 'the sample archive has Lukpan Akhmediyarov');
  const context = await browser.newContext({ locale: 'en-US', bypassCSP: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${node.httpUrl}/record/${variant.id}`);
  await page.locator('legend', { hasText: 'Same as…' }).waitFor();
  // The picker: the sample's record first (after the empty choice), with its score and reason.
  const options = page.getByLabel('Record', { exact: true }).locator('option');
  assert.equal(await options.nth(1).getAttribute('value'), akhmediyarov.id);
  assert.match(await options.nth(1).innerText(), /Lukpan Akhmediyarov \(\d+% alike · same names in another order\)/);
  // Listed above the picker too, with the words that matched; picking it from there selects it.
  const best = page.locator('.same-matches .same-match');
  assert.equal(await best.count(), 1, 'only the proposal is listed, no other person');
  assert.match(await best.first().innerText(), /Lukpan Akhmediyarov\s+\d+% alike · same names in another order\s+\(lukpan = lukpan, ahmediarov = ahmediarov\)/);
  const flagged = page.getByLabel('Record', { exact: true }).locator(`option[value="${namesake.id}"]`);
  assert.match(await flagged.innerText(), /Nurlan Akhmediyarov \(\d+% alike · namesake: same family name, other given names \(not the same person\)\)/);
  await best.first().getByRole('button', { name: 'Lukpan Akhmediyarov' }).click();
  assert.equal(await page.getByLabel('Record', { exact: true }).inputValue(), akhmediyarov.id);
  await noSeriousAxe(page, 'the "Same as…" form with ranked proposals');
  await screenshot(page, 'verify-same-as-ranked-en');

  // In French, the reason is translated.
  await context.addInitScript(() => localStorage.setItem('keruen.locale', 'fr'));
  await page.goto(`${node.httpUrl}/record/${variant.id}`);
  await page.locator('.same-matches').getByText(/mêmes noms dans un autre ordre/).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('the curator’s panel in French, Russian and Kazakh: translated, counts in words, no serious axe violation', async () => {
  assert.ok(claim);
  const headings = { fr: 'Jugement de curation', ru: 'Решение куратора', kk: 'Куратор шешімі' } as const;
  const sources = { fr: /sources? indépendantes?/, ru: /независим/, kk: /тәуелсіз дереккөз/ } as const;
  for (const lang of ['fr', 'ru', 'kk'] as const) {
    const context = await browser.newContext({ locale: 'en-US', bypassCSP: true });
    await context.addInitScript((l) => localStorage.setItem('keruen.locale', l), lang);
    const page = await context.newPage();
    await page.goto(`${node.httpUrl}/record/${claim.id}`);
    await page.getByRole('heading', { name: headings[lang] }).waitFor();
    await page.locator('.verify .corroboration').first().getByText(sources[lang]).waitFor();
    await noSeriousAxe(page, `the claim's panel in ${lang}`);
    await screenshot(page, `verify-claim-${lang}`);
    await context.close();
  }
});
