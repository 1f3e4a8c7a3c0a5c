import { normalizeCaseNumberText, parseCaseNumber } from '../domain/case-number.ts';
import { phraseQuery } from '../domain/search-text.ts';
import { canCreateCase, canEditCase, canFlagCase, canSeeCase, judgeRoleFor, may } from '../domain/roles.ts';
import { casePetitionsQuery, type CasePetitionRow } from '../db/petitions.ts';
import { caseChanges, type CaseChange } from './case-history.ts';
import { assessmentsQuery, currentAssessmentQuery } from '../db/assessments.ts';
import { auditStatement } from '../db/audit.ts';
import { caseByNumberQuery, caseHistoryQuery, caseQuery, insertCaseStatements, partiesQuery, searchCases, type CaseRow } from '../db/cases.ts';
import { courtByCodeQuery } from '../db/courts.ts';
import { factorQuery, factorsQuery, type FactorRow } from '../db/factors.ts';
import { flagQuery, flagsQuery, insertFlagStatement, withdrawFlagStatements } from '../db/flags.ts';
import { type Db, readAll, run } from '../db/query.ts';
import { activeRuleSetQuery } from '../db/rulesets.ts';
import { judgesForCaseQuery, userWithCourtQuery, type UserWithCourt } from '../db/users.ts';
import { openWarningOfCaseQuery } from '../db/warnings.ts';
import { caseDecisionsQuery } from '../db/meetings.ts';
import { shanghaiIso } from '../domain/time.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import type { CurrentUser } from '../http/types.ts';
import { customIssue, publicIssues } from '../http/zod-messages.ts';
import type { Lang, Translate } from '../i18n/index.ts';
import type { CaseCreateInput, CaseSearchInput } from '../schemas/cases.ts';
import { newId } from '../security/tokens.ts';
import {
  assessmentSummary,
  changeCase,
  loadRuleSet,
  NO_WARNINGS,
  planAssessment,
  type AssessmentSummary,
  type ScoringCase,
} from './scoring.ts';
import { withReplan, write } from './write.ts';
import { courtChoicesQuery, type CourtChoice } from './courts.ts';
import {
  assessmentEntry,
  assessmentView,
  caseDetail,
  caseSummary,
  courtName,
  flagView,
  type AssessmentEntry,
  type AssessmentView,
  type CaseDetail,
  type CaseSummary,
  type FlagView,
} from './present.ts';

export const CASE_PAGE_SIZE = 20;

function visibleTo(user: CurrentUser, row: { court_path: string; category: CaseRow['category'] } | null): boolean {
  return row !== null && canSeeCase(user, { courtPath: row.court_path, category: row.category });
}

/** The case if the user may see it; another court's (or kind's) case is "not found". */
export async function requireVisibleCase(db: Db, user: CurrentUser, id: string): Promise<CaseRow> {
  const row = await run(db, caseQuery(db, id));
  if (!row || !visibleTo(user, row)) throw notFound();
  return row;
}

/** Everything the case's API answer and page show, read in one round trip. */
function caseViewQueries(db: Db, id: string) {
  return {
    row: caseQuery(db, id),
    parties: partiesQuery(db, id),
    flags: flagsQuery(db, id),
    assessment: currentAssessmentQuery(db, id),
    warning: openWarningOfCaseQuery(db, id),
  };
}

export async function loadCaseDetail(db: Db, user: CurrentUser, id: string, lang: Lang): Promise<CaseDetail> {
  const r = await readAll(db, caseViewQueries(db, id));
  if (!r.row || !visibleTo(user, r.row)) throw notFound();
  return caseDetail(r.row, r.parties, r.flags, r.assessment, r.warning, lang);
}

export interface CasePage {
  detail: CaseDetail;
  canFlag: boolean;
  canEdit: boolean;
  history: AssessmentEntry[];
  changes: CaseChange[];
  /** Active factors, to flag with. */
  factors: FactorRow[];
  /** Who may be named the case's judge (empty unless the user may edit). */
  judges: { id: string; name: string }[];
  /** Its linked petitions, newest first: when and how, never who (no identity number). */
  petitions: CasePetitionView[];
  /** Whether the user may open the register's petition pages. */
  canOpenPetitions: boolean;
  /** What joint meetings decided on the case's warnings (final minutes), latest first. */
  decisions: CaseDecision[];
}

