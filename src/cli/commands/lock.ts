/**
 * `keruen lock`: encrypt an existing data folder (setup), set or clear the duress passphrase,
 * and say whether a folder is encrypted (status). See docs/encryption.md.
 */
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { KeruenError } from '../../core/errors.ts';
import { BlobStore, SHA256_HEX } from '../../node/blobs.ts';
import { Keystore } from '../../node/keystore.ts';
import { createLock, registerUnlocked, setDuress, clearDuress, deriveFolderKeys, type DuressMode } from '../../node/lock.ts';
import { NODE_KEY_FILE } from '../../node/node-key.ts';
import { PEERS_FILE } from '../../node/peers-file.ts';
import { readSealed, writeSealed } from '../../node/sealed-file.ts';
import { SqliteStore } from '../../store/sqlite.ts';
import { progressBar } from '../progress.ts';
import { readPassphrase } from '../passphrase.ts';
import type { CliContext } from '../context.ts';

const STORE_SIDE_FILES = ['-wal', '-shm', '-journal'];

/** Copies every record into a new encrypted store file through the store's own put path. */
function encryptStore(ctx: CliContext, key: Uint8Array): { records: number; tmp: string | undefined } {
  const path = ctx.dataDir.storePath;
  if (!existsSync(path)) return { records: 0, tmp: undefined };
  const plain = SqliteStore.open(path);
  const tmp = `${path}.encrypting`;
  for (const side of ['', ...STORE_SIDE_FILES]) rmSync(`${tmp}${side}`, { force: true });
  const enc = SqliteStore.open(tmp, { key });
  const total = plain.count([{}]);
  const bar = progressBar('Records', total, 'records');
  let done = 0;
  let batch = [];
  try {
    for (const e of plain.iterate(1000)) {
      batch.push(e);
      if (batch.length === 1000) {
        enc.putMany(batch);
        done += batch.length;
        batch = [];
        bar.update(done);
      }
    }
    enc.putMany(batch);
    done += batch.length;
    bar.update(done);
  } finally {
    bar.stop();
    plain.close();
    enc.close();
  }
  return { records: done, tmp };
}

async function encryptBlobs(ctx: CliContext, key: Uint8Array): Promise<{ blobs: number; tmp: string | undefined }> {
  const dir = join(ctx.dataDir.root, 'blobs');
  if (!existsSync(dir)) return { blobs: 0, tmp: undefined };
  const names = readdirSync(dir).filter((f) => SHA256_HEX.test(f));
  const keys = deriveFolderKeys(key);
  const tmp = `${dir}.encrypting`;
  rmSync(tmp, { recursive: true, force: true });
  const plain = new BlobStore(dir, undefined);
  const enc = new BlobStore(tmp, { seal: keys.blobSeal, name: keys.blobName });
  const bar = progressBar('Blobs', names.length, 'blobs');
  try {
    for (const [i, sha256] of names.entries()) {
      const info = await enc.put(await plain.read(sha256));
      if (info.sha256 !== sha256) throw new KeruenError('io', `blob ${sha256} does not match its name (its bytes hash to ${info.sha256}); fix or remove it, then run lock setup again`);
      bar.update(i + 1);
    }
  } finally {
    bar.stop();
  }
  return { blobs: names.length, tmp };
}

function setupCommand(getContext: () => CliContext): Command {
  return new Command('setup')
    .description('encrypt this data folder (store, blobs, identities, peers, node key) under a passphrase')
    .option('--passphrase-file <file>', 'read the new passphrase from a file (else KERUEN_PASSPHRASE or a prompt)')
    .action(async (o: { passphraseFile?: string }) => {
      const ctx = getContext();
      if (ctx.encrypted) throw KeruenError.usage(`${ctx.dataDir.root} is encrypted already`);
      const passphrase = await readPassphrase(o, 'New passphrase for the data folder (8+ characters; a sentence is best): ', true);
      if (passphrase.length < 8) throw KeruenError.usage('the passphrase must be at least 8 characters; a long sentence is best');
      // The data key is made first and used to write encrypted copies beside the plain files;
      // lock.json is written only when they are complete, then the copies replace the originals.
      const { randomBytes } = await import('@noble/ciphers/utils.js');
      const dataKey = randomBytes(32);
      const keys = deriveFolderKeys(dataKey);
      const store = encryptStore(ctx, keys.store);
      const blobs = await encryptBlobs(ctx, dataKey);
      createLock(ctx.dataDir.root, passphrase, dataKey);
      registerUnlocked(ctx.dataDir.root, dataKey);
      if (store.tmp !== undefined) {
        for (const side of STORE_SIDE_FILES) rmSync(`${ctx.dataDir.storePath}${side}`, { force: true });
        renameSync(store.tmp, ctx.dataDir.storePath);
        for (const side of STORE_SIDE_FILES) if (existsSync(`${store.tmp}${side}`)) renameSync(`${store.tmp}${side}`, `${ctx.dataDir.storePath}${side}`);
      }
      if (blobs.tmp !== undefined) {
        const dir = join(ctx.dataDir.root, 'blobs');
        rmSync(dir, { recursive: true, force: true });
        renameSync(blobs.tmp, dir);
      }
      const identities = Keystore.sealAll(ctx.dataDir.identitiesDir, keys.file);
      const sealedFiles: string[] = [];
      for (const name of [PEERS_FILE, NODE_KEY_FILE, 'config.json']) {
        const path = join(ctx.dataDir.root, name);
        if (!existsSync(path)) continue;
        writeSealed(path, readSealed(path), keys.file);
        sealedFiles.push(name);
      }
      process.stderr.write(
        `Encrypted ${ctx.dataDir.root}: ${store.records} records, ${blobs.blobs} blobs, ${identities} identities${sealedFiles.length > 0 ? `, ${sealedFiles.join(', ')}` : ''}.\n` +
          'Every command now asks for this passphrase. The plain files were deleted, but a disk may keep old blocks: see docs/encryption.md.\n',
      );
    });
}

