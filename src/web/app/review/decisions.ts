/**
 * What a reviewer decided about one source document's candidates, remembered in this browser
 * (IndexedDB, our own database) so the list shows what is left. It is only a memory of acts: the
 * accepted records themselves live on the node. What storage gives back is checked before use,
 * since another tab, an old version or a damaged profile may have left anything there.
 */
import { createStore, get, update, type UseStore } from 'idb-keyval';

export type Act = 'accepted' | 'rejected';
export const CANDIDATE_KINDS = ['event', 'person', 'claim'] as const;
export type CandidateKind = (typeof CANDIDATE_KINDS)[number];

export interface Decision {
  act: Act;
  kind: CandidateKind;
  /** Unix milliseconds. */
  at: number;
  /** For acceptances: the id of the record published. */
  record?: string;
  /** For a person accepted as the same as an existing one: the id of the assessment published. */
  assessment?: string;
}

export interface ReviewMemory {
  /** Candidate key → decision. */
  decisions: Record<string, Decision>;
  /** How many candidates extraction proposed, per kind, the last time the document was opened. */
  proposed?: Record<CandidateKind, number>;
}

const HEX64 = /^[0-9a-f]{64}$/;
const KEY = /^(event|person|claim):\d{1,9}-\d{1,9}$/;
const MAX_DECISIONS = 100_000;

const isKind = (k: unknown): k is CandidateKind => typeof k === 'string' && (CANDIDATE_KINDS as readonly string[]).includes(k);
const count = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** Keeps what is well formed, drops the rest: a damaged entry costs that entry only. */
export function parseMemory(raw: unknown): ReviewMemory {
  const out: ReviewMemory = { decisions: {} };
  if (typeof raw !== 'object' || raw === null) return out;
  const { decisions, proposed } = raw as { decisions?: unknown; proposed?: unknown };
  if (typeof decisions === 'object' && decisions !== null && !Array.isArray(decisions)) {
    let n = 0;
    for (const [key, d] of Object.entries(decisions)) {
      if (n >= MAX_DECISIONS) break;
      if (!KEY.test(key) || typeof d !== 'object' || d === null) continue;
      const { act, kind, at, record, assessment } = d as Record<string, unknown>;
      if ((act !== 'accepted' && act !== 'rejected') || !isKind(kind) || kind !== key.slice(0, key.indexOf(':')) || !count(at)) continue;
      const decision: Decision = { act, kind, at };
      if (act === 'accepted') {
        if (typeof record !== 'string' || !HEX64.test(record)) continue;
        decision.record = record;
        if (typeof assessment === 'string' && HEX64.test(assessment)) decision.assessment = assessment;
      }
      out.decisions[key] = decision;
      n++;
    }
  }
  if (typeof proposed === 'object' && proposed !== null) {
    const p = proposed as Record<string, unknown>;
    if (CANDIDATE_KINDS.every((k) => count(p[k]))) out.proposed = { event: p.event as number, person: p.person as number, claim: p.claim as number };
  }
  return out;
}

/** Counts for the list: proposed (when known), accepted and rejected, per kind and in all. */
export function tally(memory: ReviewMemory): { proposed?: number; accepted: number; rejected: number; waiting?: number } {
  let accepted = 0;
  let rejected = 0;
  for (const d of Object.values(memory.decisions)) {
    if (d.act === 'accepted') accepted++;
    else rejected++;
  }
  if (memory.proposed === undefined) return { accepted, rejected };
  const proposed = memory.proposed.event + memory.proposed.person + memory.proposed.claim;
  return { proposed, accepted, rejected, waiting: Math.max(0, proposed - accepted - rejected) };
}

let store: UseStore | undefined;
const db = (): UseStore => (store ??= createStore('keruen-review', 'decisions'));
const keyOf = (sourceId: string) => `source:${sourceId}`;

export async function loadMemory(sourceId: string): Promise<ReviewMemory> {
  return parseMemory(await get(keyOf(sourceId), db()));
}

export async function loadMemories(sourceIds: readonly string[]): Promise<Map<string, ReviewMemory>> {
  const out = new Map<string, ReviewMemory>();
  for (const id of sourceIds) out.set(id, await loadMemory(id));
  return out;
}

/** Records (or, with undefined, forgets) one decision; read and write in one transaction, so two cards deciding at once both stay. */
export async function rememberDecision(sourceId: string, key: string, decision: Decision | undefined): Promise<ReviewMemory> {
  let result: ReviewMemory = { decisions: {} };
  await update(
    keyOf(sourceId),
    (raw: unknown) => {
      const m = parseMemory(raw);
      if (decision === undefined) delete m.decisions[key];
      else m.decisions[key] = decision;
      result = m;
      return m;
    },
    db(),
  );
  return result;
}

/** Remembers how many candidates the document yields, so the list can say how many wait. */
export async function rememberProposed(sourceId: string, proposed: Record<CandidateKind, number>): Promise<void> {
  await update(keyOf(sourceId), (raw: unknown) => ({ ...parseMemory(raw), proposed }), db());
}
