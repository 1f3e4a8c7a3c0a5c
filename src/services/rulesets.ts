import { validateRuleSet, type RuleSet, type RuleSetIssue } from '../domain/rules/index.ts';
import { diffRuleSets } from '../domain/rules/diff.ts';
import { shanghaiIso } from '../domain/time.ts';
import { auditStatement } from '../db/audit.ts';
import { write } from './write.ts';
import { type Db, readAll } from '../db/query.ts';
import { factorsQuery } from '../db/factors.ts';
import { jobQuery, latestJobsQuery } from '../db/rescore-jobs.ts';
import { authorize } from './authorize.ts';
import {
  activateStatements,
  activeRuleSetQuery,
  getRuleSet,
  ruleSetQuery,
  ruleSetsQuery,
  insertRuleSetStatement,
  listRuleSets,
  nextRuleSetVersion,
  updateDraftStatements,
  type RuleSetRow,
  type RuleSetStatus,
} from '../db/rulesets.ts';
import { AppError, notFound } from '../http/errors.ts';
import type { CurrentUser } from '../http/types.ts';
import type { PublicIssue } from '../http/zod-messages.ts';
import type { Translate } from '../i18n/index.ts';
import { newId } from '../security/tokens.ts';
import { CHUNK, sendAll, type JobQueue } from './job-queue.ts';
import { openCasesJob } from './rescore.ts';
import { latestSimulationQueries, simulationJob } from './simulations.ts';

export interface RuleSetView {
  id: string;
  version: number;
  name: string;
  status: RuleSetStatus;
  note: string;
  author: { id: string; displayName: string } | null;
  createdAt: string;
  updatedAt: string;
  activatedAt: string | null;
  retiredAt: string | null;
  revision: number;
  document: RuleSet;
}

export function ruleSetView(row: RuleSetRow): RuleSetView {
  return {
    id: row.id,
    version: row.version,
    name: row.name,
    status: row.status,
    note: row.note,
    author: row.author_id ? { id: row.author_id, displayName: row.author_name ?? '' } : null,
    createdAt: shanghaiIso(row.created_at),
    updatedAt: shanghaiIso(row.updated_at),
    activatedAt: row.activated_at ? shanghaiIso(row.activated_at) : null,
    retiredAt: row.retired_at ? shanghaiIso(row.retired_at) : null,
    revision: row.revision,
    document: JSON.parse(row.document) as RuleSet,
  };
}

/** Rule-set issues in the caller's language; every message inside a rule names the rule. */
export function ruleSetIssues(issues: RuleSetIssue[], t: Translate, prefix: (string | number)[] = []): PublicIssue[] {
  return issues.map((i) => {
    const message = t(i.key, i.params);
    const ruleId = i.params.ruleId;
    const named = ruleId !== undefined && !message.includes(String(ruleId)) ? t('rules.error.inRule', { ruleId, message }) : message;
    return { path: [...prefix, ...i.path], message: named };
  });
}

/** Validates a document or throws 422 naming the rule and the path of every bad part. */
export function requireValidRuleSet(doc: unknown, t: Translate, prefix: (string | number)[] = []): RuleSet {
  const checked = validateRuleSet(doc);
  if (!checked.ok) throw new AppError('invalid', 'rules.error.documentInvalid', {}, ruleSetIssues(checked.issues, t, prefix));
  return checked.value as RuleSet;
}

export async function allRuleSets(db: Db): Promise<RuleSetView[]> {
  return (await listRuleSets(db)).map(ruleSetView);
}

export async function requireRuleSet(db: Db, id: string): Promise<RuleSetRow> {
  const row = await getRuleSet(db, id);
  if (!row) throw notFound();
  return row;
}

/** Only a draft is edited or activated: anything else is a 409 (after the permission, 403). */
function requireDraftRow(user: CurrentUser, row: RuleSetRow | null): RuleSetRow {
  authorize(user, 'editRuleSets');
  if (!row) throw notFound();
  if (row.status !== 'draft') throw new AppError('conflict', 'ruleset.notDraft');
  return row;
}

/** The rule-set list page: every set, the latest re-scoring jobs, the factor names — one round trip. */
export async function loadRuleSetList(db: Db) {
  const r = await readAll(db, { sets: ruleSetsQuery(db), jobs: latestJobsQuery(db, 5), factors: factorsQuery(db) });
  return { ruleSets: r.sets.map(ruleSetView), jobs: r.jobs, factors: r.factors };
}

/**
 * One rule set's page: the set, its difference from the active one, the factor names, a job, and
 * the caller's latest simulation of it — one round trip.
 */
