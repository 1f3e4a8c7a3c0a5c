import { canSeeCase, caseKind, courtInScope, hasRole, may } from '../domain/roles.ts';
import type { CaseCategory } from '../domain/case-number.ts';
import { shanghaiDay, shanghaiIso } from '../domain/time.ts';
import { warningActionItemsQuery, type ActionItemRow } from '../db/action-items.ts';
import { actionItemView, userDivision, type ActionItemView } from './meeting-present.ts';
import { escalateOverdue, transition, type TransitionError } from '../domain/warnings/lifecycle.ts';
import { ACTIVE_STATES, allowedActions, type UserAction, type WarningState } from '../domain/warnings/state-machine.ts';
import { currentAssessmentQuery } from '../db/assessments.ts';
import { courtSubtreeQuery, parentCourtQuery } from '../db/courts.ts';
import { flagsQuery } from '../db/flags.ts';
import { type Db, readAll, run } from '../db/query.ts';
import { userWithCourtQuery, type UserWithCourt } from '../db/users.ts';
import {
  countWarningsByState,
  listOverdueRedWarnings,
  listWarnings,
  peopleForWarningQuery,
  toWarning,
  warningEventsQuery,
  warningQuery,
  warningsByIdsQuery,
  type WarningEventRow,
  type WarningListRow,
} from '../db/warnings.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import type { CurrentUser } from '../http/types.ts';
import { customIssue, publicIssues } from '../http/zod-messages.ts';
import { translate, translator, type Lang, type MessageKey, type Translate } from '../i18n/index.ts';
import type { WarningActionInput, WarningQueryInput } from '../schemas/warnings.ts';
import { assessmentView, CAUSE_KEYS, courtName, flagView, type AssessmentView, type FlagView, type PersonRef } from './present.ts';
import { warningChangeStatements } from './warning-writes.ts';
import { authorize } from './authorize.ts';
import { write } from './write.ts';
import { courtChoicesQuery, type CourtChoice } from './courts.ts';

export const WARNING_PAGE_SIZE = 25;

export interface WarningSummary {
  id: string;
  state: WarningState;
  level: WarningListRow['level'];
  score: number;
  case: { id: string; caseNumber: string; cause: string; kind: 'trial' | 'enforcement'; court: { id: number; name: string }; judge: string | null };
  court: { id: number; code: string; name: string };
  owner: PersonRef | null;
  leader: PersonRef | null;
  raisedAt: string;
  dueAt: string | null;
  overdue: boolean;
  msLeft: number | null;
  escalations: number;
  outcome: string | null;
  reason: string | null;
  closedAt: string | null;
  version: number;
  allowedActions: UserAction[];
}

export interface WarningEventView {
  id: number;
  at: string;
  actor: PersonRef | null;
  kind: string;
  fromState: string | null;
  toState: string | null;
  fromLevel: string | null;
  toLevel: string | null;
  note: string;
  text: string;
}

export interface WarningDetail extends WarningSummary {
  flags: FlagView[];
  assessment: AssessmentView | null;
  timeline: WarningEventView[];
}

/** Who may act on warnings: the petition office; a leader may only name the owning leader. */
export function actionsFor(user: CurrentUser, state: WarningState): UserAction[] {
  const all = allowedActions(state);
  if (may(user, 'reviewWarnings')) return all;
  if (may(user, 'actOnWarnings')) return all.filter((a) => a === 'assign_leader');
  return [];
}

function visible(user: CurrentUser, w: WarningListRow | null): w is WarningListRow {
  return w !== null && canSeeCase(user, { courtPath: w.case_court_path, category: w.case_category as CaseCategory });
}

export async function requireVisibleWarning(db: Db, user: CurrentUser, id: string): Promise<WarningListRow> {
  const w = await run(db, warningQuery(db, id));
  if (!visible(user, w)) throw notFound();
  return w;
}

function person(id: string | null, name: string | null): PersonRef | null {
  return id ? { id, displayName: name ?? '' } : null;
}

