/**
 * Peers that sync on their own: real nodes (SQLite on disk, our relay over real WebSockets, the
 * real syncer), configured through peers.json, converging with no manual sync; a spawned
 * `keruen start` configured with `keruen peers add`; a failing peer backs off and recovers;
 * peers.json under hostile input.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import WebSocket from 'ws';
import { isKeruenError } from '../../src/core/errors.ts';
import type { VerifiedEvent } from '../../src/core/event.ts';
import type { EventStore } from '../../src/store/types.ts';
import { PeersFile, PEERS_FILE, parsePeersFile, emptyPeers } from '../../src/node/peers-file.ts';
import { nodeSyncOnce, PeerSyncer, type PeerTarget } from '../../src/node/peer-sync.ts';
import { loadOrCreateNodeKey } from '../../src/node/node-key.ts';
import { VerifierPool } from '../../src/store/verifier-pool.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { KERUEN_BIN, runCli, tempDataDir } from '../helpers/cli.ts';
import { people, idsOf } from '../sync/helpers.ts';
import { request, startTestNode, type NodeUnderTest } from './helpers.ts';

/** Short timings: the syncer's logic is the same, tests just do not wait a minute. */
const FAST = { intervalMs: 60_000, debounceMs: 100, backoffMinMs: 100, backoffMaxMs: 400, refreshMs: 100, probeMs: 200, timeoutMs: 5_000 };

/** Waits until `cond` holds (checked every 50 ms); fails with `what` after a generous deadline. */
async function until(what: string, cond: () => boolean | Promise<boolean>, deadlineMs = 30_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!(await cond())) {
    if (Date.now() > end) assert.fail(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const sameIds = (...stores: EventStore[]) => () => {
  const first = JSON.stringify(idsOf(stores[0] as EventStore));
  return stores.every((s) => JSON.stringify(idsOf(s)) === first);
};

async function node(events: VerifiedEvent[], opts: Parameters<typeof startTestNode>[0] = {}): Promise<NodeUnderTest> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'keruen-peer-'));
  const n = await startTestNode({ ...opts, dataDir, mdns: false, peerSync: FAST, log: () => undefined });
  n.store.putMany(events);
  return n;
}

function addPeer(n: NodeUnderTest, url: string, name?: string): void {
  new PeersFile(join(n.dataDir, PEERS_FILE)).add(url, name);
}

/** Publishes through a node's relay, as a phone's web app does (the node hears it arrive). */
async function publish(relayUrl: string, event: VerifiedEvent): Promise<void> {
  const ws = new WebSocket(relayUrl);
  await once(ws, 'open');
  ws.send(JSON.stringify(['EVENT', event]));
  // The node may first send a NIP-42 challenge (["AUTH", ...]): a publisher without a key ignores it.
  let msg: unknown[];
  do msg = JSON.parse(String(((await once(ws, 'message')) as [Buffer])[0])) as unknown[];
  while (msg[0] === 'AUTH');
  ws.close();
  assert.deepEqual(msg.slice(0, 3), ['OK', event.id, true], JSON.stringify(msg));
}

