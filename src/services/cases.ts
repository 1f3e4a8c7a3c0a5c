import { normalizeCaseNumberText, parseCaseNumber } from '../domain/case-number.ts';
import { canCreateCase, canFlagCase, canSeeCase, caseKind } from '../domain/roles.ts';
import { auditStatement } from '../db/audit.ts';
import { runBatch } from '../db/batch.ts';
import { getCase, getCaseIdByNumber, insertCaseStatements, listParties, searchCases, type CaseRow } from '../db/cases.ts';
import { getCourtByCode } from '../db/courts.ts';
import { getFactor } from '../db/factors.ts';
import { getCurrentAssessment, listAssessments } from '../db/assessments.ts';
import { getOpenWarningOfCase } from '../db/warnings.ts';
import { getFlag, insertFlagStatement, listFlags, withdrawFlagStatements } from '../db/flags.ts';
import { getUserWithCourt } from '../db/users.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import type { CurrentUser } from '../http/types.ts';
import { customIssue, publicIssues } from '../http/zod-messages.ts';
import type { Lang, Translate } from '../i18n/index.ts';
import type { CaseCreateInput, CaseSearchInput } from '../schemas/cases.ts';
import { newId } from '../security/tokens.ts';
import { activeRuleSet, planAssessment, planCaseRescore, type AssessmentSummary, type PlannedAssessment } from './scoring.ts';
import { assessmentView, caseDetail, caseSummary, flagView, type AssessmentView, type CaseDetail, type CaseSummary, type FlagView } from './present.ts';

export const CASE_PAGE_SIZE = 20;

/** The case if the user may see it; another court's (or kind's) case is "not found". */
export async function requireVisibleCase(db: D1Database, user: CurrentUser, id: string): Promise<CaseRow> {
  const row = await getCase(db, id);
  if (!row || !canSeeCase(user, { courtPath: row.court_path, category: row.category })) throw notFound();
  return row;
}

/** The case as the API shows it, and whether this user may flag it (for the page's forms). */
export async function loadCaseView(
  db: D1Database,
  user: CurrentUser,
  id: string,
  lang: Lang,
): Promise<{ detail: CaseDetail; canFlag: boolean }> {
  const row = await requireVisibleCase(db, user, id);
  const [parties, flags, assessment, warning] = await Promise.all([
    listParties(db, id),
    listFlags(db, id),
    getCurrentAssessment(db, id),
    getOpenWarningOfCase(db, id),
  ]);
  return {
    detail: caseDetail(row, parties, flags, assessment, warning, lang),
    canFlag: canFlagCase(user, { courtPath: row.court_path, category: row.category }),
  };
}

export async function loadCaseDetail(db: D1Database, user: CurrentUser, id: string, lang: Lang): Promise<CaseDetail> {
  return (await loadCaseView(db, user, id, lang)).detail;
}

export async function findCases(
  db: D1Database,
  user: CurrentUser,
  q: CaseSearchInput,
  lang: Lang,
): Promise<{ items: CaseSummary[]; page: number; pageSize: number; total: number }> {
  let number: { exact?: string; fragment?: string } | undefined;
  if (q.number && q.number.trim()) {
    const parsed = parseCaseNumber(q.number);
    number = parsed.ok ? { exact: parsed.value.normalized } : { fragment: normalizeCaseNumberText(q.number) };
  }
  const { rows, total } = await searchCases(db, user, {
    number,
    q: q.q || undefined,
    stage: q.stage,
    level: q.level,
    kind: q.kind,
    courtId: q.courtId,
    judgeId: q.mine ? user.id : undefined,
    limit: CASE_PAGE_SIZE,
    offset: (q.page - 1) * CASE_PAGE_SIZE,
  });
  return { items: rows.map((r) => caseSummary(r, lang)), page: q.page, pageSize: CASE_PAGE_SIZE, total };
}

/**
 * Registers a case. Court and category come from the case number; the court must be in the
 * user's scope and the kind one the user may register.
 */
