// A full-page screenshot of every page in every language, for a reviewer to look at:
// test-output/screenshots/<page>-<lang>.png (the README names the folder).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { SCREENSHOTS, launchBrowser, screenshot, startTestNode, type TestNode } from './helpers.ts';
import { SAMPLE_IDS } from './explore-samples.ts';

const LANGS = ['en', 'fr', 'ru', 'kk'] as const;

/** Page name → address and what shows it has rendered its data. */
const PAGES: Record<string, { path: string; ready: string }> = {
  timeline: { path: '/', ready: '.day-chart' },
  map: { path: '/map', ready: 'svg.map .marker' },
  people: { path: '/people', ready: '.person-row' },
  person: { path: `/people/${SAMPLE_IDS.makhambet}`, ready: '.history-entry' },
  claims: { path: '/claims', ready: '.claim' },
  record: { path: `/record/${SAMPLE_IDS.lastMessage}`, ready: '.verified' },
  search: { path: `/search?q=${encodeURIComponent('Жанаозен')}`, ready: '.result-count' },
  capture: { path: '/capture', ready: 'main h1' },
};

let node: TestNode;
let browser: Browser;
before(async () => {
  node = await startTestNode();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await node?.close();
});

test('screenshots of every page in every language', async () => {
  const started = Date.now();
  await Promise.all(
    LANGS.map(async (lang) => {
      const context = await browser.newContext({ locale: lang, viewport: { width: 1100, height: 800 }, serviceWorkers: 'block' });
      await context.addInitScript((l) => localStorage.setItem('keruen.locale', l), lang);
      const page = await context.newPage();
      for (const [name, p] of Object.entries(PAGES)) {
        await page.goto(node.node.httpUrl + p.path);
        await page.locator(p.ready).first().waitFor();
        await page.waitForFunction((l) => document.documentElement.lang === l, lang);
        await screenshot(page, `${name}-${lang}`);
      }
      await context.close();
    }),
  );
  for (const lang of LANGS) for (const name of Object.keys(PAGES)) assert.ok(statSync(join(SCREENSHOTS, `${name}-${lang}.png`)).size > 10_000, `${name}-${lang}.png`);
  console.log(`# ${LANGS.length * Object.keys(PAGES).length} screenshots in ${SCREENSHOTS} (${Date.now() - started} ms)`);
});
