// The explore pages against a real node with the sample archive, in Debian's Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, seriousAxeViolations, startTestNode, type TestNode } from './helpers.ts';
import { SAMPLE_IDS } from './explore-samples.ts';

let node: TestNode;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** What the page said on its console (a failed node search says why it fell back). */
const consoleLines: string[] = [];

before(async () => {
  node = await startTestNode();
  browser = await launchBrowser();
  // bypassCSP lets axe-core be injected; the app itself runs under the node's CSP otherwise.
  context = await browser.newContext({ locale: 'en-US', bypassCSP: true, serviceWorkers: 'block' });
  page = await context.newPage();
  page.on('console', (m) => consoleLines.push(m.text()));
});
after(async () => {
  await browser?.close();
  await node?.close();
});

async function open(path: string, ready: string): Promise<void> {
  await page.goto(node.node.httpUrl + path);
  await page.getByText(ready, { exact: false }).first().waitFor();
}

async function noSeriousViolations(): Promise<void> {
  const v = await seriousAxeViolations(page);
  assert.deepEqual(
    v.map((x) => `${x.id}: ${x.help} (${x.nodes.map((n) => n.target.join(' ')).join(', ')})`),
    [],
  );
}

test('timeline: 5 January with the akimat, its testimonies and an English translation, and the chart', async () => {
  await open('/', 'Wednesday, January 5, 2022');
  const akimat = page.locator(`#event-${SAMPLE_IDS.akimat.slice(0, 12)}`);
  await akimat.getByRole('link', { name: 'L’Akimat (mairie) d’Almaty pris d’assaut et incendié' }).waitFor();
  assert.match(await akimat.innerText(), /January 5, 2022.*10:00.*UTC\+6/s);
  const chart = page.getByRole('img', { name: /Bar chart of counts per day from Jan 1 to Jan 10/ });
  await chart.waitFor();
  assert.equal(await page.locator('.day-chart table tbody tr').count(), 10);
  await akimat.locator('summary').click();
  await akimat.getByText('first-hand: saw it themselves').first().waitFor();
  await akimat.getByRole('button', { name: 'Show the translation (English)' }).first().click();
  await akimat.getByText('What is happening in Kazakhstan right now').waitFor();
  await page.getByRole('heading', { name: 'Earlier history and events without a day' }).waitFor();
  await noSeriousViolations();
});

test('people: the list with statuses, and Makhambet Abjan missing with who reported it', async () => {
  await open('/people', 'Makhambet Abjan');
  assert.equal(await page.locator('.person-row').count(), 12);
  await open(`/people/${SAMPLE_IDS.makhambet}`, 'History of reports');
  await page.getByRole('heading', { level: 1, name: 'Makhambet Abjan' }).waitFor();
  const history = page.locator('.history-entry').first();
  assert.match(await history.innerText(), /missing/);
  assert.match(await history.innerText(), /Reported by documenter · dated .* by its author/);
  assert.match(await history.innerText(), /Makhambet Abjan, a envoyé un message/);
  await history.getByRole('link', { name: /La police chez le journaliste Makhambet Abjan/ }).waitFor();
  await noSeriousViolations();
  await open('/people', 'Makhambet Abjan');
  await noSeriousViolations();
});

test('claims: the 164 figure and where it stands, with the curator\'s assessment', async () => {
  await open('/claims', 'at least 164 killed');
  const claim = page.locator('.claim', { hasText: 'at least 164 killed' });
  assert.match(await claim.innerText(), /Supported by 1 assessment from 1 curator, citing 3 testimonies/);
  assert.match(await claim.innerText(), /Assessed by curator/);
  await noSeriousViolations();
});

test('search: "Жанаозен" finds the Zhanaozen records, grouped by kind', async () => {
  await open(`/search?q=${encodeURIComponent('Жанаозен')}`, 'results for');
  await page.getByRole('heading', { name: 'Events (5)' }).waitFor();
  await page.getByRole('link', { name: 'Les protestations éclatent à Janaozen' }).waitFor();
  const via = await page.locator('.search-results .note').innerText();
  assert.equal(via, 'Searched by the node’s full-text index.', consoleLines.filter((l) => l.includes('keruen:')).join('\n'));
  await noSeriousViolations();
});

test('map: markers by place, the day filter changes them, a place lists its events', async () => {
  await open('/map', 'Places');
  const markers = page.locator('svg.map .marker');
  await markers.first().waitFor();
  const all = await markers.count();
  assert.ok(all >= 5, `markers: ${all}`);
  await page.getByRole('button', { name: 'Jan 5', exact: true }).click();
  await page.locator('.place-list button', { hasText: 'Almaty: 13 events' }).waitFor();
  assert.ok((await markers.count()) < all);
  await page.locator('svg.map').getByRole('button', { name: /^Almaty:/ }).click();
  await page.getByRole('heading', { name: 'Events at Almaty' }).waitFor();
  await page.locator('.selected-events').getByRole('link', { name: 'L’Akimat (mairie) d’Almaty pris d’assaut et incendié' }).waitFor();
  await noSeriousViolations();
});

test('record page: signature verified, by whom, the author\'s date, links in and out', async () => {
  await open(`/record/${SAMPLE_IDS.lastMessage}`, 'Signature verified');
  assert.match(await page.locator('.verified').innerText(), /signed with the key of correspondent-almaty \(npub1/);
  await page.getByText('The author says it was written on').waitFor();
  await page.getByRole('heading', { name: 'Links out' }).waitFor();
  await page.getByRole('link', { name: /L’Akimat \(mairie\) d’Almaty pris d’assaut/ }).waitFor();
  await page.getByRole('heading', { name: 'English', level: 3 }).waitFor();
  await noSeriousViolations();
});

test('Russian and Kazakh: translated UI, dates and plurals in the reader\'s language', async () => {
  await page.goto(node.node.httpUrl);
  await page.getByLabel('Language').selectOption('ru');
  await page.getByRole('heading', { name: 'Число по дням' }).waitFor();
  await page.getByRole('heading', { name: 'среда, 5 января 2022 г.' }).waitFor();
  await page.goto(`${node.node.httpUrl}/claims`);
  await page.getByText('не менее 164 убитых').waitFor();
  await page.getByText('Подтверждается 1 оценкой от 1 куратора, со ссылкой на 3 свидетельства').first().waitFor();
  await noSeriousViolations();
  await page.getByLabel('Язык').selectOption('kk');
  await page.getByText('кемінде 164 қаза тапқандар').waitFor();
  await page.goto(`${node.node.httpUrl}/map`);
  await page.getByRole('button', { name: 'Барлық күндер' }).waitFor();
  await page.locator('.place-list button', { hasText: 'Алматы' }).waitFor();
  await page.goto(`${node.node.httpUrl}/people/${SAMPLE_IDS.makhambet}`);
  await page.getByText('хабарсыз кеткен').first().waitFor();
  await page.getByText('Хабарлаған: documenter').first().waitFor();
  await noSeriousViolations();
});
