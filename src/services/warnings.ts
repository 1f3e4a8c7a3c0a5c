import { canSeeCase, caseKind, courtInScope, hasRole } from '../domain/roles.ts';
import type { CaseCategory } from '../domain/case-number.ts';
import { shanghaiIso } from '../domain/time.ts';
import { reviewDeadline } from '../domain/warnings/deadlines.ts';
import { allowedActions, applyAction, type UserAction, type WarningState } from '../domain/warnings/state-machine.ts';
import { getCurrentAssessment } from '../db/assessments.ts';
import { auditStatement } from '../db/audit.ts';
import { runBatch } from '../db/batch.ts';
import { getCourt, listCourtSubtree } from '../db/courts.ts';
import { listFlags } from '../db/flags.ts';
import { getUserWithCourt } from '../db/users.ts';
import {
  applyWarningChangeStatements,
  countWarningsByState,
  getWarning,
  insertEventStatement,
  listOverdueRedWarnings,
  listWarningEvents,
  listWarnings,
  OPEN_STATES,
  type WarningChange,
  type WarningEventRow,
  type WarningListRow,
} from '../db/warnings.ts';
import { AppError, forbidden, notFound } from '../http/errors.ts';
import type { CurrentUser } from '../http/types.ts';
import { customIssue, publicIssues } from '../http/zod-messages.ts';
import { translate, type Lang, type MessageKey, type Translate } from '../i18n/index.ts';
import type { WarningActionInput, WarningQueryInput } from '../schemas/warnings.ts';
import { assessmentView, CAUSE_KEYS, courtName, flagView, type AssessmentView, type FlagView, type PersonRef } from './present.ts';

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
  if (hasRole(user, 'petition_officer')) return all;
  if (hasRole(user, 'leader')) return all.filter((a) => a === 'assign_leader');
  return [];
}

function visible(user: CurrentUser, w: WarningListRow): boolean {
  return canSeeCase(user, { courtPath: w.case_court_path, category: w.case_category as CaseCategory });
}

