// The published site of the sample archive, served by a plain static server and opened in
// Debian's Chromium: readable with JavaScript off in every language, signatures checked with it
// on (and FAILED for bytes altered on disk), cross-script search, feed links.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser, seriousAxeViolations } from '../web/helpers.ts';
import { publish } from '../../src/publish/index.ts';
import { translate, type Locale, type MessageKey } from '../../src/web/app/i18n/index.ts';
import { siteText } from '../../src/publish/site/strings.ts';
import type { VerifiedEvent } from '../../src/core/event.ts';
import { sampleRecords, serveFolder, type StaticServer } from './site-helpers.ts';

const LANGS: Locale[] = ['en', 'fr', 'ru', 'kk'];
let out: string;
let records: VerifiedEvent[];
let server: StaticServer;
let browser: Browser;
let noJs: BrowserContext;
let js: BrowserContext;

const translateKinds = (lang: Locale): Record<string, string> => Object.fromEntries(['source', 'testimony', 'event', 'person', 'status', 'claim', 'assessment', 'translation', 'media', 'profile', 'unknown'].map((k) => [k, translate(lang, `kind.${k}` as MessageKey)]));

const byContent = (s: string) => records.find((e) => e.kind === 4862 && (JSON.parse(e.content) as { summary?: string }).summary?.includes(s) === true) as VerifiedEvent;

