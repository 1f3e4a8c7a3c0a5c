/**
 * What the backtest reads about the cases of a scope — their facts, every flag with the instants it
 * was set and withdrawn, and the days of their linked petitions — as three statements for one round
 * trip, however many cases (bounded by `limit`).
 */
import type { CaseCategory } from '../domain/case-number.ts';
import type { CaseStage } from '../domain/cases.ts';
import type { Actor } from '../domain/roles.ts';
import { type Db, many } from './query.ts';
import { caseScope } from './scope.ts';

export interface BacktestCaseRow {
  id: string;
  case_number: string;
  category: CaseCategory;
  stage: CaseStage;
  filed_on: string;
  closed_on: string | null;
  party_count: number;
  amount_in_dispute: number;
  vulnerable: number;
}

export interface BacktestFlagRow {
  case_id: string;
  factor_code: string;
  created_at: string;
  withdrawn_at: string | null;
}

export interface BacktestPetitionRow {
  case_id: string;
  received_on: string;
}

type Scoped = Pick<Actor, 'roles' | 'courtPath' | 'courtId'>;

/** The cases in scope filed by `filedBy`, at most `limit` (the caller asks for one more to know it hit the bound). */
export function backtestQueries(db: Db, actor: Scoped, q: { filedBy: string; receivedBy: string; limit: number }) {
  const scope = caseScope(actor);
  const cases = `SELECT c.id FROM cases c WHERE ${scope.sql} AND c.filed_on <= ? ORDER BY c.id LIMIT ?`;
  const caseBinds = [...scope.binds, q.filedBy, q.limit];
  return {
    cases: many<BacktestCaseRow>(
      db
        .prepare(
          `SELECT c.id, c.case_number, c.category, c.stage, c.filed_on, c.closed_on, c.party_count, c.amount_in_dispute,
             EXISTS (SELECT 1 FROM parties p WHERE p.case_id = c.id AND p.vulnerable = 1) AS vulnerable
           FROM cases c WHERE ${scope.sql} AND c.filed_on <= ? ORDER BY c.id LIMIT ?`,
        )
        .bind(...caseBinds),
    ),
    flags: many<BacktestFlagRow>(
      db.prepare(`SELECT f.case_id, f.factor_code, f.created_at, f.withdrawn_at FROM flags f WHERE f.case_id IN (${cases})`).bind(...caseBinds),
    ),
    petitions: many<BacktestPetitionRow>(
      db
        .prepare(`SELECT p.case_id, p.received_on FROM petitions p WHERE p.case_id IS NOT NULL AND p.case_id IN (${cases}) AND p.received_on <= ?`)
        .bind(...caseBinds, q.receivedBy),
    ),
  };
}
