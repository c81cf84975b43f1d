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
  const r = await ingestJsonl(lines, store, { workers: 2, batchSize: 4, writeSize: 8, onProgress: (p) => progress.push(p.lines) });
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

/** Chunks of `bytes`, `size` bytes each, as a file stream would give them. */
async function* chunked(bytes: Uint8Array, size: number) {
  for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
}

void test('ingestJsonl gives the same result from bytes (split in the workers) as from lines', async () => {
  const alice = author();
  const events = Array.from({ length: 40 }, (_, i) => testimony(alice, `Жанаозен, day ${i}: ${'ä'.repeat(i * 7)}`, 2000 + i));
  const line = (i: number) => JSON.stringify(events[i]);
  const text = [
    `\ufeff${line(0)}`,
    `${line(1)}\r`,
    '',
    '   ',
    '\r',
    line(2),
    '{"broken',
    `${line(3)}\ufeff`,
    `\ufeff${line(4)}`,
    ...events.slice(5, 39).map((e, i) => JSON.stringify(e, null, i % 5 === 0 ? 1 : undefined).replace(/\n/g, ' ')),
    line(5),
    `${line(39)}\r`,
  ].join('\n');
  const encoded = new TextEncoder().encode(text);
  // Invalid UTF-8 in the middle of a line, and a line cut off by the end of the file.
  const at = new TextEncoder().encode(text.slice(0, text.indexOf('{"broken') + 4)).length;
  const bytes = new Uint8Array([...encoded.slice(0, at), 0xff, 0xc3, ...encoded.slice(at), 0x0a, 0xe2, 0x82]);
  const pool = await VerifierPool.start(2);
  try {
    const reference: string[] = [];
    for await (const l of jsonlLines(chunked(bytes, 7))) reference.push(l);
    const expected = await ingestJsonl(reference, new MemoryStore(), { pool, batchSize: 3 });
    // Refused: the broken JSON (with bad UTF-8 in it), the two lines with a BOM not at the
    // start of the file, the cut-off last line; event 5 comes twice.
    assert.deepEqual([expected.stored, expected.duplicate, expected.invalid.map((i) => i.line)], [38, 1, [7, 8, 9, 46]]);
    for (const [chunk, batchBytes] of [
      [7, 1],
      [64, 500],
      [1 << 16, 256 * 1024],
    ] as const) {
      // Workers only (a running pool), then verified here while the workers start.
      const viaWorkers = await ingestJsonl(jsonlLines(chunked(bytes, chunk)), new MemoryStore(), { pool, batchBytes });
      assert.deepEqual(viaWorkers, expected, `chunks of ${chunk}, batches of ${batchBytes} bytes`);
      const store = new MemoryStore();
      const whileStarting = await ingestJsonl(jsonlLines(chunked(bytes, chunk)), store, { workers: 1, batchBytes });
      assert.deepEqual(whileStarting, expected);
      assert.equal(store.count([{}]), 38);
    }
  } finally {
    await pool.close();
  }
});

void test('jsonlLines can be read once: lines, or bytes for ingestJsonl', async () => {
  const alice = author();
  const input = jsonlLines(chunked(new TextEncoder().encode(JSON.stringify(testimony(alice, 'once'))), 5));
  const lines: string[] = [];
  for await (const l of input) lines.push(l);
  assert.equal(lines.length, 1);
  assert.throws(() => input[Symbol.asyncIterator](), /already been read/);
  await assert.rejects(ingestJsonl(input, new MemoryStore(), { workers: 1 }), /already been read/);
});
