/**
 * Store and forward: a node keeps and passes on records it cannot read. A witness on A writes a
 * testimony for C's circle, gift-wrapped (NIP-59) to C's key; B, the only node both meet, holds
 * and forwards it without being able to open it; C opens it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import { unwrapEvent, wrapEvent } from 'nostr-tools/nip59';
import { nowSeconds, verifyWireEvent } from '../../src/core/event.ts';
import { ACCEPTED_KINDS, DOMAIN_KINDS, Kind } from '../../src/core/kinds.ts';
import { buildRecord, validateRecord } from '../../src/core/records.ts';
import { indexText } from '../../src/store/rules.ts';
import { syncWith } from '../../src/sync/client.ts';
import { textFirstKinds } from '../../src/sync/pull.ts';
import { idsOf, peer, people } from './helpers.ts';

const TWO_DAYS = 2 * 24 * 60 * 60;

test('a gift wrap for C, made on A, reaches C through B, which cannot read it; C unwraps a valid testimony', async () => {
  const witness = generateSecretKey();
  const cKey = generateSecretKey();
  const bKey = generateSecretKey();
  const testimony = buildRecord(Kind.Testimony, { lang: 'en', text: 'At 10 the soldiers closed the square.', witness: { description: 'a resident of Almaty', firsthand: true } }, [], 1_641_380_400);
  const before = nowSeconds();
  const forC = wrapEvent(testimony, witness, getPublicKey(cKey));
  // Another circle's wrap rides along too: B forwards what it holds, whoever it is for.
  const forOther = wrapEvent(testimony, witness, getPublicKey(generateSecretKey()));
  assert.equal(forC.kind, Kind.GiftWrap);
  assert.deepEqual(forC.tags, [['p', getPublicKey(cKey)]], 'the wrap shows only its recipient');
  assert.notEqual(forC.pubkey, getPublicKey(witness), 'signed by a throwaway key, not the witness');
  assert.ok(forC.created_at <= before + 1 && forC.created_at >= before - TWO_DAYS - 1, 'dated up to two days back (NIP-59)');

  const a = await peer([...people(3, 1_641_340_800, 'a'), verifyWireEvent(forC), verifyWireEvent(forOther)]);
  const b = await peer(people(2, 1_641_300_000, 'b'));
  const c = await peer();
  try {
    // A meets B: A pushes (through B's relay admission), including both wraps.
    const ab = await syncWith(a.store, b.url, { workers: 1 });
    assert.deepEqual(ab.pushed.rejected, [], 'B accepts the wraps it cannot read');
    assert.equal(ab.pushed.accepted, 5);
    assert.ok(b.store.get(forC.id) !== undefined && b.store.get(forOther.id) !== undefined);
    assert.throws(() => unwrapEvent(forC, bKey), 'B cannot open it');

    // C meets B later: C pulls (through the verifying ingest path); the wrap comes with the text.
    const cb = await syncWith(c.store, b.url, { workers: 1, direction: 'pull' });
    assert.deepEqual(cb.pulled.rejected, []);
    assert.deepEqual(idsOf(c.store), idsOf(b.store));
    const arrived = c.store.get(forC.id);
    assert.ok(arrived !== undefined, 'the wrap reached C');
    assert.equal(c.store.query([{ kinds: [Kind.GiftWrap], '#p': [getPublicKey(cKey)] }]).length, 1, 'C finds what is addressed to it by its p tag');

    const rumor = unwrapEvent(arrived, cKey);
    assert.equal(rumor.pubkey, getPublicKey(witness), 'the seal names the witness');
    assert.equal(rumor.kind, Kind.Testimony);
    validateRecord(rumor);
    assert.equal((JSON.parse(rumor.content) as { text: string }).text, 'At 10 the soldiers closed the square.');

    // Ciphertext is not indexed: nothing in B's search can match a wrap.
    assert.equal(indexText(arrived), '');
    assert.notEqual(indexText({ ...arrived, kind: 1 }), '', 'the same content under another kind would be indexed');
    for (const word of arrived.content.split(/[+/=]/).filter((w) => w.length >= 4).slice(0, 5)) {
      assert.ok(!b.store.search(word).some((h) => h.event.kind === Kind.GiftWrap), word);
    }
  } finally {
    await Promise.all([a.close(), b.close(), c.close()]);
  }
});

test('gift wraps are accepted, are not domain records, and travel in the text-first pass', () => {
  assert.ok(ACCEPTED_KINDS.has(Kind.GiftWrap));
  assert.ok(!DOMAIN_KINDS.includes(Kind.GiftWrap), 'views and counts of records leave them out');
  assert.ok(textFirstKinds({}).includes(Kind.GiftWrap));
  assert.ok(!textFirstKinds({}).includes(Kind.MediaDescriptor));
});
