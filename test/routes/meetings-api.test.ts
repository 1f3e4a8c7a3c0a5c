import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDay } from '../../src/domain/time.ts';
import { api, count, insertUser, seedWorld, signIn, userId } from '../helpers.ts';
import { draftMeeting, inMinutes, itemOf, meetingWith, proposedWarning, publishedMeeting, refusedWithoutWrites, warningRow } from '../meetings-support.ts';

beforeAll(async () => {
  await seedWorld();
  await insertUser({ username: 'coordinator05', name: '天水协调', roles: ['coordinator'], court: 5 });
  // A first sign-in writes an audit row: done here, so a refusal's "nothing written" counts only the request.
  await signIn('coordinator', 'coordinator05', 'petition', 'judge', 'judge2', 'judge0103', 'enforcer', 'leader', 'admin');
});


const json = (as: string, body: unknown) => ({ as, json: body });

describe('creating a meeting', () => {
  it("a coordinator creates a draft at its own court; a regular meeting gets the two standard items, the title is suggested", async () => {
    const res = await api('POST', '/meetings', json('coordinator', { kind: 'petition', scheduledAt: '2026-12-03T09:00:00+08:00', place: '第一会议室', chairId: userId('leader') }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'draft', title: '2026年12月涉诉信访联席会议', court: { id: 2 }, plannedMinutes: 120, startsAt: '2026-12-03T09:00:00+08:00' });
    expect(res.body.agenda.map((i: any) => i.kind)).toEqual(['data_report', 'previous_actions']);
    expect(res.body.allowedActions).toEqual(['edit_details', 'edit_agenda', 'publish', 'cancel']);
    expect(await count('audit_log', "action = 'meeting.create' AND entity_id = ?", res.body.id)).toBe(1);
  });

  it('refuses other roles with 403 and bad input with 422 naming the field, writing nothing', async () => {
    const good = { kind: 'case_coordination', scheduledAt: inMinutes(60), place: '第一会议室', chairId: userId('leader') };
    await refusedWithoutWrites(() => api('POST', '/meetings', json('petition', good)), 403);
    await refusedWithoutWrites(() => api('POST', '/meetings', json('judge', good)), 403);
    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await refusedWithoutWrites(() => api('POST', '/meetings', json('coordinator', { ...good, ...body })), 422);
      expect(res.body.error.issues.map((i: any) => i.path[0])).toContain(field);
      return res;
    };
    expect((await bad({ scheduledAt: '2026-13-40T09:00' }, 'scheduledAt')).body.error.issues[0].message).toContain('开始时间');
    await bad({ kind: 'weekly' }, 'kind');
    expect((await bad({ place: '', videoLink: '' }, 'place')).body.error.issues[0].message).toBe('请填写会议地点或视频会议链接');
    await bad({ videoLink: 'javascript:alert(1)' }, 'videoLink');
    await bad({ plannedMinutes: 5 }, 'plannedMinutes');
    // The chair must be a leader of this court or above: the petition officer is not one.
    expect((await bad({ chairId: userId('petition') }, 'chairId')).body.error.issues[0].message).toContain('院领导');
  });

  it('answers in English when asked', async () => {
    const res = await api('POST', '/meetings?lang=en', json('coordinator', { kind: 'petition', scheduledAt: 'soon', place: 'x', chairId: userId('leader') }));
    expect(res.status).toBe(422);
    expect(res.body.error.issues[0].message).toContain('Beijing time');
  });
});

