// Images named by published media descriptors are copied into the site (through the node's blob
// store) and shown lazily on their record pages; others (missing, not images) are not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { hexToBytes } from '@noble/hashes/utils.js';
import { signEvent } from '../../src/core/event.ts';
import { BlobStore } from '../../src/node/blobs.ts';
import { writeSite } from '../../src/publish/site/write.ts';

test('a published image is copied into media/ with its bytes and shown with loading="lazy"; a missing or non-image blob is not', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keruen-site-media-'));
  const blobs = new BlobStore(join(dir, 'blobs'));
  const png = await sharp({ create: { width: 8, height: 6, channels: 3, background: '#a33' } }).png().toBuffer();
  const text = new TextEncoder().encode('a plain text source');
  const [image, plain] = [await blobs.put(png), await blobs.put(text)];
  const sk = hexToBytes('1f'.repeat(32));
  const descriptor = (x: string, m: string, alt: string, t: number) => signEvent({ kind: 1063, created_at: t, tags: [['x', x], ['m', m], ['alt', alt]], content: alt }, sk);
  const shown = descriptor(image.sha256, 'image/png', 'Smoke over the akimat', 1_641_370_000);
  const missing = descriptor('ab'.repeat(32), 'image/jpeg', 'A photo this node does not hold', 1_641_370_001);
  const notImage = descriptor(plain.sha256, 'text/plain; charset=utf-8', 'A text file', 1_641_370_002);

  const out = join(dir, 'site');
  const report = await writeSite([shown, missing, notImage], out, { langs: ['en'], blobs });
  assert.equal(report.media, 1);
  assert.deepEqual(readFileSync(join(out, 'media', `${image.sha256}.png`)), png);
  const page = readFileSync(join(out, 'en', 'records', `${shown.id}.html`), 'utf8');
  assert.match(page, new RegExp(`<img src="../../media/${image.sha256}.png" loading="lazy" decoding="async" alt="Smoke over the akimat"`));
  for (const e of [missing, notImage]) assert.doesNotMatch(readFileSync(join(out, 'en', 'records', `${e.id}.html`), 'utf8'), /<img/);
  assert.equal(existsSync(join(out, 'media', `${plain.sha256}.txt`)), false);
});
