import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/types.ts';

/**
 * Court staff share office computers: nothing answered to a signed-in request — page, fragment,
 * API answer, download or refusal — may stay in the browser's cache after sign-out.
 */
export function noStoreWhenSignedIn(): MiddlewareHandler<AppEnv> {
  return async function noStoreWhenSignedIn(c, next) {
    await next();
    if (c.var.user) c.header('Cache-Control', 'no-store');
  };
}