describe('editing a draft and reading the pool', () => {
  it("changes a draft's particulars with the version seen (409 when stale), not its kind", async () => {
    const m = await draftMeeting({ kind: 'petition' });
    const body = { version: m.version, scheduledAt: '2026-12-20T14:30', plannedMinutes: 60, place: '', videoLink: 'https://meet.court.example/x', chairId: userId('leader'), participants: { divisions: ['petition'], outsideUnits: ['兰州市信访局', '兰州市信访局'] } };
    const res = await api('PATCH', `/meetings/${m.id}`, json('coordinator', body));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'petition', title: '2026年12月涉诉信访联席会议', startsAt: '2026-12-20T14:30:00+08:00', plannedMinutes: 60, videoLink: 'https://meet.court.example/x', divisions: ['petition'], outsideUnits: ['兰州市信访局'], version: m.version + 1 });
    const stale = await refusedWithoutWrites(() => api('PATCH', `/meetings/${m.id}`, json('coordinator', body)), 409);
    expect(stale.body.error.message).toContain('已被他人修改');
    expect(await count('audit_log', "action = 'meeting.update' AND entity_id = ?", m.id)).toBe(1);
  });

  it('answers the pool in pool order with its filters; other roles are refused', async () => {
    const a = await proposedWarning();
    const b = await proposedWarning({ typeCode: '执' });
    const all = await api('GET', '/meetings/pool', { as: 'coordinator' });
    expect(all.status).toBe(200);
    const ids = all.body.items.map((i: any) => i.warningId);
    expect(ids).toEqual(expect.arrayContaining([a.warningId, b.warningId]));
    const levels = all.body.items.map((i: any) => ['none', 'blue', 'yellow', 'orange', 'red'].indexOf(i.level));
    expect(levels).toEqual([...levels].sort((x: number, y: number) => y - x));
    const trial = await api('GET', '/meetings/pool?kind=trial', { as: 'coordinator' });
    expect(trial.body.items.map((i: any) => i.warningId)).toContain(a.warningId);
    expect(trial.body.items.map((i: any) => i.warningId)).not.toContain(b.warningId);
    expect(trial.body.items.find((i: any) => i.warningId === a.warningId)).toMatchObject({ proposedBy: '李信访', carryOvers: 0, case: { caseNumber: a.caseNumber, kind: 'trial' } });
    expect((await api('GET', '/meetings/pool', { as: 'petition' })).status).toBe(403);
  });
});

describe('who sees a meeting', () => {
  it("another court's meeting is 404 for the coordinator, the petition office and judges; the High Court's leader sees it", async () => {
    const tianshui = await draftMeeting({ as: 'coordinator05' });
    expect(tianshui.body.court.id).toBe(5);
    for (const as of ['coordinator', 'petition', 'judge', 'judge2']) expect((await api('GET', `/meetings/${tianshui.id}`, { as })).status, as).toBe(404);
    expect((await api('GET', `/meetings/${tianshui.id}`, { as: 'leader' })).status).toBe(200);
    const list = await api('GET', '/meetings', { as: 'coordinator' });
    expect(list.body.items.some((m: any) => m.id === tianshui.id)).toBe(false);
    // Writes to it are 404 too, not 403.
    await refusedWithoutWrites(() => api('POST', `/meetings/${tianshui.id}/publish`, { as: 'coordinator' }), 404);
  });

  it("a judge sees a meeting only where one of its cases is on the agenda, and then only that item's part", async () => {
    const mine = await proposedWarning();
    const other = await proposedWarning({ courtCode: '甘0103', judge: 'judge0103' });
    const m = await publishedMeeting([mine.warningId, other.warningId], { kind: 'trial_enforcement' });
    const res = await api('GET', `/meetings/${m.id}`, { as: 'judge' });
    expect(res.status).toBe(200);
    expect(res.body.fullView).toBe(false);
    expect(res.body.agenda.map((i: any) => i.case?.caseNumber)).toEqual([mine.caseNumber]);
    expect(res.body.report).toBeNull();
    expect(res.body.previousActions).toEqual([]);
    expect(res.body.allowedActions).toEqual([]);
    expect((await api('GET', `/meetings/${m.id}`, { as: 'judge2' })).status).toBe(404);
    const list = await api('GET', '/meetings', { as: 'judge' });
    expect(list.body.items.map((x: any) => x.id)).toContain(m.id);
    // The petition office and the leader see everything.
    expect((await api('GET', `/meetings/${m.id}`, { as: 'petition' })).body.agenda).toHaveLength(4);
  });
});

