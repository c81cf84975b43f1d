/**
 * Limits of the relay, with the defaults a node uses: per connection (message size, rate,
 * subscriptions), and over all connections (how many may be open, in all and from one address).
 * They are advertised in the NIP-11 document (`limitation`, and `keruen.connections` for those
 * NIP-11 has no field for), so well-behaved clients can stay under them.
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
  /**
   * Connections open at once (WebSockets and HTTP-binding sessions together); more get HTTP 503.
   * A LAN node serves a handful of phones and peers; a small mirror a few dozen.
   */
  maxConnections: number;
  /**
   * Connections open at once from one remote address. Loopback counts like any address (a Tor
   * hidden service's clients all arrive from 127.0.0.1: raise this for such a mirror).
   */
  maxConnectionsPerAddress: number;
  /**
   * Invalid events (bad id or signature, a broken record) that close a connection when it sends
   * that many within `invalidWindowMs`: it gets a NOTICE, then close code 1008. An honest
   * client sends none: our own clients check what they publish.
   */
  maxInvalidEvents: number;
  invalidWindowMs: number;
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
  maxConnections: 256,
  maxConnectionsPerAddress: 16,
  maxInvalidEvents: 20,
  invalidWindowMs: 60_000,
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

/** The address a connection came from, IPv4 written as IPv4 even on a dual-stack socket. */
export function normalizeAddress(address: string | undefined): string {
  if (address === undefined || address === '') return 'unknown';
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/**
 * Open connections, in all and per remote address. `open` takes a slot or says why not (the
 * reason an HTTP 503 carries); the slot is given back by calling what `open` returned, once.
 */
export class ConnectionSlots {
  readonly #perAddress = new Map<string, number>();
  #total = 0;
  readonly #max: number;
  readonly #maxPerAddress: number;

  constructor(limits: Pick<RelayLimits, 'maxConnections' | 'maxConnectionsPerAddress'>) {
    this.#max = limits.maxConnections;
    this.#maxPerAddress = limits.maxConnectionsPerAddress;
  }

  get total(): number {
    return this.#total;
  }

  countOf(address: string): number {
    return this.#perAddress.get(normalizeAddress(address)) ?? 0;
  }

  open(rawAddress: string | undefined): { release: () => void } | { refused: string } {
    const address = normalizeAddress(rawAddress);
    const mine = this.#perAddress.get(address) ?? 0;
    if (this.#total >= this.#max) return { refused: `too many connections open (${this.#max}): try again shortly` };
    if (mine >= this.#maxPerAddress) return { refused: `too many connections from ${address} (${this.#maxPerAddress} at most): close one first` };
    this.#total++;
    this.#perAddress.set(address, mine + 1);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.#total--;
        const left = (this.#perAddress.get(address) ?? 1) - 1;
        if (left <= 0) this.#perAddress.delete(address);
        else this.#perAddress.set(address, left);
      },
    };
  }
}

/**
 * Invalid events of one connection in a sliding window: `add` is true once the connection has
 * sent `maxInvalidEvents` of them within the window, and is to be dropped.
 */
export class InvalidEventWindow {
  readonly #times: number[] = [];
  readonly #max: number;
  readonly #windowMs: number;
  readonly #now: () => number;

  constructor(limits: Pick<RelayLimits, 'maxInvalidEvents' | 'invalidWindowMs'>, now: () => number = () => performance.now()) {
    this.#max = limits.maxInvalidEvents;
    this.#windowMs = limits.invalidWindowMs;
    this.#now = now;
  }

  add(): boolean {
    const t = this.#now();
    while (this.#times.length > 0 && (this.#times[0] as number) <= t - this.#windowMs) this.#times.shift();
    this.#times.push(t);
    return this.#times.length >= this.#max;
  }
}
