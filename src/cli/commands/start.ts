/** `keruen start`: run the node (relay, web app, blobs) on this machine, or for the LAN with pairing. */
import { networkInterfaces } from 'node:os';
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { KeruenError } from '../../core/errors.ts';
import { sampleArchivePath, storeSampleSources } from '../../node/sample.ts';
import { importFile } from './transfer.ts';
import type { CliContext } from '../context.ts';

function seconds(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0.1 || n > 86_400) throw KeruenError.usage(`"${v}" is not a number of seconds (0.1 to 86400)`);
  return n;
}

function port(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw KeruenError.usage(`"${v}" is not a port number (0-65535)`);
  return n;
}

/** The addresses a phone on the same network can type, when the node listens on all of them. */
function lanUrls(host: string, p: number): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [];
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal && a.family === 'IPv4') out.push(`http://${a.address}:${p}`);
  }
  return out;
}

interface StartOptions {
  port: number;
  host: string;
  sample?: boolean;
  pairing?: boolean;
  pairingCodeFile?: string;
  syncEvery: number;
  mdns?: boolean;
}

export function startCommand(getContext: () => CliContext): Command {
  return new Command('start')
    .description('run the node: relay (NIP-01 over WebSocket), web app and blobs, on 127.0.0.1 unless --host is given')
    .option('--port <n>', 'port to listen on (0 = any free port)', port, 7777)
    .option('--host <address>', 'address to listen on; anything but 127.0.0.1 turns pairing on (0.0.0.0 = every network of this machine)', '127.0.0.1')
    .option('--pairing', 'require pairing even on 127.0.0.1 (for a tunnel, or tests)')
    .option('--pairing-code-file <file>', 'also write each pairing code to this file (for tests and scripts)')
    .option('--sample', 'load the sample archive (Kazakhstan, January 2022) if it is not loaded yet')
    .option('--sync-every <seconds>', 'sync with each peer this often (sooner when a record arrives)', seconds, 60)
    .option('--mdns', 'announce and look for Keruen nodes on the LAN even when listening on 127.0.0.1 (tests)')
    .option('--no-mdns', 'do not announce or look for Keruen nodes on the LAN (default: on when --host is not 127.0.0.1)')
    .action(async (o: StartOptions) => {
      const ctx = getContext();
      if (o.sample === true) {
        const path = sampleArchivePath();
        if (path === undefined) throw new KeruenError('not_found', 'the sample archive is missing: run `npm run sample` to build it');
        const r = await importFile(ctx, path, { quiet: true });
        await storeSampleSources(ctx.blobs);
        process.stderr.write(`Sample archive: ${r.stored} new records, ${r.duplicate} already loaded.\n`);
      }
      // Loaded here so other commands do not pay for the relay's modules.
      const { startNode, printPairingCode } = await import('../../node/node.ts');
      let announced = false;
      const node = await startNode({
        store: ctx.store,
        host: o.host,
        port: o.port,
        dataDir: ctx.dataDir.root,
        keystore: ctx.keystore,
        ...(o.pairing === true ? { pairing: true } : {}),
        ...(o.mdns !== undefined ? { mdns: o.mdns } : {}),
        peerSync: { intervalMs: o.syncEvery * 1000, debounceMs: Math.min(2000, o.syncEvery * 1000) },
        onPairingCode: (code) => {
          if (o.pairingCodeFile !== undefined) {
            try {
              writeFileSync(o.pairingCodeFile, `${code.code}\n`, { mode: 0o600 });
            } catch (e) {
              process.stderr.write(`cannot write the pairing code to ${o.pairingCodeFile}: ${(e as Error).message}\n`);
            }
          }
          // The first code is printed with the addresses, below; later ones as they come.
          if (announced) printPairingCode(code);
        },
      });
      const port = new URL(node.httpUrl).port;
      const lan = lanUrls(o.host, Number(port));
      const lines = [`Keruen node running`, `  web:   ${node.httpUrl}`, ...lan.map((u) => `  LAN:   ${u}`), `  relay: ${node.relayUrl}`, `  data:  ${ctx.dataDir.root}`];
      if (node.nodeKey !== undefined) lines.push(`  node:  ${node.nodeKey.npub} (LAN discovery ${node.discovery !== undefined ? 'on' : 'off'})`);
      process.stdout.write(`${lines.join('\n')}\n`);
      if (node.pairing !== undefined) {
        process.stdout.write('Pairing is on: a device must enter the code below before it can read or write.\n');
        printPairingCode(node.pairing.current);
      }
      announced = true;
      process.stdout.write('Press Ctrl+C to stop.\n');
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
