import type { Rule, RuleSet } from './types.ts';

/** What changed from one rule set to another, rule by rule (by id), for review before activation. */
export interface RuleSetDiff {
  name: { from: string; to: string } | null;
  thresholds: { from: RuleSet['thresholds']; to: RuleSet['thresholds'] } | null;
  warnAt: { from: RuleSet['warnAt']; to: RuleSet['warnAt'] } | null;
  added: Rule[];
  removed: Rule[];
  changed: { id: string; from: Rule; to: Rule; fields: ('label' | 'labelEn' | 'when' | 'points' | 'level')[] }[];
  unchanged: number;
}

/** Key order does not matter when comparing conditions. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function diffRuleSets(from: RuleSet, to: RuleSet): RuleSetDiff {
  const before = new Map(from.rules.map((r) => [r.id, r]));
  const after = new Map(to.rules.map((r) => [r.id, r]));
  const changed: RuleSetDiff['changed'] = [];
  let unchanged = 0;
  for (const rule of to.rules) {
    const old = before.get(rule.id);
    if (!old) continue;
    const fields = (['label', 'labelEn', 'when', 'points', 'level'] as const).filter((f) => canonical(old[f]) !== canonical(rule[f]));
    if (fields.length) changed.push({ id: rule.id, from: old, to: rule, fields: [...fields] });
    else unchanged++;
  }
  return {
    name: from.name === to.name ? null : { from: from.name, to: to.name },
    thresholds: canonical(from.thresholds) === canonical(to.thresholds) ? null : { from: from.thresholds, to: to.thresholds },
    warnAt: from.warnAt === to.warnAt ? null : { from: from.warnAt, to: to.warnAt },
    added: to.rules.filter((r) => !before.has(r.id)),
    removed: from.rules.filter((r) => !after.has(r.id)),
    changed,
    unchanged,
  };
}

export function isEmptyDiff(d: RuleSetDiff): boolean {
  return !d.name && !d.thresholds && !d.warnAt && d.added.length === 0 && d.removed.length === 0 && d.changed.length === 0;
}
