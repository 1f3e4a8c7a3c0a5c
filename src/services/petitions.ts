/**
 * The petition register (信访登记, issue 8 §1). The petition office registers, edits and links
 * petitions of its court and the courts below it; leaders and coordinators read the register with
 * identity numbers masked; judges do not see it (403). Every write is one batch: the petition, the
 * roll-up deltas (src/domain/stats/rollup.ts), its audit row and — when it is linked to a case, or
 * was — the re-scoring of that case through the scoring path (`changeCases`), so a second petition
 * within 7 days forces orange and raises or updates the case's warning in the same batch.
 */
import { canSeeCase, courtInScope, may, type Actor } from '../domain/roles.ts';
import type { ParsedCaseNumber } from '../domain/case-number.ts';
import { editIssues, findPossibleRepeats, maskIdNumber, repeatWindow, type RecordIssue, type RepeatReason } from '../domain/petitions/index.ts';
import { rollupDeltas } from '../domain/stats/rollup.ts';
import { shanghaiIso } from '../domain/time.ts';
import type { Level } from '../domain/levels.ts';
import { auditStatement } from '../db/audit.ts';
import { caseByNumberQuery, type CaseRow } from '../db/cases.ts';
import { courtQuery, type CourtRow } from '../db/courts.ts';
import {
  deletePetitionStatements,
  insertPetitionStatement,
  listPetitions,
  petitionColumns,
  petitionPageQuery,
  petitionQuery,
  repeatCandidatesQuery,
  rollupStatements,
  updatePetitionStatements,
  type PetitionRow,
  type PetitionWrite,
  type RepeatCandidateRow,
} from '../db/petitions.ts';
import { type Db, readAll, run } from '../db/query.ts';
import { AppError, notFound } from '../http/errors.ts';
import type { CurrentUser } from '../http/types.ts';
import { customIssue, publicIssues } from '../http/zod-messages.ts';
import type { Lang, MessageKey, Translate } from '../i18n/index.ts';
import type { PetitionCreateInput, PetitionPatchInput, PetitionQueryInput } from '../schemas/petitions.ts';
import { newId } from '../security/tokens.ts';
import { authorize } from './authorize.ts';
import { courtChoicesQuery, type CourtChoice } from './courts.ts';
import { courtName, type PersonRef } from './present.ts';
import { assessmentSummary, changeCases, withPetitionDays, type AssessmentSummary, type ScoringCase } from './scoring.ts';
import { write } from './write.ts';

export const PETITION_PAGE_SIZE = 25;

export interface PetitionView {
  id: string;
  channel: PetitionRow['channel'];
  receivedOn: string;
  court: { id: number; code: string; name: string };
  persons: number;
  petitionerName: string;
  /** In full for the petition office, masked (6201**********1234) for everyone else. */
  petitionerIdNumber: string | null;
  idNumberMasked: boolean;
  case: { id: string; caseNumber: string } | null;
  complaintType: PetitionRow['complaint_type'];
  lawyer: { interview: boolean; representation: boolean; resolution: boolean };
  assistance: { applied: boolean; approved: boolean; amount: number };
  state: PetitionRow['state'];
  outcome: PetitionRow['outcome'];
  note: string;
  version: number;
  createdBy: PersonRef | null;
  createdAt: string;
  updatedAt: string;
}

/** Whether this user sees identity numbers in full: the petition office only. */
export const seesIdNumbers = (user: Pick<Actor, 'roles'>) => may(user, 'registerPetitions');

const shownId = (user: Pick<Actor, 'roles'>, id: string | null) => (id === null ? null : seesIdNumbers(user) ? id : maskIdNumber(id));

const lawyerOf = (r: PetitionRow) => ({ interview: r.lawyer_interview === 1, representation: r.lawyer_representation === 1, resolution: r.lawyer_resolution === 1 });
const assistanceOf = (r: PetitionRow) => ({ applied: r.assistance_applied === 1, approved: r.assistance_approved === 1, amount: r.assistance_amount });

