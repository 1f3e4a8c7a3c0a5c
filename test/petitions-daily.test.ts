import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileRuleSet, type RuleSet } from '../src/domain/rules/index.ts';
import { addDays, shanghaiDay, shanghaiDayStart } from '../src/domain/time.ts';
import { activeRuleSet } from '../src/services/scoring.ts';
import { casesCrossingToday, enqueueDailyRescore } from '../src/services/rescore.ts';
import type { QueueMessage } from '../src/services/job-queue.ts';
import { api, insertFreshCase, seedWorld, signIn, TRIAL_RULE_SET, userId } from './helpers.ts';

beforeAll(async () => {
  await seedWorld();
  await signIn('petition');
});

async function petitionOn(caseNumber: string, receivedOn: string) {
  const res = await api('POST', '/petitions', {
    as: 'petition',
    json: { channel: 'letter', receivedOn, courtId: 2, persons: 1, petitionerName: '窗口某', complaintType: 'judgment', caseNumber },
  });
  if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
}

describe('the daily run and petitions leaving their windows', () => {
  it('enqueues the open cases whose linked petition leaves the 7- or 365-day window that day, and no others', async () => {
    const today = shanghaiDay();
    const tomorrow = addDays(today, 1);
    const week = await insertFreshCase({}, { judgeId: userId('judge') });
    await petitionOn(week.number, addDays(today, -6));
    await petitionOn(week.number, addDays(today, -1));
    const year = await insertFreshCase({}, { judgeId: userId('judge'), filedOn: addDays(today, -400) });
    await petitionOn(year.number, addDays(today, -364));
    const inside = await insertFreshCase({}, { judgeId: userId('judge') });
    await petitionOn(inside.number, addDays(today, -3));
    const closed = await insertFreshCase({}, { judgeId: userId('judge') });
    await petitionOn(closed.number, addDays(today, -6));
    await env.DB.prepare("UPDATE cases SET stage = 'closed', closed_on = ? WHERE id = ?").bind(today, closed.id).run();

    // Orange today: two petitions within the week; tomorrow the first of them is 7 days old.
    const now = await api('GET', `/cases/${week.id}/assessment`, { as: 'petition' });
    expect(now.body).toMatchObject({ level: 'orange', cause: 'petition.link' });

    const rules = await activeRuleSet(env.DB);
    const crossing = await casesCrossingToday(env.DB, rules, tomorrow);
    expect(crossing).toContain(week.id);
    expect(crossing).toContain(year.id);
    expect(crossing).not.toContain(inside.id);
    expect(crossing).not.toContain(closed.id);
    expect(await casesCrossingToday(env.DB, rules, today)).not.toContain(week.id);

    const sent: QueueMessage[] = [];
    const queue = { sendBatch: async (msgs: Iterable<MessageSendRequest<QueueMessage>>) => void sent.push(...[...msgs].map((m) => m.body)) };
    const job = await enqueueDailyRescore(env.DB, queue, new Date(shanghaiDayStart(tomorrow).getTime() + 2 * 3600_000));
    expect(job.total).toBeGreaterThanOrEqual(2);
    expect(sent.flatMap((m) => ('caseIds' in m ? m.caseIds : []))).toEqual(expect.arrayContaining([week.id, year.id]));
  });

  it('leaves them out under a rule set that does not read petitions', async () => {
    const today = shanghaiDay();
    const week = await insertFreshCase({}, { judgeId: userId('judge') });
    await petitionOn(week.number, addDays(today, -6));
    const doc = TRIAL_RULE_SET as RuleSet;
    const crossing = await casesCrossingToday(env.DB, { id: 'trial', version: 9, doc, compiled: compileRuleSet(doc) }, addDays(today, 1));
    expect(crossing).not.toContain(week.id);
  });
});
