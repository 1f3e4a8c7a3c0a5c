import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDay, addDays, daysBetween } from '../../src/domain/time.ts';
import { api, count, insertCase, page, postForm, seedWorld, sessionOf, userId } from '../helpers.ts';

let serial = 8100;
const number = () => `（2026）甘0102民初${serial++}号`;
const judgeCase = (overrides = {}) => insertCase(number(), { judgeId: userId('judge'), filedOn: addDays(shanghaiDay(), -40), ...overrides });
const caseOf = async (id: string) => (await api('GET', `/cases/${id}`, { as: 'petition' })).body;
const audits = (id: string, action = 'case.update') => count('audit_log', 'entity_id = ? AND action = ?', id, action);

beforeAll(seedWorld);

describe('PATCH /cases/{id}', () => {
  it('lets the case’s judge change the stage and party count, and re-scores the case in the same write', async () => {
    const id = await judgeCase();
    const before = await caseOf(id);
    const res = await api('PATCH', `/cases/${id}`, { as: 'judge', json: { version: before.version, stage: 'judgment', partyCount: 12 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stage: 'judgment', partyCount: 12, version: before.version + 1 });
    // 当事人十人以上 +2: the assessment changed with the edit, caused by it.
    expect(res.body.assessment).toMatchObject({ score: 2, level: 'blue', cause: 'case.update' });
    const row = await env.DB.prepare("SELECT before_json, after_json FROM audit_log WHERE entity_id = ? AND action = 'case.update'").bind(id).first<{ before_json: string; after_json: string }>();
    expect(JSON.parse(row!.before_json)).toMatchObject({ stage: 'trial', partyCount: 2 });
    expect(JSON.parse(row!.after_json)).toMatchObject({ stage: 'judgment', partyCount: 12 });
  });

  it('closes a case with closedAt: the stage becomes 结案 and days pending stop counting', async () => {
    const filed = addDays(shanghaiDay(), -400);
    const id = await judgeCase({ filedOn: filed });
    const closed = addDays(filed, 100);
    const res = await api('PATCH', `/cases/${id}`, { as: 'judge', json: { version: 1, closedAt: closed } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ stage: 'closed', closedAt: closed });
    const facts = await env.DB.prepare('SELECT a.facts_json FROM assessments a JOIN cases c ON c.assessment_id = a.id WHERE c.id = ?').bind(id).first<{ facts_json: string }>();
    expect(JSON.parse(facts!.facts_json).daysPending).toBe(daysBetween(filed, closed));
    // Reopening clears the closing date and goes back to trial.
    const reopened = await api('PATCH', `/cases/${id}`, { as: 'judge', json: { version: 2, closedAt: null } });
    expect(reopened.body).toMatchObject({ stage: 'trial', closedAt: null });
  });

  it('refuses a stale version with 409, says the current version, and writes nothing', async () => {
    const id = await judgeCase();
    await api('PATCH', `/cases/${id}`, { as: 'judge', json: { version: 1, summary: '第一次修改' } });
    const assessments = await count('assessments', 'case_id = ?', id);
    const res = await api('PATCH', `/cases/${id}`, { as: 'petition', json: { version: 1, stage: 'judgment' } });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('第 2 版');
    expect(res.body.error.current).toMatchObject({ version: 2, stage: 'trial' });
    expect(await audits(id)).toBe(1);
    expect(await count('assessments', 'case_id = ?', id)).toBe(assessments);
  });

  it('is for the case’s judge and the petition office: another judge of the court 403, another court 404', async () => {
    const id = await judgeCase({ judgeId: null });
    expect((await api('PATCH', `/cases/${id}`, { as: 'judge', json: { version: 1, summary: 'x' } })).status).toBe(403);
    expect((await api('PATCH', `/cases/${id}`, { as: 'judge2', json: { version: 1, summary: 'x' } })).status).toBe(404);
    expect((await api('PATCH', '/cases/no-such-case', { as: 'petition', json: { version: 1, summary: 'x' } })).status).toBe(404);
    expect(await audits(id)).toBe(0);
    expect((await api('PATCH', `/cases/${id}`, { as: 'petition', json: { version: 1, summary: '信访办补充案情' } })).status).toBe(200);
  });

  it('refuses bad content with 422 naming the field, writing nothing', async () => {
    const id = await judgeCase();
    const filed = (await caseOf(id)).filedAt;
    const early = await api('PATCH', `/cases/${id}`, { as: 'judge', json: { version: 1, closedAt: addDays(filed, -1) } });
    expect(early.status).toBe(422);
    expect(early.body.error.issues[0]).toMatchObject({ path: ['closedAt'] });
    const judge = await api('PATCH', `/cases/${id}`, { as: 'judge', json: { version: 1, judgeId: userId('judge2') } });
    expect(judge.status).toBe(422);
    expect(judge.body.error.issues[0].path).toEqual(['judgeId']);
    const few = await api('PATCH', `/cases/${id}`, { as: 'judge', json: { version: 1, partyCount: 1, parties: [{ name: '甲', role: 'plaintiff' }, { name: '乙', role: 'defendant' }] } });
    expect(few.status).toBe(422);
    expect((await api('PATCH', `/cases/${id}`, { as: 'judge', json: { stage: 'trial' } })).status).toBe(422);
    expect(await audits(id)).toBe(0);
    expect((await caseOf(id)).version).toBe(1);
  });

  it('writes nothing when nothing changes', async () => {
    const id = await judgeCase();
    const assessments = await count('assessments', 'case_id = ?', id);
    const res = await api('PATCH', `/cases/${id}`, { as: 'judge', json: { version: 1, stage: 'trial' } });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
    expect(await audits(id)).toBe(0);
    expect(await count('assessments', 'case_id = ?', id)).toBe(assessments);
  });

  it('replaces the parties; a vulnerable party counts in the facts', async () => {
    const id = await judgeCase();
    const res = await api('PATCH', `/cases/${id}`, {
      as: 'judge',
      json: { version: 1, parties: [{ name: '王某', role: 'plaintiff', vulnerable: true }, { name: '某公司', role: 'defendant' }, { name: '李某', role: 'third_party' }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.parties.map((p: { name: string }) => p.name)).toEqual(['王某', '某公司', '李某']);
    expect(res.body.partyCount).toBe(3);
    const facts = await env.DB.prepare('SELECT a.facts_json FROM assessments a JOIN cases c ON c.assessment_id = a.id WHERE c.id = ?').bind(id).first<{ facts_json: string }>();
    expect(JSON.parse(facts!.facts_json).hasVulnerableParty).toBe(true);
  });

  it('an edit and flags at the same moment: the edit is not refused for the flags, and the assessment counts both', async () => {
    const id = await judgeCase();
    const [edit, ...flags] = await Promise.all([
      api('PATCH', `/cases/${id}`, { as: 'petition', json: { version: 1, partyCount: 15 } }),
      ...['GROUP_DISPUTE', 'WAGE_ARREARS', 'THREAT_PETITION'].map((factor) => api('POST', `/cases/${id}/flags`, { as: 'judge', json: { factor } })),
    ]);
    expect(edit!.status).toBe(200);
    expect(flags.map((f) => f.status)).toEqual([201, 201, 201]);
    const a = (await api('GET', `/cases/${id}/assessment`, { as: 'petition' })).body;
    // 5 + 4 + 3 + 2 (ten or more parties) → red.
    expect({ score: a.score, level: a.level }).toEqual({ score: 14, level: 'red' });
  });
});

describe('PUT /cases/by-number/{caseNumber}', () => {
  const body = (n: string, extra = {}) => ({ caseNumber: n, cause: '建设工程施工合同纠纷', stage: 'trial', filedAt: addDays(shanghaiDay(), -20), parties: [{ name: '甲公司', role: 'plaintiff' }], ...extra });

  it('creates (201) in either parenthesis width; the same body again writes nothing and answers the same case', async () => {
    const n = `(2026)甘0102民初${serial++}号`;
    const path = `/cases/by-number/${encodeURIComponent(n)}`;
    const first = await api('PUT', path, { as: 'judge', json: body(n) });
    expect(first.status).toBe(201);
    expect(first.body.caseNumber).toBe(n.replace('(', '（').replace(')', '）'));
    const audit = await count('audit_log', 'entity_id = ?', first.body.id);
    const second = await api('PUT', path, { as: 'judge', json: body(n) });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(await count('audit_log', 'entity_id = ?', first.body.id)).toBe(audit);
    expect(await count('cases', 'case_number = ?', first.body.caseNumber)).toBe(1);
  });

  it('updates (200) when the body differs, and re-scores', async () => {
    const n = number();
    const path = `/cases/by-number/${encodeURIComponent(n)}`;
    await api('PUT', path, { as: 'petition', json: body(n) });
    const res = await api('PUT', path, { as: 'petition', json: body(n, { partyCount: 120 }) });
    expect(res.status).toBe(200);
    expect(res.body.partyCount).toBe(120);
    expect(res.body.assessment).toMatchObject({ level: 'red', cause: 'case.update' });
  });

  it('refuses a body whose number differs from the address (422), and another court’s case as out of scope (422), writing nothing', async () => {
    const n = number();
    const mismatch = await api('PUT', `/cases/by-number/${encodeURIComponent(n)}`, { as: 'judge', json: body(number()) });
    expect(mismatch.status).toBe(422);
    expect(mismatch.body.error.issues[0].path).toEqual(['caseNumber']);
    const existing = number();
    const created = await api('PUT', `/cases/by-number/${encodeURIComponent(existing)}`, { as: 'judge', json: body(existing) });
    const other = await api('PUT', `/cases/by-number/${encodeURIComponent(existing)}`, { as: 'judge2', json: body(existing, { cause: '改' }) });
    expect(other.status).toBe(422);
    expect(other.body.error.issues[0].path).toEqual(['caseNumber']);
    expect(await audits(created.body.id)).toBe(0);
    expect((await caseOf(created.body.id)).cause).toBe('建设工程施工合同纠纷');
  });

  it('two systems pushing the same new case at once: one creates it, the other finds it, one case', async () => {
    const n = number();
    const path = `/cases/by-number/${encodeURIComponent(n)}`;
    const answers = await Promise.all([api('PUT', path, { as: 'judge', json: body(n) }), api('PUT', path, { as: 'petition', json: body(n) })]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    expect(await count('cases', 'case_number = ?', n)).toBe(1);
  });
});

describe('the case page', () => {
  async function postEdit(id: string, as: string, fields: Record<string, string>) {
    const res = await postForm(`/cases/${id}/edit`, fields, { cookie: await sessionOf(as) });
    return { status: res.status, location: res.headers.get('location'), html: await res.text() };
  }
  const form = (over: Record<string, string> = {}) => ({ version: '1', cause: '民间借贷纠纷', stage: 'trial', closedAt: '', amountInDispute: '50000', partyCount: '2', judgeId: userId('judge'), summary: '', 'parties.0.name': '张某', 'parties.0.role': 'plaintiff', 'parties.1.name': '李某某', 'parties.1.role': 'defendant', ...over });

  it('offers the edit form to the case’s judge and the petition office, not to others who only read', async () => {
    const id = await judgeCase();
    expect((await page(`/cases/${id}`, 'judge')).html).toContain(`action="/cases/${id}/edit"`);
    expect((await page(`/cases/${id}`, 'petition')).html).toContain(`action="/cases/${id}/edit"`);
    expect((await page(`/cases/${id}`, 'leader')).html).not.toContain(`action="/cases/${id}/edit"`);
  });

  it('saves without JavaScript (303), then shows the notice and the change in the history', async () => {
    const id = await judgeCase();
    const res = await postEdit(id, 'judge', form({ stage: 'judgment' }));
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/cases/${id}?done=updated#case-facts`);
    const after = await page(`/cases/${id}?done=updated`, 'judge');
    expect(after.html).toContain('案件信息已保存');
    expect(after.html).toContain('阶段：审理 → 裁判');
  });

  it('after someone else’s change answers 409, keeps what was typed and now carries the current version', async () => {
    const id = await judgeCase();
    await api('PATCH', `/cases/${id}`, { as: 'petition', json: { version: 1, summary: '信访办已补充' } });
    const res = await postEdit(id, 'judge', form({ cause: '我输入的新案由' }));
    expect(res.status).toBe(409);
    expect(res.html).toContain('现为第 2 版');
    expect(res.html).toContain('value="我输入的新案由"');
    expect(res.html).toContain('name="version" value="2"');
    expect((await caseOf(id)).cause).toBe('民间借贷纠纷');
  });

  it('says to reload when the form carries no usable version (422), changing nothing', async () => {
    const id = await judgeCase();
    const res = await postEdit(id, 'judge', form({ version: 'abc', stage: 'judgment' }));
    expect(res.status).toBe(422);
    expect(res.html).toContain('刷新页面');
    expect((await caseOf(id)).stage).toBe('trial');
  });

  it('puts a bad field’s message under it (422) and changes nothing', async () => {
    const id = await judgeCase();
    const res = await postEdit(id, 'judge', form({ stage: 'closed', closedAt: '' }));
    expect(res.status).toBe(422);
    expect(res.html).toContain('id="e-closed-error"');
    expect(res.html).toContain('已结案的案件须填写结案日期');
    expect((await caseOf(id)).version).toBe(1);
  });
});
