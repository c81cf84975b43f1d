/**
 * `keruen publish --out DIR`: the public records as a static site any host, mirror or USB stick
 * can serve (every language, search, feeds, signatures checked in the reader's browser), and
 * with --relay / --blossom pushed to Nostr relays and Blossom servers.
 */
import { resolve } from 'node:path';
import { Command } from 'commander';
import { KeruenError } from '../../core/errors.ts';
import { LOCALES, type Locale } from '../../web/app/i18n/index.ts';
import type { PublishPhase } from '../../publish/index.ts';
import { publicRecords } from '../../publish/public.ts';
import { Exit } from '../exit-codes.ts';
import { progressBar, type Progress } from '../progress.ts';
import type { CliContext } from '../context.ts';
import { kindOf } from './read.ts';

const collect = (v: string, prev: string[]) => [...prev, v];

interface PublishFlags {
  out: string;
  kind: string[];
  lang: string[];
  baseUrl?: string;
  title?: string;
  relay: string[];
  blossom: string[];
  proxy?: string;
  force?: boolean;
}

function langsOf(list: string[]): Locale[] {
  const langs = list.length > 0 ? list.flatMap((l) => l.split(',')).map((l) => l.trim()) : ['en', 'fr', 'ru', 'kk'];
  for (const l of langs) if (!(LOCALES as readonly string[]).includes(l)) throw KeruenError.usage(`unknown language "${l}": one of ${LOCALES.join(', ')}`);
  return [...new Set(langs)] as Locale[];
}

const LABELS: Record<PublishPhase, [string, string]> = {
  pages: ['Pages  ', 'pages'],
  search: ['Search ', 'pages'],
  records: ['Relays ', 'records'],
  media: ['Blossom', 'files'],
};

export function publishCommand(getContext: () => CliContext): Command {
  return new Command('publish')
    .description('publish the public records: a static site in DIR (every language, search, feeds, signatures checked by the reader); --relay/--blossom push them out too')
    .requiredOption('--out <dir>', 'folder to write the site into (must be empty, or a previous Keruen site with --force)')
    .option('--kind <kind>', 'only records of this kind (repeatable)', collect, [])
    .option('--lang <lang>', 'site languages: en, fr, ru, kk (repeatable or comma-separated; default all)', collect, [])
    .option('--base-url <url>', 'where the site will be served (absolute links in the feeds)')
    .option('--title <title>', 'title of the feeds')
    .option('--relay <url>', 'also push the records to this Nostr relay (repeatable)', collect, [])
    .option('--blossom <url>', 'also upload the media to this Blossom server (repeatable)', collect, [])
    .option('--proxy <url>', 'reach relays and Blossom servers through this proxy (socks5h://, http://)')
    .option('--force', 'replace a previous Keruen site in DIR')
    .action(async (o: PublishFlags) => {
      const ctx = getContext();
      const langs = langsOf(o.lang);
      const kinds = o.kind.map(kindOf);
      const records = publicRecords(ctx.store, kinds.length > 0 ? { kinds } : {});
      const bars = new Map<PublishPhase, Progress>();
      // Loaded here: the site renderer and its libraries cost every other command at start.
      const { publish } = await import('../../publish/index.ts');
      const { networkReportLines } = await import('../../publish/networks.ts');
      const report = await publish(records, {
        outDir: resolve(o.out),
        langs,
        force: o.force === true,
        relays: o.relay,
        blossom: o.blossom,
        blobs: ctx.blobs,
        ...(o.baseUrl !== undefined ? { baseUrl: o.baseUrl } : {}),
        ...(o.title !== undefined ? { title: o.title } : {}),
        ...(o.proxy !== undefined ? { proxy: o.proxy } : {}),
        onProgress: (p) => {
          let bar = bars.get(p.phase);
          if (!bar) {
            for (const b of bars.values()) b.stop();
            bar = progressBar(LABELS[p.phase][0], p.total, LABELS[p.phase][1]);
            bars.set(p.phase, bar);
          }
          bar.update(p.done);
        },
      });
      for (const b of bars.values()) b.stop();
      const lines = [
        `Published ${report.site.records} public records to ${resolve(o.out)}: ${report.site.pages} pages in ${langs.join(', ')}, search index of ${report.site.search.pages} pages, ${report.site.media} images, ${report.feeds.length} feed files.`,
        `Open ${resolve(o.out, 'index.html')} or serve the folder with any static web server.`,
      ];
      const n = report.networks;
      if (n !== undefined) lines.push(...networkReportLines(n));
      process.stdout.write(`${lines.join('\n')}\n`);
      if (n !== undefined) {
        const unreachable = [...n.relays, ...n.blossom].some((x) => x.error !== undefined);
        const refused = [...n.relays, ...n.blossom].some((x) => x.refused.length > 0);
        if (refused) process.exitCode = Exit.invalidInput;
        else if (unreachable) process.exitCode = Exit.io;
      }
    });
}
