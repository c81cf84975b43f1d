/**
 * Capture end to end, in Debian's Chromium against a real node: write a testimony with a photo
 * while the page is offline, reload offline (the service worker serves the shell, the draft
 * comes back from IndexedDB, photo included), go online, sign with the node's identity and
 * save; then the record is on the node, findable from the other script, placed on the map, and
 * the stored photo carries no EXIF/GPS.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, createReadStream, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import exifr from 'exifr';
import type { Browser, Page } from 'playwright-core';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { ingestJsonl, jsonlLines } from '../../src/store/ingest.ts';
import { startNode, type RunningNode } from '../../src/node/node.ts';
import { SAMPLE_ARCHIVE } from '../../src/node/sample.ts';
import { Keystore } from '../../src/node/keystore.ts';
import { Kind } from '../../src/core/kinds.ts';
import { launchBrowser, screenshot, seriousAxeViolations } from './helpers.ts';

// Before the keystore encrypts: scrypt at 2^10 so unlocking in the browser takes milliseconds.
process.env.KERUEN_SCRYPT_LOGN = '10';
const PASSPHRASE = 'a long passphrase';
const TEXT =
  'Nous étions sur la place centrale de Zhanaozen quand la police a commencé à tirer sur les grévistes. ' +
  'J’ai vu deux hommes tomber près de l’akimat, puis tout le monde a couru vers les rues voisines.';
const WHEN = '4 janvier 2022 vers 22 heures';

let dataDir: string;
let store: SqliteStore;
let node: RunningNode;
let browser: Browser;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'keruen-capture-'));
  store = SqliteStore.open(join(dataDir, 'keruen.db'));
  await ingestJsonl(jsonlLines(createReadStream(SAMPLE_ARCHIVE)), store, { workers: 1 });
  mkdirSync(join(dataDir, 'identities'), { mode: 0o700 });
  new Keystore(join(dataDir, 'identities')).create('witness', PASSPHRASE);
  node = await startNode({ store, port: 0, dataDir });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await node?.close();
  store?.close();
});

/** A phone photo as it leaves the camera: EXIF with the maker, the model and a GPS position. */
function photoWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 800, height: 600, channels: 3, background: { r: 190, g: 90, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '43/1 20/1 2400/100', GPSLongitudeRef: 'E', GPSLongitude: '52/1 51/1 3600/100' },
    })
    .toBuffer();
}

async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller === null) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
}

