/**
 * The scoring path. Every change to what a case's score depends on — a flag, an edit of its facts,
 * a linked petition — is read, planned and written as ONE batch that also stores the new
 * assessment and its effect on the warning, each with its audit row. The batch commits only if
 * the case is still at the revision it read and the rule set it used is still active (see
 * db/batch.ts); otherwise the request reads and plans again (withReplan). So the committed
 * batches form one sequence in which each assessment counts every change before it and its own:
 * the latest assessment reflects every stored change, whatever arrived at the same moment.
 */
import { caseFacts, type CaseFactsInput } from '../domain/case-facts.ts';
import { caseKind } from '../domain/roles.ts';
import { onAssessment, type Warning } from '../domain/warnings/lifecycle.ts';
import { compileRuleSet, evaluate, matchedRuleIds, RuleSetSchema, type CompiledRuleSet, type Evaluation, type Facts, type RuleSet } from '../domain/rules/index.ts';
import type { CaseCategory } from '../domain/case-number.ts';
import type { CaseStage } from '../domain/cases.ts';
import type { Level } from '../domain/levels.ts';
import { petitionFacts } from '../domain/petitions/case-facts.ts';
import { shanghaiDay } from '../domain/time.ts';
import { insertAssessmentStatement } from '../db/assessments.ts';
import { auditStatement } from '../db/audit.ts';
import { type Db, type Query, readAll, run } from '../db/query.ts';
import { activeRuleSetQuery, type RuleSetRow } from '../db/rulesets.ts';
import {
  activeFactorsQuery,
  caseFactsQuery,
  caseWarningsQuery,
  chunks,
  caseRevisionStatements,
  currentAssessmentStatements,
  ruleSetStillActive,
  type CaseFactRow,
  type CaseSet,
} from '../db/scoring.ts';
import { toWarning, type WarningRow } from '../db/warnings.ts';
import { newId } from '../security/tokens.ts';
import { warningChangeStatements } from './warning-writes.ts';
import { withReplan, write, type UniqueViolations } from './write.ts';
import type { MessageKey } from '../i18n/index.ts';

export interface LoadedRuleSet {
  id: string;
  version: number;
  doc: RuleSet;
  compiled: CompiledRuleSet;
}

/** Compiled rule sets by id and revision: a document is compiled once per isolate, not per case. */
const compiledCache = new Map<string, LoadedRuleSet>();

export function loadRuleSet(row: Pick<RuleSetRow, 'id' | 'version' | 'revision' | 'document'>): LoadedRuleSet {
  const key = `${row.id}@${row.revision}`;
  let loaded = compiledCache.get(key);
  if (!loaded) {
    const doc = RuleSetSchema.parse(JSON.parse(row.document)) as RuleSet;
    loaded = { id: row.id, version: row.version, doc, compiled: compileRuleSet(doc) };
    compiledCache.set(key, loaded);
  }
  return loaded;
}

function requireActive(row: RuleSetRow | null): LoadedRuleSet {
  if (!row) throw new Error('no active rule set: migration 0002 installs the default one');
  return loadRuleSet(row);
}

export async function activeRuleSet(db: Db): Promise<LoadedRuleSet> {
  return requireActive(await run(db, activeRuleSetQuery(db)));
}

/** A case as scoring needs it. */
export interface ScoringCase extends CaseFactsInput {
  id: string;
  courtId: number;
  courtPath: string;
  caseNumber: string;
  level: Level | null;
  score: number | null;
  /** The revision read: the assessment commits only if the case is still at it. */
  revision: number;
  /** Days of the linked petitions that can count in its facts (the 365 days up to the day read). */
  petitionDays: readonly string[];
  /** The current assessment as stored (null before the first); `score` and `level` above are its own. */
  current: StoredAssessment | null;
}

/** What a re-score compares with: the stored JSON of the facts and of the matched rule ids. */
export interface StoredAssessment {
  ruleSetId: string;
  warn: boolean;
  factsJson: string;
  matchedJson: string;
}

/** The case with these linked petition days, its petition facts counted as of `today`. */
export function withPetitionDays(c: ScoringCase, petitionDays: readonly string[], today = shanghaiDay()): ScoringCase {
  return { ...c, petitionDays, ...petitionFacts(petitionDays, today) };
}

