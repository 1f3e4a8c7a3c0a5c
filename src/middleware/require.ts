import type { Context, MiddlewareHandler } from 'hono';
import { may, type Permission } from '../domain/roles.ts';
import { AppError } from '../http/errors.ts';
import type { AppEnv, CurrentUser } from '../http/types.ts';

export function isApiRequest(c: Context): boolean {
  return c.req.path.startsWith('/api/');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A method that changes nothing: it reads, so it may go to a replica and needs no same-origin check. */
export function isSafeMethod(c: Context): boolean {
  return SAFE_METHODS.has(c.req.method);
}

/** The API token of an `Authorization: Bearer …` header, if the request carries one. */
export function bearerToken(c: Context): string | undefined {
  const auth = c.req.header('authorization');
  return auth?.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
}

/**
 * Anonymous callers of a page are sent to the sign-in page (and back afterwards); API callers
 * get 401.
 */
export function requireUser(): MiddlewareHandler<AppEnv> {
  return async function requireUser(c, next) {
    if (!c.var.user) {
      if (isApiRequest(c)) throw new AppError('unauthenticated', 'error.unauthenticated');
      const next_ = c.req.method === 'GET' ? c.req.path + (new URL(c.req.url).search || '') : '/';
      if (c.req.header('HX-Request') === 'true') {
        c.header('HX-Redirect', `/login?next=${encodeURIComponent(next_)}`);
        return c.body(null, 401);
      }
      return c.redirect(`/login?next=${encodeURIComponent(next_)}`, 303);
    }
    await next();
  };
}

/** 403 unless the user holds a role with this permission (domain/roles.ts `MAY`), after requireUser. */
export function requireRole(permission: Permission): MiddlewareHandler<AppEnv> {
  return async function requireRole(c, next) {
    const user = c.var.user;
    if (!user) throw new AppError('unauthenticated', 'error.unauthenticated');
    if (!may(user, permission)) throw new AppError('forbidden', 'error.forbidden');
    await next();
  };
}

/** The signed-in user; only call after requireUser. */
export function currentUser(c: Context<AppEnv>): CurrentUser {
  const user = c.var.user;
  if (!user) throw new AppError('unauthenticated', 'error.unauthenticated');
  return user;
}
