/**
 * Recording a meeting — from its start on; the first thing recorded marks it `held` — and its
 * minutes: attendance, a decision per item (its leader in charge written to the warning), action
 * items, finalizing (each decision to its warning: follow-up, resolved, carried over, withdrawn),
 * and amendments of final minutes.
 */
import {
  checkItemOutcome,
  defaultDueDay,
  finalizeEffects,
  itemOutcomeErrorKey,
  numberDecisions,
  undecidedItems,
  type ItemOutcome,
} from '../domain/meetings/index.ts';
import { courtInScope, type Role } from '../domain/roles.ts';
import { shanghaiDay } from '../domain/time.ts';
import { transition, type Warning } from '../domain/warnings/lifecycle.ts';
import { insertActionItemStatement } from '../db/action-items.ts';
import { auditStatement } from '../db/audit.ts';
import { courtQuery } from '../db/courts.ts';
import {
  agendaItemsQuery,
  closeAgendaStatement,
  insertAmendmentStatement,
  insertDecisionStatement,
  meetingQuery,
  moveMeetingStatements,
  peopleByIdsQuery,
  replaceAttendanceStatements,
  touchMeetingStatements,
  setCarryOversStatement,
  updateDecisionStatements,
  warningOfItemQuery,
  warningsOfMeetingQuery,
  type MeetingRow,
} from '../db/meetings.ts';
import { assignedNotificationStatements } from '../db/notifications.ts';
import { type Db, readAll } from '../db/query.ts';
import { toWarning } from '../db/warnings.ts';
import { AppError, notFound } from '../http/errors.ts';
import type { CurrentUser } from '../http/types.ts';
import type { Translate } from '../i18n/index.ts';
import type { ActionItemCreateInput, DecisionInputBody } from '../schemas/meetings.ts';
import { newId } from '../security/tokens.ts';
import { allowMeetingAction, checkVersion, coordinated, invalid } from './meeting-rules.ts';
import { warningChangeStatements } from './warning-writes.ts';
import { withReplan, write } from './write.ts';

const RECORDING = ['published', 'held'] as const;

/** The statements that mark the meeting held (the first record) and bump its version. */
function heldStatements(db: Db, row: MeetingRow, now: string): D1PreparedStatement[] {
  return moveMeetingStatements(db, row.id, { version: row.version, states: RECORDING }, { state: 'held', now, stamp: 'held_at' }, 'replan');
}

function audit(db: Db, user: CurrentUser, row: MeetingRow, action: string, entity: string, entityId: string, after: unknown, now: string, before?: unknown) {
  return auditStatement(db, { actorId: user.id, via: user.via, courtId: row.court_id, action, entity, entityId, before, after, at: now });
}

/** Who attended, replacing what was recorded before. */
export async function recordAttendance(db: Db, user: CurrentUser, meetingId: string, input: { present: string[]; absent: string[] }, t: Translate): Promise<void> {
  await withReplan(async () => {
    const r = await readAll(db, { meeting: meetingQuery(db, meetingId) });
    const row = coordinated(user, r.meeting);
    allowMeetingAction(row, 'record', {}, t);
    const now = new Date().toISOString();
    await write(db, [
      ...heldStatements(db, row, now),
      ...replaceAttendanceStatements(db, meetingId, input.present, input.absent),
      audit(db, user, row, 'meeting.attendance', 'meeting', meetingId, { present: input.present, absent: input.absent }, now),
    ]);
  });
}

const hasRole = (roles: string, role: Role) => roles.split(',').includes(role);

/**
 * The decision on an item: its text, the leader in charge (also named on the warning) and the
 * outcome (follow-up when none). A recorded decision changes only from the version seen.
 */
