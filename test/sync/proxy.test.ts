/**
 * Sync through real proxies on loopback: a SOCKS5 server (@pondwader/socks5-server, as Tor's
 * SOCKS port would be) and an HTTP CONNECT proxy (package `proxy`). Each test counts what the
 * proxy carried, so a sync that went direct would fail it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { createProxy, type ProxyServer } from 'proxy';
import { createServer as createSocksServer } from '@pondwader/socks5-server';
import { KeruenError } from '../../src/core/errors.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import { syncWith } from '../../src/sync/client.ts';
import { openLink } from '../../src/sync/link.ts';
import { parseProxyUrl, proxyFromEnv } from '../../src/sync/proxy.ts';
import { idsOf, peer, people } from './helpers.ts';

interface Socks {
  url: string;
  /** Connections the proxy was asked to open, as host:port. */
  opened: string[];
  tcpConnections: number;
  refuse: boolean;
  close(): Promise<void>;
}

async function socksProxy(): Promise<Socks> {
  const server = createSocksServer();
  const s: Socks = { url: '', opened: [], tcpConnections: 0, refuse: false, close: async () => undefined };
  server.setRulesetValidator((conn) => {
    s.opened.push(`${conn.destAddress}:${conn.destPort}`);
    return !s.refuse;
  });
  // Our own listener hands each TCP connection to the SOCKS server (its documented way to take
  // a stream), so the test knows the port and counts connections at the TCP level too.
  const sockets = new Set<net.Socket>();
  const tcp = net.createServer((socket) => {
    s.tcpConnections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    server._handleConnection(socket);
  });
  await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
  s.url = `socks5://127.0.0.1:${(tcp.address() as AddressInfo).port}`;
  s.close = () => {
    for (const socket of sockets) socket.destroy();
    return new Promise<void>((resolve) => tcp.close(() => resolve()));
  };
  return s;
}

async function connectProxy(): Promise<{ server: ProxyServer; url: string; tunnels: string[] }> {
  const server = createProxy(http.createServer());
  const tunnels: string[] = [];
  server.on('connect', (req: http.IncomingMessage) => tunnels.push(req.url ?? ''));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, tunnels };
}

