/**
 * Sealed bundles in memory: only the recipient's key opens them, the file shows nothing of
 * its content, and a damaged or cut sealed file still opens slot by slot.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { bundleFrames, type BundlePlan } from '../../src/sync/bundle/build.ts';
import { BundleCollector, type BundleContents } from '../../src/sync/bundle/collect.ts';
import { findSlotKey, SlotOpener, SlotSealer, EPHEMERAL_BYTES, SLOT_BYTES, SLOT_PLAIN } from '../../src/sync/bundle/crypto.ts';
import { FrameScanner, FrameType, MAGIC, MAGIC_PREFIX, SYNC } from '../../src/sync/bundle/format.ts';
import { nodeCodec } from '../../src/sync/bundle/node-codec.ts';
import { people } from './helpers.ts';

const recipient = generateSecretKey();
const recipientPub = getPublicKey(recipient);

interface Sealed {
  file: Uint8Array;
  plain: Uint8Array;
  /** Plain-stream [start, end) and record ids of each records frame. */
  recordFrames: { start: number; end: number; ids: string[] }[];
  ids: string[];
}

async function sealed(): Promise<Sealed> {
  const events = people(2000, 1_641_000_000, 'sealed');
  const blob = randomBytes(150_000);
  const plan: BundlePlan = {
    creator: 'npub-test',
    created: 1_641_400_000,
    records: events.map((e) => ({ id: e.id, line: JSON.stringify(e) })),
    blobs: [{ sha256: createHash('sha256').update(blob).digest('hex'), size: blob.length, read: () => Promise.resolve(blob) }],
    known: [],
  };
  const parts: Uint8Array[] = [];
  const recordFrames: Sealed['recordFrames'] = [];
  let at = 0;
  for await (const f of bundleFrames(plan, nodeCodec)) {
    if (f[SYNC.length] === FrameType.Records) recordFrames.push({ start: at, end: at + f.length, ids: [...plainContents(Buffer.concat([MAGIC, f])).lines.keys()] });
    parts.push(f);
    at += f.length;
  }
  const plain = Buffer.concat(parts);
  const sealer = new SlotSealer(recipientPub);
  const file = Buffer.concat([sealer.header, ...sealer.push(plain), ...sealer.end()]);
  return { file, plain, recordFrames, ids: events.map((e) => e.id) };
}

function plainContents(bytes: Uint8Array): BundleContents {
  const collector = new BundleCollector(nodeCodec, { blobs: 'assemble', maxBlobBytes: 1 << 24 });
  const scanner = new FrameScanner(nodeCodec);
  collector.add(scanner.push(bytes));
  collector.add(scanner.end());
  return collector.contents;
}

function open(file: Uint8Array, key: Uint8Array): { contents: BundleContents; slotDamage: number[] } {
  const opener = new SlotOpener(key);
  const { plain, damage } = opener.push(file);
  const slotDamage = [...damage, ...opener.end()].map((d) => d.offset);
  return { contents: plainContents(Buffer.concat(plain)), slotDamage };
}

const fixture = sealed();

function contains(hay: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(hay).indexOf(Buffer.from(needle)) >= 0;
}

test('a sealed bundle opens with the recipient key only, and carries everything', async () => {
  const { file, ids } = await fixture;
  assert.equal(findSlotKey(file, [generateSecretKey(), generateSecretKey()]), undefined);
  const key = findSlotKey(file, [generateSecretKey(), recipient]);
  assert.ok(key);
  const { contents } = open(file, key);
  assert.equal(contents.lines.size, ids.length);
  assert.equal(contents.blobsVerified.size, 1);
  assert.notEqual(contents.endFrames, undefined);
});

test('a seized sealed bundle shows no magic, no frame marker, no recipient key; fresh key and nonces each time', async () => {
  const { file, plain } = await fixture;
  assert.ok(!contains(file, MAGIC_PREFIX));
  assert.ok(!contains(file, SYNC));
  assert.ok(!contains(file, Buffer.from(recipientPub, 'hex')));
  assert.ok(!contains(file, Buffer.from(recipientPub)));
  assert.ok(file.length >= EPHEMERAL_BYTES + Math.ceil(plain.length / SLOT_PLAIN) * SLOT_BYTES);
  // Two bundles of the same records differ everywhere (fresh key, fresh nonces) and in length.
  const again = new SlotSealer(recipientPub);
  const other = Buffer.concat([again.header, ...again.push(plain), ...again.end()]);
  assert.notDeepEqual(other.subarray(0, 64), Buffer.from(file).subarray(0, 64));
});

test('hostile: a damaged or cut sealed bundle loses only the slots hit; every other records frame opens', async () => {
  const { file, recordFrames } = await fixture;
  const key = findSlotKey(file, [recipient])!;
  const slotOf = (plainOffset: number) => Math.floor(plainOffset / SLOT_PLAIN);
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: EPHEMERAL_BYTES, max: file.length - 1 }), fc.integer({ min: EPHEMERAL_BYTES + 1, max: file.length }), async (flip, cut) => {
      const copy = Uint8Array.from(file.subarray(0, cut));
      if (flip < cut) copy[flip]! ^= 0x20;
      const { contents, slotDamage } = open(copy, key);
      const hitSlot = flip < cut ? Math.floor((flip - EPHEMERAL_BYTES) / SLOT_BYTES) : -1;
      const wholeSlots = Math.floor((cut - EPHEMERAL_BYTES) / SLOT_BYTES);
      if (hitSlot >= 0 && hitSlot < wholeSlots) assert.ok(slotDamage.includes(EPHEMERAL_BYTES + hitSlot * SLOT_BYTES), 'the damaged slot is named');
      for (const f of recordFrames) {
        const first = slotOf(f.start);
        const last = slotOf(f.end - 1);
        if (last >= wholeSlots || (hitSlot >= first && hitSlot <= last)) continue;
        for (const id of f.ids) assert.ok(contents.lines.has(id));
      }
    }),
    { numRuns: 25 },
  );
});
