/** Sessions and sign-in throttling. Only SHA-256 digests of session tokens are stored. */
import { mapped, one, type Query } from './query.ts';

export interface SessionRow {
  token_hash: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ended_at: string | null;
}

export function insertSessionStatement(
  db: D1Database,
  s: { tokenHash: string; userId: string; now: string; expiresAt: string },
): D1PreparedStatement {
  return db
    .prepare('INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)')
    .bind(s.tokenHash, s.userId, s.now, s.now, s.expiresAt);
}

export async function touchSession(db: D1Database, tokenHash: string, now: string): Promise<void> {
  await db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').bind(now, tokenHash).run();
}

export function endSessionStatement(db: D1Database, tokenHash: string, now: string): D1PreparedStatement {
  return db.prepare('UPDATE sessions SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL').bind(now, tokenHash);
}

/** Failed sign-ins of a username since an instant (the throttle counts them). */
export function recentFailuresQuery(db: D1Database, username: string, since: string): Query<number> {
  return mapped(
    one<{ n: number }>(db.prepare('SELECT count(*) AS n FROM login_failures WHERE username = ? AND at >= ?').bind(username, since)),
    (row) => row?.n ?? 0,
  );
}

export function recordFailureStatement(db: D1Database, username: string, now: string): D1PreparedStatement {
  return db.prepare('INSERT INTO login_failures (username, at) VALUES (?, ?)').bind(username, now);
}

export function clearFailuresStatement(db: D1Database, username: string): D1PreparedStatement {
  return db.prepare('DELETE FROM login_failures WHERE username = ?').bind(username);
}
