/**
 * Cases move on — 立案 → 审理 → 裁判 → 执行 → 结案 — and their judge, parties, party count and
 * amount change. A person edits a case with the version they saw (PATCH, the case page's form);
 * the courts' case-management systems push whole cases by number (PUT), creating or updating,
 * and the same body twice writes once. Every change re-scores the case through the same path as
 * a flag (services/scoring.ts `changeCase`), with its audit row, in one batch.
 */
import { parseCaseNumber } from '../domain/case-number.ts';
import type { CaseStage, PartyRole } from '../domain/cases.ts';
import { canCreateCase, canEditCase, canSeeCase } from '../domain/roles.ts';
import { auditStatement } from '../db/audit.ts';
import {
  caseByNumberQuery,
  caseQuery,
  partiesQuery,
  replacePartiesStatements,
  searchRowStatements,
  updateCaseStatements,
  type CaseFields,
  type CaseRow,
  type PartyRow,
} from '../db/cases.ts';
import { searchBody } from '../domain/search-text.ts';
import { type Db, run } from '../db/query.ts';
import { userWithCourtQuery, type UserWithCourt } from '../db/users.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import type { CurrentUser } from '../http/types.ts';
import { customIssue, publicIssues } from '../http/zod-messages.ts';
import type { Lang, MessageKey, Translate } from '../i18n/index.ts';
import type { CaseCreateInput, CaseUpdateInput } from '../schemas/cases.ts';
import { newId } from '../security/tokens.ts';
import { checkJudge, createCase, loadCaseDetail } from './cases.ts';
import { caseSummary, type CaseDetail } from './present.ts';
import { changeCase, type CasePlan } from './scoring.ts';

interface PartyInput {
  name: string;
  role: PartyRole;
  vulnerable: boolean;
}

/** What an edit asks for; absent fields stay as they are. */
interface CaseEdit extends Partial<CaseFields> {
  parties?: PartyInput[];
}

const invalid = (t: Translate, path: string, key: MessageKey, params = {}) =>
  new AppError('invalid', 'error.invalid', {}, publicIssues([customIssue([path], key, params)], t));

const sameParties = (a: readonly PartyInput[], b: readonly PartyRow[]) =>
  a.length === b.length && a.every((p, i) => p.name === b[i]!.name && p.role === b[i]!.role && p.vulnerable === (b[i]!.vulnerable === 1));

/** The stage an open case returns to when its closing is undone. */
const openStage = (row: CaseRow): CaseStage => (row.category === 'enforcement' ? 'enforcement' : 'trial');

function currentFields(row: CaseRow): CaseFields {
  return {
    cause: row.cause,
    stage: row.stage,
    filedOn: row.filed_on,
    closedOn: row.closed_on,
    partyCount: row.party_count,
    amountInDispute: row.amount_in_dispute,
    judgeId: row.judge_id,
    summary: row.summary,
  };
}

/**
 * The case after the edit, checked as a whole: a closing date closes the case, undoing it reopens
 * the case, a closed case needs a closing date not before filing, and the party count is never
 * below the parties listed.
 */
function editedFields(row: CaseRow, listed: number, edit: CaseEdit, t: Translate): CaseFields {
  const next: CaseFields = { ...currentFields(row) };
  for (const k of Object.keys(next) as (keyof CaseFields)[]) if (edit[k] !== undefined) (next as unknown as Record<string, unknown>)[k] = edit[k];
  if (edit.stage === undefined) {
    if (typeof edit.closedOn === 'string') next.stage = 'closed';
    if (edit.closedOn === null && row.stage === 'closed') next.stage = openStage(row);
  } else if (edit.stage !== 'closed' && edit.closedOn === undefined) next.closedOn = null;
  if (next.stage === 'closed' && !next.closedOn) throw invalid(t, 'closedAt', 'case.closedAtRequired');
  if (next.closedOn && next.closedOn < next.filedOn) throw invalid(t, 'closedAt', 'case.closedBeforeFiled');
  if (edit.partyCount === undefined && next.partyCount < listed) next.partyCount = listed;
  if (next.partyCount < listed) throw invalid(t, 'partyCount', 'case.partyCountTooSmall', { listed });
  return next;
}

interface EditContext {
  user: CurrentUser;
  row: CaseRow;
  parties: PartyRow[];
  judge: UserWithCourt | null;
  edit: CaseEdit;
  /** The version the editor saw, or null for a system's push. */
  version: number | null;
  t: Translate;
}

/** Plans an edit on the case as read: null when it changes nothing. */
function planEdit(db: Db, x: EditContext): CasePlan<null> | null {
  const { row, edit, t } = x;
  const partiesChanged = edit.parties !== undefined && !sameParties(edit.parties, x.parties);
  const listed = edit.parties?.length ?? x.parties.length;
  const next = editedFields(row, listed, edit, t);
  if (edit.judgeId && edit.judgeId !== row.judge_id) checkJudge(x.judge, row.court_id, row.category, t);
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const changes: Partial<CaseFields> = {};
  const now = currentFields(row);
  for (const k of Object.keys(next) as (keyof CaseFields)[]) {
    if (next[k] !== now[k]) {
      (changes as Record<string, unknown>)[k] = next[k];
      before[k] = now[k];
      after[k] = next[k];
    }
  }
  if (partiesChanged) {
    before.parties = x.parties.map((p) => ({ name: p.name, role: p.role, vulnerable: p.vulnerable === 1 }));
    after.parties = edit.parties;
  }
  if (Object.keys(after).length === 0) return null;
  const at = new Date().toISOString();
  const parties = edit.parties?.map((p) => ({ id: newId(), ...p }));
  return {
    statements: [
      ...updateCaseStatements(db, { id: row.id, version: x.version, changes, now: at }),
      ...(partiesChanged ? replacePartiesStatements(db, row.id, parties!) : []),
      ...(partiesChanged || changes.cause !== undefined || changes.summary !== undefined
        ? searchRowStatements(db, row.id, searchBody([row.case_number, next.cause, next.summary, ...(edit.parties ?? x.parties).map((p) => p.name)]))
        : []),
      auditStatement(db, {
        actorId: x.user.id,
        via: x.user.via,
        courtId: row.court_id,
        action: 'case.update',
        entity: 'case',
        entityId: row.id,
        before: { ...before, version: row.version },
        after: { ...after, version: row.version + 1 },
        at,
      }),
    ],
    adjust: (c) => ({
      ...c,
      stage: next.stage,
      closedOn: next.closedOn,
      filedOn: next.filedOn,
      partyCount: next.partyCount,
      amountInDispute: next.amountInDispute,
      hasVulnerableParty: parties ? parties.some((p) => p.vulnerable) : c.hasVulnerableParty,
    }),
    result: null,
  };
}

