import { beforeAll, describe, expect, it } from 'vitest';
import { api, count, insertCase, insertFreshCase, seedWorld, signIn, userId } from '../helpers.ts';

// Cases the tests read and never change: a test that flags makes its own case.
let civil: string; // （2024）甘0102民初1234号, the judge's court
let enforcement: string; // （2024）甘0102执3456号
let tianshui: string; // （2025）甘0502民初77号, judge2's court

beforeAll(async () => {
  await seedWorld();
  civil = await insertCase('（2024）甘0102民初1234号', { cause: '追索劳动报酬纠纷', judgeId: userId('judge'), partyCount: 36 });
  enforcement = await insertCase('（2024）甘0102执3456号', { cause: '民间借贷纠纷' });
  tianshui = await insertCase('（2025）甘0502民初77号', { cause: '离婚纠纷' });
  await insertCase('（2025）甘0103民初5号', { cause: '房屋买卖合同纠纷' });
});

const newCase = (overrides: Record<string, unknown> = {}) => ({
  caseNumber: '(2026)甘0102民初901号',
  cause: '机动车交通事故责任纠纷',
  stage: 'trial',
  filedAt: '2026-11-02',
  amountInDispute: 120000,
  parties: [
    { name: '刘某', role: 'plaintiff', vulnerable: true },
    { name: '兰州某某运输有限公司', role: 'defendant' },
  ],
  ...overrides,
});