export interface CaseWarnings {
  open: Warning | null;
  lastClosed: Warning | null;
}

export const NO_WARNINGS: CaseWarnings = { open: null, lastClosed: null };

function scoringCase(c: CaseFactRow, factors: readonly string[], today: string): ScoringCase {
  const petitionDays = c.petition_days ? c.petition_days.split(',') : [];
  return {
    id: c.id,
    courtId: c.court_id,
    courtPath: c.court_path,
    caseNumber: c.case_number,
    category: c.category as CaseCategory,
    stage: c.stage as CaseStage,
    partyCount: c.party_count,
    amountInDispute: c.amount_in_dispute,
    filedOn: c.filed_on,
    closedOn: c.closed_on,
    activeFactors: factors,
    hasVulnerableParty: c.vulnerable === 1,
    // The petition register feeds these (domain.md §9): linked petitions in the last 365 and 7 days.
    ...petitionFacts(petitionDays, today),
    level: c.level,
    score: c.score,
    revision: c.revision,
    petitionDays,
    current:
      c.a_rule_set_id === null
        ? null
        : { ruleSetId: c.a_rule_set_id, warn: c.a_warn === 1, factsJson: c.a_facts_json ?? '', matchedJson: c.a_matched_json ?? '' },
  };
}

/** The open warning and the most recently closed one of each case. */
function warningsByCase(rows: readonly WarningRow[]): Map<string, CaseWarnings> {
  const map = new Map<string, CaseWarnings>();
  for (const row of rows) {
    const w = toWarning(row);
    const entry = map.get(w.caseId) ?? { open: null, lastClosed: null };
    if (w.state === 'resolved' || w.state === 'dismissed') {
      if (!entry.lastClosed || (w.closedAt ?? '') > (entry.lastClosed.closedAt ?? '')) entry.lastClosed = w;
    } else entry.open = w;
    map.set(w.caseId, entry);
  }
  return map;
}

/** What scoring reads for at most ID_CHUNK cases or a range of open cases, as queries to send with others in one round trip. */
export function scoringQueries(db: Db, ids: CaseSet, today = shanghaiDay()) {
  return { facts: caseFactsQuery(db, ids, today), factors: activeFactorsQuery(db, ids), warnings: caseWarningsQuery(db, ids), rules: activeRuleSetQuery(db) };
}

export interface ScoringState {
  cases: Map<string, ScoringCase>;
  warnings: Map<string, CaseWarnings>;
  rules: LoadedRuleSet;
}

type ScoringReads = { facts: CaseFactRow[]; factors: Map<string, string[]>; warnings: WarningRow[] };

export function scoringState(r: ScoringReads, rules: RuleSetRow | LoadedRuleSet | null, today = shanghaiDay()): ScoringState {
  return {
    cases: new Map(r.facts.map((c) => [c.id, scoringCase(c, r.factors.get(c.id) ?? [], today)])),
    warnings: warningsByCase(r.warnings),
    rules: rules && 'compiled' in rules ? rules : requireActive(rules),
  };
}

/**
 * Cases with their warnings, for reading many (simulation, re-scoring jobs): a round trip per chunk.
 * Their petition facts are counted as of `today` (a Shanghai day).
 */
export async function loadScoringState(db: Db, ids: readonly string[], rules?: LoadedRuleSet, today = shanghaiDay()): Promise<ScoringState> {
  const state: ScoringState = { cases: new Map(), warnings: new Map(), rules: rules ?? (await activeRuleSet(db)) };
  for (const part of chunks(ids)) {
    const { rules: _active, ...queries } = scoringQueries(db, part, today);
    const s = scoringState(await readAll(db, queries), state.rules, today);
    for (const [k, v] of s.cases) state.cases.set(k, v);
    for (const [k, v] of s.warnings) state.warnings.set(k, v);
  }
  return state;
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
  /** Empty when nothing changed (see `stored`). */
  statements: D1PreparedStatement[];
  /**
   * False when the score, level, warning, rule set, matched rules and facts are those of the current
   * assessment and the warning stays as it is: then this plans nothing (changeCases still moves the
   * case's revision when a change comes with it).
   */
  stored: boolean;
  facts: Facts;
  evaluation: Evaluation;
  /** The case's open warning after these statements run, if any. */
  warningId: string | null;
}