export function warningSummary(w: WarningListRow, user: CurrentUser, lang: Lang, now = Date.now()): WarningSummary {
  const due = w.due_at ? Date.parse(w.due_at) : null;
  const pending = w.state === 'open' && due !== null;
  return {
    id: w.id,
    state: w.state,
    level: w.level,
    score: w.score,
    case: {
      id: w.case_id,
      caseNumber: w.case_number,
      cause: w.case_cause,
      kind: caseKind(w.case_category as CaseCategory),
      court: { id: w.case_court_id, name: courtName({ name: w.case_court_name, name_en: w.case_court_name_en }, lang) },
      judge: w.judge_name,
    },
    court: { id: w.court_id, code: w.court_code, name: courtName({ name: w.court_name, name_en: w.court_name_en }, lang) },
    owner: person(w.owner_id, w.owner_name),
    leader: person(w.leader_id, w.leader_name),
    raisedAt: shanghaiIso(w.raised_at),
    dueAt: w.due_at ? shanghaiIso(w.due_at) : null,
    overdue: pending && due! < now,
    msLeft: pending ? due! - now : null,
    escalations: w.escalations,
    outcome: w.outcome,
    reason: w.reason,
    closedAt: w.closed_at ? shanghaiIso(w.closed_at) : null,
    version: w.version,
    allowedActions: actionsFor(user, w.state),
  };
}

const EVENT_KEYS: Record<string, MessageKey> = {
  raised: 'timeline.raised',
  level_changed: 'timeline.levelChanged',
  acknowledged: 'timeline.acknowledged',
  assigned: 'timeline.assigned',
  leader_assigned: 'timeline.leaderAssigned',
  proposed: 'timeline.proposed',
  proposal_withdrawn: 'timeline.proposalWithdrawn',
  escalated: 'timeline.escalated',
  dismissed: 'timeline.dismissed',
  resolved: 'timeline.resolved',
  reopened: 'timeline.reopened',
  auto_reopened: 'timeline.autoReopened',
  scheduled: 'timeline.scheduled',
  unscheduled: 'timeline.unscheduled',
  followed_up: 'timeline.followedUp',
};

/** A change a meeting made says which meeting (its title, looked up now). */
function meetingEventKey(kind: string, itemOutcome: unknown): MessageKey | undefined {
  if (kind === 'scheduled') return 'timeline.meeting.scheduled';
  if (kind === 'unscheduled') {
    if (itemOutcome === 'carry_over') return 'timeline.meeting.carriedOver';
    if (itemOutcome === 'cancelled') return 'timeline.meeting.cancelled';
    return 'timeline.meeting.unscheduled';
  }
  if (kind === 'proposal_withdrawn') return 'timeline.meeting.withdrawn';
  if (kind === 'followed_up') return 'timeline.meeting.followedUp';
  if (kind === 'resolved') return 'timeline.meeting.resolved';
  if (kind === 'leader_assigned') return 'timeline.meeting.leaderAssigned';
  return undefined;
}

/** A timeline entry in the reader's language: names are looked up now, from the ids stored. */
function eventView(e: WarningEventRow, lang: Lang): WarningEventView {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  const data = e.data_json ? (JSON.parse(e.data_json) as Record<string, unknown>) : {};
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const level = (l: string | null) => (l ? t(`level.${l}` as MessageKey) : '');
  const params: Record<string, string | number> = {
    from: level(e.from_level),
    to: level(e.to_level),
    score: typeof data.score === 'number' ? data.score : '',
    // Entries written before ids were stored keep the name they were written with.
    owner: e.owner_name ?? text(data.ownerName),
    leader: e.leader_name ?? text(data.leaderName),
    court: e.court_name ? courtName({ name: e.court_name, name_en: e.court_name_en }, lang) : text(data.courtName),
    outcome: typeof data.outcome === 'string' ? t(`warning.outcome.${data.outcome}` as MessageKey) : '',
    cause: typeof data.cause === 'string' && Object.hasOwn(CAUSE_KEYS, data.cause) ? t(CAUSE_KEYS[data.cause]!) : '',
  };
  const key = (e.meeting_title !== null ? meetingEventKey(e.kind, data.itemOutcome) : undefined) ?? EVENT_KEYS[e.kind];
  params.meeting = e.meeting_title ?? '';
  params.no = typeof data.decisionNo === 'number' ? data.decisionNo : '';
  return {
    id: e.id,
    at: shanghaiIso(e.at),
    actor: person(e.actor_id, e.actor_name),
    kind: e.kind,
    fromState: e.from_state,
    toState: e.to_state,
    fromLevel: e.from_level,
    toLevel: e.to_level,
    note: e.note,
    text: key ? t(key, params) : e.kind,
  };
}

