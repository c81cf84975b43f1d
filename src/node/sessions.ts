/**
 * Sessions of paired devices. A device holds a random 256-bit token in a cookie; the node keeps
 * only its sha256 in `<data>/sessions.json`, so the file alone (a seized disk, a backup) lets
 * no one in, and paired devices stay paired across restarts. Deleting the file unpairs them all.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync, openSync, fsyncSync, closeSync } from 'node:fs';
import { z } from 'zod';
import { KeruenError } from '../core/errors.ts';

const fileSchema = z.object({
  version: z.literal(1),
  sessions: z.array(
    z.object({
      hash: z.string().regex(/^[0-9a-f]{64}$/),
      device: z.string().max(200),
      created: z.string(),
    }),
  ),
});
type SessionsFile = z.infer<typeof fileSchema>;

export interface PairedDevice {
  device: string;
  created: string;
}

function sha256Hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export class SessionStore {
  /** `undefined`: kept in memory only (a node without a data folder, tests). */
  readonly #path: string | undefined;
  readonly #sessions = new Map<string, PairedDevice>();

  constructor(path?: string) {
    this.#path = path;
    if (path === undefined || !existsSync(path)) return;
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new KeruenError('io', `cannot read ${path}: ${(e as Error).message}; delete it to unpair every device`);
    }
    const parsed = fileSchema.safeParse(raw);
    if (!parsed.success) throw new KeruenError('io', `${path} is damaged; delete it to unpair every device`);
    for (const s of parsed.data.sessions) this.#sessions.set(s.hash, { device: s.device, created: s.created });
  }

  get size(): number {
    return this.#sessions.size;
  }

  /** A new session for `device`; the token is returned once, to go into the device's cookie. */
  create(device: string): string {
    const token = randomBytes(32).toString('base64url');
    this.#sessions.set(sha256Hex(token), { device: device.slice(0, 200), created: new Date().toISOString() });
    this.#save();
    return token;
  }

  /** The paired device this token belongs to, if any. */
  lookup(token: string | undefined): PairedDevice | undefined {
    if (token === undefined || !/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    // Looked up by the hash of what the device sent: timing can only tell about that hash,
    // which leaks nothing about a stored token.
    return this.#sessions.get(sha256Hex(token));
  }

  /** Write, fsync, rename: a crash leaves the old file or the new one, never half of one. */
  #save(): void {
    if (this.#path === undefined) return;
    const file: SessionsFile = { version: 1, sessions: [...this.#sessions].map(([hash, s]) => ({ hash, ...s })) };
    const tmp = `${this.#path}.tmp`;
    try {
      writeFileSync(tmp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
      const fd = openSync(tmp, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, this.#path);
    } catch (e) {
      throw new KeruenError('io', `cannot save paired devices to ${this.#path}: ${(e as Error).message}`);
    }
  }
}
