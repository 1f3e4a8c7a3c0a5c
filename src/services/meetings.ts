/**
 * Joint meetings: what their pages and the API read (one round trip for the meeting, one more for
 * the period's figures), and the meeting-level writes — create, edit a draft, publish, cancel.
 * Agendas are in agenda.ts, the record and the minutes in meeting-record.ts.
 */
import {
  allowedMeetingActions,
  isRegularKind,
  orderPool,
  publishRecipients,
  notificationKey,
  orderMyActionItems,
  standardItemsFor,
  suggestTitle,
  type MeetingKind,
} from '../domain/meetings/index.ts';
import { hasRole, may } from '../domain/roles.ts';
import { shanghaiDay, shanghaiIso } from '../domain/time.ts';
import { transition } from '../domain/warnings/lifecycle.ts';
import { actionItemListQuery, carriedActionItemsQuery, carryActionItemsStatement, meetingActionItemsQuery, openEarlierActionItemsQuery } from '../db/action-items.ts';
import { auditStatement } from '../db/audit.ts';
import {
  agendaItemsQuery,
  amendmentsQuery,
  attendanceQuery,
  closeAgendaStatement,
  insertAgendaItemStatement,
  insertMeetingStatement,
  leadersForMeetingQuery,
  meetingCountQuery,
  meetingListQuery,
  meetingQuery,
  moveMeetingStatements,
  peopleAtOrAboveQuery,
  peopleByIdsQuery,
  peopleForMeetingQuery,
  poolCountQuery,
  poolQuery,
  previousMeetingQuery,
  updateMeetingDetailsStatements,
  warningFiguresQuery,
  warningsOfMeetingQuery,
  type AgendaItemRow,
  type MeetingRow,
  type PersonRow,
  type PoolFilters,
  type PoolRow,
} from '../db/meetings.ts';
import { insertNotificationStatement } from '../db/notifications.ts';
import { type Db, readAll, readSome, run } from '../db/query.ts';
import { periodTalliesQueries } from '../db/stats.ts';
import { toWarning } from '../db/warnings.ts';
import { forbidden, notFound } from '../http/errors.ts';
import type { CurrentUser } from '../http/types.ts';
import type { Lang, Translate } from '../i18n/index.ts';
import type { PoolQuery } from '../schemas/meetings.ts';
import { newId } from '../security/tokens.ts';
import { authorize } from './authorize.ts';
import { courtChoicesQuery, type CourtChoice } from './courts.ts';
import { dataReport, reportWindow, type DataReport } from './meeting-report.ts';
import {
  actionItemView,
  meetingAccess,
  userDivision,
  meetingDetail,
  meetingSummary,
  scoreLine,
  type ActionItemView,
  type CourtRef,
  type MeetingDetail,
  type MeetingSummary,
} from './meeting-present.ts';
import { allowMeetingAction, checkVersion, coordinated, invalid } from './meeting-rules.ts';
import { courtName } from './present.ts';
import { warningChangeStatements } from './warning-writes.ts';
import { withReplan, write } from './write.ts';

export interface PersonOption {
  id: string;
  name: string;
}

export interface PoolEntryView {
  warningId: string;
  level: PoolRow['level'];
  score: number;
  version: number;
  carryOvers: number;
  raisedAt: string;
  proposedAt: string | null;
  proposedBy: string | null;
  case: { id: string; caseNumber: string; cause: string; kind: 'trial' | 'enforcement'; court: CourtRef };
  scoreLine: string | null;
}

export function poolEntryView(row: PoolRow, lang: Lang): PoolEntryView {
  return {
    warningId: row.id,
    level: row.level,
    score: row.score,
    version: row.version,
    carryOvers: row.carry_overs,
    raisedAt: shanghaiIso(row.raised_at),
    proposedAt: row.proposed_at ? shanghaiIso(row.proposed_at) : null,
    proposedBy: row.proposed_by_name,
    case: {
      id: row.case_id,
      caseNumber: row.case_number,
      cause: row.case_cause,
      kind: row.case_category === 'enforcement' ? 'enforcement' : 'trial',
      court: { id: row.case_court_id, name: courtName({ name: row.case_court_name, name_en: row.case_court_name_en }, lang) },
    },
    scoreLine: scoreLine(row, lang),
  };
}

