import type { Context } from 'hono';
import type { z } from 'zod';
import type { MessageKey } from '../i18n/index.ts';
import { FormVersionSchema } from '../schemas/common.ts';
import { AppError } from './errors.ts';
import type { AppEnv } from './types.ts';
import { publicIssues, type PublicIssue } from './zod-messages.ts';
import type { FormState } from '../../views/components/form.tsx';

/**
 * The posted form as plain strings (the last value wins; files are ignored). A field posted
 * several times (checkboxes) is also given joined with commas under its name in `lists`.
 */
export async function formValues(c: Context<AppEnv>): Promise<Record<string, string>> {
  return (await formWithLists(c)).values;
}

/**
 * The one path by which every form body is read. A body that cannot be read (a multipart body
 * without a valid boundary, a broken encoding) is the client's fault: 400, never a 500.
 */
export async function formWithLists(c: Context<AppEnv>): Promise<{ values: Record<string, string>; lists: Record<string, string[]> }> {
  let body: Record<string, string | File | (string | File)[]>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    throw new AppError('malformed', 'error.malformedForm');
  }
  const values: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    const all = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');
    lists[k] = all;
    if (all.length) values[k] = all[all.length - 1]!;
  }
  return { values, lists };
}

/** Issues keyed by their dotted path ('parties.0.name'), the first message per field. */
export function fieldErrors(issues: PublicIssue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) errors[issue.path.join('.') || '_form'] ??= issue.message;
  return errors;
}

/** Empty optional fields are absent; numbers that do not parse stay text so zod names them. */
export function optionalText(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}

export function optionalNumber(value: string | undefined): number | string | undefined {
  const v = value?.trim().replace(/[,，]/g, '');
  if (!v) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : v;
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; state: FormState; status: 409 | 422 };

export function validateForm<S extends z.ZodType>(c: Context<AppEnv>, schema: S, input: unknown, values: Record<string, string>): FormResult<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors = fieldErrors(publicIssues(result.error.issues, c.var.t));
  return { ok: false, state: { values, errors, formError: errors._form }, status: 422 };
}

/**
 * Turns a refusal from a service into the form's state: 422 issues go under their fields, a
 * conflict becomes the form's message. Anything else is rethrown to the error page.
 */
export function refusalToForm(c: Context<AppEnv>, err: unknown, values: Record<string, string>): { state: FormState; status: 409 | 422 } {
  if (err instanceof AppError && (err.code === 'invalid' || err.code === 'conflict')) {
    const errors = fieldErrors(err.issues);
    const formError = err.issues.length ? errors._form : c.var.t(err.key, err.params);
    return { state: { values, errors, formError }, status: err.code === 'conflict' ? 409 : 422 };
  }
  throw err;
}

/** The query string without empty parameters: a search form sends `stage=` for "all". */
export function pageQuery(c: Context<AppEnv>): Record<string, string> {
  return Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v.trim() !== ''));
}

/**
 * A page's query string read with its schema. Empty parameters are dropped, and a parameter the
 * schema refuses falls back to its default while the others are kept: a hand-edited or outdated
 * link still opens the page, with as much of its filter as makes sense.
 */
export function pageQueryOf<S extends z.ZodType>(c: Context<AppEnv>, schema: S): z.output<S> {
  const input = pageQuery(c);
  for (;;) {
    const parsed = schema.safeParse(input);
    if (parsed.success) return parsed.data;
    const bad = parsed.error.issues.map((i) => i.path[0]).filter((k): k is string => typeof k === 'string' && k in input);
    // A refusal no single parameter explains: the defaults.
    if (bad.length === 0) return schema.parse({});
    for (const k of bad) delete input[k];
  }
}

/** The version (or revision) a page's form carried (FormVersionSchema), or null when missing or garbled. */
export function formVersion(value: string | undefined): number | null {
  const parsed = FormVersionSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/**
 * The version a form carried, where a missing or garbled one means the page is out of date: a 409
 * with `staleKey`, as a stale version would get from the service.
 */
export function requireFormVersion(value: string | undefined, staleKey: MessageKey = 'error.staleVersion'): number {
  const version = formVersion(value);
  if (version === null) throw new AppError('conflict', staleKey);
  return version;
}
