/**
 * Media after records, between real nodes (startNode, each with its own data folder): blobs that
 * media descriptors name move over Blossom, smallest first, after every record; a cut download
 * resumes with a range request; a peer serving other bytes gets nothing stored.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import sharp from 'sharp';
import { generateSecretKey } from 'nostr-tools/pure';
import { signEvent, type VerifiedEvent } from '../../src/core/event.ts';
import { Kind } from '../../src/core/kinds.ts';
import { BlobStore, sha256Hex } from '../../src/node/blobs.ts';
import { blossomRoutes, parseBlobName } from '../../src/node/api/blossom.ts';
import { deriveFolderKeys } from '../../src/node/lock.ts';
import { randomBytes } from 'node:crypto';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { syncWith, type SyncProgress } from '../../src/sync/client.ts';
import { blossomOrigin, mediaRefOf, parseContentRange, reasonOf, syncMedia } from '../../src/sync/media.ts';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { KERUEN_BIN, runCli, tempDataDir } from '../helpers/cli.ts';
import { startTestNode, type NodeUnderTest } from '../node/helpers.ts';
import { people } from './helpers.ts';

const sk = generateSecretKey();

function descriptor(bytes: Buffer, size = bytes.length, createdAt = 1_641_380_000): VerifiedEvent {
  const tags = [['x', sha256Hex(bytes)], ['m', 'image/jpeg'], ['size', String(size)], ['redaction', 'exif-gps-removed']];
  return signEvent({ kind: Kind.MediaDescriptor, created_at: createdAt, tags, content: 'Photo, 5 January' }, sk);
}

/** A JPEG without metadata (sharp writes none unless asked); noise makes it as large as wanted. */
function photo(side: number, seed: number): Promise<Buffer> {
  const noise = { type: 'gaussian' as const, mean: 100 + seed, sigma: 40 };
  return sharp({ create: { width: side, height: side, channels: 3, background: '#000', noise } }).jpeg({ quality: 95 }).toBuffer();
}

const blobsOf = (t: NodeUnderTest): BlobStore => t.node.blobs!;

/**
 * A TCP relay in front of a node: records what clients send (request lines, headers), and cuts
 * the n-th connection after `cuts[n]` bytes from the server, as a window closing would.
 */
