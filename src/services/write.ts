import { BatchConflict, runBatch } from '../db/batch.ts';
import { AppError } from '../http/errors.ts';
import type { MessageKey } from '../i18n/index.ts';
import type { Db } from '../db/query.ts';

/** Unique-index columns (as SQLite names them, `table.column`) mapped to what the caller hears. */
export type UniqueViolations = Record<string, MessageKey>;

/**
 * Writes statements in one batch. A stale guard is a 409 with `conflictKey`; a unique index named
 * in `unique` is a 409 with its message. A replan conflict passes through to `withReplan`.
 */
export async function write(
  db: Db,
  statements: D1PreparedStatement[],
  options: { conflictKey?: MessageKey; unique?: UniqueViolations } = {},
): Promise<D1Result[]> {
  try {
    return await runBatch(db, statements);
  } catch (err) {
    if (!(err instanceof BatchConflict) || err.kind === 'replan') throw err;
    if (err.kind === 'stale') throw new AppError('conflict', options.conflictKey ?? 'error.conflict');
    for (const [name, key] of Object.entries(options.unique ?? {})) {
      if (err.detail.includes(name)) throw new AppError('conflict', key);
    }
    throw new AppError('conflict', 'error.conflict');
  }
}

/** How many times a request reads and plans again before it gives up with 503. */
export const REPLAN_ATTEMPTS = 16;
/** What a 503 tells the caller to wait, in seconds. */
export const RETRY_AFTER_SECONDS = 2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` (read, plan, write one batch) until its batch is not refused by a replan guard.
 * Someone else's write in between means this request planned on rows that changed: it reads
 * again and plans again, after a short random pause that grows with each attempt so that writers
 * crowding one case take turns. Past the bound it answers 503 with `Retry-After`; since every
 * attempt is one batch, nothing half-done was stored.
 */
export async function withReplan<T>(attempt: (n: number) => Promise<T>, attempts = REPLAN_ATTEMPTS): Promise<T> {
  for (let n = 1; ; n++) {
    const started = Date.now();
    try {
      return await attempt(n);
    } catch (err) {
      if (!(err instanceof BatchConflict && err.kind === 'replan')) throw err;
      if (n >= attempts) {
        throw new AppError('busy', 'error.busy', { seconds: RETRY_AFTER_SECONDS }, [], { retryAfter: RETRY_AFTER_SECONDS });
      }
      // The pause scales with how long an attempt takes here (the database's distance and load),
      // so writers that collided spread over several attempts' time instead of colliding again.
      const cycle = Math.max(5, Date.now() - started);
      await sleep(Math.random() * Math.min(1000, cycle * Math.min(n, 8)));
    }
  }
}