describe('POST /api/v1/cases', () => {
  it('creates a case; court and category come from the number, stored in full width', async () => {
    const res = await api('POST', '/cases', { as: 'judge', json: newCase() });
    expect(res.status).toBe(201);
    expect(res.body.caseNumber).toBe('（2026）甘0102民初901号');
    expect(res.body.court.code).toBe('甘0102');
    expect(res.body.category).toBe('civil');
    expect(res.body.partyCount).toBe(2);
    expect(res.body.judge.id).toBe(userId('judge'));
    expect(res.body.parties.map((p: { name: string }) => p.name)).toEqual(['刘某', '兰州某某运输有限公司']);
    expect(await count('audit_log', "action = 'case.create' AND entity_id = ?", res.body.id)).toBe(1);
  });

  it('refuses a malformed case number with 422 naming the wrong part, and writes nothing', async () => {
    await signIn('judge');
    const cases = await count('cases');
    const audits = await count('audit_log');
    const res = await api('POST', '/cases', { as: 'judge', json: newCase({ caseNumber: '（2026）甘0102民X901号' }) });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid');
    expect(res.body.error.issues[0].path).toEqual(['caseNumber']);
    expect(res.body.error.issues[0].message).toContain('类型代字“民X”');
    expect(await count('cases')).toBe(cases);
    expect(await count('audit_log')).toBe(audits);
  });

  it('gives the 422 messages in English when asked', async () => {
    const res = await api('POST', '/cases', {
      as: 'judge',
      json: newCase({ caseNumber: '(2026)甘0102民初0901号', stage: 'nope' }),
      headers: { 'accept-language': 'en' },
    });
    expect(res.status).toBe(422);
    const byPath = Object.fromEntries(res.body.error.issues.map((i: { path: string[]; message: string }) => [i.path.join('.'), i.message]));
    expect(byPath.caseNumber).toContain('serial “0901”');
    expect(byPath.stage).toContain('Invalid value');
  });

  it('answers broken JSON with 400 and writes nothing', async () => {
    const cases = await count('cases');
    const res = await api('POST', '/cases', { as: 'judge', body: '{"caseNumber": "（2026）甘0102民初902号",' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('malformed');
    expect(res.body.error.message).toContain('JSON');
    expect(await count('cases')).toBe(cases);
  });

  it('names missing fields', async () => {
    const res = await api('POST', '/cases', { as: 'judge', json: {} });
    expect(res.status).toBe(422);
    const paths = res.body.error.issues.map((i: { path: string[] }) => i.path[0]);
    expect(paths).toEqual(expect.arrayContaining(['caseNumber', 'cause', 'stage', 'filedAt']));
    expect(res.body.error.issues.find((i: { path: string[] }) => i.path[0] === 'cause').message).toBe('必填');
  });

  it('refuses a future filing date, a closed case without its closing date, too few parties', async () => {
    const res = await api('POST', '/cases', {
      as: 'judge',
      json: newCase({ filedAt: '2099-01-01', stage: 'closed', partyCount: 1 }),
    });
    expect(res.status).toBe(422);
    const paths = res.body.error.issues.map((i: { path: string[] }) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['filedAt', 'closedAt', 'partyCount']));
  });

  it('refuses an unknown court code and a court outside the caller’s scope (422)', async () => {
    const unknown = await api('POST', '/cases', { as: 'judge', json: newCase({ caseNumber: '（2026）甘9999民初1号' }) });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.issues[0].message).toContain('甘9999');
    const outside = await api('POST', '/cases', { as: 'judge', json: newCase({ caseNumber: '（2026）甘0502民初1号' }) });
    expect(outside.status).toBe(422);
    expect(outside.body.error.issues[0].message).toContain('管辖范围');
  });

  it('refuses a trial judge registering an enforcement case (403), and the wrong roles (403)', async () => {
    expect((await api('POST', '/cases', { as: 'judge', json: newCase({ caseNumber: '（2026）甘0102执1号' }) })).status).toBe(403);
    expect((await api('POST', '/cases', { as: 'coordinator', json: newCase({ caseNumber: '（2026）甘0102民初903号' }) })).status).toBe(403);
    expect((await api('POST', '/cases', { as: 'leader', json: newCase({ caseNumber: '（2026）甘0102民初904号' }) })).status).toBe(403);
  });

  it('lets the petition office register a case in a court below it', async () => {
    const res = await api('POST', '/cases', { as: 'petition', json: newCase({ caseNumber: '（2026）甘0103民初42号' }) });
    expect(res.status).toBe(201);
    expect(res.body.judge).toBeNull();
  });

  it('refuses a duplicate case number with 409', async () => {
    const res = await api('POST', '/cases', { as: 'judge', json: newCase({ caseNumber: '(2024)甘0102民初1234号' }) });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('已存在');
  });

  it('refuses a judge of another court as the case judge', async () => {
    const res = await api('POST', '/cases', { as: 'judge', json: newCase({ caseNumber: '（2026）甘0102民初905号', judgeId: userId('judge2') }) });
    expect(res.status).toBe(422);
    expect(res.body.error.issues[0].path).toEqual(['judgeId']);
  });

  it('answers anonymous callers with 401', async () => {
    expect((await api('POST', '/cases', { json: newCase() })).status).toBe(401);
  });
});

