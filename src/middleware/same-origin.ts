import type { MiddlewareHandler } from 'hono';
import { AppError } from '../http/errors.ts';
import type { AppEnv } from '../http/types.ts';
import { bearerToken, isSafeMethod } from './require.ts';

/**
 * A write that a browser could send with its ambient credential — the session cookie, on a form
 * or on the JSON API alike — must come from this origin: an `Origin` equal to ours, or (where a
 * browser sends no Origin) `Sec-Fetch-Site: same-origin`. SameSite=Lax alone is not relied on.
 * Callers that authenticate with a Bearer token and send no cookie carry nothing a forged request
 * could borrow, so they are exempt (the courts' systems call from elsewhere); so are requests
 * with no cookie that are not forms (they are refused as unauthenticated anyway). Forms are
 * checked even without a cookie, so that nobody can be signed in from another site.
 */
export function sameOriginWrites(): MiddlewareHandler<AppEnv> {
  return async function sameOriginWrites(c, next) {
    if (isSafeMethod(c)) return next();
    const cookie = c.req.header('cookie');
    const form = /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)/i.test(c.req.header('content-type') ?? '');
    if (!cookie && !form) return next();
    if (bearerToken(c) !== undefined && !cookie) return next();
    const origin = c.req.header('origin');
    const site = c.req.header('sec-fetch-site');
    const ours = new URL(c.req.url).origin;
    const sameOrigin = origin ? origin === ours : site === 'same-origin';
    if (!sameOrigin || (site !== undefined && site !== 'same-origin' && site !== 'none')) throw new AppError('forbidden', 'error.csrf');
    return next();
  };
}
