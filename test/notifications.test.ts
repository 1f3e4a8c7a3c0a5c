import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../src/index.ts';
import { addDays, shanghaiDay } from '../src/domain/time.ts';
import { api, count, insertUser, page, postForm, seedWorld, sessionOf, signIn, userId } from './helpers.ts';
import { inMinutes, itemOf, proposedWarning, publishedMeeting } from './meetings-support.ts';

beforeAll(async () => {
  await seedWorld();
  await insertUser({ username: 'bureau', name: '执行局长', roles: ['enforcement_judge'], court: 3 });
  await env.DB.prepare("UPDATE users SET division = '执行局' WHERE id = ?").bind(userId('bureau')).run();
  await signIn('coordinator', 'judge', 'bureau', 'judge2', 'petition');
});

/** The daily Cron Trigger, as Cloudflare runs it. */
async function dailyRun(at = new Date()) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: at.getTime(), cron: '0 18 * * *' }), env, ctx);
  await waitOnExecutionContext(ctx);
}

async function actionItems(due: number[], owner: Record<string, string>): Promise<string[]> {
  const w = await proposedWarning();
  const m = await publishedMeeting([w.warningId], { startsAt: inMinutes(-60 * 24 * 40) });
  const item = itemOf(m.body, w.warningId);
  const ids: string[] = [];
  for (const d of due) {
    const res = await api('POST', `/meetings/${m.id}/agenda/${item.id}/action-items`, { as: 'coordinator', json: { text: `第${d}天到期`, ...owner, dueOn: addDays(shanghaiDay(), d) } });
    ids.push(res.body.id);
  }
  return ids;
}

const notes = (itemId: string, kind: string) => count('notifications', 'action_item_id = ? AND kind = ?', itemId, kind);

describe('the daily run for action items', () => {
  it('marks overdue items once and tells owners of items overdue and due within three days; running it again writes nothing more', async () => {
    const [overdue, today, inThree, inFour] = await actionItems([-2, 0, 3, 4], { ownerId: userId('judge') });
    const [divisionOverdue] = await actionItems([-1], { ownerDivision: 'enforcement' });
    await dailyRun();
    expect(await notes(overdue!, 'action_item_overdue')).toBe(1);
    expect(await notes(overdue!, 'action_item_due_soon')).toBe(0);
    expect(await notes(today!, 'action_item_due_soon')).toBe(1);
    expect(await notes(inThree!, 'action_item_due_soon')).toBe(1);
    expect(await notes(inFour!, 'action_item_due_soon')).toBe(0);
    // A division's item reaches the division's members at the owner court (the enforcement bureau's 执行局长), not others.
    expect(await count('notifications', "action_item_id = ? AND kind = 'action_item_overdue' AND user_id = ?", divisionOverdue, userId('bureau'))).toBe(1);
    expect(await count('notifications', "action_item_id = ? AND kind = 'action_item_overdue'", divisionOverdue)).toBe(1);
    const marked = await env.DB.prepare('SELECT id, overdue_at FROM action_items WHERE id IN (?, ?, ?)').bind(overdue, divisionOverdue, today).all<{ id: string; overdue_at: string | null }>();
    expect(marked.results.filter((r) => r.overdue_at !== null).map((r) => r.id).sort()).toEqual([overdue, divisionOverdue].sort());
    expect(await count('audit_log', "action = 'action_item.overdue' AND entity_id = ?", overdue)).toBe(1);

    // (The run's other part, re-scoring, starts a job of its own each day: only the action items' rows are counted.)
    const rows = async () => ({
      notifications: await count('notifications'),
      audit: await count('audit_log', "action LIKE 'action_item.%'"),
      marks: await count('action_items', 'overdue_at IS NOT NULL'),
      versions: (await env.DB.prepare('SELECT sum(version) AS v FROM action_items').first<{ v: number }>())!.v,
    });
    const before = await rows();
    await dailyRun();
    await dailyRun();
    expect(await rows()).toEqual(before);
  });

  it('a new due day is due (and overdue) again: the notification is once per due day', async () => {
    const [id] = await actionItems([1], { ownerId: userId('judge') });
    await dailyRun();
    expect(await notes(id!, 'action_item_due_soon')).toBe(1);
    await api('POST', `/action-items/${id}/reschedule`, { as: 'coordinator', json: { dueOn: addDays(shanghaiDay(), 2), version: 1 } });
    await dailyRun();
    expect(await notes(id!, 'action_item_due_soon')).toBe(2);
    // Done items are nobody's worry.
    await api('POST', `/action-items/${id}/complete`, { as: 'judge', json: { note: '已办结', version: 2 } });
    await dailyRun(new Date(Date.now() + 10 * 86_400_000));
    expect(await notes(id!, 'action_item_overdue')).toBe(0);
  });
});

describe('the inbox', () => {
  it('shows the unread count in the header (read with the session), lists the notifications and marks them read', async () => {
    const [id] = await actionItems([-1], { ownerId: userId('judge') });
    await dailyRun();
    const inbox = await api('GET', '/notifications', { as: 'judge' });
    expect(inbox.status).toBe(200);
    const n = inbox.body.items.find((x: any) => x.actionItemId === id && x.kind === 'action_item_overdue');
    expect(n).toMatchObject({ read: false, href: `/action-items#ai-${id}` });
    expect(n.text).toContain('督办事项已逾期');
    expect(inbox.body.unread).toBeGreaterThan(0);
    const header = (await page('/cases', 'judge')).html;
    expect(header).toContain(`通知（${inbox.body.unread} 条未读）`);
    // Another user's notification is 404; reading one's own lowers the count.
    expect((await api('POST', `/notifications/${n.id}/read`, { as: 'judge2' })).status).toBe(404);
    const read = await api('POST', `/notifications/${n.id}/read`, { as: 'judge' });
    expect(read.body).toEqual({ id: n.id, read: true, href: `/action-items#ai-${id}` });
    expect((await api('GET', '/notifications', { as: 'judge' })).body.unread).toBe(inbox.body.unread - 1);
    // The inbox page's button marks it read and goes where it leads.
    const assigned = (await api('GET', '/notifications', { as: 'judge' })).body.items.find((x: any) => !x.read && x.actionItemId === id);
    const res = await postForm(`/notifications/${assigned.id}/read`, {}, { cookie: await sessionOf('judge') });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/action-items#ai-${id}`);
    expect((await api('GET', '/notifications', { as: 'judge' })).body.items.find((x: any) => x.id === assigned.id).read).toBe(true);
  });
});
