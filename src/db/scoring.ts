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

/**
 * Open cases after `after` (and up to `until`, both case ids) in id order, at most `limit`, in a
 * scope or all: a re-scoring job or a simulation walks the open cases in such ranges.
 */
export interface OpenCaseRange {
  after: string;
  until: string | null;
  limit: number;
  scope?: RangeScope;
}

/** A scope condition (db/scope.ts caseScope), and whether it is one court's (`c.court_id = ?`). */
export type RangeScope = { sql: string; binds: (string | number)[]; singleCourt: boolean };

/** Which cases a scoring read is about: a list of at most ID_CHUNK ids, or a range of open cases. */
export type CaseSet = readonly string[] | OpenCaseRange;

/**
 * The cases of a set as the inside of `IN (…)`. A range walks an index of open cases in id order,
 * named so that the planner never sorts a court's cases instead: one court's, or all of them
 * (filtered on the index for a subtree).
 */
export function caseSetSql(set: CaseSet): { sql: string; binds: (string | number)[] } {
  if (Array.isArray(set)) return { sql: marks(set), binds: [...(set as readonly string[])] };
  const r = set as OpenCaseRange;
  const index = r.scope?.singleCourt ? 'cases_open_by_court' : 'cases_open_by_id';
  const where = ["c.stage <> 'closed'", 'c.id > ?', ...(r.until === null ? [] : ['c.id <= ?']), ...(r.scope ? [r.scope.sql] : [])];
  const binds = [r.after, ...(r.until === null ? [] : [r.until]), ...(r.scope?.binds ?? []), r.limit];
  return { sql: `SELECT c.id FROM cases c INDEXED BY ${index} WHERE ${where.join(' AND ')} ORDER BY c.id LIMIT ?`, binds };
}

/**
 * Where the next `count` ranges of open cases (in a scope, or all) after `after` end: every
 * `size`-th id. Answers those ids and how many open cases the window held (at most size × count
 * + 1, so that one more than the window says there are more) — one walk of the index.
 */
export function rangeEndsQuery(
  db: Db,
  r: { after: string; size: number; count: number; scope?: RangeScope },
): Query<{ ends: string[]; seen: number }> {
  const open = caseSetSql({ after: r.after, until: null, limit: r.size * r.count + 1, scope: r.scope });
  const rows = many<{ id: string; n: number; seen: number }>(
    db
      .prepare(
        `SELECT id, n, seen FROM (
           SELECT id, row_number() OVER (ORDER BY id) AS n, count(*) OVER () AS seen FROM (${open.sql})
         ) WHERE n % ? = 0 OR n = seen ORDER BY n`,
      )
      .bind(...open.binds, r.size),
  );
  return mapped(rows, (list) => ({ ends: list.filter((x) => x.n % r.size === 0).map((x) => x.id), seen: list[0]?.seen ?? 0 }));
}

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
 * The facts rules read, for at most ID_CHUNK cases or a range, as of `today` (a Shanghai day): with
 * the days of the linked petitions that can still count in `petitions12m` (served by the index
 * petitions_case).
 */
export function caseFactsQuery(db: Db, ids: CaseSet, today = shanghaiDay()): Query<CaseFactRow[]> {
  const set = caseSetSql(ids);
  return many<CaseFactRow>(
    db
      .prepare(
        `SELECT c.id, c.court_id, ct.path AS court_path, c.case_number, c.category, c.stage, c.party_count, c.amount_in_dispute,
           c.filed_on, c.closed_on, c.level, c.score, c.revision,
           EXISTS (SELECT 1 FROM parties p WHERE p.case_id = c.id AND p.vulnerable = 1) AS vulnerable,
           (SELECT group_concat(q.received_on) FROM petitions q WHERE q.case_id = c.id AND q.received_on >= ?) AS petition_days,
           a.rule_set_id AS a_rule_set_id, a.warn AS a_warn, a.facts_json AS a_facts_json, a.matched_json AS a_matched_json
         FROM cases c JOIN courts ct ON ct.id = c.court_id LEFT JOIN assessments a ON a.id = c.assessment_id
         WHERE c.id IN (${set.sql})`,
      )
      .bind(addDays(today, -(PETITIONS_12M_DAYS - 1)), ...set.binds),
  );
}

/** Active factor codes per case. */
export function activeFactorsQuery(db: Db, ids: CaseSet): Query<Map<string, string[]>> {
  const set = caseSetSql(ids);
  const rows = many<{ case_id: string; factor_code: string }>(
    db.prepare(`SELECT case_id, factor_code FROM flags WHERE withdrawn_at IS NULL AND case_id IN (${set.sql})`).bind(...set.binds),
  );
  return mapped(rows, (list) => {
    const byCase = new Map<string, string[]>();
    for (const f of list) byCase.set(f.case_id, [...(byCase.get(f.case_id) ?? []), f.factor_code]);
    return byCase;
  });
}

/** Every warning of the cases, oldest first. */
export function caseWarningsQuery(db: Db, ids: CaseSet): Query<WarningRow[]> {
  const set = caseSetSql(ids);
  return many<WarningRow>(db.prepare(`SELECT * FROM warnings WHERE case_id IN (${set.sql}) ORDER BY created_at`).bind(...set.binds));
}

/** How many open cases there are (in the actor's scope, or all): a count on cases_open_by_id, as SQL with its binds. */
export function openCaseCountSql(actor?: Pick<Actor, 'roles' | 'courtPath' | 'courtId'>): { sql: string; binds: (string | number)[] } {
  const scope = actor ? caseScope(actor) : { sql: '1', binds: [] };
  return { sql: `(SELECT count(*) FROM cases c WHERE c.stage <> 'closed' AND ${scope.sql})`, binds: scope.binds };
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