export interface CaseDecision {
  meetingId: string;
  title: string;
  startsAt: string;
  text: string;
  outcome: string | null;
  leader: string | null;
}

export interface CasePetitionView {
  id: string;
  receivedOn: string;
  channel: CasePetitionRow['channel'];
  complaintType: CasePetitionRow['complaint_type'];
  state: CasePetitionRow['state'];
  court: string;
}

/** The case page: the case, its assessments and changes, what to flag and edit with — one round trip. */
export async function loadCasePage(db: Db, user: CurrentUser, id: string, lang: Lang): Promise<CasePage> {
  const r = await readAll(db, {
    ...caseViewQueries(db, id),
    history: assessmentsQuery(db, id),
    changes: caseHistoryQuery(db, id),
    factors: factorsQuery(db),
    judges: judgesForCaseQuery(db, id),
    petitions: casePetitionsQuery(db, id),
    decisions: caseDecisionsQuery(db, id),
  });
  if (!r.row || !visibleTo(user, r.row)) throw notFound();
  const canEdit = canEditCase(user, { courtPath: r.row.court_path, category: r.row.category, judgeId: r.row.judge_id });
  return {
    detail: caseDetail(r.row, r.parties, r.flags, r.assessment, r.warning, lang),
    canFlag: canFlagCase(user, { courtPath: r.row.court_path, category: r.row.category }),
    canEdit,
    history: r.history.map(assessmentEntry),
    changes: caseChanges(r.changes, r.factors, lang),
    factors: r.factors.filter((f) => f.active === 1),
    judges: canEdit ? r.judges.map((j) => ({ id: j.id, name: j.display_name })) : [],
    petitions: r.petitions.map((p) => ({
      id: p.id,
      receivedOn: p.received_on,
      channel: p.channel,
      complaintType: p.complaint_type,
      state: p.state,
      court: courtName({ name: p.court_name, name_en: p.court_name_en }, lang),
    })),
    canOpenPetitions: may(user, 'readPetitions'),
    decisions: r.decisions.map((d) => ({ meetingId: d.meeting_id, title: d.title, startsAt: shanghaiIso(d.starts_at), text: d.text, outcome: d.outcome, leader: d.leader_name })),
  };
}

export interface CaseList {
  items: CaseSummary[];
  page: number;
  pageSize: number;
  /** How many match, counted up to COUNT_CAP (db/cases.ts); `totalCapped` says there are more. */
  total: number;
  totalCapped: boolean;
}

function caseList(r: { rows: CaseRow[]; total: { n: number; capped: boolean } }, q: CaseSearchInput, lang: Lang): CaseList {
  return { items: r.rows.map((row) => caseSummary(row, lang)), page: q.page, pageSize: CASE_PAGE_SIZE, total: r.total.n, totalCapped: r.total.capped };
}

export async function findCases(db: Db, user: CurrentUser, q: CaseSearchInput, lang: Lang): Promise<CaseList> {
  return caseList(await readAll(db, caseSearch(db, user, q)), q, lang);
}

/** The case list page: the results and the courts to filter by, one round trip. */
export async function loadCaseListPage(db: Db, user: CurrentUser, q: CaseSearchInput, t: Translate, lang: Lang): Promise<{ list: CaseList; courts: CourtChoice[] }> {
  const r = await readAll(db, { ...caseSearch(db, user, q), courts: courtChoicesQuery(db, user, t, lang) });
  return { list: caseList(r, q, lang), courts: r.courts };
}

