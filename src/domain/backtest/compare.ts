/**
 * Two rule sets side by side over the same histories (a draft against the active set): both results,
 * and the petitioned cases that one foresaw and the other did not.
 */
import type { Period } from '../stats/period.ts';
import type { RuleSet } from '../rules/types.ts';
import type { CaseHistory } from './history.ts';
import { runBacktest, type BacktestResult } from './run.ts';

export interface BacktestComparison {
  a: BacktestResult;
  b: BacktestResult;
  /** Petitioned cases warned in time under `a` only. */
  onlyA: string[];
  /** Petitioned cases warned in time under `b` only. */
  onlyB: string[];
}

export function compareBacktests(histories: readonly CaseHistory[], a: RuleSet, b: RuleSet, period: Period, asOf?: string): BacktestComparison {
  const opts = asOf === undefined ? {} : { asOf };
  const ra = runBacktest({ histories, ruleSet: a, period, ...opts });
  const rb = runBacktest({ histories, ruleSet: b, period, ...opts });
  const foreseen = (r: BacktestResult) => new Set(r.perCase.filter((c) => c.leadDays !== null).map((c) => c.caseId));
  const fa = foreseen(ra);
  const fb = foreseen(rb);
  return { a: ra, b: rb, onlyA: [...fa].filter((id) => !fb.has(id)), onlyB: [...fb].filter((id) => !fa.has(id)) };
}
