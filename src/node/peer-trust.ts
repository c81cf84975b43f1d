/**
 * `<data>/peer-trust.json`: when the user last said "trust this peer again" (`keruen peers trust`).
 * A running node pauses syncing with a peer that sent invalid records or broken frames
 * (peer-sync.ts), and resumes once this file says the peer was trusted after that. A file, not
 * a call to the node, for the same reason as peers.json: the CLI and the node are separate
 * processes, and the node reads its files every round. Sealed in an encrypted folder (it names
 * peers); a damaged file is read as "no one trusted again", which keeps paused peers paused.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { fileKeyFor } from './lock.ts';
import { readSealedText, writeSealed } from './sealed-file.ts';

export const PEER_TRUST_FILE = 'peer-trust.json';

const fileSchema = z.object({ version: z.literal(1), trusted: z.record(z.string().max(2100), z.string().datetime()) }).strict();

export class PeerTrustFile {
  readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, PEER_TRUST_FILE);
  }

  /** Peer target id (peer-sync.ts: `url:<address>` or `key:<hex>`) → ISO time of the last trust. */
  read(): Record<string, string> {
    if (!existsSync(this.path)) return {};
    // Outside the try: a locked encrypted folder is an error to report, not an empty file.
    const key = fileKeyFor(dirname(this.path));
    try {
      const parsed = fileSchema.safeParse(JSON.parse(readSealedText(this.path, key)));
      return parsed.success ? parsed.data.trusted : {};
    } catch {
      return {};
    }
  }

  /** When `targetId` was last trusted again (ms since the epoch), if ever. */
  trustedSince(targetId: string): number | undefined {
    const at = this.read()[targetId];
    return at === undefined ? undefined : Date.parse(at);
  }

  trust(targetId: string, at = new Date()): void {
    const trusted = { ...this.read(), [targetId]: at.toISOString() };
    writeSealed(this.path, `${JSON.stringify({ version: 1, trusted }, null, 2)}\n`, fileKeyFor(dirname(this.path)));
  }
}
