/**
 * Circles with real nodes: `keruen` processes for A (the author and admin), C (a member, later
 * removed) and D (who joins by invite), and a real relay B in between that is in no circle and
 * guards gift wraps with NIP-42. Everything travels A -> B -> C/D as wraps; B never holds a
 * clear copy and cannot open what it carries.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSecretKey } from 'nostr-tools/pure';
import { verifyWireEvent } from '../../src/core/event.ts';
import { Kind } from '../../src/core/kinds.ts';
import { epochSecrets, hexBytes, openWrap, unwrapCircleRecord } from '../../src/core/circles.ts';
import { CircleBook } from '../../src/node/circles.ts';
import { loadOrCreateNodeKey } from '../../src/node/node-key.ts';
import { startRelayServer } from '../../src/relay/server.ts';
import { SqliteStore } from '../../src/store/sqlite.ts';
import { runCli, tempDataDir } from '../helpers/cli.ts';

const PASS = { KERUEN_PASSPHRASE: 'correct horse battery staple' };

async function ok(args: string[]): Promise<string> {
  const r = await runCli(args, { env: PASS });
  assert.equal(r.code, 0, `keruen ${args.join(' ')}\n${r.stderr}`);
  return r.stdout;
}

function clearRecords(root: string, name: string): string[] {
  const book = new CircleBook(root);
  try {
    return book.records(book.find(name)).query([{}]).map((e) => JSON.parse(e.content).text as string);
  } finally {
    book.close();
  }
}

test('a member reads through a relay that cannot; a removed member cannot read what comes after; an invitee joins', async () => {
  const [a, c, d] = [tempDataDir('keruen-circle-a-'), tempDataDir('keruen-circle-c-'), tempDataDir('keruen-circle-d-')];
  const cKey = loadOrCreateNodeKey(c);
  const bStore = SqliteStore.open(':memory:');
  // B: a relay in no circle, with no peers: it carries wraps and serves them only to their recipients.
  const b = await startRelayServer({ store: bStore, keepaliveMs: 0, auth: { isPeer: () => false } });
  try {
    await ok(['--data', a, 'init', '--name', 'witness']);
    await ok(['--data', a, 'circle', 'create', 'lawyers']);
    await ok(['--data', a, 'circle', 'add', 'lawyers', cKey.npub]);
    await ok(['--data', a, 'add', 'testimony', '--text', 'They took Arman at the square.', '--witness', 'a neighbour', '--circle', 'lawyers']);
    await ok(['--data', a, 'circle', 'sync', b.url]);

    // B carries wraps only: no clear copy, nothing it can open.
    assert.equal(bStore.count([{ kinds: [Kind.Testimony] }]), 0, 'no clear testimony on B');
    const wraps = bStore.query([{ kinds: [Kind.GiftWrap] }]);
    assert.equal(wraps.length, 2, 'the key share for C and the record');
    assert.ok(!JSON.stringify(wraps).includes('Arman'));
    for (const w of wraps) assert.throws(() => openWrap(w, generateSecretKey()), { code: 'unauthorized' }, "B's key opens nothing");
    // A's own main store (what A's relay, sync and bundles read) holds the wrap, not the clear copy.
    const aStore = SqliteStore.open(join(a, 'keruen.db'));
    assert.equal(aStore.count([{ kinds: [Kind.Testimony] }]), 0, "A's main store has no clear copy");
    assert.equal(aStore.count([{ kinds: [Kind.GiftWrap] }]), 2);
    aStore.close();
    assert.deepEqual(clearRecords(a, 'lawyers'), ['They took Arman at the square.'], 'A shows its own record');

    // C, a member: the key share, then the record, through B; shown in clear, signature checked.
    await ok(['--data', c, 'circle', 'sync', b.url]);
    const shown = await ok(['--data', c, 'circle', 'records', 'lawyers', '--json']);
    const [record] = shown.trim().split('\n').map((l) => verifyWireEvent(JSON.parse(l)));
    assert.equal(record?.kind, Kind.Testimony);
    assert.match(record?.content ?? '', /They took Arman/);

    // C is removed: epoch 2 goes to A alone; the next record is wrapped to it.
    await ok(['--data', a, 'circle', 'remove', 'lawyers', cKey.npub]);
    await ok(['--data', a, 'add', 'testimony', '--text', 'Arman was moved to Zhanaozen.', '--witness', 'a lawyer', '--circle', 'lawyers']);
    await ok(['--data', a, 'circle', 'sync', b.url]);
    await ok(['--data', c, 'circle', 'sync', b.url]);
    assert.deepEqual(clearRecords(c, 'lawyers'), ['They took Arman at the square.'], 'C still reads the old record, not the new one');
    const cBook = new CircleBook(c);
    const cSecrets = epochSecrets(cBook.find('lawyers')).map(hexBytes);
    cBook.close();
    const all = bStore.query([{ kinds: [Kind.GiftWrap] }]);
    const opened = all.filter((w) => cSecrets.some((s) => {
      try {
        return unwrapCircleRecord(w, s).content.includes('Zhanaozen');
      } catch {
        return false;
      }
    }));
    assert.equal(opened.length, 0, "no key C holds opens the record written after C's removal");

    // D joins by invite: join request to A through B, A admits it, D gets epoch 2 and reads the new record.
    const invite = (await ok(['--data', a, 'circle', 'invite', 'lawyers'])).split('\n')[0] as string;
    assert.match(invite, /^kci1\./);
    await ok(['--data', d, 'circle', 'join', invite]);
    await ok(['--data', d, 'circle', 'sync', b.url]);
    const admitted = await ok(['--data', a, 'circle', 'sync', b.url]);
    assert.match(admitted, /admitted npub1/);
    await ok(['--data', d, 'circle', 'sync', b.url]);
    assert.deepEqual(clearRecords(d, 'lawyers'), ['Arman was moved to Zhanaozen.'], 'D reads the current epoch (not the one before it joined)');
    // The same code a second time is refused: one-time.
    const d2 = tempDataDir('keruen-circle-d2-');
    await ok(['--data', d2, 'circle', 'join', invite]);
    await ok(['--data', d2, 'circle', 'sync', b.url]);
    const again = await ok(['--data', a, 'circle', 'sync', b.url]);
    assert.match(again, /1 refused/);
    assert.doesNotMatch(again, /admitted/);

    // C's circle files hold no clear text on disk outside its circle store (plain folder: the store is where it is).
    assert.ok(existsSync(join(c, 'circles')));
    assert.ok(!readFileSync(join(c, 'keruen.db')).includes('Arman'), "C's main store keeps wraps only");
    assert.ok(readdirSync(join(c, 'circles')).some((f) => f.endsWith('.db')));
  } finally {
    await b.close();
    bStore.close();
  }
});
