/**
 * `npm run crash-test [-- <runs>]`: kill a node with SIGKILL at random moments during publishes,
 * imports and syncs (200 times by default) and check every time that the database opens, passes
 * PRAGMA integrity_check and kept every acknowledged record. Prints each run; exits 1 on a loss.
 * CRASH_SEED=<n> replays the same kill moments.
 */
import { runCrashTest } from '../test/crash/crash-harness.ts';

const runs = Number(process.argv[2] ?? process.env.CRASH_RUNS ?? 200);
const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
process.stdout.write(`crash test: ${runs} kills, seed ${seed} (CRASH_SEED=${seed} replays them)\n`);
let failures = 0;
const results = await runCrashTest({
  runs,
  seed,
  onRun: (r, i) => {
    const bad = r.integrity !== 'ok' || r.lost.length > 0 || r.missingAfterRetry > 0;
    if (bad) failures++;
    process.stdout.write(
      `${String(i + 1).padStart(4)} ${r.mode.padEnd(7)} killed at ${String(r.killAfterMs).padStart(4)} ms: ${r.acknowledged} acknowledged, ${r.survived} in the database, integrity ${r.integrity}, ${r.lost.length} acknowledged lost, ${r.missingAfterRetry} missing after the retry${bad ? '  <-- FAILED' : ''}\n`,
    );
  },
});
const acked = results.reduce((s, r) => s + r.acknowledged, 0);
process.stdout.write(`\n${results.length} kills, ${acked} acknowledged records checked, ${failures} failed runs\n`);
process.exitCode = failures > 0 ? 1 : 0;
