/**
 * `keruen bundle create` and `keruen bundle import`: sneakernet. One file carries records and
 * their media between nodes that never connect; a damaged file still gives all that verifies,
 * and a sealed one (--to) shows whoever seizes it nothing but its size (docs/bundles.md).
 */
import { join } from 'node:path';
import { Command } from 'commander';
import * as nip19 from 'nostr-tools/nip19';
import { KeruenError } from '../../core/errors.ts';
import { BlobStore } from '../../node/blobs.ts';
import { PeerKnowledge, checkPeerName } from '../../sync/peer-knowledge.ts';
import type { CreateReport } from '../../sync/bundle/create.ts';
import type { ImportReport } from '../../sync/bundle/import.ts';
import { Exit } from '../exit-codes.ts';
import { readPassphrase } from '../passphrase.ts';
import { progressBar, type Progress } from '../progress.ts';
import type { CliContext } from '../context.ts';
import { kindOf } from './read.ts';
import { kB } from './sync.ts';

interface CreateCliOptions {
  kind?: string[];
  for?: string;
  to?: string;
  as?: string;
  passphraseFile?: string;
  json?: boolean;
}

interface ImportCliOptions {
  passphraseFile?: string;
  identity?: string;
  json?: boolean;
}

/** An npub or 64 hex characters, as an x-only public key in hex. */
export function recipientKey(ref: string): string {
  const s = ref.trim();
  if (/^[0-9a-f]{64}$/.test(s)) return s;
  if (s.startsWith('npub1')) {
    try {
      const d = nip19.decode(s);
      if (d.type === 'npub') return d.data;
    } catch {
      // fall through to the usage error
    }
  }
  throw KeruenError.usage(`"${ref}" is not a public key: give an npub1... code or 64 hex characters`);
}

function creatorLabel(ctx: CliContext, as: string | undefined): string {
  if (as !== undefined) return checkPeerName(as);
  const ids = ctx.keystore.list();
  return ids.find((i) => i.isDefault)?.npub ?? '';
}

function createSummary(r: CreateReport, o: CreateCliOptions): string[] {
  const lines = [
    `Wrote ${r.path}: ${r.records} records, ${r.blobs} blob${r.blobs === 1 ? '' : 's'} (${kB(r.blobBytes)}), ${kB(r.bytes)} on disk${r.encrypted ? `, sealed for ${o.to}` : ''}.`,
  ];
  if (o.for !== undefined) lines.push(`Left out ${r.leftOut} records ${o.for} already holds; what was written is now counted as held by ${o.for}.`);
  if (r.blobsNotHeld > 0) lines.push(`${r.blobsNotHeld} media records name a blob this node does not hold: the records go, the blobs cannot.`);
  return lines;
}

function importSummary(r: ImportReport): string[] {
  const { records: rec, blobs } = r;
  const lines = [
    `${r.encrypted ? 'Sealed bundle opened' : 'Bundle'}${r.creator ? ` from ${r.creator}` : ''}${r.complete ? '' : r.manifestComplete ? ' (cut short or damaged)' : ' (its manifest is damaged: what it promised is partly unknown)'}.`,
    `Records: ${rec.promised} promised, ${rec.received} came intact: ${rec.stored} stored, ${rec.duplicate} already here, ${rec.superseded} superseded or deleted, ${rec.rejected.length} refused, ${rec.missing.length} never came.`,
    `Blobs: ${blobs.promised} promised: ${blobs.stored} stored, ${blobs.duplicate} already here, ${blobs.rejected.length} refused, ${blobs.missing.length} missing.`,
  ];
  if (rec.stored === 0 && blobs.stored === 0) lines.push('Nothing new: everything that came was already here.');
  if (r.learnt > 0) lines.push(`Learnt ${r.learnt} records ${r.creator} holds (for \`keruen bundle create --for ${r.creator}\`).`);
  return lines;
}

/** Every loss, one line each; the first 20 of each sort unless --json shows them all. */
function lossLines(r: ImportReport): string[] {
  const out: string[] = [];
  const some = <T>(items: T[], line: (x: T) => string, what: string) => {
    for (const x of items.slice(0, 20)) out.push(line(x));
    if (items.length > 20) out.push(`  ... and ${items.length - 20} more ${what} (use --json for all)`);
  };
  some(r.damage, (d) => `  damaged: bytes ${d.offset}-${d.end}: ${d.reason}`, 'damaged ranges');
  some(r.records.rejected, (x) => `  refused record ${x.id}: ${x.reason}`, 'refused records');
  some(r.records.missing, (id) => `  never came: record ${id}`, 'missing records');
  some(r.blobs.rejected, (x) => `  refused blob ${x.sha256}: ${x.reason}`, 'refused blobs');
  some(r.blobs.missing, (x) => `  missing blob ${x.sha256}: ${x.reason}`, 'missing blobs');
  return out;
}

function bar(label: string, unit: string): { update: (done: number, total: number) => void; stop: () => void } {
  let current: Progress | undefined;
  let total = -1;
  return {
    update: (done, t) => {
      if (t !== total) {
        current?.stop();
        total = t;
        current = progressBar(label, t, unit);
      }
      current?.update(done);
    },
    stop: () => current?.stop(),
  };
}

