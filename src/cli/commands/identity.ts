/** `keruen init` and `keruen identities`. */
import { Command } from 'commander';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { KeruenError } from '../../core/errors.ts';
import { createLock, registerUnlocked } from '../../node/lock.ts';
import { readPassphrase } from '../passphrase.ts';
import type { CliContext } from '../context.ts';

/** Records, blobs or identities already in the folder (then `lock setup` is the way to encrypt). */
function hasData(ctx: CliContext): boolean {
  const nonEmpty = (dir: string) => existsSync(dir) && readdirSync(dir).length > 0;
  return existsSync(ctx.dataDir.storePath) || nonEmpty(ctx.dataDir.identitiesDir) || nonEmpty(join(ctx.dataDir.root, 'blobs'));
}

export function initCommand(getContext: () => CliContext): Command {
  return new Command('init')
    .description('create an identity (key pair); the secret key is stored encrypted with your passphrase (NIP-49)')
    .option('--name <name>', 'a name for this identity, only seen on this node', 'me')
    .option('--default', 'make it the default identity for signing')
    .option('--passphrase-file <file>', 'read the passphrase from a file (else KERUEN_PASSPHRASE or a prompt)')
    .option('--encrypt', 'encrypt the new data folder (store, blobs, identities, peers) under this passphrase (docs/encryption.md)')
    .action(async (o: { name: string; default?: boolean; passphraseFile?: string; encrypt?: boolean }) => {
      const ctx = getContext();
      if (o.encrypt === true && !ctx.encrypted && hasData(ctx)) {
        throw KeruenError.usage(`${ctx.dataDir.root} holds data already: encrypt it with \`keruen lock setup\``);
      }
      const passphrase = await readPassphrase(o, `Passphrase for "${o.name}" (8+ characters; a sentence is best): `, true);
      if (o.encrypt === true && !ctx.encrypted) {
        // One passphrase for the folder and the first identity: one thing to remember under stress.
        registerUnlocked(ctx.dataDir.root, createLock(ctx.dataDir.root, passphrase));
        process.stderr.write(`Data folder ${ctx.dataDir.root} is encrypted: every command will ask for this passphrase.\n`);
      }
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