describe('GET /api/v1/cases', () => {
  it('finds a case by number in either parenthesis width', async () => {
    for (const number of ['(2024)甘0102民初1234号', '（2024）甘0102民初1234号', ' (2024) 甘0102民初1234号 ']) {
      const res = await api('GET', `/cases?number=${encodeURIComponent(number)}`, { as: 'judge' });
      expect(res.status).toBe(200);
      expect(res.body.items.map((c: { id: string }) => c.id)).toEqual([civil]);
    }
  });

  it('finds by a fragment of the number and by text in cause or party names', async () => {
    const frag = await api('GET', `/cases?number=${encodeURIComponent('民初1234')}`, { as: 'judge' });
    expect(frag.body.items.map((c: { id: string }) => c.id)).toContain(civil);
    const text = await api('GET', `/cases?q=${encodeURIComponent('劳动报酬')}`, { as: 'judge' });
    expect(text.body.items.map((c: { id: string }) => c.id)).toEqual([civil]);
    const party = await api('GET', `/cases?q=${encodeURIComponent('李某某')}`, { as: 'judge' });
    expect(party.body.total).toBeGreaterThan(0);
  });

  it('shows a trial judge only its court’s trial cases', async () => {
    const res = await api('GET', '/cases', { as: 'judge' });
    const numbers = res.body.items.map((c: { caseNumber: string }) => c.caseNumber);
    expect(numbers).toContain('（2024）甘0102民初1234号');
    expect(numbers).not.toContain('（2024）甘0102执3456号');
    expect(numbers.every((n: string) => n.includes('甘0102'))).toBe(true);
  });

  it('shows an enforcement judge only enforcement cases', async () => {
    const res = await api('GET', '/cases', { as: 'enforcer' });
    expect(res.body.items.map((c: { id: string }) => c.id)).toContain(enforcement);
    expect(res.body.items.every((c: { category: string; court: { code: string } }) => c.category === 'enforcement' && c.court.code === '甘0102')).toBe(true);
    // every one of them: other tests may have registered more
    expect(res.body.total).toBe(await count('cases', "court_id = 3 AND category = 'enforcement'"));
  });

  it('shows the petition office (甘01) its court and the courts below, not 天水', async () => {
    const res = await api('GET', '/cases', { as: 'petition' });
    const codes = new Set(res.body.items.map((c: { court: { code: string } }) => c.court.code));
    expect(codes.has('甘0102')).toBe(true);
    expect(codes.has('甘0103')).toBe(true);
    expect(codes.has('甘0502')).toBe(false);
  });

  it('shows the High Court leader everything', async () => {
    const res = await api('GET', '/cases', { as: 'leader' });
    expect(res.body.items.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([civil, enforcement, tianshui]));
  });

  it('refuses a bad filter with 422', async () => {
    expect((await api('GET', '/cases?stage=unknown', { as: 'judge' })).status).toBe(422);
    expect((await api('GET', '/cases?page=0', { as: 'judge' })).status).toBe(422);
  });
});