/** The pool in the domain's order (red first, score, age), after SQL took the first rows by the same order. */
export function poolView(rows: PoolRow[], lang: Lang): PoolEntryView[] {
  return orderPool(rows.map((r) => ({ ...r, raisedAt: r.raised_at, proposedAt: r.proposed_at }))).map((r) => poolEntryView(r, lang));
}

export const POOL_LIMIT = 100;

const isJudge = (user: CurrentUser) => hasRole(user, 'trial_judge', 'enforcement_judge');

// ---------------------------------------------------------------------------------------------
// One meeting

export interface MeetingPage {
  detail: MeetingDetail;
  /** 信访数据通报 (regular meetings, full view). */
  report: DataReport | null;
  /** 上次会议议定事项落实情况: live while a draft, as frozen at publishing since. */
  previousActions: ActionItemView[];
  previousMeeting: { id: string; title: string; startsAt: string } | null;
  /** The pool the coordinator adds from (a draft). */
  pool: PoolEntryView[];
  options: { presenters: PersonOption[]; leaders: PersonOption[]; ownerCourts: CourtRef[] };
  /** Whether the meeting has begun (recording is possible from its start). */
  started: boolean;
}

function meetingQueries(db: Db, id: string) {
  return {
    meeting: meetingQuery(db, id),
    items: agendaItemsQuery(db, id),
    actionItems: meetingActionItemsQuery(db, id),
    attendance: attendanceQuery(db, id),
    amendments: amendmentsQuery(db, id),
    previous: previousMeetingQuery(db, id),
    openEarlier: openEarlierActionItemsQuery(db, id),
    carried: carriedActionItemsQuery(db, id),
  };
}

const options = (rows: PersonRow[]): PersonOption[] => rows.map((p) => ({ id: p.id, name: p.display_name }));

/**
 * The meeting as the caller may see it: everything for the office roles of its court or above,
 * the particulars and the items of its cases for a judge, 404 for anyone else. With `forPage`,
 * also what the page's forms offer (the pool, the people to name).
 */
export async function loadMeeting(db: Db, user: CurrentUser, id: string, t: Translate, lang: Lang, forPage = false): Promise<MeetingPage> {
  // Besides the office roles, only judges read meetings (and only the items of their cases).
  if (!may(user, 'seeMeetings') && !isJudge(user)) throw forbidden();
  const forms = forPage && may(user, 'coordinateMeetings');
  const r = await readSome(db, {
    ...meetingQueries(db, id),
    pool: forms ? poolQuery(db, user, { meetingId: id }, POOL_LIMIT) : undefined,
    people: forms ? peopleForMeetingQuery(db, id) : undefined,
    leaders: forms ? leadersForMeetingQuery(db, id) : undefined,
  });
  if (!r.meeting) throw notFound();
  const access = meetingAccess(user, r.meeting);
  const detail = meetingDetail(
    { row: r.meeting, items: r.items, actionItems: r.actionItems, attendance: r.attendance, amendments: r.amendments, access, allowed: allowedMeetingActions(r.meeting.state) },
    user,
    lang,
    t,
  );
  if (!access.full && detail.agenda.length === 0) throw notFound();
  const report = access.full && isRegularKind(r.meeting.kind) ? await readReport(db, r.meeting, r.previous?.starts_at ?? null, t, lang) : null;
  const ctx = { today: shanghaiDay(), lang, t, userDivision: userDivision(user) };
  const previousActions = access.full ? (r.meeting.state === 'draft' ? r.openEarlier : r.carried).map((a) => actionItemView(a, user, ctx)) : [];
  const page: MeetingPage = {
    detail,
    report,
    previousActions,
    previousMeeting: r.previous ? { id: r.previous.id, title: r.previous.title, startsAt: r.previous.starts_at } : null,
    pool: [],
    options: { presenters: [], leaders: [], ownerCourts: ownerCourts(r.meeting, r.items, lang) },
    started: Date.parse(r.meeting.starts_at) <= Date.now(),
  };
  if (access.coordinate && r.pool && r.people && r.leaders) {
    page.pool = r.meeting.state === 'draft' ? poolView(r.pool, lang) : [];
    page.options.presenters = options(r.people);
    page.options.leaders = options(r.leaders);
  }
  return page;
}

