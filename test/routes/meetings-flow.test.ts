import { beforeAll, describe, expect, it } from 'vitest';
import { api, seedWorld, userId } from '../helpers.ts';
import { itemOf, meetingWith, proposedWarning, warningRow } from '../meetings-support.ts';

beforeAll(seedWorld);

describe('a meeting from draft to final minutes, through the API', () => {
  it('adds, publishes, records, finalizes, and moves each warning by its outcome', async () => {
    const a = await proposedWarning();
    const b = await proposedWarning();
    const c = await proposedWarning();
    const m = await meetingWith([a.warningId, b.warningId, c.warningId], { kind: 'trial_enforcement' });
    expect(m.body.agenda.map((i: any) => i.kind)).toEqual(['data_report', 'previous_actions', 'warning', 'warning', 'warning']);
    expect((await warningRow(a.warningId)).state).toBe('scheduled');
    const pub = await api('POST', `/meetings/${m.id}/publish`, { as: 'coordinator' });
    expect(pub.status).toBe(200);
    expect(pub.body.state).toBe('published');
    const ia = itemOf(pub.body, a.warningId);
    const ib = itemOf(pub.body, b.warningId);
    const ic = itemOf(pub.body, c.warningId);
    let r = await api('POST', `/meetings/${m.id}/agenda/${ia.id}/decision`, { as: 'coordinator', json: { text: '由执行局牵头约谈被执行人', leaderId: userId('leader') } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.state).toBe('held');
    r = await api('POST', `/meetings/${m.id}/agenda/${ib.id}/decision`, { as: 'coordinator', json: { text: '已达成和解', outcome: 'resolved', resolutionOutcome: 'mediated' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    r = await api('POST', `/meetings/${m.id}/agenda/${ic.id}/decision`, { as: 'coordinator', json: { text: '', outcome: 'carry_over' } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const ai = await api('POST', `/meetings/${m.id}/agenda/${ia.id}/action-items`, { as: 'coordinator', json: { text: '约谈被执行人', ownerId: userId('judge') } });
    expect(ai.status, JSON.stringify(ai.body)).toBe(201);
    const fin = await api('POST', `/meetings/${m.id}/finalize`, { as: 'coordinator' });
    expect(fin.status, JSON.stringify(fin.body)).toBe(200);
    expect(fin.body.state).toBe('minutes_final');
    expect((await warningRow(a.warningId)).state).toBe('in_followup');
    expect((await warningRow(b.warningId)).state).toBe('resolved');
    expect(await warningRow(c.warningId)).toMatchObject({ state: 'proposed', carry_overs: 1 });
    const w = await api('GET', `/warnings/${a.warningId}`, { as: 'petition' });
    expect(w.body.timeline.map((e: any) => e.text).join('\n')).toContain('处置意见（1）');
  });
});
