/**
 * A locked node reveals nothing: with real `keruen` processes, an encrypted folder gets records
 * (Latin and Cyrillic), a person of concern, a peer, a photo uploaded to the running node and a
 * record published through its relay; then every file under the folder is searched for the
 * words, names, keys and photo. None is found, and the folder still opens with its passphrase.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes as randomBytesNode } from 'node:crypto';
import fc from 'fast-check';
import { once } from 'node:events';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import WebSocket from 'ws';
import { generateSecretKey, getPublicKey, finalizeEvent } from 'nostr-tools/pure';
import * as nip19 from 'nostr-tools/nip19';
import { foldText } from '../../src/core/fold.ts';
import { sha256Hex, BlobStore } from '../../src/node/blobs.ts';
import { Keystore } from '../../src/node/keystore.ts';
import { createLock, registerUnlocked, unlockFolder, forgetUnlocked } from '../../src/node/lock.ts';
import { seal, unseal } from '../../src/node/sealed-file.ts';
import { Kind } from '../../src/core/kinds.ts';
import { signEvent } from '../../src/core/event.ts';
import { KERUEN_BIN, runCli, tempDataDir } from '../helpers/cli.ts';
import { record } from '../helpers/records.ts';

const PASS = 'the caravan passes at dawn';
const env = { KERUEN_PASSPHRASE: PASS };

interface NodeProcess {
  child: ChildProcess;
  relayUrl: string;
  httpUrl: string;
}

async function startNode(data: string): Promise<NodeProcess> {
  const child = spawn(process.execPath, [KERUEN_BIN, '--data', data, 'start', '--port', '0', '--no-mdns', '--sync-every', '3600'], {
    env: { ...process.env, KERUEN_SCRYPT_LOGN: '10', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  while (!/relay: (ws:\S+)/.test(out)) {
    if (child.exitCode !== null) assert.fail(`node exited: ${err}`);
    await Promise.race([once(child.stdout!, 'data'), once(child, 'exit')]);
  }
  return { child, relayUrl: /relay: (ws:\S+)/.exec(out)![1]!, httpUrl: /web: +(http:\S+)/.exec(out)![1]! };
}

async function publish(relayUrl: string, event: object & { id: string }): Promise<void> {
  const ws = new WebSocket(relayUrl);
  await once(ws, 'open');
  ws.send(JSON.stringify(['EVENT', event]));
  // The node may first send a NIP-42 challenge (["AUTH", ...]): a publisher without a key ignores it.
  let reply: [string, string, boolean, string];
  do reply = JSON.parse(String(((await once(ws, 'message')) as [Buffer])[0])) as [string, string, boolean, string];
  while (reply[0] === 'AUTH');
  ws.close();
  assert.deepEqual(reply.slice(0, 3), ['OK', event.id, true], reply[3]);
}

/** Every file under `dir`, any depth (database, -wal, -shm, blobs, sealed files, temp files). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(join(dir, d.name)) : [join(dir, d.name)]));
}

/** Where each needle occurs: `needle -> files`. Needles are searched as raw bytes. */
function findNeedles(files: string[], needles: Map<string, Uint8Array>): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const f of files) {
    const bytes = readFileSync(f);
    for (const [label, needle] of needles) if (bytes.indexOf(needle) >= 0) found.set(label, [...(found.get(label) ?? []), f]);
  }
  return found;
}

