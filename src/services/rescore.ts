import { addDays, shanghaiDay } from '../domain/time.ts';
import { daysPendingBoundaries, petitionWindowDaysBack } from '../domain/rules/boundaries.ts';
import { openCasesWithPetitionsOnQuery } from '../db/petitions.ts';
import { auditStatement } from '../db/audit.ts';
import { type Db, readAll, run } from '../db/query.ts';
import {
  assessedByJobQuery,
  getRescoreJob,
  insertJobStatement,
  jobProgressStatements,
  jobQuery,
  latestJobsQuery,
  type RescoreJobRow,
  type RescoreReason,
} from '../db/rescore-jobs.ts';
import { openCaseIdsQuery, openCasesFiledOnQuery } from '../db/scoring.ts';
import { newId } from '../security/tokens.ts';
import { activeRuleSet, NO_WARNINGS, planAssessment, scoringQueries, scoringState, type LoadedRuleSet } from './scoring.ts';
import { withReplan, write } from './write.ts';

/** Case ids per queue message: one message is scored and written in one db.batch(). */
export const RESCORE_BATCH = 50;

export type { RescoreJobRow, RescoreReason };
export { getRescoreJob };

export interface RescoreMessage {
  jobId: string;
  reason: RescoreReason;
  caseIds: string[];
}

export interface RescoreQueue {
  sendBatch(messages: Iterable<MessageSendRequest<RescoreMessage>>): Promise<unknown>;
}

/** Open cases (not closed): the ones re-scoring keeps current. */
export async function openCaseIds(db: Db): Promise<string[]> {
  return run(db, openCaseIdsQuery(db));
}

export async function latestRescoreJobs(db: Db, limit = 5): Promise<RescoreJobRow[]> {
  return run(db, latestJobsQuery(db, limit));
}

/**
 * Open cases whose facts may have changed since yesterday under the active set: their `daysPending`
 * sits on a boundary a rule tests today, or a linked petition leaves the 7- or 365-day window the
 * rules read today. One round trip.
 */
export async function casesCrossingToday(db: Db, rules: LoadedRuleSet, today: string): Promise<string[]> {
  const filed = daysPendingBoundaries(rules.doc).map((d) => addDays(today, -d));
  const received = petitionWindowDaysBack(rules.doc).map((d) => addDays(today, -d));
  if (filed.length === 0 && received.length === 0) return [];
  const r = await readAll(db, {
    ...(filed.length ? { aged: openCasesFiledOnQuery(db, filed) } : {}),
    ...(received.length ? { petitioned: openCasesWithPetitionsOnQuery(db, received) } : {}),
  });
  return [...new Set([...(r.aged ?? []), ...(r.petitioned ?? [])])].sort();
}

/** Records a job and enqueues its cases in batches; returns the job id and how many cases. */
export async function enqueueRescore(
  db: Db,
  queue: RescoreQueue,
  job: { reason: RescoreReason; caseIds: string[]; ruleSetId: string | null; createdBy: string | null; courtId?: number | null },
): Promise<{ jobId: string; total: number; batches: number }> {
  const jobId = newId();
  const now = new Date().toISOString();
  const total = job.caseIds.length;
  await write(db, [
    insertJobStatement(db, { id: jobId, reason: job.reason, ruleSetId: job.ruleSetId, total, createdBy: job.createdBy, now }),
    auditStatement(db, {
      actorId: job.createdBy,
      via: job.createdBy ? 'web' : 'system',
      courtId: job.courtId ?? null,
      action: 'rescore.enqueue',
      entity: 'rescore_job',
      entityId: jobId,
      after: { reason: job.reason, ruleSetId: job.ruleSetId, total },
      at: now,
    }),
  ]);
  const messages: MessageSendRequest<RescoreMessage>[] = [];
  for (let i = 0; i < job.caseIds.length; i += RESCORE_BATCH) {
    messages.push({ body: { jobId, reason: job.reason, caseIds: job.caseIds.slice(i, i + RESCORE_BATCH) } });
  }
  // sendBatch takes at most 100 messages at a time.
  for (let i = 0; i < messages.length; i += 100) await queue.sendBatch(messages.slice(i, i + 100));
  console.log(`rescore ${jobId} (${job.reason}): ${job.caseIds.length} cases enqueued in ${messages.length} batches`);
  return { jobId, total: job.caseIds.length, batches: messages.length };
}

/**
 * The queue consumer's work for one message: scores the cases with the active rule set and writes
 * assessments, warnings, timeline entries, audit rows and the job's progress in one db.batch().
 * Cases this job already assessed (a message delivered twice) are skipped, so nothing is written
 * twice. Like every assessment, the batch commits only on the revisions it read: a case changed
 * by a person meanwhile makes it read and plan again. A failure throws and the queue retries.
 */
export async function rescoreBatch(db: Db, msg: RescoreMessage): Promise<{ scored: number; skipped: number }> {
  const started = Date.now();
  const outcome = await withReplan(async () => {
    const { done, rules, ...reads } = await readAll(db, { done: assessedByJobQuery(db, msg.jobId, msg.caseIds), ...scoringQueries(db, msg.caseIds) });
    const todo = msg.caseIds.filter((id) => !done.has(id));
    if (todo.length === 0) return { scored: 0, skipped: msg.caseIds.length };
    const state = scoringState(reads, rules);
    const now = new Date();
    const statements: D1PreparedStatement[] = [];
    let scored = 0;
    for (const id of todo) {
      const c = state.cases.get(id);
      if (!c) continue;
      const planned = planAssessment(db, c, state.warnings.get(id) ?? NO_WARNINGS, {
        rules: state.rules,
        cause: msg.reason,
        jobId: msg.jobId,
        actorId: null,
        via: 'system',
        now,
      });
      statements.push(...planned.statements);
      scored++;
    }
    // A case deleted since the job began still counts as done.
    await write(db, [...statements, ...jobProgressStatements(db, msg.jobId, todo.length, now.toISOString())]);
    return { scored, skipped: done.size };
  });
  const job = await run(db, jobQuery(db, msg.jobId));
  console.log(
    `rescore ${msg.jobId}: scored ${outcome.scored} cases in ${Date.now() - started} ms (${job?.done}/${job?.total})` +
      (job?.finished_at ? `; job finished: ${job.total} cases in ${Date.parse(job.finished_at) - Date.parse(job.created_at)} ms` : ''),
  );
  return outcome;
}

/** The daily run (Cron Trigger): enqueue the cases crossing a daysPending boundary today. */
export async function enqueueDailyRescore(db: Db, queue: RescoreQueue, now = new Date()) {
  const rules = await activeRuleSet(db);
  const ids = await casesCrossingToday(db, rules, shanghaiDay(now));
  return enqueueRescore(db, queue, { reason: 'daily', caseIds: ids, ruleSetId: rules.id, createdBy: null });
}
