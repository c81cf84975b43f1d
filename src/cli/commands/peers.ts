/**
 * `keruen peers ...`: the peers a running node syncs with on its own, and the node keys it
 * accepts. Everything is kept in `<data>/peers.json`; a running node reads the change at its
 * next round (2 s), no restart needed.
 */
import { join } from 'node:path';
import { Command } from 'commander';
import { loadOrCreateNodeKey, npubOf, parsePeerKey } from '../../node/node-key.ts';
import { PeersFile, PEERS_FILE } from '../../node/peers-file.ts';
import { PeerTrustFile } from '../../node/peer-trust.ts';
import { KeruenError } from '../../core/errors.ts';
import type { CliContext } from '../context.ts';

function peersFile(ctx: CliContext): PeersFile {
  return new PeersFile(join(ctx.dataDir.root, PEERS_FILE));
}

export function peersCommand(getContext: () => CliContext): Command {
  const cmd = new Command('peers').description('peers this node syncs with on its own (by address), and node keys it accepts (LAN discovery)');

  cmd
    .command('add')
    .description('sync with this relay on its own, while `keruen start` runs')
    .argument('<url>', 'the relay, like ws://192.168.1.20:7777')
    .option('--name <name>', 'a short name (default: its host:port)')
    .option('--key <npub>', "the node's key (`keruen peers whoami` there): a sync to a node holding another key is aborted")
    .action((url: string, o: { name?: string; key?: string }) => {
      const peer = peersFile(getContext()).add(url, o.name, o.key !== undefined ? parsePeerKey(o.key) : undefined);
      process.stdout.write(`Added peer ${peer.name}: ${peer.url}${peer.key !== undefined ? ` (${npubOf(peer.key)})` : ''}\n`);
    });

  cmd
    .command('list')
    .description('configured peers and accepted node keys')
    .option('--json', 'print peers.json as it is')
    .action((o: { json?: boolean }) => {
      const config = peersFile(getContext()).read();
      if (o.json === true) {
        process.stdout.write(`${JSON.stringify(config)}\n`);
        return;
      }
      const lines: string[] = [];
      lines.push(config.peers.length === 0 ? 'No configured peers (keruen peers add <url>).' : 'Peers:');
      for (const p of config.peers) lines.push(`  ${p.name}  ${p.url}${p.key !== undefined ? `  ${npubOf(p.key)}` : ''}`);
      lines.push(config.accepted.length === 0 ? 'No accepted node keys (keruen peers accept <npub>).' : 'Accepted node keys:');
      for (const a of config.accepted) lines.push(`  ${npubOf(a.key)}${a.name !== undefined ? `  ${a.name}` : ''}  (since ${a.added.slice(0, 10)})`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });

  cmd
    .command('remove')
    .description('stop syncing with a configured peer')
    .argument('<name-or-url>')
    .action((ref: string) => {
      const p = peersFile(getContext()).remove(ref);
      process.stdout.write(`Removed peer ${p.name}: ${p.url}\n`);
    });

  cmd
    .command('accept')
    .description('accept a node key: sync with that node when it is found on the LAN, and let it connect to this node')
    .argument('<key>', 'npub1... or 64 hex characters, as `keruen peers whoami` prints it on that node')
    .option('--name <name>', 'a short name to show')
    .action((key: string, o: { name?: string }) => {
      const k = parsePeerKey(key);
      peersFile(getContext()).accept(k, o.name);
      process.stdout.write(`Accepted node ${npubOf(k)}\n`);
    });

  cmd
    .command('forget')
    .description('stop accepting a node key')
    .argument('<key>', 'npub1... or 64 hex characters')
    .action((key: string) => {
      const k = parsePeerKey(key);
      peersFile(getContext()).forget(k);
      process.stdout.write(`Forgot node ${npubOf(k)}\n`);
    });

  cmd
    .command('trust')
    .description('sync again with a peer the node paused because it sent invalid records or broken frames')
    .argument('<name>', 'the peer: its name or address (keruen peers list), or an accepted node key')
    .action((ref: string) => {
      const ctx = getContext();
      const config = peersFile(ctx).read();
      // Target ids as the node forms them (node.ts): configured peers by address, LAN nodes by key.
      const configured = config.peers.find((p) => p.name === ref || p.url === ref);
      let id: string;
      let name: string;
      if (configured !== undefined) {
        id = `url:${configured.url}`;
        name = configured.name;
      } else {
        const accepted = config.accepted.find((a) => a.name === ref) ?? (/^(npub1|[0-9a-f]{64}$)/.test(ref) ? config.accepted.find((a) => a.key === parsePeerKey(ref)) : undefined);
        if (accepted === undefined) throw KeruenError.notFound(`peer "${ref}" (keruen peers list shows the names, addresses and accepted keys)`);
        id = `key:${accepted.key}`;
        name = accepted.name ?? npubOf(accepted.key);
      }
      new PeerTrustFile(ctx.dataDir.root).trust(id);
      process.stdout.write(`Trusting ${name} again: a running node resumes syncing with it within a few seconds (a node started since it was paused already syncs with it).\n`);
    });

  cmd
    .command('whoami')
    .description("this node's key, to give to the peers that should accept it (made on first use)")
    .option('--hex', 'print it as hex instead of npub')
    .action((o: { hex?: boolean }) => {
      const key = loadOrCreateNodeKey(getContext().dataDir.root);
      process.stdout.write(`${o.hex === true ? key.pubkey : key.npub}\n`);
    });

  return cmd;
}
