import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { getSession, touchSession } from '../db/auth.ts';
import { findTokenUser, touchToken } from '../db/tokens.ts';
import { getUserWithCourt, type UserWithCourt } from '../db/users.ts';
import { sha256Hex } from '../security/tokens.ts';
import type { AppEnv, CurrentUser } from '../http/types.ts';

export const SESSION_COOKIE = 'session';
/** Session activity is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60_000;

export function toCurrentUser(u: UserWithCourt, via: 'web' | 'api', sessionHash?: string): CurrentUser {
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
    ...(sessionHash ? { sessionHash } : {}),
  };
}

function idleMs(c: Context<AppEnv>): number {
  return Number(c.env.SESSION_IDLE_MINUTES ?? '120') * 60_000;
}

async function fromBearer(c: Context<AppEnv>, token: string): Promise<CurrentUser | undefined> {
  const now = new Date().toISOString();
  const found = await findTokenUser(c.env.DB, await sha256Hex(token), now);
  if (!found) return undefined;
  const user = await getUserWithCourt(c.env.DB, found.user_id);
  if (!user || user.active !== 1) return undefined;
  await touchToken(c.env.DB, found.id, now);
  return toCurrentUser(user, 'api');
}

async function fromSession(c: Context<AppEnv>, token: string): Promise<CurrentUser | undefined> {
  const hash = await sha256Hex(token);
  const session = await getSession(c.env.DB, hash);
  const now = Date.now();
  if (
    !session ||
    session.ended_at ||
    Date.parse(session.expires_at) <= now ||
    Date.parse(session.last_seen_at) + idleMs(c) <= now
  ) {
    return undefined;
  }
  const user = await getUserWithCourt(c.env.DB, session.user_id);
  if (!user || user.active !== 1) return undefined;
  if (now - Date.parse(session.last_seen_at) > TOUCH_EVERY_MS) {
    await touchSession(c.env.DB, hash, new Date(now).toISOString());
  }
  return toCurrentUser(user, 'web', hash);
}

/**
 * Sets `user` from an `Authorization: Bearer` API token or the `__Host-session` cookie, or
 * leaves it undefined; routes decide whether anonymous callers may continue.
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async function authenticate(c, next) {
    let user: CurrentUser | undefined;
    const auth = c.req.header('authorization');
    if (auth?.startsWith('Bearer ')) {
      user = await fromBearer(c, auth.slice(7).trim());
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
