import { z } from '@hono/zod-openapi';
import { LEVELS } from '../domain/levels.ts';
import { CASE_KINDS } from '../domain/roles.ts';
import { isValidDay, shanghaiDay } from '../domain/time.ts';

/** A Shanghai calendar day, YYYY-MM-DD. */
export const DaySchema = z
  .string()
  .refine(isValidDay, { message: 'validation.day' })
  .openapi({ format: 'date', example: '2026-11-28' });

/** A day not after today (Shanghai). */
export const PastDaySchema = DaySchema.refine((d) => d <= shanghaiDay(), { message: 'validation.dayInFuture' });

export const IdSchema = z.string().min(1).max(64);

/** A risk level, none < blue < yellow < orange < red (domain/levels.ts). */
export const LevelSchema = z.enum(LEVELS);

/** Trial or enforcement (domain/roles.ts). */
export const CaseKindSchema = z.enum(CASE_KINDS);

/** An id in the path, declared as the path parameter `name` for the OpenAPI document. */
export function pathId(name: string) {
  return z.string().max(64).openapi({ param: { name, in: 'path' } });
}

/** The `{id}` path parameter of a resource; `IdParam.extend({ flagId: pathId('flagId') })` for a nested one. */
export const IdParam = z.object({ id: pathId('id') });

export const PageQuerySchema = z.coerce.number().int().min(1).max(10_000).default(1);

/** A yes-only filter in a query string (a checked box sends `1`). */
export const QueryFlagSchema = z.enum(['1', 'true']);

export const VersionSchema = z.number().int().min(1).openapi({ description: 'The version the caller saw; a stale one gets 409.' });

const VERSION_UNUSABLE = { error: 'form.versionUnusable' };

/**
 * A form's hidden `version` or `revision`, as the page carried it: a string of digits, read as a
 * positive integer. A missing or garbled one is nothing the user typed, so its message says to
 * reload the page (http/forms.ts `requireFormVersion` answers it as a 409 instead).
 */
export const FormVersionSchema = z
  .string(VERSION_UNUSABLE)
  .trim()
  .regex(/^\d+$/, VERSION_UNUSABLE)
  .transform(Number)
  .pipe(z.number().int(VERSION_UNUSABLE).min(1, VERSION_UNUSABLE));

/** The error body of api.md. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
    }),
  })
  .openapi('Error');

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

/** The error answers every protected route can give, for the OpenAPI document. */
export const ERROR_RESPONSES = {
  400: errorResponse('Malformed request (e.g. broken JSON)'),
  401: errorResponse('Not signed in'),
  403: errorResponse("The caller's role lacks the right"),
  404: errorResponse("Absent or outside the caller's scope"),
  409: errorResponse('Stale version or conflicting state'),
  422: errorResponse('Valid JSON, invalid content'),
} as const;

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } } as const;
}
