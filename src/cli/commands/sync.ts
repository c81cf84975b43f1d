/**
 * `keruen sync <url>`: reconcile this node's records with a relay (another Keruen node, or
 * any NIP-77 relay), send what it lacks, fetch what we lack. ws:// and wss:// use a WebSocket,
 * http:// and https:// the HTTP POST binding (for networks that pass only plain requests);
 * `--proxy` (or KERUEN_PROXY / ALL_PROXY) sends it through SOCKS or an HTTP proxy; `--retry`
 * and `--until-done` resume after a cut link. Exit 0 when both sides now hold the same records
 * (within --kind); 3 when some were refused or never came; 6 when the link failed.
 */
import { Command } from 'commander';
import { KeruenError } from '../../core/errors.ts';
import { Exit } from '../exit-codes.ts';
import { progressBar, type Progress } from '../progress.ts';
import type { CliContext } from '../context.ts';
import type { SyncDirection, SyncProgress, SyncReport } from '../../sync/client.ts';
import type { Cut } from '../../sync/resume.ts';
import { kindOf } from './read.ts';
import { shortId } from '../format.ts';
import { join } from 'node:path';
import { BlobStore } from '../../node/blobs.ts';

interface SyncCliOptions {
  pull?: boolean;
  push?: boolean;
  kind?: string[];
  json?: boolean;
  /** A URL, or false for --no-proxy. */
  proxy?: string | false;
  retry?: string;
  untilDone?: boolean;
}

