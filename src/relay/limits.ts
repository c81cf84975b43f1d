/**
 * Per-connection limits of the relay, with the defaults a node uses. They are advertised in
 * the NIP-11 document (`limitation`), so well-behaved clients can stay under them.
 */
import { MAX_EVENT_BYTES } from '../core/event.ts';

export interface RelayLimits {
  /** Largest message the relay parses (bytes, UTF-8). Bigger ones get a NOTICE and are dropped. */
  maxMessageBytes: number;
  /**
   * Frames above this are cut by the WebSocket layer itself, which closes the connection (1009)
   * without reading them: the only way to refuse a huge frame without buffering all of it.
   */
  hardMaxPayloadBytes: number;
  /** Largest event (canonical JSON, bytes). */
  maxEventBytes: number;
  /** Open subscriptions per connection. */
  maxSubscriptions: number;
  /** Filters in one REQ or COUNT. */
  maxFilters: number;
  /** Each filter's `limit` is clamped to this; a filter without `limit` gets it too. */
  maxLimit: number;
  /** Subscription ids are 1..64 characters (NIP-01). */
  maxSubIdLength: number;
  /** Messages per second a connection may sustain (token bucket refill rate). */
  messagesPerSecond: number;
  /** Messages a connection may send in one burst (token bucket size). */
  messageBurst: number;
  /**
   * Bytes queued for a slow client before its subscription is closed rather than queued further:
   * what a big REQ or a busy live feed may cost this process in memory per connection.
   */
  maxBufferedBytes: number;
  /** Events dated further ahead than this (seconds) are refused: `created_at` is the author's word. */
  maxFutureSeconds: number;
}

export const DEFAULT_LIMITS: Readonly<RelayLimits> = Object.freeze({
  maxMessageBytes: 256 * 1024,
  hardMaxPayloadBytes: 1024 * 1024,
  maxEventBytes: MAX_EVENT_BYTES,
  maxSubscriptions: 20,
  maxFilters: 10,
  maxLimit: 1000,
  maxSubIdLength: 64,
  messagesPerSecond: 50,
  messageBurst: 100,
  maxFutureSeconds: 15 * 60,
  maxBufferedBytes: 16 * 1024 * 1024,
});

export function resolveLimits(partial: Partial<RelayLimits> = {}): RelayLimits {
  const limits = { ...DEFAULT_LIMITS, ...partial };
  // The hard cap must leave room for the soft one, or big messages would close the connection.
  limits.hardMaxPayloadBytes = Math.max(limits.hardMaxPayloadBytes, limits.maxMessageBytes);
  return limits;
}

/** A token bucket: `take()` is false when the connection is over its rate. */
export class TokenBucket {
  #tokens: number;
  #last: number;
  readonly #rate: number;
  readonly #burst: number;
  readonly #now: () => number;

  constructor(ratePerSecond: number, burst: number, now: () => number = () => performance.now()) {
    this.#rate = ratePerSecond;
    this.#burst = burst;
    this.#tokens = burst;
    this.#now = now;
    this.#last = now();
  }

  take(): boolean {
    const t = this.#now();
    this.#tokens = Math.min(this.#burst, this.#tokens + ((t - this.#last) / 1000) * this.#rate);
    this.#last = t;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}
