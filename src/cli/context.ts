/**
 * What every command works with: the data folder, its store and its identities, opened lazily.
 * An encrypted folder (lock.ts) is unlocked once per process, before the command runs.
 */
import { join } from 'node:path';
import { SqliteStore } from '../store/sqlite.ts';
import type { EventStore } from '../store/types.ts';
import { openDataDir, type DataDir } from '../node/data-dir.ts';
import { Keystore } from '../node/keystore.ts';
import { BlobStore } from '../node/blobs.ts';
import { folderKeys, isEncrypted, registerUnlocked, unlockFolder } from '../node/lock.ts';
import { readPassphrase, type PassphraseOptions } from './passphrase.ts';
import * as nip19 from 'nostr-tools/nip19';
import { KeruenError } from '../core/errors.ts';
import type { VerifiedEvent } from '../core/event.ts';
import { attachProvenance, provenanceOf, SqliteProvenance } from '../store/provenance.ts';

export class CliContext {
  readonly dataDir: DataDir;
  #store: SqliteStore | undefined;
  #keystore: Keystore | undefined;
  #blobs: BlobStore | undefined;
  #unlockPassphrase: string | undefined;

  constructor(dataRoot?: string) {
    this.dataDir = openDataDir(dataRoot);
  }

  get encrypted(): boolean {
    return isEncrypted(this.dataDir.root);
  }

  /**
   * Unlocks an encrypted folder (nothing to do for a plain one), asking the passphrase the way
   * other commands do; once per process. A duress passphrase opens too, and nothing here says
   * so (lock.ts). A wrong one is a `bad_passphrase` error and changes nothing.
   */
  async unlock(opts: PassphraseOptions = {}): Promise<void> {
    if (this.#unlockPassphrase !== undefined || !this.encrypted) return;
    const passphrase = await readPassphrase(opts, `Passphrase of the data folder ${this.dataDir.root}: `);
    registerUnlocked(this.dataDir.root, unlockFolder(this.dataDir.root, passphrase));
    this.#unlockPassphrase = passphrase;
  }

  /** The passphrase that unlocked the folder in this process, if any (for `keruen lock`). */
  get unlockPassphrase(): string | undefined {
    return this.#unlockPassphrase;
  }

  get store(): EventStore {
    // The provenance log (when and whence each record came) lives in the same file: store/provenance.ts.
    this.#store ??= attachProvenance(SqliteStore.open(this.dataDir.storePath, this.#storeKey()), SqliteProvenance.open(this.dataDir.storePath, this.#storeKey()));
    return this.#store;
  }

  #storeKey(): { key?: Uint8Array } {
    const keys = folderKeys(this.dataDir.root);
    return keys !== undefined ? { key: keys.store } : {};
  }

  get keystore(): Keystore {
    this.#keystore ??= new Keystore(this.dataDir.identitiesDir);
    return this.#keystore;
  }

  /** The node's blobs, `<data>/blobs` (encrypted with the folder). */
  get blobs(): BlobStore {
    this.#blobs ??= new BlobStore(join(this.dataDir.root, 'blobs'));
    return this.#blobs;
  }

  /** Finds a record by hex id, note1/nevent1 code, or a unique hex prefix of 8+ characters. */
  resolve(ref: string): VerifiedEvent {
    const id = decodeEventRef(ref);
    if (id.length === 64) {
      const e = this.store.get(id);
      if (e === undefined) throw KeruenError.notFound(`record ${id}`);
      return e;
    }
    const matches: VerifiedEvent[] = [];
    for (const e of this.store.iterate(2000)) {
      if (e.id.startsWith(id)) matches.push(e);
      if (matches.length > 1) break;
    }
    if (matches.length === 0) throw KeruenError.notFound(`record starting with ${id}`);
    if (matches.length > 1) throw KeruenError.usage(`"${id}" matches several records: give more characters`);
    return matches[0] as VerifiedEvent;
  }

  close(): void {
    if (this.#store !== undefined) provenanceOf(this.#store)?.close();
    this.#store?.close();
  }
}

export function decodeEventRef(ref: string): string {
  const s = ref.trim().replace(/^nostr:/, '');
  if (/^[0-9a-f]{64}$/.test(s)) return s;
  if (/^[0-9a-f]{8,63}$/.test(s)) return s;
  if (s.startsWith('note1') || s.startsWith('nevent1')) {
    try {
      const d = nip19.decode(s);
      if (d.type === 'note') return d.data;
      if (d.type === 'nevent') return d.data.id;
    } catch {
      // fall through to the usage error
    }
  }
  throw KeruenError.usage(`"${ref}" is not a record id: give 64 hex characters, a note1... code, or a hex prefix of 8+ characters`);
}