export function petitionView(row: PetitionRow, user: Pick<Actor, 'roles'>, lang: Lang): PetitionView {
  return {
    id: row.id,
    channel: row.channel,
    receivedOn: row.received_on,
    court: { id: row.court_id, code: row.court_code, name: courtName({ name: row.court_name, name_en: row.court_name_en }, lang) },
    persons: row.persons,
    petitionerName: row.petitioner_name,
    petitionerIdNumber: shownId(user, row.petitioner_id_number),
    idNumberMasked: row.petitioner_id_number !== null && !seesIdNumbers(user),
    case: row.case_id && row.case_number ? { id: row.case_id, caseNumber: row.case_number } : null,
    complaintType: row.complaint_type,
    lawyer: lawyerOf(row),
    assistance: assistanceOf(row),
    state: row.state,
    outcome: row.outcome,
    note: row.note,
    version: row.version,
    createdBy: row.created_by ? { id: row.created_by, displayName: row.created_by_name ?? '' } : null,
    createdAt: shanghaiIso(row.created_at),
    updatedAt: shanghaiIso(row.updated_at),
  };
}

/** The record the domain's rules and the roll-up read, from a stored row. */
function recordOf(row: PetitionRow): PetitionWrite {
  return {
    id: row.id,
    channel: row.channel,
    receivedOn: row.received_on,
    courtId: row.court_id,
    persons: row.persons,
    petitionerName: row.petitioner_name,
    petitionerIdNumber: row.petitioner_id_number,
    caseId: row.case_id,
    complaintType: row.complaint_type,
    lawyer: lawyerOf(row),
    assistance: assistanceOf(row),
    state: row.state,
    outcome: row.outcome,
    note: row.note,
  };
}

/** The stored row a write leaves, for answering without reading it back. */
function rowAfter(
  p: PetitionWrite,
  court: Pick<CourtRow, 'code' | 'name' | 'name_en' | 'path'>,
  kase: { case_number: string; court_path: string; category: CaseRow['category'] } | null,
  meta: Pick<PetitionRow, 'version' | 'created_by' | 'created_by_name' | 'created_at' | 'updated_at'>,
): PetitionRow {
  return {
    id: p.id,
    ...petitionColumns(p),
    court_code: court.code,
    court_name: court.name,
    court_name_en: court.name_en,
    court_path: court.path,
    case_number: kase?.case_number ?? null,
    case_court_path: kase?.court_path ?? null,
    case_category: kase?.category ?? null,
    ...meta,
  };
}

/** What the audit trail keeps of a record: everything, the identity number masked. */
function auditOf(p: PetitionWrite, caseNumber: string | null): Record<string, unknown> {
  return { ...p, petitionerIdNumber: p.petitionerIdNumber === null ? null : maskIdNumber(p.petitionerIdNumber), caseNumber };
}

const invalid = (t: Translate, issues: { path: (string | number)[]; key: MessageKey; params?: Record<string, string | number> }[]) =>
  new AppError('invalid', 'error.invalid', {}, publicIssues(issues.map((i) => customIssue(i.path, i.key, i.params ?? {})), t));

const recordIssuesError = (t: Translate, issues: RecordIssue[]) => invalid(t, issues.map((i) => ({ path: i.path, key: i.key })));

function visiblePetition(user: CurrentUser, row: PetitionRow | null): row is PetitionRow {
  return row !== null && courtInScope(user, row.court_path);
}

// ---------------------------------------------------------------------------------------------
// Reading

export interface PetitionList {
  items: PetitionView[];
  page: number;
  pageSize: number;
  /** Whether another page follows (the register is not counted on every page: see db/petitions.ts). */
  hasMore: boolean;
}

function registerQuery(db: Db, user: CurrentUser, q: PetitionQueryInput) {
  return listPetitions(db, {
    scopePath: user.courtPath,
    channel: q.channel,
    // A basic court has no court below: its own index serves its register.
    courtId: q.courtId ?? (user.court.level === 'basic' ? user.courtId : undefined),
    from: q.from,
    to: q.to,
    linked: q.linked,
    complaintType: q.complaintType,
    limit: PETITION_PAGE_SIZE + 1,
    offset: (q.page - 1) * PETITION_PAGE_SIZE,
  });
}

function pageOf(rows: PetitionRow[], user: CurrentUser, q: PetitionQueryInput, lang: Lang): PetitionList {
  return { items: rows.slice(0, PETITION_PAGE_SIZE).map((row) => petitionView(row, user, lang)), page: q.page, pageSize: PETITION_PAGE_SIZE, hasMore: rows.length > PETITION_PAGE_SIZE };
}

export async function findPetitions(db: Db, user: CurrentUser, q: PetitionQueryInput, lang: Lang): Promise<PetitionList> {
  authorize(user, 'readPetitions');
  return pageOf(await run(db, registerQuery(db, user, q)), user, q, lang);
}