export async function createCase(
  db: D1Database,
  user: CurrentUser,
  input: CaseCreateInput,
  t: Translate,
  lang: Lang,
): Promise<CaseDetail> {
  const num = input.caseNumber;
  const invalid = (path: string, key: Parameters<typeof customIssue>[1], params = {}) =>
    new AppError('invalid', 'error.invalid', {}, publicIssues([customIssue([path], key, params)], t));

  if (!canCreateCase(user, num.category)) throw forbidden();
  const court = await getCourtByCode(db, num.courtCode);
  if (!court) throw invalid('caseNumber', 'caseNumber.unknownCourt', { value: num.courtCode });
  if (!canSeeCase(user, { courtPath: court.path, category: num.category })) {
    throw invalid('caseNumber', 'caseNumber.courtOutOfScope', { value: num.courtCode });
  }
  if (input.judgeId) {
    const judge = await getUserWithCourt(db, input.judgeId);
    const kindRole = caseKind(num.category) === 'enforcement' ? 'enforcement_judge' : 'trial_judge';
    if (!judge || judge.court_id !== court.id || judge.active !== 1 || !judge.roles.includes(kindRole)) {
      throw invalid('judgeId', 'case.judgeInvalid');
    }
  }
  if (await getCaseIdByNumber(db, num.normalized)) {
    throw new AppError('conflict', 'case.numberTaken', { number: num.normalized });
  }

  const id = newId();
  const now = new Date().toISOString();
  const parties = input.parties.map((p) => ({ id: newId(), name: p.name, role: p.role, vulnerable: p.vulnerable }));
  const record = {
    id,
    courtId: court.id,
    caseNumber: num.normalized,
    year: num.year,
    typeCode: num.typeCode,
    serial: num.serial,
    category: num.category,
    cause: input.cause,
    stage: input.stage,
    filedOn: input.filedAt,
    closedOn: input.closedAt ?? null,
    partyCount: input.partyCount ?? parties.length,
    amountInDispute: input.amountInDispute ?? 0,
    judgeId: input.judgeId ?? defaultJudge(user, num.category),
    summary: input.summary ?? '',
    createdBy: user.id,
    now,
    parties,
  };
  const scored = planAssessment(
    db,
    {
      id,
      courtId: court.id,
      caseNumber: record.caseNumber,
      category: record.category,
      stage: record.stage,
      partyCount: record.partyCount,
      amountInDispute: record.amountInDispute,
      filedOn: record.filedOn,
      closedOn: record.closedOn,
      activeFactors: [],
      hasVulnerableParty: parties.some((p) => p.vulnerable),
      petitions12m: 0,
      petitions7d: 0,
      level: null,
      score: null,
    },
    { open: null, lastClosed: null },
    { rules: await activeRuleSet(db), cause: 'case.create', jobId: null, actorId: user.id, via: user.via, now: new Date(now) },
  );
  await runBatch(
    db,
    [
      ...insertCaseStatements(db, record),
      auditStatement(db, {
        actorId: user.id,
        via: user.via,
        courtId: court.id,
        action: 'case.create',
        entity: 'case',
        entityId: id,
        after: { ...record, now: undefined },
      }),
      ...scored.statements,
    ],
    { unique: { 'cases.case_number': 'case.numberTaken' } },
  );
  return loadCaseDetail(db, user, id, lang);
}

function summaryOf(p: PlannedAssessment): AssessmentSummary {
  return { score: p.evaluation.score, level: p.evaluation.level, warningId: p.warningId };
}

/** A judge registering a case of its own kind is its judge unless another is named. */
function defaultJudge(user: CurrentUser, category: CaseRow['category']): string | null {
  const kindRole = caseKind(category) === 'enforcement' ? 'enforcement_judge' : 'trial_judge';
  return user.roles.includes(kindRole) ? user.id : null;
}

