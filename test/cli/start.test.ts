/** The README's first command, as a user runs it: a node with the sample archive, reached by a real Nostr client. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import WebSocket from 'ws';
import { Relay, useWebSocketImplementation } from 'nostr-tools/relay';
import { Kind } from '../../src/core/kinds.ts';
import { KERUEN_BIN, runCli, tempDataDir } from '../helpers/cli.ts';

useWebSocketImplementation(WebSocket);

test('keruen start --sample serves the sample archive over NIP-01 and a page over HTTP; the views read it', async () => {
  const data = tempDataDir();
  const child = spawn(process.execPath, [KERUEN_BIN, '--data', data, 'start', '--sample', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  try {
    while (!/relay: (ws:\S+)/.test(out)) {
      if (child.exitCode !== null) assert.fail(`node exited: ${err}`);
      await once(child.stdout, 'data');
    }
    assert.match(err, /Sample archive: \d+ new records/);
    const relayUrl = /relay: (ws:\S+)/.exec(out)?.[1] as string;
    const httpUrl = /web: {3}(http:\S+)/.exec(out)?.[1] as string;

    const relay = await Relay.connect(relayUrl);
    const events = await new Promise<unknown[]>((resolve) => {
      const got: unknown[] = [];
      const sub = relay.subscribe([{ kinds: [Kind.Event] }], {
        onevent: (e) => got.push(e),
        oneose: () => {
          sub.close();
          resolve(got);
        },
      });
    });
    relay.close();
    assert.ok(events.length >= 20, `at least 20 events, got ${events.length}`);

    const page = await fetch(httpUrl);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<div id="app">/);
    const status = await fetch(`${httpUrl}/status`);
    assert.match(await status.text(), /testimonies<\/td><td>\d+/);
    const info = await fetch(httpUrl, { headers: { accept: 'application/nostr+json' } });
    assert.equal(((await info.json()) as { software: string }).software, 'keruen');

    // The CLI reads the same store while the node runs (SQLite WAL).
    const timeline = await runCli(['--data', data, 'timeline', '--day', '2022-01-05']);
    assert.equal(timeline.code, 0, timeline.stderr);
    assert.match(timeline.stdout, /akimat/i);
    const people = await runCli(['--data', data, 'people']);
    assert.match(people.stdout, /Abjan.*MISSING/);
    const claims = await runCli(['--data', data, 'claims']);
    assert.match(claims.stdout, /164/);
    assert.match(claims.stdout, /CONTRADICTED|DISPUTED|SUPPORTED/);
    const search = await runCli(['--data', data, 'search', 'Жанаозен']);
    assert.match(search.stdout, /Zhanaozen|Janaozen/i);
  } finally {
    child.kill('SIGTERM');
    await once(child, 'close');
  }
  // A second start does not load the sample twice.
  const again = spawn(process.execPath, [KERUEN_BIN, '--data', data, 'start', '--sample', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err2 = '';
  again.stderr.on('data', (d: Buffer) => (err2 += d.toString()));
  while (!/Sample archive/.test(err2) && again.exitCode === null) await once(again.stderr, 'data');
  again.kill('SIGTERM');
  await once(again, 'close');
  assert.match(err2, /Sample archive: 0 new records/);
});

test('keruen start --host 0.0.0.0 turns pairing on: the code is printed and written, the API needs it', async () => {
  const data = tempDataDir();
  const codeFile = join(data, 'pairing-code');
  const child = spawn(process.execPath, [KERUEN_BIN, '--data', data, 'start', '--host', '0.0.0.0', '--port', '0', '--pairing-code-file', codeFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  try {
    while (!/Pairing code: \d{4}-\d{4}/.test(out)) {
      if (child.exitCode !== null) assert.fail(`node exited: ${err}`);
      await once(child.stdout, 'data');
    }
    const code = /Pairing code: (\d{4}-\d{4})/.exec(out)?.[1] as string;
    assert.equal(readFileSync(codeFile, 'utf8').trim(), code);
    const port = /web: {3}http:\/\/[^:]+:(\d+)/.exec(out)?.[1] as string;
    const base = `http://127.0.0.1:${port}`;
    assert.equal((await fetch(`${base}/api/node`)).status, 401);
    const paired = await fetch(`${base}/api/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, device: 'test' }) });
    assert.equal(paired.status, 200);
    const cookie = (paired.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const info = await fetch(`${base}/api/node`, { headers: { cookie } });
    assert.equal(info.status, 200);
    // The used code is replaced, on the console and in the file.
    while (!new RegExp(`Pairing code: (?!${code})\\d{4}-\\d{4}`).test(out)) await once(child.stdout, 'data');
    assert.notEqual(readFileSync(codeFile, 'utf8').trim(), code);
  } finally {
    child.kill('SIGTERM');
    await once(child, 'close');
  }
});
