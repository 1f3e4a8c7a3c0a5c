import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeUsernames, api, count, insertCase, insertFreshCase, login, PASSWORD, seedWorld, signIn, userId } from '../helpers.ts';

let civil: string; // （2024）甘0102民初1234号, judge's court; judge2 (甘0502) must not see it; no test changes it
let admin05: string; // an admin of 甘05 (天水中院), created through the API by the 甘 admin

const newUser = (overrides: Record<string, unknown> = {}) => ({
  username: 'zhangfg',
  displayName: '张法官',
  courtId: 3,
  division: '民一庭',
  roles: ['trial_judge'],
  password: PASSWORD,
  ...overrides,
});

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Creates a user as the 甘 admin and returns its id. */
async function createAs(admin: string, overrides: Record<string, unknown>): Promise<string> {
  const res = await api('POST', '/users', { as: admin, json: newUser(overrides) });
  if (res.status !== 201) throw new Error(`creating ${String(overrides.username)} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

async function issue(userIdToIssue: string, name = '审判流程管理系统对接'): Promise<{ token: string; id: string }> {
  const res = await api('POST', `/users/${userIdToIssue}/tokens`, { as: 'admin', json: { name } });
  if (res.status !== 201) throw new Error(`issuing a token failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.token, id: res.body.info.id };
}

beforeAll(async () => {
  await seedWorld();
  civil = await insertCase('（2024）甘0102民初1234号', { judgeId: userId('judge') });
  admin05 = await createAs('admin', { username: 'admin05', displayName: '天水管理', courtId: 5, roles: ['admin'], division: '' });
});

describe('GET /api/v1/users', () => {
  it('lists the users of the admin’s subtree with court and roles', async () => {
    const res = await api('GET', '/users', { as: 'admin' });
    expect(res.status).toBe(200);
    const byName = Object.fromEntries(res.body.items.map((u: { username: string }) => [u.username, u]));
    expect(Object.keys(byName)).toEqual(expect.arrayContaining(['judge', 'enforcer', 'petition', 'leader', 'judge2', 'admin05']));
    expect(byName.judge.court).toEqual({ id: 3, code: '甘0102', name: '兰州市城关区人民法院' });
    expect(byName.judge.roles).toEqual(['trial_judge']);
    expect(byName.judge.active).toBe(true);
    expect(byName.judge.version).toBe(1);
    expect(res.body.total).toBe(res.body.items.length);
    expect(JSON.stringify(res.body)).not.toContain('password');
  });

  it('filters by role, by text and by court', async () => {
    await createAs('admin', { username: 'rolefilter', roles: ['trial_judge'] });
    const judges = await api('GET', '/users?role=trial_judge', { as: 'admin' });
    const judgeNames = judges.body.items.map((u: { username: string }) => u.username).sort();
    expect(judgeNames).toEqual(expect.arrayContaining(['judge', 'judge0103', 'judge2', 'rolefilter']));
    expect(judgeNames).not.toContain('enforcer');
    // every trial judge and no one else, counting those other tests have created
    expect(judgeNames).toEqual(await activeUsernames({ role: 'trial_judge' }));
    const text = await api('GET', `/users?q=${encodeURIComponent('马法')}`, { as: 'admin' });
    expect(text.body.items.map((u: { username: string }) => u.username)).toEqual(['judge2']);
    const court = await api('GET', '/users?courtId=2', { as: 'admin' });
    expect(court.body.items.map((u: { username: string }) => u.username).sort()).toEqual(['coordinator', 'petition']);
  });

  it('shows the 甘05 admin only the users of 甘05 and below', async () => {
    const res = await api('GET', '/users', { as: 'admin05' });
    expect(res.status).toBe(200);
    const names = res.body.items.map((u: { username: string }) => u.username).sort();
    expect(names).toEqual(expect.arrayContaining(['admin05', 'judge2']));
    expect(res.body.items.every((u: { court: { id: number } }) => u.court.id === 5 || u.court.id === 6)).toBe(true);
    // every one of them, counting those other tests have created there
    expect(names).toEqual(await activeUsernames({ courtIds: [5, 6] }));
  });

  it('refuses a bad filter with 422', async () => {
    const res = await api('GET', '/users?role=janitor', { as: 'admin' });
    expect(res.status).toBe(422);
    expect(res.body.error.issues[0].path).toEqual(['role']);
  });
});