describe('the agenda', () => {
  it('adding a warning schedules it (timeline and audit in the same batch); removing it returns it to the pool', async () => {
    const w = await proposedWarning();
    const m = await draftMeeting();
    const add = await api('POST', `/meetings/${m.id}/agenda`, json('coordinator', { warningId: w.warningId }));
    expect(add.status).toBe(201);
    const item = itemOf(add.body, w.warningId);
    expect(await warningRow(w.warningId)).toMatchObject({ state: 'scheduled' });
    const w1 = await api('GET', `/warnings/${w.warningId}`, { as: 'petition' });
    expect(w1.body.timeline.at(-1)).toMatchObject({ kind: 'scheduled' });
    expect(w1.body.timeline.at(-1).text).toContain(m.body.title);
    expect(await count('audit_log', "action = 'meeting.agenda_add' AND entity_id = ?", m.id)).toBe(1);
    expect(await count('audit_log', "action = 'warning.schedule' AND entity_id = ?", w.warningId)).toBe(1);

    const removed = await api('DELETE', `/meetings/${m.id}/agenda/${item.id}`, { as: 'coordinator' });
    expect(removed.status).toBe(200);
    expect(removed.body.agenda).toHaveLength(0);
    expect(await warningRow(w.warningId)).toMatchObject({ state: 'proposed' });
    expect(await count('audit_log', "action = 'warning.unschedule' AND entity_id = ?", w.warningId)).toBe(1);
  });

  it('orders added warnings red first, then by score; moves keep the manual order; standard items stay first', async () => {
    const a = await proposedWarning();
    const b = await proposedWarning();
    const m = await meetingWith([a.warningId, b.warningId], { kind: 'trial_enforcement' });
    const order = (body: any) => body.agenda.map((i: any) => i.warning?.id ?? i.kind);
    expect(order(m.body)).toEqual(['data_report', 'previous_actions', a.warningId, b.warningId]);
    const ib = itemOf(m.body, b.warningId);
    const up = await api('PATCH', `/meetings/${m.id}/agenda/${ib.id}`, json('coordinator', { move: 'up' }));
    expect(up.status).toBe(200);
    expect(order(up.body)).toEqual(['data_report', 'previous_actions', b.warningId, a.warningId]);
    expect(up.body.agenda.map((i: any) => i.number)).toEqual([1, 2, 3, 4]);
    // The first warning item cannot go higher; a standard item does not move.
    const edge = await refusedWithoutWrites(() => api('PATCH', `/meetings/${m.id}/agenda/${ib.id}`, json('coordinator', { move: 'up' })), 409);
    expect(edge.body.error.message).toBe('该议题不能再移动');
    await refusedWithoutWrites(() => api('PATCH', `/meetings/${m.id}/agenda/${up.body.agenda[0].id}`, json('coordinator', { move: 'down' })), 409);
    // A third warning, as red as the others with the same score, goes after them: manual order kept.
    const c = await proposedWarning();
    const added = await api('POST', `/meetings/${m.id}/agenda`, json('coordinator', { warningId: c.warningId }));
    expect(order(added.body)).toEqual(['data_report', 'previous_actions', b.warningId, a.warningId, c.warningId]);
    expect(await count('audit_log', "action = 'meeting.agenda_move' AND entity_id = ?", m.id)).toBe(1);
  });

  it('sets presenter and minutes; the running total is against the planned length; a stranger as presenter is 422', async () => {
    const w = await proposedWarning();
    const m = await meetingWith([w.warningId]);
    const item = itemOf(m.body, w.warningId);
    const res = await api('PATCH', `/meetings/${m.id}/agenda/${item.id}`, json('coordinator', { presenterId: userId('judge'), minutes: 100 }));
    expect(res.status).toBe(200);
    expect(itemOf(res.body, w.warningId)).toMatchObject({ presenter: { id: userId('judge') }, minutes: 100 });
    expect(res.body.totals).toMatchObject({ allotted: 100, planned: 90, remaining: -10, over: true });
    const stranger = await refusedWithoutWrites(() => api('PATCH', `/meetings/${m.id}/agenda/${item.id}`, json('coordinator', { presenterId: userId('judge2') })), 422);
    expect(stranger.body.error.issues[0].path).toEqual(['presenterId']);
    await refusedWithoutWrites(() => api('PATCH', `/meetings/${m.id}/agenda/${item.id}`, json('coordinator', { minutes: 0 })), 422);
    await refusedWithoutWrites(() => api('PATCH', `/meetings/${m.id}/agenda/${item.id}`, json('coordinator', {})), 422);
  });

  it('refuses a warning that is not in the pool (409), unknown or of another court (422), and a second agenda (409), writing nothing', async () => {
    const w = await proposedWarning();
    const first = await meetingWith([w.warningId]);
    const second = await draftMeeting();
    const twice = await refusedWithoutWrites(() => api('POST', `/meetings/${second.id}/agenda`, json('coordinator', { warningId: w.warningId })), 409);
    expect(twice.body.error.message).toContain('另一个尚未定稿');
    const again = await refusedWithoutWrites(() => api('POST', `/meetings/${first.id}/agenda`, json('coordinator', { warningId: w.warningId })), 409);
    expect(again.body.error.message).toContain('已在本次会议议程中');
    const unknown = await refusedWithoutWrites(() => api('POST', `/meetings/${second.id}/agenda`, json('coordinator', { warningId: 'nope' })), 422);
    expect(unknown.body.error.issues[0].path).toEqual(['warningId']);
    const tianshui = await proposedWarning({ courtCode: '甘0502', judge: 'judge2' }).catch(() => null);
    if (tianshui) await refusedWithoutWrites(() => api('POST', `/meetings/${second.id}/agenda`, json('coordinator', { warningId: tianshui.warningId })), 422);
    // An acknowledged warning was not proposed: not in the pool.
    const acknowledged = await proposedWarning();
    const v = (await api('GET', `/warnings/${acknowledged.warningId}`, { as: 'petition' })).body.version;
    await api('POST', `/warnings/${acknowledged.warningId}/actions`, json('petition', { action: 'withdraw_proposal', version: v }));
    const notProposed = await refusedWithoutWrites(() => api('POST', `/meetings/${second.id}/agenda`, json('coordinator', { warningId: acknowledged.warningId })), 409);
    expect(notProposed.body.error.message).toContain('研判中');
    // A warning version that is not the current one is 409.
    const fresh = await proposedWarning();
    await refusedWithoutWrites(() => api('POST', `/meetings/${second.id}/agenda`, json('coordinator', { warningId: fresh.warningId, warningVersion: fresh.version - 1 })), 409);
    await refusedWithoutWrites(() => api('POST', `/meetings/${second.id}/agenda`, json('petition', { warningId: fresh.warningId })), 403);
  });

  it('freezes once published: adding, moving, removing and editing answer 409 saying the agenda is frozen', async () => {
    const a = await proposedWarning();
    const b = await proposedWarning();
    const m = await publishedMeeting([a.warningId], { startsAt: inMinutes(600) });
    const item = itemOf(m.body, a.warningId);
    for (const request of [
      () => api('POST', `/meetings/${m.id}/agenda`, json('coordinator', { warningId: b.warningId })),
      () => api('PATCH', `/meetings/${m.id}/agenda/${item.id}`, json('coordinator', { move: 'up' })),
      () => api('DELETE', `/meetings/${m.id}/agenda/${item.id}`, { as: 'coordinator' }),
      () => api('PATCH', `/meetings/${m.id}`, json('coordinator', { version: m.body.version, scheduledAt: inMinutes(700), place: 'x', chairId: userId('leader') })),
    ]) {
      const res = await refusedWithoutWrites(request, 409);
      expect(res.body.error.message).toContain('议程已冻结');
    }
  });
});

