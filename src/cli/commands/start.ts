/** `keruen start`: run the node (relay + web page) on this machine. */
import { Command } from 'commander';
import { KeruenError } from '../../core/errors.ts';
import { sampleArchivePath } from '../../node/sample.ts';
import { importFile } from './transfer.ts';
import type { CliContext } from '../context.ts';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw KeruenError.usage(`"${v}" is not a port number (0-65535)`);
  return n;
}

export function startCommand(getContext: () => CliContext): Command {
  return new Command('start')
    .description('run the node: relay (NIP-01 over WebSocket) and web page on 127.0.0.1')
    .option('--port <n>', 'port to listen on (0 = any free port)', port, 7777)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--sample', 'load the sample archive (Kazakhstan, January 2022) if it is not loaded yet')
    .action(async (o: { port: number; host: string; sample?: boolean }) => {
      if (!LOOPBACK.has(o.host)) {
        // Other devices may only read or write after pairing, which comes with the web app.
        throw KeruenError.usage(`listening on ${o.host} would open the archive to the whole network; device pairing is not built yet, so only 127.0.0.1 is allowed`);
      }
      const ctx = getContext();
      if (o.sample === true) {
        const path = sampleArchivePath();
        if (path === undefined) throw new KeruenError('not_found', 'the sample archive is missing: run `npm run sample` to build it');
        const r = await importFile(ctx, path, { quiet: true });
        process.stderr.write(`Sample archive: ${r.stored} new records, ${r.duplicate} already loaded.\n`);
      }
      // Loaded here so other commands do not pay for the relay's modules.
      const { startNode } = await import('../../node/node.ts');
      const node = await startNode({ store: ctx.store, host: o.host, port: o.port });
      process.stdout.write(`Keruen node running\n  web:   ${node.httpUrl}\n  relay: ${node.relayUrl}\n  data:  ${ctx.dataDir.root}\nPress Ctrl+C to stop.\n`);
      const stop = () => {
        process.stderr.write('Stopping...\n');
        node
          .close()
          .catch((e: unknown) => process.stderr.write(`error while stopping: ${String(e)}\n`))
          .finally(() => {
            ctx.close();
            process.exit(0);
          });
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
