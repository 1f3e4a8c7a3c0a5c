import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDay } from '../../src/domain/time.ts';
import { api, count, insertUser, page, seedWorld, signIn, userId } from '../helpers.ts';
import { inMinutes, itemOf, proposedWarning, publishedMeeting, refusedWithoutWrites, warningRow } from '../meetings-support.ts';

beforeAll(async () => {
  await seedWorld();
  // The enforcement bureau of 城关区法院: an action item owned by the division reaches its members.
  await insertUser({ username: 'bureau', name: '执行局长', roles: ['enforcement_judge'], court: 3 });
  await env.DB.prepare("UPDATE users SET division = '执行局' WHERE id = ?").bind(userId('bureau')).run();
  await signIn('coordinator', 'petition', 'judge', 'judge2', 'judge0103', 'enforcer', 'bureau', 'leader');
});


/** A held meeting (started days ago) with a warning followed up and action items on it; `due` in days from today. */
async function followedUp(items: { text: string; owner: { ownerId?: string; ownerDivision?: string }; due: number }[]) {
  const w = await proposedWarning();
  const m = await publishedMeeting([w.warningId], { startsAt: inMinutes(-60 * 24 * 40) });
  const item = itemOf(m.body, w.warningId);
  await api('POST', `/meetings/${m.id}/agenda/${item.id}/decision`, { as: 'coordinator', json: { text: '由承办庭组织调解' } });
  const ids: string[] = [];
  for (const a of items) {
    const res = await api('POST', `/meetings/${m.id}/agenda/${item.id}/action-items`, {
      as: 'coordinator',
      json: { text: a.text, ...a.owner, dueOn: addDays(shanghaiDay(), a.due) },
    });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    ids.push(res.body.id);
  }
  return { warningId: w.warningId, meetingId: m.id, ids };
}