test('two nodes configured as peers converge with no manual sync, and a record added after start follows', async () => {
  const a = await node(people(12, 1_641_340_800, 'a'));
  const b = await node(people(9, 1_641_300_000, 'b'));
  try {
    addPeer(a, b.node.relayUrl, 'b');
    addPeer(b, a.node.relayUrl, 'a');
    await until('a and b hold the same 21 records', () => sameIds(a.store, b.store)() && idsOf(a.store).length === 21);

    // Arrives through A's relay: the sync interval is a minute, so only the arrival can move it.
    const [late] = people(1, 1_641_500_000, 'late');
    await publish(a.node.relayUrl, late!);
    await until('the late record reaches b', () => b.store.get(late!.id) !== undefined);

    // Written into A's store by another way (as `keruen add` would, from another process): the probe sees it.
    const [quiet] = people(1, 1_641_600_000, 'quiet');
    a.store.put(quiet!);
    await until('the quietly stored record reaches b', () => b.store.get(quiet!.id) !== undefined);

    const states = a.node.peerSyncer!.states();
    assert.equal(states.length, 1);
    assert.equal(states[0]!.name, 'b');
    assert.equal(states[0]!.failures, 0);
    assert.ok(states[0]!.lastSuccess !== undefined);
    assert.ok(states[0]!.syncs >= 1);

    // The same state, as the web app and a person see it.
    const api = await request(`${a.node.httpUrl}/api/peers`);
    assert.equal(api.status, 200);
    const view = api.json<{ node: { npub: string }; peers: Array<{ name: string; url: string; lastSuccess?: string; sent: number; received: number }> }>();
    assert.match(view.node.npub, /^npub1/);
    assert.equal(view.peers[0]!.url, new URL(b.node.relayUrl).href);
    assert.ok(view.peers[0]!.lastSuccess !== undefined);
    assert.ok(view.peers[0]!.sent + view.peers[0]!.received >= 1);
    const page = await request(`${a.node.httpUrl}/status`);
    assert.equal(page.status, 200);
    const html = page.body.toString('utf8');
    assert.match(html, /<h2>Peers<\/h2>/);
    assert.ok(html.includes(view.node.npub));
    assert.ok(html.includes(new URL(b.node.relayUrl).href));
  } finally {
    await a.close();
    await b.close();
  }
});

test('three nodes in a chain (a↔b, b↔c) converge: b carries records between a and c', async () => {
  const a = await node(people(6, 1_641_340_800, 'a'));
  const b = await node(people(4, 1_641_200_000, 'b'));
  const c = await node(people(5, 1_641_100_000, 'c'));
  try {
    // a and c never meet. Each side lists the other: a node can only push to the peers it lists,
    // so with a one-way list, news reaches the listing side at its own interval only.
    addPeer(a, b.node.relayUrl);
    addPeer(b, a.node.relayUrl);
    addPeer(b, c.node.relayUrl);
    addPeer(c, b.node.relayUrl);
    await until('a, b and c hold the same 15 records', () => sameIds(a.store, b.store, c.store)() && idsOf(c.store).length === 15);
    const [late] = people(1, 1_641_700_000, 'late-c');
    await publish(c.node.relayUrl, late!);
    await until('a record published at c reaches a, two hops away', () => a.store.get(late!.id) !== undefined);
    assert.ok(sameIds(a.store, b.store, c.store)());
  } finally {
    await a.close();
    await b.close();
    await c.close();
  }
});

test('a failing peer backs off, then recovers when it comes back', async () => {
  const bDir = mkdtempSync(join(tmpdir(), 'keruen-peer-b-'));
  const b0 = await node([], { dataDir: bDir });
  const port = Number(new URL(b0.node.httpUrl).port);
  const bUrl = b0.node.relayUrl;
  await b0.close();
  const a = await node(people(5, 1_641_340_800, 'a'));
  let b: NodeUnderTest | undefined;
  try {
    addPeer(a, bUrl, 'b');
    await until('three failed attempts', () => (a.node.peerSyncer!.states()[0]?.failures ?? 0) >= 3);
    const failing = a.node.peerSyncer!.states()[0]!;
    assert.match(failing.lastError ?? '', /cannot reach|ECONNREFUSED/);
    assert.equal(failing.lastSuccess, undefined);

    b = await node(people(3, 1_641_000_000, 'b'), { dataDir: bDir, port });
    await until('a and b converge after b returns', () => sameIds(a.store, b!.store)() && idsOf(b!.store).length === 8);
    await until('the state says it recovered', () => a.node.peerSyncer!.states()[0]?.failures === 0);
    const ok = a.node.peerSyncer!.states()[0]!;
    assert.ok(ok.lastSuccess !== undefined);
    assert.equal(ok.lastError, undefined);
  } finally {
    await a.close();
    await b?.close();
  }
});

