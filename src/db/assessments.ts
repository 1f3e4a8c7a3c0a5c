import { type Db, many, one, type Query } from './query.ts';
import { CASE_OF_WARNING } from './warnings.ts';
import type { Level } from '../domain/levels.ts';

export interface AssessmentRow {
  id: string;
  case_id: string;
  rule_set_id: string;
  rule_set_version: number;
  score: number;
  level: Level;
  warn: number;
  facts_json: string;
  trace_json: string;
  cause: string;
  job_id: string | null;
  assessed_at: string;
}

export interface NewAssessment {
  id: string;
  caseId: string;
  ruleSetId: string;
  ruleSetVersion: number;
  score: number;
  level: Level;
  warn: boolean;
  facts: unknown;
  trace: unknown;
  cause: string;
  jobId: string | null;
  now: string;
}

/** Stores the assessment; db/scoring.ts makes it the case's current one. */
export function insertAssessmentStatement(db: Db, a: NewAssessment): D1PreparedStatement {
  return db
      .prepare(
        `INSERT INTO assessments (id, case_id, rule_set_id, rule_set_version, score, level, warn, facts_json, trace_json, cause, job_id, assessed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
        JSON.stringify(a.trace),
        a.cause,
        a.jobId,
        a.now,
      );
}

/** The case's current assessment; the case by id or as the case of a warning (see flagsQuery). */
export function currentAssessmentQuery(db: Db, of: string | { warningId: string }): Query<AssessmentRow | null> {
  const caseId = typeof of === 'string' ? '?' : CASE_OF_WARNING;
  return one<AssessmentRow>(
    db.prepare(`SELECT a.* FROM assessments a JOIN cases c ON c.assessment_id = a.id WHERE c.id = ${caseId}`).bind(typeof of === 'string' ? of : of.warningId),
  );
}

/** The latest assessments of a case, newest first. */
export function assessmentsQuery(db: Db, caseId: string, limit = 20): Query<AssessmentRow[]> {
  return many<AssessmentRow>(db.prepare('SELECT * FROM assessments WHERE case_id = ? ORDER BY assessed_at DESC, id DESC LIMIT ?').bind(caseId, limit));
}