test('a locked node reveals nothing of its records, people, keys, peers or photos, and opens with its passphrase', { timeout: 120_000 }, async () => {
  const data = tempDataDir('keruen-at-rest-');
  const cli = async (...args: string[]) => {
    const r = await runCli(['--data', data, ...args], { env });
    assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };

  const npub = await cli('init', '--encrypt', '--name', 'witness');
  const person = await cli('add', 'person', '--name', 'Gulnara Zhaksylykova', '--alias', 'Гульнара Жаксылыкова', '--role', 'journalist', '--description', 'taken from the Kyzylzhar printworks');
  await cli('add', 'testimony', '--lang', 'ru', '--text', 'Мы видели, как горел акимат Тасқұдықбай; бронетранспортёр Qarasorbet стоял у моста.', '--witness', 'медсестра из Жетыжол', '--when', '2022-01-05', '--person', person);
  await cli('add', 'testimony', '--lang', 'en', '--text', 'Soldiers from the Mirzabekov garrison shot at the Vorbizhansk crowd.', '--witness', 'a driver from Ulkenbaltyk', '--when', '2022-01-06');
  const peerSk = generateSecretKey();
  const peerKey = getPublicKey(peerSk);
  await cli('peers', 'add', 'ws://127.0.0.1:9/', '--name', 'courier-Temirbolat');
  await cli('peers', 'accept', nip19.npubEncode(peerKey), '--name', 'Saule-laptop');

  // The witness's secret key, opened here with the real code to search for it and to sign the upload.
  registerUnlocked(data, unlockFolder(data, PASS));
  const keystore = new Keystore(join(data, 'identities'));
  const witness = keystore.find();
  assert.equal(witness.npub, npub);
  const sk = keystore.unlock(witness, PASS);

  const photo = await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 200, g: 40, b: 30 } } })
    .composite([{ input: Buffer.from('<svg width="320" height="240"><text x="10" y="120" font-size="40">Zhanaozen</text></svg>'), top: 0, left: 0 }])
    .jpeg({ quality: 90 })
    .toBuffer();
  const photoSha = sha256Hex(photo);
  const author = generateSecretKey();
  const node = await startNode(data);
  try {
    const expiration = Math.floor(Date.now() / 1000) + 600;
    const auth = finalizeEvent({ kind: 24242, created_at: Math.floor(Date.now() / 1000), tags: [['t', 'upload'], ['x', photoSha], ['expiration', String(expiration)]], content: 'Upload photo' }, sk);
    const res = await fetch(`${node.httpUrl}/upload`, { method: 'PUT', body: photo, headers: { authorization: `Nostr ${Buffer.from(JSON.stringify(auth)).toString('base64')}` } });
    assert.equal(res.status, 200, await res.clone().text());
    const published = record(author, Kind.Testimony, { lang: 'en', text: 'Kalkamanovka checkpoint closed, said the Dzhambulovsky courier.', witness: { description: 'a courier', firsthand: true } }, [], Math.floor(Date.now() / 1000));
    await publish(node.relayUrl, published);
    // The photo's record names it by sha256, as every media descriptor does.
    const tags = [['x', photoSha], ['m', 'image/jpeg'], ['size', String(photo.length)], ['redaction', 'exif-gps-removed']];
    await publish(node.relayUrl, signEvent({ kind: Kind.MediaDescriptor, created_at: Math.floor(Date.now() / 1000), tags, content: 'Photo of the Kalkamanovka checkpoint' }, author));
  } finally {
    node.child.kill('SIGTERM');
    await once(node.child, 'exit');
  }

  const authorPub = getPublicKey(author);
  const words = [
    'Gulnara Zhaksylykova', 'Гульнара Жаксылыкова', 'Zhaksylykova', 'Жаксылыкова', 'Kyzylzhar', 'Тасқұдықбай', 'Qarasorbet', 'бронетранспортёр',
    'Жетыжол', 'Mirzabekov', 'Vorbizhansk', 'Ulkenbaltyk', 'Kalkamanovka', 'Dzhambulovsky', 'courier-Temirbolat', 'Saule-laptop', 'witness',
  ];
  const needles = new Map<string, Uint8Array>();
  const text = (label: string, s: string) => needles.set(label, Buffer.from(s, 'utf8'));
  for (const w of words) {
    text(w, w);
    // The search index holds words folded across scripts (ru/kk → Latin, lower case).
    for (const folded of foldText(w).split(/\s+/).filter((x) => x.length >= 5)) text(`${w} folded: ${folded}`, folded);
  }
  for (const [name, hex] of [['witness', witness.pubkey], ['peer', peerKey], ['author', authorPub]] as const) {
    text(`${name} pubkey hex`, hex);
    text(`${name} npub`, nip19.npubEncode(hex));
    needles.set(`${name} pubkey bytes`, Buffer.from(hex, 'hex'));
  }
  text('secret key hex', Buffer.from(sk).toString('hex'));
  text('nsec', nip19.nsecEncode(sk));
  needles.set('secret key bytes', sk.slice());
  text('photo sha256 hex', photoSha);
  needles.set('photo sha256 bytes', Buffer.from(photoSha, 'hex'));
  for (let at = 0; at + 32 <= photo.length; at += Math.floor(photo.length / 16)) needles.set(`photo bytes at ${at}`, photo.subarray(at, at + 32));

  const files = filesUnder(data);
  // Every kind of file the node wrote is there to be searched.
  const names = files.map((f) => f.slice(data.length + 1));
  for (const expected of ['keruen.db', 'lock.json', 'node-key', 'peers.json']) assert.ok(names.includes(expected), `${expected} in ${names.join(', ')}`);
  assert.ok(names.some((n) => n.startsWith('blobs/')), 'a blob file');
  assert.ok(names.some((n) => n.startsWith('identities/')), 'an identity file');
  const leaks = findNeedles(files, needles);
  assert.deepEqual([...leaks.entries()].map(([k, v]) => `${k} in ${v.map((f) => f.slice(data.length + 1)).join(', ')}`), []);

  // The same search finds the needles where they are in clear: it is not blind.
  const plainCopy = join(tempDataDir('keruen-at-rest-plain-'), 'export.jsonl');
  writeFileSync(plainCopy, (await cli('export')) + readFileSync(join(data, 'lock.json'), 'utf8'));
  const inExport = findNeedles([plainCopy], needles);
  for (const w of ['Qarasorbet', 'Гульнара Жаксылыкова', 'Kalkamanovka', 'witness pubkey hex', 'author pubkey hex', 'photo sha256 hex']) assert.ok(inExport.has(w), `the search finds ${w} in clear`);
  const photoFile = join(tempDataDir('keruen-at-rest-photo-'), 'photo.jpg');
  writeFileSync(photoFile, photo);
  assert.ok(findNeedles([photoFile], needles).has('photo bytes at 0'));

  // With the passphrase, everything is there.
  assert.match(await cli('search', 'Qarasorbet'), /Qarasorbet/);
  assert.match(await cli('search', 'Жаксылыкова'), /Zhaksylykova|Жаксылыкова/);
  assert.match(await cli('search', 'Kalkamanovka'), /Kalkamanovka/);
  assert.match(await cli('identities'), new RegExp(npub));
  assert.match(await cli('peers', 'list'), /courier-Temirbolat/);
  assert.match(await cli('peers', 'whoami'), /^npub1/);
  const blobs = new BlobStore(join(data, 'blobs'));
  assert.ok(blobs.encrypted);
  assert.deepEqual(Buffer.from(await blobs.read(photoSha)), photo);
  assert.equal((await blobs.stat(photoSha))?.type, 'image/jpeg');
  const part: Uint8Array[] = [];
  for await (const c of blobs.chunks(photoSha, { start: 100, end: 199 })) part.push(c);
  assert.deepEqual(Buffer.concat(part), photo.subarray(100, 200));
  sk.fill(0);
  forgetUnlocked(data);

  // A wrong passphrase: exit 5, a clear message, and nothing changed.
  const before = new Map(files.map((f) => [f, statSync(f).mtimeMs]));
  const wrong = await runCli(['--data', data, 'list'], { env: { KERUEN_PASSPHRASE: 'not the passphrase at all' } });
  assert.equal(wrong.code, 5, wrong.stderr);
  assert.match(wrong.stderr, /wrong passphrase/);
  for (const [f, mtime] of before) assert.equal(statSync(f).mtimeMs, mtime, `${f} unchanged`);
  // Without any passphrase (no terminal): a usage error that says how to give one.
  const none = await runCli(['--data', data, 'list'], { env: { KERUEN_PASSPHRASE: '' } });
  assert.equal(none.code, 2, none.stderr);
  assert.match(none.stderr, /passphrase/);
});

