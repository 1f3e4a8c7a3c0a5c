import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULE_SET } from '../src/domain/rules/default-rule-set.ts';
import { CHUNK, current, type QueueMessage } from '../src/services/job-queue.ts';
import { rescoreStep } from '../src/services/rescore.ts';
import { api, insertFreshCase, seedWorld, userId } from './helpers.ts';
import { countingDb, roundTrips } from './round-trips.ts';

// Activating a rule set changes how every case of the file is scored, so this file has a D1 of its own.
beforeAll(seedWorld);

/** A queue that keeps what is sent, so the test delivers the messages itself (twice, even). */
function collectingQueue() {
  const sent: QueueMessage[] = [];
  return { sent, sendBatch: async (msgs: Iterable<MessageSendRequest<QueueMessage>>) => void sent.push(...[...msgs].map((m) => m.body)) };
}

/**
 * Delivers what was sent until nothing is left, each message `times` times in a row (a redelivery),
 * counting the round trips and statements of every delivery; `between` runs after the first one.
 */
async function drain(queue: ReturnType<typeof collectingQueue>, times: number, between?: () => Promise<void>) {
  const cost = { deliveries: 0, maxTrips: 0, maxStatements: 0 };
  let first = true;
  while (queue.sent.length) {
    const msg = current(queue.sent.shift()!);
    for (let i = 0; i < times; i++) {
      const counted = countingDb(env.DB);
      if (msg.kind !== 'rescore') throw new Error('a re-scoring job sends re-scoring messages');
      await rescoreStep(counted.db, queue, msg);
      cost.deliveries++;
      cost.maxTrips = Math.max(cost.maxTrips, counted.trips());
      cost.maxStatements = Math.max(cost.maxStatements, counted.statements());
    }
    if (first && between) await between();
    first = false;
  }
  return cost;
}

/** The default rules plus one point for every case: every case's score changes, so each gets a new assessment. */
const EVERY_CASE_MOVES = {
  ...DEFAULT_RULE_SET,
  name: '每案加一分',
  rules: [...DEFAULT_RULE_SET.rules, { id: 'every-case', label: '每案一分', when: { fact: 'partyCount', op: '>=', value: 0 }, points: 1 }],
};

describe('activating a rule set over more open cases than one chunk', () => {
  it('re-scores every open case exactly once, with exact progress, when every message is delivered twice; the request costs the same few round trips', async () => {
    const open: string[] = [];
    for (let i = 0; i < 2 * CHUNK + 20; i++) open.push((await insertFreshCase({}, { judgeId: userId('judge'), partyCount: 2 + (i % 40) })).id);
    const closed: string[] = [];
    for (let i = 0; i < 5; i++) closed.push((await insertFreshCase({}, { judgeId: userId('judge'), stage: 'closed', closedOn: '2026-01-05' })).id);
    const draft = await api('POST', '/rulesets', { as: 'admin', json: EVERY_CASE_MOVES });
    expect(draft.status).toBe(201);

    const queue = collectingQueue();
    const res = await roundTrips(`/api/v1/rulesets/${draft.body.id}/activate`, { as: 'admin', method: 'POST', json: { revision: draft.body.revision }, queue });
    expect(res.status).toBe(202);
    // read the draft and the active set; write the activation with the job; one message; read back
    expect(res.trips).toBeLessThanOrEqual(5);
    expect(res.statements).toBeLessThan(40);
    expect(queue.sent).toHaveLength(1);
    const job = JSON.parse(res.body).job as { id: string; total: number };
    expect(job.total).toBe(open.length);

    // Cases opened after the job is laid out, after every other id: the last range finds more than a chunk.
    const late: string[] = [];
    const cost = await drain(queue, 2, async () => {
      for (let i = 0; i < CHUNK + 10; i++) late.push((await insertFreshCase({}, { id: `zz-late-${String(i).padStart(3, '0')}`, judgeId: userId('judge') })).id);
    });
    // planning, three ranges and the rest of the last one, each delivered twice
    expect(cost.deliveries).toBeGreaterThanOrEqual(10);
    console.log(`activation: request ${res.trips} round trips, ${res.statements} statements; a queue message at most ${cost.maxTrips} round trips, ${cost.maxStatements} statements`);
    expect(cost.maxTrips).toBe(2);
    expect(cost.maxStatements).toBeLessThan(1000);

    const per = await env.DB.prepare('SELECT case_id, count(*) AS n FROM assessments WHERE job_id = ? GROUP BY case_id').bind(job.id).all<{ case_id: string; n: number }>();
    const assessed = new Map(per.results.map((r) => [r.case_id, r.n]));
    // the late cases were opened under the new set (scored on creation), and the job scored them too, once
    for (const id of [...open, ...late]) expect(assessed.get(id), id).toBe(1);
    for (const id of closed) expect(assessed.has(id)).toBe(false);
    expect(assessed.size).toBe(open.length + late.length);

    const row = await env.DB.prepare('SELECT total, done, pending, finished_at FROM rescore_jobs WHERE id = ?').bind(job.id).first<{ total: number; done: number; pending: number; finished_at: string | null }>();
    expect(row).toMatchObject({ done: open.length + late.length, total: open.length + late.length, pending: 0 });
    expect(row?.finished_at).toBeTruthy();
    const shown = await api('GET', `/rulesets/jobs/${job.id}`, { as: 'admin' });
    expect(shown.body).toMatchObject({ done: open.length + late.length, total: open.length + late.length });
    expect(shown.body.finishedAt).not.toBeNull();
    const a = await api('GET', `/cases/${open[0]}/assessment`, { as: 'judge' });
    expect(a.body).toMatchObject({ cause: 'ruleset_activation', score: 1 });
   }, 60_000);
});
