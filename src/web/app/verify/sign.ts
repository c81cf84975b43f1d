/**
 * A curator's judgement as a signed assessment (kind 4866): built and validated by the core,
 * signed here in the browser with the identity key unlocked by its passphrase, published to the
 * node's relay. Unlocking and publishing are the capture flow's own functions, so a judgement is
 * signed exactly the way a testimony is.
 */
import { nowSeconds, signEvent, type VerifiedEvent } from '../../../core/event.ts';
import { Kind } from '../../../core/kinds.ts';
import { buildRecord, type Ref, type Verdict } from '../../../core/records.ts';
import { publishAll, SaveError, unlockKey, type NodeIdentity } from '../capture/publish.ts';

export interface Judgement {
  /** The record judged. */
  target: string;
  verdict: Verdict;
  /** What the judgement rests on (1 to 50 ids). */
  evidence: readonly string[];
  /** The reason, in plain words; required. */
  note: string;
  /** Language the reason is written in. */
  lang: string;
}

/** Builds, validates and signs an assessment. The caller owns `sk` and wipes it. */
export function signJudgement(j: Judgement, sk: Uint8Array, createdAt = nowSeconds()): VerifiedEvent {
  const refs: Ref[] = [{ id: j.target, role: 'target' }, ...[...new Set(j.evidence)].map((id): Ref => ({ id, role: 'evidence' }))];
  try {
    return signEvent(buildRecord(Kind.Assessment, { lang: j.lang, verdict: j.verdict, note: j.note.trim() }, refs, createdAt), sk);
  } catch (e) {
    throw new SaveError('invalid', e instanceof Error ? e.message : String(e));
  }
}

/** Unlocks the key, signs, wipes the key, then publishes and waits for the relay's OK. */
export async function publishJudgement(j: Judgement, identity: NodeIdentity, passphrase: string, onPhase: (p: 'signing' | 'publishing') => void): Promise<VerifiedEvent> {
  onPhase('signing');
  const sk = await unlockKey(identity, passphrase);
  let signed: VerifiedEvent;
  try {
    signed = signJudgement(j, sk);
  } finally {
    sk.fill(0);
  }
  onPhase('publishing');
  await publishAll([signed], () => undefined);
  return signed;
}
