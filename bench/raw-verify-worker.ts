/** Bench helper thread: verifies the sample with libsecp256k1 (WASM) when told to, and reports its rate. */
import { parentPort, workerData } from 'node:worker_threads';
import { initNostrWasm } from 'nostr-wasm';
import type { NostrEvent } from '../src/core/event.ts';

const nostr = await initNostrWasm();
const sample = workerData as NostrEvent[];
for (const e of sample.slice(0, 200)) nostr.verifyEvent({ ...e }); // warm-up, as on the main thread
parentPort?.on('message', () => {
  const t0 = performance.now();
  for (const e of sample) nostr.verifyEvent({ ...e });
  parentPort?.postMessage(performance.now() - t0);
});
parentPort?.postMessage('ready');
