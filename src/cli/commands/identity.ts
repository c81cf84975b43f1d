/** `keruen init` and `keruen identities`. */
import { Command } from 'commander';
import { readPassphrase } from '../passphrase.ts';
import type { CliContext } from '../context.ts';

export function initCommand(getContext: () => CliContext): Command {
  return new Command('init')
    .description('create an identity (key pair); the secret key is stored encrypted with your passphrase (NIP-49)')
    .option('--name <name>', 'a name for this identity, only seen on this node', 'me')
    .option('--default', 'make it the default identity for signing')
    .option('--passphrase-file <file>', 'read the passphrase from a file (else KERUEN_PASSPHRASE or a prompt)')
    .action(async (o: { name: string; default?: boolean; passphraseFile?: string }) => {
      const ctx = getContext();
      const passphrase = await readPassphrase(o, `Passphrase for "${o.name}" (8+ characters; a sentence is best): `, true);
      const id = ctx.keystore.create(o.name, passphrase, { makeDefault: o.default === true });
      process.stdout.write(`${id.npub}\n`);
      process.stderr.write(`Identity "${id.name}" created in ${ctx.dataDir.identitiesDir}${id.isDefault ? ' (default)' : ''}.\nWithout the passphrase the key cannot be recovered: keep it safe.\n`);
    });
}

export function identitiesCommand(getContext: () => CliContext): Command {
  return new Command('identities')
    .description('list the identities of this node')
    .option('--json', 'as JSON')
    .action((o: { json?: boolean }) => {
      const ids = getContext().keystore.list();
      if (o.json === true) return void process.stdout.write(`${JSON.stringify(ids, null, 2)}\n`);
      if (ids.length === 0) return void process.stderr.write('No identity yet: run `keruen init --name <name>`.\n');
      for (const i of ids) process.stdout.write(`${i.isDefault ? '*' : ' '} ${i.name.padEnd(20)} ${i.npub}\n`);
    });
}
