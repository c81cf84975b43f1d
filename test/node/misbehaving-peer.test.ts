/**
 * Hostile peers, seen from a real node: a client that sends forged events is dropped and the
 * node's user is told (console line, /status, /api/peers); a configured peer that serves forged
 * records or broken protocol frames is paused, the user is told why, and `keruen peers trust`
 * (a real CLI process) resumes it. `keruen sync` says when the relay sent invalid records.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocketServer } from 'ws';
import type { VerifiedEvent } from '../../src/core/event.ts';
import { PeersFile, PEERS_FILE } from '../../src/node/peers-file.ts';
import type { PeerState } from '../../src/node/peer-sync.ts';
import { runCli } from '../helpers/cli.ts';
import { RawClient } from '../relay/helpers.ts';
import { idsOf, peer, people } from '../sync/helpers.ts';
import { startTestNode, type NodeUnderTest } from './helpers.ts';

const FAST = { intervalMs: 60_000, debounceMs: 100, backoffMinMs: 100, backoffMaxMs: 400, refreshMs: 100, probeMs: 200, timeoutMs: 5_000 };

async function until(what: string, cond: () => boolean | Promise<boolean>, deadlineMs = 30_000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!(await cond())) {
    if (Date.now() > end) assert.fail(`gave up waiting: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A record with someone else's valid id and a signature that does not verify. */
function forged(e: VerifiedEvent): VerifiedEvent {
  return { ...e, sig: 'ab'.repeat(64) } as VerifiedEvent;
}

async function node(lines: string[]): Promise<NodeUnderTest> {
  return startTestNode({ dataDir: mkdtempSync(join(tmpdir(), 'keruen-hostile-')), mdns: false, peerSync: FAST, log: (l) => lines.push(l) });
}

const stateOf = (n: NodeUnderTest, name: string): PeerState | undefined => n.node.peersView()?.peers.find((p) => p.name === name);

test('a client that sends 20 forged events is dropped; the console, /status and /api/peers name its address and why', async () => {
  const lines: string[] = [];
  const a = await node(lines);
  try {
    const client = await RawClient.connect(a.node.relayUrl);
    for (const e of people(20, 1_641_000_000, 'forged').map(forged)) client.send(['EVENT', e]);
    await until('the client is closed', () => client.closed !== undefined);
    assert.equal(client.closed?.code, 1008);
    const line = lines.find((l) => l.startsWith('relay: dropped a client'));
    assert.match(line ?? '', /^relay: dropped a client at 127\.0\.0\.1: sent 20 invalid events within 60 s \(last: signature of event [0-9a-f]+\.\.\. does not verify\)$/);
    const status = await (await fetch(`${a.node.httpUrl}/status`)).text();
    assert.match(status, /<h2>Clients dropped<\/h2>/);
    assert.match(status, /dropped a client at <code>127\.0\.0\.1<\/code>: sent 20 invalid events within 60 s/);
    const api = (await (await fetch(`${a.node.httpUrl}/api/peers`)).json()) as { dropped: Array<{ address: string; reason: string }> };
    assert.equal(api.dropped.length, 1);
    assert.equal(api.dropped[0]!.address, '127.0.0.1');
    assert.equal(a.store.count([{}]), 0, 'nothing forged was stored');
  } finally {
    await a.close();
  }
});

