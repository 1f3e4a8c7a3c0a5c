/** Sessions and sign-in throttling. Only SHA-256 digests of session tokens are stored. */
import { type Db, mapped, one, type Query } from './query.ts';

export interface SessionRow {
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ended_at: string | null;
}

export function insertSessionStatement(
  db: Db,
  s: { tokenHash: string; userId: string; now: string; expiresAt: string },
): D1PreparedStatement {
  return db
    .prepare('INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)')
    .bind(s.tokenHash, s.userId, s.now, s.now, s.expiresAt);
}

export async function touchSession(db: Db, tokenHash: string, now: string): Promise<void> {
  await db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').bind(now, tokenHash).run();
}

export function endSessionStatement(db: Db, tokenHash: string, now: string): D1PreparedStatement {
  return db.prepare('UPDATE sessions SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL').bind(now, tokenHash);
}

/** Failed sign-ins of a username since an instant (the throttle counts them). */
/** Recent failures, counted for this username from this address and for this address overall, with the oldest of each. */
export interface RecentFailures {
  user: { count: number; oldest: string | null };
  address: { count: number; oldest: string | null };
}

export function recentFailuresQuery(db: Db, username: string, ip: string, since: string): Query<RecentFailures> {
  return mapped(
    one<{ un: number; uo: string | null; an: number; ao: string | null }>(
      db
        .prepare(
          `SELECT
             (SELECT count(*) FROM login_failures WHERE username = ?1 AND ip = ?2 AND at >= ?3) AS un,
             (SELECT min(at) FROM login_failures WHERE username = ?1 AND ip = ?2 AND at >= ?3) AS uo,
             (SELECT count(*) FROM login_failures WHERE ip = ?2 AND at >= ?3) AS an,
             (SELECT min(at) FROM login_failures WHERE ip = ?2 AND at >= ?3) AS ao`,
        )
        .bind(username, ip, since),
    ),
    (r) => ({ user: { count: r?.un ?? 0, oldest: r?.uo ?? null }, address: { count: r?.an ?? 0, oldest: r?.ao ?? null } }),
  );
}

export function recordFailureStatement(db: Db, username: string, ip: string, now: string): D1PreparedStatement {
  return db.prepare('INSERT INTO login_failures (username, ip, at) VALUES (?, ?, ?)').bind(username, ip, now);
}

/** A successful sign-in forgets this username's failures from this address (not from others). */
export function clearFailuresStatement(db: Db, username: string, ip: string): D1PreparedStatement {
  return db.prepare('DELETE FROM login_failures WHERE username = ? AND ip = ?').bind(username, ip);
}