export async function recordDecision(db: Db, user: CurrentUser, meetingId: string, itemId: string, input: DecisionInputBody, t: Translate): Promise<void> {
  await withReplan(async () => {
    const r = await readAll(db, {
      meeting: meetingQuery(db, meetingId),
      items: agendaItemsQuery(db, meetingId),
      warning: warningOfItemQuery(db, itemId),
      leader: peopleByIdsQuery(db, input.leaderId ? [input.leaderId] : []),
    });
    const row = coordinated(user, r.meeting);
    const item = r.items.find((i) => i.id === itemId);
    if (!item) throw notFound();
    allowMeetingAction(row, 'record', {}, t);
    const isWarning = item.kind === 'warning' && r.warning !== null;
    const checked = isWarning ? checkItemOutcome({ outcome: input.outcome, resolutionOutcome: input.resolutionOutcome }) : { ok: true as const, outcome: null, resolutionOutcome: null };
    if (!checked.ok) throw invalid('resolutionOutcome', itemOutcomeErrorKey(checked.error), t);
    const leaderId = isWarning && input.leaderId ? input.leaderId : null;
    const leader = r.leader[0];
    if (leaderId && (!leader || !hasRole(leader.roles, 'leader') || !courtInScope({ roles: ['leader'], courtPath: leader.court_path }, item.case_court_path ?? ''))) {
      throw invalid('leaderId', 'warning.leaderInvalid', t);
    }
    if (item.d_version !== null && input.version === undefined) throw new AppError('conflict', 'meeting.decisionStale');
    if (item.d_version !== null && input.version !== item.d_version) throw new AppError('conflict', 'meeting.decisionStale');
    const now = new Date().toISOString();
    const decision = {
      agendaItemId: itemId,
      meetingId,
      text: input.text,
      leaderId,
      outcome: checked.outcome as ItemOutcome | null,
      resolutionOutcome: checked.resolutionOutcome,
      recordedBy: user.id,
      now,
    };
    const statements = [...heldStatements(db, row, now)];
    statements.push(...(item.d_version === null ? [insertDecisionStatement(db, decision)] : updateDecisionStatements(db, decision, item.d_version)));
    // The leader in charge is the warning's: named there too, on its timeline.
    if (leaderId && r.warning && r.warning.leader_id !== leaderId) {
      const moved = transition(toWarning(r.warning), 'assign_leader', { leaderId, meetingId, agendaItemId: itemId }, now, user.id);
      if (moved.ok) statements.push(...warningChangeStatements(db, moved.change, { guard: 'replan', actorId: user.id, via: user.via, caseCourtId: r.warning.case_court_id }));
    }
    statements.push(
      audit(db, user, row, 'meeting.decision', 'agenda_item', itemId, { ...decision, now: undefined, version: (item.d_version ?? 0) + 1 }, now, item.d_version === null ? undefined : { text: item.d_text, leaderId: item.d_leader_id, outcome: item.d_outcome, version: item.d_version }),
    );
    await write(db, statements, { conflictKey: 'meeting.decisionStale', unique: { 'decisions.agenda_item_id': 'meeting.decisionStale' } });
  });
}

/**
 * An action item on an item: owned by a division (at the case's court unless another court of the
 * meeting's subtree is named) or a person of that subtree; due 30 days after the meeting unless a
 * day is given. Its owners are told.
 */
export async function addActionItem(db: Db, user: CurrentUser, meetingId: string, itemId: string, input: ActionItemCreateInput, t: Translate): Promise<string> {
  return withReplan(async () => {
    const r = await readAll(db, {
      meeting: meetingQuery(db, meetingId),
      items: agendaItemsQuery(db, meetingId),
      owner: peopleByIdsQuery(db, input.ownerId ? [input.ownerId] : []),
      court: courtQuery(db, input.ownerCourtId ?? -1),
    });
    const row = coordinated(user, r.meeting);
    const item = r.items.find((i) => i.id === itemId);
    if (!item) throw notFound();
    allowMeetingAction(row, 'record', {}, t);
    const person = input.ownerId ? r.owner[0] : undefined;
    if (input.ownerId && (!person || !person.court_path.startsWith(row.court_path))) throw invalid('ownerId', 'actionItem.validation.owner', t);
    if (input.ownerCourtId && (!r.court || !r.court.path.startsWith(row.court_path))) throw invalid('ownerCourtId', 'actionItem.validation.ownerCourt', t);
    // A division belongs to the court named (the case's by default); a person to its own court.
    const ownerCourtId = (input.ownerDivision ? input.ownerCourtId : null) ?? person?.court_id ?? input.ownerCourtId ?? item.case_court_id ?? row.court_id;
    const meetingDay = shanghaiDay(row.starts_at);
    const dueOn = input.dueOn ?? defaultDueDay(row.starts_at);
    if (dueOn < meetingDay) throw invalid('dueOn', 'actionItem.validation.dueBeforeMeeting', t, { day: meetingDay });
    const id = newId();
    const now = new Date().toISOString();
    const action = {
      id,
      meetingId,
      agendaItemId: itemId,
      warningId: item.warning_id,
      courtId: row.court_id,
      text: input.text,
      ownerCourtId,
      ownerDivision: input.ownerDivision ?? null,
      ownerId: input.ownerId ?? null,
      dueOn,
      createdBy: user.id,
      now,
    };
    await write(db, [
      ...heldStatements(db, row, now),
      insertActionItemStatement(db, action),
      ...assignedNotificationStatements(db, id, 1, now),
      audit(db, user, row, 'action_item.create', 'action_item', id, { ...action, now: undefined, version: 1 }, now),
    ]);
    return id;
  });
}

