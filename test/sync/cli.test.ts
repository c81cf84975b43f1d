/**
 * `keruen sync` as a user runs it, with real processes: nodes started with `keruen start` on
 * loopback, each with its own data folder, and the CLI syncing folders with them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nowSeconds, type VerifiedEvent } from '../../src/core/event.ts';
import { KERUEN_BIN, runCli, tempDataDir } from '../helpers/cli.ts';
import { mediaDescriptor, people } from './helpers.ts';

interface NodeProcess {
  data: string;
  url: string;
  child: ChildProcess;
}

async function seed(data: string, events: VerifiedEvent[]): Promise<void> {
  const file = join(data, 'seed.jsonl');
  writeFileSync(file, events.map((e) => JSON.stringify(e)).join('\n'));
  const r = await runCli(['--data', data, 'import', file]);
  assert.equal(r.code, 0, r.stderr);
}

async function startNodeProcess(data: string): Promise<NodeProcess> {
  const child = spawn(process.execPath, [KERUEN_BIN, '--data', data, 'start', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  while (!/relay: (ws:\S+)/.test(out)) {
    if (child.exitCode !== null) assert.fail(`node exited: ${err}`);
    await once(child.stdout!, 'data');
  }
  return { data, url: /relay: (ws:\S+)/.exec(out)![1]!, child };
}

async function stop(node: NodeProcess): Promise<void> {
  if (node.child.exitCode !== null) return;
  node.child.kill('SIGTERM');
  await once(node.child, 'close');
}

/** Ids in a data folder, read with `keruen export` (works while a node runs on it: SQLite WAL). */
async function idsIn(data: string): Promise<string[]> {
  const r = await runCli(['--data', data, 'export']);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => (JSON.parse(l) as { id: string }).id)
    .sort();
}

test('two nodes converge after keruen sync, from disjoint and from overlapping starts', async () => {
  const shared = people(40, 1_641_340_800, 'shared');
  const onlyA = [...people(15, 1_641_400_000, 'a'), mediaDescriptor(1_641_400_100)];
  const onlyB = people(20, 1_641_300_000, 'b');
  const a = tempDataDir('keruen-sync-a-');
  const b = tempDataDir('keruen-sync-b-');
  await seed(a, [...shared, ...onlyA]);
  await seed(b, [...shared, ...onlyB]);
  const disjointA = tempDataDir('keruen-sync-c-');
  await seed(disjointA, people(7, 1_641_200_000, 'c'));
  const node = await startNodeProcess(b);
  try {
    const r = await runCli(['--data', a, 'sync', node.url]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /it lacked 16, we lacked 20/);
    assert.match(r.stdout, /Sent: 16 accepted/);
    assert.match(r.stdout, /Received: 20 stored/);
    assert.deepEqual(await idsIn(a), await idsIn(b));
    assert.equal((await idsIn(a)).length, 76);

    const d = await runCli(['--data', disjointA, 'sync', node.url, '--json']);
    assert.equal(d.code, 0, d.stderr);
    const report = JSON.parse(d.stdout) as { have: number; need: number; reconcile: { roundTrips: number } };
    assert.deepEqual([report.have, report.need], [7, 76]);
    assert.deepEqual(await idsIn(disjointA), await idsIn(b));
  } finally {
    await stop(node);
  }
});

test('three nodes converge through the middle one (store and forward); A and C never meet', async () => {
  const [a, m, c] = ['a', 'm', 'c'].map((n) => tempDataDir(`keruen-sync3-${n}-`)) as [string, string, string];
  await seed(a, people(12, 1_641_000_000, 'from-a'));
  await seed(m, people(5, 1_641_100_000, 'from-m'));
  await seed(c, [...people(9, 1_641_200_000, 'from-c'), mediaDescriptor(1_641_200_100)]);
  const middle = await startNodeProcess(m);
  try {
    for (const side of [a, c, a]) {
      const r = await runCli(['--data', side, 'sync', middle.url]);
      assert.equal(r.code, 0, r.stderr);
    }
    const all = await idsIn(m);
    assert.equal(all.length, 27);
    assert.deepEqual(await idsIn(a), all);
    assert.deepEqual(await idsIn(c), all);
  } finally {
    await stop(middle);
  }
});

test('a relay that refuses a record: keruen sync names it, says why, exits 3; --pull leaves the relay alone', async () => {
  const a = tempDataDir('keruen-sync-bad-');
  const m = tempDataDir('keruen-sync-relay-');
  // Dated two hours ahead: import keeps it (created_at is the author's word), a relay refuses it.
  const [ahead] = people(1, nowSeconds() + 7200, 'ahead');
  await seed(a, [...people(3, 1_641_000_000, 'fine'), ahead!]);
  const node = await startNodeProcess(m);
  try {
    const pullOnly = await runCli(['--data', a, 'sync', '--pull', node.url]);
    assert.equal(pullOnly.code, 0, pullOnly.stderr);
    assert.equal((await idsIn(m)).length, 0);
    const r = await runCli(['--data', a, 'sync', node.url]);
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stdout, /Sent: 3 accepted .* 1 refused/);
    assert.match(r.stderr, new RegExp(`refused \\(sent\\) ${ahead!.id.slice(0, 12)}: invalid: created_at is in the future`));
    assert.equal((await idsIn(m)).length, 3);
    const unreachable = await runCli(['--data', a, 'sync', 'ws://127.0.0.1:1']);
    assert.equal(unreachable.code, 6);
    assert.match(unreachable.stderr, /cannot reach ws:\/\/127\.0\.0\.1:1/);
  } finally {
    await stop(node);
  }
});