/** Whether an evaluation says what the case's current assessment says, on the same facts and rule set. */
function sameAsCurrent(c: ScoringCase, rules: LoadedRuleSet, evaluation: Evaluation, factsJson: string, matchedJson: string): boolean {
  const a = c.current;
  return (
    a !== null &&
    a.ruleSetId === rules.id &&
    c.score === evaluation.score &&
    c.level === evaluation.level &&
    a.warn === evaluation.warn &&
    a.matchedJson === matchedJson &&
    a.factsJson === factsJson
  );
}

/**
 * Scores a case and returns the statements that store the assessment, make it current (from the
 * revision read), and raise, re-level or reopen the case's warning (from the version read) —
 * each with its timeline entry and audit row — for the caller's one batch. When the result is
 * the current assessment's over again, nothing: history keeps one row per change, not per re-score.
 */
export function planAssessment(db: Db, c: ScoringCase, warnings: CaseWarnings, ctx: AssessmentContext): PlannedAssessment {
  const at = ctx.now.toISOString();
  const day = shanghaiDay(ctx.now);
  // The petition facts as of the day scored, from the linked petitions' days.
  const facts = caseFacts({ ...c, ...petitionFacts(c.petitionDays, day) }, day);
  const evaluation = evaluate(ctx.rules.compiled, facts);
  const matched = matchedRuleIds(evaluation);
  const change = onAssessment({
    caseId: c.id,
    courtId: c.courtId,
    open: warnings.open,
    lastClosed: warnings.lastClosed,
    level: evaluation.level,
    score: evaluation.score,
    warn: evaluation.warn,
    at,
    actorId: ctx.actorId,
    cause: ctx.cause,
    ruleSetVersion: ctx.rules.version,
    newId,
  });
  if (!change && sameAsCurrent(c, ctx.rules, evaluation, JSON.stringify(facts), JSON.stringify(matched))) {
    return { statements: [], stored: false, facts, evaluation, warningId: warnings.open?.id ?? null };
  }
  const assessmentId = newId();
  const statements: D1PreparedStatement[] = [
    ruleSetStillActive(db, ctx.rules.id),
    insertAssessmentStatement(db, {
      id: assessmentId,
      caseId: c.id,
      ruleSetId: ctx.rules.id,
      ruleSetVersion: ctx.rules.version,
      score: evaluation.score,
      level: evaluation.level,
      warn: evaluation.warn,
      facts,
      matched,
      cause: ctx.cause,
      jobId: ctx.jobId,
      now: at,
    }),
    ...currentAssessmentStatements(db, { caseId: c.id, revision: c.revision, assessmentId, score: evaluation.score, level: evaluation.level }),
    auditStatement(db, {
      actorId: ctx.actorId,
      via: ctx.via,
      courtId: c.courtId,
      action: 'case.assess',
      entity: 'case',
      entityId: c.id,
      before: c.level === null ? undefined : { score: c.score, level: c.level },
      after: { score: evaluation.score, level: evaluation.level, ruleSetVersion: ctx.rules.version, cause: ctx.cause },
      at,
    }),
  ];
  if (change) {
    statements.push(
      ...warningChangeStatements(db, change, {
        guard: 'replan',
        actorId: ctx.actorId,
        via: ctx.via,
        caseCourtId: c.courtId,
        placement: { caseCourtId: c.courtId, casePath: c.courtPath, caseKind: caseKind(c.category) },
      }),
    );
  }
  return { statements, stored: true, facts, evaluation, warningId: change ? change.after.id : (warnings.open?.id ?? null) };
}

/** The assessment summary a change to a case answers with. */
export interface AssessmentSummary {
  score: number;
  level: Level;
  warningId: string | null;
}

export function assessmentSummary(p: PlannedAssessment): AssessmentSummary {
  return { score: p.evaluation.score, level: p.evaluation.level, warningId: p.warningId };
}

/** What a change to a case contributes to its batch. */
export interface CasePlan<R> {
  /** The change itself and its audit row. */
  statements: D1PreparedStatement[];
  /** The case as it will be after the change, for scoring. */
  adjust?: (c: ScoringCase) => ScoringCase;
  result: R;
}