/**
 * Finalizes the minutes: the meeting is locked, and each warning on the agenda moves by its item's
 * outcome through the lifecycle — follow-up to `in_followup` (the decision on its timeline),
 * resolved through follow-up to `resolved`, carried over back to the pool (+1), withdrawn back to
 * the petition office — all in one batch with the audit rows.
 */
export async function finalizeMeeting(db: Db, user: CurrentUser, meetingId: string, version: number | undefined, t: Translate): Promise<void> {
  await withReplan(async () => {
    const r = await readAll(db, { meeting: meetingQuery(db, meetingId), items: agendaItemsQuery(db, meetingId), warnings: warningsOfMeetingQuery(db, meetingId) });
    const row = coordinated(user, r.meeting);
    const decided = r.items.map((i) => ({ id: i.id, kind: i.kind, decision: i.d_text, outcome: i.d_outcome }));
    allowMeetingAction(row, 'finalize', { undecidedItems: undecidedItems(decided) }, t);
    checkVersion(row, version);
    const numbered = new Map(numberDecisions(decided).map((i) => [i.id, i.decisionNo]));
    const warningItems = r.items.filter((i) => i.kind === 'warning' && i.warning_id);
    const warnings = new Map(r.warnings.map((w) => [w.id, w]));
    const effects = finalizeEffects(
      warningItems.map((i) => ({ warningId: i.warning_id!, outcome: i.d_outcome, resolutionOutcome: i.d_resolution_outcome, carryOvers: warnings.get(i.warning_id!)?.carry_overs ?? 0 })),
    );
    if (!effects.ok) throw new AppError('conflict', itemOutcomeErrorKey(effects.error));
    const now = new Date().toISOString();
    const statements = [
      ...moveMeetingStatements(db, meetingId, { version: row.version, states: ['held'] }, { state: 'minutes_final', now, stamp: 'finalized_at' }, version === undefined ? 'replan' : 'stale'),
      closeAgendaStatement(db, meetingId),
    ];
    for (const effect of effects.effects) {
      const item = warningItems.find((i) => i.warning_id === effect.warningId)!;
      const stored = warnings.get(effect.warningId);
      if (!stored) throw new AppError('conflict', 'error.conflict');
      let w: Warning = toWarning(stored);
      for (const action of effect.actions) {
        const moved = transition(
          w,
          action,
          {
            meetingId,
            agendaItemId: item.id,
            decisionNo: numbered.get(item.id) ?? undefined,
            note: item.d_text ?? '',
            outcome: effect.resolutionOutcome,
            itemOutcome: effect.outcome,
          },
          now,
          user.id,
        );
        if (!moved.ok) throw new AppError('conflict', 'meeting.warningMoved', { state: t(`warning.state.${w.state}`) });
        statements.push(...warningChangeStatements(db, moved.change, { guard: 'replan', actorId: user.id, via: user.via, caseCourtId: stored.case_court_id }));
        w = moved.change.after;
      }
      if (effect.carryOvers !== stored.carry_overs) statements.push(setCarryOversStatement(db, effect.warningId, effect.carryOvers));
    }
    statements.push(
      audit(
        db,
        user,
        row,
        'meeting.finalize',
        'meeting',
        meetingId,
        { state: 'minutes_final', version: row.version + 1, outcomes: Object.fromEntries(effects.effects.map((e) => [e.warningId, e.outcome])) },
        now,
        { state: row.state, version: row.version },
      ),
    );
    await write(db, statements, { conflictKey: 'meeting.stale' });
  });
}

/** A correction of final minutes: its own record, listed under them, audited. */
export async function amendMinutes(db: Db, user: CurrentUser, meetingId: string, text: string, t: Translate): Promise<void> {
  await withReplan(async () => {
    const r = await readAll(db, { meeting: meetingQuery(db, meetingId) });
    const row = coordinated(user, r.meeting);
    allowMeetingAction(row, 'amend', { text }, t);
    const now = new Date().toISOString();
    await write(db, [
      ...touchMeetingStatements(db, meetingId, row.version, ['minutes_final'], now),
      insertAmendmentStatement(db, meetingId, text, user.id, now),
      audit(db, user, row, 'meeting.amend', 'meeting', meetingId, { text }, now),
    ]);
  });
}