test('never two syncs with one peer at once, however many records arrive', async () => {
  const a = SqliteStore.open(':memory:');
  const b = await node(people(3, 1_641_000_000, 'b'));
  const pool = await VerifierPool.start(1);
  let running = 0;
  let most = 0;
  let calls = 0;
  const real = nodeSyncOnce({ store: a, nodeKey: loadOrCreateNodeKey(mkdtempSync(join(tmpdir(), 'keruen-key-'))), pool: async () => pool });
  const target: PeerTarget = { id: 'url:b', name: 'b', url: b.node.relayUrl, source: 'config' };
  const syncer = new PeerSyncer({
    targets: () => [target],
    syncOnce: async (t) => {
      running++;
      most = Math.max(most, running);
      calls++;
      try {
        return await real(t);
      } finally {
        running--;
      }
    },
    ...FAST,
    debounceMs: 0,
    log: () => undefined,
  });
  try {
    syncer.start();
    for (let i = 0; i < 200; i++) {
      syncer.notifyLocalChange();
      await new Promise((r) => setImmediate(r));
    }
    await until('a few syncs ran', () => calls >= 2 && running === 0);
    assert.equal(most, 1);
    assert.deepEqual(idsOf(a), idsOf(b.store));
  } finally {
    await syncer.stop();
    await pool.close();
    await b.close();
    a.close();
  }
});

interface NodeProcess {
  child: ChildProcess;
  url: string;
  out: () => string;
}

