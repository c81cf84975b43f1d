/** `keruen timeline`, `keruen people`, `keruen claims`: the derived views, in the terminal. */
import { Command } from 'commander';
import { DOMAIN_KINDS, Kind } from '../../core/kinds.ts';
import type { VerifiedEvent } from '../../core/event.ts';
import { ArchiveIndex, buildClaims, buildPeople, buildPerson, buildTimeline, type ResolvedCitation, type Attribution } from '../../core/views/index.ts';
import { KeruenError } from '../../core/errors.ts';
import { formatWhen, oneLine, shortId } from '../format.ts';
import type { CliContext } from '../context.ts';

function archive(ctx: CliContext): ArchiveIndex {
  const events: VerifiedEvent[] = ctx.store.query([{ kinds: [...DOMAIN_KINDS, Kind.Profile] }]);
  return new ArchiveIndex(events);
}

const by = (a: Attribution) => `${a.name ?? shortId(a.pubkey)}, ${new Date(a.createdAt * 1000).toISOString().slice(0, 10)}`;
const cite = (c: ResolvedCitation) => `«${oneLine(c.quote, 140)}» (${c.sourceTitle ?? shortId(c.sourceId)})`;
const print = (lines: string[]) => process.stdout.write(`${lines.join('\n')}\n`);
const json = (v: unknown): void => void process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);

export function viewCommands(getContext: () => CliContext): Command[] {
  const timeline = new Command('timeline')
    .description('events day by day, with their testimonies and sources; who reported each')
    .option('--day <yyyy-mm-dd>', 'only this day')
    .option('--json', 'as JSON')
    .action((o: { day?: string; json?: boolean }) => {
      const t = buildTimeline(archive(getContext()));
      const days = o.day !== undefined ? t.days.filter((d) => d.day === o.day) : t.days;
      if (o.json === true) return json({ ...t, days });
      const out: string[] = [];
      if (o.day === undefined && t.periods.length > 0) {
        out.push('Earlier, dated only to the month or year:');
        for (const e of t.periods) out.push(`  ${formatWhen(e.when)}  ${e.title}  [${by(e.attribution)}]`);
        out.push('');
      }
      for (const d of days) {
        const killed = d.counts.persons.killed;
        const detained = d.counts.persons.detained;
        out.push(`${d.day}  ${d.counts.events} event(s)${killed ? `, ${killed} reported killed` : ''}${detained ? `, ${detained} reported detained` : ''}`);
        for (const e of d.events) {
          out.push(`  ${shortId(e.id)}  ${e.title}${e.where ? ` — ${e.where.name}` : ''}  (${formatWhen(e.when)})  [${by(e.attribution)}]`);
          for (const c of e.citations.slice(0, 1)) out.push(`      source: ${cite(c)}`);
          for (const ts of e.testimonies) out.push(`      testimony ${shortId(ts.id)} (${ts.witness.firsthand ? 'first-hand' : 'second-hand'}, ${oneLine(ts.witness.description, 60)}): ${oneLine(ts.text, 90)}`);
        }
      }
      if (days.length === 0) out.push('No dated events.');
      print(out);
    });

  const people = new Command('people')
    .description('people of concern: current status, full history, who reported each change and on what evidence')
    .argument('[id]', 'one person (record id)')
    .option('--json', 'as JSON')
    .action((ref: string | undefined, o: { json?: boolean }) => {
      const index = archive(getContext());
      const list = ref !== undefined ? [buildPerson(index, getContext().resolve(ref).id)].filter((p) => p !== undefined) : buildPeople(index);
      if (ref !== undefined && list.length === 0) throw KeruenError.notFound(`person ${ref}`);
      if (o.json === true) return json(ref !== undefined ? list[0] : list);
      const out: string[] = [];
      for (const p of list) {
        const status = p.current ? `${p.current.status.toUpperCase()}${p.current.when ? ` since ${formatWhen(p.current.when)}` : ''}` : 'no status reported';
        out.push(`${shortId(p.id)}  ${p.name}${p.aliases?.length ? ` (${p.aliases.join(', ')})` : ''} — ${status}; ${p.sources.count} source(s)${p.conflicts.length ? `; ${p.conflicts.length} conflicting report(s)` : ''}`);
        if (ref !== undefined || list.length <= 3) {
          for (const h of p.history) {
            out.push(`    ${h.status.padEnd(9)} ${formatWhen(h.when)}  reported by ${by(h.attribution)}${h.note ? `: ${oneLine(h.note, 80)}` : ''}`);
            for (const c of h.citations) out.push(`              evidence: ${cite(c)}`);
          }
        }
      }
      if (list.length === 0) out.push('No people of concern recorded.');
      print(out);
    });

  const claims = new Command('claims')
    .description('claims (who said what, when) against the evidence, with the assessments that support or contradict them')
    .option('--json', 'as JSON')
    .action((o: { json?: boolean }) => {
      const list = buildClaims(archive(getContext()));
      if (o.json === true) return json(list);
      const out: string[] = [];
      for (const c of list) {
        out.push(`${shortId(c.id)}  ${c.claimant.name}${c.claimant.role ? ` (${c.claimant.role})` : ''}${c.said ? `, ${formatWhen(c.said)}` : ''}:`);
        out.push(`    «${oneLine(c.statement, 150)}»`);
        out.push(`    ${c.standing.code.toUpperCase()}: ${c.standing.summary}`);
      }
      if (list.length === 0) out.push('No claims recorded.');
      print(out);
    });

  return [timeline, people, claims];
}
