import { courtInScope } from '../domain/roles.ts';
import { shanghaiIso } from '../domain/time.ts';
import { auditStatement } from '../db/audit.ts';
import { expectOneRowChanged } from '../db/batch.ts';
import { authorize } from './authorize.ts';
import { withReplan, write } from './write.ts';
import { type Db, readAll } from '../db/query.ts';
import { getCourt } from '../db/courts.ts';
import { getToken, insertTokenStatement, listTokens, liveTokenIdsQuery, noOtherLiveTokens, revokeTokenStatement, type ApiTokenRow } from '../db/tokens.ts';
import {
  deactivateUserStatements,
  getUserWithCourt,
  userWithCourtQuery,
  insertUserStatements,
  listUsers,
  type UserWithCourt,
} from '../db/users.ts';
import { AppError, notFound } from '../http/errors.ts';
import type { CurrentUser } from '../http/types.ts';
import { customIssue, publicIssues } from '../http/zod-messages.ts';
import type { Lang, Translate } from '../i18n/index.ts';
import type { UserCreateInput } from '../schemas/users.ts';
import { hashPassword } from '../security/password.ts';
import { newId, newSecret, sha256Hex } from '../security/tokens.ts';
import { courtName } from './present.ts';

export const USER_PAGE_SIZE = 30;
export const TOKEN_PREFIX = 'yjlx_';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  division: string;
  roles: UserWithCourt['roles'];
  court: { id: number; code: string; name: string };
  active: boolean;
  version: number;
  createdAt: string;
}

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export function userView(u: UserWithCourt, lang: Lang): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    division: u.division,
    roles: u.roles,
    court: { id: u.court_id, code: u.court_code, name: courtName({ name: u.court_name, name_en: u.court_name_en }, lang) },
    active: u.active === 1,
    version: u.version,
    createdAt: shanghaiIso(u.created_at),
  };
}

export function tokenView(t: ApiTokenRow): TokenView {
  const iso = (v: string | null) => (v ? shanghaiIso(v) : null);
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: shanghaiIso(t.created_at),
    expiresAt: iso(t.expires_at),
    lastUsedAt: iso(t.last_used_at),
    revokedAt: iso(t.revoked_at),
  };
}

/** A user the admin may manage: in the admin's court subtree; anyone else is "not found". */
export async function requireManagedUser(db: Db, admin: CurrentUser, id: string): Promise<UserWithCourt> {
  authorize(admin, 'manageUsers');
  const u = await getUserWithCourt(db, id);
  if (!u || !courtInScope(admin, u.court_path)) throw notFound();
  return u;
}

export async function findUsers(
  db: Db,
  admin: CurrentUser,
  q: { q?: string; role?: UserWithCourt['roles'][number]; courtId?: number; inactive?: string; page: number },
  lang: Lang,
) {
  authorize(admin, 'manageUsers');
  const { rows, total } = await listUsers(db, {
    scopePath: admin.courtPath,
    q: q.q || undefined,
    role: q.role,
    courtId: q.courtId,
    includeInactive: Boolean(q.inactive),
    limit: USER_PAGE_SIZE,
    offset: (q.page - 1) * USER_PAGE_SIZE,
  });
  return { items: rows.map((r) => userView(r, lang)), page: q.page, pageSize: USER_PAGE_SIZE, total };
}

export async function createUser(db: Db, admin: CurrentUser, input: UserCreateInput, t: Translate, lang: Lang): Promise<UserView> {
  authorize(admin, 'manageUsers');
  const court = await getCourt(db, input.courtId);
  if (!court || !courtInScope(admin, court.path)) {
    throw new AppError('invalid', 'error.invalid', {}, publicIssues([customIssue(['courtId'], 'user.courtOutOfScope')], t));
  }
  const id = newId();
  const now = new Date().toISOString();
  const record = {
    id,
    username: input.username,
    displayName: input.displayName,
    courtId: court.id,
    division: input.division,
    passwordHash: await hashPassword(input.password),
    roles: [...input.roles].sort(),
    now,
  };
  await write(
    db,
    [
      ...insertUserStatements(db, record),
      auditStatement(db, {
        actorId: admin.id,
        via: admin.via,
        courtId: court.id,
        action: 'user.create',
        entity: 'user',
        entityId: id,
        after: { username: record.username, displayName: record.displayName, courtId: court.id, division: record.division, roles: record.roles },
      }),
    ],
    { unique: { 'users.username': 'user.usernameTaken' } },
  );
  return userView((await getUserWithCourt(db, id))!, lang);
}