describe('publishing', () => {
  it('needs an agenda item; tells the chair, the presenters, the judges and the owners; freezes the open items of earlier meetings', async () => {
    const empty = await draftMeeting({ kind: 'case_coordination' });
    const refused = await refusedWithoutWrites(() => api('POST', `/meetings/${empty.id}/publish`, { as: 'coordinator' }), 409);
    expect(refused.body.error.message).toBe('议程至少需要一个议题才能发布');

    const w = await proposedWarning();
    const m = await meetingWith([w.warningId]);
    const item = itemOf(m.body, w.warningId);
    expect((await api('PATCH', `/meetings/${m.id}/agenda/${item.id}`, json('coordinator', { presenterId: userId('enforcer') }))).status).toBe(200);
    const stale = await refusedWithoutWrites(() => api('POST', `/meetings/${m.id}/publish`, json('coordinator', { version: m.body.version })), 409);
    expect(stale.body.error.message).toContain('已被他人修改');
    const res = await api('POST', `/meetings/${m.id}/publish`, json('coordinator', { version: m.body.version + 1 }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'published', allowedActions: ['record', 'cancel'] });
    const told = await env.DB.prepare("SELECT user_id FROM notifications WHERE meeting_id = ? AND kind = 'meeting_published' ORDER BY user_id").bind(m.id).all<{ user_id: string }>();
    // The chair, the presenter, the case's judge and the warning's owner (the petition officer); not the coordinator.
    expect(told.results.map((r) => r.user_id)).toEqual([userId('enforcer'), userId('judge'), userId('leader'), userId('petition')].sort());
    expect(await count('audit_log', "action = 'meeting.publish' AND entity_id = ?", m.id)).toBe(1);
    const again = await refusedWithoutWrites(() => api('POST', `/meetings/${m.id}/publish`, { as: 'coordinator' }), 409);
    expect(again.body.error.message).toContain('已发布');
  });
});