async function tcpRelay(targetUrl: string, cuts: (number | undefined)[] = []) {
  const target = new URL(targetUrl);
  const sent: string[] = [];
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((client) => {
    const cutAfter = cuts[connections++];
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    let down = 0;
    client.on('data', (d: Buffer) => {
      sent.push(d.toString('latin1'));
      upstream.write(d);
    });
    upstream.on('data', (d: Buffer) => {
      if (cutAfter !== undefined && down + d.length > cutAfter) {
        client.write(d.subarray(0, cutAfter - down));
        client.destroy();
        upstream.destroy();
        return;
      }
      down += d.length;
      client.write(d);
    });
    for (const [a, b] of [[client, upstream], [upstream, client]] as const) {
      a.on('close', () => b.destroy());
      a.on('error', () => b.destroy());
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `ws://127.0.0.1:${port}`,
    /** Everything clients sent, in order. */
    text: () => sent.join(''),
    close: async () => {
      for (const s of sockets) s.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

/** A Blossom server that misbehaves as told: the peer a sync must not trust. */
async function fakePeer(handler: http.RequestListener) {
  const server = http.createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `ws://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

function localSide(): { store: SqliteStore; blobs: BlobStore; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'keruen-media-'));
  return { store: SqliteStore.open(':memory:'), blobs: new BlobStore(join(dir, 'blobs')), dir };
}

/** Every file in a blob folder is named by the sha256 of its bytes. */
function assertBlobFolderHonest(dir: string): void {
  for (const name of readdirSync(dir)) assert.equal(sha256Hex(readFileSync(join(dir, name))), name);
}

void describe('media over Blossom after records', () => {
  let a: NodeUnderTest;
  let b: NodeUnderTest;
  const photos: Buffer[] = [];

  before(async () => {
    a = await startTestNode();
    b = await startTestNode();
    for (const [i, side] of [[0, 320], [1, 24], [2, 160], [3, 64]] as const) photos.push(await photo(side, i));
  });
  after(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  void test('one sync moves all records, then the blobs both ways, smallest first; a throwaway key carries A\'s media to B', async () => {
    const [big, tiny, mid, small] = photos as [Buffer, Buffer, Buffer, Buffer];
    // A (a witness's phone) holds two photos and their descriptors; B (a hub) two others.
    for (const p of [big, small]) await blobsOf(a).put(p);
    for (const p of [tiny, mid]) await blobsOf(b).put(p);
    a.store.putMany([...people(5, 1_641_340_800, 'a'), descriptor(big), descriptor(small)]);
    b.store.putMany([...people(4, 1_641_300_000, 'b'), descriptor(tiny), descriptor(mid)]);
    assert.equal(a.keystore.list().length, 0, 'A has no identity: its uploads are signed by a throwaway key');

    const relay = await tcpRelay(b.node.relayUrl);
    const phases: SyncProgress[] = [];
    try {
      const r = await syncWith(a.store, relay.url, { blobs: blobsOf(a), workers: 1, onProgress: (p) => phases.push(p) });
      assert.equal(r.pushed.accepted, 7);
      assert.equal(r.pulled.stored, 6);
      const m = r.media!;
      assert.deepEqual({ ...m.pulled, bytes: 0 }, { fetched: 2, alreadyHere: 2, missingOnPeer: [], refused: [], interrupted: [], resumed: 0, bytes: 0 });
      assert.equal(m.pulled.bytes, tiny.length + mid.length);
      assert.deepEqual(m.pushed, { sent: 2, alreadyThere: 0, refused: [], bytes: big.length + small.length });
      assert.ok(m.bytesReceived > m.pulled.bytes && m.bytesSent > m.pushed.bytes, 'wire bytes include headers');
      assert.ok(r.bytesReceived >= m.bytesReceived + r.reconcile.bytesReceived);

      // Both nodes hold all four photos, byte for byte.
      for (const p of photos) {
        for (const node of [a, b]) assert.deepEqual(readFileSync(blobsOf(node).pathOf(sha256Hex(p))), p);
      }
      // Order on the wire: the WebSocket (records) first, then media smallest first, both ways.
      // (A request may follow an upload's body on the same line: no ^ anchor.)
      const text = relay.text();
      const transfers = [...text.matchAll(/(GET \/([0-9a-f]{64})|PUT \/upload) HTTP\/1\.1\r\n/g)].map((x) => x[2] ?? 'PUT');
      const bySize = [tiny, small, mid, big].map((p) => (p === small || p === big ? 'PUT' : sha256Hex(p)));
      assert.deepEqual(transfers, bySize);
      assert.ok(text.indexOf('Upgrade: websocket') < text.search(/^(GET \/[0-9a-f]{64}|HEAD |PUT )/m), 'records before any media request');
      // Progress: every record phase before the first media report; media counts bytes up to its total.
      const firstMedia = phases.findIndex((p) => p.phase === 'media');
      assert.ok(firstMedia > 0 && phases.slice(firstMedia).every((p) => p.phase === 'media'));
      const last = phases[phases.length - 1]!;
      assert.equal(last.done, last.total);
      assert.equal(last.total, photos.reduce((n, p) => n + p.length, 0));

      const again = await syncWith(a.store, relay.url, { blobs: blobsOf(a), workers: 1 });
      assert.deepEqual([again.media!.pulled.alreadyHere, again.media!.pushed.alreadyThere, again.media!.pulled.fetched, again.media!.pushed.sent], [4, 4, 0, 0], 'a second sync moves no blob');
    } finally {
      await relay.close();
    }
    assertBlobFolderHonest(blobsOf(a).dir);
    assertBlobFolderHonest(blobsOf(b).dir);
  });

  void test('B takes a stranger\'s blob only as a stored record\'s media, and never one with metadata', async () => {
    const local = localSide();
    const unknown = await photo(40, 7);
    const gps = await sharp(await photo(30, 8))
      .withExif({ IFD0: { Make: 'Phone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '43/1 14/1 1700/100', GPSLongitudeRef: 'E', GPSLongitude: '76/1 56/1 4500/100' } })
      .toBuffer();
    for (const p of [unknown, gps]) await local.blobs.put(p);
    const gpsDescriptor = descriptor(gps);
    local.store.putMany([descriptor(unknown), gpsDescriptor]);
    b.store.put(gpsDescriptor); // B holds the record of the GPS photo, not of the other
    const r = await syncMedia(local.store, b.node.relayUrl, { blobs: local.blobs, direction: 'push' });
    assert.equal(r.pushed.sent, 0);
    const why = new Map(r.pushed.refused.map((x) => [x.sha256, x.reason]));
    assert.match(why.get(sha256Hex(unknown)) ?? '', /^HTTP 403: upload refused: only identities of this node may upload here, or anyone carrying the media of a record/);
    assert.match(why.get(sha256Hex(gps)) ?? '', /^HTTP 422: strip metadata before sharing: this photo still carries GPS\/EXIF data/);
    for (const p of [unknown, gps]) assert.equal(await blobsOf(b).stat(sha256Hex(p)), undefined);
    local.store.close();
  });

  void test('a cut download keeps its part and resumes with Range, in the same sync or the next, to the right hash', async () => {
    const blob = await photo(480, 9);
    assert.ok(blob.length > 150_000, `a large photo (${blob.length} bytes)`);
    const sha = sha256Hex(blob);
    await blobsOf(b).put(blob);
    const local = localSide();
    local.store.put(descriptor(blob));

    // The window closes 60 kB into the body; one try only: the part stays for the next sync.
    const cutOnce = await tcpRelay(b.node.relayUrl, [60_000]);
    const part = join(local.dir, 'blobs-partial', `${sha}.part`);
    let have = 0;
    try {
      const first = await syncMedia(local.store, cutOnce.url, { blobs: local.blobs, direction: 'pull', attempts: 1 });
      assert.equal(first.pulled.fetched, 0);
      assert.equal(first.pulled.interrupted.length, 1);
      have = first.pulled.interrupted[0]!.have;
      assert.ok(have > 30_000 && have < 60_000, `kept ${have} bytes`);
      assert.equal(readFileSync(part).length, have);
      assert.deepEqual(readFileSync(part), blob.subarray(0, have), 'the part is the start of the blob');
      assert.equal(await local.blobs.stat(sha), undefined, 'nothing visible before it is whole and checked');

      const second = await syncMedia(local.store, cutOnce.url, { blobs: local.blobs, direction: 'pull' });
      assert.deepEqual([second.pulled.fetched, second.pulled.resumed], [1, 1]);
      assert.equal(second.pulled.bytes, blob.length - have, 'only the rest travelled');
      assert.match(cutOnce.text(), new RegExp(`GET /${sha} HTTP/1.1\\r\\nrange: bytes=${have}-\\r\\n`, 'i'));
      assert.deepEqual(readFileSync(local.blobs.pathOf(sha)), blob);
      assert.ok(!existsSync(part));
    } finally {
      await cutOnce.close();
    }

    // Cut twice in one sync: the third try finishes it, each resuming where the last stopped.
    const again = localSide();
    again.store.put(descriptor(blob));
    const cutTwice = await tcpRelay(b.node.relayUrl, [40_000, 50_000]);
    try {
      const r = await syncMedia(again.store, cutTwice.url, { blobs: again.blobs, direction: 'pull', attempts: 3 });
      assert.deepEqual([r.pulled.fetched, r.pulled.resumed, r.pulled.interrupted.length], [1, 1, 0]);
      assert.equal(r.pulled.bytes, blob.length, 'no byte fetched twice');
      assert.equal([...cutTwice.text().matchAll(/range: bytes=(\d+)-/gi)].length, 2);
      assert.equal(sha256Hex(readFileSync(again.blobs.pathOf(sha))), sha);
    } finally {
      await cutTwice.close();
    }
    local.store.close();
    again.store.close();
  });

  void test('an encrypted folder resumes a cut download in memory, never writes a clear part, and serves its blobs decrypted', async () => {
    const blob = await photo(400, 12);
    const sha = sha256Hex(blob);
    await blobsOf(b).put(blob);
    const dir = mkdtempSync(join(tmpdir(), 'keruen-media-enc-'));
    const keys = deriveFolderKeys(randomBytes(32));
    const sealed = new BlobStore(join(dir, 'blobs'), { seal: keys.blobSeal, name: keys.blobName });
    const store = SqliteStore.open(':memory:');
    store.put(descriptor(blob));
    const cutTwice = await tcpRelay(b.node.relayUrl, [40_000, 50_000]);
    try {
      const r = await syncMedia(store, cutTwice.url, { blobs: sealed, direction: 'pull', attempts: 3 });
      assert.deepEqual([r.pulled.fetched, r.pulled.resumed, r.pulled.interrupted.length], [1, 1, 0]);
      assert.equal(r.pulled.bytes, blob.length, 'no byte fetched twice');
    } finally {
      await cutTwice.close();
    }
    assert.ok(!existsSync(join(dir, 'blobs-partial')), 'no partial folder in an encrypted data folder');
    const needle = blob.subarray(1000, 1064);
    for (const name of readdirSync(join(dir, 'blobs'))) assert.equal(readFileSync(join(dir, 'blobs', name)).indexOf(needle), -1, 'the blob file is not in clear');
    assert.deepEqual(Buffer.from(await sealed.read(sha)), blob);
    // Served decrypted, whole and by range, through the same Blossom routes a node mounts.
    const app = blossomRoutes({ blobs: sealed, onError: (e) => assert.fail(String(e)) });
    const whole = await app.request(`/${sha}`);
    assert.equal(whole.status, 200);
    assert.deepEqual(Buffer.from(await whole.arrayBuffer()), blob);
    const part = await app.request(`/${sha}`, { headers: { range: 'bytes=70000-70099' } });
    assert.equal(part.status, 206);
    assert.deepEqual(Buffer.from(await part.arrayBuffer()), blob.subarray(70_000, 70_100));
    store.close();
  });

  void test('a peer that serves other bytes or too many, or lacks the blob, gets nothing stored', async () => {
    const right = await photo(50, 10);
    const wrong = Buffer.from(right);
    wrong[wrong.length - 3] = (wrong[wrong.length - 3]! + 1) % 256;
    const longer = await photo(90, 11);
    const peer = await fakePeer((req, res) => {
      const sha = parseBlobName(req.url!.slice(1));
      if (sha === sha256Hex(right)) return res.end(wrong); // same size, one byte changed
      if (sha === sha256Hex(longer)) return res.end(Buffer.concat([longer, Buffer.alloc(10)]));
      res.statusCode = 404;
      res.end(JSON.stringify({ message: 'not here' }));
    });
    const local = localSide();
    const oversized = Buffer.from('a blob whose descriptor claims 30 MB');
    local.store.putMany([descriptor(right), descriptor(longer), descriptor(oversized, 30 * 1024 * 1024), descriptor(Buffer.from('gone'))]);
    try {
      const r = await syncMedia(local.store, peer.url, { blobs: local.blobs, direction: 'pull' });
      const why = new Map(r.pulled.refused.map((x) => [x.sha256, x.reason]));
      assert.match(why.get(sha256Hex(right)) ?? '', /other bytes \(sha256 [0-9a-f]{16}\.\.\.\) than the descriptor names; nothing kept/);
      assert.match(why.get(sha256Hex(longer)) ?? '', /offers \d+ bytes, more than the \d+ its descriptor allows/);
      assert.match(why.get(sha256Hex(oversized)) ?? '', /over the limit of 20971520/);
      assert.deepEqual(r.pulled.missingOnPeer, [sha256Hex(Buffer.from('gone'))]);
      assert.equal(r.pulled.fetched, 0);
      assert.deepEqual(readdirSync(local.blobs.dir), [], 'nothing stored');
      assert.deepEqual(readdirSync(join(local.dir, 'blobs-partial')), [], 'no part left of bytes that failed');
    } finally {
      await peer.close();
      local.store.close();
    }
  });

  void test('hostile peers (any status, range, length, body, or a dropped connection): a blob only under its own hash, every descriptor accounted for', async () => {
    const answer = fc.record({
      status: fc.constantFrom(200, 206, 404, 416, 500, 302),
      range: fc.oneof(fc.constant(undefined), fc.string({ maxLength: 40 }), fc.tuple(fc.nat(3000), fc.nat(3000), fc.nat(3000)).map(([s, e, n]) => `bytes ${s}-${e}/${n}`)),
      body: fc.oneof(fc.constant('right' as const), fc.constant('prefix' as const), fc.uint8Array({ maxLength: 3000 })),
      drop: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 2000 }), fc.integer({ min: -5, max: 5 }), fc.array(answer, { minLength: 1, maxLength: 3 }), async (bytes, sizeSkew, answers) => {
        const blob = Buffer.from(bytes);
        let n = 0;
        const peer = await fakePeer((_req, res) => {
          const a = answers[Math.min(n++, answers.length - 1)]!;
          const body = a.body === 'right' ? blob : a.body === 'prefix' ? blob.subarray(0, blob.length >> 1) : Buffer.from(a.body);
          res.statusCode = a.status;
          if (typeof a.range === 'string') res.setHeader('content-range', a.range.replace(/[^\x20-\x7e]/g, ''));
          if (a.drop) {
            res.setHeader('content-length', String(body.length + 100));
            res.write(body);
            setImmediate(() => res.destroy());
          } else res.end(body);
        });
        const local = localSide();
        local.store.put(descriptor(blob, Math.max(0, blob.length + sizeSkew)));
        try {
          const r = await syncMedia(local.store, peer.url, { blobs: local.blobs, direction: 'pull', attempts: 2, timeoutMs: 5000 });
          const p = r.pulled;
          assert.equal(p.fetched + p.missingOnPeer.length + p.refused.length + p.interrupted.length, 1, JSON.stringify(p));
          assertBlobFolderHonest(local.blobs.dir);
          const stored = await local.blobs.stat(sha256Hex(blob));
          assert.equal(stored !== undefined, p.fetched === 1);
          for (const x of [...p.refused, ...p.interrupted]) assert.ok(x.reason.length > 0 && !x.reason.includes('\n'));
        } finally {
          await peer.close();
          local.store.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});

void test('blob names, Content-Range, descriptors, origins and refusal reasons: hostile input gives a clear answer, never a throw', () => {
  const hex64 = fc.stringMatching(/^[0-9a-f]{64}$/);
  fc.assert(
    fc.property(hex64, fc.stringMatching(/^[A-Za-z0-9]{1,10}$/), (sha, ext) => {
      assert.equal(parseBlobName(sha), sha);
      assert.equal(parseBlobName(`${sha}.${ext}`), sha);
      assert.equal(parseBlobName(`${sha}.${ext}/`), undefined);
      assert.equal(parseBlobName(sha.toUpperCase()), sha === sha.toUpperCase() ? sha : undefined);
    }),
  );
  fc.assert(
    fc.property(fc.string({ maxLength: 120 }), (s) => {
      const sha = parseBlobName(s);
      if (sha !== undefined) assert.ok(/^[0-9a-f]{64}$/.test(sha) && s.startsWith(sha));
      const range = parseContentRange(s);
      if (range !== undefined) assert.ok(range.start <= range.end && (range.size === undefined || range.end < range.size));
      assert.ok(!reasonOf(400, { 'x-reason': s }, s).includes('\n'));
      assert.ok(reasonOf(500, {}, s).length <= 310);
    }),
  );
  fc.assert(
    fc.property(fc.nat(), fc.nat(), fc.nat(), (x, y, z) => {
      const [start, end, size] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
      const r = parseContentRange(`bytes ${start}-${end}/${size + 1}`);
      assert.deepEqual(r, { start, end, size: size + 1 });
      assert.deepEqual(parseContentRange(`bytes ${start}-${end}/*`), { start, end });
    }),
  );
  assert.equal(parseContentRange('bytes 5-4/10'), undefined);
  assert.equal(parseContentRange('bytes 0-10/10'), undefined);
  assert.equal(parseContentRange(`bytes 0-1/${'9'.repeat(16)}`), undefined);
  assert.equal(parseContentRange('bytes */10'), undefined);
  fc.assert(
    fc.property(fc.array(fc.array(fc.string({ maxLength: 70 }), { maxLength: 4 }), { maxLength: 6 }), fc.integer(), (tags, kind) => {
      const ref = mediaRefOf({ kind: kind % 2 === 0 ? Kind.MediaDescriptor : kind, tags });
      if (ref !== undefined) assert.ok(/^[0-9a-f]{64}$/.test(ref.sha256) && Number.isSafeInteger(ref.size) && ref.size >= 0);
    }),
  );
  assert.deepEqual(mediaRefOf({ kind: Kind.MediaDescriptor, tags: [['x', 'a'.repeat(64)], ['size', '1234']] }), { sha256: 'a'.repeat(64), size: 1234 });
  fc.assert(
    fc.property(fc.string({ maxLength: 80 }), (s) => {
      try {
        assert.match(blossomOrigin(s), /^https?:\/\//);
      } catch (e) {
        assert.equal((e as { code?: string }).code, 'usage');
      }
    }),
  );
  assert.equal(blossomOrigin('ws://192.168.1.20:7777/'), 'http://192.168.1.20:7777');
  assert.equal(blossomOrigin('wss://hub.example/relay'), 'https://hub.example');
  assert.equal(reasonOf(403, { 'x-reason': 'from header' }, '{"message":"from body"}'), 'HTTP 403: from body');
  assert.equal(reasonOf(403, { 'x-reason': 'from header' }, 'not json'), 'HTTP 403: from header');
});

void test('keruen sync (real processes) brings the photos after the records and says so', async () => {
  const hub = tempDataDir('keruen-media-hub-');
  const phone = tempDataDir('keruen-media-phone-');
  const shots = [await photo(200, 20), await photo(40, 21)];
  const hubBlobs = new BlobStore(join(hub, 'blobs'));
  for (const p of shots) await hubBlobs.put(p);
  const seed = join(hub, 'seed.jsonl');
  writeFileSync(seed, [...people(3, 1_641_340_800, 'hub'), ...shots.map((p) => descriptor(p))].map((e) => JSON.stringify(e)).join('\n'));
  assert.equal((await runCli(['--data', hub, 'import', seed])).code, 0);
  const child = spawn(process.execPath, [KERUEN_BIN, '--data', hub, 'start', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    while (!/relay: (ws:\S+)/.test(out)) {
      if (child.exitCode !== null) assert.fail('the node exited');
      await once(child.stdout, 'data');
    }
    const url = /relay: (ws:\S+)/.exec(out)![1]!;
    const r = await runCli(['--data', phone, 'sync', url]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Received: 5 stored/);
    assert.match(r.stdout, /Media: 2 fetched \(0 resumed, [\d.]+ kB\), 0 sent \([\d.]+ B\), 0 already here, 0 missing on the peer, 0 cut \(sync again to resume\), 0 refused\./);
    for (const p of shots) assert.deepEqual(readFileSync(join(phone, 'blobs', sha256Hex(p))), p);
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null) await once(child, 'close');
  }
});