export async function requireVisibleWarning(db: D1Database, user: CurrentUser, id: string): Promise<WarningListRow> {
  const w = await getWarning(db, id);
  if (!w || !visible(user, w)) throw notFound();
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

function eventView(e: WarningEventRow, lang: Lang): WarningEventView {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  const data = e.data_json ? (JSON.parse(e.data_json) as Record<string, unknown>) : {};
  const level = (l: string | null) => (l ? t(`level.${l}` as MessageKey) : '');
  const params: Record<string, string | number> = {
    from: level(e.from_level),
    to: level(e.to_level),
    score: typeof data.score === 'number' ? data.score : '',
    owner: typeof data.ownerName === 'string' ? data.ownerName : '',
    leader: typeof data.leaderName === 'string' ? data.leaderName : '',
    court: typeof data.courtName === 'string' ? data.courtName : '',
    outcome: typeof data.outcome === 'string' ? t(`warning.outcome.${data.outcome}` as MessageKey) : '',
    cause: typeof data.cause === 'string' && Object.hasOwn(CAUSE_KEYS, data.cause) ? t(CAUSE_KEYS[data.cause]!) : '',
  };
  const key = EVENT_KEYS[e.kind];
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


export async function loadWarningDetail(db: D1Database, user: CurrentUser, id: string, lang: Lang): Promise<WarningDetail> {
  const w = await requireVisibleWarning(db, user, id);
  const [flags, assessment, events] = await Promise.all([listFlags(db, w.case_id), getCurrentAssessment(db, w.case_id), listWarningEvents(db, id)]);
  return {
    ...warningSummary(w, user, lang),
    flags: flags.filter((f) => f.withdrawn_at === null).map((f) => flagView(f, lang)),
    assessment: assessment ? assessmentView(assessment, lang) : null,
    timeline: events.map((e) => eventView(e, lang)),
  };
}

const STATE_FILTERS: Record<string, readonly WarningState[] | undefined> = {
  active: OPEN_STATES,
  all: undefined,
};

export async function findWarnings(db: D1Database, user: CurrentUser, q: WarningQueryInput, lang: Lang) {
  const now = new Date();
  const filters = {
    level: q.level,
    courtId: q.courtId,
    kind: q.kind,
    overdue: Boolean(q.overdue),
    ownerId: q.owner === 'me' ? user.id : q.owner,
    now: now.toISOString(),
  };
  const states = Object.hasOwn(STATE_FILTERS, q.status) ? STATE_FILTERS[q.status] : [q.status as WarningState];
  const [{ rows, total }, counts] = await Promise.all([
    listWarnings(db, user, { ...filters, states, sort: q.sort, limit: WARNING_PAGE_SIZE, offset: (q.page - 1) * WARNING_PAGE_SIZE }),
    countWarningsByState(db, user, filters),
  ]);
  const active = OPEN_STATES.reduce((n, s) => n + (counts[s] ?? 0), 0);
  const all = Object.values(counts).reduce((n, v) => n + v, 0);
  return {
    items: rows.map((r) => warningSummary(r, user, lang, now.getTime())),
    counts: { ...counts, active, all },
    page: q.page,
    pageSize: WARNING_PAGE_SIZE,
    total,
  };
}

const EVENT_OF_ACTION: Record<UserAction, string> = {
  acknowledge: 'acknowledged',
  assign: 'assigned',
  assign_leader: 'leader_assigned',
  propose: 'proposed',
  withdraw_proposal: 'proposal_withdrawn',
  escalate: 'escalated',
  dismiss: 'dismissed',
  resolve: 'resolved',
  reopen: 'reopened',
};

const REQUIREMENT_ISSUES: Record<string, { path: string; key: MessageKey }> = {
  reason_required: { path: 'reason', key: 'warning.error.reason_required' },
  outcome_required: { path: 'outcome', key: 'warning.error.outcome_required' },
  owner_required: { path: 'ownerId', key: 'warning.error.owner_required' },
  leader_required: { path: 'leaderId', key: 'warning.error.leader_required' },
};

async function conflict(db: D1Database, user: CurrentUser, id: string, lang: Lang, key: MessageKey, params = {}): Promise<AppError> {
  const current = await loadWarningDetail(db, user, id, lang);
  return new AppError('conflict', key, params, [], { current });
}

/** A person named as owner or leader must hold the role and have the case in scope. */
async function checkPerson(
  db: D1Database,
  userId: string,
  role: 'petition_officer' | 'leader',
  casePath: string,
  path: string,
  t: Translate,
): Promise<{ id: string; name: string }> {
  const u = await getUserWithCourt(db, userId);
  if (!u || u.active !== 1 || !u.roles.includes(role) || !courtInScope({ roles: u.roles, courtPath: u.court_path }, casePath)) {
    const key: MessageKey = role === 'leader' ? 'warning.leaderInvalid' : 'warning.ownerInvalid';
    throw new AppError('invalid', 'error.invalid', {}, publicIssues([customIssue([path], key)], t));
  }
  return { id: u.id, name: u.display_name };
}

/**
 * A user's action on a warning (api.md): checked against scope (404), role (403), the version
 * the user saw (409), the state machine (409 forbidden, 422 missing reason or outcome). The
 * change, its timeline entry and its audit row are written in one batch.
 */
export async function actOnWarning(
  db: D1Database,
  user: CurrentUser,
  id: string,
  input: WarningActionInput,
  t: Translate,
  lang: Lang,
): Promise<WarningDetail> {
  const w = await requireVisibleWarning(db, user, id);
  const mayAct = input.action === 'assign_leader' ? hasRole(user, 'petition_officer', 'leader') : hasRole(user, 'petition_officer');
  if (!mayAct) throw forbidden();
  if (input.version !== w.version) throw await conflict(db, user, id, lang, 'warning.stale');

  const ownerId = input.ownerId ?? (input.action === 'acknowledge' || input.action === 'assign' ? user.id : undefined);
  const leaderId = input.leaderId ?? (input.action === 'assign_leader' && hasRole(user, 'leader') ? user.id : undefined);
  const moved = applyAction(w.state, input.action, { ownerId, leaderId, reason: input.reason, outcome: input.outcome });
  if (!moved.ok) {
    if (moved.error === 'forbidden') {
      throw await conflict(db, user, id, lang, 'warning.forbiddenMove', {
        action: t(`warning.action.${input.action}` as MessageKey),
        state: t(`warning.state.${w.state}` as MessageKey),
      });
    }
    const issue = REQUIREMENT_ISSUES[moved.error]!;
    throw new AppError('invalid', 'error.invalid', {}, publicIssues([customIssue([issue.path], issue.key)], t));
  }

  const nowDate = new Date();
  const now = nowDate.toISOString();
  const change: WarningChange = {
    state: moved.state,
    ownerId: w.owner_id,
    leaderId: w.leader_id,
    courtId: w.court_id,
    dueAt: w.due_at,
    raisedAt: w.raised_at,
    escalatedAt: w.escalated_at,
    escalations: w.escalations,
    outcome: w.outcome,
    reason: w.reason,
    closedAt: w.closed_at,
    levelAtClose: w.level_at_close,
  };
  const data: Record<string, unknown> = {};
  if (input.action === 'acknowledge' || input.action === 'assign') {
    const owner = await checkPerson(db, ownerId!, 'petition_officer', w.case_court_path, 'ownerId', t);
    change.ownerId = owner.id;
    data.ownerName = owner.name;
  }
  if (input.action === 'assign_leader') {
    const leader = await checkPerson(db, leaderId!, 'leader', w.case_court_path, 'leaderId', t);
    change.leaderId = leader.id;
    data.leaderName = leader.name;
  }
  if (moved.escalate) {
    const court = await getCourt(db, w.court_id);
    const parent = court?.parent_id ? await getCourt(db, court.parent_id) : null;
    if (!parent) throw await conflict(db, user, id, lang, 'warning.noCourtAbove');
    change.courtId = parent.id;
    change.escalatedAt = now;
    change.escalations = w.escalations + 1;
    change.ownerId = null;
    // The office above gets the full review period of the level.
    change.dueAt = w.state === 'open' ? (reviewDeadline(w.level, nowDate)?.toISOString() ?? null) : w.due_at;
    data.courtName = courtName(parent, lang);
  }
  if (moved.state !== 'open' && w.state === 'open') change.dueAt = null;
  if (input.action === 'dismiss' || input.action === 'resolve') {
    change.closedAt = now;
    change.levelAtClose = w.level;
    change.reason = input.action === 'dismiss' ? input.reason!.trim() : (input.reason ?? input.note ?? null);
    change.outcome = input.action === 'resolve' ? input.outcome! : null;
    if (input.outcome) data.outcome = input.outcome;
  }
  if (input.action === 'reopen') {
    change.closedAt = null;
    change.levelAtClose = null;
    change.outcome = null;
    change.reason = null;
    change.raisedAt = now;
    change.dueAt = reviewDeadline(w.level, nowDate)?.toISOString() ?? null;
  }

  const note = (input.action === 'dismiss' ? input.reason : input.note) ?? '';
  await runBatch(
    db,
    [
      ...applyWarningChangeStatements(db, id, w.version, change, now),
      insertEventStatement(db, {
        warningId: id,
        at: now,
        actorId: user.id,
        kind: EVENT_OF_ACTION[input.action],
        fromState: w.state,
        toState: moved.state,
        note: note.trim(),
        data,
      }),
      auditStatement(db, {
        actorId: user.id,
        via: user.via,
        courtId: w.case_court_id,
        action: `warning.${input.action}`,
        entity: 'warning',
        entityId: id,
        before: { state: w.state, ownerId: w.owner_id, leaderId: w.leader_id, courtId: w.court_id, version: w.version },
        after: { state: change.state, ownerId: change.ownerId, leaderId: change.leaderId, courtId: change.courtId, version: w.version + 1 },
        at: now,
      }),
    ],
    { conflictKey: 'warning.stale' },
  ).catch(async (err) => {
    if (err instanceof AppError && err.code === 'conflict') throw await conflict(db, user, id, lang, 'warning.stale');
    throw err;
  });
  return loadWarningDetail(db, user, id, lang);
}

/** Acknowledges several warnings; each succeeds or fails on its own (stale ones are reported). */
export async function bulkAcknowledge(
  db: D1Database,
  user: CurrentUser,
  items: { id: string; version: number }[],
  ownerId: string | undefined,
  t: Translate,
  lang: Lang,
): Promise<{ acknowledged: string[]; failed: { id: string; code: string; message: string }[] }> {
  if (!hasRole(user, 'petition_officer')) throw forbidden();
  const acknowledged: string[] = [];
  const failed: { id: string; code: string; message: string }[] = [];
  for (const item of items) {
    try {
      await actOnWarning(db, user, item.id, { action: 'acknowledge', version: item.version, ownerId }, t, lang);
      acknowledged.push(item.id);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      failed.push({ id: item.id, code: err.code, message: err.issues[0]?.message ?? t(err.key, err.params) });
    }
  }
  return { acknowledged, failed };
}

/**
 * The daily job: a red warning still open after its review deadline goes to the petition office
 * of the court above, which gets a fresh review period. Returns how many moved.
 */
export async function escalateOverdueRedWarnings(db: D1Database, now = new Date()): Promise<number> {
  const overdue = await listOverdueRedWarnings(db, now.toISOString());
  if (overdue.length === 0) return 0;
  // Every court once, rather than two look-ups per warning.
  const courts = new Map((await listCourtSubtree(db, '/')).map((ct) => [ct.id, ct]));
  let moved = 0;
  for (const w of overdue) {
    const parentId = courts.get(w.court_id)?.parent_id;
    const parent = parentId ? courts.get(parentId) : undefined;
    if (!parent) continue;
    const at = now.toISOString();
    const change: WarningChange = {
      state: w.state,
      ownerId: null,
      leaderId: w.leader_id,
      courtId: parent.id,
      dueAt: reviewDeadline(w.level, now)?.toISOString() ?? null,
      raisedAt: w.raised_at,
      escalatedAt: at,
      escalations: w.escalations + 1,
      outcome: w.outcome,
      reason: w.reason,
      closedAt: w.closed_at,
      levelAtClose: w.level_at_close,
    };
    try {
      await runBatch(db, [
        ...applyWarningChangeStatements(db, w.id, w.version, change, at),
        insertEventStatement(db, {
          warningId: w.id,
          at,
          actorId: null,
          kind: 'escalated',
          fromState: w.state,
          toState: w.state,
          note: '',
          data: { courtName: parent.name, overdue: true, dueAt: w.due_at },
        }),
        auditStatement(db, {
          actorId: null,
          via: 'system',
          courtId: w.case_court_id,
          action: 'warning.escalate',
          entity: 'warning',
          entityId: w.id,
          before: { courtId: w.court_id, dueAt: w.due_at },
          after: { courtId: parent.id, dueAt: change.dueAt, reason: 'overdue' },
          at,
        }),
      ]);
      moved++;
    } catch (err) {
      // Someone acted on it meanwhile: it is no longer the overdue warning we read.
      if (!(err instanceof AppError && err.code === 'conflict')) throw err;
    }
  }
  return moved;
}
