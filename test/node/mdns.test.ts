/**
 * LAN discovery and the proofs behind it, with real nodes: two nodes on this machine find each
 * other over real mDNS (multicast on the machine's LAN address) and sync only once each accepted
 * the other's key; a forged TXT key fails the challenge; NIP-98 on the relay upgrade is checked
 * strictly (real relay, real WebSocket upgrades); the header parser under hostile input.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Bonjour } from 'bonjour-service';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import type WebSocket from 'ws';
import { isKeruenError, KeruenError } from '../../src/core/errors.ts';
import { nowSeconds, signEvent } from '../../src/core/event.ts';
import { asPublicKey, type PublicKey } from '../../src/core/ids.ts';
import {
  checkUpgradeAuth,
  HTTP_AUTH_KIND,
  loadOrCreateNodeKey,
  NODE_PROOF_PATH,
  npubOf,
  parseAuthHeader,
  proveRemoteNode,
  upgradeAuthHeader,
} from '../../src/node/node-key.ts';
import { PeersFile, PEERS_FILE } from '../../src/node/peers-file.ts';
import { SERVICE_TYPE } from '../../src/node/mdns.ts';
import { people, idsOf } from '../sync/helpers.ts';
import { openRelay, request, startTestNode, type NodeUnderTest } from './helpers.ts';

const FAST = { intervalMs: 60_000, debounceMs: 100, backoffMinMs: 200, backoffMaxMs: 500, refreshMs: 100, probeMs: 200, timeoutMs: 5_000 };

async function until(what: string, cond: () => boolean, deadlineMs = 30_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!cond()) {
    if (Date.now() > end) assert.fail(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The first IPv4 address of this machine that is not loopback: where LAN nodes listen. */
function lanAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) for (const a of list ?? []) if (!a.internal && a.family === 'IPv4') return a.address;
  return undefined;
}

/** Whether a service published here is heard here, within a few seconds. */
async function multicastWorks(): Promise<boolean> {
  const a = new Bonjour({}, () => undefined);
  const b = new Bonjour({}, () => undefined);
  const name = `keruen-probe-${process.pid}`;
  try {
    a.publish({ name, type: 'keruen-probe', port: 9, probe: false });
    return await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 4000);
      b.find({ type: 'keruen-probe' }, (s) => {
        if (s.name === name) {
          clearTimeout(timer);
          resolve(true);
        }
      });
    });
  } finally {
    await new Promise<void>((r) => a.unpublishAll(() => r()));
    a.destroy();
    b.destroy();
  }
}

let lanReady: Promise<string | undefined> | undefined;
/** The LAN address to use, or the reason mDNS tests cannot run here (said in the skip). */
async function lanOrSkip(t: TestContext): Promise<string | undefined> {
  lanReady ??= (async () => {
    const lan = lanAddress();
    if (lan === undefined) return undefined;
    return (await multicastWorks()) ? lan : undefined;
  })();
  const lan = await lanReady;
  if (lan === undefined) t.skip('multicast (mDNS) does not work in this sandbox, or the machine has no LAN address: discovery over the network is not tested here; the accept/refuse logic, NIP-98 and the challenge are tested below without it');
  return lan;
}

interface LanNode extends NodeUnderTest {
  log: string[];
  peers: PeersFile;
}

async function lanNode(host: string, events: ReturnType<typeof people>): Promise<LanNode> {
  const log: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'keruen-lan-'));
  const n = await startTestNode({ dataDir, host, mdns: true, peerSync: FAST, log: (l) => log.push(l) });
  n.store.putMany(events);
  return { ...n, log, peers: new PeersFile(join(dataDir, PEERS_FILE)) };
}

const lanKeys = (n: NodeUnderTest) => (n.node.peersView()?.lan ?? []).map((x) => x.pubkey);

