import { env } from 'cloudflare:test';
import { expect } from 'vitest';
import { DEFAULT_RULE_SET } from '../src/domain/rules/default-rule-set.ts';
import type { Rule, RuleSet } from '../src/domain/rules/types.ts';
import { postForm, sessionOf } from './helpers.ts';

// The rule-set editor's form, for the tests of the rule-set pages.

/** A form post as a signed-in user from our own origin; `htmx` adds the headers htmx sends. */
export async function postAs(username: string, path: string, fields: Record<string, string | string[]>, htmx = false) {
  const headers: Record<string, string> = { cookie: await sessionOf(username) };
  if (htmx) headers['HX-Request'] = 'true';
  const res = await postForm(path, fields, headers);
  return { status: res.status, headers: res.headers, html: await res.text() };
}

/** The per-rule form's fields for a document, as the editor renders them (plus the blank row). */
export function ruleFields(doc: RuleSet, extra: Record<string, string> = {}, rows: Partial<Record<keyof Rule | 'remove', string>>[] = []) {
  const fields: Record<string, string> = {
    mode: 'rules',
    name: doc.name,
    note: '',
    'thresholds.red': String(doc.thresholds.red),
    'thresholds.orange': String(doc.thresholds.orange),
    'thresholds.yellow': String(doc.thresholds.yellow),
    'thresholds.blue': String(doc.thresholds.blue),
    warnAt: doc.warnAt,
  };
  const all = [
    ...doc.rules.map((r) => ({
      id: r.id,
      label: r.label,
      labelEn: r.labelEn ?? '',
      points: r.points === undefined ? '' : String(r.points),
      level: r.level ?? '',
      when: JSON.stringify(r.when),
    })),
    ...rows,
    {},
  ];
  all.forEach((r, i) => {
    for (const [k, v] of Object.entries(r)) fields[`rules.${i}.${k}`] = v as string;
  });
  fields.ruleCount = String(all.length);
  return { ...fields, ...extra };
}

/** The position of a rule of the default set in the editor. */
export const indexOf = (id: string) => DEFAULT_RULE_SET.rules.findIndex((r) => r.id === id);

/** The draft's id from the 303 after saving it. */
export async function draftIdFrom(res: { status: number; headers: Headers }): Promise<string> {
  expect(res.status).toBe(303);
  const m = /^\/admin\/rulesets\/([^/?]+)\?done=(created|saved)$/.exec(res.headers.get('location') ?? '');
  expect(m).not.toBeNull();
  return m![1]!;
}

export async function revisionOf(id: string): Promise<number> {
  return (await env.DB.prepare('SELECT revision FROM rule_sets WHERE id = ?').bind(id).first<{ revision: number }>())!.revision;
}

/** Saves, as the admin, a draft of the default rules without one of them; answers with the draft's id. */
export async function draftWithout(ruleId: string, name: string): Promise<string> {
  return draftIdFrom(await postAs('admin', '/admin/rulesets/new', ruleFields(DEFAULT_RULE_SET, { name, [`rules.${indexOf(ruleId)}.remove`]: '1' })));
}
