/**
 * Where a passphrase comes from: a file (--passphrase-file), the KERUEN_PASSPHRASE
 * environment variable (for scripts), or a hidden prompt on the terminal.
 */
import { readFileSync } from 'node:fs';
import { read } from 'read';
import { KeruenError } from '../core/errors.ts';

export interface PassphraseOptions {
  passphraseFile?: string;
}

export async function readPassphrase(opts: PassphraseOptions, prompt: string, confirm = false): Promise<string> {
  if (opts.passphraseFile !== undefined) {
    try {
      return readFileSync(opts.passphraseFile, 'utf8').replace(/\r?\n$/, '');
    } catch (e) {
      throw new KeruenError('io', `cannot read the passphrase file: ${(e as Error).message}`);
    }
  }
  const env = process.env.KERUEN_PASSPHRASE;
  if (env !== undefined && env.length > 0) return env;
  if (!process.stdin.isTTY) {
    throw KeruenError.usage('a passphrase is needed: give --passphrase-file FILE, set KERUEN_PASSPHRASE, or run in a terminal');
  }
  const first = await promptHidden(prompt);
  if (confirm) {
    const again = await promptHidden('Repeat the passphrase: ');
    if (again !== first) throw KeruenError.usage('the two passphrases differ; nothing was changed');
  }
  return first;
}

function promptHidden(prompt: string): Promise<string> {
  // `read` (npm's own prompt) echoes nothing while the passphrase is typed.
  return read({ prompt, silent: true, output: process.stderr });
}
