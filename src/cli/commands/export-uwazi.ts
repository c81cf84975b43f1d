/** `keruen export-uwazi --out DIR [--lang en --lang fr]`: events, people and claims as Uwazi CSV files (docs/exports.md). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { KeruenError } from '../../core/errors.ts';
import { exportableRecords, writeNewFile } from '../../export/files.ts';
import { toCsv, uwaziTables } from '../../export/uwazi.ts';
import type { CliContext } from '../context.ts';

const LANG = /^[a-z]{2,3}$/;

export function exportUwaziCommand(getContext: () => CliContext): Command {
  return new Command('export-uwazi')
    .description("write events, people of concern and claims as CSV files in Uwazi's import format (HURIDOCS)")
    .requiredOption('--out <dir>', 'folder for events.csv, people.csv and claims.csv (files there are never overwritten)')
    .option('--lang <code>', "a language of the Uwazi collection, its default first (repeatable): text columns become title__<code>, filled with translations where there are some", (v: string, p: string[] = []) => [...p, v])
    .action((o: { out: string; lang?: string[] }) => {
      const langs = o.lang ?? [];
      for (const l of langs) if (!LANG.test(l)) throw KeruenError.usage(`--lang wants a language code such as en or fr, got "${l}"`);
      const tables = uwaziTables(exportableRecords(getContext().store), { langs });
      // All or nothing: refuse before writing if any of the three is there already.
      for (const t of tables) if (existsSync(join(o.out, t.name))) throw KeruenError.usage(`${join(o.out, t.name)} already exists: choose another folder or remove it first`);
      for (const t of tables) writeNewFile(join(o.out, t.name), toCsv(t));
      process.stdout.write(`${tables.map((t) => `${t.name}: ${t.rows.length} rows`).join(', ')} in ${o.out}\n`);
    });
}
