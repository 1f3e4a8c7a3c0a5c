import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { MessageKey, Params } from '../i18n/index.ts';
import type { AppEnv } from './types.ts';
import type { PublicIssue } from './zod-messages.ts';

export type ErrorCode =
  | 'malformed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'invalid'
  | 'too_many_requests'
  | 'unsupported_media_type'
  | 'busy'
  | 'internal';

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  malformed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unsupported_media_type: 415,
  invalid: 422,
  too_many_requests: 429,
  internal: 500,
  busy: 503,
};

/**
 * Thrown by handlers and data functions for an expected refusal; the app's error handler
 * answers it as api.md's error body (JSON) or as an error page (HTML).
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly key: MessageKey,
    readonly params: Params = {},
    readonly issues: PublicIssue[] = [],
    /** Extra fields for the body, e.g. the current state on a 409. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(key);
  }
  get status(): ContentfulStatusCode {
    return STATUS[this.code];
  }
}

export const notFound = () => new AppError('not_found', 'error.notFound');
export const forbidden = () => new AppError('forbidden', 'error.forbidden');

export function errorBody(c: Context<AppEnv>, err: AppError) {
  return {
    error: {
      code: err.code,
      message: c.var.t(err.key, err.params),
      ...(err.issues.length ? { issues: err.issues } : {}),
      ...err.details,
    },
  };
}

/** Sets `Retry-After` when the refusal says when to come back (503 busy, 429 throttled). */
export function retryAfterHeader(c: Context<AppEnv>, err: AppError): void {
  const seconds = err.details.retryAfter;
  if (typeof seconds === 'number') c.header('Retry-After', String(Math.max(1, Math.ceil(seconds))));
}

export function jsonError(c: Context<AppEnv>, err: AppError) {
  retryAfterHeader(c, err);
  return c.json(errorBody(c, err), err.status);
}