export interface PersonOption {
  id: string;
  name: string;
}

/** The warning page: the warning, and who may be named owner or leader by this user. */
export interface WarningPage {
  detail: WarningDetail;
  caseStage: string;
  owners: PersonOption[];
  leaders: PersonOption[];
  /** The action items of the meetings that decided on it, and whether every one is done (then the office may resolve it). */
  followUp: { items: ActionItemView[]; open: number; allDone: boolean };
}

/** Everything the warning page shows, in one round trip. */
function warningPageQueries(db: Db, user: CurrentUser, id: string) {
  return {
    warning: warningQuery(db, id),
    flags: flagsQuery(db, { warningId: id }),
    assessment: currentAssessmentQuery(db, { warningId: id }),
    events: warningEventsQuery(db, id),
    // Owners are petition officers of the case's court chain within the user's own subtree;
    // leaders may sit at the case's court or any court above it.
    owners: peopleForWarningQuery(db, id, 'petition_officer', user.courtPath),
    leaders: peopleForWarningQuery(db, id, 'leader', '/'),
    actionItems: warningActionItemsQuery(db, id),
  };
}

/** The follow-up of a warning: its action items; all done (none open, at least one done) prompts resolving it. */
function followUpOf(rows: ActionItemRow[], user: CurrentUser, lang: Lang) {
  const ctx = { today: shanghaiDay(), lang, t: translator(lang), userDivision: userDivision(user) };
  const items = rows.map((row) => actionItemView(row, user, ctx));
  const open = items.filter((i) => i.state === 'open').length;
  return { items, open, allDone: open === 0 && items.some((i) => i.state === 'done') };
}

export async function loadWarningPage(db: Db, user: CurrentUser, id: string, lang: Lang): Promise<WarningPage> {
  const r = await readAll(db, warningPageQueries(db, user, id));
  if (!visible(user, r.warning)) throw notFound();
  const detail: WarningDetail = {
    ...warningSummary(r.warning, user, lang),
    flags: r.flags.filter((f) => f.withdrawn_at === null).map((f) => flagView(f, lang)),
    assessment: r.assessment ? assessmentView(r.assessment, lang) : null,
    timeline: r.events.map((e) => eventView(e, lang)),
  };
  const acts = detail.allowedActions;
  const options = (rows: { id: string; display_name: string }[]) => rows.map((u) => ({ id: u.id, name: u.display_name }));
  return {
    detail,
    caseStage: r.warning.case_stage,
    owners: acts.includes('acknowledge') || acts.includes('assign') ? options(r.owners) : [],
    leaders: acts.includes('assign_leader') ? options(r.leaders) : [],
    followUp: followUpOf(r.actionItems, user, lang),
  };
}

export async function loadWarningDetail(db: Db, user: CurrentUser, id: string, lang: Lang): Promise<WarningDetail> {
  return (await loadWarningPage(db, user, id, lang)).detail;
}

const STATE_FILTERS: Record<string, readonly WarningState[] | undefined> = {
  active: ACTIVE_STATES,
  all: undefined,
};

export type WarningQueue = ReturnType<typeof readQueue>;

export async function findWarnings(db: Db, user: CurrentUser, q: WarningQueryInput, lang: Lang): Promise<WarningQueue> {
  const now = new Date();
  return readQueue(await readAll(db, queueQueries(db, user, q, now)), user, q, lang, now);
}

/** The queue page: the queue and the courts to filter by, one round trip. */
export async function loadQueuePage(db: Db, user: CurrentUser, q: WarningQueryInput, t: Translate, lang: Lang): Promise<{ queue: WarningQueue; courts: CourtChoice[] }> {
  const now = new Date();
  const { courts, ...r } = await readAll(db, { ...queueQueries(db, user, q, now), courts: courtChoicesQuery(db, user, t, lang) });
  return { queue: readQueue(r, user, q, lang, now), courts };
}

