import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, count, flagCase, insertFreshCase, seedWorld, userId } from '../helpers.ts';

/**
 * A fresh case with a new warning; by default the judge's, flagged THREAT_PETITION 3 + GROUP_DISPUTE 5 → orange.
 * `courtCode` with `judge` give another court's case, flagged by that judge; `factors` another level.
 */
async function caseWithWarning(
  opts: { courtCode?: string; judge?: string; factors?: readonly string[] } = {},
): Promise<{ caseId: string; warningId: string }> {
  const judge = opts.judge ?? 'judge';
  const { id: caseId } = await insertFreshCase({ courtCode: opts.courtCode }, { judgeId: userId(judge) });
  const res = await flagCase(caseId, opts.factors ?? ['THREAT_PETITION', 'GROUP_DISPUTE'], judge);
  return { caseId, warningId: res.body.assessment.warningId };
}

const act = (id: string, body: Record<string, unknown>, as = 'petition') => api('POST', `/warnings/${id}/actions`, { as, json: body });
const warning = async (id: string, as = 'petition') => (await api('GET', `/warnings/${id}`, { as })).body;

beforeAll(seedWorld);

describe('warning actions', () => {
  it('acknowledges with the version seen, names the owner, writes timeline and audit in one go', async () => {
    const { warningId } = await caseWithWarning();
    const before = await warning(warningId);
    expect(before.state).toBe('open');
    expect(before.allowedActions).toContain('acknowledge');
    expect(before.dueAt).toBeTruthy();
    const res = await act(warningId, { action: 'acknowledge', version: before.version, note: '已联系承办法官' });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('acknowledged');
    expect(res.body.owner.id).toBe(userId('petition'));
    expect(res.body.version).toBe(before.version + 1);
    expect(res.body.dueAt).toBeNull();
    expect(res.body.timeline.at(-1)).toMatchObject({ kind: 'acknowledged', note: '已联系承办法官' });
    expect(res.body.timeline.at(-1).text).toContain('李信访');
    expect(await count('audit_log', "action = 'warning.acknowledge' AND entity_id = ?", warningId)).toBe(1);
  });

  it('refuses a stale version with 409 and the current warning, changing nothing', async () => {
    const { warningId } = await caseWithWarning();
    const w = await warning(warningId);
    await act(warningId, { action: 'acknowledge', version: w.version });
    const events = await count('warning_events', 'warning_id = ?', warningId);
    const res = await act(warningId, { action: 'dismiss', version: w.version, reason: '误报' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expect(res.body.error.current.state).toBe('acknowledged');
    expect(await count('warning_events', 'warning_id = ?', warningId)).toBe(events);
    expect((await warning(warningId)).state).toBe('acknowledged');
  });

  it('refuses a move the state machine forbids with 409', async () => {
    const { warningId } = await caseWithWarning();
    const w = await warning(warningId);
    const res = await act(warningId, { action: 'propose', version: w.version });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('新预警');
    expect((await warning(warningId)).version).toBe(w.version);
  });

  it('refuses dismissal without a reason (422) and resolution without an outcome (422)', async () => {
    const { warningId } = await caseWithWarning();
    const w = await warning(warningId);
    const res = await act(warningId, { action: 'dismiss', version: w.version, reason: '  ' });
    expect(res.status).toBe(422);
    expect(res.body.error.issues[0].path).toEqual(['reason']);
    expect(res.body.error.issues[0].message).toContain('排除理由');
    await act(warningId, { action: 'acknowledge', version: w.version });
    const acked = await warning(warningId);
    const resolve = await act(warningId, { action: 'resolve', version: acked.version });
    expect(resolve.status).toBe(422);
    expect(resolve.body.error.issues[0].path).toEqual(['outcome']);
    expect((await warning(warningId)).version).toBe(acked.version);
  });

  it('refuses judges (403), other courts (404) and malformed bodies (400/422)', async () => {
    const { warningId } = await caseWithWarning();
    const w = await warning(warningId);
    expect((await act(warningId, { action: 'acknowledge', version: w.version }, 'judge')).status).toBe(403);
    expect((await act(warningId, { action: 'acknowledge', version: w.version }, 'coordinator')).status).toBe(403);
    expect((await api('GET', `/warnings/${warningId}`, { as: 'judge2' })).status).toBe(404);
    expect((await act(warningId, { action: 'fly', version: w.version })).status).toBe(422);
    expect((await api('POST', `/warnings/${warningId}/actions`, { as: 'petition', body: '{"action":' })).status).toBe(400);
    expect((await warning(warningId)).version).toBe(w.version);
  });

  it('goes open → acknowledged → proposed → dismissed, and reopens by itself when the level rises', async () => {
    const { caseId, warningId } = await caseWithWarning();
    let w = await warning(warningId);
    w = (await act(warningId, { action: 'acknowledge', version: w.version })).body;
    w = (await act(warningId, { action: 'propose', version: w.version, note: '需审执联席研究' })).body;
    expect(w.state).toBe('proposed');
    w = (await act(warningId, { action: 'dismiss', version: w.version, reason: '当事人已撤回上访意图' })).body;
    expect(w.state).toBe('dismissed');
    expect(w.reason).toBe('当事人已撤回上访意图');
    // The same level again does not reopen it …
    const same = await api('POST', `/cases/${caseId}/flags`, { as: 'judge', json: { factor: 'UNREALISTIC_DEMAND' } });
    expect(same.body.assessment.level).toBe('orange');
    expect((await warning(warningId)).state).toBe('dismissed');
    // … a higher one does.
    const up = await api('POST', `/cases/${caseId}/flags`, { as: 'judge', json: { factor: 'THREAT_EXTREME' } });
    expect(up.body.assessment).toMatchObject({ level: 'red', warningId });
    const reopened = await warning(warningId);
    expect(reopened.state).toBe('open');
    expect(reopened.timeline.at(-1).kind).toBe('auto_reopened');
    expect(await count('warnings', 'case_id = ?', caseId)).toBe(1);
  });

  it('lets a leader name the owning leader but nothing else', async () => {
    const { warningId } = await caseWithWarning();
    const w = await warning(warningId, 'leader');
    expect(w.allowedActions).toEqual(['assign_leader']);
    expect((await act(warningId, { action: 'acknowledge', version: w.version }, 'leader')).status).toBe(403);
    const res = await act(warningId, { action: 'assign_leader', version: w.version }, 'leader');
    expect(res.status).toBe(200);
    expect(res.body.leader.id).toBe(userId('leader'));
    const bad = await act(warningId, { action: 'assign_leader', version: res.body.version, leaderId: userId('judge') });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues[0].path).toEqual(['leaderId']);
  });

  it('escalates to the petition office of the court above, and not past the High Court', async () => {
    const { warningId } = await caseWithWarning();
    let w = await warning(warningId);
    w = (await act(warningId, { action: 'escalate', version: w.version, note: '涉及市直部门' })).body;
    expect(w.court.code).toBe('甘01');
    expect(w.escalations).toBe(1);
    w = (await act(warningId, { action: 'escalate', version: w.version })).body;
    expect(w.court.code).toBe('甘');
    const res = await act(warningId, { action: 'escalate', version: w.version });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain('最高一级');
  });

  it('resolves with an outcome and can be reopened by hand', async () => {
    const { warningId } = await caseWithWarning();
    let w = await warning(warningId);
    w = (await act(warningId, { action: 'acknowledge', version: w.version })).body;
    w = (await act(warningId, { action: 'resolve', version: w.version, outcome: 'mediated', note: '双方达成调解协议' })).body;
    expect(w).toMatchObject({ state: 'resolved', outcome: 'mediated' });
    expect(w.timeline.at(-1).text).toContain('调解和解');
    w = (await act(warningId, { action: 'reopen', version: w.version, note: '调解协议未履行' })).body;
    expect(w.state).toBe('open');
    expect(w.dueAt).toBeTruthy();
  });
});

describe('the queue', () => {
  it('filters, sorts by level and counts per state', async () => {
    const red = await caseWithWarning({ factors: ['THREAT_EXTREME'] });
    const orange = await caseWithWarning();
    const yellow = await caseWithWarning({ factors: ['GROUP_DISPUTE'] });
    const acknowledged = await act(yellow.warningId, { action: 'acknowledge', version: 1 });
    expect(acknowledged.status).toBe(200);
    const res = await api('GET', '/warnings?status=all&sort=level', { as: 'petition' });
    expect(res.status).toBe(200);
    const ids = res.body.items.map((w: { id: string }) => w.id);
    expect(ids).toEqual(expect.arrayContaining([red.warningId, orange.warningId, yellow.warningId]));
    expect(ids.indexOf(red.warningId)).toBeLessThan(ids.indexOf(orange.warningId));
    expect(ids.indexOf(orange.warningId)).toBeLessThan(ids.indexOf(yellow.warningId));
    const levels = res.body.items.map((w: { level: string }) => ['none', 'blue', 'yellow', 'orange', 'red'].indexOf(w.level));
    expect([...levels].sort((a, b) => b - a)).toEqual(levels);
    expect(res.body.counts.all).toBe(res.body.total);
    const open = await api('GET', '/warnings?status=open', { as: 'petition' });
    const openIds = open.body.items.map((w: { id: string }) => w.id);
    expect(openIds).toEqual(expect.arrayContaining([red.warningId, orange.warningId]));
    expect(openIds).not.toContain(yellow.warningId);
    expect(open.body.items.every((w: { state: string }) => w.state === 'open')).toBe(true);
    expect(open.body.total).toBe(res.body.counts.open ?? 0);
  });

  it('shows judges the warnings of their cases only, and nothing of other courts', async () => {
    const mine = await caseWithWarning();
    const tianshui = await caseWithWarning({ courtCode: '甘0502', judge: 'judge2' });
    const judge = await api('GET', '/warnings?status=all', { as: 'judge' });
    const judgeIds = judge.body.items.map((w: { id: string }) => w.id);
    expect(judgeIds).toContain(mine.warningId);
    expect(judgeIds).not.toContain(tianshui.warningId);
    expect(judge.body.items.every((w: { allowedActions: string[] }) => w.allowedActions.length === 0)).toBe(true);
    const judge2 = await api('GET', '/warnings?status=all', { as: 'judge2' });
    expect(judge2.body.items.map((w: { id: string }) => w.id)).toContain(tianshui.warningId);
    expect(judge2.body.items.every((w: { case: { court: { id: number } } }) => w.case.court.id === 6)).toBe(true);
  });

  it('bulk-acknowledges and reports the stale ones', async () => {
    const a = await caseWithWarning();
    const b = await caseWithWarning();
    const wa = await warning(a.warningId);
    const wb = await warning(b.warningId);
    const res = await api('POST', '/warnings/bulk-acknowledge', {
      as: 'petition',
      json: { items: [{ id: a.warningId, version: wa.version }, { id: b.warningId, version: wb.version - 1 }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.acknowledged).toEqual([a.warningId]);
    expect(res.body.failed).toEqual([expect.objectContaining({ id: b.warningId, code: 'conflict' })]);
    expect((await api('POST', '/warnings/bulk-acknowledge', { as: 'judge', json: { items: [{ id: a.warningId, version: 1 }] } })).status).toBe(403);
  });

  it('filters overdue open warnings by their review deadline', async () => {
    const { warningId } = await caseWithWarning();
    await env.DB.prepare("UPDATE warnings SET due_at = '2020-01-01T00:00:00.000Z' WHERE id = ?").bind(warningId).run();
    const res = await api('GET', '/warnings?overdue=1', { as: 'petition' });
    const row = res.body.items.find((w: { id: string }) => w.id === warningId);
    expect(row.overdue).toBe(true);
    expect(row.msLeft).toBeLessThan(0);
    expect(res.body.items.every((w: { overdue: boolean }) => w.overdue)).toBe(true);
  });
});
