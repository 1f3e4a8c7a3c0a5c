import type { Condition, RuleSet } from './types.ts';
import { isLeaf } from './types.ts';

/**
 * The `daysPending` values at which a rule of this set can change its result from one day to the
 * next: for a leaf comparing daysPending with v, the result may differ between v-1, v and v+1, so
 * a case reaching v or v+1 today needs re-scoring. Sorted, unique, non-negative.
 */
export function daysPendingBoundaries(ruleSet: RuleSet): number[] {
  const days = new Set<number>();
  const visit = (c: Condition): void => {
    if (isLeaf(c)) {
      if (c.fact !== 'daysPending') return;
      const values = Array.isArray(c.value) ? c.value : [c.value];
      for (const v of values) {
        if (typeof v !== 'number') continue;
        for (const d of [Math.floor(v), Math.floor(v) + 1]) if (d >= 0) days.add(d);
      }
      return;
    }
    if ('all' in c) c.all.forEach(visit);
    else if ('any' in c) c.any.forEach(visit);
    else visit(c.not);
  };
  for (const rule of ruleSet.rules) visit(rule.when);
  return [...days].sort((a, b) => a - b);
}
