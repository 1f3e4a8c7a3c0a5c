import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDay } from '../../src/domain/time.ts';
import { api, count, insertFreshCase, seedWorld, signIn, userId } from '../helpers.ts';

beforeAll(async () => {
  await seedWorld();
  await signIn('petition', 'leader', 'coordinator', 'judge', 'admin', 'judge2');
});

const TODAY = () => shanghaiDay();
/** A valid identity number (GB 11643 check character) of a Lanzhou petitioner. */
const ID_NUMBER = '620102198001010011';
const ID_NUMBER_2 = '620102197505050018';

function body(over: Record<string, unknown> = {}) {
  return {
    channel: 'visit',
    receivedOn: TODAY(),
    courtId: 2,
    persons: 1,
    petitionerName: '张某',
    complaintType: 'judgment',
    ...over,
  };
}

async function register(over: Record<string, unknown> = {}, as = 'petition') {
  return api('POST', '/petitions', { as, json: body(over) });
}

describe('registering a petition', () => {
  it('answers 201 with the petition, writes its audit row and its roll-up rows in the same batch', async () => {
    const day = addDays(TODAY(), -3);
    const beforeAudit = await count('audit_log', "action = 'petition.create'");
    const res = await register({ receivedOn: day, courtId: 3, channel: 'group_visit', persons: 7, petitionerIdNumber: ID_NUMBER_2 });
    expect(res.status).toBe(201);
    expect(res.body.petition).toMatchObject({ channel: 'group_visit', receivedOn: day, persons: 7, court: { id: 3 }, version: 1, case: null, petitionerIdNumber: ID_NUMBER_2 });
    expect(res.body.assessment).toBeNull();
    expect(await count('audit_log', "action = 'petition.create'")).toBe(beforeAudit + 1);
    const daily = await env.DB.prepare('SELECT cases, persons FROM petition_daily WHERE court_id = 3 AND day = ? AND channel = ?').bind(day, 'group_visit').first();
    expect(daily).toMatchObject({ persons: expect.any(Number) });
    const direct = await env.DB.prepare("SELECT count(*) AS cases, sum(persons) AS persons FROM petitions WHERE court_id = 3 AND received_on = ? AND channel = 'group_visit'").bind(day).first();
    expect(daily).toEqual(direct);
  });

  it('re-scores the linked case: a second petition within 7 days forces orange and raises its warning, the cause on the timeline', async () => {
    const { id: caseId, number } = await insertFreshCase({}, { judgeId: userId('judge') });
    const first = await register({ caseNumber: number.replace('（', '(').replace('）', ')'), receivedOn: addDays(TODAY(), -5) });
    expect(first.status).toBe(201);
    expect(first.body.petition.case).toEqual({ id: caseId, caseNumber: number });
    expect(first.body.assessment).toMatchObject({ level: 'none', warningId: null });

    const second = await register({ caseNumber: number, receivedOn: TODAY(), petitionerName: '李某' });
    expect(second.status).toBe(201);
    expect(second.body.assessment).toMatchObject({ level: 'orange', score: 3, warningId: expect.any(String) });
    const w = await api('GET', `/warnings/${second.body.assessment.warningId}`, { as: 'petition' });
    expect(w.body).toMatchObject({ level: 'orange', state: 'open' });
    expect(w.body.timeline.at(-1).text).toContain('关联');
    const facts = await env.DB.prepare('SELECT a.facts_json, a.cause FROM cases c JOIN assessments a ON a.id = c.assessment_id WHERE c.id = ?').bind(caseId).first<{ facts_json: string; cause: string }>();
    expect(JSON.parse(facts!.facts_json)).toMatchObject({ petitions12m: 2, petitions7d: 2 });
    expect(facts!.cause).toBe('petition.link');
  });
});