describe('GET /api/v1/cases/{id}', () => {
  it('reads a case in scope with parties and flags', async () => {
    const res = await api('GET', `/cases/${civil}`, { as: 'judge' });
    expect(res.status).toBe(200);
    expect(res.body.caseNumber).toBe('（2024）甘0102民初1234号');
    expect(res.body.parties).toHaveLength(2);
    expect(res.body.flags).toEqual([]);
  });

  it('answers 404 for another court’s case (judge2 and 甘0102) and for the wrong kind', async () => {
    const res = await api('GET', `/cases/${civil}`, { as: 'judge2' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    expect((await api('GET', `/cases/${enforcement}`, { as: 'judge' })).status).toBe(404);
    expect((await api('GET', `/cases/${tianshui}`, { as: 'petition' })).status).toBe(404);
    expect((await api('GET', '/cases/does-not-exist', { as: 'judge' })).status).toBe(404);
  });
});

describe('flags', () => {
  /** A fresh trial case of 甘0102 assigned to the judge. */
  const judgesCase = async () => (await insertFreshCase({}, { judgeId: userId('judge') })).id;

  it('adds a flag (201), refuses the same factor twice (409), withdraws it, keeps the history', async () => {
    const caseId = await judgesCase();
    const add = await api('POST', `/cases/${caseId}/flags`, { as: 'judge', json: { factor: 'GROUP_DISPUTE', note: '36名农民工集体讨薪' } });
    expect(add.status).toBe(201);
    expect(add.body.flag.factor).toBe('GROUP_DISPUTE');
    expect(add.body.flag.factorName).toBe('群体性纠纷');
    expect(add.body.flag.createdBy.displayName).toBe('王审判');

    const again = await api('POST', `/cases/${caseId}/flags`, { as: 'judge', json: { factor: 'GROUP_DISPUTE', note: '' } });
    expect(again.status).toBe(409);
    expect(await count('flags', 'case_id = ? AND withdrawn_at IS NULL', caseId)).toBe(1);

    const flagId = add.body.flag.id;
    const withdraw = await api('DELETE', `/cases/${caseId}/flags/${flagId}`, { as: 'judge', json: { note: '已达成和解' } });
    expect(withdraw.status).toBe(200);
    expect(withdraw.body.flag.active).toBe(false);
    expect(withdraw.body.flag.withdrawNote).toBe('已达成和解');

    const twice = await api('DELETE', `/cases/${caseId}/flags/${flagId}`, { as: 'judge' });
    expect(twice.status).toBe(409);

    const detail = await api('GET', `/cases/${caseId}`, { as: 'judge' });
    expect(detail.body.flags).toEqual([]);
    expect(detail.body.withdrawnFlags).toHaveLength(1);
    expect(detail.body.withdrawnFlags[0].withdrawnBy.displayName).toBe('王审判');
    const actions = await count('audit_log', "entity = 'case' AND entity_id = ? AND action IN ('flag.add', 'flag.withdraw')", caseId);
    expect(actions).toBe(2);
  });

  it('lets the factor be flagged again after withdrawal', async () => {
    const caseId = await judgesCase();
    const first = await api('POST', `/cases/${caseId}/flags`, { as: 'judge', json: { factor: 'GROUP_DISPUTE', note: '聚集讨薪' } });
    expect(first.status).toBe(201);
    expect((await api('DELETE', `/cases/${caseId}/flags/${first.body.flag.id}`, { as: 'judge', json: { note: '已平息' } })).status).toBe(200);
    const res = await api('POST', `/cases/${caseId}/flags`, { as: 'judge', json: { factor: 'GROUP_DISPUTE', note: '再次聚集' } });
    expect(res.status).toBe(201);
    expect(await count('flags', "case_id = ? AND factor_code = 'GROUP_DISPUTE' AND withdrawn_at IS NULL", caseId)).toBe(1);
  });

  it('refuses an unknown factor with 422 and writes nothing', async () => {
    const before = await count('flags');
    const res = await api('POST', `/cases/${civil}/flags`, { as: 'judge', json: { factor: 'NOT_A_FACTOR' } });
    expect(res.status).toBe(422);
    expect(res.body.error.issues[0].path).toEqual(['factor']);
    expect(await count('flags')).toBe(before);
  });

  it('lets the petition office flag a case in its scope', async () => {
    const res = await api('POST', `/cases/${await judgesCase()}/flags`, { as: 'petition', json: { factor: 'PRIOR_PETITION', note: '曾到市信访局上访' } });
    expect(res.status).toBe(201);
  });

  it('refuses roles that read but do not flag (403) and other courts (404)', async () => {
    expect((await api('POST', `/cases/${civil}/flags`, { as: 'leader', json: { factor: 'MEDIA_ATTENTION' } })).status).toBe(403);
    expect((await api('POST', `/cases/${civil}/flags`, { as: 'coordinator', json: { factor: 'MEDIA_ATTENTION' } })).status).toBe(403);
    expect((await api('POST', `/cases/${civil}/flags`, { as: 'judge2', json: { factor: 'MEDIA_ATTENTION' } })).status).toBe(404);
    expect((await api('POST', `/cases/${enforcement}/flags`, { as: 'judge', json: { factor: 'MEDIA_ATTENTION' } })).status).toBe(404);
  });

  it('lets the enforcement judge flag an enforcement case', async () => {
    const { id: caseId } = await insertFreshCase({ typeCode: '执' });
    const res = await api('POST', `/cases/${caseId}/flags`, { as: 'enforcer', json: { factor: 'ENFORCEMENT_IMPOSSIBLE', note: '被执行人名下无财产' } });
    expect(res.status).toBe(201);
  });

  it('answers 404 for a flag of another case', async () => {
    const caseId = await judgesCase();
    const other = await api('POST', `/cases/${caseId}/flags`, { as: 'judge', json: { factor: 'UNREALISTIC_DEMAND' } });
    expect((await api('DELETE', `/cases/${enforcement}/flags/${other.body.flag.id}`, { as: 'enforcer' })).status).toBe(404);
    expect(await count('flags', 'id = ? AND withdrawn_at IS NULL', other.body.flag.id)).toBe(1);
  });
});
