import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../http/types.ts';
import { bearerToken, isApiRequest, isSafeMethod } from './require.ts';

/** `__Host-d1b`: the browser's bookmark. Not a secret: it only names a point in the database's history. */
export const BOOKMARK_COOKIE = 'd1b';
/** API callers send the bookmark of their last answer back in this header, and every answer carries the next. */
export const BOOKMARK_HEADER = 'x-d1-bookmark';

/** D1's bookmarks are four groups of hex digits; anything else is not passed to D1. */
const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/i;

/**
 * Where the request's first query may go. A write starts at the primary, so that what it checks
 * before writing (the sign-in throttle, a session or token just revoked) is the latest; the
 * primary is at least as recent as any bookmark. A read continues from the caller's bookmark, so
 * that it sees the caller's own writes; a caller without one may read any replica. A bookmark we
 * cannot use is ignored, and the request starts at the primary: its sender expected to see
 * something recent.
 */
function sessionStart(safe: boolean, bookmark: string | undefined): D1SessionConstraint | D1SessionBookmark {
  if (!safe) return 'first-primary';
  if (bookmark === undefined) return 'first-unconstrained';
  return BOOKMARK.test(bookmark) ? bookmark : 'first-primary';
}

/**
 * Opens the request's D1 session (read replication, Sessions API) as `c.var.db`, and afterwards
 * hands its bookmark back: in the `x-d1-bookmark` header to API callers and to whoever sent one,
 * in the `__Host-d1b` cookie to browsers that are signed in or have just written (signing in).
 */
export function d1Session(): MiddlewareHandler<AppEnv> {
  return async function d1Session(c, next) {
    const fromHeader = c.req.header(BOOKMARK_HEADER)?.trim() || undefined;
    const fromCookie = getCookie(c, BOOKMARK_COOKIE, 'host') || undefined;
    const sent = fromHeader ?? fromCookie;
    const session = c.env.DB.withSession(sessionStart(isSafeMethod(c), sent));
    c.set('db', session);
    await next();

    // A request that ran no query hands back the bookmark it came with, so the chain is not broken.
    const bookmark = session.getBookmark() ?? (sent !== undefined && BOOKMARK.test(sent) ? sent : null);
    if (!bookmark) return;
    if (fromHeader !== undefined || isApiRequest(c)) c.header(BOOKMARK_HEADER, bookmark);
    const browser = bearerToken(c) === undefined && (c.var.user?.via === 'web' || !isSafeMethod(c));
    if (browser && bookmark !== fromCookie) {
      setCookie(c, BOOKMARK_COOKIE, bookmark, { path: '/', secure: true, httpOnly: true, sameSite: 'Lax', prefix: 'host' });
    }
  };
}