function caseSearch(db: Db, user: CurrentUser, q: CaseSearchInput) {
  let number: { exact?: string; phrase?: string | null } | undefined;
  if (q.number && q.number.trim()) {
    const parsed = parseCaseNumber(q.number);
    const phrase = parsed.ok ? null : phraseQuery(normalizeCaseNumberText(q.number));
    number = parsed.ok ? { exact: parsed.value.normalized } : { phrase };
  }
  return searchCases(db, user, {
    number,
    phrase: q.q ? phraseQuery(q.q) : undefined,
    stage: q.stage,
    level: q.level,
    kind: q.kind,
    courtId: q.courtId,
    judgeId: q.mine ? user.id : undefined,
    limit: CASE_PAGE_SIZE,
    offset: (q.page - 1) * CASE_PAGE_SIZE,
  });
}

function invalid(t: Translate, path: string, key: Parameters<typeof customIssue>[1], params = {}): AppError {
  return new AppError('invalid', 'error.invalid', {}, publicIssues([customIssue([path], key, params)], t));
}

/** A named judge must be an active judge of the case's court and kind. */
export function checkJudge(judge: UserWithCourt | null, courtId: number, category: CaseRow['category'], t: Translate): void {
  if (!judge || judge.court_id !== courtId || judge.active !== 1 || !judge.roles.includes(judgeRoleFor(category))) {
    throw invalid(t, 'judgeId', 'case.judgeInvalid');
  }
}

/**
 * Registers a case. Court and category come from the case number; the court must be in the
 * user's scope and the kind one the user may register. The case, its parties, its first
 * assessment and their audit rows are one batch.
 */
export async function createCase(db: Db, user: CurrentUser, input: CaseCreateInput, t: Translate, lang: Lang): Promise<CaseDetail> {
  const num = input.caseNumber;
  if (!canCreateCase(user, num.category)) throw forbidden();
  const id = newId();
  await withReplan(async () => {
    const r = await readAll(db, {
      court: courtByCodeQuery(db, num.courtCode),
      judge: userWithCourtQuery(db, input.judgeId ?? ''),
      existing: caseByNumberQuery(db, num.normalized),
      rules: activeRuleSetQuery(db),
    });
    const court = r.court;
    if (!court) throw invalid(t, 'caseNumber', 'caseNumber.unknownCourt', { value: num.courtCode });
    if (!canSeeCase(user, { courtPath: court.path, category: num.category })) {
      throw invalid(t, 'caseNumber', 'caseNumber.courtOutOfScope', { value: num.courtCode });
    }
    if (input.judgeId) checkJudge(r.judge, court.id, num.category, t);
    if (r.existing) throw new AppError('conflict', 'case.numberTaken', { number: num.normalized });
    if (!r.rules) throw new Error('no active rule set');

    const now = new Date();
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
      now: now.toISOString(),
      parties,
    };
    const fresh: ScoringCase = {
      id,
      courtId: court.id,
      courtPath: court.path,
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
      revision: 1,
      petitionDays: [],
      current: null,
    };
    const scored = planAssessment(db, fresh, NO_WARNINGS, {
      rules: loadRuleSet(r.rules),
      cause: 'case.create',
      jobId: null,
      actorId: user.id,
      via: user.via,
      now,
    });
    const { now: _now, ...after } = record;
    await write(
      db,
      [
        ...insertCaseStatements(db, record),
        auditStatement(db, { actorId: user.id, via: user.via, courtId: court.id, action: 'case.create', entity: 'case', entityId: id, after, at: record.now }),
        ...scored.statements,
      ],
      { unique: { 'cases.case_number': 'case.numberTaken' } },
    );
  });
  return loadCaseDetail(db, user, id, lang);
}

/** A judge registering a case of its own kind is its judge unless another is named. */
function defaultJudge(user: CurrentUser, category: CaseRow['category']): string | null {
  return user.roles.includes(judgeRoleFor(category)) ? user.id : null;
}

/** Scope (404) and the right to flag (403), on the case as just read. */
function requireFlaggable(user: CurrentUser, c: ScoringCase | null): ScoringCase {
  if (!c || !canSeeCase(user, { courtPath: c.courtPath, category: c.category })) throw notFound();
  if (!canFlagCase(user, { courtPath: c.courtPath, category: c.category })) throw forbidden();
  return c;
}

