/**
 * The two computed baselines: the limit (the differing records alone, gzip -9), and a naive
 * exchange (each side sends all its ids, 32 bytes each, binary; then each sends the records
 * the other lacks, gzip -9). Computed from the same records, not run over a socket: the naive
 * exchange has no protocol overhead to measure, so this is its best case.
 */
import { gzipSync } from 'node:zlib';

export function gzipBytes(lines: readonly string[]): number {
  return lines.length === 0 ? 0 : gzipSync(`${lines.join('\n')}\n`, { level: 9 }).length;
}

/** The differing records alone, one JSONL stream, gzip -9. */
export function limitBytes(differing: readonly string[]): number {
  return gzipBytes(differing);
}

export interface Naive {
  bytes: number;
  /** Ids both ways in one round trip, then the records (both sides at once): 2. */
  roundTrips: number;
}

export function naiveExchange(countA: number, countB: number, toA: readonly string[], toB: readonly string[]): Naive {
  return { bytes: 32 * (countA + countB) + gzipBytes(toA) + gzipBytes(toB), roundTrips: 2 };
}
