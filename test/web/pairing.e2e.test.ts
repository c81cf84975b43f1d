/** From a phone on the LAN: a device must pair with the node's one-time code; an unpaired one gets nothing. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { startNode, type RunningNode } from '../../src/node/node.ts';
import { launchBrowser, seriousAxeViolations, screenshot } from './helpers.ts';

let browser: Browser;
let node: RunningNode;
let store: SqliteStore;
const codes: string[] = [];

before(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'keruen-pair-'));
  store = SqliteStore.open(join(dataDir, 'keruen.db'));
  // Pairing forced on loopback: the same gate a LAN address gets, without leaving this machine.
  node = await startNode({ store, port: 0, dataDir, pairing: true, onPairingCode: (c) => codes.push(c.code) });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await node?.close();
  store?.close();
});

test('a device pairs with the code shown by the node; an unpaired one is refused', async () => {
  const phone = await browser.newContext({ bypassCSP: true });
  const page = await phone.newPage();
  await page.goto(node.httpUrl);
  await page.getByRole('heading', { name: 'Pair this device' }).waitFor();
  assert.deepEqual(await seriousAxeViolations(page), []);
  await screenshot(page, 'pair-en');

  await page.getByLabel('Pairing code').fill('0000-0000');
  await page.getByRole('button', { name: 'Pair' }).click();
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').innerText(), /Wrong or expired code/);

  await page.getByLabel('Pairing code').fill(codes.at(-1) as string);
  await page.getByRole('button', { name: 'Pair' }).click();
  await page.getByRole('link', { name: 'Timeline' }).waitFor();
  assert.equal((await page.request.get(`${node.httpUrl}/api/node`)).status(), 200);

  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  await other.goto(node.httpUrl);
  await other.getByRole('heading', { name: 'Pair this device' }).waitFor();
  assert.equal((await other.request.get(`${node.httpUrl}/api/node`)).status(), 401);
  assert.equal((await other.request.get(`${node.httpUrl}/api/identities`)).status(), 401);
  const wsOpened = await other.evaluate(
    (url) =>
      new Promise<boolean>((resolve) => {
        const ws = new WebSocket(url);
        ws.onopen = () => resolve(true);
        ws.onerror = () => resolve(false);
      }),
    node.relayUrl,
  );
  assert.equal(wsOpened, false, 'the relay refuses an unpaired device');
  await phone.close();
  await stranger.close();
});
