import { caseFacts, type CaseFactsInput } from '../domain/case-facts.ts';
import type { CaseCategory } from '../domain/case-number.ts';
import type { Level } from '../domain/levels.ts';
import { compileRuleSet, evaluate, RuleSetSchema, type CompiledRuleSet, type Evaluation, type Facts, type RuleSet } from '../domain/rules/index.ts';
import type { CaseStage } from '../domain/rules/facts.ts';
import { shanghaiDay } from '../domain/time.ts';
import { reviewDeadline } from '../domain/warnings/deadlines.ts';
import { decideWarning } from '../domain/warnings/on-assessment.ts';
import { insertAssessmentStatements } from '../db/assessments.ts';
import { auditStatement } from '../db/audit.ts';
import { getActiveRuleSet, type RuleSetRow } from '../db/rulesets.ts';
import {
  insertEventStatement,
  insertWarningStatement,
  reopenWarningStatement,
  updateWarningAssessmentStatement,
  type WarningRow,
} from '../db/warnings.ts';
import { newId } from '../security/tokens.ts';

/** D1 allows 100 bound parameters per statement; lists of ids are queried in chunks below that. */
const ID_CHUNK = 90;

export interface LoadedRuleSet {
  id: string;
  version: number;
  doc: RuleSet;
  compiled: CompiledRuleSet;
}

/** Compiled rule sets by id and revision: a document is compiled once per isolate, not per case. */
const compiledCache = new Map<string, LoadedRuleSet>();

export function loadRuleSet(row: RuleSetRow): LoadedRuleSet {
  const key = `${row.id}@${row.revision}`;
  let loaded = compiledCache.get(key);
  if (!loaded) {
    const doc = RuleSetSchema.parse(JSON.parse(row.document)) as RuleSet;
    loaded = { id: row.id, version: row.version, doc, compiled: compileRuleSet(doc) };
    compiledCache.set(key, loaded);
  }
  return loaded;
}

export async function activeRuleSet(db: D1Database): Promise<LoadedRuleSet> {
  const row = await getActiveRuleSet(db);
  if (!row) throw new Error('no active rule set: migration 0002 installs the default one');
  return loadRuleSet(row);
}

/** A case as scoring needs it. */
export interface ScoringCase extends CaseFactsInput {
  id: string;
  courtId: number;
  caseNumber: string;
  level: Level | null;
  score: number | null;
}

interface CaseFactRow {
  id: string;
  court_id: number;
  case_number: string;
  category: CaseCategory;
  stage: CaseStage;
  party_count: number;
  amount_in_dispute: number;
  filed_on: string;
  closed_on: string | null;
  level: Level | null;
  score: number | null;
  vulnerable: number;
}