test('two nodes find each other over mDNS, sync only after both accepted the other\'s key', async (t) => {
  const host = await lanOrSkip(t);
  if (host === undefined) return;
  const a = await lanNode(host, people(6, 1_641_340_800, 'lan-a'));
  const b = await lanNode(host, people(4, 1_641_300_000, 'lan-b'));
  try {
    const ka = a.node.nodeKey!.pubkey;
    const kb = b.node.nodeKey!.pubkey;
    await until('a hears b and b hears a', () => lanKeys(a).includes(kb) && lanKeys(b).includes(ka));
    const seen = a.node.peersView()!.lan.find((x) => x.pubkey === kb)!;
    assert.equal(seen.accepted, false);
    assert.equal(seen.url, `ws://${host}:${new URL(b.node.httpUrl).port}`);
    assert.ok(a.log.some((l) => l.includes(`found node ${npubOf(kb)}`) && l.includes('not accepted') && l.includes(`keruen peers accept ${npubOf(kb)}`)), a.log.join('\n'));
    // Not accepted: listed, never a sync target.
    assert.deepEqual(a.node.peerSyncer!.states(), []);
    assert.equal(idsOf(a.store).length, 6);

    // a accepts b, b does not accept a yet: b's relay refuses a's connection.
    a.peers.accept(kb, 'b');
    await until('a tried b and was refused', () => (a.node.peerSyncer!.states()[0]?.failures ?? 0) >= 1);
    assert.match(a.node.peerSyncer!.states()[0]!.lastError ?? '', /401/);
    assert.ok(b.log.some((l) => /refused a node's connection.*not accepted here/.test(l)), b.log.join('\n'));
    assert.equal(idsOf(b.store).length, 4, 'nothing reached b');
    assert.equal(idsOf(a.store).length, 6, 'nothing reached a');

    b.peers.accept(ka, 'a');
    await until('a and b converge', () => idsOf(a.store).length === 10 && JSON.stringify(idsOf(a.store)) === JSON.stringify(idsOf(b.store)));
    const state = a.node.peerSyncer!.states()[0]!;
    assert.equal(state.source, 'lan');
    assert.equal(state.key, kb);

    // Forgetting b stops the syncs with it.
    a.peers.forget(kb);
    await until('b is no longer a sync target of a', () => a.node.peerSyncer!.states().length === 0);
  } finally {
    await a.close();
    await b.close();
  }
});

test('a TXT record that claims an accepted key for another node fails the challenge: no sync', async (t) => {
  const host = await lanOrSkip(t);
  if (host === undefined) return;
  const a = await lanNode(host, people(3, 1_641_340_800, 'forge-a'));
  const b = await lanNode(host, people(2, 1_641_300_000, 'forge-b'));
  // The key of a node a trusts, announced by an impostor pointing at b's relay.
  const trusted = asPublicKey(getPublicKey(generateSecretKey()));
  a.peers.accept(trusted, 'trusted');
  b.peers.accept(a.node.nodeKey!.pubkey);
  const forger = new Bonjour({}, () => undefined);
  const port = Number(new URL(b.node.httpUrl).port);
  forger.publish({ name: `keruen-forged-${process.pid}`, type: SERVICE_TYPE, port, probe: false, txt: { v: '1', pk: trusted, port: String(port) } });
  try {
    await until('a tried the forged node', () => (a.node.peerSyncer!.states().find((s) => s.key === trusted)?.failures ?? 0) >= 1);
    const s = a.node.peerSyncer!.states().find((x) => x.key === trusted)!;
    assert.match(s.lastError ?? '', /key mismatch: expected node npub1\S+, but the node at this address holds npub1\S+; sync with ws:\/\/\S+ aborted/);
    assert.equal(s.lastSuccess, undefined);
    assert.ok(a.log.some((l) => l.includes('key mismatch')), a.log.join('\n'));
    assert.equal(idsOf(a.store).length, 3);
    assert.equal(idsOf(b.store).length, 2);
  } finally {
    await new Promise<void>((r) => forger.unpublishAll(() => r()));
    forger.destroy();
    await a.close();
    await b.close();
  }
});

/** A NIP-98 header with any fields we choose (for the refusals). */
function header(sk: Uint8Array, over: { kind?: number; created_at?: number; tags: string[][] }): string {
  const e = signEvent({ kind: over.kind ?? HTTP_AUTH_KIND, created_at: over.created_at ?? nowSeconds(), tags: over.tags, content: '' }, sk);
  return `Nostr ${Buffer.from(JSON.stringify(e)).toString('base64')}`;
}

async function pairingNode(events = people(3, 1_641_340_800, 'srv')): Promise<NodeUnderTest & { peers: PeersFile }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'keruen-nip98-'));
  const n = await startTestNode({ dataDir, pairing: true, mdns: false, peerSync: FAST, log: () => undefined });
  n.store.putMany(events);
  return { ...n, peers: new PeersFile(join(dataDir, PEERS_FILE)) };
}