describe('recording', () => {
  it('before the start is a 409 that says when the meeting starts', async () => {
    const w = await proposedWarning();
    const m = await publishedMeeting([w.warningId], { startsAt: '2099-01-05T01:00:00Z' });
    const item = itemOf(m.body, w.warningId);
    const res = await refusedWithoutWrites(() => api('POST', `/meetings/${m.id}/agenda/${item.id}/decision`, json('coordinator', { text: '约谈' })), 409);
    expect(res.body.error.message).toBe('会议将于 2099-01-05 09:00 开始，开始后才能记录');
    await refusedWithoutWrites(() => api('POST', `/meetings/${m.id}/attendance`, json('coordinator', { present: ['陈院长'] })), 409);
    // A draft cannot be recorded at all.
    const draft = await draftMeeting();
    const d = await refusedWithoutWrites(() => api('POST', `/meetings/${draft.id}/attendance`, json('coordinator', { present: ['陈院长'] })), 409);
    expect(d.body.error.message).toContain('草稿');
  });

  it('the first record marks the meeting held; a decision names the leader in charge on the warning; a resolved outcome needs its resolution outcome', async () => {
    const w = await proposedWarning();
    const m = await publishedMeeting([w.warningId]);
    const item = itemOf(m.body, w.warningId);
    const att = await api('POST', `/meetings/${m.id}/attendance`, json('coordinator', { present: ['陈院长', '周协调'], absent: ['马某（请假）'] }));
    expect(att.status).toBe(200);
    expect(att.body).toMatchObject({ state: 'held', attendance: { present: ['陈院长', '周协调'], absent: ['马某（请假）'] } });

    const noOutcome = await refusedWithoutWrites(() => api('POST', `/meetings/${m.id}/agenda/${item.id}/decision`, json('coordinator', { text: '化解', outcome: 'resolved' })), 422);
    expect(noOutcome.body.error.issues[0]).toMatchObject({ path: ['resolutionOutcome'], message: '议题已化解的，请选择化解结果' });
    const notLeader = await refusedWithoutWrites(() => api('POST', `/meetings/${m.id}/agenda/${item.id}/decision`, json('coordinator', { text: '约谈', leaderId: userId('petition') })), 422);
    expect(notLeader.body.error.issues[0].path).toEqual(['leaderId']);

    const res = await api('POST', `/meetings/${m.id}/agenda/${item.id}/decision`, json('coordinator', { text: '由执行局牵头约谈被执行人', leaderId: userId('leader') }));
    expect(res.status).toBe(200);
    expect(itemOf(res.body, w.warningId).decision).toMatchObject({ text: '由执行局牵头约谈被执行人', number: 1, outcome: 'follow_up', leader: { id: userId('leader') }, version: 1 });
    expect(await warningRow(w.warningId)).toMatchObject({ state: 'scheduled', leader_id: userId('leader') });
    // Changing it needs the version seen.
    await refusedWithoutWrites(() => api('POST', `/meetings/${m.id}/agenda/${item.id}/decision`, json('coordinator', { text: '改', version: 7 })), 409);
    await refusedWithoutWrites(() => api('POST', `/meetings/${m.id}/agenda/${item.id}/decision`, json('coordinator', { text: '改' })), 409);
    const changed = await api('POST', `/meetings/${m.id}/agenda/${item.id}/decision`, json('coordinator', { text: '由执行局牵头，十日内约谈被执行人', leaderId: userId('leader'), version: 1 }));
    expect(itemOf(changed.body, w.warningId).decision).toMatchObject({ version: 2, text: '由执行局牵头，十日内约谈被执行人' });
    expect(await count('audit_log', "action = 'meeting.decision' AND entity_id = ?", item.id)).toBe(2);
  });

  it('action items: owner division or person, 30 days after the meeting by default; refused without an owner, before the meeting, or owned outside its courts', async () => {
    const w = await proposedWarning();
    const startsAt = inMinutes(-60 * 24 * 3);
    const m = await publishedMeeting([w.warningId], { startsAt });
    const item = itemOf(m.body, w.warningId);
    const url = `/meetings/${m.id}/agenda/${item.id}/action-items`;
    const res = await api('POST', url, json('coordinator', { text: '约谈被执行人，核查财产', ownerDivision: 'enforcement' }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      state: 'open',
      dueOn: addDays(shanghaiDay(startsAt), 30),
      owner: { division: 'enforcement', divisionName: '执行局', court: { id: 3 }, person: null, label: '兰州市城关区人民法院 · 执行局' },
      version: 1,
    });
    const person = await api('POST', url, json('coordinator', { text: '回访当事人', ownerId: userId('judge'), dueOn: addDays(shanghaiDay(startsAt), 10) }));
    expect(person.status).toBe(201);
    expect(await count('notifications', "kind = 'action_item_assigned' AND action_item_id = ? AND user_id = ?", person.body.id, userId('judge'))).toBe(1);
    expect((await refusedWithoutWrites(() => api('POST', url, json('coordinator', { text: '没有责任人' })), 422)).body.error.issues[0].path).toEqual(['ownerDivision']);
    const early = await refusedWithoutWrites(() => api('POST', url, json('coordinator', { text: 'x', ownerDivision: 'filing', dueOn: addDays(shanghaiDay(startsAt), -1) })), 422);
    expect(early.body.error.issues[0].path).toEqual(['dueOn']);
    await refusedWithoutWrites(() => api('POST', url, json('coordinator', { text: 'x', ownerId: userId('judge2') })), 422);
    await refusedWithoutWrites(() => api('POST', url, json('coordinator', { text: 'x', ownerDivision: 'filing', ownerCourtId: 6 })), 422);
    await refusedWithoutWrites(() => api('POST', url, json('coordinator', { text: 'x', ownerDivision: 'no_such' })), 422);
    await refusedWithoutWrites(() => api('POST', url, json('petition', { text: 'x', ownerDivision: 'filing' })), 403);
    expect(await count('audit_log', "action = 'action_item.create' AND entity_id = ?", res.body.id)).toBe(1);
  });
});

