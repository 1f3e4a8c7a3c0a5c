import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, shanghaiDay } from '../../src/domain/time.ts';
import type { QueueMessage, RescoreMessage } from '../../src/services/job-queue.ts';
import { enqueueRescore, rescoreStep } from '../../src/services/rescore.ts';
import { api, count, flagCase, insertFreshCase, seedWorld, userId } from '../helpers.ts';

/** Re-scores the cases through a manual job, its one message delivered by hand. */
async function rescore(caseIds: string[]): Promise<string> {
  const sent: QueueMessage[] = [];
  const queue = { sendBatch: async (msgs: Iterable<MessageSendRequest<QueueMessage>>) => void sent.push(...[...msgs].map((m) => m.body)) };
  const job = await enqueueRescore(env.DB, queue, { reason: 'manual', caseIds, ruleSetId: null, createdBy: null });
  while (sent.length) await rescoreStep(env.DB, queue, sent.shift() as RescoreMessage);
  return job.jobId;
}

const caseOf = async (id: string) => (await api('GET', `/cases/${id}`, { as: 'petition' })).body;
const assessments = (id: string) => count('assessments', 'case_id = ?', id);
const revision = async (id: string) => (await env.DB.prepare('SELECT revision FROM cases WHERE id = ?').bind(id).first<{ revision: number }>())!.revision;

/** What a re-score that changes nothing must leave as it was. */
async function footprint(id: string) {
  const detail = await caseOf(id);
  return {
    assessments: await assessments(id),
    audits: await count('audit_log', "entity_id = ? AND action = 'case.assess'", id),
    events: await count('warning_events', 'warning_id IN (SELECT id FROM warnings WHERE case_id = ?)', id),
    revision: await revision(id),
    assessment: detail.assessment,
  };
}

beforeAll(seedWorld);

describe('history keeps one assessment per change', () => {
  it('a re-scoring job over a case whose facts did not change stores nothing, and the case shows the same explanation', async () => {
    const { id } = await insertFreshCase({}, { judgeId: userId('judge'), filedOn: addDays(shanghaiDay(), -40) });
    await flagCase(id, ['GROUP_DISPUTE', 'THREAT_PETITION']);
    const before = await footprint(id);
    expect(before.assessment).toMatchObject({ score: 8, level: 'orange', cause: 'flag.add' });
    expect(before.events).toBeGreaterThan(0);

    const jobId = await rescore([id]);
    expect(await footprint(id)).toEqual(before);
    expect(await count('assessments', 'job_id = ?', jobId)).toBe(0);
    // The job still counts the case as done.
    const job = await env.DB.prepare('SELECT done, total FROM rescore_jobs WHERE id = ?').bind(jobId).first();
    expect(job).toEqual({ done: 1, total: 1 });
  });

  it('an edit that changes nothing scored stores no assessment; a real change stores exactly one', async () => {
    const { id } = await insertFreshCase({}, { judgeId: userId('judge'), filedOn: addDays(shanghaiDay(), -40) });
    await flagCase(id, ['WAGE_ARREARS']);
    const before = await footprint(id);
    const version = (await caseOf(id)).version;

    const edit = await api('PATCH', `/cases/${id}`, { as: 'judge', json: { version, summary: '补充案情：双方同意调解' } });
    expect(edit.status).toBe(200);
    expect(edit.body.summary).toBe('补充案情：双方同意调解');
    const after = await footprint(id);
    expect(after.assessment).toEqual(before.assessment);
    expect({ assessments: after.assessments, audits: after.audits, events: after.events }).toEqual({
      assessments: before.assessments,
      audits: before.audits,
      events: before.events,
    });
    // The edit still moved the revision on: a change planned meanwhile on the old one plans again.
    expect(after.revision).toBe(before.revision + 1);

    // 当事人十人以上 +2: one more assessment, caused by the edit, and the warning follows.
    const real = await api('PATCH', `/cases/${id}`, { as: 'judge', json: { version: edit.body.version, partyCount: 12 } });
    expect(real.status).toBe(200);
    expect(real.body.assessment).toMatchObject({ score: 6, level: 'orange', cause: 'case.update' });
    expect(await assessments(id)).toBe(before.assessments + 1);
    expect(real.body.assessment.explanation.text).toBe('拖欠劳动报酬（农民工工资） +4；当事人十人以上 +2');

    // Re-scoring it now changes nothing again.
    const settled = await footprint(id);
    await rescore([id]);
    expect(await footprint(id)).toEqual(settled);
  });

  it('a flag and its withdrawal each store an assessment, and the case lists them newest first', async () => {
    const { id } = await insertFreshCase({}, { judgeId: userId('judge') });
    const added = await flagCase(id, ['MEDIA_ATTENTION']);
    const withdrawn = await api('DELETE', `/cases/${id}/flags/${added.body.flag.id}`, { as: 'judge', json: { note: '误标' } });
    expect(withdrawn.status).toBe(200);
    expect(await assessments(id)).toBe(2);
    const rows = await env.DB.prepare('SELECT cause, score, matched_json, trace_json FROM assessments WHERE case_id = ? ORDER BY assessed_at, id').bind(id).all();
    expect(rows.results).toEqual([
      { cause: 'flag.add', score: 3, matched_json: '["media-attention"]', trace_json: '' },
      { cause: 'flag.withdraw', score: 0, matched_json: '[]', trace_json: '' },
    ]);
  });
});
