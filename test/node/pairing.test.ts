/** Pairing over real HTTP and WebSocket: what an unpaired device is refused, and how a code opens the node. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { WRONG_PER_CODE, WRONG_PER_MINUTE } from '../../src/node/pairing.ts';
import { openRelay, pairRequest, request, sessionCookie, startTestNode, type NodeUnderTest } from './helpers.ts';

async function reqOverWs(ws: WebSocket): Promise<unknown[]> {
  ws.send(JSON.stringify(['REQ', 'q', { limit: 1 }]));
  return new Promise((resolve) => {
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as unknown[];
      if (m[0] === 'EOSE') resolve(m);
    });
  });
}

void describe('pairing', () => {
  let t: NodeUnderTest;
  let base: string;
  before(async () => {
    t = await startTestNode({ pairing: true });
    base = t.node.httpUrl;
  });
  after(async () => {
    await t.close();
  });

  void test('an unpaired device gets the app shell and the pairing endpoints, and 401 for everything else', async () => {
    assert.equal(t.codes.length, 1);
    assert.match(t.codes[0] as string, /^\d{4}-\d{4}$/);
    for (const path of ['/api/node', '/api/identities', '/status', `/${'a'.repeat(64)}`, `/${'a'.repeat(64)}.jpg`, '/api/anything']) {
      const r = await request(`${base}${path}`);
      assert.equal(r.status, 401, path);
      assert.match(r.json<{ error: string }>().error, /pair this device first/);
    }
    assert.equal((await request(`${base}/upload`, { method: 'PUT', body: 'x' })).status, 401);
    assert.equal((await request(`${base}/`)).status, 200);
    assert.equal((await request(`${base}/timeline`)).status, 200, 'client-side routes get the shell');
    assert.deepEqual((await request(`${base}/api/pair/status`)).json(), { required: true, paired: false });
    assert.equal(await openRelay(t.node.relayUrl), 401, 'no WebSocket without a session');
    assert.equal(await openRelay(t.node.relayUrl, { cookie: 'keruen_session=forged-token-forged-token-forged-token-xxxxx' }), 401);
  });

  void test('a wrong code is 403; five wrong tries a minute from one address, then 429 even for the right code', async () => {
    const wrong = await pairRequest(base, '0000-0000', '127.0.0.2');
    assert.equal(wrong.status, 403);
    assert.equal(wrong.json<{ error: string }>().error, 'wrong or expired pairing code');
    for (let i = 1; i < WRONG_PER_MINUTE; i++) assert.equal((await pairRequest(base, '1111-1111', '127.0.0.2')).status, 403);
    const limited = await pairRequest(base, t.codes.at(-1) as string, '127.0.0.2');
    assert.equal(limited.status, 429);
    assert.match(limited.json<{ error: string }>().error, /too many wrong pairing codes from this device: wait \d+ s/);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    // Another address is not held back by this one.
    assert.equal((await pairRequest(base, '2222-2222', '127.0.0.3')).status, 403);
    assert.equal((await request(`${base}/api/pair`, { method: 'POST', body: 'not json', localAddress: '127.0.0.3' })).status, 400);
  });

  void test(`after ${WRONG_PER_CODE} wrong tries in all, from any addresses, the code is replaced`, async () => {
    const before = t.codes.length;
    // 127.0.0.2 and .3 already spent 6; spread the rest over fresh addresses, under each one's limit.
    let spent = 6;
    for (let host = 10; spent < WRONG_PER_CODE; host++) {
      for (let i = 0; i < WRONG_PER_MINUTE && spent < WRONG_PER_CODE; i++, spent++) {
        assert.equal((await pairRequest(base, '3333-3333', `127.0.0.${host}`)).status, 403);
      }
    }
    assert.equal(t.codes.length, before + 1, 'a new code was announced');
  });

  void test('the right code sets an HttpOnly SameSite=Strict cookie that opens the API and the relay; the code works once', async () => {
    const code = t.codes.at(-1) as string;
    const ok = await pairRequest(base, code.replace('-', ' '));
    assert.equal(ok.status, 200);
    const setCookie = ok.headers['set-cookie']?.[0] ?? '';
    assert.match(setCookie, /^keruen_session=[A-Za-z0-9_-]{43};/);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    const cookie = sessionCookie(ok);
    assert.equal((await pairRequest(base, code)).status, 403, 'single use');
    assert.notEqual(t.codes.at(-1), code, 'a new code replaces the used one');

    const info = await request(`${base}/api/node`, { headers: { cookie } });
    assert.equal(info.status, 200);
    assert.deepEqual(info.json<{ pairing: unknown }>().pairing, { required: true });
    assert.deepEqual((await request(`${base}/api/pair/status`, { headers: { cookie } })).json(), { required: true, paired: true });
    assert.equal((await request(`${base}/status`, { headers: { cookie } })).status, 200);
    const ws = await openRelay(t.node.relayUrl, { cookie });
    assert.ok(ws instanceof WebSocket);
    assert.deepEqual(await reqOverWs(ws), ['EOSE', 'q']);
    ws.close();

    // Only the token's hash is on disk, private to the node's user.
    const file = join(t.dataDir, 'sessions.json');
    const text = readFileSync(file, 'utf8');
    assert.ok(!text.includes(cookie.split('=')[1] as string));
    assert.match(text, /"hash": "[0-9a-f]{64}"/);
    assert.equal(statSync(file).mode & 0o077, 0);
  });

  void test('a paired device stays paired when the node restarts', async () => {
    const ok = await pairRequest(base, t.codes.at(-1) as string);
    const cookie = sessionCookie(ok);
    await t.node.close();
    t.store.close();
    t = await startTestNode({ pairing: true, dataDir: t.dataDir });
    base = t.node.httpUrl;
    assert.equal((await request(`${base}/api/node`, { headers: { cookie } })).status, 200);
    assert.equal((await request(`${base}/api/node`)).status, 401);
    const ws = await openRelay(t.node.relayUrl, { cookie });
    assert.ok(ws instanceof WebSocket);
    ws.close();
  });
});

void describe('without pairing (loopback)', () => {
  let t: NodeUnderTest;
  before(async () => {
    t = await startTestNode();
  });
  after(async () => {
    await t.close();
  });

  void test('the API is open to this machine and says pairing is not required', async () => {
    assert.equal(t.node.pairing, undefined);
    assert.deepEqual((await request(`${t.node.httpUrl}/api/pair/status`)).json(), { required: false, paired: true });
    const info = (await request(`${t.node.httpUrl}/api/node`)).json<{ version: string; relayPath: string; counts: Record<string, number> }>();
    assert.equal(info.relayPath, '/');
    assert.equal(info.counts.testimony, 0);
    assert.ok(await openRelay(t.node.relayUrl) instanceof WebSocket);
  });

  void test('a foreign Host name is refused on HTTP and WebSocket (DNS rebinding)', async () => {
    const r = await request(`${t.node.httpUrl}/api/identities`, { headers: { host: 'attacker.example:7777' } });
    assert.equal(r.status, 403);
    assert.match(r.json<{ error: string }>().error, /answers only to 127\.0\.0\.1 or localhost/);
    assert.equal(await openRelay(t.node.relayUrl, { host: 'attacker.example' }), 401);
    assert.equal((await request(`${t.node.httpUrl}/api/node`, { headers: { host: 'localhost:1234' } })).status, 200);
  });

  void test('identities come with their NIP-49 ncryptsec only', async () => {
    const id = t.keystore.create('witness', 'a long passphrase for tests');
    const list = (await request(`${t.node.httpUrl}/api/identities`)).json<{ name: string; npub: string; pubkey: string; ncryptsec: string; isDefault: boolean }[]>();
    assert.equal(list.length, 1);
    assert.deepEqual({ ...list[0], ncryptsec: undefined }, { name: 'witness', npub: id.npub, pubkey: id.pubkey, isDefault: true, ncryptsec: undefined });
    assert.match(list[0]?.ncryptsec ?? '', /^ncryptsec1/);
  });
});