/** The register page: a page of petitions and the courts to filter by, one round trip. */
export async function loadRegisterPage(db: Db, user: CurrentUser, q: PetitionQueryInput, t: Translate, lang: Lang): Promise<{ list: PetitionList; courts: CourtChoice[] }> {
  authorize(user, 'readPetitions');
  const r = await readAll(db, { rows: registerQuery(db, user, q), courts: courtChoicesQuery(db, user, t, lang) });
  return { list: pageOf(r.rows, user, q, lang), courts: r.courts };
}

/** One petition (404 outside the reader's scope). */
export async function loadPetition(db: Db, user: CurrentUser, id: string, lang: Lang): Promise<PetitionView> {
  authorize(user, 'readPetitions');
  const row = await run(db, petitionQuery(db, id));
  if (!visiblePetition(user, row)) throw notFound();
  return petitionView(row, user, lang);
}

export interface PetitionPage {
  petition: PetitionView;
  /** The linked case's current risk and open warning. */
  caseRisk: { level: Level; score: number; warningId: string | null } | null;
  /** The courts it may be moved to (the edit form). */
  courts: CourtChoice[];
  canEdit: boolean;
}

/** A petition's page and edit form, one round trip. */
export async function loadPetitionPage(db: Db, user: CurrentUser, id: string, t: Translate, lang: Lang): Promise<PetitionPage> {
  authorize(user, 'readPetitions');
  const r = await readAll(db, { row: petitionPageQuery(db, id), courts: courtChoicesQuery(db, user, t, lang) });
  if (!visiblePetition(user, r.row)) throw notFound();
  const row = r.row;
  const caseRisk = row.case_id && row.case_level !== null ? { level: row.case_level, score: row.case_score ?? 0, warningId: row.case_warning_id } : null;
  return { petition: petitionView(row, user, lang), caseRisk, courts: r.courts, canEdit: may(user, 'registerPetitions') };
}

// ---------------------------------------------------------------------------------------------
// Possible repeats

export interface PossibleRepeatView {
  petition: {
    id: string;
    receivedOn: string;
    petitionerName: string;
    petitionerIdNumber: string | null;
    caseNumber: string | null;
    channel: PetitionRow['channel'];
    court: string;
  };
  reasons: RepeatReason[];
  /** Days from that petition to this one: positive when it came first. */
  daysApart: number;
}

function repeatViews(user: CurrentUser, probe: Parameters<typeof findPossibleRepeats>[0], rows: RepeatCandidateRow[], lang: Lang): PossibleRepeatView[] {
  const candidates = rows.map((r) => ({ id: r.id, receivedOn: r.received_on, petitionerIdNumber: r.petitioner_id_number, caseId: r.case_id, row: r }));
  return findPossibleRepeats(probe, candidates).map(({ petition: { row }, reasons, daysApart }) => ({
    petition: {
      id: row.id,
      receivedOn: row.received_on,
      petitionerName: row.petitioner_name,
      petitionerIdNumber: shownId(user, row.petitioner_id_number),
      caseNumber: row.case_number,
      channel: row.channel,
      court: courtName({ name: row.court_name, name_en: row.court_name_en }, lang),
    },
    reasons,
    daysApart,
  }));
}

function repeatsQuery(db: Db, user: CurrentUser, p: { receivedOn: string; petitionerIdNumber: string | null; caseNumber?: string | null; caseId?: string | null }) {
  return repeatCandidatesQuery(db, { scopePath: user.courtPath, ...repeatWindow(p.receivedOn), idNumber: p.petitionerIdNumber, caseId: p.caseId, caseNumber: p.caseNumber });
}

/** The petitions of the office's scope that a new record would repeat (same person or same case, ±30 days). */
export async function checkRepeats(
  db: Db,
  user: CurrentUser,
  probe: { id?: string; receivedOn: string; petitionerIdNumber: string | null; caseNumber: ParsedCaseNumber | null },
  lang: Lang,
): Promise<PossibleRepeatView[]> {
  authorize(user, 'registerPetitions');
  const r = await readAll(db, {
    rows: repeatsQuery(db, user, { receivedOn: probe.receivedOn, petitionerIdNumber: probe.petitionerIdNumber, caseNumber: probe.caseNumber?.normalized ?? null }),
    kase: caseByNumberQuery(db, probe.caseNumber?.normalized ?? ''),
  });
  const caseId = r.kase && canSeeCase(user, { courtPath: r.kase.court_path, category: r.kase.category }) ? r.kase.id : null;
  return repeatViews(user, { id: probe.id ?? null, receivedOn: probe.receivedOn, petitionerIdNumber: probe.petitionerIdNumber, caseId }, r.rows, lang);
}

