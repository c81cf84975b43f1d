/**
 * An accepted candidate as signed records: the record itself (its content cites the passage),
 * and, when the reviewer said this person is the same as one already in the archive, a curator's
 * assessment with verdict "duplicates" and the reviewer's reason. Both are signed before anything
 * is sent, with the capture flow's own unlocking and publishing.
 */
import { nowSeconds, signEvent, type VerifiedEvent } from '../../../core/event.ts';
import { Kind } from '../../../core/kinds.ts';
import { buildRecord } from '../../../core/records.ts';
import { publishAll, SaveError, unlockKey, type NodeIdentity } from '../capture/publish.ts';
import { signJudgement } from '../verify/sign.ts';
import type { CandidateKind } from './decisions.ts';

const KIND_OF: Record<CandidateKind, number> = { event: Kind.Event, person: Kind.PersonOfConcern, claim: Kind.Claim };

export interface SameAs {
  /** The existing person record. */
  id: string;
  /** The reviewer's reason, required. */
  note: string;
  /** The language the reason is written in (the reviewer's). */
  lang: string;
}

export interface Accepted {
  record: VerifiedEvent;
  assessment?: VerifiedEvent;
}

/** Builds, validates and signs. The caller owns `sk` and wipes it. */
export function signAccepted(kind: CandidateKind, content: Record<string, unknown>, sameAs: SameAs | undefined, sk: Uint8Array, createdAt = nowSeconds()): Accepted {
  let record: VerifiedEvent;
  try {
    record = signEvent(buildRecord(KIND_OF[kind], content, [], createdAt), sk);
  } catch (e) {
    throw new SaveError('invalid', e instanceof Error ? e.message : String(e));
  }
  if (sameAs === undefined) return { record };
  if (kind !== 'person') throw new SaveError('invalid', 'only a person can be the same as an existing person');
  if (sameAs.note.trim() === '') throw new SaveError('invalid', 'a "same as" decision needs its reason');
  const assessment = signJudgement({ target: record.id, verdict: 'duplicates', evidence: [sameAs.id], note: sameAs.note, lang: sameAs.lang }, sk, createdAt);
  return { record, assessment };
}

/** Unlocks, signs, wipes the key, publishes (record first) and waits for the relay's OKs. */
export async function publishAccepted(
  kind: CandidateKind,
  content: Record<string, unknown>,
  sameAs: SameAs | undefined,
  identity: NodeIdentity,
  passphrase: string,
  onPhase: (p: 'signing' | 'publishing') => void,
): Promise<Accepted> {
  onPhase('signing');
  const sk = await unlockKey(identity, passphrase);
  let accepted: Accepted;
  try {
    accepted = signAccepted(kind, content, sameAs, sk);
  } finally {
    sk.fill(0);
  }
  onPhase('publishing');
  await publishAll(accepted.assessment ? [accepted.record, accepted.assessment] : [accepted.record], () => undefined);
  return accepted;
}
