import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { activeUsernames, api, count, fetchApp, login, page, PASSWORD, postForm, seedWorld, sessionOf, signIn, userId } from '../helpers.ts';

beforeAll(async () => {
  await seedWorld();
  // an admin of 甘05 (天水中院), added through the API by the 甘 admin
  const res = await api('POST', '/users', {
    as: 'admin',
    json: { username: 'admin05', displayName: '天水管理', courtId: 5, roles: ['admin'], password: PASSWORD },
  });
  if (res.status !== 201) throw new Error(`creating admin05: ${res.status}`);
});

/** A form post as a signed-in user from our own origin. */
async function postAs(username: string, path: string, fields: Record<string, string | string[]>) {
  const res = await postForm(path, fields, { cookie: await sessionOf(username) });
  return { status: res.status, headers: res.headers, html: await res.text() };
}

/** The text of the error message under a field (`<p class="error" id="{id}-error">`). */
function fieldError(html: string, id: string): string | undefined {
  return new RegExp(`<p class="error" id="${id}-error">([^<]*)</p>`).exec(html)?.[1];
}

/** Usernames linked in the user list. */
function listedUsernames(html: string): string[] {
  return [...html.matchAll(/<a href="\/admin\/users\/[^"]+">([^<]+)<\/a>/g)].map((m) => m[1]!).filter((n) => n !== '新建用户');
}

const userFields = (overrides: Record<string, string | string[]> = {}) => ({
  username: 'newjudge',
  displayName: '新法官',
  courtId: '3',
  division: '民二庭',
  roles: ['trial_judge'],
  password: PASSWORD,
  ...overrides,
});

/** Creates a user through the form and returns its id. */
async function createThroughForm(username: string): Promise<string> {
  const res = await postAs('admin', '/admin/users', userFields({ username }));
  if (res.status !== 303) throw new Error(`creating ${username}: ${res.status}`);
  return /^\/admin\/users\/([^?]+)\?done=created$/.exec(res.headers.get('location')!)![1]!;
}

describe('/admin/users', () => {
  it('lists the users with court, roles and status', async () => {
    const res = await page('/admin/users', 'admin');
    expect(res.status).toBe(200);
    expect(res.html).toMatch(/<h1>用户<\/h1>/);
    expect(listedUsernames(res.html)).toEqual(expect.arrayContaining(['judge', 'enforcer', 'petition', 'leader', 'admin', 'judge2', 'admin05']));
    expect(res.html).toContain('王审判');
    expect(res.html).toContain('兰州市城关区人民法院');
    expect(res.html).toContain('审判法官');
    expect(res.html).toContain('href="/admin/users/new"');
  });

  it('filters by role and by text; empty filters are ignored', async () => {
    await createThroughForm('rolefilter'); // a trial judge
    const judges = await page('/admin/users?role=trial_judge', 'admin');
    const judgeNames = listedUsernames(judges.html).sort();
    expect(judgeNames).toEqual(expect.arrayContaining(['judge', 'judge0103', 'judge2', 'rolefilter']));
    expect(judgeNames).not.toContain('enforcer');
    // every trial judge and no one else, counting those other tests have created
    expect(judgeNames).toEqual(await activeUsernames({ role: 'trial_judge' }));
    expect(judges.html).toMatch(/<option value="trial_judge" selected="">/);
    const text = await page(`/admin/users?q=${encodeURIComponent('马法')}`, 'admin');
    expect(listedUsernames(text.html)).toEqual(['judge2']);
    const empty = await page('/admin/users?q=&role=&inactive=', 'admin');
    expect(empty.status).toBe(200);
    expect(listedUsernames(empty.html)).toEqual(expect.arrayContaining(['judge', 'leader']));
  });

  it('shows the 甘05 admin only its subtree', async () => {
    const res = await page('/admin/users', 'admin05');
    expect(res.status).toBe(200);
    expect(listedUsernames(res.html).sort()).toEqual(['admin05', 'judge2']);
  });

  it('hides deactivated users unless asked', async () => {
    const id = await createThroughForm('hidden1');
    await postAs('admin', `/admin/users/${id}/deactivate`, { version: '1' });
    expect(listedUsernames((await page('/admin/users', 'admin')).html)).not.toContain('hidden1');
    const all = await page('/admin/users?inactive=1', 'admin');
    expect(listedUsernames(all.html)).toContain('hidden1');
    expect(all.html).toContain('已停用');
  });
});

describe('/admin/users/new', () => {
  it('shows the form with the courts of the admin’s subtree', async () => {
    const res = await page('/admin/users/new', 'admin05');
    expect(res.status).toBe(200);
    expect(res.html).toContain('<form method="post" action="/admin/users"');
    expect(res.html).toContain('天水市中级人民法院（甘05）');
    expect(res.html).toContain('天水市秦州区人民法院（甘0502）');
    expect(res.html).not.toContain('兰州市中级人民法院（甘01）');
    expect(res.html).toContain('name="roles" value="trial_judge"');
  });

  it('creates a user: 303 to its page, which says 用户已创建; the user can sign in', async () => {
    const users = await count('users');
    const res = await postAs('admin', '/admin/users', userFields({ username: 'formuser', roles: ['trial_judge', 'petition_officer'] }));
    expect(res.status).toBe(303);
    const location = res.headers.get('location')!;
    expect(location).toMatch(/^\/admin\/users\/[0-9a-f-]{36}\?done=created$/);
    expect(await count('users')).toBe(users + 1);
    const id = location.split('/')[3]!.split('?')[0]!;
    expect(await count('user_roles', 'user_id = ?', id)).toBe(2);
    expect(await count('audit_log', "action = 'user.create' AND entity_id = ?", id)).toBe(1);

    const after = await page(location, 'admin');
    expect(after.status).toBe(200);
    expect(after.html).toContain('用户已创建');
    expect(after.html).toContain('formuser');
    expect(after.html).toContain('新法官');
    expect(after.html).toContain('民二庭');
    expect(after.html).toContain('审判法官');
    expect(after.html).toContain('信访办工作人员');
    expect((await login('formuser')).length).toBeGreaterThan(0);
  });

  it('re-renders bad input with 422 and the messages under the fields, keeps what was typed but not the password', async () => {
    await signIn('admin');
    const users = await count('users');
    const audits = await count('audit_log');
    const res = await postAs('admin', '/admin/users', userFields({ username: '9bad', displayName: '错误输入', roles: [], password: 'short7' }));
    expect(res.status).toBe(422);
    expect(res.html).toContain('<html');
    expect(fieldError(res.html, 'nu-username')).toContain('用户名须为');
    expect(fieldError(res.html, 'nu-password')).toBe('密码至少 8 位');
    expect(res.html).toContain('请至少选择一个角色');
    expect(res.html).toContain('value="9bad"');
    expect(res.html).toContain('value="错误输入"');
    expect(res.html).not.toContain('short7');
    expect(await count('users')).toBe(users);
    expect(await count('audit_log')).toBe(audits);
  });

  it('keeps the roles that were ticked when re-rendering', async () => {
    const res = await postAs('admin', '/admin/users', userFields({ username: 'x', roles: ['leader', 'coordinator'] }));
    expect(res.status).toBe(422);
    expect(res.html).toMatch(/name="roles" value="leader" checked=""/);
    expect(res.html).toMatch(/name="roles" value="coordinator" checked=""/);
    expect(res.html).not.toMatch(/name="roles" value="admin" checked=""/);
  });

  it('refuses a court outside the admin’s scope (422, under the court)', async () => {
    const users = await count('users');
    const res = await postAs('admin05', '/admin/users', userFields({ username: 'outside05', courtId: '2' }));
    expect(res.status).toBe(422);
    expect(fieldError(res.html, 'nu-court')).toBe('所选法院不存在或不在您的管理范围内');
    expect(await count('users')).toBe(users);
  });

  it('answers a duplicate username with 409 and the message', async () => {
    const users = await count('users');
    const res = await postAs('admin', '/admin/users', userFields({ username: 'Judge' }));
    expect(res.status).toBe(409);
    expect(res.html).toContain('用户名已被使用');
    expect(res.html).toContain('value="Judge"');
    expect(await count('users')).toBe(users);
  });

  it('refuses a form post without an Origin header (403) and writes nothing', async () => {
    const users = await count('users');
    const res = await fetchApp('/admin/users', {
      method: 'POST',
      body: new URLSearchParams({ username: 'csrfuser', displayName: 'x', courtId: '3', roles: 'admin', password: PASSWORD }),
      headers: { cookie: await sessionOf('admin'), 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(403);
    expect(await count('users')).toBe(users);
  });
});

describe('the user page', () => {
  it('shows the user, the deactivate form with its version and the token form; 404 outside the scope', async () => {
    const res = await page(`/admin/users/${userId('judge2')}`, 'admin');
    expect(res.status).toBe(200);
    expect(res.html).toContain('马法官');
    expect(res.html).toContain('天水市秦州区人民法院');
    expect(res.html).toContain(`action="/admin/users/${userId('judge2')}/deactivate"`);
    expect(res.html).toContain('name="version" value="1"');
    expect(res.html).toContain(`action="/admin/users/${userId('judge2')}/tokens"`);
    expect(res.html).toContain('尚未签发令牌');
    // the admin cannot deactivate itself
    const self = await page(`/admin/users/${userId('admin')}`, 'admin');
    expect(self.html).not.toContain(`/admin/users/${userId('admin')}/deactivate`);
    const outside = await page(`/admin/users/${userId('petition')}`, 'admin05');
    expect(outside.status).toBe(404);
    expect(outside.html).toContain('记录不存在或不在您的管辖范围内');
    expect(outside.html).not.toContain('李信访');
  });

  it('deactivates: 303, then the page says 已停用; the user’s session ends', async () => {
    const id = await createThroughForm('deact1');
    const cookie = await login('deact1');
    const res = await postAs('admin', `/admin/users/${id}/deactivate`, { version: '1' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/users/${id}?done=deactivated`);
    const after = await page(`/admin/users/${id}?done=deactivated`, 'admin');
    expect(after.html).toContain('用户已停用');
    expect(after.html).toMatch(/<dd>已停用<\/dd>/);
    expect(after.html).not.toContain(`/admin/users/${id}/deactivate`);
    expect(after.html).not.toContain(`action="/admin/users/${id}/tokens"`);
    expect(await count('users', 'id = ? AND active = 0', id)).toBe(1);
    expect(await count('audit_log', "action = 'user.deactivate' AND entity_id = ?", id)).toBe(1);
    expect((await api('GET', '/me', { headers: { cookie } })).status).toBe(401);
    const old = await fetchApp('/cases', { headers: { cookie } });
    expect(old.status).toBe(303);
    expect(old.headers.get('location')).toContain('/login');
  });

  it('answers a stale version with the 409 page and the message, and changes nothing', async () => {
    const id = await createThroughForm('stale2');
    // someone else changed the user after the admin opened the page (which carried version 1)
    await env.DB.prepare('UPDATE users SET version = version + 1 WHERE id = ?').bind(id).run();
    const audits = await count('audit_log');
    const res = await postAs('admin', `/admin/users/${id}/deactivate`, { version: '1' });
    expect(res.status).toBe(409);
    expect(res.html).toContain('该记录已被他人修改，请刷新后重试');
    expect(res.html).toContain('name="version" value="2"'); // the page shows the current state
    expect(await count('users', 'id = ? AND active = 1', id)).toBe(1);
    expect(await count('audit_log')).toBe(audits);
  });

  it('refuses a deactivate form without a usable version (409, never 5xx) and changes nothing', async () => {
    const id = await createThroughForm('noversion');
    const posts: Record<string, string>[] = [{}, { version: '' }, { version: 'abc' }];
    for (const fields of posts) {
      const res = await postAs('admin', `/admin/users/${id}/deactivate`, fields);
      expect(res.status, JSON.stringify(fields)).toBe(409);
      expect(res.html).toContain('该记录已被他人修改，请刷新后重试');
    }
    expect(await count('users', 'id = ? AND active = 1 AND version = 1', id)).toBe(1);
  });
});

describe('API tokens on the user page', () => {
  it('shows a new token once, with Cache-Control: no-store; the page opened again does not contain it', async () => {
    const res = await postAs('admin', `/admin/users/${userId('judge0103')}/tokens`, { name: '审判流程管理系统对接', expiresInDays: '' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(res.html).toContain('令牌只显示这一次');
    const token = /<code class="token" id="new-token">(yjlx_[A-Za-z0-9_-]+)<\/code>/.exec(res.html)?.[1];
    expect(token).toBeDefined();
    expect(res.html).toContain('审判流程管理系统对接');
    expect(res.html).toContain('长期有效');

    const me = await api('GET', '/me', { token });
    expect(me.status).toBe(200);
    expect(me.body.username).toBe('judge0103');

    const again = await page(`/admin/users/${userId('judge0103')}`, 'admin');
    expect(again.status).toBe(200);
    expect(again.html).not.toContain(token!);
    expect(again.html).not.toContain('令牌只显示这一次');
    expect(again.html).toContain(token!.slice(0, 11)); // the prefix identifies it
    // reloading the address the form posted to shows the user, not the secret
    const reload = await page(`/admin/users/${userId('judge0103')}/tokens`, 'admin');
    expect(reload.status).toBe(303);
    expect(reload.headers.get('location')).toBe(`/admin/users/${userId('judge0103')}`);
  });

  it('refuses a token without a name (422 under the field) and writes nothing', async () => {
    const tokens = await count('api_tokens');
    const res = await postAs('admin', `/admin/users/${userId('judge')}/tokens`, { name: '' });
    expect(res.status).toBe(422);
    expect(fieldError(res.html, 'tk-name')).toBeTruthy();
    expect(res.html).not.toContain('令牌只显示这一次');
    expect(await count('api_tokens')).toBe(tokens);
  });

  it('revokes: 303, the page says 令牌已吊销 and 已吊销, and the token no longer works', async () => {
    const issued = await postAs('admin', `/admin/users/${userId('judge')}/tokens`, { name: '临时对接' });
    const token = /id="new-token">(yjlx_[A-Za-z0-9_-]+)</.exec(issued.html)![1]!;
    expect((await api('GET', '/me', { token })).status).toBe(200);
    const row = await env.DB.prepare("SELECT id FROM api_tokens WHERE user_id = ? AND name = '临时对接'").bind(userId('judge')).first<{ id: string }>();
    const action = `/admin/users/${userId('judge')}/tokens/${row!.id}/revoke`;
    expect(issued.html).toContain(`action="${action}"`);

    const res = await postAs('admin', action, {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/users/${userId('judge')}?done=revoked`);
    const after = await page(res.headers.get('location')!, 'admin');
    expect(after.html).toContain('令牌已吊销');
    expect(after.html).toContain('<td>已吊销</td>');
    expect(after.html).not.toContain(`action="${action}"`);
    expect((await api('GET', '/me', { token })).status).toBe(401);
    expect(await count('audit_log', "action = 'token.revoke' AND entity_id = ?", userId('judge'))).toBe(1);

    const twice = await postAs('admin', action, {});
    expect(twice.status).toBe(409);
    expect(twice.html).toContain('该令牌已被吊销');
  });
});

describe('/admin/factors', () => {
  it('lists the 16 factors with points, and THREAT_EXTREME forcing red', async () => {
    const res = await page('/admin/factors', 'admin');
    expect(res.status).toBe(200);
    const codes = [...res.html.matchAll(/<td><code>([A-Z_]+)<\/code><\/td>/g)].map((m) => m[1]);
    expect(codes).toHaveLength(16);
    expect(codes).toEqual(expect.arrayContaining(['GROUP_DISPUTE', 'THREAT_EXTREME', 'UNREALISTIC_DEMAND', 'ENFORCEMENT_IMPOSSIBLE']));
    expect(res.html).toContain('群体性纠纷');
    expect(res.html).toContain('+5');
    expect(res.html).toContain('直接定为红色预警');
  });

  it('is in English with lang=en', async () => {
    const res = await fetchApp('/admin/factors', { headers: { cookie: `${await sessionOf('admin')}; lang=en` } });
    const html = await res.text();
    expect(html).toMatch(/<h1>Risk factors<\/h1>/);
    expect(html).toContain('Group dispute');
  });
});

describe('who may open /admin and /audit', () => {
  const adminPages = () => ['/admin/users', '/admin/users/new', `/admin/users/${userId('judge')}`, '/admin/factors'];

  it.each(['judge', 'enforcer', 'petition', 'coordinator', 'leader'])('answers %s with 403 on every /admin page', async (username) => {
    for (const path of adminPages()) {
      const res = await page(path, username);
      expect(res.status, path).toBe(403);
      expect(res.html).toContain('您的角色无权进行此操作');
    }
    const users = await count('users');
    const post = await postAs(username, '/admin/users', userFields({ username: `by${username}` }));
    expect(post.status).toBe(403);
    expect(await count('users')).toBe(users);
    const deactivate = await postAs(username, `/admin/users/${userId('judge0103')}/deactivate`, { version: '1' });
    expect(deactivate.status).toBe(403);
    expect(await count('users', 'id = ? AND active = 1', userId('judge0103'))).toBe(1);
    const tokens = await count('api_tokens');
    expect((await postAs(username, `/admin/users/${userId('judge0103')}/tokens`, { name: 'x' })).status).toBe(403);
    expect(await count('api_tokens')).toBe(tokens);
  });

  it('sends anonymous visitors of /admin and /audit to /login', async () => {
    for (const path of [...adminPages(), '/audit']) {
      const res = await page(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`);
    }
  });

  it('opens /audit for the leader and the admin, with the trail', async () => {
    for (const username of ['leader', 'admin']) {
      const res = await page('/audit', username);
      expect(res.status, username).toBe(200);
      expect(res.html).toMatch(/<h1>审计日志<\/h1>/);
      expect(res.html).toContain('<code>user.create</code>');
    }
    const filtered = await page('/audit?entity=user&id=', 'admin');
    expect(filtered.status).toBe(200);
    expect(filtered.html).toContain('<code>user.create</code>');
    expect(filtered.html).toContain('name="entity" value="user"');
  });

  it('answers the judge and the petition office with 403 on /audit', async () => {
    for (const username of ['judge', 'petition']) {
      const res = await page('/audit', username);
      expect(res.status, username).toBe(403);
      expect(res.html).not.toContain('<code>user.create</code>');
    }
  });
});
