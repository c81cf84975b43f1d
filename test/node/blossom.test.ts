/** Blossom on a real node: uploads signed by the node's identity, downloads with ranges, and what is refused. */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import fc from 'fast-check';
import { generateSecretKey } from 'nostr-tools/pure';
import { nowSeconds, signEvent } from '../../src/core/event.ts';
import { sha256Hex, sniffType } from '../../src/node/blobs.ts';
import { checkShareable } from '../../src/node/media-check.ts';
import { parseRange } from '../../src/node/api/blossom.ts';
import { PASSPHRASE, request, startTestNode, type NodeUnderTest, type RawResponse } from './helpers.ts';

const MAX = 256 * 1024;

function auth(sk: Uint8Array, o: { x?: string[]; t?: string; kind?: number; expiration?: number | null; createdAt?: number } = {}): string {
  const now = nowSeconds();
  const tags = [['t', o.t ?? 'upload'], ...(o.x ?? []).map((x) => ['x', x])];
  if (o.expiration !== null) tags.push(['expiration', String(o.expiration ?? now + 300)]);
  const e = signEvent({ kind: o.kind ?? 24242, created_at: o.createdAt ?? now, tags, content: 'Upload a photo' }, sk);
  return `Nostr ${Buffer.from(JSON.stringify(e)).toString('base64')}`;
}

const square = () => sharp({ create: { width: 24, height: 16, channels: 3, background: { r: 180, g: 20, b: 40 } } });

