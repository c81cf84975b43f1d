/**
 * The relay's default admission policy: a verified event (id, signature, size), of a kind
 * this node stores, whose content and tags follow its kind's rules. Injected into the relay
 * so tests and other deployments can swap it.
 */
import { KeruenError } from '../core/errors.ts';
import { verifyWireEvent, type SignatureVerifier, type VerifiedEvent } from '../core/event.ts';
import { ACCEPTED_KINDS } from '../core/kinds.ts';
import { validateRecord } from '../core/records.ts';
import { DEFAULT_LIMITS } from './limits.ts';

export type AcceptFn = (raw: unknown) => VerifiedEvent;

export interface AcceptOptions {
  verifier?: SignatureVerifier;
  maxEventBytes?: number;
  kinds?: ReadonlySet<number>;
}

export function makeAccept(opts: AcceptOptions = {}): AcceptFn {
  const kinds = opts.kinds ?? ACCEPTED_KINDS;
  const maxEventBytes = opts.maxEventBytes ?? DEFAULT_LIMITS.maxEventBytes;
  return (raw) => {
    // Verify first, so a forged event is reported as forged whatever kind it claims, and no
    // content is parsed that nobody signed.
    const event = verifyWireEvent(raw, { verifier: opts.verifier, maxEventBytes });
    if (!kinds.has(event.kind)) throw KeruenError.unknownKind(event.kind);
    validateRecord(event);
    return event;
  };
}