// ---------------------------------------------------------------------------------------------
// Checks that need the database

/** The receiving court: the office's own court or one below it (422 on `courtId` otherwise). */
function requireCourt(user: CurrentUser, court: CourtRow | null, t: Translate): CourtRow {
  if (!court || !courtInScope(user, court.path)) throw invalid(t, [{ path: ['courtId'], key: 'petition.courtOutOfScope' }]);
  return court;
}

/**
 * The linked case: it must exist, be in the office's scope, and belong to the receiving court or a
 * court below it — a petition received by a case's court or a court above it may be about that case.
 */
function requireLinkable(user: CurrentUser, kase: CaseRow | null, number: ParsedCaseNumber, court: Pick<CourtRow, 'path' | 'name'>, t: Translate): CaseRow {
  if (!kase || !canSeeCase(user, { courtPath: kase.court_path, category: kase.category })) {
    throw invalid(t, [{ path: ['caseNumber'], key: 'petition.caseUnknown', params: { number: number.normalized } }]);
  }
  if (!kase.court_path.startsWith(court.path)) {
    throw invalid(t, [{ path: ['caseNumber'], key: 'petition.caseNotUnderCourt', params: { number: kase.case_number, court: court.name } }]);
  }
  return kase;
}

/** Removes one occurrence of a day (a petition leaving a case) from a case's petition days. */
function withoutDay(days: readonly string[], day: string): string[] {
  const out = [...days];
  const at = out.indexOf(day);
  if (at >= 0) out.splice(at, 1);
  return out;
}

export interface RescoredCase extends AssessmentSummary {
  caseId: string;
}

// ---------------------------------------------------------------------------------------------
// Registering

export type CreateOutcome =
  | { saved: true; petition: PetitionView; assessment: AssessmentSummary | null; possibleRepeats: PossibleRepeatView[] }
  | { saved: false; possibleRepeats: PossibleRepeatView[] };

/**
 * Registers a petition. With `confirmRepeats: false` (the page's first submission) and possible
 * repeats found, nothing is written and the repeats come back to be confirmed; the API registers at
 * once and reports them.
 */
export async function createPetition(
  db: Db,
  user: CurrentUser,
  input: PetitionCreateInput,
  opts: { confirmRepeats: boolean },
  t: Translate,
  lang: Lang,
): Promise<CreateOutcome> {
  authorize(user, 'registerPetitions');
  const number = input.caseNumber ?? null;
  const idNumber = input.petitionerIdNumber ?? null;
  const r = await readAll(db, {
    court: courtQuery(db, input.courtId),
    kase: caseByNumberQuery(db, number?.normalized ?? ''),
    repeats: repeatsQuery(db, user, { receivedOn: input.receivedOn, petitionerIdNumber: idNumber, caseNumber: number?.normalized ?? null }),
  });
  const court = requireCourt(user, r.court, t);
  const kase = number ? requireLinkable(user, r.kase, number, court, t) : null;
  const possibleRepeats = repeatViews(user, { receivedOn: input.receivedOn, petitionerIdNumber: idNumber, caseId: kase?.id ?? null }, r.repeats, lang);
  if (possibleRepeats.length > 0 && !opts.confirmRepeats) return { saved: false, possibleRepeats };

  const record: PetitionWrite = {
    id: newId(),
    channel: input.channel,
    receivedOn: input.receivedOn,
    courtId: court.id,
    persons: input.persons,
    petitionerName: input.petitionerName,
    petitionerIdNumber: idNumber,
    caseId: kase?.id ?? null,
    complaintType: input.complaintType,
    lawyer: { interview: false, representation: false, resolution: false, ...input.lawyer },
    assistance: { applied: false, approved: false, amount: 0, ...input.assistance },
    state: input.state,
    outcome: input.outcome ?? null,
    note: input.note,
  };
  const now = new Date().toISOString();
  const statements = [
    insertPetitionStatement(db, record, user.id, now),
    ...rollupStatements(db, rollupDeltas(null, record)),
    auditStatement(db, { actorId: user.id, via: user.via, courtId: court.id, action: 'petition.create', entity: 'petition', entityId: record.id, after: auditOf(record, kase?.case_number ?? null), at: now }),
  ];

  let assessment: AssessmentSummary | null = null;
  if (kase) {
    const done = await changeCases(db, [kase.id], {
      cause: 'petition.link',
      actorId: user.id,
      via: user.via,
      plan: (cases) => {
        const c = cases.get(kase.id);
        if (!c) throw invalid(t, [{ path: ['caseNumber'], key: 'petition.caseUnknown', params: { number: kase.case_number } }]);
        return { statements, rescore: [{ caseId: c.id, adjust: (s: ScoringCase) => withPetitionDays(s, [...s.petitionDays, record.receivedOn]) }], result: null };
      },
    });
    assessment = done ? assessmentSummary(done.assessments.get(kase.id)!) : null;
  } else {
    await write(db, statements);
  }
  const row = rowAfter(record, court, kase, { version: 1, created_by: user.id, created_by_name: user.displayName, created_at: now, updated_at: now });
  return { saved: true, petition: petitionView(row, user, lang), assessment, possibleRepeats };
}

