/** Exit codes of the `keruen` command (documented in the README). */
import type { ErrorCode } from '../core/errors.ts';

export const Exit = {
  ok: 0,
  failure: 1,
  usage: 2,
  invalidInput: 3,
  notFound: 4,
  badPassphrase: 5,
  io: 6,
} as const;

export function exitCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'usage':
      return Exit.usage;
    case 'not_found':
      return Exit.notFound;
    case 'bad_passphrase':
      return Exit.badPassphrase;
    case 'io':
      return Exit.io;
    case 'internal':
      return Exit.failure;
    default:
      return Exit.invalidInput;
  }
}