function chunks<T>(items: readonly T[], size = ID_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Everything the rules read for these cases, in few queries. Petition counts are 0 until the
 * petition register exists (domain.md §9 feeds `petitions12m` and `petitions7d`).
 */
export async function loadScoringCases(db: D1Database, ids: readonly string[]): Promise<ScoringCase[]> {
  const out: ScoringCase[] = [];
  for (const part of chunks(ids)) {
    const marks = part.map(() => '?').join(',');
    const [cases, flags] = await db.batch([
      db
        .prepare(
          `SELECT c.id, c.court_id, c.case_number, c.category, c.stage, c.party_count, c.amount_in_dispute, c.filed_on, c.closed_on,
             c.level, c.score, EXISTS (SELECT 1 FROM parties p WHERE p.case_id = c.id AND p.vulnerable = 1) AS vulnerable
           FROM cases c WHERE c.id IN (${marks})`,
        )
        .bind(...part),
      db.prepare(`SELECT case_id, factor_code FROM flags WHERE withdrawn_at IS NULL AND case_id IN (${marks})`).bind(...part),
    ]);
    const factors = new Map<string, string[]>();
    for (const f of (flags?.results ?? []) as { case_id: string; factor_code: string }[]) {
      factors.set(f.case_id, [...(factors.get(f.case_id) ?? []), f.factor_code]);
    }
    for (const c of (cases?.results ?? []) as CaseFactRow[]) {
      out.push({
        id: c.id,
        courtId: c.court_id,
        caseNumber: c.case_number,
        category: c.category,
        stage: c.stage,
        partyCount: c.party_count,
        amountInDispute: c.amount_in_dispute,
        filedOn: c.filed_on,
        closedOn: c.closed_on,
        activeFactors: factors.get(c.id) ?? [],
        hasVulnerableParty: c.vulnerable === 1,
        petitions12m: 0,
        petitions7d: 0,
        level: c.level,
        score: c.score,
      });
    }
  }
  return out;
}

export interface CaseWarnings {
  open: WarningRow | null;
  lastClosed: WarningRow | null;
}

/** The open warning and the most recently closed one of each case. */
export async function loadCaseWarnings(db: D1Database, ids: readonly string[]): Promise<Map<string, CaseWarnings>> {
  const map = new Map<string, CaseWarnings>();
  for (const part of chunks(ids)) {
    const { results } = await db
      .prepare(`SELECT * FROM warnings WHERE case_id IN (${part.map(() => '?').join(',')}) ORDER BY created_at`)
      .bind(...part)
      .all<WarningRow>();
    for (const w of results) {
      const entry = map.get(w.case_id) ?? { open: null, lastClosed: null };
      if (w.state === 'resolved' || w.state === 'dismissed') {
        if (!entry.lastClosed || (w.closed_at ?? '') > (entry.lastClosed.closed_at ?? '')) entry.lastClosed = w;
      } else entry.open = w;
      map.set(w.case_id, entry);
    }
  }
  return map;
}

export interface AssessmentContext {
  rules: LoadedRuleSet;
  cause: string;
  jobId: string | null;
  actorId: string | null;
  via: 'web' | 'api' | 'system';
  now: Date;
}

export interface PlannedAssessment {
  statements: D1PreparedStatement[];
  assessmentId: string;
  facts: Facts;
  evaluation: Evaluation;
  /** The case's open warning after these statements run, if any. */
  warningId: string | null;
}

function dueAt(level: Level, from: Date): string | null {
  return reviewDeadline(level, from)?.toISOString() ?? null;
}

/**
 * Scores a case and returns the statements that store the assessment, make it current, and
 * raise, update or reopen the case's warning — each change with its timeline entry and audit
 * row — for the caller to run in one db.batch() with whatever caused the re-scoring.
 */
export function planAssessment(
  db: D1Database,
  c: ScoringCase,
  warnings: CaseWarnings,
  ctx: AssessmentContext,
): PlannedAssessment {
  const nowIso = ctx.now.toISOString();
  const facts = caseFacts(c, shanghaiDay(ctx.now));
  const evaluation = evaluate(ctx.rules.compiled, facts);
  const assessmentId = newId();
  const statements = insertAssessmentStatements(db, {
    id: assessmentId,
    caseId: c.id,
    ruleSetId: ctx.rules.id,
    ruleSetVersion: ctx.rules.version,
    score: evaluation.score,
    level: evaluation.level,
    warn: evaluation.warn,
    facts,
    trace: evaluation.trace,
    cause: ctx.cause,
    jobId: ctx.jobId,
    now: nowIso,
  });
  const audit = (action: string, entity: string, entityId: string, before: unknown, after: unknown) =>
    auditStatement(db, { actorId: ctx.actorId, via: ctx.via, courtId: c.courtId, action, entity, entityId, before, after, at: nowIso });
  statements.push(
    audit(
      'case.assess',
      'case',
      c.id,
      c.level === null ? undefined : { score: c.score, level: c.level },
      { score: evaluation.score, level: evaluation.level, ruleSetVersion: ctx.rules.version, cause: ctx.cause },
    ),
  );

  const { open, lastClosed } = warnings;
  const decision = decideWarning({
    open: open ? { id: open.id, state: open.state, level: open.level, score: open.score } : null,
    lastClosed:
      lastClosed && (lastClosed.state === 'resolved' || lastClosed.state === 'dismissed')
        ? { id: lastClosed.id, state: lastClosed.state, levelAtClose: lastClosed.level_at_close ?? lastClosed.level }
        : null,
    level: evaluation.level,
    score: evaluation.score,
    warn: evaluation.warn,
  });
  const why = { cause: ctx.cause, score: evaluation.score, ruleSetVersion: ctx.rules.version };
  let warningId: string | null = open?.id ?? null;

  switch (decision.kind) {
    case 'raise': {
      warningId = newId();
      const due = dueAt(evaluation.level, ctx.now);
      statements.push(
        insertWarningStatement(db, { id: warningId, caseId: c.id, courtId: c.courtId, level: evaluation.level, score: evaluation.score, dueAt: due, now: nowIso }),
        insertEventStatement(db, { warningId, at: nowIso, actorId: ctx.actorId, kind: 'raised', toState: 'open', toLevel: evaluation.level, data: why }),
        audit('warning.raise', 'warning', warningId, undefined, { caseId: c.id, state: 'open', level: evaluation.level, score: evaluation.score, dueAt: due }),
      );
      break;
    }
    case 'reopen': {
      warningId = decision.warningId;
      const due = dueAt(evaluation.level, ctx.now);
      statements.push(
        reopenWarningStatement(db, { id: warningId, level: evaluation.level, score: evaluation.score, dueAt: due, now: nowIso }),
        insertEventStatement(db, {
          warningId,
          at: nowIso,
          actorId: ctx.actorId,
          kind: 'auto_reopened',
          fromState: lastClosed?.state,
          toState: 'open',
          fromLevel: lastClosed?.level_at_close ?? null,
          toLevel: evaluation.level,
          data: why,
        }),
        audit('warning.auto_reopen', 'warning', warningId, { state: lastClosed?.state, level: lastClosed?.level_at_close }, { state: 'open', level: evaluation.level }),
      );
      break;
    }
    case 'level_change':
    case 'score_change': {
      const w = open!;
      const due = w.state === 'open' ? dueAt(evaluation.level, new Date(w.raised_at)) : w.due_at;
      statements.push(updateWarningAssessmentStatement(db, { id: w.id, level: evaluation.level, score: evaluation.score, dueAt: due, now: nowIso }));
      if (decision.kind === 'level_change') {
        statements.push(
          insertEventStatement(db, { warningId: w.id, at: nowIso, actorId: ctx.actorId, kind: 'level_changed', fromLevel: decision.from, toLevel: decision.to, data: why }),
          audit('warning.level_change', 'warning', w.id, { level: decision.from, score: w.score }, { level: decision.to, score: evaluation.score }),
        );
      }
      break;
    }
    case 'none':
      break;
  }
  return { statements, assessmentId, facts, evaluation, warningId };
}

/** The assessment summary a flag change answers with. */
export interface AssessmentSummary {
  score: number;
  level: Level;
  warningId: string | null;
}

/** Plans the re-scoring of one case after a change to it (same request, same batch). */
export async function planCaseRescore(
  db: D1Database,
  caseId: string,
  ctx: Omit<AssessmentContext, 'rules' | 'jobId'>,
  adjust?: (c: ScoringCase) => ScoringCase,
): Promise<PlannedAssessment> {
  const [rules, cases, warnings] = await Promise.all([activeRuleSet(db), loadScoringCases(db, [caseId]), loadCaseWarnings(db, [caseId])]);
  const c = cases[0];
  if (!c) throw new Error(`case ${caseId} vanished while being scored`);
  return planAssessment(db, adjust ? adjust(c) : c, warnings.get(caseId) ?? { open: null, lastClosed: null }, { ...ctx, rules, jobId: null });
}
