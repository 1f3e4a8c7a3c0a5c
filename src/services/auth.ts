import { auditStatement } from '../db/audit.ts';
import { clearFailuresStatement, endSessionStatement, insertSessionStatement, recentFailuresQuery, recordFailureStatement } from '../db/auth.ts';
import { readAll } from '../db/query.ts';
import { credentialsQuery } from '../db/users.ts';
import { AppError } from '../http/errors.ts';
import type { CurrentUser } from '../http/types.ts';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../security/password.ts';
import { newSecret, sha256Hex } from '../security/tokens.ts';

/** Sign-in is refused for a username after this many failures within the window, whatever the password. */
const THROTTLE_MAX_FAILURES = 5;
const THROTTLE_WINDOW_MINUTES = 15;

/** A session just opened: the secret for the cookie (only its digest is stored) and how long it lives. */
export interface NewSession {
  token: string;
  maxAgeSeconds: number;
}

/**
 * Checks the throttle and the password and opens a session, with its audit row. Refusals are for
 * the sign-in page: 429 while throttled (the password is not even checked), and one 401 for an
 * unknown user, a wrong password or a deactivated account alike, recorded as a failure with an
 * audit row.
 */
export async function signIn(
  db: D1Database,
  credentials: { username: string; password: string },
  sessionMaxMinutes: number,
  now = new Date(),
): Promise<NewSession> {
  const { username, password } = credentials;
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000).toISOString();
  const { failures, creds } = await readAll(db, { failures: recentFailuresQuery(db, username, since), creds: credentialsQuery(db, username) });
  if (failures >= THROTTLE_MAX_FAILURES) throw new AppError('too_many_requests', 'auth.throttled', { minutes: THROTTLE_WINDOW_MINUTES });

  // An unknown user costs the same hashing time as a wrong password.
  const ok = await verifyPassword(password, creds?.password_hash ?? DUMMY_PASSWORD_HASH);
  if (!creds || !ok || creds.active !== 1) {
    await db.batch([
      recordFailureStatement(db, username, now.toISOString()),
      auditStatement(db, {
        actorId: creds?.id ?? null,
        via: 'web',
        courtId: creds?.court_id ?? null,
        action: 'auth.login_failed',
        entity: 'user',
        entityId: creds?.id ?? username,
      }),
    ]);
    throw new AppError('unauthenticated', 'auth.failed');
  }

  const token = newSecret();
  const expiresAt = new Date(now.getTime() + sessionMaxMinutes * 60_000).toISOString();
  await db.batch([
    insertSessionStatement(db, { tokenHash: await sha256Hex(token), userId: creds.id, now: now.toISOString(), expiresAt }),
    clearFailuresStatement(db, username),
    auditStatement(db, { actorId: creds.id, via: 'web', courtId: creds.court_id, action: 'auth.login', entity: 'user', entityId: creds.id }),
  ]);
  return { token, maxAgeSeconds: sessionMaxMinutes * 60 };
}

/** Ends the browser session the request came with (an API token has none to end), with its audit row. */
export async function signOut(db: D1Database, user: CurrentUser | undefined, now = new Date()): Promise<void> {
  if (!user?.sessionHash) return;
  await db.batch([
    endSessionStatement(db, user.sessionHash, now.toISOString()),
    auditStatement(db, { actorId: user.id, via: 'web', courtId: user.courtId, action: 'auth.logout', entity: 'user', entityId: user.id }),
  ]);
}
