import type { Role } from '../domain/roles.ts';
import type { CourtLevel } from './courts.ts';
import { expectOneRowChanged } from './batch.ts';
import { escapeLike } from './like.ts';
import { UNREAD_NOTIFICATIONS_SQL } from './notifications.ts';
import { type Db, many, mapped, one, type Query, run } from './query.ts';

export interface UserRow {
  id: string;
  username: string;
  display_name: string;
  court_id: number;
  division: string;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface UserWithCourt extends UserRow {
  court_code: string;
  court_name: string;
  court_name_en: string | null;
  court_level: CourtLevel;
  court_path: string;
  roles: Role[];
}

const USER_COLUMNS = 'u.id, u.username, u.display_name, u.court_id, u.division, u.active, u.version, u.created_at, u.updated_at';
const WITH_COURT_COLUMNS = `${USER_COLUMNS}, c.code AS court_code, c.name AS court_name, c.name_en AS court_name_en,
  c.level AS court_level, c.path AS court_path,
  (SELECT group_concat(role) FROM user_roles r WHERE r.user_id = u.id) AS role_list`;
const WITH_COURT = `SELECT ${WITH_COURT_COLUMNS} FROM users u JOIN courts c ON c.id = u.court_id`;

type RawUserWithCourt = Omit<UserWithCourt, 'roles'> & { role_list: string | null };

function withRoles(row: RawUserWithCourt): UserWithCourt {
  const { role_list, ...rest } = row;
  return { ...rest, roles: (role_list ? role_list.split(',') : []).sort() as Role[] };
}

export interface UserCredentials {
  id: string;
  password_hash: string;
  active: number;
  court_id: number;
}

/** What sign-in checks: the password hash, whether the user is active, and its court (for the audit row). */
export function credentialsQuery(db: Db, username: string): Query<UserCredentials | null> {
  return one<UserCredentials>(db.prepare('SELECT id, password_hash, active, court_id FROM users WHERE username = ?').bind(username));
}

export function userWithCourtQuery(db: Db, id: string): Query<UserWithCourt | null> {
  return mapped(one<RawUserWithCourt>(db.prepare(`${WITH_COURT} WHERE u.id = ?`).bind(id)), (row) => (row ? withRoles(row) : null));
}

/**
 * A signed-in user: the session and its user, one statement (every request reads it), with the
 * user's unread notifications for the header's inbox — read here and nowhere else.
 */
export interface SessionUser {
  user: UserWithCourt;
  session: { lastSeenAt: string; expiresAt: string; endedAt: string | null };
  unreadNotifications: number;
}

export function sessionUserQuery(db: Db, tokenHash: string): Query<SessionUser | null> {
  return mapped(
    one<RawUserWithCourt & { s_last_seen_at: string; s_expires_at: string; s_ended_at: string | null; unread_notifications: number }>(
      db
        .prepare(
          `SELECT ${WITH_COURT_COLUMNS}, s.last_seen_at AS s_last_seen_at, s.expires_at AS s_expires_at, s.ended_at AS s_ended_at,
             ${UNREAD_NOTIFICATIONS_SQL} AS unread_notifications
           FROM sessions s JOIN users u ON u.id = s.user_id JOIN courts c ON c.id = u.court_id WHERE s.token_hash = ?`,
        )
        .bind(tokenHash),
    ),
    (row) => {
      if (!row) return null;
      const { s_last_seen_at, s_expires_at, s_ended_at, unread_notifications, ...user } = row;
      return {
        user: withRoles(user),
        session: { lastSeenAt: s_last_seen_at, expiresAt: s_expires_at, endedAt: s_ended_at },
        unreadNotifications: unread_notifications,
      };
    },
  );
}

/** The user of a live API token (not revoked, not expired), and when the token was last used. */
export function tokenUserQuery(
  db: Db,
  tokenHash: string,
  now: string,
): Query<{ user: UserWithCourt; tokenId: string; lastUsedAt: string | null; unreadNotifications: number } | null> {
  return mapped(
    one<RawUserWithCourt & { t_id: string; t_last_used_at: string | null; unread_notifications: number }>(
      db
        .prepare(
          `SELECT ${WITH_COURT_COLUMNS}, t.id AS t_id, t.last_used_at AS t_last_used_at, ${UNREAD_NOTIFICATIONS_SQL} AS unread_notifications
           FROM api_tokens t JOIN users u ON u.id = t.user_id JOIN courts c ON c.id = u.court_id
           WHERE t.token_hash = ? AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?)`,
        )
        .bind(tokenHash, now),
    ),
    (row) => {
      if (!row) return null;
      const { t_id, t_last_used_at, unread_notifications, ...user } = row;
      return { user: withRoles(user), tokenId: t_id, lastUsedAt: t_last_used_at, unreadNotifications: unread_notifications };
    },
  );
}

export async function getUserWithCourt(db: Db, id: string): Promise<UserWithCourt | null> {
  return run(db, userWithCourtQuery(db, id));
}

export interface UserListQuery {
  scopePath: string;
  q?: string;
  role?: Role;
  courtId?: number;
  includeInactive: boolean;
  limit: number;
  offset: number;
}

export async function listUsers(db: Db, query: UserListQuery): Promise<{ rows: UserWithCourt[]; total: number }> {
  const where = ['c.path LIKE ?'];
  const binds: (string | number)[] = [`${query.scopePath}%`];
  if (!query.includeInactive) where.push('u.active = 1');
  if (query.q) {
    where.push("(u.username LIKE ? ESCAPE '\\' OR u.display_name LIKE ? ESCAPE '\\')");
    const like = `%${escapeLike(query.q)}%`;
    binds.push(like, like);
  }
  if (query.role) {
    where.push('EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = ?)');
    binds.push(query.role);
  }
  if (query.courtId !== undefined) {
    where.push('u.court_id = ?');
    binds.push(query.courtId);
  }
  const cond = where.join(' AND ');
  const [rows, count] = await db.batch([
    db.prepare(`${WITH_COURT} WHERE ${cond} ORDER BY c.path, u.username LIMIT ? OFFSET ?`).bind(...binds, query.limit, query.offset),
    db.prepare(`SELECT count(*) AS n FROM users u JOIN courts c ON c.id = u.court_id WHERE ${cond}`).bind(...binds),
  ]);
  return {
    rows: ((rows?.results ?? []) as RawUserWithCourt[]).map(withRoles),
    total: (count?.results?.[0] as { n: number } | undefined)?.n ?? 0,
  };
}

/** The judges who may handle a case: active judges of its court, of its kind (the edit form's picker). */
export function judgesForCaseQuery(db: Db, caseId: string): Query<{ id: string; display_name: string }[]> {
  return many(
    db
      .prepare(
        `SELECT u.id, u.display_name FROM users u JOIN cases k ON k.id = ? AND k.court_id = u.court_id
         WHERE u.active = 1 AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id
           AND r.role = CASE k.category WHEN 'enforcement' THEN 'enforcement_judge' ELSE 'trial_judge' END)
         ORDER BY u.display_name`,
      )
      .bind(caseId),
  );
}

/** Judges of a court (for the case form's judge picker and the judgeId check). */
export async function listJudges(db: Db, courtId: number): Promise<UserWithCourt[]> {
  const { results } = await db
    .prepare(
      `${WITH_COURT} WHERE u.court_id = ? AND u.active = 1 AND EXISTS
        (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role IN ('trial_judge', 'enforcement_judge'))
       ORDER BY u.display_name`,
    )
    .bind(courtId)
    .all<RawUserWithCourt>();
  return results.map(withRoles);
}

export interface NewUser {
  id: string;
  username: string;
  displayName: string;
  courtId: number;
  division: string;
  passwordHash: string;
  roles: Role[];
  now: string;
}

export function insertUserStatements(db: Db, u: NewUser): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO users (id, username, display_name, court_id, division, password_hash, active, version, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 1, 1, ?, ?)`,
      )
      .bind(u.id, u.username, u.displayName, u.courtId, u.division, u.passwordHash, u.now, u.now),
    ...u.roles.map((role) => db.prepare('INSERT INTO user_roles (user_id, role) VALUES (?, ?)').bind(u.id, role)),
  ];
}

/** Deactivation also ends the user's sessions; its API tokens are revoked one by one by the service, each audited. */
export function deactivateUserStatements(db: Db, id: string, version: number, now: string): D1PreparedStatement[] {
  return [
    db
      .prepare('UPDATE users SET active = 0, version = version + 1, updated_at = ? WHERE id = ? AND version = ? AND active = 1')
      .bind(now, id, version),
    expectOneRowChanged(db),
    db.prepare('UPDATE sessions SET ended_at = ? WHERE user_id = ? AND ended_at IS NULL').bind(now, id),
  ];
}
