import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { localPath } from '../../src/http/safe-redirect.ts';
import { api, count, fetchApp, insertFreshCase, insertUser, ORIGIN, PASSWORD, postForm, seedWorld, sessionOf, signIn, userId } from '../helpers.ts';

/** What an outside tester broke (issue: hardening), each pinned by a test that failed before its fix. */
beforeAll(seedWorld);

describe('1. no open redirect through `next`', () => {
  it.each([
    ['/%09/evil.example', 'a tab that browsers drop'],
    ['/%0A/x', 'a newline (used to give 500)'],
    ['/%0D%0ALocation:%20https://evil.example', 'a header injection'],
    ['//evil.example', 'a second slash'],
    ['/%5Cevil.example', 'a backslash'],
    ['https://evil.example/', 'another site'],
    ['evil', 'a relative path'],
  ])('GET /lang/en?next=%s (%s) goes to the landing page', async (next) => {
    const res = await fetchApp(`/lang/en?next=${next}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
  });

  it('still follows a same-site path, query included', async () => {
    const res = await fetchApp(`/lang/en?next=${encodeURIComponent('/cases?stage=trial')}`);
    expect(res.headers.get('location')).toBe('/cases?stage=trial');
  });

  it('sign-in does not follow a hostile next either (the form field and the redirect)', async () => {
    const form = await fetchApp('/login?next=/%09/evil.example');
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('name="next" value="/"');
    const res = await postForm('/login', { username: 'judge', password: PASSWORD, next: '/\t/evil.example' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const newline = await postForm('/login', { username: 'judge', password: PASSWORD, next: '/\n/x' });
    expect(newline.status).toBe(303);
    expect(newline.headers.get('location')).toBe('/');
  });

  it('localPath accepts one leading slash and nothing that leaves the site', () => {
    expect(localPath('/warnings/abc?x=1#y')).toBe('/warnings/abc?x=1#y');
    for (const bad of ['/\t/evil', '/\u007f', '//x', '/\\x', 'x', '', undefined, null]) expect(localPath(bad)).toBe('/');
  });
});

describe('2. an unreadable form body is a 400, never a 500, and writes nothing', () => {
  const broken = { 'content-type': 'multipart/form-data; boundary=' };
  const body = '--x\r\nContent-Disposition: form-data; name="factor"\r\n\r\nGROUP_DISPUTE\r\n--x--';

  it('on every form route', async () => {
    const { id } = await insertFreshCase({}, { judgeId: userId('judge') });
    const admin = await sessionOf('admin');
    const routes: [string, string][] = [
      ['judge', `/cases/${id}/flags`],
      ['judge', `/cases/${id}/flags/x/withdraw`],
      ['judge', `/cases/${id}/edit`],
      ['judge', '/cases'],
      ['petition', '/warnings/x/actions'],
      ['petition', '/warnings/bulk-acknowledge'],
      ['admin', '/admin/users'],
      ['admin', `/admin/users/${userId('judge2')}/deactivate`],
      ['admin', `/admin/users/${userId('judge2')}/tokens`],
      ['admin', '/admin/rulesets/new'],
    ];
    await signIn('judge', 'petition');
    const audit = await count('audit_log');
    const statuses: Record<string, number> = {};
    for (const [as, path] of routes) {
      const cookie = as === 'admin' ? admin : await sessionOf(as);
      statuses[path] = (await fetchApp(path, { method: 'POST', body, headers: { ...broken, cookie, origin: ORIGIN } })).status;
    }
    expect(statuses).toEqual(Object.fromEntries(routes.map(([, path]) => [path, 400])));
    const login = await fetchApp('/login', { method: 'POST', body, headers: { ...broken, origin: ORIGIN } });
    expect(login.status).toBe(400);
    expect(await count('audit_log')).toBe(audit);
  });
});

describe('3. sign-in throttling per client address as well as per username', () => {
  const attempt = (username: string, password: string, ip: string) => postForm('/login', { username, password }, { 'cf-connecting-ip': ip });

  it('an attacker at one address cannot lock the user out from another address', async () => {
    await insertUser({ username: 'throttle_a', name: '甲', roles: ['trial_judge'], court: 3 });
    for (let i = 0; i < 6; i++) await attempt('throttle_a', 'wrong-password', '203.0.113.7');
    const attacker = await attempt('throttle_a', PASSWORD, '203.0.113.7');
    expect(attacker.status).toBe(429);
    expect(Number(attacker.headers.get('retry-after'))).toBeGreaterThan(0);
    const owner = await attempt('throttle_a', PASSWORD, '198.51.100.20');
    expect(owner.status).toBe(303);
  });

  it('one address spraying many usernames is slowed, and told when to try again', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await attempt(`nobody_${i}`, 'guess', '192.0.2.55')).status);
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(-10).every((s) => s === 429)).toBe(true);
    const next = await attempt('judge', PASSWORD, '192.0.2.55');
    expect(next.status).toBe(429);
    expect(Number(next.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await attempt('judge', PASSWORD, '192.0.2.56')).status).toBe(303);
  });
});

describe('4. cookie-authenticated API writes need our own origin', () => {
  it('refuses a write from a foreign Origin or a cross-site fetch, and writes nothing', async () => {
    const { id } = await insertFreshCase({}, { judgeId: userId('judge') });
    const before = await count('flags', 'case_id = ?', id);
    const foreign = await api('POST', `/cases/${id}/flags`, { as: 'judge', json: { factor: 'GROUP_DISPUTE' }, headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(foreign.status).toBe(403);
    const noOrigin = await fetchApp(`/api/v1/cases/${id}/flags`, {
      method: 'POST',
      body: JSON.stringify({ factor: 'GROUP_DISPUTE' }),
      headers: { 'content-type': 'application/json', cookie: await sessionOf('judge'), 'sec-fetch-site': 'cross-site' },
    });
    expect(noOrigin.status).toBe(403);
    expect(await count('flags', 'case_id = ?', id)).toBe(before);
  });

  it('accepts our own Origin, or Sec-Fetch-Site: same-origin', async () => {
    const { id } = await insertFreshCase({}, { judgeId: userId('judge') });
    expect((await api('POST', `/cases/${id}/flags`, { as: 'judge', json: { factor: 'GROUP_DISPUTE' } })).status).toBe(201);
    const sameSite = await fetchApp(`/api/v1/cases/${id}/flags`, {
      method: 'POST',
      body: JSON.stringify({ factor: 'WAGE_ARREARS' }),
      headers: { 'content-type': 'application/json', cookie: await sessionOf('judge'), 'sec-fetch-site': 'same-origin' },
    });
    expect(sameSite.status).toBe(201);
  });

  it('refuses a sign-in form posted from another site (no signing in someone from elsewhere)', async () => {
    const res = await postForm('/login', { username: 'judge', password: PASSWORD }, { origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('exempts writes authenticated by a Bearer token', async () => {
    const issued = await api('POST', `/users/${userId('petition')}/tokens`, { as: 'admin', json: { name: '案件系统' } });
    const { id } = await insertFreshCase({}, { judgeId: userId('judge') });
    const res = await fetchApp(`/api/v1/cases/${id}/flags`, {
      method: 'POST',
      body: JSON.stringify({ factor: 'GROUP_DISPUTE' }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${issued.body.token}`, origin: 'https://system.example' },
    });
    expect(res.status).toBe(201);
  });
});

