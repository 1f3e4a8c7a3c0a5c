import { beforeAll, describe, expect, it } from 'vitest';
import { api, count, fetchApp, insertUser, login, ORIGIN, page, postForm, seedWorld, USERS } from '../helpers.ts';

beforeAll(seedWorld);

describe('sign-in', () => {
  it('shows the sign-in page in Chinese with a switch to English', async () => {
    const res = await page('/login');
    expect(res.status).toBe(200);
    expect(res.html).toContain('<html lang="zh-CN"');
    expect(res.html).toContain('用户名');
    expect(res.html).toContain('href="/lang/en?next=');
  });

  it('sets a __Host- session cookie, HttpOnly, SameSite=Lax, and stores only its hash', async () => {
    const res = await postForm('/login', { username: 'judge', password: 'demo1234' });
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^__Host-session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Secure/i);
    expect(cookie).toMatch(/Path=\//);
    const token = /__Host-session=([^;]+)/.exec(cookie)![1]!;
    expect(await count('sessions', 'token_hash = ?', token)).toBe(0);
    const digest = Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token))), (b) =>
      b.toString(16).padStart(2, '0'),
    ).join('');
    expect(await count('sessions', 'token_hash = ?', digest)).toBe(1);
  });

  it.each(USERS.map((u) => [u.username, u.roles[0], u.court] as const))(
    '%s signs in and /api/v1/me shows role %s and its court',
    async (username, role, courtId) => {
      const me = await api('GET', '/me', { as: username });
      expect(me.status).toBe(200);
      expect(me.body.username).toBe(username);
      expect(me.body.roles).toContain(role);
      expect(me.body.court.id).toBe(courtId);
    },
  );

  it('refuses a wrong password with 401 and the page, and writes an audit row', async () => {
    const before = await count('audit_log', "action = 'auth.login_failed'");
    const res = await postForm('/login', { username: 'leader', password: 'wrong-password' });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain('用户名或密码错误');
    expect(await count('audit_log', "action = 'auth.login_failed'")).toBe(before + 1);
  });

  it('throttles after 5 failures for a username in 15 minutes (429), even with the right password', async () => {
    // a user of its own: the fixture users must still sign in in the other tests
    await insertUser({ username: 'throttled', name: '周协调', roles: ['coordinator'], court: 2 });
    for (let i = 0; i < 5; i++) {
      const res = await postForm('/login', { username: 'throttled', password: `nope-${i}` });
      expect(res.status).toBe(401);
    }
    const res = await postForm('/login', { username: 'throttled', password: 'demo1234' });
    expect(res.status).toBe(429);
    expect(await res.text()).toContain('15 分钟');
    // other usernames are not affected
    expect((await postForm('/login', { username: 'enforcer', password: 'demo1234' })).status).toBe(303);
  });

  it('refuses a form post without Origin (CSRF) and creates no session', async () => {
    const before = await count('sessions');
    const res = await fetchApp('/login', {
      method: 'POST',
      body: new URLSearchParams({ username: 'judge', password: 'demo1234' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(403);
    expect(await count('sessions')).toBe(before);
  });

  it('refuses a cross-site form post', async () => {
    const res = await postForm('/login', { username: 'judge', password: 'demo1234' }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
  });

  it('only follows local paths after sign-in', async () => {
    const good = await postForm('/login', { username: 'judge', password: 'demo1234', next: '/cases?q=1' });
    expect(good.headers.get('location')).toBe('/cases?q=1');
    const evil = await postForm('/login', { username: 'judge', password: 'demo1234', next: '//evil.example/x' });
    expect(evil.headers.get('location')).toBe('/');
  });

  it('sign-out ends the session', async () => {
    const cookie = await login('petition');
    expect((await api('GET', '/me', { headers: { cookie } })).status).toBe(200);
    const out = await fetchApp('/logout', {
      method: 'POST',
      headers: { cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expect(out.status).toBe(303);
    expect((await api('GET', '/me', { headers: { cookie } })).status).toBe(401);
  });

  it('sends anonymous pages to /login and answers the API with 401 in Chinese', async () => {
    const res = await page('/cases');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fcases');
    const me = await api('GET', '/me');
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('unauthenticated');
    expect(me.body.error.message).toBe('请先登录');
  });

  it('answers in English when asked', async () => {
    const me = await api('GET', '/me', { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(me.body.error.message).toBe('Please sign in first');
  });
});

describe('secure headers', () => {
  it('sends a strict CSP without unsafe-inline or unsafe-eval, and no framing', async () => {
    const res = await page('/login');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('renders no inline script or style in the page', async () => {
    const res = await page('/cases', 'judge');
    expect(res.html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.html).not.toMatch(/\sstyle="/);
    expect(res.html).not.toMatch(/<style/);
  });
});
