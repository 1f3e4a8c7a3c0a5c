import { auditStatement } from '../db/audit.ts';
import { clearFailuresStatement, endSessionStatement, insertSessionStatement, recentFailuresQuery, recordFailureStatement } from '../db/auth.ts';
import { type Db, readAll } from '../db/query.ts';
import { credentialsQuery } from '../db/users.ts';
import { AppError } from '../http/errors.ts';
import type { CurrentUser } from '../http/types.ts';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../security/password.ts';
import { newSecret, sha256Hex } from '../security/tokens.ts';

/**
 * Failures are counted per username from one client address, and per address over all usernames
 * (OWASP ASVS 2.2.1): past either limit within the window, sign-in from that address is refused
 * whatever the password, until the oldest counted failure leaves the window. An attacker at one
 * address cannot lock the user out from another, and one address spraying usernames is slowed.
 */
const MAX_FAILURES_PER_USER = 5;
const MAX_FAILURES_PER_ADDRESS = 20;
const THROTTLE_WINDOW_MINUTES = 15;
const WINDOW_MS = THROTTLE_WINDOW_MINUTES * 60_000;

/** Seconds until a throttle whose oldest counted failure is `oldest` lifts. */
function secondsUntilFree(oldest: string | null, now: Date): number {
  return Math.max(1, Math.ceil(((oldest ? Date.parse(oldest) : now.getTime()) + WINDOW_MS - now.getTime()) / 1000));
}

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
  db: Db,
  credentials: { username: string; password: string },
  sessionMaxMinutes: number,
  /** The client's address (`CF-Connecting-IP`); '' when unknown. */
  ip: string,
  now = new Date(),
): Promise<NewSession> {
  const { username, password } = credentials;
  const since = new Date(now.getTime() - WINDOW_MS).toISOString();
  const { failures, creds } = await readAll(db, { failures: recentFailuresQuery(db, username, ip, since), creds: credentialsQuery(db, username) });
  const throttled = [
    failures.user.count >= MAX_FAILURES_PER_USER ? secondsUntilFree(failures.user.oldest, now) : 0,
    failures.address.count >= MAX_FAILURES_PER_ADDRESS ? secondsUntilFree(failures.address.oldest, now) : 0,
  ];
  const wait = Math.max(...throttled);
  if (wait > 0) {
    throw new AppError('too_many_requests', 'auth.throttled', { minutes: Math.ceil(wait / 60) }, [], { retryAfter: wait });
  }

  // An unknown user costs the same hashing time as a wrong password.
  const ok = await verifyPassword(password, creds?.password_hash ?? DUMMY_PASSWORD_HASH);
  if (!creds || !ok || creds.active !== 1) {
    await db.batch([
      recordFailureStatement(db, username, ip, now.toISOString()),
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
    clearFailuresStatement(db, username, ip),
    auditStatement(db, { actorId: creds.id, via: 'web', courtId: creds.court_id, action: 'auth.login', entity: 'user', entityId: creds.id }),
  ]);
  return { token, maxAgeSeconds: sessionMaxMinutes * 60 };
}

/** Ends the browser session the request came with (an API token has none to end), with its audit row. */
export async function signOut(db: Db, user: CurrentUser | undefined, now = new Date()): Promise<void> {
  if (!user?.sessionHash) return;
  await db.batch([
    endSessionStatement(db, user.sessionHash, now.toISOString()),
    auditStatement(db, { actorId: user.id, via: 'web', courtId: user.courtId, action: 'auth.logout', entity: 'user', entityId: user.id }),
  ]);
}
