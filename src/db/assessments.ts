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

/** Stores the assessment and makes it the case's current one. */
export function insertAssessmentStatements(db: D1Database, a: NewAssessment): D1PreparedStatement[] {
  return [
    db
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
      ),
    db.prepare('UPDATE cases SET assessment_id = ?, score = ?, level = ? WHERE id = ?').bind(a.id, a.score, a.level, a.caseId),
  ];
}

export async function getCurrentAssessment(db: D1Database, caseId: string): Promise<AssessmentRow | null> {
  return db
    .prepare('SELECT a.* FROM assessments a JOIN cases c ON c.assessment_id = a.id WHERE c.id = ?')
    .bind(caseId)
    .first<AssessmentRow>();
}

export async function listAssessments(db: D1Database, caseId: string, limit = 20): Promise<AssessmentRow[]> {
  const { results } = await db
    .prepare('SELECT * FROM assessments WHERE case_id = ? ORDER BY assessed_at DESC, id DESC LIMIT ?')
    .bind(caseId, limit)
    .all<AssessmentRow>();
  return results;
}

/** Cases (of `ids`) that already have an assessment from this job: a redelivered batch skips them. */
export async function casesAssessedByJob(db: D1Database, jobId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { results } = await db
    .prepare(`SELECT case_id FROM assessments WHERE job_id = ? AND case_id IN (${ids.map(() => '?').join(',')})`)
    .bind(jobId, ...ids)
    .all<{ case_id: string }>();
  return new Set(results.map((r) => r.case_id));
}