async function startProcess(data: string, extra: string[] = []): Promise<NodeProcess> {
  const child = spawn(process.execPath, [KERUEN_BIN, '--data', data, 'start', '--port', '0', '--sync-every', '1', ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  while (!/relay: (ws:\S+)/.test(out)) {
    if (child.exitCode !== null) assert.fail(`node exited: ${out}`);
    await once(child.stdout!, 'data');
  }
  return { child, url: /relay: (ws:\S+)/.exec(out)![1]!, out: () => out };
}

async function stop(p: NodeProcess): Promise<void> {
  if (p.child.exitCode !== null) return;
  p.child.kill('SIGTERM');
  await once(p.child, 'close');
}

async function idsIn(data: string): Promise<string[]> {
  const r = await runCli(['--data', data, 'export']);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => (JSON.parse(l) as { id: string }).id)
    .sort();
}

test('keruen start syncs on its own with a peer added by keruen peers add, including a record imported while it runs', async () => {
  const a = tempDataDir('keruen-peers-a-');
  const b = tempDataDir('keruen-peers-b-');
  const seed = (dir: string, events: VerifiedEvent[]) => {
    const file = join(dir, 'seed.jsonl');
    writeFileSync(file, events.map((e) => JSON.stringify(e)).join('\n'));
    return runCli(['--data', dir, 'import', file]);
  };
  assert.equal((await seed(a, people(7, 1_641_340_800, 'pa'))).code, 0);
  assert.equal((await seed(b, people(5, 1_641_300_000, 'pb'))).code, 0);
  const nb = await startProcess(b);
  let na: NodeProcess | undefined;
  try {
    const added = await runCli(['--data', a, 'peers', 'add', nb.url, '--name', 'b']);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /Added peer b/);
    const listed = await runCli(['--data', a, 'peers', 'list']);
    assert.match(listed.stdout, /b {2}ws:\/\/127\.0\.0\.1:\d+\//);
    na = await startProcess(a);
    await until('both folders hold the 12 records', async () => (await idsIn(b)).length === 12 && JSON.stringify(await idsIn(a)) === JSON.stringify(await idsIn(b)));
    // Imported by another process while both nodes run: the node notices it and passes it on.
    assert.equal((await seed(a, people(1, 1_641_800_000, 'while-running'))).code, 0);
    await until('the record imported while running reaches b', async () => (await idsIn(b)).length === 13);
    assert.match(na.out(), /synced with b: sent \d+, received \d+/);
  } finally {
    if (na !== undefined) await stop(na);
    await stop(nb);
  }
});

test('keruen peers: usage errors, remove, and a damaged peers.json is an error that keeps the file', async () => {
  const d = tempDataDir('keruen-peers-cli-');
  assert.equal((await runCli(['--data', d, 'peers', 'add', 'http://example.org'])).code, 2);
  assert.equal((await runCli(['--data', d, 'peers', 'accept', 'npub1nonsense'])).code, 2);
  assert.equal((await runCli(['--data', d, 'peers', 'add', 'ws://10.0.0.2:7777', '--name', 'x'])).code, 0);
  assert.equal((await runCli(['--data', d, 'peers', 'add', 'ws://10.0.0.3:7777', '--name', 'x'])).code, 2);
  assert.equal((await runCli(['--data', d, 'peers', 'remove', 'nobody'])).code, 4);
  const removed = await runCli(['--data', d, 'peers', 'remove', 'x']);
  assert.equal(removed.code, 0, removed.stderr);
  const who = await runCli(['--data', d, 'peers', 'whoami']);
  assert.match(who.stdout, /^npub1[02-9ac-hj-np-z]{58}\n$/);
  assert.equal((await runCli(['--data', d, 'peers', 'whoami'])).stdout, who.stdout, 'the node key is made once and kept');

  const damaged = '{"version":1,"peers":[{"name":"x","url":"ws://10.0.0.2:7777/"}],"accepted":[{"key":"zz"}]}';
  writeFileSync(join(d, PEERS_FILE), damaged);
  for (const args of [['peers', 'list'], ['peers', 'add', 'ws://10.0.0.4:7777'], ['start', '--port', '0']]) {
    const r = await runCli(['--data', d, ...args]);
    assert.equal(r.code, 6, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, /peers\.json is damaged \(accepted\.0\.key/);
  }
  assert.equal(readFileSync(join(d, PEERS_FILE), 'utf8'), damaged, 'nothing rewrote the damaged file');
});

test('peers.json: hostile contents give a clear error or a valid config, never a crash or a silent reset', () => {
  const validish = fc.record({
    version: fc.oneof(fc.constant(1), fc.integer(), fc.string()),
    peers: fc.array(fc.record({ name: fc.string({ maxLength: 70 }), url: fc.oneof(fc.webUrl(), fc.constant('ws://10.0.0.1:7777/'), fc.string()), key: fc.option(fc.stringMatching(/^[0-9a-fA-F]{60,66}$/), { nil: undefined }) }, { requiredKeys: ['name', 'url'] }), { maxLength: 4 }),
    accepted: fc.array(fc.record({ key: fc.oneof(fc.stringMatching(/^[0-9a-f]{64}$/), fc.string()), added: fc.string({ maxLength: 50 }) }), { maxLength: 4 }),
  });
  const texts = fc.oneof(
    fc.string(),
    fc.json(),
    validish.map((v) => JSON.stringify(v)),
    validish.map((v) => JSON.stringify(v)).chain((s) => fc.nat(s.length).map((n) => s.slice(0, n))),
  );
  fc.assert(
    fc.property(texts, (text) => {
      try {
        const config = parsePeersFile(text, '/data/peers.json');
        // What passes is usable: every address opens as a relay URL, every key is hex.
        for (const p of config.peers) assert.ok(['ws:', 'wss:'].includes(new URL(p.url).protocol));
        for (const a of config.accepted) assert.match(a.key, /^[0-9a-f]{64}$/);
      } catch (e) {
        assert.ok(isKeruenError(e), `not a KeruenError: ${String(e)}`);
        assert.equal(e.code, 'io');
        assert.match(e.message, /\/data\/peers\.json is damaged/);
      }
    }),
    { numRuns: 2000 },
  );
});

test('peers.json round trip: what add and accept write reads back the same', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.tuple(fc.ipV4(), fc.integer({ min: 1, max: 65535 })), { maxLength: 5, selector: ([h, p]) => `${h}:${p}` }),
      fc.uniqueArray(fc.stringMatching(/^[0-9a-f]{64}$/), { maxLength: 5 }),
      (addrs, keys) => {
        const file = new PeersFile(join(mkdtempSync(join(tmpdir(), 'keruen-pf-')), PEERS_FILE));
        const peers = addrs.map(([h, p]) => file.add(`ws://${h}:${p}`));
        for (const k of keys) file.accept(k as never);
        const again = new PeersFile(file.path).read();
        assert.deepEqual(again.peers, peers);
        assert.deepEqual(
          again.accepted.map((a) => a.key),
          keys,
        );
        if (peers.length + keys.length > 0) assert.deepEqual(parsePeersFile(readFileSync(file.path, 'utf8'), file.path), again);
        assert.deepEqual(new PeersFile(join(tmpdir(), 'does-not-exist', PEERS_FILE)).read(), emptyPeers());
      },
    ),
    { numRuns: 50 },
  );
});
