/**
 * `keruen bundle` as a courier uses it, with real processes and separate data folders: two
 * nodes that never connect converge through bundles both ways (records and blobs), `--for`
 * sends only the difference, re-import is idempotent, a sealed bundle opens only with the right
 * key, and a damaged bundle gives all that verifies and names every loss.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSecretKey } from 'nostr-tools/pure';
import { signEvent, type VerifiedEvent } from '../../src/core/event.ts';
import { Kind } from '../../src/core/kinds.ts';
import { BlobStore } from '../../src/node/blobs.ts';
import { runCli, tempDataDir } from '../helpers/cli.ts';
import { people } from '../sync/helpers.ts';
import type { ImportReport } from '../../src/sync/bundle/import.ts';

const PASS = { KERUEN_PASSPHRASE: 'a long enough passphrase' };
const sk = generateSecretKey();

/** A media record and its blob, stored in a node's data folder the way the node stores them. */
async function photo(data: string, size: number, t: number): Promise<{ event: VerifiedEvent; sha256: string }> {
  const bytes = randomBytes(size);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await new BlobStore(join(data, 'blobs')).put(bytes);
  const event = signEvent({ kind: Kind.MediaDescriptor, created_at: t, tags: [['x', sha256], ['m', 'image/jpeg'], ['size', String(size)]], content: 'Photo, 5 January' }, sk);
  return { event, sha256 };
}