before(async () => {
  records = await sampleRecords();
  out = join(mkdtempSync(join(tmpdir(), 'keruen-site-')), 'site');
  await publish(records, { outDir: out, langs: LANGS });
  server = await serveFolder(out);
  browser = await launchBrowser();
  noJs = await browser.newContext({ javaScriptEnabled: false });
  js = await browser.newContext();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('every language renders its pages with JavaScript off: lang attribute, translated headings, chart, map, records', async () => {
  const page = await noJs.newPage();
  const rec = byContent('Janaozen');
  for (const lang of LANGS) {
    await page.goto(`${server.url}/${lang}/index.html`);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.equal(await page.locator('h1').innerText(), translate(lang, 'nav.timeline'));
    assert.equal(await page.locator('.day-chart svg rect').count() > 10, true, 'the chart is drawn as inline SVG');
    await page.locator('ul.days a').first().click();
    assert.ok((await page.locator('article.event').count()) > 0, `${lang}: a day page lists its events`);
    assert.equal(await page.locator('[data-verify]').first().innerText(), siteText(lang, 'sig.pending'));

    for (const [path, key] of [['map.html', 'nav.map'], ['people.html', 'nav.people'], ['claims.html', 'nav.claims']] as const) {
      await page.goto(`${server.url}/${lang}/${path}`);
      assert.equal(await page.getAttribute('html', 'lang'), lang);
      assert.equal(await page.locator('h1').innerText(), translate(lang, key));
    }
    await page.goto(`${server.url}/${lang}/map.html`);
    assert.ok((await page.locator('.map svg circle').count()) > 3, 'map spots');
    await page.goto(`${server.url}/${lang}/people.html`);
    assert.ok((await page.locator('article.person').count()) >= 10);
    await page.goto(`${server.url}/${lang}/search.html`);
    assert.match(await page.locator('main').innerText(), new RegExp(siteText(lang, 'search.nojs').slice(0, 20)));
    await page.goto(`${server.url}/${lang}/records/${rec.id}.html`);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    assert.match(await page.locator('main').innerText(), /Janaozen/);
    assert.equal(await page.locator(`a[hreflang=fr][href$="fr/records/${rec.id}.html"]`).count() >= 1, true, 'language switch to the same record');
  }
  await page.close();
});

test('with JavaScript on, every record shown is verified in the browser; a record altered on disk shows FAILED', async () => {
  const page = await js.newPage();
  const rec = byContent('Janaozen');
  await page.goto(`${server.url}/en/records/${rec.id}.html`);
  await page.locator(`[data-verify="${rec.id}"][data-result]`).waitFor();
  assert.equal(await page.locator(`[data-verify="${rec.id}"]`).getAttribute('data-result'), 'ok');
  assert.equal(await page.locator(`[data-verify="${rec.id}"]`).innerText(), siteText('en', 'sig.ok'));

  // Every record page of the sample verifies as published (the text shown is the text signed).
  const notOk: string[] = [];
  for (const e of records) {
    await page.goto(`${server.url}/en/records/${e.id}.html`);
    await page.locator(`[data-verify="${e.id}"][data-result]`).waitFor();
    if ((await page.locator(`[data-verify="${e.id}"]`).getAttribute('data-result')) !== 'ok') notOk.push(`${e.kind} ${e.id}`);
  }
  assert.deepEqual(notOk, []);

  await page.goto(`${server.url}/fr/people.html`);
  await page.locator('#verify-summary[data-ok]').waitFor({ state: 'attached' });
  const marks = await page.locator('[data-verify]').count();
  assert.ok(marks > 10);
  assert.equal(await page.locator('[data-verify][data-result=ok]').count(), marks);

  // A tampering mirror changes one word on disk: in the signed event, or only in the text shown.
  for (const [lang, where] of [['kk', 'signed'], ['ru', 'shown']] as const) {
    const file = join(out, lang, 'records', `${rec.id}.html`);
    const html = readFileSync(file, 'utf8');
    const cut = html.indexOf('<pre data-signed-events');
    const altered = where === 'signed' ? html.slice(0, cut) + html.slice(cut).replace('Janaozen', 'Janaozem') : html.slice(0, cut).replace(/(data-field="summary"><span[^>]*>[^<]*?)Janaozen/, '$1Janaozem') + html.slice(cut);
    assert.notEqual(altered, html, `${where}: a word was changed`);
    writeFileSync(file, altered);
    await page.goto(`${server.url}/${lang}/records/${rec.id}.html`);
    const mark = page.locator(`[data-verify="${rec.id}"]`);
    await page.locator(`[data-verify="${rec.id}"][data-result]`).waitFor();
    assert.equal(await mark.getAttribute('data-result'), 'failed', where);
    assert.equal(await mark.innerText(), siteText(lang, 'sig.failed'));
    assert.equal(await page.locator('#verify-summary').getAttribute('data-failed'), '1');
  }

  // A day page whose shipped events were altered: the altered record fails, the others still verify.
  const dayFile = join(out, 'en', 'day', '2022-01-05.html');
  const day = readFileSync(dayFile, 'utf8');
  const m = /"sig":"([0-9a-f]{128})"/.exec(day) as RegExpExecArray;
  const sig = m[1] as string;
  writeFileSync(dayFile, day.replace(sig, `${sig.slice(0, 127)}${sig.endsWith('0') ? '1' : '0'}`));
  await page.goto(`${server.url}/en/day/2022-01-05.html`);
  await page.locator('#verify-summary[data-failed]').waitFor({ state: 'attached' });
  assert.equal(await page.locator('#verify-summary').getAttribute('data-failed'), '1');
  assert.ok(Number(await page.locator('#verify-summary').getAttribute('data-ok')) > 0);
  await page.close();
});

test('opened from a folder (file://, as from a USB stick) the records still verify and search works', async () => {
  const page = await js.newPage();
  const rec = records.find((e) => e.kind === 4861) as VerifiedEvent;
  await page.goto(pathToFileURL(join(out, 'ru', 'records', `${rec.id}.html`)).href);
  await page.locator(`[data-verify="${rec.id}"][data-result]`).waitFor();
  assert.equal(await page.locator(`[data-verify="${rec.id}"]`).getAttribute('data-result'), 'ok');
  // Relative links: the timeline of the same language opens from the same folder.
  await page.locator('a.site-name').click();
  assert.equal(await page.locator('h1').innerText(), translate('ru', 'nav.timeline'));
  // Search works from the folder too (its index files are scripts, which a page opened from a file may load).
  await page.goto(`${pathToFileURL(join(out, 'ru', 'search.html')).href}?q=${encodeURIComponent('Жанаозен')}`);
  await page.locator('#search-results li a').first().waitFor();
  await page.fill('#search-q', 'Tokayev $& $1');
  await page.click('#search-form button');
  await page.getByText('Tokayev $& $1', { exact: false }).waitFor();
  await page.fill('#search-q', 'Tokayev');
  await page.click('#search-form button');
  await page.locator('#search-results li a').first().waitFor();
  await page.locator('#search-results li a').first().click();
  assert.match(page.url(), /^file:.*\/ru\/records\/[0-9a-f]{64}\.html$/);
  await page.close();
});

test('search whose index cannot load says so, in the page\'s language, and works again once it can', async () => {
  const page = await js.newPage();
  await page.route('**/search/index.js', (r) => r.abort());
  await page.goto(`${server.url}/fr/search.html?q=Almaty`);
  await page.getByText(siteText('fr', 'search.failed')).waitFor();
  assert.equal(await page.locator('#search-results li').count(), 0);
  await page.unroute('**/search/index.js');
  await page.click('#search-form button');
  await page.locator('#search-results li a').first().waitFor();
  await page.close();
});

test('search across scripts: "Жанаозен" finds records written "Zhanaozen", fetching only pieces of the index', async () => {
  const page = await js.newPage();
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(`${server.url}/en/search.html?q=${encodeURIComponent('Жанаозен')}`);
  await page.locator('#search-results li a').first().waitFor();
  const hrefs = await page.locator('#search-results li a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  const found = hrefs.map((h) => /records\/([0-9a-f]{64})\.html$/.exec(h)?.[1]).filter((x) => x !== undefined);
  const latinOnly = found.map((id) => records.find((e) => e.id === id) as VerifiedEvent).filter((e) => /Zhanaozen|Janaozen/.test(e.content) && !/Жанаозен|Жаңаөзен/.test(e.content));
  assert.ok(latinOnly.length > 0, `a record written only in Latin script is found (got ${found.length} results)`);
  // The result opens on the same site, in the same language.
  await page.locator('#search-results li a').first().click();
  assert.match(page.url(), /\/en\/records\/[0-9a-f]{64}\.html$/);
  // Only some of the index: the shards this query needs, and the metadata of the results shown.
  const shards = fetched.filter((p) => p.startsWith('/search/w/'));
  const metas = fetched.filter((p) => p.startsWith('/search/r/'));
  assert.ok(shards.length >= 1, 'a word shard was fetched');
  assert.ok(shards.every((p) => p.endsWith('.js')) && shards.length < readdirSync(join(out, 'search', 'w')).length, `${shards.length} of the word shards`);
  assert.ok(metas.length >= 1 && metas.length <= 20 && metas.length < readdirSync(join(out, 'search', 'r')).length, `${metas.length} metadata chunks`);
  assert.deepEqual(fetched.filter((p) => p.endsWith('.wasm') || p.includes('pagefind')), [], 'no WebAssembly, no Pagefind');
  await page.close();
});

test('search in each language: the last word matches as a prefix, every word must match, labels and links in the page\'s language', async () => {
  const page = await js.newPage();
  const zhanaozen: string[] = records.filter((e) => /Zhanaozen|Janaozen|Жанаозен|Жаңаөзен/i.test(e.content)).map((e) => e.id);
  for (const lang of LANGS) {
    // "Жанао" (a prefix typed in Cyrillic) folds to "janao" and finds every Zhanaozen record.
    await page.goto(`${server.url}/${lang}/search.html?q=${encodeURIComponent('Жанао')}`);
    await page.locator('#search-results li a').first().waitFor();
    const ids = await page.locator('#search-results li a').evaluateAll((as) => as.map((a) => /records\/([0-9a-f]{64})\.html$/.exec((a as HTMLAnchorElement).href)?.[1] ?? ''));
    const hrefs = await page.locator('#search-results li a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    assert.ok(hrefs.every((h) => h.startsWith(`${server.url}/${lang}/records/`)), `${lang}: links stay in ${lang}`);
    assert.ok(ids.length > 0 && ids.every((id) => zhanaozen.includes(id) || JSON.stringify(records.find((e) => e.id === id)).toLowerCase().includes('janao')), `${lang}: every result is about Zhanaozen`);
    const status = await page.locator('#search-status').innerText();
    assert.match(status, /\d/, `${lang}: the count is shown (${status})`);
    assert.match(status, /Жанао/, `${lang}: the query is named`);
    const meta = await page.locator('#search-results li .meta').first().innerText();
    const kinds = Object.keys(translateKinds(lang)).map((k) => translateKinds(lang)[k] as string);
    assert.ok(kinds.some((k) => meta.startsWith(k)), `${lang}: kind label in the page's language (${meta})`);
    assert.doesNotMatch(meta, /M\d\d/, `${lang}: a date in words, not Chromium's reduced ICU fallback (${meta})`);
  }
  // 20 results at a time: "More results" shows the next ones, in the page's language.
  await page.goto(`${server.url}/ru/search.html?q=Almaty`);
  await page.waitForFunction(() => /\d/.test(document.getElementById('search-status')?.textContent ?? ''));
  assert.equal(await page.locator('#search-results li').count(), 20);
  assert.equal(await page.locator('#search-more').innerText(), siteText('ru', 'search.more'));
  await page.click('#search-more');
  await page.waitForFunction(() => document.querySelectorAll('#search-results li').length > 20);
  const all = await page.locator('#search-results li a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  assert.equal(new Set(all).size, all.length, 'no result twice');
  assert.ok(all.length <= 40);
  // Every word must match: a word found nowhere empties the results.
  await page.goto(`${server.url}/en/search.html?q=${encodeURIComponent('Zhanaozen xyzzyplugh')}`);
  await page.waitForFunction(() => /\d/.test(document.getElementById('search-status')?.textContent ?? ''));
  assert.equal(await page.locator('#search-results li').count(), 0);
  // A query that folds to nothing (symbols only) clears the status instead of failing.
  await page.fill('#search-q', '!!! ???');
  await page.click('#search-form button');
  await page.waitForFunction(() => (document.getElementById('search-status')?.textContent ?? 'x') === '');
  assert.equal(await page.locator('#search-results li').count(), 0);
  await page.close();
});

test('feeds: each page links its language\'s Atom and JSON feeds, and the files are there', async () => {
  const page = await noJs.newPage();
  for (const lang of LANGS) {
    await page.goto(`${server.url}/${lang}/claims.html`);
    const atom = await page.locator('link[rel=alternate][type="application/atom+xml"]').getAttribute('href');
    const json = await page.locator('link[rel=alternate][type="application/feed+json"]').getAttribute('href');
    assert.equal(atom, `../feeds/${lang}.atom.xml`);
    assert.equal(json, `../feeds/${lang}.json`);
    assert.ok(existsSync(join(out, 'feeds', `${lang}.atom.xml`)) && existsSync(join(out, 'feeds', `${lang}.json`)));
    const res = await page.request.get(`${server.url}/${lang}/${atom}`);
    assert.equal(res.status(), 200);
    assert.match(await res.text(), /<feed/);
  }
  await page.close();
});

test('no serious accessibility violations (axe) on the timeline, a day page and a record page', async () => {
  const page = await js.newPage();
  const rec = byContent('Janaozen');
  for (const path of ['/en/index.html', '/fr/day/2022-01-06.html', `/ru/records/${rec.id}.html`, '/kk/search.html', '/en/map.html']) {
    await page.goto(server.url + path);
    const v = await seriousAxeViolations(page);
    assert.deepEqual(v.map((x) => `${path} ${x.id}: ${x.help} (${x.nodes.map((n) => n.target.join(' ')).join(', ')})`), []);
  }
  await page.close();
});