async function readReport(db: Db, meeting: MeetingRow, previousStartsAt: string | null, t: Translate, lang: Lang): Promise<DataReport> {
  const window = reportWindow(meeting.starts_at, previousStartsAt);
  if (window.period.days === 0) return dataReport(window.period, [], [], t, lang);
  const r = await readAll(db, {
    warnings: warningFiguresQuery(db, meeting.court_path, window.from, window.to),
    petitions: periodTalliesQueries(db, meeting.court_id, window.period).cells,
  });
  return dataReport(window.period, r.warnings, r.petitions, t, lang);
}

/** The courts an action item's division may belong to: the meeting's, and those of its cases. */
function ownerCourts(meeting: MeetingRow, items: AgendaItemRow[], lang: Lang): CourtRef[] {
  const courts: CourtRef[] = [{ id: meeting.court_id, name: courtName({ name: meeting.court_name, name_en: meeting.court_name_en }, lang) }];
  for (const item of items) {
    if (item.case_court_id !== null && !courts.some((c) => c.id === item.case_court_id)) {
      courts.push({ id: item.case_court_id, name: courtName({ name: item.case_court_name ?? '', name_en: item.case_court_name_en }, lang) });
    }
  }
  return courts;
}

// ---------------------------------------------------------------------------------------------
// Lists

const OPEN_STATES = ['draft', 'published', 'held'] as const;
const CLOSED_STATES = ['minutes_final', 'cancelled'] as const;

export interface MeetingsLanding {
  /** Drafts, published and held meetings, soonest first. */
  current: MeetingSummary[];
  /** Final and cancelled meetings, latest first. */
  recent: MeetingSummary[];
  pool: PoolEntryView[] | null;
  poolTotal: number;
  courts: CourtChoice[];
  /** Overdue action items of the meetings in scope (office roles), most overdue first. */
  overdue: ActionItemView[] | null;
  canCreate: boolean;
}

/** The meetings page: for a coordinator its landing — the pool with filters, the next meetings, overdue action items. */
export async function loadMeetingsLanding(db: Db, user: CurrentUser, pool: PoolQuery, t: Translate, lang: Lang): Promise<MeetingsLanding> {
  const full = may(user, 'seeMeetings');
  if (!full && !isJudge(user)) throw forbidden();
  const coordinator = may(user, 'coordinateMeetings');
  const filters: PoolFilters = { level: pool.level, courtId: pool.courtId, kind: pool.kind };
  const today = shanghaiDay();
  const r = await readSome(db, {
    current: meetingListQuery(db, user, full, { states: OPEN_STATES, order: 'asc', limit: 20, offset: 0 }),
    recent: meetingListQuery(db, user, full, { states: CLOSED_STATES, order: 'desc', limit: 10, offset: 0 }),
    pool: coordinator ? poolQuery(db, user, filters, POOL_LIMIT) : undefined,
    poolTotal: coordinator ? poolCountQuery(db, user, filters) : undefined,
    courts: coordinator ? courtChoicesQuery(db, user, t, lang) : undefined,
    overdue: full ? actionItemListQuery(db, { scopePath: user.courtPath, overdueBefore: today, limit: 50 }) : undefined,
  });
  const ctx = { today, lang, t, userDivision: userDivision(user) };
  return {
    current: r.current.map((m) => meetingSummary(m, lang)),
    recent: r.recent.map((m) => meetingSummary(m, lang)),
    pool: r.pool ? poolView(r.pool, lang) : null,
    poolTotal: r.poolTotal ?? 0,
    courts: r.courts ?? [],
    overdue: r.overdue ? orderMyActionItems(r.overdue.map((a) => actionItemView(a, user, ctx)), today) : null,
    canCreate: coordinator,
  };
}

export interface MeetingList {
  items: MeetingSummary[];
  page: number;
  pageSize: number;
  total: number;
}

export const MEETING_PAGE_SIZE = 20;

