/**
 * `keruen sync <ws-url>`: reconcile this node's records with a relay (another Keruen node, or
 * any NIP-77 relay), send what it lacks, fetch what we lack. Exit 0 when both sides now hold the
 * same records (within --kind); 3 when some were refused or never came; 6 when the link failed.
 */
import { Command } from 'commander';
import { KeruenError } from '../../core/errors.ts';
import { Exit } from '../exit-codes.ts';
import { progressBar, type Progress } from '../progress.ts';
import type { CliContext } from '../context.ts';
import type { SyncDirection, SyncProgress, SyncReport } from '../../sync/client.ts';
import { kindOf } from './read.ts';
import { shortId } from '../format.ts';

interface SyncCliOptions {
  pull?: boolean;
  push?: boolean;
  kind?: string[];
  json?: boolean;
}

export function kB(bytes: number): string {
  return bytes < 1000 ? `${bytes} B` : `${(bytes / 1000).toFixed(1)} kB`;
}

/** One bar per phase, made when the phase starts (its total is known only then). */
function progressReporter(): { onProgress: (p: SyncProgress) => void; stop: () => void } {
  let phase: string | undefined;
  let bar: Progress | undefined;
  return {
    onProgress: (p) => {
      if (p.phase === 'reconcile') return;
      if (phase !== p.phase) {
        bar?.stop();
        phase = p.phase;
        bar = progressBar(p.phase === 'push' ? 'Sending  ' : 'Receiving', p.total, 'records');
      }
      bar?.update(p.done, {});
    },
    stop: () => bar?.stop(),
  };
}

export function summary(r: SyncReport): string[] {
  const lines = [
    `Reconciled with ${r.relay}: ${r.reconcile.roundTrips} round trip${r.reconcile.roundTrips === 1 ? '' : 's'}, ${kB(r.reconcile.bytesSent)} sent, ${kB(r.reconcile.bytesReceived)} received; it lacked ${r.have}, we lacked ${r.need}.`,
  ];
  if (r.have > 0) lines.push(`Sent: ${r.pushed.accepted} accepted (${r.pushed.duplicate} it had meanwhile), ${r.pushed.rejected.length} refused.`);
  if (r.need > 0) {
    const p = r.pulled;
    lines.push(`Received: ${p.stored} stored, ${p.duplicate} already here, ${p.superseded} superseded or deleted, ${p.rejected.length} refused, ${p.missing.length} never came.`);
  }
  lines.push(`Total: ${kB(r.bytesSent)} sent, ${kB(r.bytesReceived)} received in ${(r.ms / 1000).toFixed(1)} s.`);
  return lines;
}

export function syncCommand(getContext: () => CliContext): Command {
  return new Command('sync')
    .description('sync records with a relay over NIP-77 (another Keruen node or any NIP-77 relay): send what it lacks, fetch what we lack, text before media')
    .argument('<ws-url>', 'the relay, like ws://192.168.1.20:7777')
    .option('--pull', 'only fetch what we lack')
    .option('--push', 'only send what the relay lacks')
    .option('--kind <kind>', 'only this kind (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('--json', 'print the report as JSON')
    .action(async (url: string, o: SyncCliOptions) => {
      if (o.pull === true && o.push === true) throw KeruenError.usage('--pull and --push together is the default: give neither');
      const direction: SyncDirection = o.pull === true ? 'pull' : o.push === true ? 'push' : 'both';
      const kinds = o.kind?.map(kindOf);
      const ctx = getContext();
      // Loaded here so other commands do not pay for the sync's modules.
      const { syncWith } = await import('../../sync/client.ts');
      const progress = progressReporter();
      let report: SyncReport;
      try {
        report = await syncWith(ctx.store, url, { direction, ...(kinds ? { filter: { kinds } } : {}), onProgress: progress.onProgress });
      } finally {
        progress.stop();
      }
      if (o.json === true) process.stdout.write(`${JSON.stringify(report)}\n`);
      else process.stdout.write(`${summary(report).join('\n')}\n`);
      const refused = [...report.pushed.rejected.map((x) => ({ ...x, way: 'sent' })), ...report.pulled.rejected.map((x) => ({ ...x, way: 'received' }))];
      for (const bad of refused.slice(0, 20)) process.stderr.write(`  refused (${bad.way}) ${shortId(bad.id)}: ${bad.reason}\n`);
      if (refused.length > 20) process.stderr.write(`  ... and ${refused.length - 20} more (use --json for all)\n`);
      if (report.pulled.missing.length > 0) process.stderr.write(`  ${report.pulled.missing.length} records the relay listed never came (deleted meanwhile?): sync again\n`);
      if (refused.length > 0 || report.pulled.missing.length > 0) process.exitCode = Exit.invalidInput;
    });
}
