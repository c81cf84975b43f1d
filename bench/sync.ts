/**
 * `npm run bench:sync`: two replicas of 100,000 signed Keruen records differing by d = 10,
 * 100 and 1,000 records scattered through time (half missing on each side), synced by Keruen
 * (NIP-77, and the Keruen-only scheme when syncWith has it) and by PouchDB, with every byte
 * counted by a TCP proxy outside the code measured; next to the limit (the differing records
 * alone, gzip -9) and a naive exchange of all ids (computed). Then one sync at d = 100 over a
 * simulated 64 kbit/s link with 600 ms round trip. BENCH_RECORDS=10000 shrinks it; BENCH_POUCH_DS
 * picks the d at which PouchDB runs ("100", "10,100", "" for none; default all: it is the slow
 * part, minutes per d at 100,000). The signed corpus is cached in bench/.cache/.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { slugOfKind } from '../src/core/kinds.ts';
import { runSyncBench, type BenchResult, type KeruenRow } from './sync/run.ts';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const DS = [10, 100, 1000].filter((d) => d <= RECORDS / 4);
/** 64 kbit/s is 8,000 bytes/s; 600 ms round trip is 300 ms each way. */
const SLOW = { d: 100, shape: { delayMs: 300, bytesPerSecond: 8000 } };
const TARGET_D = 100;

const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const kb = (bytes: number) => `${fmt(bytes / 1000, 1)} kB`;
const row = (cells: string[], widths: number[]) => `| ${cells.map((c, k) => (k === 0 ? c.padEnd(widths[k]!) : c.padStart(widths[k]!))).join(' | ')} |`;

function schemeName(r: KeruenRow): string {
  return r.protocol === 'nip77' ? 'Keruen, NIP-77' : `Keruen, ${r.protocol}`;
}

