/**
 * Chunks of the jobs that run through the queue (re-scoring, simulation). A chunk's row is written
 * in the same batch as its work, guarded: a message delivered twice finds the row and writes
 * nothing again, and the job's progress counts each chunk once.
 */
import { replanUnlessOneRowChanged } from './batch.ts';
import { type Db, mapped, one, type Query } from './query.ts';

/** The tables of jobs that run in chunks: each has done, total, pending and finished_at. */
export type JobTable = 'rescore_jobs' | 'rule_set_simulations';

/** A message a chunk laid out, with the key of the chunk it is. */
export interface LaidOut<M> {
  key: string;
  body: M;
}

/**
 * Whether the chunk is done and, if so, the messages it laid out whose chunks are not done yet:
 * they are sent again, since the first delivery may have stopped between its write and its sends.
 */
export function chunkQuery<M>(db: Db, jobId: string, key: string): Query<{ done: boolean; unsent: M[] }> {
  const row = one<{ unsent: string }>(
    db
      .prepare(
        `SELECT (SELECT json_group_array(json(json_extract(n.value, '$.body'))) FROM json_each(c.next) n
                 WHERE NOT EXISTS (SELECT 1 FROM job_chunks d WHERE d.job_id = c.job_id AND d.chunk_key = json_extract(n.value, '$.key'))) AS unsent
         FROM job_chunks c WHERE c.job_id = ? AND c.chunk_key = ?`,
      )
      .bind(jobId, key),
  );
  return mapped(row, (r) => ({ done: r !== null, unsent: r ? (JSON.parse(r.unsent) as M[]) : [] }));
}

/**
 * Records the chunk as done with what it laid out, and counts it in the job's progress: `done`
 * more items, its laid-out chunks pending and itself no longer. The job finishes when no chunk is
 * pending (jobs enqueued before migration 0010, with no count of chunks, when their count is done);
 * its total becomes what was done. A chunk recorded meanwhile (the same message delivered twice at
 * once) makes the batch plan again, and find it done.
 */
export function chunkDoneStatements<M>(
  db: Db,
  table: JobTable,
  c: { jobId: string; key: string; next: LaidOut<M>[]; done: number; now: string },
): D1PreparedStatement[] {
  return [
    db
      .prepare('INSERT INTO job_chunks (job_id, chunk_key, next, done_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .bind(c.jobId, c.key, c.next.length ? JSON.stringify(c.next) : null, c.now),
    replanUnlessOneRowChanged(db),
    db.prepare(`UPDATE ${table} SET done = done + ?, pending = pending + ? WHERE id = ?`).bind(c.done, c.next.length - 1, c.jobId),
    db
      .prepare(
        `UPDATE ${table} SET finished_at = ?, total = done
         WHERE id = ? AND finished_at IS NULL AND (pending = 0 OR (pending IS NULL AND done >= total))`,
      )
      .bind(c.now, c.jobId),
  ];
}
