import { AppError } from '../http/errors.ts';
import type { MessageKey } from '../i18n/index.ts';

/**
 * After a conditional UPDATE in a batch: fails the whole batch (and so its audit row) when the
 * update touched no row, which is how a stale `version` or an already-changed state is refused
 * atomically. `runBatch` turns that failure into a 409.
 */
export function expectOneRowChanged(db: D1Database): D1PreparedStatement {
  return db.prepare('INSERT INTO write_guard (ok) SELECT changes()');
}

/** Unique-constraint names mapped to the message a user sees when one is violated. */
export interface UniqueViolations {
  [indexOrColumn: string]: MessageKey;
}

/**
 * Runs statements atomically (D1 batches are transactions). A failed guard becomes a 409 with
 * `conflictKey`; a unique-constraint violation named in `unique` becomes a 409 with its message.
 */
export async function runBatch(
  db: D1Database,
  statements: D1PreparedStatement[],
  options: { conflictKey?: MessageKey; unique?: UniqueViolations } = {},
): Promise<D1Result[]> {
  try {
    return await db.batch([...statements, db.prepare('DELETE FROM write_guard')]);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (message.includes('write_guard_ok')) {
      throw new AppError('conflict', options.conflictKey ?? 'error.conflict');
    }
    if (message.includes('UNIQUE constraint failed')) {
      for (const [name, key] of Object.entries(options.unique ?? {})) {
        if (message.includes(name)) throw new AppError('conflict', key);
      }
      throw new AppError('conflict', 'error.conflict');
    }
    throw err;
  }
}
