/**
 * What happens to a warning — the one home for every change a warning undergoes (domain.md §7):
 * raised, re-levelled or reopened by an assessment; moved by a person's action; escalated by the
 * daily run; scheduled, unscheduled and followed up by a meeting. Given a warning, the action or
 * assessment, its input and the time, each function answers the new warning row and the timeline
 * entry. The services, the daily job and the demo data all go through here, so they cannot
 * disagree about what a change does.
 *
 * The timeline stores ids and codes only (a court id, a user id, an outcome code), never words
 * of one language: names are looked up when the timeline is drawn.
 */
import type { Level } from '../levels.ts';
import { reviewDeadline } from './deadlines.ts';
import { decideWarning } from './on-assessment.ts';
import {
  applyAction,
  isClosed,
  type ActionError,
  type ResolutionOutcome,
  type WarningAction,
  type WarningState,
} from './state-machine.ts';

export interface Warning {
  id: string;
  caseId: string;
  /** The court whose petition office handles it: the case's court, or above after escalation. */
  courtId: number;
  state: WarningState;
  level: Level;
  score: number;
  ownerId: string | null;
  leaderId: string | null;
  /** When raised or last reopened: the review deadline counts from here. */
  raisedAt: string;
  dueAt: string | null;
  escalatedAt: string | null;
  escalations: number;
  outcome: ResolutionOutcome | null;
  reason: string | null;
  closedAt: string | null;
  levelAtClose: Level | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What a timeline entry may carry besides its states and levels: ids and codes only. */
export interface EventData {
  /** Why an assessment was made: flag.add, case.update, petition.link, daily … */
  cause?: string;
  score?: number;
  ruleSetVersion?: number;
  ownerId?: string;
  leaderId?: string;
  /** The court a warning was escalated to. */
  courtId?: number;
  outcome?: ResolutionOutcome;
  overdue?: boolean;
  dueAt?: string | null;
  meetingId?: string;
  agendaItemId?: string;
  decisionNo?: number;
  /** What the meeting made of the item (carry_over, withdrawn …), when a meeting moved the warning. */
  itemOutcome?: string;
}

export type EventKind =
  | 'raised'
  | 'level_changed'
  | 'auto_reopened'
  | 'acknowledged'
  | 'assigned'
  | 'leader_assigned'
  | 'proposed'
  | 'proposal_withdrawn'
  | 'escalated'
  | 'dismissed'
  | 'resolved'
  | 'reopened'
  | 'scheduled'
  | 'unscheduled'
  | 'followed_up';

export interface TimelineEntry {
  at: string;
  actorId: string | null;
  kind: EventKind;
  fromState: WarningState | null;
  toState: WarningState | null;
  fromLevel: Level | null;
  toLevel: Level | null;
  note: string;
  data: EventData;
}

/** A change: the row before (null when raised), the row after, and the timeline entry if any. */
export interface WarningChange {
  before: Warning | null;
  after: Warning;
  event: TimelineEntry | null;
}

/** The timeline entry each action writes. */
export const EVENT_OF_ACTION: Readonly<Record<WarningAction, EventKind>> = {
  acknowledge: 'acknowledged',
  assign: 'assigned',
  assign_leader: 'leader_assigned',
  propose: 'proposed',
  withdraw_proposal: 'proposal_withdrawn',
  escalate: 'escalated',
  dismiss: 'dismissed',
  resolve: 'resolved',
  reopen: 'reopened',
  schedule: 'scheduled',
  unschedule: 'unscheduled',
  follow_up: 'followed_up',
  auto_reopen: 'auto_reopened',
  level_change: 'level_changed',
};

const dueFrom = (level: Level, from: string): string | null => reviewDeadline(level, from)?.toISOString() ?? null;

/** Every change bumps the version (a person acting on the old row gets 409) and the update time. */
function touched(w: Warning, at: string, changes: Partial<Warning>): Warning {
  return { ...w, ...changes, version: w.version + 1, updatedAt: at };
}

function entry(e: Pick<TimelineEntry, 'at' | 'kind'> & Partial<TimelineEntry>): TimelineEntry {
  return { actorId: null, fromState: null, toState: null, fromLevel: null, toLevel: null, note: '', data: {}, ...e };
}

// ---------------------------------------------------------------------------------------------
// An assessment

export interface AssessmentOutcome {
  caseId: string;
  /** The case's court: a new warning goes to its petition office. */
  courtId: number;
  /** The case's open warning and its most recently closed one. */
  open: Warning | null;
  lastClosed: Warning | null;
  level: Level;
  score: number;
  warn: boolean;
  at: string;
  actorId: string | null;
  cause: string;
  ruleSetVersion: number;
  /** Only called when a warning is raised. */
  newId: () => string;
}

/**
 * What an assessment does to the case's warnings (see decideWarning): raise one, reopen a
 * dismissed one, write a level change to the open one's timeline, keep a changed score quietly,
 * or nothing (null).
 */
export function onAssessment(a: AssessmentOutcome): WarningChange | null {
  const decision = decideWarning({
    open: a.open,
    lastClosed:
      a.lastClosed && (a.lastClosed.state === 'resolved' || a.lastClosed.state === 'dismissed')
        ? { id: a.lastClosed.id, state: a.lastClosed.state, levelAtClose: a.lastClosed.levelAtClose ?? a.lastClosed.level }
        : null,
    level: a.level,
    score: a.score,
    warn: a.warn,
  });
  const data: EventData = { cause: a.cause, score: a.score, ruleSetVersion: a.ruleSetVersion };
  switch (decision.kind) {
    case 'raise': {
      const after: Warning = {
        id: a.newId(),
        caseId: a.caseId,
        courtId: a.courtId,
        state: 'open',
        level: a.level,
        score: a.score,
        ownerId: null,
        leaderId: null,
        raisedAt: a.at,
        dueAt: dueFrom(a.level, a.at),
        escalatedAt: null,
        escalations: 0,
        outcome: null,
        reason: null,
        closedAt: null,
        levelAtClose: null,
        version: 1,
        createdAt: a.at,
        updatedAt: a.at,
      };
      return { before: null, after, event: entry({ at: a.at, actorId: a.actorId, kind: 'raised', toState: 'open', toLevel: a.level, data }) };
    }
    case 'reopen': {
      const w = a.lastClosed!;
      const after = touched(w, a.at, {
        state: 'open',
        level: a.level,
        score: a.score,
        raisedAt: a.at,
        dueAt: dueFrom(a.level, a.at),
        closedAt: null,
        levelAtClose: null,
        outcome: null,
        reason: null,
      });
      const event = entry({
        at: a.at,
        actorId: a.actorId,
        kind: 'auto_reopened',
        fromState: w.state,
        toState: 'open',
        fromLevel: w.levelAtClose,
        toLevel: a.level,
        data,
      });
      return { before: w, after, event };
    }
    case 'level_change':
    case 'score_change': {
      const w = a.open!;
      // The review deadline follows the level while the review is pending, counted from raising
      // or, once escalated, from the escalation that gave the office above its own period.
      const from = w.escalatedAt !== null && w.escalatedAt > w.raisedAt ? w.escalatedAt : w.raisedAt;
      const dueAt = w.state === 'open' ? dueFrom(a.level, from) : w.dueAt;
      const after = touched(w, a.at, { level: a.level, score: a.score, dueAt });
      const event =
        decision.kind === 'level_change'
          ? entry({ at: a.at, actorId: a.actorId, kind: 'level_changed', fromLevel: decision.from, toLevel: decision.to, data })
          : null;
      return { before: w, after, event };
    }
    case 'none':
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// A person's action, or a meeting's

export interface ActionInput {
  ownerId?: string | null;
  leaderId?: string | null;
  reason?: string | null;
  outcome?: ResolutionOutcome | null;
  note?: string | null;
  /** For escalate: the court above the warning's court (null at the High Court). */
  parentCourtId?: number | null;
  /** For meeting actions: which meeting, which item, which decision. */
  meetingId?: string;
  agendaItemId?: string;
  decisionNo?: number;
  itemOutcome?: string;
}

export type TransitionError = ActionError | 'no_court_above';
export type TransitionResult = { ok: true; change: WarningChange } | { ok: false; error: TransitionError };

/**
 * Applies an action (api.md's user actions, or a meeting's schedule / unschedule / follow_up)
 * through the state machine, and works out everything else that moves with it: the owner, the
 * court after escalation and its fresh review period, closing and reopening.
 */
export function transition(w: Warning, action: Exclude<WarningAction, 'auto_reopen' | 'level_change'>, input: ActionInput, at: string, actorId: string | null): TransitionResult {
  const moved = applyAction(w.state, action, input);
  if (!moved.ok) return moved;
  const changes: Partial<Warning> = { state: moved.state };
  const data: EventData = {};
  if (action === 'acknowledge' || action === 'assign') {
    changes.ownerId = input.ownerId!;
    data.ownerId = input.ownerId!;
  }
  if (action === 'assign_leader') {
    changes.leaderId = input.leaderId!;
    data.leaderId = input.leaderId!;
  }
  if (moved.escalate) {
    if (input.parentCourtId === null || input.parentCourtId === undefined) return { ok: false, error: 'no_court_above' };
    changes.courtId = input.parentCourtId;
    changes.escalatedAt = at;
    changes.escalations = w.escalations + 1;
    changes.ownerId = null;
    // The office above gets the full review period of the level.
    changes.dueAt = w.state === 'open' ? dueFrom(w.level, at) : w.dueAt;
    data.courtId = input.parentCourtId;
  }
  // The review is done once the warning leaves `open`.
  if (moved.state !== 'open' && w.state === 'open') changes.dueAt = null;
  if (action === 'dismiss' || action === 'resolve') {
    changes.closedAt = at;
    changes.levelAtClose = w.level;
    changes.reason = action === 'dismiss' ? input.reason!.trim() : (input.reason?.trim() || input.note?.trim() || null);
    changes.outcome = action === 'resolve' ? input.outcome! : null;
    if (input.outcome) data.outcome = input.outcome;
  }
  if (action === 'reopen') {
    Object.assign(changes, { closedAt: null, levelAtClose: null, outcome: null, reason: null, raisedAt: at, dueAt: dueFrom(w.level, at) });
  }
  if (input.meetingId) data.meetingId = input.meetingId;
  if (input.agendaItemId) data.agendaItemId = input.agendaItemId;
  if (input.decisionNo !== undefined) data.decisionNo = input.decisionNo;
  if (input.itemOutcome) data.itemOutcome = input.itemOutcome;
  const note = ((action === 'dismiss' ? input.reason : input.note) ?? '').trim();
  const event = entry({ at, actorId, kind: EVENT_OF_ACTION[action], fromState: w.state, toState: moved.state, note, data });
  return { ok: true, change: { before: w, after: touched(w, at, changes), event } };
}

// ---------------------------------------------------------------------------------------------
// The daily run

/** An open red warning past its review deadline. At the deadline instant itself it is not overdue yet. */
export function isOverdueRed(w: Warning, at: string): boolean {
  return w.state === 'open' && w.level === 'red' && w.dueAt !== null && w.dueAt < at;
}

/**
 * The daily run's escalation of an overdue red warning to the petition office of the court above,
 * which gets a fresh review period; null when it is not overdue or there is no court above.
 */
export function escalateOverdue(w: Warning, parentCourtId: number | null, at: string): WarningChange | null {
  if (!isOverdueRed(w, at) || parentCourtId === null) return null;
  const after = touched(w, at, {
    courtId: parentCourtId,
    ownerId: null,
    dueAt: dueFrom(w.level, at),
    escalatedAt: at,
    escalations: w.escalations + 1,
  });
  const event = entry({ at, kind: 'escalated', fromState: w.state, toState: w.state, data: { courtId: parentCourtId, overdue: true, dueAt: w.dueAt } });
  return { before: w, after, event };
}

export { isClosed };