/** Runs an edit through the scoring path; false when there was nothing to change. */
async function runEdit(
  db: Db,
  user: CurrentUser,
  caseId: string,
  edit: CaseEdit,
  check: (row: CaseRow) => void,
  version: number | null,
  t: Translate,
  lang: Lang,
): Promise<boolean> {
  const done = await changeCase(db, caseId, {
    cause: 'case.update',
    actorId: user.id,
    via: user.via,
    reads: { row: caseQuery(db, caseId), parties: partiesQuery(db, caseId), judge: userWithCourtQuery(db, edit.judgeId ?? '') },
    conflictKey: 'case.stale',
    plan: (_c, r) => {
      if (!r.row || !canSeeCase(user, { courtPath: r.row.court_path, category: r.row.category })) throw notFound();
      check(r.row);
      if (version !== null && version !== r.row.version) {
        throw new AppError('conflict', 'case.stale', { version: r.row.version }, [], { current: caseSummary(r.row, lang) });
      }
      return planEdit(db, { user, row: r.row, parties: r.parties, judge: r.judge, edit, version, t });
    },
  }).catch(async (err) => {
    // The batch found the version moved on after it was read: say what it is now.
    if (err instanceof AppError && err.key === 'case.stale' && !err.details.current) {
      const row = await run(db, caseQuery(db, caseId));
      throw new AppError('conflict', 'case.stale', { version: row?.version ?? 0 }, [], row ? { current: caseSummary(row, lang) } : {});
    }
    throw err;
  });
  return done !== null;
}

/**
 * A person's edit (api.md `PATCH /cases/{id}`): the case's judge or the petition office, from the
 * version they saw. Answers the case as it is afterwards and whether anything changed.
 */
export async function updateCase(
  db: Db,
  user: CurrentUser,
  caseId: string,
  input: CaseUpdateInput,
  t: Translate,
  lang: Lang,
): Promise<{ detail: CaseDetail; changed: boolean }> {
  const { version, closedAt, ...rest } = input;
  const edit: CaseEdit = { ...rest, closedOn: closedAt };
  const changed = await runEdit(
    db,
    user,
    caseId,
    edit,
    (row) => {
      if (!canEditCase(user, { courtPath: row.court_path, category: row.category, judgeId: row.judge_id })) throw forbidden();
    },
    version,
    t,
    lang,
  );
  return { detail: await loadCaseDetail(db, user, caseId, lang), changed };
}

/**
 * A case pushed by a court's case-management system (api.md `PUT /cases/by-number/{caseNumber}`):
 * created when unknown (201), otherwise brought to the body's content (200). A field the body
 * leaves out takes the value registration would give it — except the judge, which stays.
 */
export async function upsertCase(
  db: Db,
  user: CurrentUser,
  pathNumber: string,
  input: CaseCreateInput,
  t: Translate,
  lang: Lang,
): Promise<{ detail: CaseDetail; created: boolean }> {
  const parsed = parseCaseNumber(pathNumber);
  if (!parsed.ok || parsed.value.normalized !== input.caseNumber.normalized) throw invalid(t, 'caseNumber', 'case.numberMismatch');
  for (let attempt = 0; ; attempt++) {
    const existing = await run(db, caseByNumberQuery(db, input.caseNumber.normalized));
    // Another court's case answers as registration would: its number is out of scope.
    if (existing && !canSeeCase(user, { courtPath: existing.court_path, category: existing.category })) {
      throw invalid(t, 'caseNumber', 'caseNumber.courtOutOfScope', { value: input.caseNumber.courtCode });
    }
    if (!existing) {
      try {
        return { detail: await createCase(db, user, input, t, lang), created: true };
      } catch (err) {
        // Someone registered the same number at the same moment: update it instead.
        if (attempt === 0 && err instanceof AppError && err.key === 'case.numberTaken') continue;
        throw err;
      }
    }
    const edit: CaseEdit = {
      cause: input.cause,
      stage: input.stage,
      filedOn: input.filedAt,
      closedOn: input.closedAt ?? null,
      partyCount: input.partyCount ?? input.parties.length,
      amountInDispute: input.amountInDispute ?? 0,
      summary: input.summary ?? '',
      parties: input.parties.map((p) => ({ name: p.name, role: p.role, vulnerable: p.vulnerable })),
      ...(input.judgeId !== undefined ? { judgeId: input.judgeId } : {}),
    };
    await runEdit(
      db,
      user,
      existing.id,
      edit,
      (row) => {
        if (!canCreateCase(user, row.category)) throw forbidden();
      },
      null,
      t,
      lang,
    );
    return { detail: await loadCaseDetail(db, user, existing.id, lang), created: false };
  }
}
