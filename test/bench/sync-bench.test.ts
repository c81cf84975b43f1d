/**
 * The sync bench's machinery at a tiny size, so it cannot rot: it runs, the replicas converge,
 * and its byte counts agree with each other. No figure is judged here (speed and sizes belong
 * in the bench's own output).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { makeAccept } from '../../src/relay/accept.ts';
import { Kind } from '../../src/core/kinds.ts';
import { corpusLines, differenceOrder, split } from '../../bench/sync/records.ts';
import { runSyncBench } from '../../bench/sync/run.ts';

test('differences are scattered, nested as d grows, half missing on each side, one in ten media', () => {
  fc.assert(
    fc.property(fc.integer({ min: 20, max: 3000 }), fc.integer({ min: 0, max: 2 ** 31 }), (n, seed) => {
      const order = differenceOrder(n, seed);
      assert.equal(new Set(order).size, n, 'every record once');
      const small = split(order, 10);
      const big = split(order, 20);
      assert.equal(small.missingOnA.length, 5);
      assert.equal(small.missingOnB.length, 5);
      assert.ok(small.missingOnA.every((i) => big.missingOnA.includes(i)), 'nested on A');
      assert.ok(small.missingOnB.every((i) => big.missingOnB.includes(i)), 'nested on B');
      assert.equal(new Set([...big.missingOnA, ...big.missingOnB]).size, 20, 'no record missing on both sides');
    }),
    { numRuns: 50 },
  );
});

test('the bench at 300 records, d = 10: every record valid, replicas converge, byte counts consistent', async () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'keruen-sync-bench-test-'));
  try {
    // The corpus is made of real records a Keruen relay accepts.
    const accept = makeAccept();
    const lines = await corpusLines(300, cacheDir);
    assert.equal(lines.length, 300);
    const kinds = new Set(lines.map((l) => accept(JSON.parse(l)).kind));
    for (const k of [Kind.Testimony, Kind.SourceDocument, Kind.PersonStatus, Kind.Assessment, Kind.Translation, Kind.MediaDescriptor]) assert.ok(kinds.has(k), `kind ${k} present`);

    const res = await runSyncBench({ records: 300, ds: [10], cacheDir, pouchDs: [10], slow: { d: 10, shape: { delayMs: 20, bytesPerSecond: 200_000 } } });
    const [round] = res.rounds;
    assert.ok(round);
    assert.equal(round.missingOnA + round.missingOnB, 10);
    assert.ok(round.limit > 0);
    // The naive exchange carries every id (32 bytes) of both sides, plus the records.
    assert.ok(round.naive.bytes > 32 * (600 - 10));
    assert.ok(round.keruen.length >= 1);
    for (const k of round.keruen) {
      assert.ok(k.converged, `${k.protocol} converged`);
      assert.equal(k.report.pushed.accepted, round.missingOnB);
      assert.equal(k.report.pulled.stored, round.missingOnA);
      // The proxy sees at least what the link counted on its own socket (plus the closing frame).
      assert.ok(k.wire.up >= k.report.bytesSent && k.wire.down >= k.report.bytesReceived, `${k.protocol}: proxy ${k.wire.up}/${k.wire.down}, link ${k.report.bytesSent}/${k.report.bytesReceived}`);
      assert.ok(k.wire.up + k.wire.down >= round.limit, 'no sync moves the records in fewer bytes than gzip -9 of them alone');
      assert.ok(k.report.reconcile.bytesSent + k.report.reconcile.bytesReceived <= k.wire.up + k.wire.down);
    }
    assert.equal(round.keruen[0]!.protocol, 'nip77');
    assert.ok(round.pouch);
    assert.ok(round.pouch.converged, 'PouchDB converged');
    assert.equal(round.pouch.pushed, round.missingOnB);
    assert.equal(round.pouch.pulled, round.missingOnA);
    assert.ok(round.pouch.wire.up + round.pouch.wire.down >= round.limit);

    const slow = res.slow;
    assert.ok(slow);
    assert.ok(slow.run.converged);
    assert.equal(slow.arrived, 10, 'every differing record timed on arrival');
    assert.equal(slow.textRecords + slow.mediaRecords, 10);
    assert.ok(slow.mediaRecords >= 1, 'media among the differences');
    assert.ok(slow.firstMediaMs !== undefined && slow.lastTextMs > 0);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
});