function retriesOf(o: SyncCliOptions): number {
  if (o.untilDone === true) return Infinity;
  if (o.retry === undefined) return 0;
  const n = Number(o.retry);
  if (!Number.isInteger(n) || n < 0) throw KeruenError.usage(`--retry takes a whole number of attempts after a cut (got "${o.retry}")`);
  return n;
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

export function kB(bytes: number): string {
  return bytes < 1000 ? `${bytes} B` : `${(bytes / 1000).toFixed(1)} kB`;
}

/** One bar per phase, made when the phase starts (its total is known only then). */
function progressReporter(): { onProgress: (p: SyncProgress) => void; stop: () => void } {
  let phase: string | undefined;
  let bar: Progress | undefined;
  return {
    // Stopped bars start again with the next phase (a resumed sync goes through them anew).
    stop: () => {
      bar?.stop();
      bar = undefined;
      phase = undefined;
    },
    onProgress: (p) => {
      if (p.phase === 'reconcile') return;
      if (phase !== p.phase) {
        bar?.stop();
        phase = p.phase;
        bar = p.phase === 'media' ? progressBar('Media    ', p.total, 'bytes') : progressBar(p.phase === 'push' ? 'Sending  ' : 'Receiving', p.total, 'records');
      }
      bar?.update(p.done, {});
    },
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
  if (r.media !== undefined) {
    const m = r.media;
    lines.push(`Media: ${m.pulled.fetched} fetched (${m.pulled.resumed} resumed, ${kB(m.pulled.bytes)}), ${m.pushed.sent} sent (${kB(m.pushed.bytes)}), ${m.pulled.alreadyHere} already here, ${m.pulled.missingOnPeer.length} missing on the peer, ${m.pulled.interrupted.length} cut (sync again to resume), ${m.pulled.refused.length + m.pushed.refused.length} refused.`);
  }
  lines.push(`Total: ${kB(r.bytesSent)} sent, ${kB(r.bytesReceived)} received in ${(r.ms / 1000).toFixed(1)} s.`);
  return lines;
}

export function syncCommand(getContext: () => CliContext): Command {
  return new Command('sync')
    .description('sync records with a relay over NIP-77 (another Keruen node or any NIP-77 relay): send what it lacks, fetch what we lack, text before media')
    .argument('<url>', 'the relay, like ws://192.168.1.20:7777; http://192.168.1.20:7777 where only plain HTTP requests pass')
    .option('--pull', 'only fetch what we lack')
    .option('--push', 'only send what the relay lacks')
    .option('--kind <kind>', 'only this kind (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('--json', 'print the report as JSON')
    .option('--proxy <url>', 'through a proxy: socks5h://127.0.0.1:9050 (Tor), socks5://, socks4:// or http://host:port (default: $KERUEN_PROXY, else $ALL_PROXY)')
    .option('--no-proxy', 'connect directly even if KERUEN_PROXY or ALL_PROXY is set')
    .option('--retry <n>', 'after a cut link, sync again up to n times (waiting 1 s, 2 s, 4 s... up to 30 s)')
    .option('--until-done', 'after a cut link, sync again until done (Ctrl+C stops)')
    .action(async (url: string, o: SyncCliOptions) => {
      if (o.pull === true && o.push === true) throw KeruenError.usage('--pull and --push together is the default: give neither');
      const direction: SyncDirection = o.pull === true ? 'pull' : o.push === true ? 'push' : 'both';
      const kinds = o.kind?.map(kindOf);
      const retries = retriesOf(o);
      const { parseProxyUrl, proxyFromEnv } = await import('../../sync/proxy.ts');
      const proxy = o.proxy === false ? undefined : (o.proxy ?? proxyFromEnv(process.env));
      // Said out loud: a proxy taken from the environment should never be a surprise, nor its absence.
      if (proxy !== undefined) process.stderr.write(`Through proxy ${parseProxyUrl(proxy).display}${o.proxy === undefined ? ' (from the environment)' : ''}\n`);
      const ctx = getContext();
      // Loaded here so other commands do not pay for the sync's modules.
      const { syncUntilDone } = await import('../../sync/resume.ts');
      const progress = progressReporter();
      let report: SyncReport;
      let resumed: { attempts: number; cuts: Cut[]; bytesSent: number; bytesReceived: number } | undefined;
      try {
        const r = await syncUntilDone(ctx.store, url, {
          direction,
          blobs: new BlobStore(join(ctx.dataDir.root, 'blobs')),
          ...(kinds ? { filter: { kinds } } : {}),
          ...(proxy !== undefined ? { proxy } : {}),
          attempts: retries + 1,
          onProgress: progress.onProgress,
          onCut: (cut) => {
            progress.stop();
            const next = cut.retryInMs === undefined ? '' : ` Resuming in ${seconds(cut.retryInMs)}.`;
            process.stderr.write(`Link cut (attempt ${cut.attempt}): ${cut.message}.${next}\n`);
          },
          onResume: (attempt) => process.stderr.write(`Resuming (attempt ${attempt}): reconciling again, what already arrived is kept.\n`),
        });
        report = r.final;
        if (r.cuts.length > 0) resumed = { attempts: r.attempts, cuts: r.cuts, bytesSent: r.bytesSent, bytesReceived: r.bytesReceived };
      } catch (e) {
        if (retries === 0 && e instanceof KeruenError && e.code === 'io') throw new KeruenError('io', `${e.message} (--retry N or --until-done resumes after a cut)`);
        throw e;
      } finally {
        progress.stop();
      }
      if (o.json === true) {
        process.stdout.write(`${JSON.stringify(resumed ? { ...report, resumed } : report)}\n`);
      } else {
        process.stdout.write(`${summary(report).join('\n')}\n`);
        if (resumed) process.stdout.write(`Resumed after ${resumed.cuts.length} cut${resumed.cuts.length === 1 ? '' : 's'}: ${resumed.attempts} attempts, ${kB(resumed.bytesSent)} sent, ${kB(resumed.bytesReceived)} received in all.\n`);
      }
      const refused = [...report.pushed.rejected.map((x) => ({ ...x, way: 'sent' })), ...report.pulled.rejected.map((x) => ({ ...x, way: 'received' }))];
      for (const bad of refused.slice(0, 20)) process.stderr.write(`  refused (${bad.way}) ${shortId(bad.id)}: ${bad.reason}\n`);
      if (refused.length > 20) process.stderr.write(`  ... and ${refused.length - 20} more (use --json for all)\n`);
      if (report.pulled.missing.length > 0) process.stderr.write(`  ${report.pulled.missing.length} records the relay listed never came (deleted meanwhile?): sync again\n`);
      // Exit 3 (invalid input) either way; this line says whose input it was.
      const invalid = report.pulled.rejected.length;
      if (invalid > 0) process.stderr.write(`${url} sent ${invalid} invalid record${invalid === 1 ? '' : 's'} (refused above; none of them stored): it is broken or hostile. A node syncing with it on its own pauses it until \`keruen peers trust <name>\`.\n`);
      if (refused.length > 0 || report.pulled.missing.length > 0) process.exitCode = Exit.invalidInput;
    });
}
