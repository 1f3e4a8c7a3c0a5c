import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, count, PASSWORD, seedWorld, userId } from '../helpers.ts';

let caseId: string; // （2026）甘0102民初777号, created, flagged and withdrawn through the API
let tianshuiCase: string; // （2026）甘0502民初88号, judge2's court

interface Entry {
  id: number;
  at: string;
  actor: { id: string; displayName: string } | null;
  via: string;
  courtId: number | null;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
}

const newCase = (caseNumber: string) => ({
  caseNumber,
  cause: '追索劳动报酬纠纷',
  stage: 'trial',
  filedAt: '2026-09-01',
  parties: [{ name: '王某', role: 'plaintiff' }],
});

beforeAll(async () => {
  await seedWorld();
  const created = await api('POST', '/cases', { as: 'judge', json: newCase('（2026）甘0102民初777号') });
  caseId = created.body.id;
  const flag = await api('POST', `/cases/${caseId}/flags`, { as: 'judge', json: { factor: 'WAGE_ARREARS', note: '拖欠工资' } });
  await api('DELETE', `/cases/${caseId}/flags/${flag.body.flag.id}`, { as: 'judge', json: { note: '已支付' } });
  tianshuiCase = (await api('POST', '/cases', { as: 'judge2', json: newCase('（2026）甘0502民初88号') })).body.id;
  // an admin and a leader of 甘05 (天水中院), added through the API by the 甘 admin
  for (const [username, role] of [
    ['admin05', 'admin'],
    ['leader05', 'leader'],
  ] as const) {
    const res = await api('POST', '/users', {
      as: 'admin',
      json: { username, displayName: `天水${role}`, courtId: 5, roles: [role], password: PASSWORD },
    });
    if (res.status !== 201) throw new Error(`creating ${username}: ${res.status}`);
  }
});

describe('GET /api/v1/audit', () => {
  it('lets admin and leader read it; judge, enforcer, petition and coordinator get 403', async () => {
    for (const username of ['admin', 'leader']) {
      const res = await api('GET', '/audit', { as: username });
      expect(res.status, username).toBe(200);
      expect(res.body.total, username).toBeGreaterThan(0);
    }
    for (const username of ['judge', 'enforcer', 'petition', 'coordinator']) {
      const res = await api('GET', '/audit', { as: username });
      expect(res.status, username).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
      expect(res.body.error.message).toBe('您的角色无权进行此操作');
    }
  });

  it('answers anonymous callers with 401', async () => {
    expect((await api('GET', '/audit')).status).toBe(401);
  });

  it('filters by entity and id, newest first, with before/after as JSON', async () => {
    const res = await api('GET', `/audit?entity=case&id=${caseId}`, { as: 'leader' });
    expect(res.status).toBe(200);
    const all: Entry[] = res.body.items;
    expect(res.body.total).toBe(all.length);
    expect(all.every((e) => e.entity === 'case' && e.entityId === caseId && e.courtId === 3)).toBe(true);
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.id).toBeGreaterThan(all[i]!.id);
    // other writes (e.g. re-scoring) may add rows of their own; these three come newest first
    const items = all.filter((e) => ['case.create', 'flag.add', 'flag.withdraw'].includes(e.action));
    expect(items.map((e) => e.action)).toEqual(['flag.withdraw', 'flag.add', 'case.create']);

    const [withdraw, add, create] = items as [Entry, Entry, Entry];
    expect(withdraw.actor).toEqual({ id: userId('judge'), displayName: '王审判' });
    expect(withdraw.before).toMatchObject({ factor: 'WAGE_ARREARS', active: true });
    expect(withdraw.after).toMatchObject({ factor: 'WAGE_ARREARS', active: false, withdrawNote: '已支付' });
    expect(add.before).toBeNull();
    expect(add.after).toMatchObject({ factor: 'WAGE_ARREARS', note: '拖欠工资' });
    expect(create.after).toMatchObject({ caseNumber: '（2026）甘0102民初777号', cause: '追索劳动报酬纠纷' });
    // times are ISO 8601 with the Shanghai offset
    expect(withdraw.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+08:00$/);
  });

  it('filters by entity alone', async () => {
    const res = await api('GET', '/audit?entity=user', { as: 'admin' });
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((e: Entry) => e.entity === 'user')).toBe(true);
    expect(res.body.items.map((e: Entry) => e.action)).toContain('user.create');
  });

  it('finds nothing for an unknown id', async () => {
    const res = await api('GET', '/audit?entity=case&id=no-such-case', { as: 'admin' });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
    expect(res.body.total).toBe(0);
  });

  it('refuses a bad page with 422', async () => {
    expect((await api('GET', '/audit?page=0', { as: 'admin' })).status).toBe(422);
  });
});

describe('audit scope', () => {
  it.each(['admin05', 'leader05'])('%s (甘05) does not see the audit rows of 甘0102 cases', async (username) => {
    const byId = await api('GET', `/audit?entity=case&id=${caseId}`, { as: username });
    expect(byId.status).toBe(200);
    expect(byId.body.items).toEqual([]);
    expect(byId.body.total).toBe(0);

    const all = await api('GET', '/audit', { as: username });
    expect(all.status).toBe(200);
    const ids = all.body.items.map((e: Entry) => e.entityId);
    expect(ids).not.toContain(caseId);
    expect(all.body.items.every((e: Entry) => e.courtId === 5 || e.courtId === 6)).toBe(true);
    // but it does see its own subtree's case
    expect(ids).toContain(tianshuiCase);
  });

  it('the High Court leader sees both', async () => {
    const res = await api('GET', '/audit?entity=case', { as: 'leader' });
    const ids = res.body.items.map((e: Entry) => e.entityId);
    expect(ids).toEqual(expect.arrayContaining([caseId, tianshuiCase]));
  });
});

describe('the audit log is append-only', () => {
  it('refuses an UPDATE through env.DB', async () => {
    const before = await env.DB.prepare("SELECT action FROM audit_log WHERE entity_id = ? AND action = 'case.create'").bind(caseId).first<{ action: string }>();
    expect(before?.action).toBe('case.create');
    await expect(env.DB.prepare("UPDATE audit_log SET action = 'tampered' WHERE entity_id = ?").bind(caseId).run()).rejects.toThrow(/append-only/);
    expect(await count('audit_log', "action = 'tampered'")).toBe(0);
  });

  it('refuses a DELETE through env.DB', async () => {
    const rows = await count('audit_log');
    await expect(env.DB.prepare('DELETE FROM audit_log WHERE entity_id = ?').bind(caseId).run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare('DELETE FROM audit_log').run()).rejects.toThrow();
    expect(await count('audit_log')).toBe(rows);
  });
});