/** The API's list: the meetings the caller sees, latest first. */
export async function listMeetings(db: Db, user: CurrentUser, q: { page: number; state?: MeetingRow['state'] }, lang: Lang): Promise<MeetingList> {
  const full = may(user, 'seeMeetings');
  if (!full && !isJudge(user)) throw forbidden();
  const states = q.state ? [q.state] : undefined;
  const r = await readAll(db, {
    rows: meetingListQuery(db, user, full, { states, order: 'desc', limit: MEETING_PAGE_SIZE, offset: (q.page - 1) * MEETING_PAGE_SIZE }),
    total: meetingCountQuery(db, user, full, { states }),
  });
  return { items: r.rows.map((m) => meetingSummary(m, lang)), page: q.page, pageSize: MEETING_PAGE_SIZE, total: r.total };
}

/** The pool alone (API), in scope and filtered. */
export async function loadPool(db: Db, user: CurrentUser, pool: PoolQuery, lang: Lang): Promise<{ items: PoolEntryView[]; total: number }> {
  const filters: PoolFilters = { level: pool.level, courtId: pool.courtId, kind: pool.kind };
  const r = await readAll(db, { rows: poolQuery(db, user, filters, POOL_LIMIT), total: poolCountQuery(db, user, filters) });
  return { items: poolView(r.rows, lang), total: r.total };
}

// ---------------------------------------------------------------------------------------------
// Create, edit, publish, cancel

export interface MeetingInput {
  kind: MeetingKind;
  title?: string;
  startsAt: string;
  plannedMinutes: number;
  place: string;
  videoLink: string;
  chairId: string;
  divisions: readonly string[];
  outsideUnits: readonly string[];
}

/** Leaders of the coordinator's court or above, who may chair its meetings. */
export async function chairOptions(db: Db, user: CurrentUser): Promise<PersonOption[]> {
  return options(await run(db, peopleAtOrAboveQuery(db, 'leader', user.courtPath)));
}

/** The chair must be an active leader of the meeting's court or a court above it. */
function checkChair(chair: PersonRow | undefined, courtPath: string, t: Translate): void {
  const roles = chair?.roles.split(',') ?? [];
  if (!chair || !roles.includes('leader') || !courtPath.startsWith(chair.court_path)) throw invalid('chairId', 'meeting.validation.chair', t);
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}

/** A new draft at the coordinator's court, with the standard items of a regular meeting. Answers its id. */
export async function createMeeting(db: Db, user: CurrentUser, input: MeetingInput, t: Translate, lang: Lang): Promise<string> {
  authorize(user, 'coordinateMeetings');
  const chairs = await run(db, peopleByIdsQuery(db, [input.chairId]));
  checkChair(chairs[0], user.courtPath, t);
  const id = newId();
  const now = new Date().toISOString();
  const title = input.title?.trim() || suggestTitle(input.kind, input.startsAt, lang);
  const meeting = {
    id,
    courtId: user.courtId,
    kind: input.kind,
    title,
    startsAt: input.startsAt,
    plannedMinutes: input.plannedMinutes,
    place: input.place,
    videoLink: input.videoLink,
    chairId: input.chairId,
    coordinatorId: user.id,
    divisions: distinct(input.divisions),
    outsideUnits: distinct(input.outsideUnits),
    now,
  };
  await write(db, [
    insertMeetingStatement(db, meeting),
    ...standardItemsFor(input.kind).map((kind, i) => insertAgendaItemStatement(db, { id: newId(), meetingId: id, kind, position: i + 1, warningId: null, now })),
    auditStatement(db, { actorId: user.id, via: user.via, courtId: user.courtId, action: 'meeting.create', entity: 'meeting', entityId: id, after: { ...meeting, now: undefined }, at: now }),
  ]);
  return id;
}

/** A draft's particulars, with the version the coordinator saw. */
export async function editMeeting(db: Db, user: CurrentUser, id: string, input: Omit<MeetingInput, 'kind'> & { version: number }, t: Translate, lang: Lang): Promise<void> {
  const r = await readAll(db, { meeting: meetingQuery(db, id), chair: peopleByIdsQuery(db, [input.chairId]) });
  const row = coordinated(user, r.meeting);
  allowMeetingAction(row, 'edit_details', {}, t);
  checkVersion(row, input.version);
  checkChair(r.chair[0], row.court_path, t);
  const now = new Date().toISOString();
  const details = {
    title: input.title?.trim() || suggestTitle(row.kind, input.startsAt, lang),
    startsAt: input.startsAt,
    plannedMinutes: input.plannedMinutes,
    place: input.place,
    videoLink: input.videoLink,
    chairId: input.chairId,
    divisions: distinct(input.divisions),
    outsideUnits: distinct(input.outsideUnits),
    now,
  };
  const before = { title: row.title, startsAt: row.starts_at, plannedMinutes: row.planned_minutes, place: row.place, videoLink: row.video_link, chairId: row.chair_id, version: row.version };
  await write(
    db,
    [
      ...updateMeetingDetailsStatements(db, id, input.version, details),
      auditStatement(db, { actorId: user.id, via: user.via, courtId: row.court_id, action: 'meeting.update', entity: 'meeting', entityId: id, before, after: { ...details, now: undefined, version: input.version + 1 }, at: now }),
    ],
    { conflictKey: 'meeting.stale' },
  );
}