test('a configured peer that serves forged records is paused and named everywhere; keruen peers trust resumes it', async () => {
  const good = people(3, 1_641_340_800, 'good');
  const bad = people(2, 1_641_350_000, 'bad').map(forged);
  const evil = await peer([...good, ...bad]);
  const lines: string[] = [];
  const a = await node(lines);
  try {
    new PeersFile(join(a.dataDir, PEERS_FILE)).add(evil.url, 'evil');
    await until('evil is paused', () => stateOf(a, 'evil')?.misbehaving !== undefined);
    const state = stateOf(a, 'evil')!;
    assert.equal(state.misbehaving!.reasons.length, 2);
    for (const r of state.misbehaving!.reasons) assert.match(r, /^record [0-9a-f]{16} refused: .*signature/);
    assert.deepEqual(idsOf(a.store), good.map((e) => e.id).sort(), 'the valid records are kept, the forged ones refused');
    const told = lines.find((l) => l.includes('sent invalid data'));
    assert.match(told ?? '', /^peers: evil \(ws:\/\/127\.0\.0\.1:\d+\/?\) sent invalid data \(record .* refused: .*\)\. Syncing with it is paused; nothing invalid was stored\. If you trust it again: keruen peers trust evil$/);
    const api = (await (await fetch(`${a.node.httpUrl}/api/peers`)).json()) as { peers: PeerState[] };
    assert.equal(api.peers[0]!.misbehaving?.reasons.length, 2);
    const status = await (await fetch(`${a.node.httpUrl}/status`)).text();
    assert.match(status, /evil sent invalid data: syncing with it is paused/);
    assert.match(status, /paused since .*: sent invalid data \(record [0-9a-f]{16} refused: /);
    assert.match(status, /keruen peers trust evil/);

    // Paused means paused: a record arriving here (which would start a sync within 100 ms) and
    // twenty rounds of the syncer later, no sync has been tried and the peer's new record is not here.
    const syncs = state.syncs;
    const [fresh] = people(1, 1_641_400_000, 'fresh');
    evil.store.put(fresh!);
    const here = await RawClient.connect(a.node.relayUrl);
    const [local] = people(1, 1_641_400_100, 'local');
    assert.deepEqual((await here.publish(local!)).slice(0, 3), ['OK', local!.id, true]);
    here.close();
    await new Promise((r) => setTimeout(r, 20 * FAST.refreshMs));
    assert.equal(stateOf(a, 'evil')!.syncs, syncs, 'no sync while paused');
    assert.equal(a.store.get(fresh!.id), undefined);
    assert.equal(evil.store.get(local!.id), undefined);

    // The user trusts it again (a separate process writing the data folder): the node resumes.
    const trusted = await runCli(['--data', a.dataDir, 'peers', 'trust', 'evil']);
    assert.equal(trusted.code, 0, trusted.stderr);
    assert.match(trusted.stdout, /^Trusting evil again/);
    await until('the fresh record arrives once evil is trusted again', () => a.store.get(fresh!.id) !== undefined);
    assert.ok(lines.some((l) => l === `peers: evil (${stateOf(a, 'evil')!.url}) trusted again: syncing with it resumes`));
    // It still serves the forged records, so the same sync pauses it again, with a later date.
    await until('paused again', () => (stateOf(a, 'evil')?.misbehaving?.since ?? '') > state.misbehaving!.since);
    assert.ok(evil.store.get(local!.id) !== undefined, 'our record went out in the resumed sync');
  } finally {
    await a.close();
    await evil.close();
  }
});

test('a peer whose reconciliation frames are broken is paused with the reason; unknown names are refused by peers trust', async () => {
  // Speaks just enough to be a relay: 404 to HTTP (so it is not a Keruen node), garbage to a sync.
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ server });
  wss.on('connection', (ws) =>
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as unknown[];
      ws.send(JSON.stringify(m[0] === 'KRS-OPEN' ? ['KRS-DIFF', m[1], 'not a diff'] : ['NEG-MSG', m[1], 'zz']));
    }),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const lines: string[] = [];
  const a = await node(lines);
  try {
    new PeersFile(join(a.dataDir, PEERS_FILE)).add(url, 'garbled');
    await until('garbled is paused', () => stateOf(a, 'garbled')?.misbehaving !== undefined);
    assert.match(stateOf(a, 'garbled')!.misbehaving!.reasons[0]!, /sent a broken protocol frame: .*sent a KRS-DIFF whose body is not an object/);
    assert.ok(lines.some((l) => l.startsWith('peers: garbled') && l.includes('Syncing with it is paused')));
    const unknown = await runCli(['--data', a.dataDir, 'peers', 'trust', 'nobody']);
    assert.equal(unknown.code, 4);
    assert.match(unknown.stderr, /peer "nobody"/);
  } finally {
    await a.close();
    wss.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

test('keruen sync says the relay sent invalid records, and exits 3', async () => {
  const good = people(2, 1_641_340_800, 'good');
  const evil = await peer([...good, forged(people(1, 1_641_350_000, 'bad')[0]!)]);
  const data = mkdtempSync(join(tmpdir(), 'keruen-sync-hostile-'));
  try {
    const r = await runCli(['--data', data, 'sync', evil.url]);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stderr, /refused \(received\) [0-9a-f]+.*signature/);
    assert.match(r.stderr, new RegExp(`${evil.url.replace(/[/.]/g, '\\$&')}/? sent 1 invalid record \\(refused above; none of them stored\\): it is broken or hostile`));
  } finally {
    await evil.close();
  }
});
