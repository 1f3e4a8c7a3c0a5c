import { PETITIONS_12M_DAYS, PETITIONS_7D_DAYS } from '../petitions/case-facts.ts';
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

/** The facts the rules of a set read. */
export function factsRead(ruleSet: RuleSet): Set<string> {
  const facts = new Set<string>();
  const visit = (c: Condition): void => {
    if (isLeaf(c)) facts.add(c.fact);
    else if ('all' in c) c.all.forEach(visit);
    else if ('any' in c) c.any.forEach(visit);
    else visit(c.not);
  };
  for (const rule of ruleSet.rules) visit(rule.when);
  return facts;
}

/**
 * How many days ago a linked petition was received when it leaves a window this set reads today:
 * on day d + 7 it no longer counts in `petitions7d`, on d + 365 no longer in `petitions12m`
 * (a petition arriving changes the facts at once: its registration re-scores the case).
 */
export function petitionWindowDaysBack(ruleSet: RuleSet): number[] {
  const read = factsRead(ruleSet);
  const days: number[] = [];
  if (read.has('petitions7d')) days.push(PETITIONS_7D_DAYS);
  if (read.has('petitions12m')) days.push(PETITIONS_12M_DAYS);
  return days;
}
