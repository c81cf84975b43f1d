/**
 * One error class for the whole project, with a stable `code`.
 * Edges map codes to their own vocabulary: relay `OK false "<prefix>: ..."`,
 * HTTP status, CLI exit code. Never throw bare strings.
 */
export type ErrorCode =
  | 'invalid_json'
  | 'invalid_event'
  | 'invalid_id'
  | 'invalid_signature'
  | 'unknown_kind'
  | 'invalid_content'
  | 'invalid_tags'
  | 'too_large'
  | 'rate_limited'
  | 'not_found'
  | 'blocked'
  | 'duplicate'
  | 'bad_passphrase'
  /** The caller has not proved who it is (no session, no valid authorization event). */
  | 'unauthorized'
  /** A file of a type this node will not take, or cannot inspect. */
  | 'unsupported_media'
  | 'usage'
  | 'io'
  | 'internal';

export class KeruenError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'KeruenError';
    this.code = code;
    this.details = details;
  }

  static invalidJson(what: string, reason: string): KeruenError {
    return new KeruenError('invalid_json', `${what} is not valid JSON: ${reason}`);
  }
  static invalidEvent(reason: string): KeruenError {
    return new KeruenError('invalid_event', reason);
  }
  static invalidId(id: string): KeruenError {
    return new KeruenError('invalid_id', `event id does not match its content (got ${id.slice(0, 16)}...)`);
  }
  static invalidSignature(id: string): KeruenError {
    return new KeruenError('invalid_signature', `signature of event ${id.slice(0, 16)}... does not verify`);
  }
  static unknownKind(kind: number): KeruenError {
    return new KeruenError('unknown_kind', `kind ${kind} is not a kind this node stores`);
  }
  static invalidContent(kindName: string, reason: string): KeruenError {
    return new KeruenError('invalid_content', `${kindName} content: ${reason}`);
  }
  static invalidTags(kindName: string, reason: string): KeruenError {
    return new KeruenError('invalid_tags', `${kindName} tags: ${reason}`);
  }
  static tooLarge(what: string, size: number, limit: number): KeruenError {
    return new KeruenError('too_large', `${what} is ${size} bytes, over the limit of ${limit}`);
  }
  static notFound(what: string): KeruenError {
    return new KeruenError('not_found', `${what} not found`);
  }
  static usage(message: string): KeruenError {
    return new KeruenError('usage', message);
  }
}

export function isKeruenError(e: unknown): e is KeruenError {
  return e instanceof KeruenError;
}

/** Relay `OK false` / `CLOSED` machine-readable prefixes (NIP-01). */
export function relayPrefix(code: ErrorCode): 'invalid' | 'blocked' | 'rate-limited' | 'error' | 'duplicate' {
  switch (code) {
    case 'rate_limited':
      return 'rate-limited';
    case 'blocked':
      return 'blocked';
    case 'duplicate':
      return 'duplicate';
    case 'internal':
    case 'io':
      return 'error';
    default:
      return 'invalid';
  }
}