describe('finalizing and amending', () => {
  it('needs a decision on every followed-up item (409), a current version, then locks the minutes; withdrawn returns the warning to the office', async () => {
    const a = await proposedWarning();
    const b = await proposedWarning();
    const m = await publishedMeeting([a.warningId, b.warningId]);
    const ia = itemOf(m.body, a.warningId);
    const ib = itemOf(m.body, b.warningId);
    await api('POST', `/meetings/${m.id}/agenda/${ia.id}/decision`, json('coordinator', { text: '转信访办跟踪', outcome: 'withdrawn' }));
    const missing = await refusedWithoutWrites(() => api('POST', `/meetings/${m.id}/finalize`, { as: 'coordinator' }), 409);
    expect(missing.body.error.message).toContain('尚有议题未填写处置意见');
    const held = await api('POST', `/meetings/${m.id}/agenda/${ib.id}/decision`, json('coordinator', { text: '组织调解' }));
    await refusedWithoutWrites(() => api('POST', `/meetings/${m.id}/finalize`, json('coordinator', { version: held.body.version - 1 })), 409);
    await refusedWithoutWrites(() => api('POST', `/meetings/${m.id}/finalize`, { as: 'judge' }), 403);
    const res = await api('POST', `/meetings/${m.id}/finalize`, json('coordinator', { version: held.body.version }));
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('minutes_final');
    expect(await warningRow(a.warningId)).toMatchObject({ state: 'acknowledged' });
    expect(await warningRow(b.warningId)).toMatchObject({ state: 'in_followup' });
    expect(await count('agenda_items', 'meeting_id = ? AND open = 1', m.id)).toBe(0);
    // The warning may go on another agenda after a withdrawn proposal is proposed again; the locked meeting takes nothing more.
    await refusedWithoutWrites(() => api('POST', `/meetings/${m.id}/agenda/${ib.id}/decision`, json('coordinator', { text: '改', version: 1 })), 409);
    await refusedWithoutWrites(() => api('POST', `/meetings/${m.id}/finalize`, { as: 'coordinator' }), 409);
    expect(await count('audit_log', "action = 'meeting.finalize' AND entity_id = ?", m.id)).toBe(1);
    expect(await count('audit_log', "action = 'warning.follow_up' AND entity_id = ?", b.warningId)).toBe(1);
  });

  it('amends final minutes with a record of its own, listed under them; empty text 422, before final 409', async () => {
    const w = await proposedWarning();
    const m = await publishedMeeting([w.warningId]);
    const item = itemOf(m.body, w.warningId);
    await refusedWithoutWrites(() => api('POST', `/meetings/${m.id}/amendments`, json('coordinator', { text: '更正' })), 409);
    await api('POST', `/meetings/${m.id}/agenda/${item.id}/decision`, json('coordinator', { text: '十五日内约谈' }));
    await api('POST', `/meetings/${m.id}/finalize`, { as: 'coordinator' });
    const empty = await refusedWithoutWrites(() => api('POST', `/meetings/${m.id}/amendments`, json('coordinator', { text: '  ' })), 422);
    expect(empty.body.error.issues[0].path).toEqual(['text']);
    const res = await api('POST', `/meetings/${m.id}/amendments`, json('coordinator', { text: '“十五日内”更正为“十日内”' }));
    expect(res.status).toBe(201);
    expect(res.body.amendments).toMatchObject([{ text: '“十五日内”更正为“十日内”', by: { id: userId('coordinator') } }]);
    // The decision itself is unchanged.
    expect(itemOf(res.body, w.warningId).decision.text).toBe('十五日内约谈');
    expect(await count('audit_log', "action = 'meeting.amend' AND entity_id = ?", m.id)).toBe(1);
  });
});

