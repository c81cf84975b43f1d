import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { launchBrowser, seriousAxeViolations, startTestNode, type TestNode } from './helpers.ts';

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

test('the shell loads the archive over the relay, verifies it, and speaks the chosen language', async () => {
  // bypassCSP lets axe-core be injected; the app itself runs under the node's CSP otherwise.
  const context = await browser.newContext({ locale: 'en-US', bypassCSP: true });
  const page = await context.newPage();
  await page.goto(node.node.httpUrl);
  await page.getByRole('link', { name: 'Timeline' }).waitFor();
  await page.getByLabel('Language').selectOption('ru');
  await page.getByRole('link', { name: 'Хронология' }).waitFor();
  await page.waitForFunction(() => document.documentElement.lang === 'ru');
  await page.reload();
  await page.getByRole('link', { name: 'Хронология' }).waitFor();
  assert.deepEqual(await seriousAxeViolations(page), []);
  await context.close();
});
