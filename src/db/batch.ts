/**
 * Atomic writes on D1. A `db.batch()` is one transaction, but D1 has no interactive transactions:
 * a request reads, plans its statements, then writes them in one batch — and the rows it read may
 * have changed in between. Guards make that safe: after a conditional write, a guard statement
 * inserts `changes()` (or a condition) into a guard table whose CHECK refuses anything but 1, so
 * the whole batch, audit rows included, rolls back when the write touched no row.
 *
 * Two guard tables say who is to blame:
 * - `write_guard` — the caller's own view was stale (the `version` it sent, a state already
 *   changed by someone): the request is refused with 409.
 * - `replan_guard` — someone else wrote what this request had read (a case re-scored, a warning
 *   moved, the active rule set replaced) while the caller sent no version: the request reads
 *   again and plans again (services/replan.ts), so it never loses an update nor gets a 409 for
 *   someone else's write.
 */

import type { Db } from './query.ts';

/** A batch refused by a guard or a unique index. Services decide what the caller hears. */
export class BatchConflict extends Error {
  constructor(
    readonly kind: 'stale' | 'replan' | 'unique',
    /** For `unique`: the database's message, which names the index's columns. */
    readonly detail = '',
  ) {
    super(`batch refused: ${kind}${detail ? ` (${detail})` : ''}`);
  }
}

/** After a conditional write: the caller's version or state was stale when the write touched no row. */
export function expectOneRowChanged(db: Db): D1PreparedStatement {
  return db.prepare('INSERT INTO write_guard (ok) SELECT changes()');
}

/** After a conditional write: someone else wrote in between when it touched no row; plan again. */
export function replanUnlessOneRowChanged(db: Db): D1PreparedStatement {
  return db.prepare('INSERT INTO replan_guard (ok) SELECT changes()');
}

/** Plan again unless `condition` (a SQL expression, with its binds) holds when the batch runs. */
export function replanUnless(db: Db, condition: string, ...binds: (string | number | null)[]): D1PreparedStatement {
  return db.prepare(`INSERT INTO replan_guard (ok) SELECT (${condition})`).bind(...binds);
}

/** Runs statements atomically; a failed guard or unique index becomes a BatchConflict. */
export async function runBatch(db: Db, statements: D1PreparedStatement[]): Promise<D1Result[]> {
  try {
    return await db.batch([...statements, db.prepare('DELETE FROM write_guard'), db.prepare('DELETE FROM replan_guard')]);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (message.includes('replan_guard_ok')) throw new BatchConflict('replan');
    if (message.includes('write_guard_ok')) throw new BatchConflict('stale');
    if (message.includes('UNIQUE constraint failed')) throw new BatchConflict('unique', message);
    throw err;
  }
}
