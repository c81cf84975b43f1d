/** Where a node keeps its things. Several nodes can live on one machine: one folder each. */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';

export interface DataDir {
  root: string;
  storePath: string;
  identitiesDir: string;
  configPath: string;
}

export function defaultDataRoot(): string {
  return process.env.KERUEN_DATA ?? join(homedir(), '.keruen');
}

export function openDataDir(root: string = defaultDataRoot()): DataDir {
  const abs = resolve(root);
  const dir: DataDir = {
    root: abs,
    storePath: join(abs, 'keruen.db'),
    identitiesDir: join(abs, 'identities'),
    configPath: join(abs, 'config.json'),
  };
  // 0o700: the folder holds encrypted keys and records about people at risk.
  mkdirSync(dir.identitiesDir, { recursive: true, mode: 0o700 });
  return dir;
}
