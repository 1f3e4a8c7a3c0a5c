import { z } from 'zod';
import { isMessageKey, type MessageKey, type Params, type Translate } from '../i18n/index.ts';

/**
 * Zod issues carry catalog keys, never sentences: this global error map gives every built-in
 * issue a key (schemas with their own message already use a key), and `issueMessage` turns the
 * key into the caller's language when the response is written.
 */
z.config({
  customError: (iss) => {
    if (iss.code === 'invalid_type' && iss.input === undefined) return 'zod.required';
    if (iss.code === 'too_small' || iss.code === 'too_big') {
      const origin = iss.origin === 'string' || iss.origin === 'array' ? iss.origin : 'number';
      return `zod.${iss.code}.${origin}`;
    }
    return `zod.${iss.code}`;
  },
});

export interface PublicIssue {
  path: (string | number)[];
  message: string;
}

type IssueLike = z.core.$ZodIssue & { params?: Record<string, unknown> };

function issueParams(issue: IssueLike): Params {
  const params: Params = {};
  const raw = issue as unknown as Record<string, unknown>;
  for (const name of ['expected', 'minimum', 'maximum', 'format', 'origin', 'divisor']) {
    const v = raw[name];
    if (typeof v === 'string' || typeof v === 'number') params[name] = v;
    if (typeof v === 'bigint') params[name] = v.toString();
  }
  if (Array.isArray(raw.values)) params.values = raw.values.map(String).join('、');
  if (Array.isArray(raw.keys)) params.keys = raw.keys.map(String).join('、');
  for (const [k, v] of Object.entries(issue.params ?? {})) {
    if (typeof v === 'string' || typeof v === 'number') params[k] = v;
  }
  return params;
}

export function issueMessage(issue: IssueLike, t: Translate): string {
  return isMessageKey(issue.message) ? t(issue.message, issueParams(issue)) : issue.message;
}

export function publicIssues(issues: readonly IssueLike[], t: Translate): PublicIssue[] {
  return issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: issueMessage(issue, t),
  }));
}

/** A custom issue in the project's convention, for checks that need the database. */
export function customIssue(path: (string | number)[], key: MessageKey, params: Params = {}): IssueLike {
  return { code: 'custom', path, message: key, params, input: undefined } as IssueLike;
}
