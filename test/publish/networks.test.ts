/**
 * Publishing to the existing networks, against real parts on loopback: our relay (test/sync
 * helpers' `peer`) and a real node (relay and Blossom), with nostr-tools as the reading client.
 * A relay that refuses records names them; a Blossom server that holds a blob is not sent it again
 * (seen at an HTTP proxy every request passes); a hostile Blossom server gets a clear refusal.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import WebSocket from 'ws';
import { createProxy } from 'proxy';
import { SimplePool, useWebSocketImplementation } from 'nostr-tools/pool';
import { verifyEvent } from 'nostr-tools/pure';
import { generateSecretKey } from 'nostr-tools/pure';
import { KeruenError } from '../../src/core/errors.ts';
import { signEvent, verifyWireEvent, type VerifiedEvent } from '../../src/core/event.ts';
import { Kind } from '../../src/core/kinds.ts';
import { BlobStore, sha256Hex } from '../../src/node/blobs.ts';
import { SAMPLE_ARCHIVE } from '../../src/node/sample.ts';
import { deriveFolderKeys } from '../../src/node/lock.ts';
import { randomBytes } from 'node:crypto';
import { makeAccept } from '../../src/relay/accept.ts';
import { networkReportLines, offersNip77In, publishToNetworks, type PublishProgress } from '../../src/publish/networks.ts';
import { startTestNode, type NodeUnderTest } from '../node/helpers.ts';
import { runCli, tempDataDir } from '../helpers/cli.ts';
import { peer, people, type Peer } from '../sync/helpers.ts';

// Node 20 has no global WebSocket; nostr-tools takes one per module, set here for tests only.
useWebSocketImplementation(WebSocket);

const archive: VerifiedEvent[] = readFileSync(SAMPLE_ARCHIVE, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => verifyWireEvent(JSON.parse(l)));
const SOURCES = join(SAMPLE_ARCHIVE, '..', 'sources');
/** The sample's media: its source texts, which its two descriptors name. */
const sourceFiles = readdirSync(SOURCES).map((f) => readFileSync(join(SOURCES, f)));
const described = new Set(archive.filter((e) => e.kind === Kind.MediaDescriptor).map((e) => e.tags.find((t) => t[0] === 'x')![1]!));
const media = sourceFiles.filter((b) => described.has(sha256Hex(b)));

function blobStore(): BlobStore {
  return new BlobStore(mkdtempSync(join(tmpdir(), 'keruen-pub-blobs-')));
}