/**
 * Deactivates a user: ends its sessions and revokes each of its live API tokens, every revocation
 * with its own audit row, all in the batch that deactivates it (a token issued meanwhile makes it
 * plan again, so none escapes without its row).
 */
export async function deactivateUser(db: Db, admin: CurrentUser, id: string, version: number, lang: Lang): Promise<UserView> {
  authorize(admin, 'manageUsers');
  await withReplan(async () => {
    const { u, tokens } = await readAll(db, { u: userWithCourtQuery(db, id), tokens: liveTokenIdsQuery(db, id) });
    if (!u || !courtInScope(admin, u.court_path)) throw notFound();
    if (u.id === admin.id) throw new AppError('conflict', 'user.cannotDeactivateSelf');
    if (u.active !== 1) throw new AppError('conflict', 'user.alreadyInactive');
    const now = new Date().toISOString();
    const revocations = tokens.flatMap((tokenId) => [
      revokeTokenStatement(db, tokenId, now),
      auditStatement(db, {
        actorId: admin.id,
        via: admin.via,
        courtId: u.court_id,
        action: 'token.revoke',
        entity: 'user',
        entityId: id,
        before: { tokenId, revoked: false },
        after: { tokenId, revoked: true, reason: 'user.deactivate' },
        at: now,
      }),
    ]);
    await write(
      db,
      [
        ...deactivateUserStatements(db, id, version, now),
        ...revocations,
        noOtherLiveTokens(db, id),
      auditStatement(db, {
        actorId: admin.id,
        via: admin.via,
        courtId: u.court_id,
        action: 'user.deactivate',
        entity: 'user',
        entityId: id,
        before: { active: true, version: u.version },
        after: { active: false, version: u.version + 1 },
        at: now,
      }),
    ],
    { conflictKey: 'error.staleVersion' },
  );
  });
  return userView((await getUserWithCourt(db, id))!, lang);
}

/** Issues an API token; the secret is returned once and only its digest is stored. */
export async function issueToken(
  db: Db,
  admin: CurrentUser,
  userId: string,
  input: { name: string; expiresInDays?: number },
): Promise<{ token: string; info: TokenView }> {
  const u = await requireManagedUser(db, admin, userId);
  if (u.active !== 1) throw new AppError('conflict', 'user.alreadyInactive');
  const secret = newSecret(TOKEN_PREFIX);
  const id = newId();
  const now = new Date();
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000).toISOString() : null;
  const prefix = secret.slice(0, TOKEN_PREFIX.length + 6);
  await write(db, [
    insertTokenStatement(db, {
      id,
      userId,
      name: input.name,
      tokenHash: await sha256Hex(secret),
      prefix,
      createdBy: admin.id,
      now: now.toISOString(),
      expiresAt,
    }),
    auditStatement(db, {
      actorId: admin.id,
      via: admin.via,
      courtId: u.court_id,
      action: 'token.issue',
      entity: 'user',
      entityId: userId,
      after: { tokenId: id, name: input.name, prefix, expiresAt },
    }),
  ]);
  return { token: secret, info: tokenView((await getToken(db, id))!) };
}

export async function tokensOf(db: Db, admin: CurrentUser, userId: string): Promise<TokenView[]> {
  await requireManagedUser(db, admin, userId);
  return (await listTokens(db, userId)).map(tokenView);
}

export async function revokeToken(db: Db, admin: CurrentUser, userId: string, tokenId: string): Promise<TokenView> {
  const u = await requireManagedUser(db, admin, userId);
  const token = await getToken(db, tokenId);
  if (!token || token.user_id !== userId) throw notFound();
  if (token.revoked_at) throw new AppError('conflict', 'token.alreadyRevoked');
  const now = new Date().toISOString();
  await write(
    db,
    [
      revokeTokenStatement(db, tokenId, now),
      expectOneRowChanged(db),
      auditStatement(db, {
        actorId: admin.id,
        via: admin.via,
        courtId: u.court_id,
        action: 'token.revoke',
        entity: 'user',
        entityId: userId,
        before: { tokenId, revoked: false },
        after: { tokenId, revoked: true },
      }),
    ],
    { conflictKey: 'token.alreadyRevoked' },
  );
  return tokenView((await getToken(db, tokenId))!);
}