describe('cancelling', () => {
  it('a draft or published meeting with a reason; its warnings return to the pool; a held one cannot be cancelled', async () => {
    const w = await proposedWarning();
    const m = await publishedMeeting([w.warningId], { startsAt: inMinutes(600) });
    const noReason = await refusedWithoutWrites(() => api('POST', `/meetings/${m.id}/cancel`, json('coordinator', { version: m.body.version, reason: ' ' })), 422);
    expect(noReason.body.error.issues[0].path).toEqual(['reason']);
    const res = await api('POST', `/meetings/${m.id}/cancel`, json('coordinator', { version: m.body.version, reason: '主持人出差' }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'cancelled', cancelReason: '主持人出差', allowedActions: [] });
    expect(await warningRow(w.warningId)).toMatchObject({ state: 'proposed' });
    const timeline = (await api('GET', `/warnings/${w.warningId}`, { as: 'petition' })).body.timeline;
    expect(timeline.at(-1).text).toContain('取消');

    const h = await proposedWarning();
    const held = await publishedMeeting([h.warningId]);
    const after = await api('POST', `/meetings/${held.id}/attendance`, json('coordinator', { present: ['陈院长'] }));
    await refusedWithoutWrites(() => api('POST', `/meetings/${held.id}/cancel`, json('coordinator', { version: after.body.version, reason: '改期' })), 409);
  });
});

