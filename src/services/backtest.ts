/**
 * Backtesting rule sets (规则回测, issue 8 §3, domain.md §10) for administrators, the petition office
 * and leaders: the cases of the caller's scope are rebuilt as histories — their facts, flags with
 * the instants they were set and withdrawn, the days of their linked petitions — and replayed with
 * the compiled evaluator of the chosen rule set (active, retired or draft), as of each day of their
 * history; stored assessments are never reused. One round trip reads everything.
 */
import { compareBacktests, runBacktest, type BacktestResult, type CaseHistory } from '../domain/backtest/index.ts';
import { addDays, shanghaiDay } from '../domain/time.ts';
import { backtestQueries, type BacktestCaseRow, type BacktestFlagRow, type BacktestPetitionRow } from '../db/backtest.ts';
import { type Db, readAll } from '../db/query.ts';
import { ruleSetsQuery, type RuleSetRow } from '../db/rulesets.ts';
import { PRECISION_WINDOW_DAYS } from '../domain/backtest/run.ts';
import { AppError, notFound } from '../http/errors.ts';
import type { CurrentUser } from '../http/types.ts';
import type { Lang, Translate } from '../i18n/index.ts';
import { authorize } from './authorize.ts';
import { loadRuleSet } from './scoring.ts';
import { periodOf } from './stats.ts';
import type { Period } from '../domain/stats/period.ts';

/** The most cases one backtest replays; a larger scope is asked to narrow it. */
export const MAX_BACKTEST_CASES = 20_000;

export interface RuleSetRef {
  id: string;
  version: number;
  name: string;
  status: RuleSetRow['status'];
}

export interface BacktestView {
  ruleSet: RuleSetRef;
  cases: number;
  recall: BacktestResult['recall'];
  precision: BacktestResult['precision'];
  rules: { id: string; label: string; fired: number; firedThenPetition: number; firedNoPetition: number; share: number | null }[];
  perCase: {
    caseId: string;
    caseNumber: string;
    firstPetition: string | null;
    warnedSince: string | null;
    leadDays: number | null;
    firstWarnInPeriod: string | null;
    petitionFollowed: boolean | null;
  }[];
}

export interface Backtest {
  period: Period;
  asOf: string;
  result: BacktestView;
  comparison: { against: BacktestView; onlyThis: string[]; onlyAgainst: string[] } | null;
}

/** Cases, flags and petitions of the scope as the replay's histories. */
export function histories(cases: readonly BacktestCaseRow[], flags: readonly BacktestFlagRow[], petitions: readonly BacktestPetitionRow[]): CaseHistory[] {
  const flagsOf = new Map<string, CaseHistory['flags'][number][]>();
  for (const f of flags) flagsOf.set(f.case_id, [...(flagsOf.get(f.case_id) ?? []), { factor: f.factor_code, from: f.created_at, to: f.withdrawn_at }]);
  const daysOf = new Map<string, string[]>();
  for (const p of petitions) daysOf.set(p.case_id, [...(daysOf.get(p.case_id) ?? []), p.received_on]);
  return cases.map((c) => ({
    id: c.id,
    filedOn: c.filed_on,
    closedOn: c.closed_on,
    stage: c.stage,
    category: c.category,
    partyCount: c.party_count,
    amountInDispute: c.amount_in_dispute,
    hasVulnerableParty: c.vulnerable === 1,
    flags: flagsOf.get(c.id) ?? [],
    petitionDays: daysOf.get(c.id) ?? [],
  }));
}

function ref(row: RuleSetRow): RuleSetRef {
  return { id: row.id, version: row.version, name: row.name, status: row.status };
}

function view(row: RuleSetRow, r: BacktestResult, numbers: ReadonlyMap<string, string>, lang: Lang): BacktestView {
  return {
    ruleSet: ref(row),
    cases: r.cases,
    recall: r.recall,
    precision: r.precision,
    rules: r.rules.map(({ labelEn, label, ...rule }) => ({ ...rule, label: lang === 'en' && labelEn ? labelEn : label })),
    // Only the cases with something to say: a petition in the period, or a warning in it.
    perCase: r.perCase
      .filter((c) => c.firstPetition !== null || c.firstWarnInPeriod !== null)
      .map((c) => ({ ...c, caseNumber: numbers.get(c.caseId) ?? c.caseId })),
  };
}

export interface BacktestPage extends Backtest {
  /** Every rule set, newest first, to choose from. */
  ruleSets: RuleSetRef[];
}

/**
 * Replays the scope's cases under a rule set for a period, and under a second one beside it when
 * asked. Without a rule set: the active one — or, with `draftFirst` (the page), the newest draft
 * against the active one. 404 for an unknown rule set. One round trip.
 */
export async function runBacktestFor(
  db: Db,
  user: CurrentUser,
  q: { ruleSetId?: string; compareWith?: string; from?: string; to?: string },
  t: Translate,
  lang: Lang,
  opts: { draftFirst?: boolean } = {},
): Promise<BacktestPage> {
  authorize(user, 'backtest');
  const period = periodOf(q, t);
  const asOf = shanghaiDay();
  const r = await readAll(db, {
    sets: ruleSetsQuery(db),
    // Petitions up to 180 days after the period decide precision.
    ...backtestQueries(db, user, { filedBy: period.to, receivedBy: addDays(period.to, PRECISION_WINDOW_DAYS), limit: MAX_BACKTEST_CASES + 1 }),
  });
  const byId = (id: string) => r.sets.find((s) => s.id === id) ?? null;
  const active = r.sets.find((s) => s.status === 'active') ?? null;
  const draft = opts.draftFirst ? (r.sets.find((s) => s.status === 'draft') ?? null) : null;
  const chosen = q.ruleSetId ? byId(q.ruleSetId) : (draft ?? active);
  const other = q.compareWith ? byId(q.compareWith) : !q.ruleSetId && draft ? active : null;
  if (!chosen || (q.compareWith && !other)) throw notFound();
  if (r.cases.length > MAX_BACKTEST_CASES) throw new AppError('invalid', 'backtest.tooManyCases', { max: MAX_BACKTEST_CASES });

  const numbers = new Map(r.cases.map((c) => [c.id, c.case_number]));
  const hs = histories(r.cases, r.flags, r.petitions);
  const a = loadRuleSet(chosen);
  const base = { period, asOf, ruleSets: r.sets.map(ref) };
  if (!other || other.id === chosen.id) {
    const result = runBacktest({ histories: hs, ruleSet: a.doc, compiled: a.compiled, period, asOf });
    return { ...base, result: view(chosen, result, numbers, lang), comparison: null };
  }
  const b = loadRuleSet(other);
  const c = compareBacktests(hs, a.doc, b.doc, period, asOf);
  const numbersOf = (ids: string[]) => ids.map((id) => numbers.get(id) ?? id).sort();
  return {
    ...base,
    result: view(chosen, c.a, numbers, lang),
    comparison: { against: view(other, c.b, numbers, lang), onlyThis: numbersOf(c.onlyA), onlyAgainst: numbersOf(c.onlyB) },
  };
}
