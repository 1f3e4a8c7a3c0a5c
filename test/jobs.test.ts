import { createExecutionContext, createMessageBatch, createScheduledController, env, getQueueResult, waitOnExecutionContext } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import worker from '../src/index.ts';
import { addDays, shanghaiDay } from '../src/domain/time.ts';
import type { QueueMessage } from '../src/services/job-queue.ts';
import { enqueueRescore } from '../src/services/rescore.ts';
import { api, count, insertFreshCase, seedWorld, userId } from './helpers.ts';

/** A queue that keeps what is sent, so a test can deliver the messages itself (twice, even). */
function collectingQueue() {
  const sent: QueueMessage[] = [];
  return { sent, sendBatch: async (msgs: Iterable<MessageSendRequest<QueueMessage>>) => void sent.push(...[...msgs].map((m) => m.body)) };
}

async function deliver(messages: QueueMessage[]) {
  const batch = createMessageBatch<QueueMessage>(
    'yujing-rescore',
    messages.map((body, i) => ({ id: `m${i}`, timestamp: Date.now(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

/** Fresh cases of the judge, filed on the fixture's default day. */
async function judgesCases(n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await insertFreshCase({}, { judgeId: userId('judge') })).id);
  return ids;
}

beforeAll(seedWorld);

describe('the re-scoring queue consumer', () => {
  it('scores each batch in one write and changes nothing more when a batch is delivered twice', async () => {
    const caseIds = await judgesCases(7);
    const queue = collectingQueue();
    const job = await enqueueRescore(env.DB, queue, { reason: 'manual', caseIds, ruleSetId: null, createdBy: null });
    expect(job.total).toBe(7);
    expect(queue.sent.length).toBe(1);
    const first = await deliver(queue.sent);
    expect(first.explicitAcks).toEqual(['m0']);
    const assessments = await count('assessments', 'job_id = ?', job.jobId);
    const audits = await count('audit_log');
    expect(assessments).toBe(7);
    const again = await deliver(queue.sent);
    expect(again.explicitAcks).toEqual(['m0']);
    expect(await count('assessments', 'job_id = ?', job.jobId)).toBe(assessments);
    expect(await count('audit_log')).toBe(audits);
    const row = await env.DB.prepare('SELECT done, total, finished_at FROM rescore_jobs WHERE id = ?').bind(job.jobId).first<{ done: number; total: number; finished_at: string | null }>();
    expect(row).toMatchObject({ done: 7, total: 7 });
    expect(row?.finished_at).toBeTruthy();
  });

  it('retries a batch that fails, writing nothing of it', async () => {
    const caseIds = await judgesCases(2);
    const before = await count('assessments');
    const result = await deliver([{ kind: 'rescore', jobId: 'no-such-job', step: 'list', key: '0', caseIds }]);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['m0']);
    expect(await count('assessments')).toBe(before);
  });

  it('works off a batch enqueued before ranges (a list of ids without a kind), once', async () => {
    const caseIds = await judgesCases(3);
    const jobId = crypto.randomUUID();
    const now = new Date().toISOString();
    // as migration 0010 leaves a job enqueued before it: no count of chunks
    await env.DB.prepare("INSERT INTO rescore_jobs (id, reason, total, done, created_at) VALUES (?, 'manual', 3, 0, ?)").bind(jobId, now).run();
    const old = { jobId, reason: 'manual' as const, caseIds };
    expect((await deliver([old])).explicitAcks).toEqual(['m0']);
    expect((await deliver([old])).explicitAcks).toEqual(['m0']);
    expect(await count('assessments', 'job_id = ?', jobId)).toBe(3);
    const row = await env.DB.prepare('SELECT done, total, finished_at FROM rescore_jobs WHERE id = ?').bind(jobId).first<{ done: number; total: number; finished_at: string | null }>();
    expect(row).toMatchObject({ done: 3, total: 3 });
    expect(row?.finished_at).toBeTruthy();
  });
});

describe('the daily run', () => {
  it('re-scores the cases crossing a daysPending boundary and escalates overdue red warnings', async () => {
    const now = new Date();
    const today = shanghaiDay(now);
    // Filed 181 days ago: daysPending 181 > 180 from today on, one more point.
    const aging = (await insertFreshCase({}, { filedOn: addDays(today, -181), judgeId: userId('judge') })).id;
    const red = (await insertFreshCase({}, { judgeId: userId('judge') })).id;
    const flagged = await api('POST', `/cases/${red}/flags`, { as: 'judge', json: { factor: 'THREAT_EXTREME' } });
    const warningId = flagged.body.assessment.warningId;
    await env.DB.prepare("UPDATE warnings SET due_at = '2020-01-01T00:00:00.000Z' WHERE id = ?").bind(warningId).run();

    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: now, cron: '0 18 * * *' }), env, ctx);
    await waitOnExecutionContext(ctx);

    const w = await api('GET', `/warnings/${warningId}`, { as: 'petition' });
    expect(w.body.court.code).toBe('甘01');
    expect(w.body.escalations).toBe(1);
    expect(w.body.timeline.at(-1).kind).toBe('escalated');
    expect(w.body.overdue).toBe(false);

    const job = await env.DB.prepare("SELECT id, total FROM rescore_jobs WHERE reason = 'daily'").first<{ id: string; total: number }>();
    expect(job?.total).toBe(1);
    await expect
      .poll(async () => (await env.DB.prepare('SELECT finished_at FROM rescore_jobs WHERE id = ?').bind(job!.id).first<{ finished_at: string | null }>())?.finished_at, {
        timeout: 10_000,
        interval: 200,
      })
      .toBeTruthy();
    const a = await api('GET', `/cases/${aging}/assessment`, { as: 'judge' });
    expect(a.body).toMatchObject({ score: 1, level: 'blue', cause: 'daily' });
  });
});
