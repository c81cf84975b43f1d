/**
 * The bundle format in memory: round trip, a pinned byte vector, and hostile input (cuts, byte
 * flips, garbage, frames reordered and duplicated, well-hashed but malformed frames): the
 * reader never throws, recovers every intact frame, and names every damaged byte.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { generateSecretKey } from 'nostr-tools/pure';
import { signEvent, type VerifiedEvent } from '../../src/core/event.ts';
import { Kind } from '../../src/core/kinds.ts';
import { bundleFrames, type BundlePlan } from '../../src/sync/bundle/build.ts';
import { readBundle, type BundleContents } from '../../src/sync/bundle/collect.ts';
import { encodeFrame, FrameScanner, FrameType, MAGIC, type FrameCodec } from '../../src/sync/bundle/format.ts';
import { nodeCodec } from '../../src/sync/bundle/node-codec.ts';
import { people } from './helpers.ts';

const sk = generateSecretKey();
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function descriptorFor(bytes: Uint8Array, t = 1_641_340_900): VerifiedEvent {
  const tags = [['x', sha(bytes)], ['m', 'application/octet-stream'], ['size', String(bytes.length)]];
  return signEvent({ kind: Kind.MediaDescriptor, created_at: t, tags, content: 'Photo' }, sk);
}

interface Built {
  bytes: Uint8Array;
  /** [start, end) of MAGIC and of each frame, in file order. */
  frames: { start: number; end: number; bytes: Uint8Array }[];
  plan: BundlePlan;
  blobs: Map<string, Uint8Array>;
}

async function build(nRecords: number, blobSizes: number[]): Promise<Built> {
  const blobs = new Map(blobSizes.map((n) => randomBytes(n)).map((b) => [sha(b), new Uint8Array(b)] as const));
  const events = [...people(nRecords), ...[...blobs.values()].map((b, i) => descriptorFor(b, 1_641_340_900 + i))];
  const plan: BundlePlan = {
    creator: 'almaty-circle',
    created: 1_641_400_000,
    records: events.map((e) => ({ id: e.id, line: JSON.stringify(e) })),
    blobs: [...blobs].map(([sha256, b]) => ({ sha256, size: b.length, read: () => Promise.resolve(b) })),
    known: events.map((e) => e.id.slice(0, 32)).sort(),
  };
  const frames: Built['frames'] = [];
  let at = 0;
  for await (const f of bundleFrames(plan, nodeCodec)) {
    frames.push({ start: at, end: at + f.length, bytes: f });
    at += f.length;
  }
  return { bytes: Buffer.concat(frames.map((f) => f.bytes)), frames, plan, blobs };
}

function read(bytes: Uint8Array): BundleContents {
  const blobs = new Map<string, Uint8Array>();
  const { contents } = readBundle(bytes, nodeCodec, { blobs: 'assemble', maxBlobBytes: 1 << 24, onBlob: (s, b) => blobs.set(s, b) });
  for (const [s, b] of blobs) assert.equal(sha(b), s);
  return contents;
}

/** Record ids a frame carries (by decoding it alone). */
function recordIdsIn(frame: Uint8Array): string[] {
  return [...read(Buffer.concat([MAGIC, frame])).lines.keys()];
}

const damaged = (c: BundleContents, at: number) => c.damage.some((d) => d.offset <= at && at < d.end);

// Built once: 600 records (several record frames), blobs across several chunks and an empty one.
const fixture = build(600, [0, 10, 300_000, 700_000]);

test('round trip: every record, blob, manifest entry and known prefix comes back, no damage', async () => {
  const { bytes, plan, blobs, frames } = await fixture;
  const c = read(bytes);
  assert.deepEqual(c.damage, []);
  assert.equal(c.magic, 'ok');
  assert.deepEqual([...c.lines.keys()].sort(), plan.records.map((r) => r.id).sort());
  assert.deepEqual([...c.promisedRecords].sort(), plan.records.map((r) => r.id).sort());
  assert.deepEqual([...c.promisedBlobs.keys()].sort(), [...blobs.keys()].sort());
  assert.deepEqual([...c.blobsVerified].sort(), [...blobs.keys()].sort());
  assert.deepEqual(c.known, plan.known);
  assert.equal(c.summary?.creator, 'almaty-circle');
  assert.equal(c.endFrames, frames.length - 2);
  assert.equal(c.frames, frames.length - 1);
  // Records before blobs: the last record frame ends before the first blob chunk starts.
  const types = frames.slice(1).map((f) => f.bytes[8]);
  assert.ok(types.lastIndexOf(FrameType.Records) < types.indexOf(FrameType.BlobChunk));
});

test('byte vector: version 1 magic and an uncompressed end frame', () => {
  const frame = encodeFrame(FrameType.End, new TextEncoder().encode('{"frames":0}'), nodeCodec, false);
  assert.equal(
    Buffer.concat([MAGIC, frame]).toString('hex'),
    '4b524e424e444c01' + 'f09f90ab4b52460a' + '07' + '00' + '0000000c' + sha(Buffer.from('0700' + '0000000c' + Buffer.from('{"frames":0}').toString('hex'), 'hex')) + Buffer.from('{"frames":0}').toString('hex'),
  );
  const scanner = new FrameScanner(nodeCodec);
  // Fed one byte at a time, the scanner finds the same frame.
  const events = [...Buffer.concat([MAGIC, frame])].flatMap((b) => scanner.push(new Uint8Array([b])));
  events.push(...scanner.end());
  assert.deepEqual(events.map((e) => e.kind), ['frame']);
});