test('a testimony written offline survives a reload, is signed, saved, findable and its photo is clean', async () => {
  const original = await photoWithGps();
  assert.ok((await exifr.gps(original))?.latitude, 'the test photo carries GPS to begin with');

  // No bypassCSP: this run proves the node's CSP lets the worker, the manifest and blob: previews through.
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${node.httpUrl}/capture`);
  await page.getByRole('heading', { name: 'Write a testimony' }).waitFor();
  await waitForServiceWorker(page);
  // The archive (for linking people) loads over the relay: going offline before it has would
  // leave nobody to link (seen on a loaded machine).
  await page.locator('main[data-archive=ready]').waitFor({ timeout: 90_000 });

  await context.setOffline(true);
  await page.getByTestId('net-status').filter({ hasText: 'Offline' }).waitFor();
  await page.getByLabel('What did you see or hear?').fill(TEXT);
  assert.equal(await page.getByLabel('Language of the text').inputValue(), 'fr', 'French detected');
  await page.getByLabel('Who is speaking').fill('un ouvrier du pétrole de Zhanaozen');
  await page.getByLabel('Date or time, exact or approximate').fill(WHEN);
  await page.getByTestId('when-understood').filter({ hasText: '2022' }).waitFor();
  await page.getByText('Precision: hour').waitFor();

  const place = page.getByRole('combobox', { name: /Place/ });
  await place.fill('Жанао');
  await page.getByRole('option', { name: /Zhanaozen/ }).click();
  await page.getByText(/Chosen: Zhanaozen/).waitFor();

  // People: one already in the archive (found by the Cyrillic spelling), one new with a status.
  await page.getByLabel('Find a person in the archive').fill('Абжан');
  await page.getByRole('button', { name: 'Link Makhambet Abjan' }).click();
  await page.getByRole('button', { name: 'Add a new person' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Yerlan K.');
  await page.getByLabel('Status this testimony reports').last().selectOption('detained');

  await page.locator('input[type=file][multiple]').setInputFiles({ name: 'zhanaozen.jpg', mimeType: 'image/jpeg', buffer: original });
  await page.getByTestId('photo-stripped').waitFor();
  await page.getByLabel('Describe photo 1 for people who cannot see it').fill('Strikers on the central square');
  await page.getByTestId('draft-status').filter({ hasText: 'Draft saved on this device' }).waitFor();
  await screenshot(page, 'capture-offline-en');

  // Offline reload: the shell comes from the service worker, the draft from IndexedDB.
  const reloaded = await page.reload();
  assert.equal(reloaded?.headers()['x-keruen-shell'], 'cached', 'the shell came from the service worker cache');
  await page.getByRole('heading', { name: 'Write a testimony' }).waitFor();
  await page.getByTestId('draft-status').filter({ hasText: 'Draft saved on this device' }).waitFor();
  assert.equal(await page.getByLabel('What did you see or hear?').inputValue(), TEXT);
  assert.equal(await page.getByLabel('Date or time, exact or approximate').inputValue(), WHEN);
  assert.equal(await page.getByLabel('Describe photo 1 for people who cannot see it').inputValue(), 'Strikers on the central square');
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('.cap-photo img');
    return img !== null && img.complete && img.naturalWidth > 0;
  });
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the page came from the service worker');

  // Saving needs the node: offline, the page says so and keeps everything.
  await page.getByRole('button', { name: 'Sign and save' }).click();
  await page.getByRole('alert').filter({ hasText: 'The node cannot be reached' }).waitFor();
  assert.equal(await page.getByLabel('What did you see or hear?').inputValue(), TEXT);

  // Online again: a wrong passphrase is refused and nothing is lost; the right one saves.
  await context.setOffline(false);
  await page.getByTestId('net-status').filter({ hasText: 'Online' }).waitFor();
  await page.getByLabel('Sign as').waitFor();
  await page.getByLabel('Passphrase of this identity').fill('not the passphrase');
  await page.getByRole('button', { name: 'Sign and save' }).click();
  await page.getByRole('alert').filter({ hasText: 'Wrong passphrase' }).waitFor();
  await page.getByLabel('Passphrase of this identity').fill(PASSPHRASE);
  await page.getByLabel('Passphrase of this identity').press('Enter');
  const open = page.getByRole('link', { name: 'Open the new testimony' });
  await open.waitFor({ timeout: 30_000 });
  const id = ((await open.getAttribute('href')) ?? '').replace('/record/', '');
  assert.match(id, /^[0-9a-f]{64}$/);

  // On the node: a valid testimony with its time, place and photo.
  const saved = store.get(id);
  assert.ok(saved, 'the testimony is in the node store');
  assert.equal(saved.kind, Kind.Testimony);
  const content = JSON.parse(saved.content) as { lang: string; text: string; when?: { label?: string; precision: string; circa?: boolean }; where?: { lat?: number; lon?: number; names?: Record<string, string> } };
  assert.equal(content.lang, 'fr');
  assert.equal(content.text, TEXT);
  assert.equal(content.when?.label, WHEN);
  assert.equal(content.when?.precision, 'hour');
  assert.equal(content.when?.circa, true);
  assert.equal(content.where?.names?.ru, 'Жанаозен');
  assert.ok(content.where?.lat !== undefined && content.where.lon !== undefined, 'the place has coordinates for the map');
  const personRefs = saved.tags.filter((t) => t[0] === 'e' && t[3] === 'person').map((t) => t[1] as string);
  assert.equal(personRefs.length, 2, 'the linked person and the new one');
  const people = personRefs.map((p) => JSON.parse(store.get(p)?.content ?? '{}') as { name?: string });
  assert.deepEqual(people.map((p) => p.name).sort(), ['Makhambet Abjan', 'Yerlan K.']);
  const newPerson = personRefs[people.findIndex((p) => p.name === 'Yerlan K.')] as string;
  const reports = store.query([{ kinds: [Kind.PersonStatus], '#e': [id] }]);
  assert.equal(reports.length, 1, 'one status report, citing the testimony');
  assert.equal((JSON.parse(reports[0]?.content ?? '{}') as { status?: string }).status, 'detained');
  assert.ok(reports[0]?.tags.some((t) => t[0] === 'e' && t[1] === newPerson && t[3] === 'person'));
  const mediaId = saved.tags.find((t) => t[0] === 'e' && t[3] === 'media')?.[1];
  const media = mediaId !== undefined ? store.get(mediaId) : undefined;
  assert.ok(media, 'the media descriptor is in the node store');
  assert.equal(media.content, 'Strikers on the central square');
  assert.deepEqual(media.tags.find((t) => t[0] === 'redaction'), ['redaction', 'exif-gps-removed']);
  const sha = media.tags.find((t) => t[0] === 'x')?.[1] as string;

  // The stored photo: same bytes on disk and over Blossom, and no EXIF, no GPS.
  const res = await fetch(`${node.httpUrl}/${sha}`);
  assert.equal(res.status, 200);
  const stored = Buffer.from(await res.arrayBuffer());
  assert.deepEqual(stored, readFileSync(join(dataDir, 'blobs', sha)));
  assert.equal(await exifr.gps(stored), undefined, 'no GPS in the stored photo');
  assert.equal((await sharp(stored).metadata()).exif, undefined, 'no EXIF in the stored photo');

  // The draft is gone from the device once every record was accepted.
  await page.getByRole('button', { name: 'Write another testimony' }).click();
  assert.equal(await page.getByLabel('What did you see or hear?').inputValue(), '');

  // The record page shows it, with its photo's descriptor linked; the new person is listed.
  await page.goto(`${node.httpUrl}/record/${id}`);
  await page.getByText('Nous étions sur la place centrale de Zhanaozen', { exact: false }).first().waitFor();
  await screenshot(page, 'capture-saved-record-en');
  await page.goto(`${node.httpUrl}/people`);
  await page.getByText('Yerlan K.').first().waitFor();

  // Search from the other script finds it: in the app, and in the node's index.
  await page.goto(`${node.httpUrl}/search?q=${encodeURIComponent('Жанаозен')}`);
  await page.locator(`a[href="/record/${id}"]`).first().waitFor();
  const hits = store.search('Жанаозен', { limit: 200 }).map((h): string => h.event.id);
  assert.ok(hits.includes(id), 'found by the Cyrillic name');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the capture page has no serious accessibility violation and speaks Russian and Kazakh', async () => {
  // bypassCSP only here, to inject axe-core.
  const context = await browser.newContext({ locale: 'en-US', bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${node.httpUrl}/capture`);
  await page.getByRole('heading', { name: 'Write a testimony' }).waitFor();
  await page.getByRole('button', { name: 'Add a new person' }).click();
  assert.deepEqual(await seriousAxeViolations(page), []);
  // The language follows the text until the witness picks one.
  const text = page.getByLabel('What did you see or hear?');
  const lang = page.getByLabel('Language of the text');
  await text.fill('Біз алаңда полицияның адамдарға оқ атқанын көрдік, Жаңаөзенде ереуіл басталды.');
  assert.equal(await lang.inputValue(), 'kk');
  await text.fill('Мы видели, как полиция стреляла в людей на площади, а потом началась забастовка.');
  assert.equal(await lang.inputValue(), 'ru');
  // The place combobox from the keyboard alone.
  const place = page.getByRole('combobox', { name: /Place/ });
  await place.fill('Алма');
  await place.press('ArrowDown');
  await place.press('Enter');
  await page.getByText(/Chosen: Almaty/).waitFor();
  await lang.selectOption('uk');
  await text.fill('We saw the police shooting at people in the square, then the strike began.');
  assert.equal(await lang.inputValue(), 'uk', 'a chosen language is kept');
  for (const [lang, heading, label] of [
    ['ru', 'Написать свидетельство', 'Что вы видели или слышали?'],
    ['kk', 'Куәлік жазу', 'Не көрдіңіз немесе не естідіңіз?'],
    ['fr', 'Écrire un témoignage', 'Qu’avez-vous vu ou entendu ?'],
  ] as const) {
    await page.locator('.lang-switch select').selectOption(lang);
    await page.getByRole('heading', { name: heading }).waitFor();
    await page.getByLabel(label).waitFor();
    await screenshot(page, `capture-${lang}`);
  }
  assert.deepEqual(await seriousAxeViolations(page), []);
  await context.close();
});
