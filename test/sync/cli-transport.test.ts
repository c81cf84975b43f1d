/**
 * `keruen sync` through proxies, over the HTTP binding and across cut links, as a user runs
 * it: a real node process (`keruen start`), real proxies and a cutting TCP relay in this
 * process, and the CLI spawned against data folders.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createProxy } from 'proxy';
import { createServer as createSocksServer } from '@pondwader/socks5-server';
import type { VerifiedEvent } from '../../src/core/event.ts';
import { KERUEN_BIN, runCli, tempDataDir } from '../helpers/cli.ts';
import { cutRelay } from './cut-relay.ts';
import { people } from './helpers.ts';

async function seed(data: string, events: VerifiedEvent[]): Promise<void> {
  const file = join(data, 'seed.jsonl');
  writeFileSync(file, events.map((e) => JSON.stringify(e)).join('\n'));
  const r = await runCli(['--data', data, 'import', file]);
  assert.equal(r.code, 0, r.stderr);
}

async function startNode(data: string): Promise<{ url: string; port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, [KERUEN_BIN, '--data', data, 'start', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  while (!/relay: (ws:\S+)/.test(out)) {
    if (child.exitCode !== null) assert.fail('node exited');
    await once(child.stdout!, 'data');
  }
  const url = /relay: (ws:\S+)/.exec(out)![1]!;
  return { url, port: Number(new URL(url).port), child };
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

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

test('keruen sync through SOCKS5, through an HTTP proxy over the POST binding, and resuming after a cut', async () => {
  const nodeData = tempDataDir('keruen-transport-node-');
  await seed(nodeData, people(30, 1_645_000_000, 'node'));
  const node = await startNode(nodeData);

  const socks = createSocksServer();
  const opened: string[] = [];
  socks.setRulesetValidator((c) => {
    opened.push(`${c.destAddress}:${c.destPort}`);
    return true;
  });
  const socksSockets = new Set<net.Socket>();
  const socksTcp = net.createServer((s) => {
    socksSockets.add(s);
    s.on('close', () => socksSockets.delete(s));
    socks._handleConnection(s);
  });
  await new Promise<void>((resolve) => socksTcp.listen(0, '127.0.0.1', resolve));
  const socksUrl = `socks5h://127.0.0.1:${(socksTcp.address() as AddressInfo).port}`;

  const forward = createProxy(http.createServer());
  let forwarded = 0;
  forward.on('request', () => forwarded++);
  await new Promise<void>((resolve) => forward.listen(0, '127.0.0.1', resolve));
  const forwardUrl = `http://127.0.0.1:${(forward.address() as AddressInfo).port}`;
  const cutter = await cutRelay(node.port, [3000]);

  try {
    // SOCKS (as Tor): the proxy opens the one connection, and the folders converge.
    const a = tempDataDir('keruen-transport-a-');
    await seed(a, people(12, 1_645_100_000, 'a'));
    const viaSocks = await runCli(['--data', a, 'sync', node.url, '--proxy', socksUrl]);
    assert.equal(viaSocks.code, 0, viaSocks.stderr);
    assert.match(viaSocks.stderr, /Through proxy socks5h:\/\/127\.0\.0\.1:\d+\n/);
    assert.match(viaSocks.stdout, /it lacked 12, we lacked 30/);
    assert.deepEqual(opened, [`127.0.0.1:${node.port}`]);
    assert.deepEqual(await idsIn(a), await idsIn(nodeData));

    // Only plain HTTP passes: http:// picks the POST binding, the proxy forwards each request.
    const b = tempDataDir('keruen-transport-b-');
    await seed(b, people(8, 1_645_200_000, 'b'));
    const viaHttp = await runCli(['--data', b, 'sync', `http://127.0.0.1:${node.port}`, '--proxy', forwardUrl]);
    assert.equal(viaHttp.code, 0, viaHttp.stderr);
    assert.match(viaHttp.stdout, /it lacked 8, we lacked 42/);
    assert.ok(forwarded >= 3, `${forwarded} requests forwarded`);
    assert.deepEqual(await idsIn(b), await idsIn(nodeData));

    // A link cut after 3,000 bytes: the CLI says so, resumes, and converges.
    const c = tempDataDir('keruen-transport-c-');
    await seed(c, people(60, 1_645_300_000, 'c'));
    const resumed = await runCli(['--data', c, 'sync', `ws://127.0.0.1:${cutter.port}`, '--retry', '3']);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stderr, /Link cut \(attempt 1\): .*Resuming in 1 s\./);
    assert.match(resumed.stderr, /Resuming \(attempt 2\)/);
    assert.match(resumed.stdout, /Resumed after 1 cut: 2 attempts/);
    assert.equal(cutter.cuts, 1);
    assert.deepEqual(await idsIn(c), await idsIn(nodeData));
    assert.equal((await idsIn(c)).length, 110);

    // The environment's proxy is used and said; --no-proxy goes direct; a bad proxy is a usage error.
    const dead = `socks5h://127.0.0.1:${await freePort()}`;
    const fromEnv = await runCli(['--data', c, 'sync', node.url], { env: { ALL_PROXY: dead, KERUEN_PROXY: '' } });
    assert.equal(fromEnv.code, 6, fromEnv.stderr);
    assert.match(fromEnv.stderr, /Through proxy socks5h:\/\/127\.0\.0\.1:\d+ \(from the environment\)/);
    assert.match(fromEnv.stderr, /is unreachable: ECONNREFUSED/);
    const direct = await runCli(['--data', c, 'sync', node.url, '--no-proxy'], { env: { ALL_PROXY: dead } });
    assert.equal(direct.code, 0, direct.stderr);
    assert.doesNotMatch(direct.stderr, /Through proxy/);
    const bad = await runCli(['--data', c, 'sync', node.url, '--proxy', 'ftp://127.0.0.1:21']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /not supported: use socks5/);
    const badRetry = await runCli(['--data', c, 'sync', node.url, '--retry', 'many']);
    assert.equal(badRetry.code, 2);
  } finally {
    await cutter.close();
    forward.closeAllConnections();
    await new Promise<void>((resolve) => forward.close(() => resolve()));
    for (const s of socksSockets) s.destroy();
    await new Promise<void>((resolve) => socksTcp.close(() => resolve()));
    node.child.kill('SIGTERM');
    await once(node.child, 'close');
  }
});
