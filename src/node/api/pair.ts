/**
 * Pairing endpoints and the gate in front of everything else.
 *   GET  /api/pair/status → {required, paired}  (paired is true when pairing is not required:
 *                                                "this device may use the node")
 *   POST /api/pair {code, device?} → {paired: true} and the session cookie
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { z } from 'zod';
import { KeruenError } from '../../core/errors.ts';
import { mayUse, hostAllowed, type AccessPolicy } from '../access.ts';
import { SESSION_COOKIE } from '../pairing.ts';
import { errorResponse, toKeruenError } from './errors.ts';

const pairBody = z.object({
  code: z.string().max(64),
  device: z.string().max(200).optional(),
});

/** Browsers cap cookie lifetimes at 400 days; a paired phone should not need to pair again sooner. */
const COOKIE_MAX_AGE = 400 * 24 * 3600;

function remoteAddress(c: Parameters<MiddlewareHandler>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** 401 (or 403 for a foreign Host) before any route runs, unless the request may pass. */
export function accessGate(policy: AccessPolicy): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host');
    if (!hostAllowed(policy, host)) {
      return errorResponse(c, new KeruenError('blocked', `this node answers only to 127.0.0.1 or localhost, not to "${(host ?? '').slice(0, 64)}"; to reach it from another device, start it with --host and pair`));
    }
    if (!mayUse(policy, { method: c.req.method, path: c.req.path, host, cookie: c.req.header('cookie') })) {
      return errorResponse(c, new KeruenError('unauthorized', 'pair this device first: enter the code shown on the node\'s console'));
    }
    await next();
  };
}

export function pairRoutes(policy: AccessPolicy, onError: (e: unknown) => void): Hono {
  const app = new Hono();
  app.get('/api/pair/status', (c) => {
    const pairing = policy.pairing;
    return c.json({ required: pairing !== undefined, paired: pairing === undefined || pairing.isPaired(c.req.header('cookie')) });
  });
  app.post(
    '/api/pair',
    bodyLimit({ maxSize: 4096, onError: (c) => errorResponse(c, KeruenError.tooLarge('pairing request', Number(c.req.header('content-length') ?? 4097), 4096)) }),
    async (c) => {
      try {
        const pairing = policy.pairing;
        if (pairing === undefined) return c.json({ paired: true, required: false });
        let raw: unknown;
        try {
          raw = await c.req.json();
        } catch {
          throw KeruenError.usage('send JSON: {"code": "1234-5678", "device": "my phone"}');
        }
        const body = pairBody.safeParse(raw);
        if (!body.success) throw KeruenError.usage('send JSON: {"code": "1234-5678", "device": "my phone"}');
        const device = body.data.device ?? (c.req.header('user-agent') ?? 'unnamed device').slice(0, 120);
        const token = pairing.pair(body.data.code, remoteAddress(c), device);
        setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', maxAge: COOKIE_MAX_AGE });
        return c.json({ paired: true, required: true });
      } catch (e) {
        return errorResponse(c, toKeruenError(e, onError));
      }
    },
  );
  return app;
}