async function unlockAll(ctx: CliContext, o: ImportCliOptions): Promise<{ names: string[]; keys: Uint8Array[] }> {
  const ids = o.identity !== undefined ? [ctx.keystore.find(o.identity)] : ctx.keystore.list();
  if (ids.length === 0) throw new KeruenError('not_found', 'this bundle is sealed and this node has no identity to open it: run `keruen init` or import it where its key lives');
  const passphrase = await readPassphrase(o, 'Passphrase to open the bundle: ');
  const keys: Uint8Array[] = [];
  const names: string[] = [];
  for (const id of ids) {
    try {
      keys.push(ctx.keystore.unlock(id, passphrase));
      names.push(id.name);
    } catch (e) {
      if (!(e instanceof KeruenError && e.code === 'bad_passphrase')) throw e;
    }
  }
  if (keys.length === 0) throw new KeruenError('bad_passphrase', `the passphrase opens none of this node's identities (${ids.map((i) => i.name).join(', ')})`);
  return { names, keys };
}

function createCommand(getContext: () => CliContext): Command {
  return new Command('create')
    .description('write records and their media into one new file for a courier (never overwrites)')
    .argument('<file>', 'the bundle to write')
    .option('--kind <kind>', 'only this kind (repeatable)', (v: string, p: string[] = []) => [...p, v])
    .option('--for <peer>', 'only what this peer is not known to hold (learnt from its bundles and ours)')
    .option('--to <pubkey>', 'seal for this recipient (npub or hex): only its key opens the file')
    .option('--as <name>', 'the name this bundle gives its creator (default: the default identity npub)')
    .option('--passphrase-file <file>', 'for an encrypted data folder: read its passphrase from this file')
    .option('--json', 'print the report as JSON')
    .action(async (path: string, o: CreateCliOptions) => {
      const ctx = getContext();
      const kinds = o.kind?.map(kindOf);
      const to = o.to !== undefined ? recipientKey(o.to) : undefined;
      const knowledge = new PeerKnowledge(ctx.dataDir.root);
      if (o.for !== undefined && !knowledge.has(checkPeerName(o.for))) process.stderr.write(`Nothing is known yet about what ${o.for} holds: the bundle carries everything.\n`);
      const { createBundle } = await import('../../sync/bundle/create.ts');
      const progress = bar('Writing', 'bytes');
      let r: CreateReport;
      try {
        r = await createBundle(ctx.store, new BlobStore(join(ctx.dataDir.root, 'blobs')), knowledge, path, {
          creator: creatorLabel(ctx, o.as),
          ...(kinds ? { kinds } : {}),
          ...(o.for !== undefined ? { forPeer: o.for } : {}),
          ...(to !== undefined ? { to } : {}),
          // One bar over records (as ~1 kB each) and blob bytes.
          onProgress: (p, t) => progress.update(p.records * 1000 + p.blobBytes, t.records * 1000 + t.blobBytes),
        });
      } finally {
        progress.stop();
      }
      process.stdout.write(o.json === true ? `${JSON.stringify(r)}\n` : `${createSummary(r, o).join('\n')}\n`);
    });
}

function importBundleCommand(getContext: () => CliContext): Command {
  return new Command('import')
    .description('import a bundle: every record and blob verified; from a damaged bundle, all that verifies, and every loss named')
    .argument('<file>', 'the bundle')
    .option('--passphrase-file <file>', 'for a sealed bundle: read the passphrase from this file')
    .option('--identity <name>', 'for a sealed bundle: the identity it was sealed for (default: try each)')
    .option('--json', 'print the report as JSON')
    .action(async (path: string, o: ImportCliOptions) => {
      const ctx = getContext();
      const { importBundle } = await import('../../sync/bundle/import.ts');
      const progress = bar('Reading', 'bytes');
      let r: ImportReport;
      try {
        r = await importBundle(ctx.store, new BlobStore(join(ctx.dataDir.root, 'blobs')), new PeerKnowledge(ctx.dataDir.root), path, {
          secretKeys: () => unlockAll(ctx, o),
          onProgress: (_phase, done, total) => progress.update(done, total),
        });
      } finally {
        progress.stop();
      }
      if (o.json === true) process.stdout.write(`${JSON.stringify(r)}\n`);
      else {
        process.stdout.write(`${importSummary(r).join('\n')}\n`);
        const losses = lossLines(r);
        if (losses.length > 0) process.stderr.write(`${losses.join('\n')}\n`);
      }
      const lost = r.damage.length + r.records.rejected.length + r.records.missing.length + r.blobs.rejected.length + r.blobs.missing.length;
      if (lost > 0) process.exitCode = Exit.invalidInput;
    });
}

export function bundleCommand(getContext: () => CliContext): Command {
  return new Command('bundle')
    .description('carry records and media on a USB stick between nodes that never connect')
    .addCommand(createCommand(getContext))
    .addCommand(importBundleCommand(getContext));
}