test('the relay of a paired node lets in an accepted node\'s NIP-98 upgrade, and refuses every other', async () => {
  const srv = await pairingNode();
  try {
    const sk = generateSecretKey();
    const pk = getPublicKey(sk);
    srv.peers.accept(asPublicKey(pk));
    const url = srv.node.relayUrl;
    const u = new URL(url).href;
    const own = srv.node.nodeKey!.pubkey;
    const good = { tags: [['u', u], ['method', 'GET'], ['p', own]] };
    const opened = await openRelay(url, { authorization: header(sk, good) });
    assert.notEqual(typeof opened, 'number', 'a valid header from an accepted key opens the relay');
    (opened as WebSocket).close();

    const stranger = generateSecretKey();
    const otherPort = `ws://127.0.0.1:${Number(new URL(url).port) + 1}/`;
    const refusals: Array<[string, Record<string, string>]> = [
      ['no header', {}],
      ['a key not accepted', { authorization: header(stranger, good) }],
      ['another URL', { authorization: header(sk, { tags: [['u', otherPort], ['method', 'GET'], ['p', own]] }) }],
      ['method POST', { authorization: header(sk, { tags: [['u', u], ['method', 'POST'], ['p', own]] }) }],
      ['signed 2 minutes ago', { authorization: header(sk, { ...good, created_at: nowSeconds() - 120 }) }],
      ['signed 2 minutes ahead', { authorization: header(sk, { ...good, created_at: nowSeconds() + 120 }) }],
      ['kind 1', { authorization: header(sk, { ...good, kind: 1 }) }],
      ['no p tag', { authorization: header(sk, { tags: [['u', u], ['method', 'GET']] }) }],
      ['p naming another node', { authorization: header(sk, { tags: [['u', u], ['method', 'GET'], ['p', pk]] }) }],
      ['a broken signature', { authorization: header(sk, good).replace(/.{8}$/, 'AAAAAAA=') }],
      ['not base64 JSON', { authorization: 'Nostr bm90IGpzb24=' }],
    ];
    for (const [why, headers] of refusals) assert.equal(await openRelay(url, headers), 401, why);

    // Forgetting the key closes the door again (peers.json is read at each upgrade).
    srv.peers.forget(asPublicKey(pk));
    assert.equal(await openRelay(url, { authorization: header(sk, good) }), 401, 'forgotten key');
  } finally {
    await srv.close();
  }
});

test('configured peer of a paired node: syncs once the node accepts our key; a pinned key that does not match aborts', async () => {
  const srv = await pairingNode(people(4, 1_641_000_000, 'srv'));
  const dataDir = mkdtempSync(join(tmpdir(), 'keruen-client-'));
  const client = await startTestNode({ dataDir, mdns: false, peerSync: FAST, log: () => undefined });
  client.store.putMany(people(2, 1_641_500_000, 'cli'));
  try {
    const proof = await request(`${srv.node.httpUrl}${NODE_PROOF_PATH}?challenge=zz`);
    assert.equal(proof.status, 400, 'a challenge that is not hex is refused');
    assert.equal(await proveRemoteNode(srv.node.relayUrl, srv.node.nodeKey!.pubkey), srv.node.nodeKey!.pubkey);
    const wrong = asPublicKey(getPublicKey(generateSecretKey()));
    await assert.rejects(proveRemoteNode(srv.node.relayUrl, wrong), (e: unknown) => isKeruenError(e) && e.code === 'blocked' && /key mismatch/.test(e.message));

    const peers = new PeersFile(join(dataDir, PEERS_FILE));
    peers.add(srv.node.relayUrl, 'srv');
    await until('the client was refused', () => (client.node.peerSyncer!.states()[0]?.failures ?? 0) >= 1);
    assert.match(client.node.peerSyncer!.states()[0]!.lastError ?? '', /401/);
    new PeersFile(join(srv.dataDir, PEERS_FILE)).accept(client.node.nodeKey!.pubkey);
    await until('client and paired node converge', () => idsOf(srv.store).length === 6 && JSON.stringify(idsOf(srv.store)) === JSON.stringify(idsOf(client.store)));

    // Re-pinned to a key the node does not hold: every sync is aborted before the relay is opened.
    peers.remove('srv');
    peers.add(srv.node.relayUrl, 'srv-pinned', wrong);
    await until('the pinned peer failed', () => (client.node.peerSyncer!.states().find((s) => s.name === 'srv-pinned')?.failures ?? 0) >= 1);
    assert.match(client.node.peerSyncer!.states().find((s) => s.name === 'srv-pinned')!.lastError ?? '', /key mismatch.*aborted/);
  } finally {
    await client.close();
    await srv.close();
  }
});