// ---------------------------------------------------------------------------------------------
// Editing, linking, deleting

interface Planned {
  before: PetitionWrite;
  after: PetitionWrite | null;
  row: PetitionRow;
  court: CourtRow | null;
  caseNumber: string | null;
}

/** The cases a write touches and why each is re-scored: the case it left, the case it joined, or its own case when its day moved. */
function touchedCases(before: PetitionWrite, after: PetitionWrite | null): Map<string, { cause: string; adjust: (c: ScoringCase) => ScoringCase }> {
  const touched = new Map<string, { cause: string; adjust: (c: ScoringCase) => ScoringCase }>();
  const from = before.caseId;
  const to = after?.caseId ?? null;
  if (from && from === to && after && after.receivedOn !== before.receivedOn) {
    touched.set(from, { cause: 'petition.update', adjust: (c) => withPetitionDays(c, [...withoutDay(c.petitionDays, before.receivedOn), after.receivedOn]) });
    return touched;
  }
  if (from && from !== to) touched.set(from, { cause: 'petition.unlink', adjust: (c) => withPetitionDays(c, withoutDay(c.petitionDays, before.receivedOn)) });
  if (to && after && from !== to) touched.set(to, { cause: 'petition.link', adjust: (c) => withPetitionDays(c, [...c.petitionDays, after.receivedOn]) });
  return touched;
}

/** Writes an edit or a deletion with its roll-up deltas and audit row, re-scoring the cases it touches. */
async function writeChange(db: Db, user: CurrentUser, p: Planned, version: number, t: Translate): Promise<RescoredCase[]> {
  const now = new Date().toISOString();
  const { before, after } = p;
  const statements = [
    ...(after ? updatePetitionStatements(db, after, version, now) : deletePetitionStatements(db, before.id, version)),
    ...rollupStatements(db, rollupDeltas(before, after)),
    auditStatement(db, {
      actorId: user.id,
      via: user.via,
      courtId: after?.courtId ?? before.courtId,
      action: after ? 'petition.update' : 'petition.delete',
      entity: 'petition',
      entityId: before.id,
      before: { ...auditOf(before, p.row.case_number), version },
      after: after ? { ...auditOf(after, p.caseNumber), version: version + 1 } : undefined,
      at: now,
    }),
  ];
  const touched = touchedCases(before, after);
  if (touched.size === 0) {
    await write(db, statements, { conflictKey: 'petition.stale' });
    return [];
  }
  const done = await changeCases(db, [...touched.keys()], {
    cause: (id) => touched.get(id)!.cause,
    actorId: user.id,
    via: user.via,
    conflictKey: 'petition.stale',
    reads: { row: petitionQuery(db, before.id) },
    plan: (cases, r) => {
      // Planned on the version read before; if it moved since, the caller's view is stale.
      if (!r.row || r.row.version !== version) throw new AppError('conflict', 'petition.stale');
      return { statements, rescore: [...touched].filter(([id]) => cases.has(id)).map(([caseId, x]) => ({ caseId, adjust: x.adjust })), result: null };
    },
  });
  if (!done) return [];
  return [...done.assessments].map(([caseId, a]) => ({ caseId, ...assessmentSummary(a) }));
}