/**
 * Publishes the agenda: it freezes, the open action items of earlier meetings it lists are
 * frozen with it, and the people concerned are told. With a version the publisher's view must
 * be current (409); without one, a change meanwhile is read again.
 */
export async function publishMeeting(db: Db, user: CurrentUser, id: string, version: number | undefined, t: Translate): Promise<void> {
  await withReplan(async () => {
    const r = await readAll(db, { meeting: meetingQuery(db, id), items: agendaItemsQuery(db, id) });
    const row = coordinated(user, r.meeting);
    allowMeetingAction(row, 'publish', { agendaItems: r.items.length }, t);
    checkVersion(row, version);
    const now = new Date().toISOString();
    const recipients = publishRecipients(
      { chairId: row.chair_id, items: r.items.map((i) => ({ presenterId: i.presenter_id, judgeId: i.case_judge_id, ownerId: i.w_owner_id })) },
      user.id,
    );
    await write(
      db,
      [
        ...moveMeetingStatements(db, id, { version: row.version, states: ['draft'] }, { state: 'published', now, stamp: 'published_at' }, version === undefined ? 'replan' : 'stale'),
        carryActionItemsStatement(db, id),
        ...recipients.map((userId) =>
          insertNotificationStatement(db, { userId, kind: 'meeting_published', meetingId: id, actionItemId: null, key: notificationKey.published(id, userId), now }),
        ),
        auditStatement(db, {
          actorId: user.id,
          via: user.via,
          courtId: row.court_id,
          action: 'meeting.publish',
          entity: 'meeting',
          entityId: id,
          before: { state: row.state, version: row.version },
          after: { state: 'published', version: row.version + 1, items: r.items.length, notified: recipients.length },
          at: now,
        }),
      ],
      { conflictKey: 'meeting.stale' },
    );
  });
}

/** Cancels a draft or published meeting with a reason; its warnings return to the pool. */
export async function cancelMeeting(db: Db, user: CurrentUser, id: string, input: { version: number; reason: string }, t: Translate): Promise<void> {
  await withReplan(async () => {
    const r = await readAll(db, { meeting: meetingQuery(db, id), warnings: warningsOfMeetingQuery(db, id) });
    const row = coordinated(user, r.meeting);
    allowMeetingAction(row, 'cancel', { reason: input.reason }, t);
    checkVersion(row, input.version);
    const now = new Date().toISOString();
    const statements = [
      ...moveMeetingStatements(db, id, { version: input.version, states: ['draft', 'published'] }, { state: 'cancelled', now, stamp: 'cancelled_at', cancelReason: input.reason }, 'stale'),
      closeAgendaStatement(db, id),
    ];
    for (const w of r.warnings) {
      const moved = transition(toWarning(w), 'unschedule', { meetingId: id, note: input.reason, itemOutcome: 'cancelled' }, now, user.id);
      if (!moved.ok) continue;
      statements.push(...warningChangeStatements(db, moved.change, { guard: 'replan', actorId: user.id, via: user.via, caseCourtId: w.case_court_id }));
    }
    statements.push(
      auditStatement(db, {
        actorId: user.id,
        via: user.via,
        courtId: row.court_id,
        action: 'meeting.cancel',
        entity: 'meeting',
        entityId: id,
        before: { state: row.state, version: row.version },
        after: { state: 'cancelled', reason: input.reason, version: row.version + 1 },
        at: now,
      }),
    );
    await write(db, statements, { conflictKey: 'meeting.stale' });
  });
}