test('hostile bytes in lock.json, sealed files and encrypted blobs: a clear error, never a wrong result', { timeout: 120_000 }, async () => {
  const isKeruenError = (e: unknown, codes: string[]) => e instanceof Error && codes.includes((e as Error & { code: string }).code);
  // lock.json: cut, flipped or replaced, it opens to the one true key or not at all.
  const root = tempDataDir('keruen-hostile-lock-');
  const dataKey = createLock(root, PASS, undefined, { name: 'scrypt', logN: 8, r: 8, p: 1 });
  const lockFile = join(root, 'lock.json');
  const good = readFileSync(lockFile);
  fc.assert(
    fc.property(fc.oneof(fc.uint8Array({ maxLength: 600 }), flipped(good), cut(good)), (bytes) => {
      writeFileSync(lockFile, bytes);
      try {
        assert.deepEqual(unlockFolder(root, PASS), dataKey);
      } catch (e) {
        assert.ok(isKeruenError(e, ['io', 'bad_passphrase']), String(e));
      }
    }),
    { numRuns: 150 },
  );

  // A sealed file opens to what was sealed, or is an io error naming it.
  const sealedPath = join(root, 'peers.json');
  const fileKey = new Uint8Array(32).fill(7);
  const sealedGood = seal(sealedPath, Buffer.from('{"version":1}'), fileKey);
  fc.assert(
    fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), flipped(sealedGood), cut(sealedGood)), (bytes) => {
      try {
        assert.equal(Buffer.from(unseal(sealedPath, bytes, fileKey)).toString(), '{"version":1}');
      } catch (e) {
        assert.ok(isKeruenError(e, ['io']) && (e as Error).message.includes('peers.json'), String(e));
      }
    }),
    { numRuns: 300 },
  );

  // An encrypted blob (three chunks): damaged anywhere, stat/read/range fail with io, never other bytes.
  const keys = { seal: new Uint8Array(32).fill(1), name: new Uint8Array(32).fill(2) };
  const store = new BlobStore(join(tempDataDir('keruen-hostile-blobs-'), 'blobs'), keys);
  const blob = new Uint8Array(randomBytesNode(150_000));
  const sha = (await store.put(blob)).sha256;
  const file = join(store.dir, readdirSync(store.dir)[0]!);
  const blobGood = readFileSync(file);
  await fc.assert(
    fc.asyncProperty(fc.oneof(flipped(blobGood), cut(blobGood), fc.uint8Array({ maxLength: 300 })), async (bytes) => {
      writeFileSync(file, bytes);
      try {
        const info = await store.stat(sha);
        if (info === undefined) return;
        assert.deepEqual(await store.read(sha), blob);
      } catch (e) {
        assert.ok(isKeruenError(e, ['io']), String(e));
      }
    }),
    { numRuns: 150 },
  );
});

function flipped(good: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc.tuple(fc.nat({ max: good.length - 1 }), fc.integer({ min: 1, max: 255 })).map(([at, x]) => {
    const b = Uint8Array.from(good);
    b[at] = b[at]! ^ x;
    return b;
  });
}

function cut(good: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc.nat({ max: good.length - 1 }).map((n) => good.slice(0, n));
}
