import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ingestJsonl, jsonlLines } from '../../src/store/ingest.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import { VerifierPool } from '../../src/store/verifier-pool.ts';
import { author, testimony } from './helpers.ts';

void test('ingestJsonl stores good lines and reports every bad one with its line number', async () => {
  const alice = author();
  const good = Array.from({ length: 25 }, (_, i) => testimony(alice, `Witness account number ${i} from Zhanaozen`, 1000 + i));
  const badSig = { ...good[0]!, sig: good[1]!.sig };
  const badId = { ...good[2]!, content: good[2]!.content.replace('Witness', 'Wetness') };
  const badDomain = alice.sign(4861, 5, [], JSON.stringify({ lang: 'en' }));
  const unknownKind = alice.sign(1, 5, [], 'a plain note');
  const lines = [
    ...good.map((e) => JSON.stringify(e)),
    '',
    '{not json',
    JSON.stringify(badSig),
    JSON.stringify(badId),
    JSON.stringify(badDomain),
    JSON.stringify(unknownKind),
    JSON.stringify(good[3]),
    JSON.stringify({ id: 'x' }),
  ];
  const store = new MemoryStore();
  const progress: number[] = [];
  const r = await ingestJsonl(lines, store, { workers: 2, batchSize: 4, onProgress: (p) => progress.push(p.lines) });
  assert.equal(r.stored, 25);
  assert.equal(r.duplicate, 1);
  assert.deepEqual(r.invalid.map((b) => b.line), [27, 28, 29, 30, 31, 33]);
  assert.match(r.invalid[0]!.reason, /JSON/);
  assert.match(r.invalid[1]!.reason, /signature/);
  assert.match(r.invalid[2]!.reason, /id/);
  assert.match(r.invalid[3]!.reason, /testimony|text|witness/);
  assert.match(r.invalid[4]!.reason, /kind 1/);
  assert.ok(progress.length > 1);
  assert.equal(store.count([{}]), 25);
});

void test('ingestJsonl reads async iterables, and kinds: any accepts every kind', async () => {
  const alice = author();
  const events = [alice.sign(1, 1, [], 'one'), alice.sign(7, 2, [], '+')];
  async function* gen() {
    for (const e of events) yield JSON.stringify(e);
  }
  const pool = await VerifierPool.start(1);
  try {
    const store = new MemoryStore();
    const r = await ingestJsonl(gen(), store, { pool, kinds: 'any' });
    assert.deepEqual(r, { stored: 2, duplicate: 0, superseded: 0, invalid: [] });
  } finally {
    await pool.close();
  }
});

void test('jsonlLines splits chunks into lines (CRLF, no final newline, UTF-8 split across chunks)', async () => {
  const bytes = new TextEncoder().encode('{"a":"Жанаозен"}\r\n\n{"b":2}\nlast');
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += 3) yield bytes.slice(i, i + 3);
  }
  const out: string[] = [];
  for await (const line of jsonlLines(chunks())) out.push(line);
  assert.deepEqual(out, ['{"a":"Жанаозен"}', '', '{"b":2}', 'last']);
});

void test('ingestJsonl does not lose lines that a stream emitted while the pool was starting', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'keruen-ingest-'));
  try {
    const alice = author();
    const path = join(dir, 'in.jsonl');
    writeFileSync(path, Array.from({ length: 30 }, (_, i) => JSON.stringify(testimony(alice, `line ${i}`, i))).join('\n'));
    // A readline interface starts reading at once, before ingestJsonl has started its workers.
    const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
    const r = await ingestJsonl(lines, new MemoryStore(), { workers: 1 });
    assert.equal(r.stored, 30);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
