import { addDays, shanghaiDay } from '../domain/time.ts';
import { daysPendingBoundaries, petitionWindowDaysBack } from '../domain/rules/boundaries.ts';
import { openCasesWithPetitionsOnQuery } from '../db/petitions.ts';
import { auditStatement } from '../db/audit.ts';
import { chunkDoneStatements, chunkQuery } from '../db/job-chunks.ts';
import { type Db, readAll, run } from '../db/query.ts';
import { getRescoreJob, insertJobStatement, jobQuery, latestJobsQuery, type RescoreJobRow, type RescoreReason } from '../db/rescore-jobs.ts';
import { openCaseCountSql, openCasesFiledOnQuery, rangeEndsQuery } from '../db/scoring.ts';
import { newId } from '../security/tokens.ts';
import { CHUNK, chunkKey, layOutRanges, RANGES_PER_PLAN, sendAll, splitRange, type JobQueue, type RescoreMessage } from './job-queue.ts';
import { activeRuleSet, NO_WARNINGS, planAssessment, scoringQueries, scoringState, type LoadedRuleSet } from './scoring.ts';
import { withReplan, write } from './write.ts';

export type { RescoreJobRow, RescoreReason, RescoreMessage, JobQueue };
export { getRescoreJob };

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

function enqueueAudit(db: Db, job: { id: string; reason: RescoreReason; ruleSetId: string | null; createdBy: string | null; courtId?: number | null; total?: number }, now: string) {
  return auditStatement(db, {
    actorId: job.createdBy,
    via: job.createdBy ? 'web' : 'system',
    courtId: job.courtId ?? null,
    action: 'rescore.enqueue',
    entity: 'rescore_job',
    entityId: job.id,
    after: { reason: job.reason, ruleSetId: job.ruleSetId, ...(job.total === undefined ? { scope: 'open cases' } : { total: job.total }) },
    at: now,
  });
}

/** Records a job over a list of cases (the daily run's few) and enqueues them in batches of CHUNK. */
export async function enqueueRescore(
  db: Db,
  queue: JobQueue,
  job: { reason: RescoreReason; caseIds: string[]; ruleSetId: string | null; createdBy: string | null; courtId?: number | null },
): Promise<{ jobId: string; total: number; batches: number }> {
  const jobId = newId();
  const now = new Date().toISOString();
  const total = job.caseIds.length;
  const messages: RescoreMessage[] = [];
  for (let i = 0; i < total; i += CHUNK) messages.push({ kind: 'rescore', jobId, step: 'list', key: String(i / CHUNK), caseIds: job.caseIds.slice(i, i + CHUNK) });
  await write(db, [
    insertJobStatement(db, { id: jobId, reason: job.reason, ruleSetId: job.ruleSetId, total, pending: messages.length, createdBy: job.createdBy, now }),
    enqueueAudit(db, { ...job, id: jobId, total }, now),
  ]);
  await sendAll(queue, messages);
  console.log(`rescore ${jobId} (${job.reason}): ${total} cases enqueued in ${messages.length} batches`);
  return { jobId, total, batches: messages.length };
}

/**
 * The statements that record a job over every open case (an activation), for the caller's batch,
 * and the one message that starts it: its total is the open cases counted in the same batch.
 */
export function openCasesJob(
  db: Db,
  job: { reason: RescoreReason; ruleSetId: string | null; createdBy: string | null; courtId?: number | null },
): { jobId: string; statements: D1PreparedStatement[]; start: RescoreMessage } {
  const jobId = newId();
  const now = new Date().toISOString();
  return {
    jobId,
    statements: [
      insertJobStatement(db, { id: jobId, reason: job.reason, ruleSetId: job.ruleSetId, total: openCaseCountSql(), pending: 1, createdBy: job.createdBy, now }),
      enqueueAudit(db, { ...job, id: jobId }, now),
    ],
    start: { kind: 'rescore', jobId, step: 'plan', after: '' },
  };
}