describe('5. signed-in answers are not kept in the browser cache', () => {
  it('pages, fragments, the API and refusals answer Cache-Control: no-store when signed in', async () => {
    const { id } = await insertFreshCase({}, { judgeId: userId('judge') });
    const cookie = await sessionOf('judge');
    for (const [path, headers] of [
      ['/cases', {}],
      [`/cases/${id}`, {}],
      ['/cases?q=x', { 'HX-Request': 'true', 'HX-Target': 'case-results' }],
      ['/api/v1/cases', {}],
      ['/api/v1/cases/no-such-case', {}],
    ] as const) {
      const res = await fetchApp(path, { headers: { cookie, ...headers } });
      expect(res.headers.get('cache-control'), path).toBe('no-store');
    }
  });
});

describe('6. every revoked token has its own audit row', () => {
  it('deactivating a user writes token.revoke for each of its tokens, in the same batch', async () => {
    const uid = await insertUser({ username: 'tokens_owner', name: '乙', roles: ['petition_officer'], court: 2 });
    const tokens: string[] = [];
    for (const name of ['系统一', '系统二', '系统三']) tokens.push((await api('POST', `/users/${uid}/tokens`, { as: 'admin', json: { name } })).body.info.id);
    const revokedEarlier = tokens[0]!;
    await api('POST', `/users/${uid}/tokens/${revokedEarlier}/revoke`, { as: 'admin' });
    const user = (await api('GET', `/users/${uid}`, { as: 'admin' })).body;
    const res = await api('POST', `/users/${uid}/deactivate`, { as: 'admin', json: { version: user.version } });
    expect(res.status).toBe(200);
    for (const token of tokens) {
      const rows = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'token.revoke' AND after_json LIKE ?").bind(`%${token}%`).first<{ n: number }>();
      expect(rows!.n, token).toBe(1);
    }
    expect(await count('api_tokens', 'user_id = ? AND revoked_at IS NULL', uid)).toBe(0);
  });
});
