/** Re-scoring jobs: a rule-set activation or the daily run, worked off through the queue in batches. */
import { type Db, many, one, type Query, run } from './query.ts';

export type RescoreReason = 'ruleset_activation' | 'daily' | 'manual';

export interface RescoreJobRow {
  id: string;
  reason: RescoreReason;
  rule_set_id: string | null;
  total: number;
  done: number;
  created_by: string | null;
  created_at: string;
  finished_at: string | null;
}

/** A new job; one with nothing to do is finished at once. */
export function insertJobStatement(
  db: Db,
  j: { id: string; reason: RescoreReason; ruleSetId: string | null; total: number; createdBy: string | null; now: string },
): D1PreparedStatement {
  return db
    .prepare('INSERT INTO rescore_jobs (id, reason, rule_set_id, total, done, created_by, created_at, finished_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?)')
    .bind(j.id, j.reason, j.ruleSetId, j.total, j.createdBy, j.now, j.total === 0 ? j.now : null);
}

/** Counts a batch as done, and finishes the job with its last batch. */
export function jobProgressStatements(db: Db, jobId: string, scored: number, now: string): D1PreparedStatement[] {
  return [
    db.prepare('UPDATE rescore_jobs SET done = done + ? WHERE id = ?').bind(scored, jobId),
    db.prepare('UPDATE rescore_jobs SET finished_at = ? WHERE id = ? AND done >= total AND finished_at IS NULL').bind(now, jobId),
  ];
}

export function jobQuery(db: Db, id: string): Query<RescoreJobRow | null> {
  return one<RescoreJobRow>(db.prepare('SELECT * FROM rescore_jobs WHERE id = ?').bind(id));
}

export async function getRescoreJob(db: Db, id: string): Promise<RescoreJobRow | null> {
  return run(db, jobQuery(db, id));
}

export function latestJobsQuery(db: Db, limit = 5): Query<RescoreJobRow[]> {
  return many<RescoreJobRow>(db.prepare('SELECT * FROM rescore_jobs ORDER BY created_at DESC LIMIT ?').bind(limit));
}

/** Cases (of `ids`) that already have an assessment from this job: a redelivered batch skips them. */
export function assessedByJobQuery(db: Db, jobId: string, ids: readonly string[]): Query<Set<string>> {
  const rows = many<{ case_id: string }>(
    db.prepare(`SELECT case_id FROM assessments WHERE job_id = ? AND case_id IN (${ids.map(() => '?').join(',')})`).bind(jobId, ...ids),
  );
  return { statement: rows.statement, read: (r) => new Set(rows.read(r).map((x) => x.case_id)) };
}
