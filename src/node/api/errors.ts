/**
 * The HTTP edge's vocabulary for errors: a KeruenError code becomes a status here and nowhere
 * else, and the body is always `{error: "<what went wrong and what to do>"}`.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isKeruenError, KeruenError, type ErrorCode } from '../../core/errors.ts';

export function httpStatusFor(code: ErrorCode): ContentfulStatusCode {
  switch (code) {
    case 'unauthorized':
      return 401;
    case 'blocked':
      return 403;
    case 'not_found':
      return 404;
    case 'too_large':
      return 413;
    case 'unsupported_media':
      return 415;
    case 'invalid_content':
      return 422;
    case 'rate_limited':
      return 429;
    case 'io':
    case 'internal':
      return 500;
    default:
      return 400;
  }
}

/** Our own failures are logged and told to the client in few words; its mistakes in full. */
export function toKeruenError(e: unknown, onError: (e: unknown) => void): KeruenError {
  if (isKeruenError(e)) {
    if (e.code === 'internal' || e.code === 'io') onError(e);
    return e;
  }
  onError(e);
  return new KeruenError('internal', 'the node failed to answer this request; see its console');
}

export function errorResponse(c: Context, error: KeruenError, extraHeaders: Record<string, string> = {}): Response {
  const status = httpStatusFor(error.code);
  for (const [k, v] of Object.entries(extraHeaders)) c.header(k, v);
  const retryAfter = (error.details as { retryAfter?: unknown } | undefined)?.retryAfter;
  if (status === 429 && typeof retryAfter === 'number') c.header('retry-after', String(retryAfter));
  return c.json({ error: error.message }, status);
}

export function defaultOnError(e: unknown): void {
  process.stderr.write(`web: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
}
