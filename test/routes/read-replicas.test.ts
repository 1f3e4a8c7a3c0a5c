import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.tsx';
import { ORIGIN, PASSWORD, api, insertFreshCase, seedWorld, sessionOf, userId } from '../helpers.ts';

/**
 * Read replication: every request runs on a D1 session, and the caller carries its bookmark from
 * one request to the next. Locally there is one database and no replica lag, so these tests
 * watch where each request's session starts (what `withSession` is given) and what is handed back.
 */
const app = createApp();
const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32}$/;

async function send(path: string, init: RequestInit = {}): Promise<{ res: Response; body: string; starts: unknown[] }> {
  const starts: unknown[] = [];
  const db = {
    prepare: (sql: string) => env.DB.prepare(sql),
    batch: (statements: D1PreparedStatement[]) => env.DB.batch(statements),
    withSession: (start?: string) => (starts.push(start), env.DB.withSession(start)),
  } as unknown as D1Database;
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`${ORIGIN}${path}`, { redirect: 'manual', ...init }), { ...env, DB: db }, ctx);
  const body = await res.text();
  await waitOnExecutionContext(ctx);
  return { res, body, starts };
}

/** The `__Host-d1b` cookie a response sets, whole (with its attributes), or undefined. */
function bookmarkCookie(res: Response): string | undefined {
  return res.headers.getSetCookie().find((c) => c.startsWith('__Host-d1b='));
}
const valueOf = (cookie: string) => /^__Host-d1b=([^;]*)/.exec(cookie)![1]!;

beforeAll(seedWorld);

describe('a browser sees its own writes', () => {
  it('a write starts at the primary and sets the bookmark cookie; the page after it continues from the bookmark and shows the write', async () => {
    const { id } = await insertFreshCase({}, { judgeId: userId('judge') });
    const session = await sessionOf('judge');
    const write = await send(`/cases/${id}/flags`, {
      method: 'POST',
      body: new URLSearchParams({ factor: 'WAGE_ARREARS', note: '拖欠工资' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN, cookie: session },
    });
    expect(write.res.status).toBe(303);
    expect(write.starts).toEqual(['first-primary']);
    const cookie = bookmarkCookie(write.res)!;
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    const bookmark = valueOf(cookie);
    expect(bookmark).toMatch(BOOKMARK);

    const read = await send(write.res.headers.get('location')!, { headers: { cookie: `${session}; __Host-d1b=${bookmark}` } });
    expect(read.res.status).toBe(200);
    expect(read.starts).toEqual([bookmark]);
    expect(read.body).toContain('拖欠劳动报酬');
    // The bookmark only moves forward (D1's bookmarks sort in commit order).
    const next = bookmarkCookie(read.res);
    if (next) expect(valueOf(next) >= bookmark).toBe(true);
  });

  it('signing in sets the bookmark with the session, so the first page finds the session just opened', async () => {
    const res = await send('/login', {
      method: 'POST',
      body: new URLSearchParams({ username: 'petition', password: PASSWORD }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
    });
    expect(res.res.status).toBe(303);
    expect(res.res.headers.getSetCookie().some((c) => c.startsWith('__Host-session='))).toBe(true);
    expect(valueOf(bookmarkCookie(res.res)!)).toMatch(BOOKMARK);
  });

  it('signed-out pages read any replica and set no bookmark cookie', async () => {
    for (const path of ['/login', '/']) {
      const { res, starts } = await send(path);
      expect(res.status, path).toBeLessThan(400);
      expect(starts, path).toEqual(['first-unconstrained']);
      expect(bookmarkCookie(res), path).toBeUndefined();
    }
  });

  it('a signed-in page without a bookmark reads any replica, and hands one back', async () => {
    const { res, starts } = await send('/cases', { headers: { cookie: await sessionOf('judge') } });
    expect(res.status).toBe(200);
    expect(starts).toEqual(['first-unconstrained']);
    expect(valueOf(bookmarkCookie(res)!)).toMatch(BOOKMARK);
  });
});

describe('API callers carry the bookmark in x-d1-bookmark', () => {
  it('every answer carries one, and a read sent with it continues from it', async () => {
    const { id } = await insertFreshCase({}, { judgeId: userId('judge') });
    const issued = await api('POST', `/users/${userId('judge')}/tokens`, { as: 'admin', json: { name: '审判流程管理系统' } });
    expect(issued.status).toBe(201);
    const auth = { authorization: `Bearer ${issued.body.token}`, 'content-type': 'application/json' };
    const write = await send(`/api/v1/cases/${id}/flags`, { method: 'POST', body: JSON.stringify({ factor: 'GROUP_DISPUTE' }), headers: auth });
    expect(write.res.status).toBe(201);
    expect(write.starts).toEqual(['first-primary']);
    const bookmark = write.res.headers.get('x-d1-bookmark')!;
    expect(bookmark).toMatch(BOOKMARK);
    // A token caller keeps no cookies.
    expect(bookmarkCookie(write.res)).toBeUndefined();

    const read = await send(`/api/v1/cases/${id}`, { headers: { ...auth, 'x-d1-bookmark': bookmark } });
    expect(read.res.status).toBe(200);
    expect(read.starts).toEqual([bookmark]);
    expect(JSON.stringify(JSON.parse(read.body))).toContain('GROUP_DISPUTE');
    expect(read.res.headers.get('x-d1-bookmark')! >= bookmark).toBe(true);
  });

  it('an answer that needed no query hands back the bookmark it was sent', async () => {
    const bookmark = (await send('/api/v1/me', { headers: { cookie: await sessionOf('judge') } })).res.headers.get('x-d1-bookmark')!;
    expect(bookmark).toMatch(BOOKMARK);
    const { res, starts } = await send('/api/v1/me', { headers: { 'x-d1-bookmark': bookmark } });
    expect(res.status).toBe(401);
    expect(starts).toEqual([bookmark]);
    expect(res.headers.get('x-d1-bookmark')).toBe(bookmark);
  });
});

describe('a bookmark that is not one', () => {
  it.each([
    ['garbage', 'not-a-bookmark'],
    ['a constraint smuggled in', 'first-unconstrained'],
    ['too long', `${'0'.repeat(8)}-${'0'.repeat(8)}-${'0'.repeat(8)}-${'0'.repeat(400)}`],
    ['with SQL in it', "00000000-00000000-00000000-00000000000000000000000000000000'; DROP TABLE cases; --"],
  ])('%s, in the header or the cookie: ignored, the request starts at the primary, and a good bookmark comes back', async (_name, bad) => {
    const viaHeader = await send('/api/v1/me', { headers: { cookie: await sessionOf('judge'), 'x-d1-bookmark': bad } });
    expect(viaHeader.res.status).toBe(200);
    expect(viaHeader.starts).toEqual(['first-primary']);
    expect(viaHeader.res.headers.get('x-d1-bookmark')).toMatch(BOOKMARK);

    const viaCookie = await send('/cases', { headers: { cookie: `${await sessionOf('judge')}; __Host-d1b=${encodeURIComponent(bad)}` } });
    expect(viaCookie.res.status).toBe(200);
    expect(viaCookie.starts).toEqual(['first-primary']);
    expect(valueOf(bookmarkCookie(viaCookie.res)!)).toMatch(BOOKMARK);
  });
});
