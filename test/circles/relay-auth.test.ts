/**
 * NIP-42 on our relay: an unauthenticated client gets no gift wrap and no id of one (REQ,
 * COUNT, NIP-77, KRS, the HTTP binding); the wrap's recipient gets its own wraps; a peer node
 * gets them all. Real relay, real WebSockets, real sync client.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { makeAuthEvent } from 'nostr-tools/nip42';
import { wrapEvent } from 'nostr-tools/nip59';
import { verifyWireEvent } from '../../src/core/event.ts';
import { Kind } from '../../src/core/kinds.ts';
import { SUPPORTED_NIPS } from '../../src/relay/info.ts';
import { syncWith } from '../../src/sync/client.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { peer, people } from '../sync/helpers.ts';

const recipient = generateSecretKey();
const peerNode = generateSecretKey();
const template = { kind: Kind.Testimony, content: '{}', tags: [], created_at: 1_641_380_400 };

async function guardedRelay() {
  const forRecipient = verifyWireEvent(wrapEvent(template, generateSecretKey(), getPublicKey(recipient)));
  const forOther = verifyWireEvent(wrapEvent(template, generateSecretKey(), getPublicKey(generateSecretKey())));
  const b = await peer([...people(3), forRecipient, forOther], { auth: { isPeer: (k) => k === getPublicKey(peerNode) } });
  return { b, forRecipient, forOther };
}

/** A raw client: collects every message; `auth` answers the challenge with a key. */
async function rawClient(url: string) {
  const ws = new WebSocket(url);
  const got: unknown[][] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (d) => {
    got.push(JSON.parse(String(d)) as unknown[]);
    for (const w of waiters.splice(0)) w();
  });
  await new Promise<void>((r, j) => ws.once('open', () => r()).once('error', j));
  const until = async (pred: (m: unknown[]) => boolean) => {
    while (!got.some(pred)) await new Promise<void>((r) => waiters.push(r));
    return got.find(pred) as unknown[];
  };
  return { ws, got, until, send: (m: unknown[]) => ws.send(JSON.stringify(m)) };
}

test('the relay challenges on connect and advertises NIP-42', async () => {
  const { b } = await guardedRelay();
  try {
    const c = await rawClient(b.url);
    const auth = await c.until((m) => m[0] === 'AUTH');
    assert.match(String(auth[1]), /^[0-9a-f]{32}$/);
    assert.ok((SUPPORTED_NIPS as readonly number[]).includes(42));
    c.ws.close();
  } finally {
    await b.close();
  }
});

test('an unauthenticated client gets no wrap, no wrap id, no count of wraps', async () => {
  const { b, forRecipient, forOther } = await guardedRelay();
  try {
    const c = await rawClient(b.url);
    c.send(['REQ', 's', {}]);
    await c.until((m) => m[0] === 'EOSE');
    const events = c.got.filter((m) => m[0] === 'EVENT').map((m) => m[2] as { kind: number; id: string });
    assert.equal(events.length, 3);
    assert.ok(events.every((e) => e.kind !== Kind.GiftWrap));
    c.send(['REQ', 'ids', { ids: [forRecipient.id, forOther.id] }]);
    await c.until((m) => m[0] === 'EOSE' && m[1] === 'ids');
    assert.equal(c.got.filter((m) => m[0] === 'EVENT' && m[1] === 'ids').length, 0, 'not even by id');
    c.send(['COUNT', 'n', {}]);
    const count = await c.until((m) => m[0] === 'COUNT');
    assert.deepEqual(count[2], { count: 3 });
    c.send(['COUNT', 'w', { kinds: [Kind.GiftWrap] }]);
    assert.deepEqual((await c.until((m) => m[0] === 'COUNT' && m[1] === 'w'))[2], { count: 0 });
    // A wrong answer to the challenge is refused and changes nothing.
    const forged = finalizeEvent(makeAuthEvent(b.url, 'not-the-challenge'), recipient);
    c.send(['AUTH', forged]);
    const refused = await c.until((m) => m[0] === 'OK' && m[1] === forged.id);
    assert.equal(refused[2], false);
    assert.match(String(refused[3]), /challenge/);
    c.ws.close();

    // Reconciliation (NIP-77 and KRS, WebSocket and HTTP binding) leaves the wraps out of the item set.
    for (const [reconcile, url] of [['nip77', b.url], ['keruen', b.url], ['auto', b.relay.httpUrl]] as const) {
      const mine = SqliteStore.open(':memory:');
      const r = await syncWith(mine, url, { direction: 'pull', reconcile, workers: 1 });
      assert.equal(r.need, 3, `${reconcile} ${url}: only the three records are listed`);
      assert.equal(mine.count([{ kinds: [Kind.GiftWrap] }]), 0);
      mine.close();
    }
  } finally {
    await b.close();
  }
});

test("a client authenticated as a wrap's recipient gets that wrap only; a peer node gets every wrap", async () => {
  const { b, forRecipient, forOther } = await guardedRelay();
  try {
    for (const url of [b.url, b.relay.httpUrl]) {
      const mine = SqliteStore.open(':memory:');
      await syncWith(mine, url, { direction: 'pull', workers: 1, authSecretKeys: [recipient] });
      assert.ok(mine.get(forRecipient.id) !== undefined, `${url}: its own wrap`);
      assert.equal(mine.get(forOther.id), undefined, `${url}: not another's`);
      mine.close();
    }
    const carrier = SqliteStore.open(':memory:');
    await syncWith(carrier, b.url, { direction: 'pull', workers: 1, authSecretKeys: [peerNode] });
    assert.equal(carrier.count([{ kinds: [Kind.GiftWrap] }]), 2, 'a peer carries every wrap');
    carrier.close();

    // Live delivery follows the same rule.
    const c = await rawClient(b.url);
    const challenge = String((await c.until((m) => m[0] === 'AUTH'))[1]);
    const answer = finalizeEvent(makeAuthEvent(b.url, challenge), recipient);
    c.send(['AUTH', answer]);
    assert.equal((await c.until((m) => m[0] === 'OK' && m[1] === answer.id))[2], true);
    c.send(['REQ', 'live', { kinds: [Kind.GiftWrap], since: 0 }]);
    await c.until((m) => m[0] === 'EOSE' && m[1] === 'live');
    const stored = c.got.filter((m) => m[0] === 'EVENT' && m[1] === 'live').map((m) => (m[2] as { id: string }).id);
    assert.deepEqual(stored, [forRecipient.id]);
    c.ws.close();
  } finally {
    await b.close();
  }
});
