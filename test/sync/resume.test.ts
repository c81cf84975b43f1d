/**
 * Links cut mid-transfer: a TCP relay in the test drops the connection after N bytes (N drawn
 * by fast-check), over the WebSocket and over the HTTP binding. The sync resumes and both
 * sides end with every record; work acknowledged before a cut is not done again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { KeruenError } from '../../src/core/errors.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import { VerifierPool } from '../../src/store/verifier-pool.ts';
import { syncWith } from '../../src/sync/client.ts';
import { syncUntilDone, type Cut } from '../../src/sync/resume.ts';
import { cutRelay } from './cut-relay.ts';
import { idsOf, mediaDescriptor, peer, people } from './helpers.ts';

const shared = people(40, 1_644_000_000, 'shared');
const onlyA = people(120, 1_644_100_000, 'A');
const onlyB = [...people(150, 1_644_200_000, 'B'), mediaDescriptor(1_644_300_000)];
const everyId = [...shared, ...onlyA, ...onlyB].map((e) => e.id).sort();

function urlFor(transport: 'ws' | 'http', port: number): string {
  return `${transport}://127.0.0.1:${port}`;
}

test('a link cut after N bytes, N drawn at random, resumes and converges (WebSocket and HTTP binding)', async () => {
  const pool = await VerifierPool.start(1);
  // A clean sync's bytes on the wire bound where a cut can fall.
  const probe = await peer([...shared, ...onlyB]);
  const a0 = new MemoryStore();
  a0.putMany([...shared, ...onlyA]);
  const clean = await syncWith(a0, probe.url, { pool });
  await probe.close();
  const wireBytes = clean.bytesSent + clean.bytesReceived;
  let cutsSeen = 0;
  try {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('ws' as const, 'http' as const), fc.array(fc.integer({ min: 1, max: wireBytes }), { minLength: 1, maxLength: 3 }), async (transport, budgets) => {
        const a = new MemoryStore();
        a.putMany([...shared, ...onlyA]);
        const b = await peer([...shared, ...onlyB]);
        const relay = await cutRelay(Number(new URL(b.url).port), budgets);
        const cuts: Cut[] = [];
        try {
          const r = await syncUntilDone(a, urlFor(transport, relay.port), { pool, attempts: budgets.length + 1, backoffMs: 1, onCut: (c) => cuts.push(c), timeoutMs: 10_000 });
          assert.deepEqual(idsOf(a), everyId);
          assert.deepEqual(idsOf(b.store), everyId);
          assert.equal(r.attempts, cuts.length + 1);
          assert.ok(cuts.length <= relay.cuts, `${cuts.length} failures from ${relay.cuts} cuts`);
          assert.deepEqual(r.cuts, cuts);
          cutsSeen += cuts.length;
        } finally {
          await relay.close();
          await b.close();
        }
      }),
      { numRuns: 12 },
    );
  } finally {
    await pool.close();
  }
  assert.ok(cutsSeen >= 6, `only ${cutsSeen} of the drawn cuts fell inside a sync`);
});

test('what the relay acknowledged before the cut is not sent again', async () => {
  const a = new MemoryStore();
  a.putMany([...shared, ...onlyA]);
  let stored = 0;
  let storedAtCut = -1;
  // The relay's own hook: the link is cut the moment its 40th new record is stored.
  const b = await peer(shared, {
    onEvent: () => {
      if (++stored === 40) {
        storedAtCut = stored;
        relay.cutNow();
      }
    },
  });
  const relay = await cutRelay(Number(new URL(b.url).port));
  try {
    const r = await syncUntilDone(a, urlFor('ws', relay.port), { workers: 1, backoffMs: 1 });
    assert.equal(r.cuts.length, 1);
    assert.ok(storedAtCut >= 40 && storedAtCut < onlyA.length, `cut after ${storedAtCut} stored`);
    // The resumed attempt found only what had not arrived, and sent just that.
    assert.ok(r.final.have <= onlyA.length - storedAtCut, `resumed with ${r.final.have} to send after ${storedAtCut} arrived`);
    assert.equal(stored, onlyA.length, 'each record stored once');
    assert.deepEqual(idsOf(b.store), idsOf(a));
  } finally {
    await relay.close();
    await b.close();
  }
});

test('gives up after the attempts allowed, with every cut reported; refusals are not retried', async () => {
  const a = new MemoryStore();
  a.putMany(onlyA);
  const b = await peer(onlyB);
  const relay = await cutRelay(Number(new URL(b.url).port), [300, 300, 300]);
  const locked = await peer([], { authorize: () => false });
  try {
    const cuts: Cut[] = [];
    await assert.rejects(syncUntilDone(a, urlFor('ws', relay.port), { workers: 1, attempts: 3, backoffMs: 1, onCut: (c) => cuts.push(c) }), (e: unknown) => {
      assert.ok(e instanceof KeruenError && e.code === 'io', String(e));
      assert.match(e.message, /did not finish in 3 attempts/);
      return true;
    });
    assert.deepEqual(
      cuts.map((c) => [c.attempt, c.retryInMs]),
      [
        [1, 1],
        [2, 2],
        [3, undefined],
      ],
    );
    let tries = 0;
    await assert.rejects(syncUntilDone(a, locked.url, { workers: 1, attempts: 5, backoffMs: 1, onResume: () => tries++ }), (e: unknown) => e instanceof KeruenError && e.code === 'unauthorized');
    assert.equal(tries, 0);
  } finally {
    await relay.close();
    await locked.close();
    await b.close();
  }
});
