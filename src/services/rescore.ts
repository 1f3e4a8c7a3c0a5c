import { activeRuleSet, loadCaseWarnings, loadScoringCases, planAssessment, type LoadedRuleSet } from './scoring.ts';
import { casesAssessedByJob } from '../db/assessments.ts';
import { auditStatement } from '../db/audit.ts';
import { newId } from '../security/tokens.ts';
import { addDays, shanghaiDay } from '../domain/time.ts';
import { daysPendingBoundaries } from '../domain/rules/boundaries.ts';

/** Case ids per queue message: one message is scored and written in one db.batch(). */
export const RESCORE_BATCH = 50;

export type RescoreReason = 'ruleset_activation' | 'daily' | 'manual';

export interface RescoreMessage {
  jobId: string;
  reason: RescoreReason;
  caseIds: string[];
}

export interface RescoreQueue {
  sendBatch(messages: Iterable<MessageSendRequest<RescoreMessage>>): Promise<unknown>;
}

/** Open cases (not closed): the ones re-scoring keeps current. */
export async function openCaseIds(db: D1Database): Promise<string[]> {
  const { results } = await db.prepare("SELECT id FROM cases WHERE stage <> 'closed' ORDER BY id").all<{ id: string }>();
  return results.map((r) => r.id);
}

/**
 * Open cases whose `daysPending` sits on a boundary a rule of the active set tests today, i.e.
 * whose result may have changed since yesterday.
 */
export async function casesCrossingToday(db: D1Database, rules: LoadedRuleSet, today: string): Promise<string[]> {
  const days = daysPendingBoundaries(rules.doc);
  if (days.length === 0) return [];
  const filedOn = days.map((d) => addDays(today, -d));
  const { results } = await db
    .prepare(`SELECT id FROM cases WHERE stage <> 'closed' AND filed_on IN (${filedOn.map(() => '?').join(',')}) ORDER BY id`)
    .bind(...filedOn)
    .all<{ id: string }>();
  return results.map((r) => r.id);
}

/** Records a job and enqueues its cases in batches; returns the job id and how many cases. */
export async function enqueueRescore(
  db: D1Database,
  queue: RescoreQueue,
  job: { reason: RescoreReason; caseIds: string[]; ruleSetId: string | null; createdBy: string | null; courtId?: number | null },
): Promise<{ jobId: string; total: number; batches: number }> {
  const jobId = newId();
  const now = new Date().toISOString();
  const total = job.caseIds.length;
  // The job and its audit row in one batch; a job with nothing to do is finished at once.
  await db.batch([
    db
      .prepare('INSERT INTO rescore_jobs (id, reason, rule_set_id, total, done, created_by, created_at, finished_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?)')
      .bind(jobId, job.reason, job.ruleSetId, total, job.createdBy, now, total === 0 ? now : null),
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
 * twice; a failure throws and the message is retried.
 */
export async function rescoreBatch(db: D1Database, msg: RescoreMessage): Promise<{ scored: number; skipped: number }> {
  const started = Date.now();
  const done = await casesAssessedByJob(db, msg.jobId, msg.caseIds);
  const todo = msg.caseIds.filter((id) => !done.has(id));
  if (todo.length === 0) return { scored: 0, skipped: msg.caseIds.length };
  const [rules, cases, warnings] = await Promise.all([activeRuleSet(db), loadScoringCases(db, todo), loadCaseWarnings(db, todo)]);
  const now = new Date();
  const statements: D1PreparedStatement[] = [];
  for (const c of cases) {
    const planned = planAssessment(db, c, warnings.get(c.id) ?? { open: null, lastClosed: null }, {
      rules,
      cause: msg.reason,
      jobId: msg.jobId,
      actorId: null,
      via: 'system',
      now,
    });
    statements.push(...planned.statements);
  }
  const at = now.toISOString();
  statements.push(
    db.prepare('UPDATE rescore_jobs SET done = done + ? WHERE id = ?').bind(cases.length, msg.jobId),
    db
      .prepare('UPDATE rescore_jobs SET finished_at = ? WHERE id = ? AND done >= total AND finished_at IS NULL')
      .bind(at, msg.jobId),
  );
  await db.batch(statements);
  const job = await db
    .prepare('SELECT total, done, created_at, finished_at FROM rescore_jobs WHERE id = ?')
    .bind(msg.jobId)
    .first<{ total: number; done: number; created_at: string; finished_at: string | null }>();
  console.log(
    `rescore ${msg.jobId}: scored ${cases.length} cases in ${Date.now() - started} ms (${job?.done}/${job?.total})` +
      (job?.finished_at ? `; job finished: ${job.total} cases in ${Date.parse(job.finished_at) - Date.parse(job.created_at)} ms` : ''),
  );
  return { scored: cases.length, skipped: done.size };
}

export interface RescoreJobRow {
  id: string;
  reason: RescoreReason;
  rule_set_id: string | null;
  total: number;
  done: number;
  created_at: string;
  finished_at: string | null;
}

export async function getRescoreJob(db: D1Database, id: string): Promise<RescoreJobRow | null> {
  return db.prepare('SELECT * FROM rescore_jobs WHERE id = ?').bind(id).first<RescoreJobRow>();
}

export async function latestRescoreJobs(db: D1Database, limit = 5): Promise<RescoreJobRow[]> {
  const { results } = await db.prepare('SELECT * FROM rescore_jobs ORDER BY created_at DESC LIMIT ?').bind(limit).all<RescoreJobRow>();
  return results;
}

/** The daily run (Cron Trigger): enqueue the cases crossing a daysPending boundary today. */
export async function enqueueDailyRescore(db: D1Database, queue: RescoreQueue, now = new Date()) {
  const rules = await activeRuleSet(db);
  const ids = await casesCrossingToday(db, rules, shanghaiDay(now));
  return enqueueRescore(db, queue, { reason: 'daily', caseIds: ids, ruleSetId: rules.id, createdBy: null });
}

