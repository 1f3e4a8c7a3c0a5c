import { replanUnless } from './batch.ts';
import { type Db, many, mapped, type Query } from './query.ts';
/** API tokens an admin issues to a user for system integration; only their SHA-256 is stored. */

export interface ApiTokenRow {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  created_by: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export function insertTokenStatement(
  db: Db,
  t: { id: string; userId: string; name: string; tokenHash: string; prefix: string; createdBy: string; now: string; expiresAt: string | null },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO api_tokens (id, user_id, name, token_hash, prefix, created_by, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(t.id, t.userId, t.name, t.tokenHash, t.prefix, t.createdBy, t.now, t.expiresAt);
}

export async function touchToken(db: Db, id: string, now: string): Promise<void> {
  await db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').bind(now, id).run();
}

export async function listTokens(db: Db, userId: string): Promise<ApiTokenRow[]> {
  const { results } = await db
    .prepare(
      `SELECT id, user_id, name, prefix, created_by, created_at, expires_at, last_used_at, revoked_at
       FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC`,
    )
    .bind(userId)
    .all<ApiTokenRow>();
  return results;
}

export async function getToken(db: Db, id: string): Promise<ApiTokenRow | null> {
  return db
    .prepare('SELECT id, user_id, name, prefix, created_by, created_at, expires_at, last_used_at, revoked_at FROM api_tokens WHERE id = ?')
    .bind(id)
    .first<ApiTokenRow>();
}

/** The tokens of a user not yet revoked (deactivation revokes each with its own audit row). */
export function liveTokenIdsQuery(db: Db, userId: string): Query<string[]> {
  return mapped(many<{ id: string }>(db.prepare('SELECT id FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at').bind(userId)), (rows) =>
    rows.map((r) => r.id),
  );
}

/** Plan again if the user has a live token the plan did not see (one issued meanwhile). */
export function noOtherLiveTokens(db: Db, userId: string): D1PreparedStatement {
  return replanUnless(db, 'NOT EXISTS (SELECT 1 FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL)', userId);
}

export function revokeTokenStatement(db: Db, id: string, now: string): D1PreparedStatement {
  return db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').bind(now, id);
}