async function seed(data: string, events: VerifiedEvent[]): Promise<void> {
  const file = join(data, 'seed.jsonl');
  writeFileSync(file, events.map((e) => JSON.stringify(e)).join('\n'));
  const r = await runCli(['--data', data, 'import', file]);
  assert.equal(r.code, 0, r.stderr);
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

const hasBlob = (data: string, sha256: string) => existsSync(join(data, 'blobs', sha256));

async function importJson(data: string, file: string, env: Record<string, string> = {}): Promise<{ code: number; report: ImportReport; stderr: string }> {
  const r = await runCli(['--data', data, 'bundle', 'import', file, '--json'], { env });
  assert.ok(r.stdout.length > 0, r.stderr);
  return { code: r.code, report: JSON.parse(r.stdout) as ImportReport, stderr: r.stderr };
}

test('two nodes that never connect converge through bundles both ways; --for sends only the difference; re-import is idempotent; no overwrite', async () => {
  const a = tempDataDir('keruen-bundle-a-');
  const b = tempDataDir('keruen-bundle-b-');
  const shared = people(30, 1_641_340_800, 'shared');
  const photoA = await photo(a, 600_000, 1_641_400_100);
  const photoB = await photo(b, 20_000, 1_641_300_100);
  await seed(a, [...shared, ...people(25, 1_641_400_000, 'a'), photoA.event]);
  await seed(b, [...shared, ...people(12, 1_641_300_000, 'b'), photoB.event]);
  const toB = join(a, 'to-b.bundle');

  const made = await runCli(['--data', a, 'bundle', 'create', toB, '--as', 'node-a']);
  assert.equal(made.code, 0, made.stderr);
  assert.match(made.stdout, /56 records, 1 blob/);
  const again = await runCli(['--data', a, 'bundle', 'create', toB]);
  assert.equal(again.code, 2);
  assert.match(again.stderr, /already exists/);

  const first = await runCli(['--data', b, 'bundle', 'import', toB]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /Records: 56 promised, 56 came intact: 26 stored, 30 already here/);
  assert.match(first.stdout, /Blobs: 1 promised: 1 stored/);
  assert.match(first.stdout, /Learnt 56 records node-a holds/);
  assert.ok(hasBlob(b, photoA.sha256));

  const repeat = await runCli(['--data', b, 'bundle', 'import', toB]);
  assert.equal(repeat.code, 0, repeat.stderr);
  assert.match(repeat.stdout, /0 stored, 56 already here/);
  assert.match(repeat.stdout, /Nothing new/);

  // B answers with only what A lacks: its own 12 records and its photo's record and blob.
  const toA = join(b, 'to-a.bundle');
  const answer = await runCli(['--data', b, 'bundle', 'create', toA, '--for', 'node-a', '--as', 'node-b', '--json']);
  assert.equal(answer.code, 0, answer.stderr);
  const sent = JSON.parse(answer.stdout) as { records: number; blobs: number; leftOut: number };
  assert.deepEqual([sent.records, sent.blobs, sent.leftOut], [13, 1, 56]);
  const back = await importJson(a, toA);
  assert.equal(back.code, 0, back.stderr);
  assert.equal(back.report.records.stored, 13);
  assert.equal(back.report.blobs.stored, 1);
  assert.deepEqual(await idsIn(a), await idsIn(b));
  assert.equal((await idsIn(a)).length, 69);
  assert.ok(hasBlob(a, photoB.sha256));

  // What B sent is now counted as A's: a second --for bundle carries nothing.
  const nothing = await runCli(['--data', b, 'bundle', 'create', join(b, 'empty.bundle'), '--for', 'node-a', '--json']);
  assert.equal((JSON.parse(nothing.stdout) as { records: number }).records, 0);
});

test('a sealed bundle opens only on the node holding the recipient key; the file holds no readable record', async () => {
  const a = tempDataDir('keruen-seal-a-');
  const mirror = tempDataDir('keruen-seal-mirror-');
  const stranger = tempDataDir('keruen-seal-stranger-');
  const events = people(20, 1_641_340_800, 'sealed-witness');
  await seed(a, events);
  const init = await runCli(['--data', mirror, 'init', '--name', 'mirror'], { env: PASS });
  assert.equal(init.code, 0, init.stderr);
  const npub = init.stdout.trim();
  assert.equal((await runCli(['--data', stranger, 'init', '--name', 'stranger'], { env: PASS })).code, 0);

  const file = join(a, 'sealed.bundle');
  const made = await runCli(['--data', a, 'bundle', 'create', file, '--to', npub]);
  assert.equal(made.code, 0, made.stderr);
  const bytes = readFileSync(file);
  assert.equal(bytes.indexOf('sealed-witness'), -1);
  assert.equal(bytes.indexOf(events[0]!.id.slice(0, 16)), -1);

  const wrongKey = await runCli(['--data', stranger, 'bundle', 'import', file], { env: PASS });
  assert.equal(wrongKey.code, 4);
  assert.match(wrongKey.stderr, /no identity on this node opens/);
  const noKey = await runCli(['--data', tempDataDir('keruen-seal-none-'), 'bundle', 'import', file]);
  assert.equal(noKey.code, 4);
  assert.match(noKey.stderr, /no identity/);
  const wrongPass = await runCli(['--data', mirror, 'bundle', 'import', file], { env: { KERUEN_PASSPHRASE: 'not the passphrase at all' } });
  assert.equal(wrongPass.code, 5);
  assert.deepEqual(await idsIn(mirror), []);

  const opened = await runCli(['--data', mirror, 'bundle', 'import', file], { env: PASS });
  assert.equal(opened.code, 0, opened.stderr);
  assert.match(opened.stdout, /Sealed bundle opened/);
  assert.deepEqual(await idsIn(mirror), events.map((e) => e.id).sort());
});

test('a cut and damaged bundle: all that verifies is imported, every loss is named, exit 3', async () => {
  const a = tempDataDir('keruen-damaged-a-');
  const b = tempDataDir('keruen-damaged-b-');
  const events = people(3000, 1_641_000_000, 'a-long-list-of-people-of-concern-');
  const pic = await photo(a, 400_000, 1_641_400_100);
  await seed(a, [...events, pic.event]);
  const file = join(a, 'whole.bundle');
  assert.equal((await runCli(['--data', a, 'bundle', 'create', file])).code, 0);
  const whole = readFileSync(file);
  // Flip a byte a third of the way in (inside a records frame) and cut the blob's tail off.
  const damagedFile = join(a, 'damaged.bundle');
  const bytes = Buffer.from(whole.subarray(0, whole.length - 100_000));
  const flipAt = Math.floor(whole.length / 6);
  bytes[flipAt]! ^= 0xff;
  writeFileSync(damagedFile, bytes);

  const { code, report, stderr } = await importJson(b, damagedFile);
  assert.equal(code, 3, stderr);
  assert.equal(report.complete, false);
  assert.equal(report.records.promised, 3001);
  assert.ok(report.records.missing.length > 0 && report.records.missing.length < 300, `lost ${report.records.missing.length}`);
  assert.equal(report.records.stored + report.records.missing.length, 3001);
  assert.deepEqual((await idsIn(b)).length, report.records.stored);
  assert.ok(report.damage.some((d) => d.offset <= flipAt && flipAt < d.end), 'the flipped byte is in a named range');
  assert.ok(report.damage.some((d) => /truncated/.test(d.reason)));
  assert.deepEqual(report.blobs.missing.map((m) => m.sha256), [pic.sha256]);
  assert.match(report.blobs.missing[0]!.reason, /incomplete: \d+ of 400000 bytes/);
  assert.ok(!hasBlob(b, pic.sha256));

  const text = await runCli(['--data', tempDataDir('keruen-damaged-c-'), 'bundle', 'import', damagedFile]);
  assert.equal(text.code, 3);
  assert.match(text.stderr, /damaged: bytes \d+-\d+: .*checksum|damaged: bytes \d+-\d+: bytes that belong to no intact frame/);
  assert.match(text.stderr, /never came: record [0-9a-f]{64}/);
  assert.match(text.stderr, /missing blob [0-9a-f]{64}: incomplete/);
});
