/**
 * `keruen add media`, run as a real process: the shared copy carries no EXIF, GPS, XMP or ICC
 * (read back with exifr and sharp), is upright, and is the blob the signed descriptor names (x,
 * size); an original is kept only sealed, only in an encrypted folder, and never served by the
 * node's Blossom; hostile image bytes get a clear error and nothing is stored (fast-check).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import exifr from 'exifr';
import fc from 'fast-check';
import sharp from 'sharp';
import { isKeruenError } from '../../src/core/errors.ts';
import type { VerifiedEvent } from '../../src/core/event.ts';
import { Kind } from '../../src/core/kinds.ts';
import { redactPhoto } from '../../src/node/media-check.ts';
import { ORIGINALS_DIR, readOriginal } from '../../src/node/originals.ts';
import { folderKeys, registerUnlocked, unlockFolder } from '../../src/node/lock.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { startNode } from '../../src/node/node.ts';
import { runCli, tempDataDir } from '../helpers/cli.ts';

const PASS = 'a long passphrase for the media tests';
const env = { KERUEN_PASSPHRASE: PASS };
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A phone photo as it leaves the camera: turned (orientation 6), EXIF with maker and GPS, XMP, a Display P3 profile. */
async function cameraPhoto(format: 'jpeg' | 'webp' | 'png' = 'jpeg'): Promise<Buffer> {
  const base = sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 190, g: 90, b: 40 } } })
    .withIccProfile('p3')
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '43/1 20/1 2400/100', GPSLongitudeRef: 'E', GPSLongitude: '52/1 51/1 3600/100' },
    })
    .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Witness Name</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>');
  return (format === 'jpeg' ? base.jpeg() : format === 'webp' ? base.webp() : base.png()).toBuffer();
}

async function cli(data: string, ...args: string[]) {
  return runCli(['--data', data, ...args], { env });
}

function blobsIn(data: string): string[] {
  const dir = join(data, 'blobs');
  return existsSync(dir) ? readdirSync(dir) : [];
}

function storedCount(data: string): number {
  const store = SqliteStore.open(join(data, 'keruen.db'));
  try {
    return store.count([{}]);
  } finally {
    store.close();
  }
}

test('the shared copy has no GPS, EXIF, XMP or ICC, is upright, and is the blob its signed descriptor names', async () => {
  const data = tempDataDir('keruen-media-');
  assert.equal((await cli(data, 'init', '--name', 'witness')).code, 0);
  const original = await cameraPhoto();
  assert.ok((await exifr.gps(original))?.latitude, 'the test photo carries GPS to begin with');
  const before = await sharp(original).metadata();
  assert.equal(before.orientation, 6);
  assert.ok(before.xmp !== undefined && before.icc !== undefined, 'and XMP and an ICC profile');
  const path = join(data, 'photo.jpg');
  writeFileSync(path, original);
  const r = await cli(data, 'add', 'media', path, '--caption', 'Republic Square, 5 January', '--alt', 'smoke over the square', '--json');
  assert.equal(r.code, 0, r.stderr);
  const event = JSON.parse(r.stdout) as VerifiedEvent;
  assert.equal(event.kind, Kind.MediaDescriptor);
  assert.equal(event.content, 'Republic Square, 5 January');
  const tag = (name: string) => event.tags.find((t) => t[0] === name)?.[1];
  assert.equal(tag('redaction'), 'exif-gps-removed');
  assert.equal(tag('m'), 'image/jpeg');
  assert.equal(tag('ox'), undefined, 'no hash of an original that is not kept');
  assert.equal(tag('dim'), '240x320', 'turned upright: the orientation is in the pixels now');

  const x = tag('x')!;
  assert.deepEqual(blobsIn(data), [x], 'one blob, named by the hash the descriptor gives');
  const shared = readFileSync(join(data, 'blobs', x));
  assert.equal(sha(shared), x);
  assert.equal(String(shared.length), tag('size'));
  assert.equal(await exifr.gps(shared), undefined, 'no GPS');
  assert.equal(await exifr.parse(shared, { tiff: true, xmp: true, iptc: true, icc: true }), undefined, 'exifr finds no EXIF, XMP, IPTC or ICC');
  const meta = await sharp(shared).metadata();
  assert.equal(meta.exif, undefined);
  assert.equal(meta.xmp, undefined);
  assert.equal(meta.icc, undefined);
  assert.equal(meta.orientation, undefined);
  assert.ok(!shared.includes(Buffer.from('TestPhone')) && !shared.includes(Buffer.from('Witness Name')));

  const store = SqliteStore.open(join(data, 'keruen.db'));
  assert.deepEqual(store.get(event.id)?.tags, event.tags, 'the record is stored');
  store.close();
  assert.match(r.stderr, /metadata removed/);
});

test('WebP stays WebP and PNG becomes JPEG, both without metadata', async () => {
  for (const [format, type] of [['webp', 'image/webp'], ['png', 'image/jpeg']] as const) {
    const out = await redactPhoto(await cameraPhoto(format));
    assert.equal(out.type, type);
    const meta = await sharp(out.bytes).metadata();
    assert.deepEqual([meta.exif, meta.xmp, meta.icc], [undefined, undefined, undefined], format);
    // exifr reads JPEG (and not WebP): the WebP copy is checked by libvips above.
    if (type === 'image/jpeg') assert.equal(await exifr.gps(out.bytes), undefined);
    assert.equal(`${out.width}x${out.height}`, '240x320', 'upright');
  }
});