/**
 * The queue consumer's work for one message of a re-scoring job, in one read round trip and one
 * write batch. A planning message lays out ranges. A range or list is scored with the active rule
 * set: assessments, warnings, timeline entries, audit rows, the chunk's record and the job's progress
 * in one db.batch(). A chunk already recorded (a message delivered twice) writes nothing and only
 * sends again what it laid out. Like every assessment, the batch commits only on the revisions it
 * read: a case changed by a person meanwhile makes it read and plan again. A failure throws and
 * the queue retries.
 */
export async function rescoreStep(db: Db, queue: JobQueue, msg: RescoreMessage): Promise<{ scored: number; skipped: boolean }> {
  const started = Date.now();
  const key = chunkKey(msg);
  const outcome = await withReplan(async () => {
    const now = new Date();
    const at = now.toISOString();
    if (msg.step === 'plan') {
      const r = await readAll(db, { job: jobQuery(db, msg.jobId), chunk: chunkQuery<RescoreMessage>(db, msg.jobId, key), found: rangeEndsQuery(db, { after: msg.after, size: CHUNK, count: RANGES_PER_PLAN }) });
      if (!r.job) throw new Error(`rescore ${msg.jobId}: no such job`);
      if (r.chunk.done) return { scored: 0, skipped: true, send: r.chunk.unsent, finished: false };
      const next = layOutRanges(msg, r.found);
      const batch = chunkDoneStatements(db, 'rescore_jobs', { jobId: msg.jobId, key, next, done: 0, now: at });
      const results = await write(db, batch);
      return { scored: 0, skipped: false, send: next.map((n) => n.body), finished: results[batch.length - 1]?.meta.changes === 1 };
    }
    const set = msg.step === 'list' ? msg.caseIds : { after: msg.after, until: msg.until, limit: CHUNK + 1 };
    const { job, chunk, rules, ...reads } = await readAll(db, { job: jobQuery(db, msg.jobId), chunk: chunkQuery<RescoreMessage>(db, msg.jobId, key), ...scoringQueries(db, set) });
    if (!job) throw new Error(`rescore ${msg.jobId}: no such job`);
    if (chunk.done) return { scored: 0, skipped: true, send: chunk.unsent, finished: false };
    const state = scoringState(reads, rules);
    const { ids, next } = msg.step === 'list' ? { ids: msg.caseIds, next: [] } : splitRange(msg, [...state.cases.keys()]);
    const statements: D1PreparedStatement[] = [];
    let scored = 0;
    for (const id of ids) {
      const c = state.cases.get(id);
      if (!c) continue;
      const planned = planAssessment(db, c, state.warnings.get(id) ?? NO_WARNINGS, { rules: state.rules, cause: job.reason, jobId: msg.jobId, actorId: null, via: 'system', now });
      statements.push(...planned.statements);
      scored++;
    }
    // A listed case deleted since the job began still counts as done.
    statements.push(...chunkDoneStatements(db, 'rescore_jobs', { jobId: msg.jobId, key, next, done: ids.length, now: at }));
    const results = await write(db, statements);
    // The last statement finishes the job when this was its last chunk.
    return { scored, skipped: false, send: next.map((n) => n.body), finished: results[statements.length - 1]?.meta.changes === 1 };
  });
  await sendAll(queue, outcome.send);
  console.log(
    `rescore ${msg.jobId} ${key}: ${outcome.skipped ? 'already done' : `scored ${outcome.scored} cases`} in ${Date.now() - started} ms` +
      (outcome.send.length ? `, ${outcome.send.length} messages laid out` : '') +
      (outcome.finished ? '; job finished' : ''),
  );
  return { scored: outcome.scored, skipped: outcome.skipped };
}

/** The daily run (Cron Trigger): enqueue the cases crossing a daysPending boundary today. */
export async function enqueueDailyRescore(db: Db, queue: JobQueue, now = new Date()) {
  const rules = await activeRuleSet(db);
  const ids = await casesCrossingToday(db, rules, shanghaiDay(now));
  return enqueueRescore(db, queue, { reason: 'daily', caseIds: ids, ruleSetId: rules.id, createdBy: null });
}
