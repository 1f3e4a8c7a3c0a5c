import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { touchSession } from '../db/auth.ts';
import { run } from '../db/query.ts';
import { touchToken } from '../db/tokens.ts';
import { sessionUserQuery, tokenUserQuery, type UserWithCourt } from '../db/users.ts';
import { sha256Hex } from '../security/tokens.ts';
import type { AppEnv, CurrentUser } from '../http/types.ts';
import { bearerToken } from './require.ts';

export const SESSION_COOKIE = 'session';
/** Session activity is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export function toCurrentUser(u: UserWithCourt, via: 'web' | 'api', sessionHash?: string, unreadNotifications = 0): CurrentUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    division: u.division,
    roles: u.roles,
    courtId: u.court_id,
    courtPath: u.court_path,
    court: { id: u.court_id, code: u.court_code, name: u.court_name, nameEn: u.court_name_en, level: u.court_level },
    via,
    unreadNotifications,
    ...(sessionHash ? { sessionHash } : {}),
  };
}

function idleMs(c: Context<AppEnv>): number {
  return Number(c.env.SESSION_IDLE_MINUTES ?? '120') * 60_000;
}

/** One read: the token and its user. Its use is written at most once a minute. */
async function fromBearer(c: Context<AppEnv>, token: string): Promise<CurrentUser | undefined> {
  const now = Date.now();
  const found = await run(c.var.db, tokenUserQuery(c.var.db, await sha256Hex(token), new Date(now).toISOString()));
  if (!found || found.user.active !== 1) return undefined;
  if (!found.lastUsedAt || now - Date.parse(found.lastUsedAt) > TOUCH_EVERY_MS) {
    await touchToken(c.var.db, found.tokenId, new Date(now).toISOString());
  }
  return toCurrentUser(found.user, 'api', undefined, found.unreadNotifications);
}

/** One read: the session and its user. Its activity is written at most once a minute. */
async function fromSession(c: Context<AppEnv>, token: string): Promise<CurrentUser | undefined> {
  const hash = await sha256Hex(token);
  const found = await run(c.var.db, sessionUserQuery(c.var.db, hash));
  const now = Date.now();
  if (!found || found.user.active !== 1) return undefined;
  const { session } = found;
  if (session.endedAt || Date.parse(session.expiresAt) <= now || Date.parse(session.lastSeenAt) + idleMs(c) <= now) return undefined;
  if (now - Date.parse(session.lastSeenAt) > TOUCH_EVERY_MS) {
    await touchSession(c.var.db, hash, new Date(now).toISOString());
  }
  return toCurrentUser(found.user, 'web', hash, found.unreadNotifications);
}

/**
 * Sets `user` from an `Authorization: Bearer` API token or the `__Host-session` cookie, or
 * leaves it undefined; routes decide whether anonymous callers may continue.
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async function authenticate(c, next) {
    let user: CurrentUser | undefined;
    const bearer = bearerToken(c);
    if (bearer !== undefined) {
      user = await fromBearer(c, bearer);
    } else {
      const token = getCookie(c, SESSION_COOKIE, 'host');
      if (token) {
        user = await fromSession(c, token);
        if (!user) deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, prefix: 'host' });
      }
    }
    c.set('user', user);
    await next();
  };
}
