/**
 * `keruen custody [--id ID ...] [--kind K ...] --out report.html [--pdf report.pdf]`: the
 * chain-of-custody report (src/export/custody.ts), as HTML and, printed by Chromium, as PDF.
 */
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { KeruenError } from '../../core/errors.ts';
import type { VerifiedEvent } from '../../core/event.ts';
import { Kind } from '../../core/kinds.ts';
import { buildCustody, custodyHtml } from '../../export/custody.ts';
import { exportableRecords, writeNewFile } from '../../export/files.ts';
import { printPdf } from '../../export/pdf.ts';
import { provenanceOf } from '../../store/provenance.ts';
import type { CliContext } from '../context.ts';
import { kindOf } from './read.ts';

const collect = (v: string, p: string[] = []) => [...p, v];

export function custodyCommand(getContext: () => CliContext): Command {
  return new Command('custody')
    .description('chain-of-custody report: ids, signatures, author keys, when and whence this node received each record, document and media hashes, transformations')
    .option('--id <id>', 'a record to report on (repeatable; hex, note1..., or a unique prefix)', collect)
    .option('--kind <kind>', 'only records of this kind (repeatable)', collect)
    .requiredOption('--out <file>', 'the HTML report (never overwritten)')
    .option('--pdf <file>', 'also print it to this PDF with Chromium (never overwritten)')
    .action(async (o: { id?: string[]; kind?: string[]; out: string; pdf?: string }) => {
      const ctx = getContext();
      for (const path of [o.out, ...(o.pdf !== undefined ? [o.pdf] : [])]) if (existsSync(path)) throw KeruenError.usage(`${path} already exists: choose another name or remove it first`);
      const all = exportableRecords(ctx.store);
      const kinds = o.kind?.map(kindOf);
      let items: VerifiedEvent[] = o.id !== undefined ? o.id.map((ref) => ctx.resolve(ref)) : all.filter((e) => e.kind !== Kind.Profile);
      if (kinds !== undefined) items = items.filter((e) => kinds.includes(e.kind));
      if (items.length === 0) throw KeruenError.notFound('records for this report');
      // Blobs named by media records, looked up once: the report says whether each is here.
      const held = new Set<string>();
      for (const e of all) {
        const x = e.kind === Kind.MediaDescriptor ? e.tags.find((t) => t[0] === 'x')?.[1] : undefined;
        if (x !== undefined && /^[0-9a-f]{64}$/.test(x) && (await ctx.blobs.stat(x)) !== undefined) held.add(x);
      }
      const log = provenanceOf(ctx.store);
      const report = buildCustody({ items, all, receiptOf: (id) => log?.get(id), blobHeld: (x) => held.has(x) });
      const selection = o.id !== undefined ? `${o.id.length} asked by id` : kinds !== undefined ? `kinds ${o.kind!.join(', ')}` : 'every record but profiles';
      const html = custodyHtml(report, { generatedAt: new Date().toISOString(), selection });
      writeNewFile(o.out, html);
      if (o.pdf !== undefined) writeNewFile(o.pdf, await printPdf(html));
      const bad = report.filter((r) => !(r.idMatches && r.signatureValid)).length;
      process.stdout.write(`${report.length} records in ${o.out}${o.pdf !== undefined ? ` and ${o.pdf}` : ''}; ${bad} do not verify\n`);
    });
}
