import { OpenAPIHono } from '@hono/zod-openapi';
import { AppError } from './errors.ts';
import type { AppEnv } from './types.ts';
import { publicIssues } from './zod-messages.ts';

/**
 * A sub-app of the JSON API. Validation failures become api.md's 422 body with each issue's path
 * and a message in the caller's language; malformed JSON is a 400 from the app's error handler.
 */
export function apiApp() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        throw new AppError('invalid', 'error.invalid', {}, publicIssues(result.error.issues, c.var.t));
      }
    },
  });
}