void describe('Blossom', () => {
  let t: NodeUnderTest;
  let sk: Uint8Array;
  let clean: Buffer;
  const upload = (body: Buffer, authorization?: string): Promise<RawResponse> =>
    request(`${t.node.httpUrl}/upload`, { method: 'PUT', body, headers: { 'content-type': 'image/jpeg', ...(authorization !== undefined ? { authorization } : {}) } });
  const reason = (r: RawResponse) => r.json<{ error: string; message: string }>().error;

  before(async () => {
    t = await startTestNode({ maxBlobBytes: MAX });
    const id = t.keystore.create('witness', PASSPHRASE);
    sk = t.keystore.unlock(id, PASSPHRASE);
    clean = await square().jpeg().toBuffer();
  });
  after(async () => {
    await t.close();
  });

  void test('a clean JPEG is stored under its sha256 and served whole, by ranges, and to HEAD', async () => {
    const sha = sha256Hex(clean);
    const r = await upload(clean, auth(sk, { x: [sha] }));
    assert.equal(r.status, 200, r.body.toString());
    const d = r.json<{ url: string; sha256: string; size: number; type: string; uploaded: number }>();
    assert.deepEqual({ ...d, uploaded: 0 }, { url: `${t.node.httpUrl}/${sha}.jpg`, sha256: sha, size: clean.length, type: 'image/jpeg', uploaded: 0 });
    assert.ok(Math.abs(d.uploaded - nowSeconds()) < 60);
    assert.deepEqual(readFileSync(join(t.dataDir, 'blobs', sha)), clean);
    assert.equal((await upload(clean, auth(sk, { x: [sha] }))).status, 200, 'uploading again is harmless');

    for (const path of [`/${sha}`, `/${sha}.jpg`, `/${sha}.pdf`]) {
      const g = await request(`${t.node.httpUrl}${path}`);
      assert.equal(g.status, 200);
      assert.equal(g.headers['content-type'], 'image/jpeg', 'the type comes from the bytes, whatever the extension');
      assert.deepEqual(g.body, clean);
    }
    const part = await request(`${t.node.httpUrl}/${sha}`, { headers: { range: 'bytes=10-19' } });
    assert.equal(part.status, 206);
    assert.equal(part.headers['content-range'], `bytes 10-19/${clean.length}`);
    assert.deepEqual(part.body, clean.subarray(10, 20));
    const rest = await request(`${t.node.httpUrl}/${sha}`, { headers: { range: 'bytes=100-' } });
    assert.deepEqual(rest.body, clean.subarray(100));
    const tail = await request(`${t.node.httpUrl}/${sha}`, { headers: { range: 'bytes=-7' } });
    assert.deepEqual(tail.body, clean.subarray(clean.length - 7));
    const beyond = await request(`${t.node.httpUrl}/${sha}`, { headers: { range: `bytes=${clean.length}-` } });
    assert.equal(beyond.status, 416);
    assert.equal(beyond.headers['content-range'], `bytes */${clean.length}`);

    const head = await request(`${t.node.httpUrl}/${sha}`, { method: 'HEAD' });
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], String(clean.length));
    assert.equal(head.headers['accept-ranges'], 'bytes');
    assert.equal(head.body.length, 0);
    assert.match(String(head.headers['content-security-policy']), /sandbox/);
    const missing = 'f'.repeat(64);
    assert.equal((await request(`${t.node.httpUrl}/${missing}`)).status, 404);
    assert.equal((await request(`${t.node.httpUrl}/${missing}.png`, { method: 'HEAD' })).status, 404);
  });

  void test('photos that still carry EXIF, GPS or XMP are refused with the reason; nothing is stored', async () => {
    const gps = await square()
      .jpeg()
      .withExif({ IFD0: { Make: 'Phone', Model: 'X1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '43/1 14/1 1700/100', GPSLongitudeRef: 'E', GPSLongitude: '76/1 56/1 4500/100' } })
      .toBuffer();
    const r = await upload(gps, auth(sk, { x: [sha256Hex(gps)] }));
    assert.equal(r.status, 422);
    assert.equal(reason(r), 'strip metadata before sharing: this photo still carries GPS/EXIF data');
    assert.match(String(r.headers['x-reason']), /GPS\/EXIF/);
    const xmp = await square().png().withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"></x:xmpmeta>').toBuffer();
    const rx = await upload(xmp, auth(sk, { x: [sha256Hex(xmp)] }));
    assert.equal(rx.status, 422);
    assert.match(reason(rx), /XMP/);
    const webpExif = await square().webp().withExif({ IFD0: { Make: 'Phone' } }).toBuffer();
    assert.equal((await upload(webpExif, auth(sk, { x: [sha256Hex(webpExif)] }))).status, 422);
    // A broken image and a format the node cannot check.
    const broken = Buffer.concat([clean.subarray(0, 40), Buffer.alloc(40)]);
    assert.equal((await upload(broken, auth(sk, { x: [sha256Hex(broken)] }))).status, 415);
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(32)]);
    const rh = await upload(heic, auth(sk, { x: [sha256Hex(heic)] }));
    assert.equal(rh.status, 415);
    assert.match(reason(rh), /convert to JPEG, PNG or WebP/);
    for (const b of [gps, xmp, webpExif, broken, heic]) assert.ok(!readdirSync(join(t.dataDir, 'blobs')).includes(sha256Hex(b)));
  });

  void test('authorization: missing, malformed, expired, wrong verb or kind is 401; a stranger or another blob is 403', async () => {
    const sha = sha256Hex(clean);
    const cases: [string | undefined, number, RegExp][] = [
      [undefined, 401, /Authorization: Nostr/],
      ['Bearer abc', 401, /must be "Nostr <base64 event>"/],
      ['Nostr !!!', 401, /must be "Nostr/],
      [`Nostr ${Buffer.from('{"kind":24242}').toString('base64')}`, 401, /not a valid signed Nostr event/],
      [auth(sk, { x: [sha], kind: 1 }), 401, /must be kind 24242/],
      [auth(sk, { x: [sha], t: 'get' }), 401, /t tag "upload"/],
      [auth(sk, { x: [sha], expiration: nowSeconds() - 1 }), 401, /expired/],
      [auth(sk, { x: [sha], expiration: null }), 401, /needs an expiration tag/],
      [auth(sk, { x: [sha], createdAt: nowSeconds() + 3600 }), 401, /in the future/],
      [auth(generateSecretKey(), { x: [sha] }), 403, /only identities of this node/],
      [auth(sk, { x: ['0'.repeat(64)] }), 403, /body's sha256 is [0-9a-f]{64}/],
      [auth(sk), 403, /without an x tag/],
    ];
    for (const [header, status, why] of cases) {
      const r = await upload(clean, header);
      assert.equal(r.status, status, `${header?.slice(0, 30)}: ${r.body.toString()}`);
      assert.match(reason(r), why);
    }
  });

  void test(`a body over the limit (${MAX} bytes) is 413, declared or not`, async () => {
    const big = Buffer.alloc(MAX + 1, 7);
    const r = await upload(big, auth(sk, { x: [sha256Hex(big)] }));
    assert.equal(r.status, 413);
    assert.match(reason(r), /over the limit of 262144/);
    // Chunked: no Content-Length to refuse early; cut off while reading.
    const chunked = await new Promise<number>((resolve, reject) => {
      void import('node:http').then(({ default: http }) => {
        const req = http.request(`${t.node.httpUrl}/upload`, { method: 'PUT', headers: { authorization: auth(sk, { x: [sha256Hex(big)] }), 'transfer-encoding': 'chunked' } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        for (let i = 0; i <= MAX; i += 65536) req.write(big.subarray(i, i + 65536));
        req.end();
      });
    });
    assert.equal(chunked, 413);
  });

  void test('hostile bodies and headers: never a 500, never a blob that is not its own hash', async () => {
    const header = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 200 }).map((s) => `Nostr ${s.replace(/[^\x20-\x7e]/g, '')}`),
      fc.constant('x').map(() => auth(sk, { x: ['a'.repeat(64)] })),
      fc.base64String({ maxLength: 400 }).map((s) => `Nostr ${s}`),
    );
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), header, fc.boolean(), async (bytes, h, signRight) => {
        const body = Buffer.from(bytes);
        const r = await upload(body, signRight ? auth(sk, { x: [sha256Hex(body)] }) : h);
        assert.ok(r.status < 500, `${r.status} ${r.body.toString()}`);
        assert.ok(typeof reason(r) === 'string' || r.status === 200);
      }),
      { numRuns: 150 },
    );
    const range = fc.oneof(fc.string({ maxLength: 30 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')), fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => `bytes=${a}-${b}`));
    const sha = sha256Hex(clean);
    await fc.assert(
      fc.asyncProperty(range, fc.string({ maxLength: 80 }), async (rg, path) => {
        const g = await request(`${t.node.httpUrl}/${sha}`, { headers: { range: rg } });
        assert.ok([200, 206, 416].includes(g.status), `${rg}: ${g.status}`);
        const p = await request(`${t.node.httpUrl}/${encodeURIComponent(path)}`);
        assert.ok(p.status < 500);
      }),
      { numRuns: 150 },
    );
    for (const name of readdirSync(join(t.dataDir, 'blobs'))) {
      const bytes = readFileSync(join(t.dataDir, 'blobs', name));
      assert.equal(sha256Hex(bytes), name, 'every file is named by its hash');
      await checkShareable(bytes, sniffType(bytes.subarray(0, 16)));
    }
  });

  void test('parseRange follows RFC 9110 for one range and ignores what it does not understand', () => {
    assert.deepEqual(parseRange('bytes=0-0', 10), { start: 0, end: 0 });
    assert.deepEqual(parseRange('bytes=5-100', 10), { start: 5, end: 9 });
    assert.deepEqual(parseRange('bytes=-3', 10), { start: 7, end: 9 });
    assert.deepEqual(parseRange('bytes=-30', 10), { start: 0, end: 9 });
    assert.equal(parseRange('bytes=10-', 10), 'unsatisfiable');
    assert.equal(parseRange('bytes=-0', 10), 'unsatisfiable');
    assert.equal(parseRange('bytes=5-2', 10), undefined);
    assert.equal(parseRange('bytes=0-1,3-4', 10), undefined);
    assert.equal(parseRange('items=0-1', 10), undefined);
    assert.equal(parseRange(`bytes=0-${'9'.repeat(30)}`, 10), undefined);
  });
});