/** An HTTP proxy (CONNECT and plain forwarding) that notes every request through it. */
async function watchingProxy() {
  const server = createProxy(http.createServer());
  const seen: string[] = [];
  server.on('request', (req: http.IncomingMessage) => seen.push(`${req.method} ${new URL(req.url ?? '/').pathname}`));
  server.on('connect', (req: http.IncomingMessage) => seen.push(`CONNECT ${req.url}`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readAll(urls: string[], ids: string[]): Promise<Map<string, VerifiedEvent>> {
  const pool = new SimplePool();
  try {
    const got = new Map<string, VerifiedEvent>();
    for (const url of urls) {
      for (let i = 0; i < ids.length; i += 100) {
        for (const e of await pool.querySync([url], { ids: ids.slice(i, i + 100) })) got.set(`${url} ${e.id}`, e as VerifiedEvent);
      }
    }
    return got;
  } finally {
    pool.destroy();
  }
}

void describe('publishing the sample archive to our relay and a node', () => {
  let relay: Peer;
  let node: NodeUnderTest;
  before(async () => {
    relay = await peer();
    node = await startTestNode();
  });
  after(async () => {
    await relay.close();
    await node.close();
  });

  void test('every record on both relays, read and verified by nostr-tools; media on the node\'s Blossom; again: all duplicates, nothing re-sent', async () => {
    assert.equal(media.length, 2, 'the sample names two blobs');
    const blobs = blobStore();
    for (const b of media) await blobs.put(b);
    // The node holds one of the two already: it must be asked about, not sent.
    const held = media[0]!;
    const sent = media[1]!;
    await node.node.blobs!.put(held);
    const proxy = await watchingProxy();
    const progress: PublishProgress[] = [];
    const secretKey = generateSecretKey();
    try {
      const report = await publishToNetworks(archive, { relays: [relay.url, node.node.relayUrl], blossom: [node.node.httpUrl], blobs, secretKey, proxy: proxy.url, onProgress: (p) => progress.push(p) });
      assert.equal(report.records, archive.length);
      assert.equal(report.withheld, 0);
      assert.equal(report.media, 2);
      assert.deepEqual(report.mediaMissing, []);
      for (const r of report.relays) {
        assert.equal(r.error, undefined, `${r.url}: ${r.error}`);
        assert.equal(r.accepted, archive.length, r.url);
        assert.equal(r.duplicate, 0);
        assert.deepEqual(r.refused, []);
        assert.ok(r.bytesSent > archive.reduce((n, e) => n + e.content.length, 0) / 4, 'bytes on the wire counted');
      }
      assert.deepEqual(report.blossom, [{ url: node.node.httpUrl, accepted: 1, duplicate: 1, refused: [], bytes: sent.length }]);

      // Through the proxy: both relays by CONNECT, each asked for its NIP-11 document (GET /);
      // HEAD for both blobs, one PUT, for the one the node lacked.
      const port = (u: string) => new URL(u).port;
      assert.ok(proxy.seen.includes(`CONNECT 127.0.0.1:${port(relay.url)}`) && proxy.seen.includes(`CONNECT 127.0.0.1:${port(node.node.relayUrl)}`), proxy.seen.join(', '));
      assert.deepEqual(proxy.seen.filter((s) => !s.startsWith('CONNECT')).sort(), ['GET /', 'GET /', `HEAD /${sha256Hex(held)}`, `HEAD /${sha256Hex(sent)}`, 'PUT /upload'].sort());

      // Progress: records then media, each reaching its total.
      const records = progress.filter((p) => p.phase === 'records');
      const mediaP = progress.filter((p) => p.phase === 'media');
      assert.equal(records.at(-1)!.done, archive.length * 2);
      assert.equal(records.at(-1)!.total, archive.length * 2);
      assert.equal(mediaP.at(-1)!.done, mediaP.at(-1)!.total);
      assert.ok(progress.indexOf(mediaP[0]!) > progress.indexOf(records.at(-1)!), 'media after records');

      // nostr-tools reads every record back from both relays, and each verifies.
      const ids = archive.map((e) => e.id);
      const got = await readAll([relay.url, node.node.relayUrl], ids);
      assert.equal(got.size, ids.length * 2);
      for (const e of got.values()) assert.ok(verifyEvent({ ...e }), `${e.id} does not verify`);
      const fields = (e: VerifiedEvent) => JSON.stringify([e.id, e.pubkey, e.created_at, e.kind, e.tags, e.content, e.sig]);
      for (const e of archive) assert.equal(fields(got.get(`${relay.url} ${e.id}`)!), fields(e));

      // The node serves the blob it was sent, byte for byte.
      const res = await fetch(`${node.node.httpUrl}/${sha256Hex(sent)}`);
      assert.equal(res.status, 200);
      assert.equal(sha256Hex(Buffer.from(await res.arrayBuffer())), sha256Hex(sent));

      // Published again: every record a duplicate, every blob held, no upload.
      proxy.seen.length = 0;
      const again = await publishToNetworks(archive, { relays: [relay.url], blossom: [node.node.httpUrl], blobs, secretKey, proxy: proxy.url });
      assert.equal(again.relays[0]!.accepted, archive.length);
      assert.equal(again.relays[0]!.duplicate, archive.length);
      // Asked first (NIP-77), so no record went again: a fraction of the first publish's bytes.
      assert.equal(again.relays[0]!.reconciled, true);
      assert.ok(again.relays[0]!.bytesSent * 5 < report.relays[0]!.bytesSent, `${again.relays[0]!.bytesSent} vs ${report.relays[0]!.bytesSent} bytes`);
      assert.deepEqual(again.blossom, [{ url: node.node.httpUrl, accepted: 0, duplicate: 2, refused: [], bytes: 0 }]);
      assert.ok(!proxy.seen.includes('PUT /upload'));
    } finally {
      await proxy.close();
    }
  });
});

void test('a relay that refuses some records: the report names each with its reason; the rest go through; an unreachable relay is reported, the others served', async () => {
  const accept = makeAccept();
  const picky = await peer([], {
    accept: (raw) => {
      const e = accept(raw);
      if (e.kind === Kind.Claim) throw new KeruenError('blocked', 'claims are not kept here');
      return e;
    },
  });
  // A port nothing listens on: taken from a server just closed.
  const gone = http.createServer();
  await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
  const deadUrl = `ws://127.0.0.1:${(gone.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => gone.close(() => resolve()));
  try {
    const report = await publishToNetworks(archive, { relays: [deadUrl, picky.url], blossom: [] });
    const [dead, r] = report.relays;
    assert.match(dead!.error ?? '', /cannot reach/);
    assert.equal(dead!.accepted, 0);
    const claims = archive.filter((e) => e.kind === Kind.Claim);
    assert.ok(claims.length > 0);
    assert.equal(r!.error, undefined);
    assert.equal(r!.accepted, archive.length - claims.length);
    assert.deepEqual(
      r!.refused.map((x) => x.id).sort(),
      claims.map((e) => e.id).sort(),
    );
    for (const x of r!.refused) assert.equal(x.reason, 'blocked: claims are not kept here');
    const lines = networkReportLines(report);
    assert.match(lines[0]!, new RegExp(`^${deadUrl}: 0 of ${archive.length} records accepted .*stopped: cannot reach`));
    assert.equal(lines.filter((l) => /^ {2}refused [0-9a-f]{64}: blocked: claims are not kept here$/.test(l)).length, 5, 'five reasons shown');
    assert.ok(lines.includes(`  ... and ${claims.length - 5} more`));
    assert.equal(picky.store.count([{}]), archive.length - claims.length);
  } finally {
    await picky.close();
  }
});

void test('NIP-77 first: only the records a relay lacks are sent; a relay that refuses to reconcile is offered every record', async () => {
  const first = people(30, 1_641_000_000, 'first');
  const later = people(5, 1_641_100_000, 'later');
  const knowing = await peer(first);
  const refusing = await peer(first, { negentropy: { maxItems: 10 } });
  try {
    const report = await publishToNetworks([...first, ...later], { relays: [knowing.url, refusing.url], blossom: [] });
    const [k, r] = report.relays;
    assert.deepEqual({ ...k!, bytesSent: 0, bytesReceived: 0 }, { url: knowing.url, accepted: 35, duplicate: 30, refused: [], bytesSent: 0, bytesReceived: 0, reconciled: true });
    // Only the five new records travelled as EVENTs to the relay that reconciled.
    assert.deepEqual(knowing.arrived.map((e) => e.id).sort(), later.map((e) => e.id).sort());
    assert.equal(r!.reconciled, false);
    assert.equal(r!.accepted, 35);
    assert.equal(r!.duplicate, 30);
    assert.equal(refusing.store.count([{}]), 35);
  } finally {
    await knowing.close();
    await refusing.close();
  }
});

void test('from an encrypted data folder: the server gets the clear bytes, whose sha256 the descriptor names', async () => {
  const keys = deriveFolderKeys(randomBytes(32));
  const sealed = new BlobStore(mkdtempSync(join(tmpdir(), 'keruen-pub-sealed-')), { seal: keys.blobSeal, name: keys.blobName });
  for (const b of media) await sealed.put(b);
  const node = await startTestNode();
  try {
    const descriptors = archive.filter((e) => e.kind === Kind.MediaDescriptor);
    const report = await publishToNetworks(descriptors, { relays: [node.node.relayUrl], blossom: [node.node.httpUrl], blobs: sealed });
    assert.equal(report.blossom[0]!.accepted, 2, JSON.stringify(report.blossom));
    for (const b of media) {
      const res = await fetch(`${node.node.httpUrl}/${sha256Hex(b)}`);
      assert.deepEqual(Buffer.from(await res.arrayBuffer()), b);
    }
  } finally {
    await node.close();
  }
});

void test('records that are not public (a gift wrap, one marked private) are never sent, whatever the caller passes; media not held here are named', async () => {
  const target = await peer();
  const sk = generateSecretKey();
  const wrap = signEvent({ kind: Kind.GiftWrap, created_at: 1_641_400_000, tags: [['p', 'ab'.repeat(32)]], content: 'sealed' }, sk);
  const photo = Buffer.from('not here');
  const descriptor = signEvent({ kind: Kind.MediaDescriptor, created_at: 1_641_400_001, tags: [['x', sha256Hex(photo)], ['m', 'image/jpeg'], ['size', '8']], content: 'Photo' }, sk);
  const marked = signEvent({ kind: Kind.PersonOfConcern, created_at: 1_641_400_002, tags: [['keruen', 'private']], content: JSON.stringify({ lang: 'en', name: 'kept home' }) }, sk);
  const recs = [...people(3), wrap, marked, descriptor];
  try {
    const report = await publishToNetworks(recs, { relays: [target.url], blossom: ['http://127.0.0.1:9'], blobs: blobStore() });
    assert.equal(report.withheld, 2);
    assert.equal(target.store.get(marked.id), undefined);
    assert.ok(networkReportLines(report).includes('2 records that are not public were held back.'));
    assert.equal(report.records, 4);
    assert.deepEqual(report.mediaMissing, [sha256Hex(photo)]);
    assert.equal(target.store.get(wrap.id), undefined);
    assert.equal(target.store.count([{}]), 4);
  } finally {
    await target.close();
  }
});

void test('a Blossom server out of reach is reported once, not refused blob by blob', async () => {
  const blobs = blobStore();
  const descriptors = archive.filter((e) => e.kind === Kind.MediaDescriptor);
  for (const b of media) await blobs.put(b);
  const gone = http.createServer();
  await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
  const deadUrl = `http://127.0.0.1:${(gone.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => gone.close(() => resolve()));
  const progress: PublishProgress[] = [];
  const report = await publishToNetworks(descriptors, { relays: [], blossom: [deadUrl], blobs, onProgress: (p) => progress.push(p) });
  const [b] = report.blossom;
  assert.match(b!.error ?? '', new RegExp(`^cannot reach ${deadUrl}: .*ECONNREFUSED`));
  assert.deepEqual([b!.accepted, b!.duplicate, b!.refused.length], [0, 0, 0]);
  assert.match(networkReportLines(report).at(-1)!, /stopped: cannot reach/);
  const last = progress.at(-1)!;
  assert.equal(last.done, last.total, 'the bar still ends');
});

void test('addresses that are not relay or Blossom addresses are refused before anything leaves', async () => {
  const target = await peer();
  try {
    for (const opts of [{ relays: ['ftp://x'], blossom: [] }, { relays: [target.url], blossom: ['wss://not-blossom'] }, { relays: [target.url], blossom: [], proxy: 'gopher://p:1' }]) {
      await assert.rejects(publishToNetworks(people(2), opts), (e: unknown) => e instanceof KeruenError && e.code === 'usage');
    }
    assert.equal(target.store.count([{}]), 0);
  } finally {
    await target.close();
  }
});

void test('fast-check: a hostile Blossom server (any status, headers, body) gets a clear, printable refusal or an honest success; never a throw', async () => {
  const blobs = blobStore();
  const bytes = Buffer.from('a blob to publish');
  await blobs.put(bytes);
  const sk = generateSecretKey();
  const descriptor = signEvent({ kind: Kind.MediaDescriptor, created_at: 1_641_400_001, tags: [['x', sha256Hex(bytes)], ['m', 'image/jpeg'], ['size', String(bytes.length)]], content: 'Photo' }, sk);
  let answer = { head: 404, put: 200, body: '', reason: '' };
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const status = req.method === 'HEAD' ? answer.head : answer.put;
      const headers: Record<string, string> = {};
      if (answer.reason !== '') headers['x-reason'] = answer.reason;
      try {
        res.writeHead(status, headers);
      } catch {
        res.writeHead(status);
      }
      res.end(req.method === 'HEAD' ? undefined : answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          head: fc.constantFrom(200, 404, 401, 500, 302, 204),
          put: fc.constantFrom(200, 201, 400, 401, 403, 413, 500),
          body: fc.oneof(fc.string({ maxLength: 200 }), fc.json(), fc.constant(JSON.stringify({ sha256: sha256Hex(bytes) })), fc.constant(JSON.stringify({ sha256: 'f'.repeat(64) })), fc.string({ unit: 'binary', maxLength: 80 }).map((x) => JSON.stringify({ sha256: x })), fc.string({ unit: 'binary', maxLength: 100 }).map((s) => JSON.stringify({ message: s }))),
          reason: fc.string({ unit: fc.constantFrom('a', ' ', 'é', 'Ж'), maxLength: 30 }),
        }),
        async (a) => {
          answer = a;
          const report = await publishToNetworks([descriptor], { relays: [], blossom: [url], blobs });
          const b = report.blossom[0]!;
          assert.equal(b.accepted + b.duplicate + b.refused.length, 1, 'the blob is accounted for once');
          if (a.head === 200) assert.equal(b.duplicate, 1);
          for (const r of b.refused) {
            assert.ok(r.reason.length > 0 && r.reason.length < 400, r.reason);
            assert.doesNotMatch(r.reason, /[\u0000-\u001f]/);
          }
          // Success only for a 2xx whose descriptor, if any, names our bytes.
          if (b.accepted === 1) {
            assert.ok(a.head === 404 && (a.put === 200 || a.put === 201));
            const said = (() => {
              try {
                return (JSON.parse(a.body) as { sha256?: unknown } | null)?.sha256;
              } catch {
                return undefined;
              }
            })();
            assert.ok(said === undefined || said === sha256Hex(bytes), `accepted although the server named ${String(said)}`);
            assert.equal(b.bytes, bytes.length);
          }
        },
      ),
      { numRuns: 80 },
    );
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

void test('fast-check: any NIP-11 document is read without a throw; NIP-77 is assumed only when supported_nips lists 77', () => {
  assert.equal(offersNip77In(JSON.stringify({ name: 'x', supported_nips: [1, 11, 77] })), true);
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.json(), fc.anything().map((v) => JSON.stringify({ supported_nips: v }) ?? '')), (doc) => {
      const said = offersNip77In(doc);
      let nips: unknown;
      try {
        nips = (JSON.parse(doc) as { supported_nips?: unknown } | null)?.supported_nips;
      } catch {
        nips = undefined;
      }
      assert.equal(said, Array.isArray(nips) && nips.includes(77));
    }),
    { numRuns: 500 },
  );
});