describe('我的督办事项', () => {
  it("lists the caller's items — as the person, or its division at its court — overdue first with the days", async () => {
    const { ids } = await followedUp([
      { text: '回访当事人', owner: { ownerId: userId('judge') }, due: 5 },
      { text: '核查被执行人财产', owner: { ownerDivision: 'enforcement' }, due: -3 },
      { text: '组织调解', owner: { ownerId: userId('judge') }, due: -9 },
    ]);
    const mine = await api('GET', '/action-items?mine=1', { as: 'judge' });
    expect(mine.status).toBe(200);
    const judgeIds = mine.body.items.map((a: any) => a.id).filter((id: string) => ids.includes(id));
    expect(judgeIds).toEqual([ids[2], ids[0]]);
    expect(mine.body.items.find((a: any) => a.id === ids[2])).toMatchObject({ dueStatus: 'overdue', daysOverdue: 9, allowedActions: ['complete'] });
    const bureau = await api('GET', '/action-items?mine=1', { as: 'bureau' });
    expect(bureau.body.items.map((a: any) => a.id)).toContain(ids[1]);
    expect(bureau.body.items.find((a: any) => a.id === ids[1]).allowedActions).toEqual(['complete']);
    // Not another judge's, not another court's.
    expect((await api('GET', '/action-items?mine=1', { as: 'judge2' })).body.items.map((a: any) => a.id)).not.toContain(ids[0]);
    expect((await api('GET', '/action-items?mine=1', { as: 'enforcer' })).body.items.map((a: any) => a.id)).not.toContain(ids[1]);
    // The items of the meetings in scope are for the office roles; a judge asking for them is 403.
    const scope = await api('GET', '/action-items?overdue=1', { as: 'coordinator' });
    expect(scope.body.items.map((a: any) => a.id)).toEqual(expect.arrayContaining([ids[1], ids[2]]));
    expect(scope.body.items.map((a: any) => a.id)).not.toContain(ids[0]);
    expect((await api('GET', '/action-items', { as: 'judge' })).status).toBe(403);
    expect((await api('GET', '/action-items?mine=1&state=done', { as: 'judge' })).body.items.map((a: any) => a.id)).not.toContain(ids[0]);
  });

  it('the owner completes one with a note and the version seen; a stale version is 409 with the item as it is now, nothing written', async () => {
    const { ids } = await followedUp([{ text: '回访当事人', owner: { ownerId: userId('judge') }, due: 5 }]);
    const [id] = ids;
    const noNote = await refusedWithoutWrites(() => api('POST', `/action-items/${id}/complete`, { as: 'judge', json: { note: ' ', version: 1 } }), 422);
    expect(noNote.body.error.issues[0]).toMatchObject({ path: ['note'], message: '请填写办理情况' });
    await refusedWithoutWrites(() => api('POST', `/action-items/${id}/complete`, { as: 'judge2', json: { note: '已办', version: 1 } }), 404);
    await refusedWithoutWrites(() => api('POST', `/action-items/${id}/cancel`, { as: 'judge', json: { reason: '不需要', version: 1 } }), 403);
    // The coordinator moves the due day meanwhile: the judge's version 1 is stale.
    const moved = await api('POST', `/action-items/${id}/reschedule`, { as: 'coordinator', json: { dueOn: addDays(shanghaiDay(), 20), version: 1 } });
    expect(moved.status).toBe(200);
    const stale = await refusedWithoutWrites(() => api('POST', `/action-items/${id}/complete`, { as: 'judge', json: { note: '已回访', version: 1 } }), 409);
    expect(stale.body.error.current).toMatchObject({ id, version: 2, state: 'open', dueOn: addDays(shanghaiDay(), 20) });
    const done = await api('POST', `/action-items/${id}/complete`, { as: 'judge', json: { note: '已回访，当事人情绪平稳', version: 2 } });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ state: 'done', note: '已回访，当事人情绪平稳', closedBy: { id: userId('judge') }, version: 3, allowedActions: [] });
    expect(await count('audit_log', "action = 'action_item.complete' AND entity_id = ?", id)).toBe(1);
    const again = await refusedWithoutWrites(() => api('POST', `/action-items/${id}/complete`, { as: 'judge', json: { note: '再办', version: 3 } }), 409);
    expect(again.body.error.message).toContain('不能执行');
  });

  it('the coordinator cancels with a reason, changes the owner (the new owner is told) and the due day; bad input is 422', async () => {
    const { ids } = await followedUp([{ text: '核查财产', owner: { ownerId: userId('judge') }, due: 5 }]);
    const [id] = ids;
    const reassigned = await api('POST', `/action-items/${id}/reassign`, { as: 'coordinator', json: { ownerDivision: 'enforcement', ownerCourtId: 3, version: 1 } });
    expect(reassigned.status).toBe(200);
    expect(reassigned.body.owner).toMatchObject({ division: 'enforcement', person: null, court: { id: 3 } });
    expect(await count('notifications', "kind = 'action_item_assigned' AND action_item_id = ? AND user_id = ?", id, userId('bureau'))).toBe(1);
    await refusedWithoutWrites(() => api('POST', `/action-items/${id}/reassign`, { as: 'coordinator', json: { version: 2 } }), 422);
    await refusedWithoutWrites(() => api('POST', `/action-items/${id}/reassign`, { as: 'coordinator', json: { ownerId: userId('judge2'), version: 2 } }), 422);
    await refusedWithoutWrites(() => api('POST', `/action-items/${id}/reschedule`, { as: 'coordinator', json: { dueOn: '2026-02-30', version: 2 } }), 422);
    await refusedWithoutWrites(() => api('POST', `/action-items/${id}/cancel`, { as: 'coordinator', json: { reason: '', version: 2 } }), 422);
    await refusedWithoutWrites(() => api('POST', `/action-items/${id}/cancel`, { as: 'petition', json: { reason: '已移送', version: 2 } }), 403);
    const cancelled = await api('POST', `/action-items/${id}/cancel`, { as: 'coordinator', json: { reason: '案件已移送上级法院', version: 2 } });
    expect(cancelled.body).toMatchObject({ state: 'cancelled', reason: '案件已移送上级法院' });
  });

  it('once every action item of a followed-up warning is done, its page asks the petition office to resolve it', async () => {
    const { warningId, meetingId, ids } = await followedUp([
      { text: '回访当事人', owner: { ownerId: userId('judge') }, due: 5 },
      { text: '核查财产', owner: { ownerDivision: 'enforcement' }, due: 5 },
    ]);
    expect((await api('POST', `/meetings/${meetingId}/finalize`, { as: 'coordinator' })).status).toBe(200);
    expect(await warningRow(warningId)).toMatchObject({ state: 'in_followup' });
    const prompt = '本预警的督办事项已全部办结';
    await api('POST', `/action-items/${ids[0]}/complete`, { as: 'judge', json: { note: '已回访', version: 1 } });
    expect((await page(`/warnings/${warningId}`, 'petition')).html).not.toContain(prompt);
    await api('POST', `/action-items/${ids[1]}/complete`, { as: 'bureau', json: { note: '已核查', version: 1 } });
    const html = (await page(`/warnings/${warningId}`, 'petition')).html;
    expect(html).toContain(prompt);
    expect(html).toContain('已回访');
    // The judge sees the warning read-only: no prompt for it.
    expect((await page(`/warnings/${warningId}`, 'judge')).html).not.toContain(prompt);
    const w = await api('GET', `/warnings/${warningId}`, { as: 'petition' });
    const resolved = await api('POST', `/warnings/${warningId}/actions`, { as: 'petition', json: { action: 'resolve', version: w.body.version, outcome: 'petition_ceased' } });
    expect(resolved.body.state).toBe('resolved');
  });
});