export async function addFlag(
  db: D1Database,
  user: CurrentUser,
  caseId: string,
  input: { factor: string; note: string },
  t: Translate,
  lang: Lang,
): Promise<{ flag: FlagView; assessment: AssessmentSummary }> {
  const row = await requireVisibleCase(db, user, caseId);
  if (!canFlagCase(user, { courtPath: row.court_path, category: row.category })) throw forbidden();
  const factor = await getFactor(db, input.factor);
  if (!factor || factor.active !== 1) {
    throw new AppError('invalid', 'error.invalid', {}, publicIssues([customIssue(['factor'], 'flag.unknownFactor', { value: input.factor })], t));
  }
  const id = newId();
  const now = new Date().toISOString();
  const flag = { id, caseId, factorCode: factor.code, note: input.note, createdBy: user.id, now };
  const scored = await planCaseRescore(
    db,
    caseId,
    { cause: 'flag.add', actorId: user.id, via: user.via, now: new Date(now) },
    (c) => ({ ...c, activeFactors: [...c.activeFactors.filter((f) => f !== factor.code), factor.code] }),
  );
  await runBatch(
    db,
    [
      insertFlagStatement(db, flag),
      auditStatement(db, {
        actorId: user.id,
        via: user.via,
        courtId: row.court_id,
        action: 'flag.add',
        entity: 'case',
        entityId: caseId,
        after: { flagId: id, factor: factor.code, note: input.note },
      }),
      ...scored.statements,
    ],
    { unique: { 'flags.case_id': 'flag.alreadyActive' } },
  );
  const created = await getFlag(db, caseId, id);
  return { flag: flagView(created!, lang), assessment: summaryOf(scored) };
}

export async function withdrawFlag(
  db: D1Database,
  user: CurrentUser,
  caseId: string,
  flagId: string,
  note: string,
  lang: Lang,
): Promise<{ flag: FlagView; assessment: AssessmentSummary }> {
  const row = await requireVisibleCase(db, user, caseId);
  if (!canFlagCase(user, { courtPath: row.court_path, category: row.category })) throw forbidden();
  const flag = await getFlag(db, caseId, flagId);
  if (!flag) throw notFound();
  if (flag.withdrawn_at) throw new AppError('conflict', 'flag.alreadyWithdrawn');
  const now = new Date().toISOString();
  const scored = await planCaseRescore(
    db,
    caseId,
    { cause: 'flag.withdraw', actorId: user.id, via: user.via, now: new Date(now) },
    (c) => ({ ...c, activeFactors: c.activeFactors.filter((f) => f !== flag.factor_code) }),
  );
  await runBatch(
    db,
    [
      ...withdrawFlagStatements(db, { id: flagId, by: user.id, note, now }),
      auditStatement(db, {
        actorId: user.id,
        via: user.via,
        courtId: row.court_id,
        action: 'flag.withdraw',
        entity: 'case',
        entityId: caseId,
        before: { flagId, factor: flag.factor_code, note: flag.note, active: true },
        after: { flagId, factor: flag.factor_code, active: false, withdrawNote: note },
      }),
      ...scored.statements,
    ],
    { conflictKey: 'flag.alreadyWithdrawn' },
  );
  return { flag: flagView((await getFlag(db, caseId, flagId))!, lang), assessment: summaryOf(scored) };
}

/** The case's current assessment (404 outside scope; null before the first). */
export async function loadAssessment(db: D1Database, user: CurrentUser, caseId: string, lang: Lang): Promise<AssessmentView | null> {
  await requireVisibleCase(db, user, caseId);
  const a = await getCurrentAssessment(db, caseId);
  return a ? assessmentView(a, lang) : null;
}

/** Earlier assessments, newest first, for the case page's history. */
export async function loadAssessmentHistory(db: D1Database, user: CurrentUser, caseId: string, lang: Lang): Promise<AssessmentView[]> {
  await requireVisibleCase(db, user, caseId);
  return (await listAssessments(db, caseId)).map((a) => assessmentView(a, lang));
}