function report(res: BenchResult): string {
  const out: string[] = [];
  const kinds = [...res.kinds].map(([k, n]) => `${slugOfKind(k) ?? k} ${fmt((n / res.records) * 100, 0)}%`).join(', ');
  out.push(`Keruen sync bench: two replicas of ${fmt(res.records)} records (mean ${fmt(res.meanRecordBytes)} bytes of JSON; ${kinds}),`);
  out.push(`differences scattered through time, half missing on each side. ${availableParallelism()} cores, Node ${process.versions.node}.`);
  out.push('Keruen and PouchDB bytes are counted by a TCP proxy (both ways, headers and framing included); limit and naive are computed.');
  out.push('');
  const widths = [24, 6, 12, 8, 10, 7, 14, 10];
  out.push(row(['', 'd', 'total bytes', 'x limit', 'reconcile', 'rounds', 'client flights', 'converged'], widths));
  out.push(row(widths.map((w) => '-'.repeat(w)), widths));
  for (const r of res.rounds) {
    out.push(row(['limit (gzip -9 of diff)', fmt(r.d), kb(r.limit), '1.0', '', '', '', ''], widths));
    out.push(row(['naive: all ids + gzip', fmt(r.d), kb(r.naive.bytes), fmt(r.naive.bytes / r.limit, 1), '', String(r.naive.roundTrips), '', '(computed)'], widths));
    for (const k of r.keruen) {
      const total = k.wire.up + k.wire.down;
      const rec = k.report.reconcile.bytesSent + k.report.reconcile.bytesReceived;
      out.push(row([schemeName(k), fmt(r.d), kb(total), fmt(total / r.limit, 1), kb(rec), String(k.report.reconcile.roundTrips), String(k.wire.flights), k.converged ? 'yes' : 'NO'], widths));
    }
    if (r.pouch) {
      const total = r.pouch.wire.up + r.pouch.wire.down;
      out.push(row(['PouchDB sync', fmt(r.d), kb(total), fmt(total / r.limit, 1), '', '', String(r.pouch.wire.flights), r.pouch.converged ? 'yes' : 'NO'], widths));
    }
  }
  out.push('');
  out.push('rounds: reconciliation round trips (the report of syncWith). client flights: times the client spoke again after hearing');
  out.push('back, counted at the proxy (WebSocket handshake, push and pull included; each HTTP request for PouchDB).');
  for (const r of res.rounds) {
    const detail = r.keruen.map((k) => `${schemeName(k)}: up ${kb(k.wire.up)} / down ${kb(k.wire.down)}, pushed ${k.report.pushed.accepted}, pulled ${k.report.pulled.stored}, ${fmt(k.ms / 1000, 1)} s`);
    if (r.pouch) detail.push(`PouchDB: up ${kb(r.pouch.wire.up)} / down ${kb(r.pouch.wire.down)}, pushed ${r.pouch.pushed}, pulled ${r.pouch.pulled}, load ${fmt(r.pouch.loadMs / 1000, 1)} s, sync ${fmt(r.pouch.syncMs / 1000, 1)} s`);
    out.push(`  d = ${r.d} (${r.missingOnA} missing on A, ${r.missingOnB} on B): ${detail.join('; ')}`);
  }
  if (!res.keruenScheme) out.push('  The Keruen-only reconciliation is not in syncWith yet (asked for it, got NIP-77): no row for it.');

  const s = res.slow;
  if (s) {
    out.push('');
    out.push(`slow link (${fmt(s.shape.bytesPerSecond * 8 / 1000)} kbit/s and ${s.shape.delayMs} ms each way, queued), d = ${s.d}: ${s.textRecords} text records and ${s.mediaRecords} media descriptors differ, ${schemeName(s.run)}`);
    out.push(`  all text stored on the side that lacked it after ${fmt(s.lastTextMs / 1000, 1)} s; first media descriptor after ${s.firstMediaMs === undefined ? '(none)' : `${fmt(s.firstMediaMs / 1000, 1)} s`}; whole sync ${fmt(s.run.ms / 1000, 1)} s, ${kb(s.run.wire.up + s.run.wire.down)}`);
    out.push(`  text ahead of media per direction: ${s.textAheadPerDirection ? 'yes' : 'NO'}; across both directions: ${s.textAheadOfMedia ? 'yes' : 'NO'}. Blobs: not measured (syncWith's blobs option needs Blossom routes in front of B; the bench does not wire them yet).`);
  }

  out.push('');
  out.push('targets:');
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const at = res.rounds.find((r) => r.d === TARGET_D);
  for (const k of at?.keruen ?? []) {
    const total = k.wire.up + k.wire.down;
    const bound = 2 * at!.limit + 16_000;
    out.push(`  d = ${TARGET_D}, ${schemeName(k)}: ${kb(total)} <= 2 x limit + 16 kB = ${kb(bound)}: ${verdict(total <= bound)}; ${k.report.reconcile.roundTrips} reconciliation round trips <= 4: ${verdict(k.report.reconcile.roundTrips <= 4)}`);
  }
  if (at === undefined) out.push(`  d = ${TARGET_D} not run at this size`);
  const schemes = new Set(res.rounds.flatMap((r) => r.keruen.map(schemeName)));
  for (const name of schemes) {
    const each = res.rounds.map((r) => {
      const k = r.keruen.find((x) => schemeName(x) === name);
      const total = k ? k.wire.up + k.wire.down : Infinity;
      return { d: r.d, naive: total < r.naive.bytes, pouch: r.pouch ? total < r.pouch.wire.up + r.pouch.wire.down : undefined };
    });
    out.push(`  ${name} fewer bytes than naive at every d: ${verdict(each.every((e) => e.naive))} (${each.map((e) => `d=${e.d} ${e.naive ? 'yes' : 'no'}`).join(', ')})`);
    const ran = each.filter((e) => e.pouch !== undefined);
    const skipped = each.filter((e) => e.pouch === undefined).map((e) => `d=${e.d}`);
    const note = skipped.length > 0 ? `; PouchDB not run at ${skipped.join(', ')} (BENCH_POUCH_DS), so not shown for every d` : '';
    if (ran.length > 0) out.push(`  ${name} fewer bytes than PouchDB at ${skipped.length > 0 ? 'each d run' : 'every d'}: ${verdict(ran.every((e) => e.pouch === true))} (${ran.map((e) => `d=${e.d} ${e.pouch ? 'yes' : 'no'}`).join(', ')})${note}`);
    else out.push(`  ${name} fewer bytes than PouchDB: not measured (BENCH_POUCH_DS empty)`);
  }
  if (s) out.push(`  slow link, all text ahead of any media (both directions together): ${verdict(s.textAheadOfMedia)}`);
  return out.join('\n');
}

const t0 = performance.now();
const result = await runSyncBench({
  records: RECORDS,
  ds: DS,
  cacheDir: join(import.meta.dirname, '.cache'),
  pouchDs: process.env.BENCH_POUCH_DS === undefined ? DS : process.env.BENCH_POUCH_DS.split(',').filter((x) => x.trim() !== '').map(Number),
  slow: SLOW.d <= RECORDS / 4 ? SLOW : undefined,
});
process.stdout.write(`${report(result)}\n`);
process.stderr.write(`bench:sync done in ${fmt((performance.now() - t0) / 1000, 0)} s\n`);