function duressCommand(getContext: () => CliContext): Command {
  return new Command('duress')
    .description('set (or clear) a duress passphrase: entered instead of the real one, it destroys the keys and opens an empty node')
    .option('--set', 'set or replace the duress passphrase')
    .option('--clear', 'remove the duress passphrase')
    .option('--keep-store', 'when the duress passphrase is used, keep the encrypted store and blobs (unreadable, moved to kept/) instead of deleting them')
    .option('--passphrase-file <file>', 'the real passphrase, from a file (else KERUEN_PASSPHRASE or a prompt)')
    .option('--duress-passphrase-file <file>', 'the duress passphrase, from a file (else a prompt)')
    .action(async (o: { set?: boolean; clear?: boolean; keepStore?: boolean; passphraseFile?: string; duressPassphraseFile?: string }) => {
      const ctx = getContext();
      if (!ctx.encrypted) throw KeruenError.usage(`${ctx.dataDir.root} is not encrypted: run \`keruen lock setup\` (or \`keruen init --encrypt\`) first`);
      if (o.set === o.clear) throw KeruenError.usage('give --set or --clear');
      const real = await readPassphrase(o, `Real passphrase of ${ctx.dataDir.root}: `);
      if (o.clear === true) {
        clearDuress(ctx.dataDir.root, real);
        process.stderr.write('Duress passphrase removed.\n');
        return;
      }
      const duress = await readDuressPassphrase(o.duressPassphraseFile);
      const mode: DuressMode = o.keepStore === true ? 'keep-store' : 'wipe';
      setDuress(ctx.dataDir.root, real, duress, mode);
      process.stderr.write(
        mode === 'wipe'
          ? 'Duress passphrase set. Entered instead of the real one, it destroys the keys, identities, peers, store and blobs, and opens an empty node.\n'
          : 'Duress passphrase set. Entered instead of the real one, it destroys the keys, identities and peers, keeps the encrypted store and blobs as unreadable bytes in kept/, and opens an empty node.\n',
      );
    });
}

async function readDuressPassphrase(file: string | undefined): Promise<string> {
  if (file !== undefined) return readPassphrase({ passphraseFile: file }, '');
  if (!process.stdin.isTTY) throw KeruenError.usage('the duress passphrase is needed: give --duress-passphrase-file FILE, or run in a terminal');
  // Not from KERUEN_PASSPHRASE: that one holds the real passphrase.
  const saved = process.env.KERUEN_PASSPHRASE;
  delete process.env.KERUEN_PASSPHRASE;
  try {
    return await readPassphrase({}, 'Duress passphrase (different from the real one): ', true);
  } finally {
    if (saved !== undefined) process.env.KERUEN_PASSPHRASE = saved;
  }
}

function statusCommand(getContext: () => CliContext): Command {
  return new Command('status').description('say whether this data folder is encrypted').action(() => {
    const ctx = getContext();
    process.stdout.write(`${ctx.dataDir.root}: ${ctx.encrypted ? 'encrypted' : 'not encrypted'}\n`);
  });
}

export function lockCommand(getContext: () => CliContext): Command {
  return new Command('lock')
    .description('encryption at rest: encrypt this folder, set a duress passphrase (docs/encryption.md)')
    .addCommand(setupCommand(getContext))
    .addCommand(duressCommand(getContext))
    .addCommand(statusCommand(getContext));
}
