import { type Db, many, one, type Query } from './query.ts';
import { CASE_OF_WARNING } from './warnings.ts';
import type { Level } from '../domain/levels.ts';

/**
 * A stored assessment: what it decided, the facts it read and the ids of the rules that matched.
 * Its trace is not stored (migration 0009): it is rebuilt from the facts and the rule set's document.
 */
export interface AssessmentRow {
  id: string;
  case_id: string;
  rule_set_id: string;
  rule_set_version: number;
  score: number;
  level: Level;
  warn: number;
  facts_json: string;
  /** The ids of the matched rules, in rule order. */
  matched_json: string;
  cause: string;
  job_id: string | null;
  assessed_at: string;
}

/** An assessment with its rule set's document, to rebuild the trace from. */
export interface TracedAssessmentRow extends AssessmentRow {
  rule_set_document: string;
  rule_set_revision: number;
}

/** An earlier assessment as the case page lists it. */
export type AssessmentEntryRow = Pick<AssessmentRow, 'id' | 'score' | 'level' | 'warn' | 'rule_set_version' | 'cause' | 'assessed_at'>;

export interface NewAssessment {
  id: string;
  caseId: string;
  ruleSetId: string;
  ruleSetVersion: number;
  score: number;
  level: Level;
  warn: boolean;
  facts: unknown;
  matched: readonly string[];
  cause: string;
  jobId: string | null;
  now: string;
}

/** Stores the assessment; db/scoring.ts makes it the case's current one. */
export function insertAssessmentStatement(db: Db, a: NewAssessment): D1PreparedStatement {
  return db
      .prepare(
        `INSERT INTO assessments (id, case_id, rule_set_id, rule_set_version, score, level, warn, facts_json, matched_json, trace_json, cause, job_id, assessed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?, ?)`,
      )
      .bind(
        a.id,
        a.caseId,
        a.ruleSetId,
        a.ruleSetVersion,
        a.score,
        a.level,
        a.warn ? 1 : 0,
        JSON.stringify(a.facts),
        JSON.stringify(a.matched),
        a.cause,
        a.jobId,
        a.now,
      );
}

const COLUMNS = `a.id, a.case_id, a.rule_set_id, a.rule_set_version, a.score, a.level, a.warn, a.facts_json, a.matched_json, a.cause, a.job_id, a.assessed_at`;

/** The case's current assessment with its rule set; the case by id or as the case of a warning (see flagsQuery). */
export function currentAssessmentQuery(db: Db, of: string | { warningId: string }): Query<TracedAssessmentRow | null> {
  const caseId = typeof of === 'string' ? '?' : CASE_OF_WARNING;
  return one<TracedAssessmentRow>(
    db
      .prepare(
        `SELECT ${COLUMNS}, r.document AS rule_set_document, r.revision AS rule_set_revision
         FROM assessments a JOIN cases c ON c.assessment_id = a.id JOIN rule_sets r ON r.id = a.rule_set_id WHERE c.id = ${caseId}`,
      )
      .bind(typeof of === 'string' ? of : of.warningId),
  );
}

/** The latest assessments of a case, newest first. */
export function assessmentsQuery(db: Db, caseId: string, limit = 20): Query<AssessmentEntryRow[]> {
  return many<AssessmentEntryRow>(
    db
      .prepare('SELECT id, score, level, warn, rule_set_version, cause, assessed_at FROM assessments WHERE case_id = ? ORDER BY assessed_at DESC, id DESC LIMIT ?')
      .bind(caseId, limit),
  );
}

/**
 * The rules assessment `a` matched, in rule order, each as {label, labelEn, points, level} read from
 * its rule set's document: a SQL expression (a small JSON array) for lists that show a one-line
 * explanation of many cases without carrying a rule-set document per row.
 */
export function matchedRulesSql(a: string): string {
  return `(SELECT json_group_array(json_object('label', json_extract(j.value, '$.label'), 'labelEn', json_extract(j.value, '$.labelEn'),
      'points', json_extract(j.value, '$.points'), 'level', json_extract(j.value, '$.level')))
    FROM rule_sets mr, json_each(mr.document, '$.rules') j
    WHERE mr.id = ${a}.rule_set_id AND json_extract(j.value, '$.id') IN (SELECT value FROM json_each(${a}.matched_json)))`;
}