function queueQueries(db: Db, user: CurrentUser, q: WarningQueryInput, now: Date) {
  const filters = {
    level: q.level,
    courtId: q.courtId,
    kind: q.kind,
    overdue: Boolean(q.overdue),
    ownerId: q.owner === 'me' ? user.id : q.owner,
    now: now.toISOString(),
  };
  return {
    rows: listWarnings(db, user, { ...filters, states: statesOf(q), sort: q.sort, limit: WARNING_PAGE_SIZE, offset: (q.page - 1) * WARNING_PAGE_SIZE }),
    counts: countWarningsByState(db, user, filters),
  };
}

const statesOf = (q: WarningQueryInput) => (Object.hasOwn(STATE_FILTERS, q.status) ? STATE_FILTERS[q.status] : [q.status as WarningState]);

function readQueue(r: { rows: WarningListRow[]; counts: Record<string, number> }, user: CurrentUser, q: WarningQueryInput, lang: Lang, now: Date) {
  const { rows, counts } = r;
  const states = statesOf(q);
  const active = ACTIVE_STATES.reduce((n, s) => n + (counts[s] ?? 0), 0);
  const all = Object.values(counts).reduce((n, v) => n + v, 0);
  // The total is the tabs' own count: no second count query.
  const total = states ? states.reduce((n, s) => n + (counts[s] ?? 0), 0) : all;
  return {
    items: rows.map((r) => warningSummary(r, user, lang, now.getTime())),
    counts: { ...counts, active, all },
    page: q.page,
    pageSize: WARNING_PAGE_SIZE,
    total,
  };
}

const REQUIREMENT_ISSUES: Record<string, { path: string; key: MessageKey }> = {
  reason_required: { path: 'reason', key: 'warning.error.reason_required' },
  outcome_required: { path: 'outcome', key: 'warning.error.outcome_required' },
  owner_required: { path: 'ownerId', key: 'warning.error.owner_required' },
  leader_required: { path: 'leaderId', key: 'warning.error.leader_required' },
};

/** A 409 that carries the warning as it is now, so the page can show what changed. */
async function conflict(db: Db, user: CurrentUser, id: string, lang: Lang, key: MessageKey, params = {}): Promise<AppError> {
  const current = await loadWarningDetail(db, user, id, lang);
  return new AppError('conflict', key, params, [], { current });
}

/** A person named as owner or leader must hold the role and have the case in scope. */
function checkPerson(u: UserWithCourt | null, role: 'petition_officer' | 'leader', casePath: string, path: string, t: Translate): void {
  if (!u || u.active !== 1 || !u.roles.includes(role) || !courtInScope({ roles: u.roles, courtPath: u.court_path }, casePath)) {
    const key: MessageKey = role === 'leader' ? 'warning.leaderInvalid' : 'warning.ownerInvalid';
    throw new AppError('invalid', 'error.invalid', {}, publicIssues([customIssue([path], key)], t));
  }
}

/** Why a transition was refused, as the caller hears it. */
async function refusal(db: Db, user: CurrentUser, w: WarningListRow, action: UserAction, error: TransitionError, t: Translate, lang: Lang): Promise<AppError> {
  if (error === 'forbidden') {
    return conflict(db, user, w.id, lang, 'warning.forbiddenMove', {
      action: t(`warning.action.${action}` as MessageKey),
      state: t(`warning.state.${w.state}` as MessageKey),
    });
  }
  if (error === 'no_court_above') return conflict(db, user, w.id, lang, 'warning.noCourtAbove');
  const issue = REQUIREMENT_ISSUES[error]!;
  return new AppError('invalid', 'error.invalid', {}, publicIssues([customIssue([issue.path], issue.key)], t));
}

/**
 * Plans and writes one user action, without reading the result back: checked against scope (404),
 * role (403), the version the user saw (409), the state machine (409 forbidden, 422 missing
 * reason or outcome). The change, its timeline entry and its audit row are one batch.
 */