test('--keep-original is refused in a plain folder, before anything is stored', async () => {
  const data = tempDataDir('keruen-media-plain-');
  assert.equal((await cli(data, 'init', '--name', 'witness')).code, 0);
  const path = join(data, 'photo.jpg');
  writeFileSync(path, await cameraPhoto());
  const r = await cli(data, 'add', 'media', path, '--keep-original');
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /is not encrypted, and an original photo \(with its location\) is kept only encrypted: encrypt the folder first \(keruen lock setup\)/);
  assert.deepEqual(blobsIn(data), []);
  assert.equal(existsSync(join(data, ORIGINALS_DIR)), false);
  assert.equal(storedCount(data), 0);
});

test('in an encrypted folder the original is kept sealed, opens whole, and the node never serves it', async () => {
  const data = tempDataDir('keruen-media-enc-');
  assert.equal((await cli(data, 'init', '--encrypt', '--name', 'witness')).code, 0);
  const original = await cameraPhoto();
  const path = join(tempDataDir('keruen-media-src-'), 'photo.jpg');
  writeFileSync(path, original);
  const r = await cli(data, 'add', 'media', path, '--keep-original', '--json');
  assert.equal(r.code, 0, r.stderr);
  const event = JSON.parse(r.stdout) as VerifiedEvent;
  const x = event.tags.find((t) => t[0] === 'x')![1]!;
  const ox = event.tags.find((t) => t[0] === 'ox')![1]!;
  assert.equal(ox, sha(original));

  // Sealed on disk: neither the photo's bytes nor its hash appear in the file or its name.
  const kept = readdirSync(join(data, ORIGINALS_DIR));
  assert.equal(kept.length, 1);
  assert.ok(!kept[0]!.includes(ox));
  const sealed = readFileSync(join(data, ORIGINALS_DIR, kept[0]!));
  assert.ok(!sealed.includes(original.subarray(0, 64)) && !sealed.includes(Buffer.from('TestPhone')));

  registerUnlocked(data, unlockFolder(data, PASS));
  assert.deepEqual(Buffer.from(readOriginal(data, ox)), original, 'the original opens whole with the folder key');
  const store = SqliteStore.open(join(data, 'keruen.db'), { key: folderKeys(data)!.store });
  const node = await startNode({ store, dataDir: data, port: 0, mdns: false, log: () => undefined });
  try {
    const served = await fetch(`${node.httpUrl}/${x}`);
    assert.equal(served.status, 200);
    const bytes = Buffer.from(await served.arrayBuffer());
    assert.equal(sha(bytes), x);
    assert.equal(await exifr.gps(bytes), undefined);
    assert.equal((await fetch(`${node.httpUrl}/${ox}`)).status, 404, 'Blossom does not serve the original');
    assert.equal((await fetch(`${node.httpUrl}/${ox}.jpg`)).status, 404);
  } finally {
    await node.close();
    store.close();
  }
});

test('hostile image bytes: a clear error (unsupported or too large), never a crash; what passes is clean (fast-check)', async () => {
  const jpeg = await cameraPhoto();
  const png = await cameraPhoto('png');
  const mutated = fc.tuple(fc.constantFrom(jpeg, png), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { maxLength: 12 }), fc.option(fc.nat())).map(([base, flips, cut]) => {
    const b = Buffer.from(base);
    for (const [at, v] of flips) b[at % b.length] = v;
    return cut === null ? b : b.subarray(0, cut % b.length);
  });
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 2048 }).map((u) => Buffer.from(u)), mutated), async (bytes) => {
      try {
        const out = await redactPhoto(bytes);
        const meta = await sharp(out.bytes).metadata();
        assert.deepEqual([meta.exif, meta.xmp, meta.icc, meta.iptc], [undefined, undefined, undefined, undefined]);
      } catch (e) {
        assert.ok(isKeruenError(e) && (e.code === 'unsupported_media' || e.code === 'too_large'), `unexpected error: ${String(e)}`);
        assert.ok(e.message.length > 10);
      }
    }),
    { numRuns: 200 },
  );
});

test('keruen add media on hostile files: exit 3 with the reason, nothing stored', async () => {
  const data = tempDataDir('keruen-media-hostile-');
  assert.equal((await cli(data, 'init', '--name', 'witness')).code, 0);
  const jpeg = await cameraPhoto();
  const cases: Array<[string, Buffer]> = [
    ['random.jpg', Buffer.from('this is not a photo at all, just text')],
    ['cut.jpg', jpeg.subarray(0, 200)],
    ['gif.gif', await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).gif().toBuffer()],
  ];
  for (const [name, bytes] of cases) {
    const path = join(data, name);
    writeFileSync(path, bytes);
    const r = await cli(data, 'add', 'media', path);
    assert.equal(r.code, 3, `${name}: ${r.stderr}`);
    assert.match(r.stderr, /not a readable photo|damaged|convert it to JPEG, PNG or WebP/, name);
  }
  assert.deepEqual(blobsIn(data), []);
  assert.equal(storedCount(data), 0);
});
