/** Reading commands: list, show, search. */
import { Command } from 'commander';
import type { Filter } from 'nostr-tools/filter';
import * as nip19 from 'nostr-tools/nip19';
import { KeruenError } from '../../core/errors.ts';
import { kindSlugs, slugOfKind } from '../../core/kinds.ts';
import { parseRecord } from '../../core/records.ts';
import { listLine, npubOf } from '../format.ts';
import type { CliContext } from '../context.ts';

export function kindOf(slug: string): number {
  const k = kindSlugs[slug] ?? (/^\d+$/.test(slug) ? Number(slug) : undefined);
  if (k === undefined) throw KeruenError.usage(`unknown kind "${slug}": one of ${Object.keys(kindSlugs).join(', ')}`);
  return k;
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw KeruenError.usage(`"${v}" is not a positive whole number`);
  return n;
}

export function listCommand(getContext: () => CliContext): Command {
  return new Command('list')
    .description('list records, newest first')
    .option('--kind <kind>', 'only this kind (testimony, event, person, status, claim, assessment, translation, source, media)')
    .option('--author <npub-or-hex>', 'only records signed by this key')
    .option('--limit <n>', 'how many', positiveInt, 50)
    .option('--json', 'one event per line, as JSON')
    .action((o: { kind?: string; author?: string; limit: number; json?: boolean }) => {
      const filter: Filter = { limit: o.limit };
      if (o.kind !== undefined) filter.kinds = [kindOf(o.kind)];
      if (o.author !== undefined) filter.authors = [decodeAuthor(o.author)];
      const events = getContext().store.query([filter]);
      for (const e of events) process.stdout.write(o.json === true ? `${JSON.stringify(e)}\n` : `${listLine(e)}\n`);
      if (events.length === 0 && o.json !== true) process.stderr.write('No records match.\n');
    });
}

function decodeAuthor(s: string): string {
  if (/^[0-9a-f]{64}$/.test(s)) return s;
  try {
    const d = nip19.decode(s);
    if (d.type === 'npub') return d.data;
  } catch {
    // reported below
  }
  throw KeruenError.usage(`"${s}" is not a public key: give npub1... or 64 hex characters`);
}

export function showCommand(getContext: () => CliContext): Command {
  return new Command('show')
    .description('show one record: its content, signature, author, and links in and out')
    .argument('<id>', 'record id (hex, note1..., or a hex prefix of 8+ characters)')
    .option('--json', 'the raw event')
    .action((ref: string, o: { json?: boolean }) => {
      const ctx = getContext();
      const e = ctx.resolve(ref);
      if (o.json === true) return void process.stdout.write(`${JSON.stringify(e)}\n`);
      const r = parseRecord(e);
      const out: string[] = [];
      out.push(`${slugOfKind(e.kind) ?? `kind ${e.kind}`}  ${e.id}`);
      out.push(`author     ${npubOf(e.pubkey)}`);
      out.push(`signed at  ${new Date(e.created_at * 1000).toISOString()} (the author's word)`);
      out.push(`signature  verified when stored (BIP-340)`);
      out.push('');
      out.push(r !== undefined ? JSON.stringify(r.content, null, 2) : e.content);
      const outgoing = e.tags.filter((t) => t[0] === 'e');
      if (outgoing.length > 0) {
        out.push('', 'links out:');
        for (const t of outgoing) {
          const target = ctx.store.get(t[1] ?? '');
          out.push(`  ${(t[3] ?? 'ref').padEnd(10)} ${target ? listLine(target) : `${t[1]?.slice(0, 12)} (not on this node)`}`);
        }
      }
      const incoming = ctx.store.query([{ '#e': [e.id], limit: 200 }]);
      if (incoming.length > 0) {
        out.push('', 'links in:');
        for (const i of incoming) {
          const role = i.tags.find((t) => t[0] === 'e' && t[1] === e.id)?.[3] ?? 'ref';
          out.push(`  ${role.padEnd(10)} ${listLine(i)}`);
        }
      }
      process.stdout.write(`${out.join('\n')}\n`);
    });
}

export function searchCommand(getContext: () => CliContext): Command {
  return new Command('search')
    .description('full-text search in any script: "Жанаозен" finds "Zhanaozen" and "Janaozen"')
    .argument('<words...>', 'what to look for')
    .option('--kind <kind>', 'only this kind')
    .option('--limit <n>', 'how many', positiveInt, 20)
    .option('--json', 'one event per line, as JSON')
    .action((words: string[], o: { kind?: string; limit: number; json?: boolean }) => {
      const hits = getContext().store.search(words.join(' '), { limit: o.limit, ...(o.kind !== undefined ? { kinds: [kindOf(o.kind)] } : {}) });
      for (const h of hits) process.stdout.write(o.json === true ? `${JSON.stringify(h.event)}\n` : `${listLine(h.event)}\n`);
      if (hits.length === 0 && o.json !== true) process.stderr.write('Nothing found.\n');
    });
}