async function applyUserAction(db: Db, user: CurrentUser, id: string, input: WarningActionInput, t: Translate, lang: Lang): Promise<void> {
  const mayAct = may(user, input.action === 'assign_leader' ? 'actOnWarnings' : 'reviewWarnings');
  const ownerId = input.ownerId ?? (input.action === 'acknowledge' || input.action === 'assign' ? user.id : undefined);
  const leaderId = input.leaderId ?? (input.action === 'assign_leader' && hasRole(user, 'leader') ? user.id : undefined);
  const r = await readAll(db, {
    warning: warningQuery(db, id),
    owner: userWithCourtQuery(db, ownerId ?? ''),
    leader: userWithCourtQuery(db, leaderId ?? ''),
    parent: parentCourtQuery(db, { warningId: id }),
  });
  const w = r.warning;
  if (!visible(user, w)) throw notFound();
  if (!mayAct) throw forbidden();
  if (input.version !== w.version) throw await conflict(db, user, id, lang, 'warning.stale');
  const moved = transition(
    toWarning(w),
    input.action,
    { ownerId, leaderId, reason: input.reason, outcome: input.outcome, note: input.note, parentCourtId: r.parent?.id ?? null },
    new Date().toISOString(),
    user.id,
  );
  if (!moved.ok) throw await refusal(db, user, w, input.action, moved.error, t, lang);
  if (input.action === 'acknowledge' || input.action === 'assign') checkPerson(r.owner, 'petition_officer', w.case_court_path, 'ownerId', t);
  if (input.action === 'assign_leader') checkPerson(r.leader, 'leader', w.case_court_path, 'leaderId', t);
  await write(db, warningChangeStatements(db, moved.change, { guard: 'stale', actorId: user.id, via: user.via, caseCourtId: w.case_court_id }), {
    conflictKey: 'warning.stale',
  }).catch(async (err) => {
    if (err instanceof AppError && err.code === 'conflict') throw await conflict(db, user, id, lang, 'warning.stale');
    throw err;
  });
}

/** A user's action on a warning (api.md); answers the warning as it is afterwards. */
export async function actOnWarning(db: Db, user: CurrentUser, id: string, input: WarningActionInput, t: Translate, lang: Lang): Promise<WarningDetail> {
  await applyUserAction(db, user, id, input, t, lang);
  return loadWarningDetail(db, user, id, lang);
}

/** The same, answering the warning page (for the page's re-render). */
export async function actOnWarningForPage(db: Db, user: CurrentUser, id: string, input: WarningActionInput, t: Translate, lang: Lang): Promise<WarningPage> {
  await applyUserAction(db, user, id, input, t, lang);
  return loadWarningPage(db, user, id, lang);
}

/** Acknowledges several warnings; each succeeds or fails on its own (stale ones are reported). */
export async function bulkAcknowledge(
  db: Db,
  user: CurrentUser,
  items: { id: string; version: number }[],
  ownerId: string | undefined,
  t: Translate,
  lang: Lang,
): Promise<{ acknowledged: string[]; failed: { id: string; code: string; message: string; caseNumber: string | null }[] }> {
  authorize(user, 'reviewWarnings');
  const acknowledged: string[] = [];
  const failed: { id: string; code: string; message: string; caseNumber: string | null }[] = [];
  const known = new Map((items.length ? await run(db, warningsByIdsQuery(db, items.map((i) => i.id))) : []).filter((w) => visible(user, w)).map((w) => [w.id, w]));
  for (const item of items) {
    try {
      await applyUserAction(db, user, item.id, { action: 'acknowledge', version: item.version, ownerId }, t, lang);
      acknowledged.push(item.id);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      failed.push({ id: item.id, code: err.code, message: err.issues[0]?.message ?? t(err.key, err.params), caseNumber: known.get(item.id)?.case_number ?? null });
    }
  }
  return { acknowledged, failed };
}

/**
 * The daily job: a red warning still open after its review deadline goes to the petition office
 * of the court above, which gets a fresh review period. Returns how many moved.
 */
export async function escalateOverdueRedWarnings(db: Db, now = new Date()): Promise<number> {
  const at = now.toISOString();
  const { overdue, courts } = await readAll(db, { overdue: listOverdueRedWarnings(db, at), courts: courtSubtreeQuery(db, '/') });
  const parentOf = new Map(courts.map((ct) => [ct.id, ct.parent_id]));
  let moved = 0;
  for (const row of overdue) {
    const change = escalateOverdue(toWarning(row), parentOf.get(row.court_id) ?? null, at);
    if (!change) continue;
    try {
      await write(db, warningChangeStatements(db, change, { guard: 'stale', actorId: null, via: 'system', caseCourtId: row.case_court_id }));
      moved++;
    } catch (err) {
      // Someone acted on it meanwhile: it is no longer the overdue warning we read.
      if (!(err instanceof AppError && err.code === 'conflict')) throw err;
    }
  }
  return moved;
}