describe('POST /api/v1/users', () => {
  it('creates a user (201) with sorted roles and an audit row, and the user can sign in', async () => {
    const res = await api('POST', '/users', {
      as: 'admin',
      json: newUser({ username: 'liufg', displayName: '刘法官', roles: ['trial_judge', 'enforcement_judge'] }),
    });
    expect(res.status).toBe(201);
    expect(res.body.username).toBe('liufg');
    expect(res.body.displayName).toBe('刘法官');
    expect(res.body.division).toBe('民一庭');
    expect(res.body.court.code).toBe('甘0102');
    expect(res.body.roles).toEqual(['enforcement_judge', 'trial_judge']);
    expect(res.body.active).toBe(true);
    expect(res.body.version).toBe(1);
    expect(JSON.stringify(res.body)).not.toContain(PASSWORD);

    const audit = await env.DB.prepare("SELECT actor_id, court_id, after_json FROM audit_log WHERE action = 'user.create' AND entity = 'user' AND entity_id = ?")
      .bind(res.body.id)
      .all<{ actor_id: string; court_id: number; after_json: string }>();
    expect(audit.results).toHaveLength(1);
    expect(audit.results[0]!.actor_id).toBe(userId('admin'));
    expect(audit.results[0]!.court_id).toBe(3);
    expect(audit.results[0]!.after_json).not.toContain(PASSWORD);

    const me = await api('GET', '/me', { as: 'liufg' });
    expect(me.status).toBe(200);
    expect(me.body.court.code).toBe('甘0102');
  });

  it.each([
    ['a username that does not start with a letter', { username: '1zhang' }, 'username', '用户名须为'],
    ['a username that is too short', { username: 'ab' }, 'username', '用户名须为'],
    ['a username with Chinese characters', { username: '张法官' }, 'username', '用户名须为'],
    ['no roles', { roles: [] }, 'roles', '请至少选择一个角色'],
    ['an unknown role', { roles: ['janitor'] }, 'roles', ''],
    ['a short password', { password: 'short' }, 'password', '密码至少 8 位'],
    ['an unknown court', { courtId: 999 }, 'courtId', '不在您的管理范围内'],
  ])('refuses %s with 422 naming the field, and writes nothing', async (_what, overrides, field, message) => {
    await signIn('admin');
    const users = await count('users');
    const roles = await count('user_roles');
    const audits = await count('audit_log');
    const res = await api('POST', '/users', { as: 'admin', json: newUser({ username: 'badinput', ...overrides }) });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid');
    const issue = res.body.error.issues.find((i: { path: string[] }) => i.path[0] === field);
    expect(issue).toBeDefined();
    expect(issue.message).toContain(message);
    expect(await count('users')).toBe(users);
    expect(await count('user_roles')).toBe(roles);
    expect(await count('audit_log')).toBe(audits);
  });

  it('refuses a court outside the admin’s scope (甘05 admin, 甘01 court) with 422, and writes nothing', async () => {
    await signIn('admin05');
    const users = await count('users');
    const audits = await count('audit_log');
    const res = await api('POST', '/users', { as: 'admin05', json: newUser({ username: 'outside', courtId: 2 }) });
    expect(res.status).toBe(422);
    expect(res.body.error.issues).toEqual([{ path: ['courtId'], message: '所选法院不存在或不在您的管理范围内' }]);
    expect(await count('users')).toBe(users);
    expect(await count('audit_log')).toBe(audits);
  });

  it('lets the 甘05 admin create a user in a court below it', async () => {
    const res = await api('POST', '/users', { as: 'admin05', json: newUser({ username: 'qinzhou1', courtId: 6 }) });
    expect(res.status).toBe(201);
    expect(res.body.court.code).toBe('甘0502');
  });

  it('names every missing field', async () => {
    const res = await api('POST', '/users', { as: 'admin', json: {} });
    expect(res.status).toBe(422);
    const paths = res.body.error.issues.map((i: { path: string[] }) => i.path[0]);
    expect(paths).toEqual(expect.arrayContaining(['username', 'displayName', 'courtId', 'roles', 'password']));
  });

  it('gives the 422 messages in English when asked', async () => {
    const res = await api('POST', '/users', {
      as: 'admin',
      json: newUser({ username: 'badinput', password: 'short' }),
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.issues[0].path).toEqual(['password']);
    expect(res.body.error.issues[0].message).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses a duplicate username (in any letter case) with 409, and writes nothing', async () => {
    await signIn('admin');
    for (const username of ['judge', 'JUDGE']) {
      const users = await count('users');
      const audits = await count('audit_log');
      const res = await api('POST', '/users', { as: 'admin', json: newUser({ username }) });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('conflict');
      expect(res.body.error.message).toBe('用户名已被使用');
      expect(await count('users')).toBe(users);
      expect(await count('audit_log')).toBe(audits);
    }
  });

  it('answers broken JSON with 400', async () => {
    const res = await api('POST', '/users', { as: 'admin', body: '{"username": "x",' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed');
  });
});

describe('GET /api/v1/users/{id}', () => {
  it('reads a user in scope', async () => {
    const res = await api('GET', `/users/${userId('judge2')}`, { as: 'admin' });
    expect(res.status).toBe(200);
    expect(res.body.username).toBe('judge2');
    expect(res.body.court.code).toBe('甘0502');
  });

  it('answers 404 for a user outside the admin’s scope and for an unknown id', async () => {
    const res = await api('GET', `/users/${userId('petition')}`, { as: 'admin05' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect(res.body.error.message).toBe('记录不存在或不在您的管辖范围内');
    expect((await api('GET', `/users/${userId('leader')}`, { as: 'admin05' })).status).toBe(404);
    expect((await api('GET', '/users/no-such-user', { as: 'admin' })).status).toBe(404);
    // the 甘05 admin reaches its own subtree, and the 甘 admin reaches the 甘05 admin
    expect((await api('GET', `/users/${userId('judge2')}`, { as: 'admin05' })).status).toBe(200);
    expect((await api('GET', `/users/${admin05}`, { as: 'admin' })).body.court.code).toBe('甘05');
  });
});

describe('who may manage users', () => {
  it.each(['judge', 'enforcer', 'petition', 'coordinator', 'leader'])('refuses %s with 403 and writes nothing', async (username) => {
    expect((await api('GET', '/users', { as: username })).status).toBe(403);
    expect((await api('GET', `/users/${userId('judge')}`, { as: username })).status).toBe(403);
    const users = await count('users');
    const res = await api('POST', '/users', { as: username, json: newUser({ username: `by${username}` }) });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(await count('users')).toBe(users);
    expect((await api('POST', `/users/${userId('judge0103')}/deactivate`, { as: username, json: { version: 1 } })).status).toBe(403);
    expect((await api('POST', `/users/${userId('judge0103')}/tokens`, { as: username, json: { name: 'x' } })).status).toBe(403);
    expect(await count('users', 'id = ? AND active = 1', userId('judge0103'))).toBe(1);
  });

  it('answers anonymous callers with 401', async () => {
    expect((await api('GET', '/users')).status).toBe(401);
    expect((await api('GET', `/users/${userId('judge')}`)).status).toBe(401);
    expect((await api('POST', '/users', { json: newUser({ username: 'anon' }) })).status).toBe(401);
    expect((await api('POST', `/users/${userId('judge')}/deactivate`, { json: { version: 1 } })).status).toBe(401);
    expect((await api('GET', `/users/${userId('judge')}/tokens`)).status).toBe(401);
    expect(await count('users', "username = 'anon'")).toBe(0);
  });
});

describe('POST /api/v1/users/{id}/deactivate', () => {
  it('deactivates with the version seen: ends the browser sessions, revokes the tokens, writes the audit row', async () => {
    const id = await createAs('admin', { username: 'leaving', displayName: '调离人员' });
    const cookie = await login('leaving'); // a browser session taken before deactivation
    expect((await api('GET', '/me', { headers: { cookie } })).status).toBe(200);
    const { token } = await issue(id);
    expect((await api('GET', '/me', { token })).status).toBe(200);

    const res = await api('POST', `/users/${id}/deactivate`, { as: 'admin', json: { version: 1 } });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect(res.body.version).toBe(2);

    expect((await api('GET', '/me', { headers: { cookie } })).status).toBe(401);
    expect((await api('GET', '/me', { token })).status).toBe(401);
    expect(await count('sessions', 'user_id = ? AND ended_at IS NULL', id)).toBe(0);
    expect(await count('api_tokens', 'user_id = ? AND revoked_at IS NULL', id)).toBe(0);
    expect(await count('audit_log', "action = 'user.deactivate' AND entity = 'user' AND entity_id = ?", id)).toBe(1);

    // it can no longer sign in, and is left out of the list unless asked for
    await expect(login('leaving')).rejects.toThrow(/401/);
    const list = await api('GET', '/users', { as: 'admin' });
    expect(list.body.items.map((u: { id: string }) => u.id)).not.toContain(id);
    const all = await api('GET', '/users?inactive=1', { as: 'admin' });
    expect(all.body.items.find((u: { id: string }) => u.id === id).active).toBe(false);
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const id = await createAs('admin', { username: 'stale1' });
    const cookie = await login('stale1');
    // someone else changed the user since the admin looked at it
    await env.DB.prepare('UPDATE users SET version = version + 1 WHERE id = ?').bind(id).run();
    const audits = await count('audit_log');
    const res = await api('POST', `/users/${id}/deactivate`, { as: 'admin', json: { version: 1 } });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect(res.body.error.message).toBe('该记录已被他人修改，请刷新后重试');
    expect(await count('users', 'id = ? AND active = 1 AND version = 2', id)).toBe(1);
    expect(await count('audit_log')).toBe(audits);
    expect((await api('GET', '/me', { headers: { cookie } })).status).toBe(200);
  });

  it('refuses deactivating an inactive user (409), oneself (409), a missing version (422)', async () => {
    const id = await createAs('admin', { username: 'twice' });
    expect((await api('POST', `/users/${id}/deactivate`, { as: 'admin', json: { version: 1 } })).status).toBe(200);
    const again = await api('POST', `/users/${id}/deactivate`, { as: 'admin', json: { version: 2 } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('该用户已停用');
    const self = await api('POST', `/users/${userId('admin')}/deactivate`, { as: 'admin', json: { version: 1 } });
    expect(self.status).toBe(409);
    expect(await count('users', 'id = ? AND active = 1', userId('admin'))).toBe(1);
    const missing = await api('POST', `/users/${userId('judge0103')}/deactivate`, { as: 'admin', json: {} });
    expect(missing.status).toBe(422);
    expect(missing.body.error.issues[0].path).toEqual(['version']);
  });

  it('answers 404 for a user outside the admin’s scope and changes nothing', async () => {
    await signIn('admin05');
    const audits = await count('audit_log');
    const res = await api('POST', `/users/${userId('petition')}/deactivate`, { as: 'admin05', json: { version: 1 } });
    expect(res.status).toBe(404);
    expect(await count('users', 'id = ? AND active = 1', userId('petition'))).toBe(1);
    expect(await count('audit_log')).toBe(audits);
  });
});

describe('API tokens', () => {
  it('returns the secret once and stores only its SHA-256, with an audit row', async () => {
    const holder = await createAs('admin', { username: 'tokenholder' });
    const res = await api('POST', `/users/${holder}/tokens`, { as: 'admin', json: { name: '审判流程管理系统对接', expiresInDays: 30 } });
    expect(res.status).toBe(201);
    const token: string = res.body.token;
    expect(token).toMatch(/^yjlx_[A-Za-z0-9_-]{40,}$/);
    expect(res.body.info.name).toBe('审判流程管理系统对接');
    expect(token.startsWith(res.body.info.prefix)).toBe(true);
    expect(res.body.info.expiresAt).not.toBeNull();
    expect(res.body.info.revokedAt).toBeNull();

    expect(await count('api_tokens', 'token_hash = ?', token)).toBe(0);
    expect(await count('api_tokens', 'token_hash = ? AND user_id = ?', await sha256Hex(token), holder)).toBe(1);
    const audit = await env.DB.prepare("SELECT after_json FROM audit_log WHERE action = 'token.issue' AND entity = 'user' AND entity_id = ?")
      .bind(holder)
      .all<{ after_json: string }>();
    expect(audit.results).toHaveLength(1);
    expect(audit.results[0]!.after_json).toContain(res.body.info.id);
    expect(audit.results[0]!.after_json).not.toContain(token);

    // the list shows the token, never the secret
    const list = await api('GET', `/users/${holder}/tokens`, { as: 'admin' });
    expect(list.status).toBe(200);
    expect(list.body.tokens.map((t: { id: string }) => t.id)).toContain(res.body.info.id);
    expect(JSON.stringify(list.body)).not.toContain(token);
  });

  it('authenticates with Authorization: Bearer under the same scope rules', async () => {
    const { token } = await issue(userId('judge2'));
    const me = await api('GET', '/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('judge2');
    expect(me.body.authenticatedBy).toBe('token');
    expect(me.body.court.code).toBe('甘0502');

    const other = await api('GET', `/cases/${civil}`, { token });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('not_found');
    expect((await api('GET', '/users', { token })).status).toBe(403);

    // the judge of 甘0102 reads the case with its own token
    const judgeToken = (await issue(userId('judge'))).token;
    expect((await api('GET', `/cases/${civil}`, { token: judgeToken })).status).toBe(200);
    // and a write through the token needs no Origin header (no cookie is involved)
    const { id: flagged } = await insertFreshCase({}, { judgeId: userId('judge') });
    const flag = await api('POST', `/cases/${flagged}/flags`, { token: judgeToken, json: { factor: 'MEDIA_ATTENTION', note: '网上发帖' } });
    expect(flag.status).toBe(201);
    const via = await env.DB.prepare("SELECT via FROM audit_log WHERE action = 'flag.add' AND entity_id = ? ORDER BY id DESC")
      .bind(flagged)
      .first<{ via: string }>();
    expect(via?.via).toBe('api');
  });

  it('records when a token was last used, and refuses it once expired (401)', async () => {
    const { token, id } = await issue(userId('enforcer'));
    expect((await api('GET', '/me', { token })).status).toBe(200);
    const list = await api('GET', `/users/${userId('enforcer')}/tokens`, { as: 'admin' });
    expect(list.body.tokens.find((t: { id: string }) => t.id === id).lastUsedAt).not.toBeNull();
    await env.DB.prepare('UPDATE api_tokens SET expires_at = ? WHERE id = ?').bind('2020-01-01T00:00:00.000Z', id).run();
    expect((await api('GET', '/me', { token })).status).toBe(401);
  });

  it('refuses an unknown token with 401', async () => {
    const res = await api('GET', '/me', { token: 'yjlx_not-a-real-token' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('revokes a token (audit row; then 401); revoking twice is 409', async () => {
    const holder = await createAs('admin', { username: 'revoked' });
    const { token, id } = await issue(holder);
    expect((await api('GET', '/me', { token })).status).toBe(200);
    const res = await api('POST', `/users/${holder}/tokens/${id}/revoke`, { as: 'admin' });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(id);
    expect(res.body.revokedAt).not.toBeNull();
    expect((await api('GET', '/me', { token })).status).toBe(401);
    expect(await count('audit_log', "action = 'token.revoke' AND entity = 'user' AND entity_id = ?", holder)).toBe(1);

    const audits = await count('audit_log');
    const twice = await api('POST', `/users/${holder}/tokens/${id}/revoke`, { as: 'admin' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe('该令牌已被吊销');
    expect(await count('audit_log')).toBe(audits);
  });

  it('answers 404 for a token of another user and for a user outside the scope', async () => {
    const { id } = await issue(userId('judge'));
    expect((await api('POST', `/users/${userId('judge2')}/tokens/${id}/revoke`, { as: 'admin' })).status).toBe(404);
    expect(await count('api_tokens', 'id = ? AND revoked_at IS NULL', id)).toBe(1);
    expect((await api('POST', `/users/${userId('judge')}/tokens/${id}/revoke`, { as: 'admin05' })).status).toBe(404);
    expect((await api('GET', `/users/${userId('judge')}/tokens`, { as: 'admin05' })).status).toBe(404);
    const tokens = await count('api_tokens');
    expect((await api('POST', `/users/${userId('petition')}/tokens`, { as: 'admin05', json: { name: 'x' } })).status).toBe(404);
    expect(await count('api_tokens')).toBe(tokens);
  });

  it('refuses a token without a name (422) and for a deactivated user (409)', async () => {
    const tokens = await count('api_tokens');
    const unnamed = await api('POST', `/users/${userId('judge')}/tokens`, { as: 'admin', json: { name: '  ' } });
    expect(unnamed.status).toBe(422);
    expect(unnamed.body.error.issues[0].path).toEqual(['name']);
    const id = await createAs('admin', { username: 'gone' });
    await api('POST', `/users/${id}/deactivate`, { as: 'admin', json: { version: 1 } });
    const gone = await api('POST', `/users/${id}/tokens`, { as: 'admin', json: { name: 'x' } });
    expect(gone.status).toBe(409);
    expect(await count('api_tokens')).toBe(tokens);
  });

  it('stops a deactivated user’s token, even one issued long before', async () => {
    const id = await createAs('admin', { username: 'tokenuser' });
    const { token } = await issue(id);
    expect((await api('GET', '/me', { token })).body.authenticatedBy).toBe('token');
    const user = await api('GET', `/users/${id}`, { as: 'admin' });
    expect((await api('POST', `/users/${id}/deactivate`, { as: 'admin', json: { version: user.body.version } })).status).toBe(200);
    const res = await api('GET', '/me', { token });
    expect(res.status).toBe(401);
    expect((await api('GET', `/cases/${civil}`, { token })).status).toBe(401);
  });
});

describe('the audit trail of user administration', () => {
  it('has one row per write with the action names user.create, token.issue, token.revoke, user.deactivate', async () => {
    const id = await createAs('admin', { username: 'audited' });
    const { id: tokenId } = await issue(id);
    await api('POST', `/users/${id}/tokens/${tokenId}/revoke`, { as: 'admin' });
    await api('POST', `/users/${id}/deactivate`, { as: 'admin', json: { version: 1 } });
    const { results } = await env.DB.prepare("SELECT action, actor_id, via FROM audit_log WHERE entity = 'user' AND entity_id = ? ORDER BY id")
      .bind(id)
      .all<{ action: string; actor_id: string; via: string }>();
    expect(results.map((r) => r.action)).toEqual(['user.create', 'token.issue', 'token.revoke', 'user.deactivate']);
    expect(results.every((r) => r.actor_id === userId('admin'))).toBe(true);
  });
});