test('hostile: a bundle cut anywhere gives every frame before the cut and names the cut', async () => {
  const { bytes, frames, plan } = await fixture;
  const promised = plan.records.map((r) => r.id);
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: bytes.length }), async (cut) => {
      const c = read(bytes.subarray(0, cut));
      for (const f of frames.slice(1)) if (f.end <= cut) for (const id of recordIdsIn(f.bytes)) assert.ok(c.lines.has(id));
      const cutFrame = frames.find((f) => f.start < cut && cut < f.end);
      if (cutFrame !== undefined) assert.ok(damaged(c, cutFrame.start), `the cut frame at ${cutFrame.start} is named`);
      else assert.deepEqual(c.damage, []);
      // What the manifest promised is either here or can be named as missing.
      if (c.promisedRecords.size === promised.length) assert.equal(promised.filter((id) => !c.lines.has(id)).length + c.lines.size, promised.length);
      assert.equal(c.endFrames !== undefined, cut === bytes.length);
    }),
    { numRuns: 60 },
  );
});

test('hostile: byte flips lose only the frames they hit, and every flipped byte is inside a named damage', async () => {
  const { bytes, frames } = await fixture;
  await fc.assert(
    fc.asyncProperty(fc.uniqueArray(fc.integer({ min: 0, max: bytes.length - 1 }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 1, max: 255 }), async (at, xor) => {
      const copy = Uint8Array.from(bytes);
      for (const i of at) copy[i]! ^= xor;
      const c = read(copy);
      for (const i of at) assert.ok(damaged(c, i), `flip at ${i} is named`);
      for (const f of frames.slice(1)) {
        if (at.some((i) => f.start <= i && i < f.end)) continue;
        for (const id of recordIdsIn(f.bytes)) assert.ok(c.lines.has(id), 'an intact frame is recovered');
      }
      if (frames.slice(1).every((f) => f.bytes[8] !== FrameType.BlobChunk || !at.some((i) => f.start <= i && i < f.end))) assert.equal(c.blobsVerified.size, 4);
    }),
    { numRuns: 80 },
  );
});

test('hostile: frames reordered and duplicated lose nothing and report nothing', async () => {
  const { frames, plan, blobs } = await fixture;
  await fc.assert(
    fc.asyncProperty(fc.array(fc.nat(), { minLength: frames.length - 1, maxLength: frames.length - 1 }), fc.array(fc.integer({ min: 1, max: frames.length - 1 }), { maxLength: 6 }), async (keys, dups) => {
      const body = frames.slice(1).map((f, i) => ({ f, k: keys[i]! }));
      body.sort((a, b) => a.k - b.k);
      const parts = [MAGIC, ...body.map((b) => b.f.bytes), ...dups.map((d) => frames[d]!.bytes)];
      const c = read(Buffer.concat(parts));
      assert.deepEqual(c.damage, []);
      assert.equal(c.lines.size, plan.records.length);
      assert.equal(c.blobsVerified.size, blobs.size);
    }),
    { numRuns: 30 },
  );
});

test('hostile: random garbage, alone or spliced between frames, never crashes and is named', async () => {
  const { frames, plan } = await fixture;
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 4096 }), (junk) => {
      const c = read(junk);
      assert.equal(c.lines.size, 0);
      if (junk.length > 0) assert.ok(damaged(c, 0) && damaged(c, junk.length - 1));
    }),
    { numRuns: 200 },
  );
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 1, max: frames.length - 1 }), fc.uint8Array({ minLength: 1, maxLength: 2000 }), async (where, junk) => {
      const parts = [...frames.slice(0, where).map((f) => f.bytes), junk, ...frames.slice(where).map((f) => f.bytes)];
      const c = read(Buffer.concat(parts));
      assert.equal(c.lines.size, plan.records.length);
      assert.ok(damaged(c, frames[where - 1]!.end), 'the junk is named');
    }),
    { numRuns: 30 },
  );
});

test('hostile: frames whose hash verifies but whose payload is nonsense are named, not trusted', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 7 }), fc.uint8Array({ maxLength: 300 }), fc.boolean(), (type, payload, compress) => {
      const c = read(Buffer.concat([MAGIC, encodeFrame(type as FrameType, payload, nodeCodec, compress)]));
      // Either it made sense (a valid list, a readable summary...) or it is named as malformed.
      for (const d of c.damage) assert.match(d.reason, /malformed/);
    }),
    { numRuns: 300 },
  );
  // A hostile creator's deflate bomb (2 MiB of zeros in a few kB) is refused, not inflated.
  const bombCodec: FrameCodec = { ...nodeCodec, deflate: () => deflateRawSync(new Uint8Array(2 * 1024 * 1024)) };
  const c = read(Buffer.concat([MAGIC, encodeFrame(FrameType.Records, new Uint8Array(1024 * 1024), bombCodec)]));
  assert.equal(c.lines.size, 0);
  assert.match(c.damage[0]!.reason, /records frame is intact but malformed/);
});