void test('keruen publish --relay --blossom (a real process): the records reach the relay, the media the node, and the report says so', async () => {
  const data = tempDataDir();
  const imported = await runCli(['--data', data, 'import', SAMPLE_ARCHIVE]);
  assert.equal(imported.code, 0, imported.stderr);
  // The sample's media, in the data folder's blob store (where `keruen add media` puts them).
  const blobs = new BlobStore(join(data, 'blobs'));
  for (const b of media) await blobs.put(b);
  const relay = await peer();
  const node = await startTestNode();
  try {
    const out = join(tempDataDir('keruen-site-'), 'site');
    const r = await runCli(['--data', data, 'publish', '--out', out, '--lang', 'en', '--relay', relay.url, '--relay', node.node.relayUrl, '--blossom', node.node.httpUrl]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`${relay.url}: ${archive.length} of ${archive.length} records accepted \\(0 it had already\\), 0 refused`));
    // The node takes the blobs because it got their descriptors first, as a relay.
    assert.match(r.stdout, new RegExp(`${node.node.httpUrl}: 2 of 2 media uploaded`));
    assert.equal(relay.store.count([{}]), archive.length);
    for (const b of media) assert.ok(await node.node.blobs!.stat(sha256Hex(b)), 'blob on the node');
    // The site has its feeds too.
    assert.ok(readFileSync(join(out, 'feeds', 'en.atom.xml'), 'utf8').includes('<feed xmlns="http://www.w3.org/2005/Atom">'));
  } finally {
    await relay.close();
    await node.close();
  }
});