test('NIP-98 header parser and checks: hostile input is refused with a clear coded error, never accepted, never a crash', () => {
  const sk = generateSecretKey();
  const own = asPublicKey(getPublicKey(generateSecretKey()));
  const pk = getPublicKey(sk);
  const url = 'ws://192.168.1.20:7777/';
  const check = { urls: [url], ownKey: own, isAccepted: (k: PublicKey) => k === pk };
  const valid = signEvent({ kind: HTTP_AUTH_KIND, created_at: nowSeconds(), tags: [['u', url], ['method', 'GET'], ['p', own]], content: '' }, sk);
  const encode = (v: unknown) => `Nostr ${Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64')}`;
  assert.equal(checkUpgradeAuth(encode(valid), check), pk, 'the valid header passes');

  const refusedClearly = (h: string | undefined) => {
    try {
      checkUpgradeAuth(h, check);
      return false;
    } catch (e) {
      return e instanceof KeruenError && (e.code === 'unauthorized' || e.code === 'blocked') && e.message.length > 0;
    }
  };
  const field = fc.constantFrom('id', 'pubkey', 'created_at', 'kind', 'tags', 'content', 'sig');
  const headers = fc.oneof(
    fc.string({ maxLength: 5000 }),
    fc.string().map((s) => `Nostr ${s}`),
    fc.json().map(encode),
    fc.base64String({ maxLength: 2000 }).map((s) => `Nostr ${s}`),
    // The valid event with one field replaced by anything.
    fc.tuple(field, fc.jsonValue()).map(([k, v]) => encode({ ...valid, [k]: v })),
    // The valid header cut short.
    fc.nat(encode(valid).length - 1).map((n) => encode(valid).slice(0, n)),
  );
  fc.assert(
    fc.property(headers, (h) => {
      // Only the valid event itself may pass (its base64 with or without padding).
      if (/^Nostr /.test(h) && Buffer.from(h.slice(6), 'base64').toString('utf8') === JSON.stringify(valid)) return;
      assert.ok(refusedClearly(h), `not refused clearly: ${h.slice(0, 120)}`);
    }),
    { numRuns: 3000 },
  );
  assert.ok(refusedClearly(undefined));
  // parseAuthHeader alone: a signed event of any kind parses; the checks come after.
  assert.equal(parseAuthHeader(encode(valid)).id, valid.id);
});

test('our own header passes our own check, for the URL we sign', () => {
  const key = loadOrCreateNodeKey(mkdtempSync(join(tmpdir(), 'keruen-key-')));
  const server = asPublicKey(getPublicKey(generateSecretKey()));
  const h = upgradeAuthHeader(key, 'ws://10.1.2.3:7777', server);
  assert.equal(checkUpgradeAuth(h, { urls: ['ws://10.1.2.3:7777/'], ownKey: server, isAccepted: (k) => k === key.pubkey }), key.pubkey);
  assert.throws(() => checkUpgradeAuth(h, { urls: ['ws://10.1.2.3:7777/'], ownKey: key.pubkey, isAccepted: () => true }), /p tag/);
});