async function closeHttp(server: http.Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

function stores() {
  const a = new MemoryStore();
  a.putMany(people(30, 1_643_000_000, 'A'));
  return { a, onlyB: people(45, 1_643_100_000, 'B') };
}

test('through SOCKS5: ws:// and the HTTP binding, the proxy opens every connection; socks5h lets the proxy resolve names', async () => {
  const socks = await socksProxy();
  const { a, onlyB } = stores();
  const b = await peer(onlyB);
  const port = new URL(b.url).port;
  try {
    const r = await syncWith(a, b.url, { workers: 1, proxy: socks.url });
    assert.equal(r.pushed.accepted, 30);
    assert.equal(r.pulled.stored, 45);
    assert.deepEqual(idsOf(a), idsOf(b.store));
    assert.deepEqual(socks.opened, [`127.0.0.1:${port}`]);
    assert.equal(socks.tcpConnections, 1);

    const [late] = people(1, 1_643_200_000, 'late');
    b.store.put(late!);
    const viaHttp = await syncWith(a, b.relay.httpUrl, { workers: 1, proxy: socks.url });
    assert.equal(viaHttp.pulled.stored, 1);
    assert.ok(socks.opened.length >= 2, 'the POST binding went through the proxy too');

    // socks5h: the name travels to the proxy, which resolves it (no DNS lookup on our side).
    const before = socks.opened.length;
    const viaName = await syncWith(a, `ws://localhost:${port}`, { workers: 1, proxy: socks.url.replace('socks5:', 'socks5h:') });
    assert.equal(viaName.have + viaName.need, 0);
    assert.deepEqual(socks.opened.slice(before), [`localhost:${port}`]);
  } finally {
    await b.close();
    await socks.close();
  }
});

test('through an HTTP CONNECT proxy: the WebSocket rides a tunnel and both stores converge', async () => {
  const p = await connectProxy();
  const { a, onlyB } = stores();
  const b = await peer(onlyB);
  try {
    const r = await syncWith(a, b.url, { workers: 1, proxy: p.url });
    assert.equal(r.pushed.accepted, 30);
    assert.equal(r.pulled.stored, 45);
    assert.deepEqual(idsOf(a), idsOf(b.store));
    assert.deepEqual(p.tunnels, [new URL(b.url).host]);
  } finally {
    await closeHttp(p.server);
    await b.close();
  }
});

test('clear errors: proxy unreachable, proxy refusing, proxy wanting a password, bad proxy URL', async () => {
  const b = await peer([]);
  const socks = await socksProxy();
  const p = await connectProxy();
  const closed = net.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const deadPort = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const fails = (code: string, pattern: RegExp) => (e: unknown) => {
    assert.ok(e instanceof KeruenError, String(e));
    assert.equal(e.code, code, e.message);
    assert.match(e.message, pattern);
    return true;
  };
  try {
    await assert.rejects(openLink(b.url, { proxy: `socks5://127.0.0.1:${deadPort}` }), fails('io', /proxy socks5:\/\/127\.0\.0\.1:\d+ is unreachable: ECONNREFUSED.*Tor/));
    await assert.rejects(openLink(b.url, { proxy: `http://127.0.0.1:${deadPort}` }), fails('io', /is unreachable: ECONNREFUSED/));
    await assert.rejects(openLink(b.relay.httpUrl, { proxy: `http://127.0.0.1:${deadPort}` }), fails('io', /is unreachable: ECONNREFUSED/));
    socks.refuse = true;
    await assert.rejects(openLink(b.url, { proxy: socks.url }), fails('io', /proxy socks5:\/\/127\.0\.0\.1:\d+ refused to connect to ws:/));
    await assert.rejects(openLink(b.relay.httpUrl, { proxy: socks.url }), fails('io', /refused to connect to http:/));
    p.server.authenticate = () => false;
    await assert.rejects(openLink(b.url, { proxy: p.url }), fails('unauthorized', /wants a user name and password/));
    await assert.rejects(openLink(b.url, { proxy: 'ftp://127.0.0.1:21' }), fails('usage', /not supported: use socks5/));
    await assert.rejects(openLink(b.url, { proxy: 'socks5://127.0.0.1' }), fails('usage', /has no port/));
    await assert.rejects(openLink(b.url, { proxy: 'tor please' }), fails('usage', /is not a URL/));
  } finally {
    await closeHttp(p.server);
    await socks.close();
    await b.close();
  }
});

test('parseProxyUrl takes any text: a proxy spec or a usage error, never a crash', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.constantFrom('socks5h://u:p@127.0.0.1:9050', 'http://[::1]:3128', 'socks4://h:1/x')), (text) => {
      try {
        const spec = parseProxyUrl(text);
        assert.ok(spec.kind === 'socks' || spec.kind === 'http');
        assert.ok(!spec.display.includes('@'), 'no password in what we print');
      } catch (e) {
        assert.ok(e instanceof KeruenError && e.code === 'usage', String(e));
      }
    }),
    { numRuns: 500 },
  );
  assert.equal(parseProxyUrl('socks5h://user:secret@127.0.0.1:9050').display, 'socks5h://127.0.0.1:9050');
});

test('proxy from the environment: KERUEN_PROXY, then ALL_PROXY; "none" turns it off', () => {
  assert.equal(proxyFromEnv({}), undefined);
  assert.equal(proxyFromEnv({ ALL_PROXY: 'socks5h://127.0.0.1:9050' }), 'socks5h://127.0.0.1:9050');
  assert.equal(proxyFromEnv({ all_proxy: 'socks5h://127.0.0.1:9150' }), 'socks5h://127.0.0.1:9150');
  assert.equal(proxyFromEnv({ KERUEN_PROXY: 'http://p:3128', ALL_PROXY: 'socks5h://127.0.0.1:9050' }), 'http://p:3128');
  assert.equal(proxyFromEnv({ KERUEN_PROXY: 'none', ALL_PROXY: 'socks5h://127.0.0.1:9050' }), undefined);
  assert.equal(proxyFromEnv({ KERUEN_PROXY: ' ', ALL_PROXY: 'socks5h://127.0.0.1:9050' }), 'socks5h://127.0.0.1:9050');
});
