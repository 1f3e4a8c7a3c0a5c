import { LEVELS, type Level } from '../domain/levels.ts';
import { compileRuleSet, evaluate, validateRuleSet, type RuleSet, type RuleSetIssue } from '../domain/rules/index.ts';
import { caseFacts } from '../domain/case-facts.ts';
import { diffRuleSets, type RuleSetDiff } from '../domain/rules/diff.ts';
import { shanghaiDay, shanghaiIso } from '../domain/time.ts';
import { auditStatement } from '../db/audit.ts';
import { write } from './write.ts';
import { type Db, readAll, run } from '../db/query.ts';
import { factorsQuery } from '../db/factors.ts';
import { jobQuery, latestJobsQuery } from '../db/rescore-jobs.ts';
import { authorize } from './authorize.ts';
import { openCaseIdsInScopeQuery } from '../db/scoring.ts';
import {
  activateStatements,
  activeRuleSetQuery,
  getActiveRuleSet,
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
import { enqueueRescore, openCaseIds, type RescoreQueue } from './rescore.ts';
import { loadRuleSet, loadScoringState } from './scoring.ts';

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

/** One rule set's page: the set, its difference from the active one, the factor names, and a job. */
export async function loadRuleSetPage(db: Db, id: string, jobId?: string) {
  const r = await readAll(db, { row: ruleSetQuery(db, id), active: activeRuleSetQuery(db), factors: factorsQuery(db), job: jobQuery(db, jobId ?? '') });
  if (!r.row) throw notFound();
  const diff =
    r.active && r.active.id !== r.row.id
      ? { active: ruleSetView(r.active), diff: diffRuleSets(JSON.parse(r.active.document) as RuleSet, JSON.parse(r.row.document) as RuleSet) }
      : null;
  return { row: r.row, ruleSet: ruleSetView(r.row), diff, factors: r.factors, job: r.job };
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
 * Activates a draft: the previous active set is retired in the same batch, then every open case
 * is re-scored through the queue.
 */
export async function activateRuleSet(
  db: Db,
  queue: RescoreQueue,
  user: CurrentUser,
  id: string,
  revision: number | undefined,
): Promise<{ ruleSet: RuleSetView; job: { id: string; total: number; batches: number } }> {
  const row = requireDraftRow(user, await getRuleSet(db, id));
  if (revision !== undefined && revision !== row.revision) throw new AppError('conflict', 'ruleset.stale', {}, [], { current: ruleSetView(row) });
  const previous = await getActiveRuleSet(db);
  const now = new Date().toISOString();
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
    ],
    { conflictKey: 'ruleset.stale' },
  );
  const job = await enqueueRescore(db, queue, { reason: 'ruleset_activation', caseIds: await openCaseIds(db), ruleSetId: id, createdBy: user.id, courtId: user.courtId });
  return { ruleSet: ruleSetView((await getRuleSet(db, id))!), job: { id: job.jobId, total: job.total, batches: job.batches } };
}

export interface SimulationChange {
  caseId: string;
  caseNumber: string;
  from: Level;
  to: Level;
  scoreFrom: number;
  scoreTo: number;
  warning: { id: string; state: string } | null;
}

export interface Simulation {
  ruleSet: { id: string; version: number };
  against: { id: string; version: number };
  casesEvaluated: number;
  levelsBefore: Record<Level, number>;
  levelsAfter: Record<Level, number>;
  casesChanged: number;
  openWarningsChanged: number;
  /** Cases that would reach the warning line without having a warning now. */
  newWarnings: number;
  /** The changes, biggest level moves first (at most 200). */
  changes: SimulationChange[];
}

const emptyCounts = (): Record<Level, number> => Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;

/**
 * What would change if this rule set were active: every open case in the caller's scope is
 * evaluated with the active set and with this one, on today's facts. Nothing is stored.
 */
export async function simulateRuleSet(db: Db, user: CurrentUser, id: string): Promise<Simulation> {
  authorize(user, 'simulateRuleSets');
  const row = await requireRuleSet(db, id);
  const activeRow = await getActiveRuleSet(db);
  if (!activeRow) throw new Error('no active rule set');
  const candidate = compileRuleSet(JSON.parse(row.document) as RuleSet);
  const active = loadRuleSet(activeRow);
  const ids = await run(db, openCaseIdsInScopeQuery(db, user));
  const { cases, warnings } = await loadScoringState(db, ids, active);
  const today = shanghaiDay();
  const before = emptyCounts();
  const after = emptyCounts();
  const changes: SimulationChange[] = [];
  let openWarningsChanged = 0;
  let newWarnings = 0;
  for (const c of cases.values()) {
    const facts = caseFacts(c, today);
    const a = evaluate(active.compiled, facts, { trace: false });
    const b = evaluate(candidate, facts, { trace: false });
    before[a.level]++;
    after[b.level]++;
    const open = warnings.get(c.id)?.open ?? null;
    if (b.warn && !open) newWarnings++;
    if (a.level !== b.level) {
      if (open) openWarningsChanged++;
      changes.push({
        caseId: c.id,
        caseNumber: c.caseNumber,
        from: a.level,
        to: b.level,
        scoreFrom: a.score,
        scoreTo: b.score,
        warning: open ? { id: open.id, state: open.state } : null,
      });
    }
  }
  const rank = (l: Level) => LEVELS.indexOf(l);
  changes.sort((x, y) => Math.abs(rank(y.to) - rank(y.from)) - Math.abs(rank(x.to) - rank(x.from)) || x.caseNumber.localeCompare(y.caseNumber));
  return {
    ruleSet: { id: row.id, version: row.version },
    against: { id: activeRow.id, version: activeRow.version },
    casesEvaluated: cases.size,
    levelsBefore: before,
    levelsAfter: after,
    casesChanged: changes.length,
    openWarningsChanged,
    newWarnings,
    changes: changes.slice(0, 200),
  };
}
