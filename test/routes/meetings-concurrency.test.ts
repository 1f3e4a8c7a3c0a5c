import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, count, insertUser, seedWorld, signIn } from '../helpers.ts';
import { draftMeeting, proposedWarning } from '../meetings-support.ts';

/**
 * Two coordinators add the same warning at the same moment: exactly one wins, the other gets 409,
 * and the warning is scheduled once — one open agenda item, one `scheduled` entry on its timeline.
 */
beforeAll(async () => {
  await seedWorld();
  await insertUser({ username: 'coordinator2', name: '吴协调', roles: ['coordinator'], court: 2 });
  await signIn('coordinator', 'coordinator2', 'petition', 'judge');
});

async function scheduledOnce(warningId: string) {
  expect(await count('agenda_items', 'warning_id = ? AND open = 1', warningId)).toBe(1);
  expect(await count('warning_events', "warning_id = ? AND kind = 'scheduled'", warningId)).toBe(1);
  expect(await count('audit_log', "action = 'warning.schedule' AND entity_id = ?", warningId)).toBe(1);
  const w = await env.DB.prepare('SELECT state FROM warnings WHERE id = ?').bind(warningId).first<{ state: string }>();
  expect(w!.state).toBe('scheduled');
}

describe('two coordinators add the same warning at once', () => {
  it('to two different meetings: one 201, one 409, scheduled once (several rounds)', async () => {
    for (let round = 0; round < 4; round++) {
      const w = await proposedWarning();
      const [a, b] = await Promise.all([draftMeeting(), draftMeeting({ as: 'coordinator2' })]);
      const answers = await Promise.all([
        api('POST', `/meetings/${a.id}/agenda`, { as: 'coordinator', json: { warningId: w.warningId } }),
        api('POST', `/meetings/${b.id}/agenda`, { as: 'coordinator2', json: { warningId: w.warningId } }),
      ]);
      expect(answers.map((x) => x.status).sort(), JSON.stringify(answers.map((x) => x.body.error))).toEqual([201, 409]);
      const refused = answers.find((x) => x.status === 409)!;
      expect(refused.body.error.message).toContain('另一个尚未定稿');
      await scheduledOnce(w.warningId);
    }
  });

  it('to the same meeting: one 201, one 409, one item', async () => {
    for (let round = 0; round < 3; round++) {
      const w = await proposedWarning();
      const m = await draftMeeting();
      const answers = await Promise.all(
        ['coordinator', 'coordinator2'].map((as) => api('POST', `/meetings/${m.id}/agenda`, { as, json: { warningId: w.warningId } })),
      );
      expect(answers.map((x) => x.status).sort()).toEqual([201, 409]);
      expect(await count('agenda_items', 'meeting_id = ?', m.id)).toBe(1);
      await scheduledOnce(w.warningId);
    }
  });

  it('the schema itself refuses a second open agenda item for a warning, whoever writes it; a final agenda does not count', async () => {
    const w = await proposedWarning();
    const [a, b] = await Promise.all([draftMeeting(), draftMeeting()]);
    const insert = (meetingId: string, id: string) =>
      env.DB.prepare("INSERT INTO agenda_items (id, meeting_id, kind, position, warning_id, open, created_at, updated_at) VALUES (?, ?, 'warning', 1, ?, 1, 'x', 'x')")
        .bind(id, meetingId, w.warningId)
        .run();
    await insert(a.id, `ai-${a.id}`);
    await expect(insert(b.id, `ai-${b.id}`)).rejects.toThrow(/UNIQUE constraint failed: agenda_items\.warning_id/);
    await env.DB.prepare('UPDATE agenda_items SET open = 0 WHERE meeting_id = ?').bind(a.id).run();
    await insert(b.id, `ai-${b.id}`);
    expect(await count('agenda_items', 'warning_id = ?', w.warningId)).toBe(2);
  });

  it('while others move and add items of the same draft: every change lands, none is lost, nobody gets a 5xx', async () => {
    const ws = await Promise.all([proposedWarning(), proposedWarning(), proposedWarning(), proposedWarning()]);
    const m = await draftMeeting();
    const answers = await Promise.all(ws.map((w, i) => api('POST', `/meetings/${m.id}/agenda`, { as: i % 2 ? 'coordinator2' : 'coordinator', json: { warningId: w.warningId } })));
    expect(answers.map((x) => x.status)).toEqual([201, 201, 201, 201]);
    const positions = await env.DB.prepare('SELECT position FROM agenda_items WHERE meeting_id = ? ORDER BY position').bind(m.id).all<{ position: number }>();
    expect(positions.results.map((r) => r.position)).toEqual([1, 2, 3, 4]);
  });
});