describe('every meeting write', () => {
  /** The writes of one meeting and its item, with a body each would accept. */
  const writes = (m: string, item: string, version: number) =>
    [
      ['PATCH', `/meetings/${m}`, { version, scheduledAt: inMinutes(60), place: '会议室', chairId: userId('leader') }],
      ['POST', `/meetings/${m}/cancel`, { version, reason: '改期' }],
      ['POST', `/meetings/${m}/agenda`, { warningId: 'x' }],
      ['PATCH', `/meetings/${m}/agenda/${item}`, { move: 'down' }],
      ['DELETE', `/meetings/${m}/agenda/${item}`, undefined],
      ['POST', `/meetings/${m}/publish`, {}],
      ['POST', `/meetings/${m}/attendance`, { present: ['陈院长'] }],
      ['POST', `/meetings/${m}/agenda/${item}/decision`, { text: '约谈' }],
      ['POST', `/meetings/${m}/agenda/${item}/action-items`, { text: '约谈', ownerDivision: 'filing' }],
      ['POST', `/meetings/${m}/finalize`, {}],
      ['POST', `/meetings/${m}/amendments`, { text: '更正' }],
    ] as const;

  it('is 403 for the petition office, a judge and an administrator, and 404 for another court’s coordinator, writing nothing', async () => {
    await signIn('admin');
    const w = await proposedWarning();
    const m = await meetingWith([w.warningId]);
    const item = itemOf(m.body, w.warningId);
    for (const [method, path, body] of writes(m.id, item.id, m.body.version)) {
      for (const as of ['petition', 'judge', 'admin']) {
        await refusedWithoutWrites(() => api(method, path, { as, ...(body === undefined ? {} : { json: body }) }), 403);
      }
      await refusedWithoutWrites(() => api(method, path, { as: 'coordinator05', ...(body === undefined ? {} : { json: body }) }), 404);
    }
    expect((await api('GET', `/meetings/${m.id}`, { as: 'admin' })).status).toBe(403);
    expect((await api('GET', '/meetings', { as: 'admin' })).status).toBe(403);
  });

  it('is 422 naming the field for a malformed body, writing nothing', async () => {
    const w = await proposedWarning();
    const m = await meetingWith([w.warningId]);
    const item = itemOf(m.body, w.warningId);
    const bad: [string, string, unknown, string][] = [
      ['PATCH', `/meetings/${m.id}`, { version: m.body.version, scheduledAt: '明天', place: 'x', chairId: userId('leader') }, 'scheduledAt'],
      ['POST', `/meetings/${m.id}/cancel`, { version: 'one', reason: '改期' }, 'version'],
      ['POST', `/meetings/${m.id}/agenda`, { warningId: '' }, 'warningId'],
      ['PATCH', `/meetings/${m.id}/agenda/${item.id}`, { move: 'sideways' }, 'move'],
      ['POST', `/meetings/${m.id}/attendance`, { present: 'everyone' }, 'present'],
      ['POST', `/meetings/${m.id}/agenda/${item.id}/decision`, { text: '约谈', outcome: 'maybe' }, 'outcome'],
      ['POST', `/meetings/${m.id}/agenda/${item.id}/action-items`, { text: '', ownerDivision: 'filing' }, 'text'],
      ['POST', `/meetings/${m.id}/publish`, { version: 0 }, 'version'],
    ];
    for (const [method, path, body, field] of bad) {
      const res = await refusedWithoutWrites(() => api(method, path, { as: 'coordinator', json: body }), 422);
      expect(res.body.error.issues.map((i: any) => i.path[0]), `${method} ${path}`).toContain(field);
    }
    // An unknown item of the meeting is 404.
    await refusedWithoutWrites(() => api('PATCH', `/meetings/${m.id}/agenda/nope`, json('coordinator', { move: 'up' })), 404);
    await refusedWithoutWrites(() => api('POST', `/meetings/${m.id}/agenda/nope/decision`, json('coordinator', { text: 'x' })), 404);
  });
});
