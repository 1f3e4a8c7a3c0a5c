/**
 * What scoring reads about cases — their facts, active flags and warnings — as queries a service
 * sends in one round trip, and the guards that make an assessment commit only on what it read.
 */
import type { CaseCategory } from '../domain/case-number.ts';
import type { CaseStage } from '../domain/cases.ts';
import type { Level } from '../domain/levels.ts';
import { PETITIONS_12M_DAYS } from '../domain/petitions/case-facts.ts';
import type { Actor } from '../domain/roles.ts';
import { addDays, shanghaiDay } from '../domain/time.ts';
import { caseScope } from './scope.ts';
import { replanUnless, replanUnlessOneRowChanged } from './batch.ts';
import { type Db, many, mapped, type Query } from './query.ts';
import type { WarningRow } from './warnings.ts';

/** D1 allows 100 bound parameters per statement; lists of ids are queried in chunks below that. */
export const ID_CHUNK = 90;

export function chunks<T>(items: readonly T[], size = ID_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const marks = (ids: readonly unknown[]) => ids.map(() => '?').join(',');

export interface CaseFactRow {
  id: string;
  court_id: number;
  court_path: string;
  case_number: string;
  category: CaseCategory;
  stage: CaseStage;
  party_count: number;
  amount_in_dispute: number;
  filed_on: string;
  closed_on: string | null;
  level: Level | null;
  score: number | null;
  revision: number;
  vulnerable: number;
  /** The days (comma-separated) of the linked petitions received in the 365 days up to `today`, or null. */
  petition_days: string | null;
  /** The current assessment (null before the first): what a re-score compares with to store nothing when nothing changed. */
  a_rule_set_id: string | null;
  a_warn: number | null;
  a_facts_json: string | null;
  a_matched_json: string | null;
}

/**
 * The facts rules read, for at most ID_CHUNK cases, as of `today` (a Shanghai day): with the days of
 * the linked petitions that can still count in `petitions12m` (served by the index petitions_case).
 */
export function caseFactsQuery(db: Db, ids: readonly string[], today = shanghaiDay()): Query<CaseFactRow[]> {
  return many<CaseFactRow>(
    db
      .prepare(
        `SELECT c.id, c.court_id, ct.path AS court_path, c.case_number, c.category, c.stage, c.party_count, c.amount_in_dispute,
           c.filed_on, c.closed_on, c.level, c.score, c.revision,
           EXISTS (SELECT 1 FROM parties p WHERE p.case_id = c.id AND p.vulnerable = 1) AS vulnerable,
           (SELECT group_concat(q.received_on) FROM petitions q WHERE q.case_id = c.id AND q.received_on >= ?) AS petition_days,
           a.rule_set_id AS a_rule_set_id, a.warn AS a_warn, a.facts_json AS a_facts_json, a.matched_json AS a_matched_json
         FROM cases c JOIN courts ct ON ct.id = c.court_id LEFT JOIN assessments a ON a.id = c.assessment_id
         WHERE c.id IN (${marks(ids)})`,
      )
      .bind(addDays(today, -(PETITIONS_12M_DAYS - 1)), ...ids),
  );
}

/** Active factor codes per case. */
export function activeFactorsQuery(db: Db, ids: readonly string[]): Query<Map<string, string[]>> {
  const rows = many<{ case_id: string; factor_code: string }>(
    db.prepare(`SELECT case_id, factor_code FROM flags WHERE withdrawn_at IS NULL AND case_id IN (${marks(ids)})`).bind(...ids),
  );
  return mapped(rows, (list) => {
    const byCase = new Map<string, string[]>();
    for (const f of list) byCase.set(f.case_id, [...(byCase.get(f.case_id) ?? []), f.factor_code]);
    return byCase;
  });
}

/** Every warning of the cases, oldest first. */
export function caseWarningsQuery(db: Db, ids: readonly string[]): Query<WarningRow[]> {
  return many<WarningRow>(db.prepare(`SELECT * FROM warnings WHERE case_id IN (${marks(ids)}) ORDER BY created_at`).bind(...ids));
}

/** Every open case id in one statement, for a re-scoring job of any size. */
export function openCaseIdsQuery(db: Db): Query<string[]> {
  return mapped(many<{ id: string }>(db.prepare("SELECT id FROM cases WHERE stage <> 'closed' ORDER BY id")), (rows) => rows.map((r) => r.id));
}

/** Open case ids in the actor's scope (a rule-set simulation). */
export function openCaseIdsInScopeQuery(db: Db, actor: Pick<Actor, 'roles' | 'courtPath' | 'courtId'>): Query<string[]> {
  const scope = caseScope(actor);
  return mapped(
    many<{ id: string }>(db.prepare(`SELECT c.id FROM cases c WHERE c.stage <> 'closed' AND ${scope.sql}`).bind(...scope.binds)),
    (rows) => rows.map((r) => r.id),
  );
}

/** Open cases filed on one of these days (the daily run: who crosses a daysPending boundary today). */
export function openCasesFiledOnQuery(db: Db, days: readonly string[]): Query<string[]> {
  return mapped(
    many<{ id: string }>(db.prepare(`SELECT id FROM cases WHERE stage <> 'closed' AND filed_on IN (${marks(days)}) ORDER BY id`).bind(...days)),
    (rows) => rows.map((r) => r.id),
  );
}

/**
 * Stores an assessment's result on the case and bumps its revision — only from the revision
 * the assessment was planned on; otherwise someone else changed the case meanwhile: plan again.
 */
export function currentAssessmentStatements(
  db: Db,
  a: { caseId: string; revision: number; assessmentId: string; score: number; level: Level },
): D1PreparedStatement[] {
  return [
    db
      .prepare('UPDATE cases SET assessment_id = ?, score = ?, level = ?, revision = revision + 1 WHERE id = ? AND revision = ?')
      .bind(a.assessmentId, a.score, a.level, a.caseId, a.revision),
    replanUnlessOneRowChanged(db),
  ];
}

/**
 * A change that left the case's assessment as it was (nothing new stored) still commits only on the
 * revision it read, and moves it on, so that a change planned meanwhile on the same revision plans
 * again and its assessment counts this one.
 */
export function caseRevisionStatements(db: Db, c: { caseId: string; revision: number }): D1PreparedStatement[] {
  return [
    db.prepare('UPDATE cases SET revision = revision + 1 WHERE id = ? AND revision = ?').bind(c.caseId, c.revision),
    replanUnlessOneRowChanged(db),
  ];
}

/** Plan again if the rule set this was scored with is no longer the active one. */
export function ruleSetStillActive(db: Db, ruleSetId: string): D1PreparedStatement {
  return replanUnless(db, "EXISTS (SELECT 1 FROM rule_sets WHERE id = ? AND status = 'active')", ruleSetId);
}
