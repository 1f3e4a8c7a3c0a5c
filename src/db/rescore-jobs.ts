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
  /** Chunks laid out and not yet done (null for a job enqueued before migration 0010). */
  pending: number | null;
}

/**
 * A new job with `pending` chunks laid out; one with none is finished at once. Its total is a
 * number, or counted by SQL in the same batch (the open cases, for an activation).
 */
export function insertJobStatement(
  db: Db,
  j: { id: string; reason: RescoreReason; ruleSetId: string | null; total: number | { sql: string; binds: (string | number)[] }; pending: number; createdBy: string | null; now: string },
): D1PreparedStatement {
  const total = typeof j.total === 'number' ? { sql: '?', binds: [j.total] } : j.total;
  return db
    .prepare(
      `INSERT INTO rescore_jobs (id, reason, rule_set_id, total, done, pending, created_by, created_at, finished_at)
       SELECT ?, ?, ?, ${total.sql}, 0, ?, ?, ?, ?`,
    )
    .bind(j.id, j.reason, j.ruleSetId, ...total.binds, j.pending, j.createdBy, j.now, j.pending === 0 ? j.now : null);
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
