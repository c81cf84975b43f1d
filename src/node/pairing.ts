/**
 * Device pairing: when the node listens beyond this machine, a device must prove it can see the
 * node's console (a one-time code printed there) before it reads or writes anything. A right
 * code buys a session (see sessions.ts) held in an HttpOnly cookie.
 *
 * Guessing: 8 random digits (10^8 codes), at most 5 wrong tries per minute per address, and the
 * code is replaced after 20 wrong tries in all, so even many addresses together get at most 20
 * guesses at any one code (a chance of 2 in 10 million). The cost: a flood of wrong tries keeps
 * replacing the code, which the person at the console sees.
 */
import { randomInt, timingSafeEqual } from 'node:crypto';
import { KeruenError } from '../core/errors.ts';
import type { SessionStore } from './sessions.ts';

export const SESSION_COOKIE = 'keruen_session';
export const CODE_TTL_MS = 10 * 60_000;
export const WRONG_PER_MINUTE = 5;
export const WRONG_PER_CODE = 20;

export interface PairingCode {
  /** `4821-0937`. */
  code: string;
  expiresAt: Date;
}

export interface PairingOptions {
  sessions: SessionStore;
  /**
   * Told each code that replaces another (used, expired, guessed at too often); the first one
   * is read from `current` by whoever starts the node, once it listens.
   */
  onCode?: (code: PairingCode) => void;
  now?: () => number;
}

function newCode(): string {
  const digits = randomInt(0, 100_000_000).toString().padStart(8, '0');
  return `${digits.slice(0, 4)}-${digits.slice(4)}`;
}

/** What people type: spaces, dashes, dots and full-width digits are forgiven. */
function normalize(code: string): string {
  return code.normalize('NFKC').replace(/[\s.\-–—]/g, '');
}

/** The value of one cookie in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export class Pairing {
  readonly #sessions: SessionStore;
  readonly #onCode: (code: PairingCode) => void;
  readonly #now: () => number;
  #current!: PairingCode;
  #wrongForCode = 0;
  #timer: NodeJS.Timeout | undefined;
  /** Times of recent wrong tries, per remote address. */
  readonly #wrong = new Map<string, number[]>();

  constructor(opts: PairingOptions) {
    this.#sessions = opts.sessions;
    this.#onCode = opts.onCode ?? (() => undefined);
    this.#now = opts.now ?? Date.now;
    this.#rotate(false);
  }

  get current(): PairingCode {
    if (this.#now() >= this.#current.expiresAt.getTime()) this.#rotate();
    return this.#current;
  }

  /** Whether the Cookie header carries a live session. */
  isPaired(cookieHeader: string | undefined): boolean {
    return this.#sessions.lookup(cookieValue(cookieHeader, SESSION_COOKIE)) !== undefined;
  }

  /**
   * Trades a code for a session token. Throws `rate_limited` (too many wrong tries from this
   * address) or `blocked` (wrong or expired code); a right code is used up and replaced.
   */
  pair(code: unknown, remote: string, device: string): string {
    const now = this.#now();
    const recent = (this.#wrong.get(remote) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= WRONG_PER_MINUTE) {
      const wait = Math.ceil((60_000 - (now - (recent[0] as number))) / 1000);
      throw new KeruenError('rate_limited', `too many wrong pairing codes from this device: wait ${wait} s and try again`, { retryAfter: wait });
    }
    const expected = normalize(this.current.code);
    const given = typeof code === 'string' ? normalize(code) : '';
    const right = given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
    if (!right) {
      recent.push(now);
      this.#wrong.set(remote, recent);
      this.#forgetOld(now);
      if (++this.#wrongForCode >= WRONG_PER_CODE) this.#rotate();
      throw new KeruenError('blocked', 'wrong or expired pairing code');
    }
    this.#wrong.delete(remote);
    const token = this.#sessions.create(device);
    // Single use: the next device needs the next code.
    this.#rotate();
    return token;
  }

  close(): void {
    clearTimeout(this.#timer);
  }

  #rotate(announce = true): void {
    clearTimeout(this.#timer);
    this.#current = { code: newCode(), expiresAt: new Date(this.#now() + CODE_TTL_MS) };
    this.#wrongForCode = 0;
    // Printed again when it expires, so the console always shows a code that works.
    this.#timer = setTimeout(() => this.#rotate(), CODE_TTL_MS).unref();
    if (announce) this.#onCode(this.#current);
  }

  /** Keeps the per-address table from growing with addresses that stopped trying. */
  #forgetOld(now: number): void {
    if (this.#wrong.size < 1000) return;
    for (const [addr, times] of this.#wrong) if (times.every((t) => now - t >= 60_000)) this.#wrong.delete(addr);
  }
}