export async function loadRuleSetPage(db: Db, id: string, opts: { jobId?: string; userId?: string } = {}) {
  const r = await readAll(db, {
    row: ruleSetQuery(db, id),
    active: activeRuleSetQuery(db),
    factors: factorsQuery(db),
    job: jobQuery(db, opts.jobId ?? ''),
    ...latestSimulationQueries(db, id, opts.userId ?? ''),
  });
  if (!r.row) throw notFound();
  const diff =
    r.active && r.active.id !== r.row.id
      ? { active: ruleSetView(r.active), diff: diffRuleSets(JSON.parse(r.active.document) as RuleSet, JSON.parse(r.row.document) as RuleSet) }
      : null;
  return { row: r.row, ruleSet: ruleSetView(r.row), diff, factors: r.factors, job: r.job, simulation: r.sim ? simulationJob(r.sim, r.simChanges) : null };
}

/** What the editor starts from: the draft being edited (or none), the active set and the factor names. */
export async function loadEditor(db: Db, user: CurrentUser, draftId: string | null) {
  authorize(user, 'editRuleSets');
  const r = await readAll(db, { draft: ruleSetQuery(db, draftId ?? ''), active: activeRuleSetQuery(db), factors: factorsQuery(db) });
  return {
    draft: draftId === null ? null : ruleSetView(requireDraftRow(user, r.draft)),
    active: r.active ? ruleSetView(r.active) : null,
    factors: r.factors,
  };
}

export async function createDraft(db: Db, user: CurrentUser, doc: RuleSet, note: string): Promise<RuleSetView> {
  authorize(user, 'editRuleSets');
  const id = newId();
  const now = new Date().toISOString();
  const version = await nextRuleSetVersion(db);
  await write(
    db,
    [
      insertRuleSetStatement(db, { id, version, name: doc.name, document: JSON.stringify(doc), note, authorId: user.id, now }),
      auditStatement(db, { actorId: user.id, via: user.via, courtId: user.courtId, action: 'ruleset.create', entity: 'ruleset', entityId: id, after: { version, name: doc.name, rules: doc.rules.length } }),
    ],
    { unique: { 'rule_sets.version': 'error.conflict' } },
  );
  return ruleSetView((await getRuleSet(db, id))!);
}

export async function updateDraft(
  db: Db,
  user: CurrentUser,
  id: string,
  doc: RuleSet,
  note: string,
  revision: number,
): Promise<RuleSetView> {
  const row = requireDraftRow(user, await getRuleSet(db, id));
  if (row.revision !== revision) throw new AppError('conflict', 'ruleset.stale', {}, [], { current: ruleSetView(row) });
  const now = new Date().toISOString();
  await write(
    db,
    [
      ...updateDraftStatements(db, { id, revision, name: doc.name, document: JSON.stringify(doc), note, now }),
      auditStatement(db, {
        actorId: user.id,
        via: user.via,
        courtId: user.courtId,
        action: 'ruleset.update',
        entity: 'ruleset',
        entityId: id,
        before: { revision, document: JSON.parse(row.document) },
        after: { revision: revision + 1, document: doc },
      }),
    ],
    { conflictKey: 'ruleset.stale' },
  );
  return ruleSetView((await getRuleSet(db, id))!);
}

/**
 * Activates a draft: the previous active set is retired and a re-scoring job over every open case
 * is recorded in the same batch; then one message starts the job, which the queue lays out in
 * ranges of open cases (services/job-queue.ts). Four round trips and one message, whatever the
 * number of cases.
 */
export async function activateRuleSet(
  db: Db,
  queue: JobQueue,
  user: CurrentUser,
  id: string,
  revision: number | undefined,
): Promise<{ ruleSet: RuleSetView; job: { id: string; total: number; batches: number } }> {
  const r = await readAll(db, { row: ruleSetQuery(db, id), previous: activeRuleSetQuery(db) });
  const row = requireDraftRow(user, r.row);
  if (revision !== undefined && revision !== row.revision) throw new AppError('conflict', 'ruleset.stale', {}, [], { current: ruleSetView(row) });
  const previous = r.previous;
  const now = new Date().toISOString();
  const job = openCasesJob(db, { reason: 'ruleset_activation', ruleSetId: id, createdBy: user.id, courtId: user.courtId });
  await write(
    db,
    [
      ...activateStatements(db, { id, revision: row.revision, by: user.id, now }),
      auditStatement(db, {
        actorId: user.id,
        via: user.via,
        courtId: user.courtId,
        action: 'ruleset.activate',
        entity: 'ruleset',
        entityId: id,
        before: { active: previous ? { id: previous.id, version: previous.version } : null },
        after: { active: { id, version: row.version } },
      }),
      ...job.statements,
    ],
    { conflictKey: 'ruleset.stale' },
  );
  await sendAll(queue, [job.start]);
  const after = await readAll(db, { row: ruleSetQuery(db, id), job: jobQuery(db, job.jobId) });
  const total = after.job?.total ?? 0;
  console.log(`rescore ${job.jobId} (ruleset_activation): ${total} open cases, laid out by the queue in ranges of ${CHUNK}`);
  return { ruleSet: ruleSetView(after.row!), job: { id: job.jobId, total, batches: Math.ceil(total / CHUNK) } };
}