/** Reads the petition for a change: 403 without the right, 404 outside scope, 409 on a stale version (with the current one). */
function requireCurrent(user: CurrentUser, row: PetitionRow | null, version: number, lang: Lang): PetitionRow {
  if (!visiblePetition(user, row)) throw notFound();
  if (row.version !== version) throw new AppError('conflict', 'petition.stale', { version: row.version }, [], { current: petitionView(row, user, lang) });
  return row;
}

/**
 * Edits a petition from the version the user saw (PATCH): any field, linking (`caseNumber`) or
 * unlinking (`caseNumber: null`) included. The merged record is checked as a whole.
 */
export async function updatePetition(
  db: Db,
  user: CurrentUser,
  id: string,
  patch: PetitionPatchInput,
  t: Translate,
  lang: Lang,
): Promise<{ petition: PetitionView; changed: boolean; rescored: RescoredCase[] }> {
  authorize(user, 'registerPetitions');
  const number = patch.caseNumber ?? null;
  const r = await readAll(db, {
    row: petitionQuery(db, id),
    court: courtQuery(db, patch.courtId ?? 0),
    kase: caseByNumberQuery(db, number?.normalized ?? ''),
  });
  const row = requireCurrent(user, r.row, patch.version, lang);
  const before = recordOf(row);
  const court = patch.courtId === undefined ? null : requireCourt(user, r.court, t);
  const courtRow = court ?? { id: row.court_id, name: row.court_name, path: row.court_path };

  let caseId = before.caseId;
  let linked = row.case_number && row.case_court_path && row.case_category ? { case_number: row.case_number, court_path: row.case_court_path, category: row.case_category } : null;
  if (patch.caseNumber === null) {
    caseId = null;
    linked = null;
  } else if (number) {
    const kase = requireLinkable(user, r.kase, number, courtRow, t);
    caseId = kase.id;
    linked = kase;
  } else if (caseId && row.case_court_path && !row.case_court_path.startsWith(courtRow.path)) {
    // Moving the petition to a court its linked case is not under.
    throw invalid(t, [{ path: ['courtId'], key: 'petition.caseNotUnderCourt', params: { number: row.case_number ?? '', court: courtRow.name } }]);
  }

  const after: PetitionWrite = {
    ...before,
    channel: patch.channel ?? before.channel,
    receivedOn: patch.receivedOn ?? before.receivedOn,
    courtId: courtRow.id,
    persons: patch.persons ?? before.persons,
    petitionerName: patch.petitionerName ?? before.petitionerName,
    petitionerIdNumber: patch.petitionerIdNumber === undefined ? before.petitionerIdNumber : patch.petitionerIdNumber,
    caseId,
    complaintType: patch.complaintType ?? before.complaintType,
    lawyer: patch.lawyer ?? before.lawyer,
    assistance: patch.assistance ?? before.assistance,
    state: patch.state ?? before.state,
    // Taking a concluded petition up again clears its outcome unless one is sent.
    outcome: patch.outcome !== undefined ? patch.outcome : patch.state && patch.state !== 'concluded' ? null : before.outcome,
    note: patch.note ?? before.note,
  };
  const issues = editIssues(before, after);
  if (issues.length > 0) throw recordIssuesError(t, issues);
  if (JSON.stringify(after) === JSON.stringify(before)) return { petition: petitionView(row, user, lang), changed: false, rescored: [] };

  const rescored = await writeChange(db, user, { before, after, row, court, caseNumber: linked?.case_number ?? null }, patch.version, t);
  const where = court ?? { code: row.court_code, name: row.court_name, name_en: row.court_name_en, path: row.court_path };
  const meta = { version: row.version + 1, created_by: row.created_by, created_by_name: row.created_by_name, created_at: row.created_at, updated_at: new Date().toISOString() };
  return { petition: petitionView(rowAfter(after, where, linked, meta), user, lang), changed: true, rescored };
}

/** Deletes a petition registered in error (with the version seen); its case, if any, is re-scored. */
export async function deletePetition(db: Db, user: CurrentUser, id: string, version: number, t: Translate, lang: Lang): Promise<{ rescored: RescoredCase[] }> {
  authorize(user, 'registerPetitions');
  const row = requireCurrent(user, await run(db, petitionQuery(db, id)), version, lang);
  return { rescored: await writeChange(db, user, { before: recordOf(row), after: null, row, court: null, caseNumber: null }, version, t) };
}
