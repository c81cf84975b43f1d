/**
 * `keruen import` and `keruen export`: JSONL, one event per line, the format strfry reads
 * and writes. Import checks every signature (in parallel) and reports bad lines without
 * stopping; export writes oldest first.
 */
import { createReadStream, createWriteStream, existsSync, statSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { Command } from 'commander';
import { KeruenError } from '../../core/errors.ts';
import { ingestJsonl, jsonlLines } from '../../store/ingest.ts';
import { progressBar } from '../progress.ts';
import { Exit } from '../exit-codes.ts';
import type { CliContext } from '../context.ts';
import { kindOf } from './read.ts';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { deferredReceipts } from '../../store/provenance.ts';

/** The chunks of a file (or stdin), reporting bytes read for the progress bar. */
async function* chunksOf(path: string, onBytes: (n: number) => void, onChunk?: (chunk: Uint8Array) => void): AsyncGenerator<Uint8Array> {
  const input = path === '-' ? process.stdin : createReadStream(path);
  let bytes = 0;
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      onBytes(bytes);
      onChunk?.(chunk);
      yield chunk;
    }
  } catch (e) {
    throw new KeruenError('io', `cannot read ${path}: ${(e as Error).message}`);
  }
}

export async function importFile(ctx: CliContext, path: string, opts: { quiet?: boolean } = {}) {
  let size = 0;
  if (path !== '-') {
    try {
      size = statSync(path).size;
    } catch (e) {
      throw new KeruenError('io', `cannot read ${path}: ${(e as Error).message}`);
    }
  }
  const bar = opts.quiet === true ? progressBar('', 0, '') : progressBar('Importing', size, 'bytes');
  // Provenance (store/provenance.ts): the file's hash, taken as it is read, names where records came from.
  const hash = sha256.create();
  const receipts = deferredReceipts(ctx.store);
  const result = await ingestJsonl(jsonlLines(chunksOf(path, (b) => bar.update(b), (c) => hash.update(c))), receipts.store, {});
  receipts.done(`import:${bytesToHex(hash.digest())}`);
  bar.stop();
  return result;
}

export function importCommand(getContext: () => CliContext): Command {
  return new Command('import')
    .description('import records from a JSONL file (one Nostr event per line); every signature is checked')
    .argument('<file>', 'JSONL file, or - for standard input')
    .option('--json', 'print the summary as JSON')
    .action(async (path: string, o: { json?: boolean }) => {
      const r = await importFile(getContext(), path);
      if (o.json === true) process.stdout.write(`${JSON.stringify(r)}\n`);
      else {
        process.stdout.write(`${r.stored} stored, ${r.duplicate} already here, ${r.superseded} superseded or deleted, ${r.invalid.length} refused\n`);
        for (const bad of r.invalid.slice(0, 20)) process.stderr.write(`  line ${bad.line}: ${bad.reason}\n`);
        if (r.invalid.length > 20) process.stderr.write(`  ... and ${r.invalid.length - 20} more (use --json for all)\n`);
      }
      if (r.invalid.length > 0) process.exitCode = Exit.invalidInput;
    });
}

async function write(out: WriteStream | NodeJS.WriteStream, line: string): Promise<void> {
  if (!out.write(line)) await once(out, 'drain');
}

export function exportCommand(getContext: () => CliContext): Command {
  return new Command('export')
    .description('export records as JSONL (one Nostr event per line, oldest first)')
    .argument('[file]', 'output file (default: standard output)', '-')
    .option('--kind <kind>', 'only this kind (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .action(async (path: string, o: { kind?: string[] }) => {
      const ctx = getContext();
      const kinds = o.kind?.map(kindOf);
      // Never overwrite: an export may be the only copy someone carries out.
      if (path !== '-' && existsSync(path)) throw KeruenError.usage(`${path} already exists: choose another name or remove it first`);
      const out = path === '-' ? process.stdout : createWriteStream(path);
      const total = ctx.store.count(kinds ? [{ kinds }] : [{}]);
      const bar = path === '-' ? progressBar('', 0, '') : progressBar('Exporting', total, 'records');
      let n = 0;
      try {
        for (const e of ctx.store.iterate(1000)) {
          if (kinds !== undefined && !kinds.includes(e.kind)) continue;
          await write(out, `${JSON.stringify(e)}\n`);
          if (++n % 500 === 0) bar.update(n);
        }
      } catch (e) {
        throw new KeruenError('io', `cannot write ${path}: ${(e as Error).message}`);
      } finally {
        bar.update(n);
        bar.stop();
      }
      if (out !== process.stdout) {
        (out as WriteStream).end();
        await once(out, 'close');
        process.stderr.write(`${n} records written to ${path}\n`);
      }
    });
}