export interface CaseChange<X extends Record<string, Query<unknown>>, R> {
  cause: string;
  actorId: string;
  via: 'web' | 'api';
  /** Further reads the change needs, sent in the same round trip as the case's scoring state. */
  reads?: X;
  /**
   * Checks and plans the change on what was read — `c` is null when the case does not exist.
   * Throws AppError to refuse (404, 403, 409, 422), or returns null to write nothing.
   */
  plan: (c: ScoringCase | null, extra: { [K in keyof X]: X[K] extends Query<infer T> ? T : never }, state: ScoringState) => CasePlan<R> | null;
  /** How a refused unique index or a stale guard in the change's statements is told. */
  conflictKey?: MessageKey;
  unique?: UniqueViolations;
}

/** What a change touching several cases contributes to its batch. */
export interface CasesPlan<R> {
  /** The change itself and its audit rows. */
  statements: D1PreparedStatement[];
  /** The cases the change touches, each re-scored as it will be after the change. */
  rescore: { caseId: string; adjust?: (c: ScoringCase) => ScoringCase }[];
  result: R;
}

export interface CasesChange<X extends Record<string, Query<unknown>>, R> extends Omit<CaseChange<X, R>, 'cause' | 'plan'> {
  /** Why each case is re-scored: the cause of its assessment. */
  cause: string | ((caseId: string) => string);
  /** Checks and plans the change on what was read (`cases` holds those of the ids that exist). */
  plan: (cases: ReadonlyMap<string, ScoringCase>, extra: { [K in keyof X]: X[K] extends Query<infer T> ? T : never }, state: ScoringState) => CasesPlan<R> | null;
}

/**
 * Changes up to ID_CHUNK cases at once (a petition moved from one case to another) and re-scores
 * each of them in the same batch: one round trip to read, one to write, again from the start when
 * someone else wrote one of the cases in between.
 */
export async function changeCases<X extends Record<string, Query<unknown>>, R>(
  db: Db,
  caseIds: readonly string[],
  change: CasesChange<X, R>,
): Promise<{ result: R; assessments: Map<string, PlannedAssessment> } | null> {
  return withReplan(async () => {
    const now = new Date();
    const today = shanghaiDay(now);
    const read = await readAll(db, { ...scoringQueries(db, caseIds, today), ...(change.reads ?? ({} as X)) });
    const { facts, factors, warnings, rules, ...extra } = read as unknown as ScoringReads & { rules: RuleSetRow | null };
    const state = scoringState({ facts, factors, warnings }, rules, today);
    const plan = change.plan(state.cases, extra as never, state);
    if (!plan) return null;
    const statements = [...plan.statements];
    const assessments = new Map<string, PlannedAssessment>();
    for (const { caseId, adjust } of plan.rescore) {
      const c = state.cases.get(caseId);
      if (!c) throw new Error(`case ${caseId}: a change was planned on a case that does not exist`);
      const scored = planAssessment(db, adjust ? adjust(c) : c, state.warnings.get(caseId) ?? NO_WARNINGS, {
        rules: state.rules,
        cause: typeof change.cause === 'string' ? change.cause : change.cause(caseId),
        jobId: null,
        actorId: change.actorId,
        via: change.via,
        now,
      });
      // A change that moved nothing scored stores no assessment but still commits only on what it read.
      statements.push(...(scored.stored ? scored.statements : [ruleSetStillActive(db, state.rules.id), ...caseRevisionStatements(db, { caseId, revision: c.revision })]));
      assessments.set(caseId, scored);
    }
    await write(db, statements, { conflictKey: change.conflictKey, unique: change.unique });
    return { result: plan.result, assessments };
  });
}

/**
 * Changes a case and re-scores it in one batch: one round trip to read (scoring state and the
 * change's own reads together), one to write; again from the start when someone else wrote the
 * same case in between (see the top of this file). Answers the change's result and the
 * assessment, or null when the plan had nothing to write.
 */
export async function changeCase<X extends Record<string, Query<unknown>>, R>(
  db: Db,
  caseId: string,
  change: CaseChange<X, R>,
): Promise<{ result: R; assessment: PlannedAssessment } | null> {
  const done = await changeCases(db, [caseId], {
    ...change,
    plan: (cases, extra, state) => {
      const plan = change.plan(cases.get(caseId) ?? null, extra, state);
      return plan && { statements: plan.statements, rescore: [{ caseId, adjust: plan.adjust }], result: plan.result };
    },
  });
  return done && { result: done.result, assessment: done.assessments.get(caseId)! };
}
