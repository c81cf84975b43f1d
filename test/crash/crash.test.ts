/**
 * Twenty SIGKILLs at random moments during publishes, imports and syncs (`npm run crash-test`
 * does 200): the database always opens and passes integrity_check, no acknowledged record is
 * lost, and an interrupted import or sync completes when run again.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCrashTest } from './crash-harness.ts';

void test('a node killed with SIGKILL at 20 random moments keeps every acknowledged record and an intact database', { timeout: 600_000 }, async () => {
  const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
  // 1,500 records a run (the script offers 3,000): the kill windows scale with the measured import and sync.
  const runs = await runCrashTest({ runs: 20, seed, records: 1_500 });
  const context = `(CRASH_SEED=${seed} replays this run)`;
  assert.equal(runs.length, 20);
  for (const r of runs) {
    assert.equal(r.integrity, 'ok', `${r.mode} killed at ${r.killAfterMs} ms: integrity_check ${r.integrity} ${context}`);
    assert.deepEqual(r.lost, [], `${r.mode} killed at ${r.killAfterMs} ms lost acknowledged records ${context}`);
    assert.equal(r.missingAfterRetry, 0, `${r.mode} killed at ${r.killAfterMs} ms: the retry left records missing ${context}`);
  }
  // The kills must have hit while records were being acknowledged, not only before or after.
  const publishes = runs.filter((r) => r.mode === 'publish');
  assert.ok(publishes.some((r) => r.acknowledged > 0), 'some publish runs were killed after records were acknowledged');
  assert.ok(publishes.every((r) => r.acknowledged < 1_500), 'no publish run had finished before its kill');
});
