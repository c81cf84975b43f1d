/**
 * A flooding client (another process, several connections, everything at once: events over the
 * rate, REQs for everything, garbage, near-limit messages) must not keep an honest client from
 * publishing and querying. Bounded: 4 connections for 3 seconds. Latency is measured in the
 * bench (`npm run bench`), not here.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { RawClient, signer, testRelay } from './helpers.ts';

void test('while one client floods the relay, another still publishes and queries', { timeout: 60_000 }, async () => {
  const node = await testRelay();
  const seed = signer();
  node.store.putMany(Array.from({ length: 2_000 }, (_, i) => seed.note(`archive ${i}`, { createdAt: 1_600_000_000 + i })));
  const flooder = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'fixtures', 'flooder.ts'), node.url, '3', '4'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  flooder.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
  const flooderDone = new Promise<void>((resolve) => flooder.once('exit', () => resolve()));
  const me = signer();
  try {
    // Let the flood start before the honest client arrives.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const honest = await RawClient.connect(node.url);
    for (let i = 0; i < 10; i++) {
      const e = me.note(`testimony ${i}: the akimat burned`, { createdAt: 1_641_340_800 + i });
      assert.deepEqual(await honest.publish(e), ['OK', e.id, true, ''], `publish ${i} under flood`);
      const { ids, end } = await honest.req(`mine-${i}`, { authors: [me.pubkey] });
      assert.deepEqual(end, ['EOSE', `mine-${i}`]);
      assert.equal(ids.length, i + 1, `query ${i} under flood returns every record published so far`);
      honest.send(["CLOSE", `mine-${i}`]);
    }
    honest.close();
    await flooderDone;
    const counts = JSON.parse(out) as { sent: number };
    assert.ok(counts.sent > 1_000, `the flooder sent ${counts.sent} messages`);
    // And after the flood the relay still serves; of the flood only its 200 distinct valid events can be stored.
    const after = await RawClient.connect(node.url);
    assert.equal((await after.req('all-mine', { authors: [me.pubkey] })).ids.length, 10);
    after.close();
    const stored = node.store.count([{}]);
    assert.ok(stored >= 2_010 && stored <= 2_210, `${stored} events stored`);
  } finally {
    flooder.kill();
    await flooderDone;
    await node.close();
  }
});