export async function addFlag(
  db: Db,
  user: CurrentUser,
  caseId: string,
  input: { factor: string; note: string },
  t: Translate,
  lang: Lang,
): Promise<{ flag: FlagView; assessment: AssessmentSummary }> {
  const done = await changeCase(db, caseId, {
    cause: 'flag.add',
    actorId: user.id,
    via: user.via,
    reads: { factor: factorQuery(db, input.factor) },
    unique: { 'flags.case_id': 'flag.alreadyActive' },
    plan: (found, { factor }) => {
      const c = requireFlaggable(user, found);
      if (!factor || factor.active !== 1) throw invalid(t, 'factor', 'flag.unknownFactor', { value: input.factor });
      if (c.activeFactors.includes(factor.code)) throw new AppError('conflict', 'flag.alreadyActive');
      const id = newId();
      const now = new Date().toISOString();
      const flag = { id, caseId, factorCode: factor.code, note: input.note, createdBy: user.id, now };
      return {
        statements: [
          insertFlagStatement(db, flag),
          auditStatement(db, {
            actorId: user.id,
            via: user.via,
            courtId: c.courtId,
            action: 'flag.add',
            entity: 'case',
            entityId: caseId,
            after: { flagId: id, factor: factor.code, note: input.note },
            at: now,
          }),
        ],
        adjust: (s) => ({ ...s, activeFactors: [...s.activeFactors, factor.code] }),
        result: flagView(
          {
            id,
            case_id: caseId,
            factor_code: factor.code,
            note: input.note,
            created_by: user.id,
            created_at: now,
            withdrawn_by: null,
            withdrawn_at: null,
            withdraw_note: null,
            factor_name_zh: factor.name_zh,
            factor_name_en: factor.name_en,
            created_by_name: user.displayName,
            withdrawn_by_name: null,
          },
          lang,
        ),
      };
    },
  });
  return { flag: done!.result, assessment: assessmentSummary(done!.assessment) };
}

export async function withdrawFlag(
  db: Db,
  user: CurrentUser,
  caseId: string,
  flagId: string,
  note: string,
  lang: Lang,
): Promise<{ flag: FlagView; assessment: AssessmentSummary }> {
  const done = await changeCase(db, caseId, {
    cause: 'flag.withdraw',
    actorId: user.id,
    via: user.via,
    reads: { flag: flagQuery(db, caseId, flagId) },
    conflictKey: 'flag.alreadyWithdrawn',
    plan: (found, { flag }) => {
      const c = requireFlaggable(user, found);
      if (!flag) throw notFound();
      if (flag.withdrawn_at) throw new AppError('conflict', 'flag.alreadyWithdrawn');
      const now = new Date().toISOString();
      return {
        statements: [
          ...withdrawFlagStatements(db, { id: flagId, by: user.id, note, now }),
          auditStatement(db, {
            actorId: user.id,
            via: user.via,
            courtId: c.courtId,
            action: 'flag.withdraw',
            entity: 'case',
            entityId: caseId,
            before: { flagId, factor: flag.factor_code, note: flag.note, active: true },
            after: { flagId, factor: flag.factor_code, active: false, withdrawNote: note },
            at: now,
          }),
        ],
        adjust: (s) => ({ ...s, activeFactors: s.activeFactors.filter((f) => f !== flag.factor_code) }),
        result: flagView({ ...flag, withdrawn_by: user.id, withdrawn_at: now, withdraw_note: note, withdrawn_by_name: user.displayName }, lang),
      };
    },
  });
  return { flag: done!.result, assessment: assessmentSummary(done!.assessment) };
}

/** The case's current assessment (404 outside scope; null before the first). */
export async function loadAssessment(db: Db, user: CurrentUser, caseId: string, lang: Lang): Promise<AssessmentView | null> {
  const r = await readAll(db, { row: caseQuery(db, caseId), assessment: currentAssessmentQuery(db, caseId) });
  if (!visibleTo(user, r.row)) throw notFound();
  return r.assessment ? assessmentView(r.assessment, lang) : null;
}
