/**
 * The warning state machine (domain.md §7, api.md `POST /warnings/{id}/actions`). One table,
 * TRANSITIONS, says for every action from which states it is allowed, the state it leads to
 * (or `same`), and what it requires; applyAction and allowedActions only read the table.
 *
 * Choices (where the domain text is silent):
 * - `assign` / `assign_leader` change who owns the warning, not its state, and are allowed in
 *   every state that is not closed. `assign` on an open warning names an owner but does not
 *   accept it: acknowledging is a separate, deliberate step.
 * - `propose` from `acknowledged`, and again from `in_followup` when follow-up shows another
 *   meeting is needed. `withdraw_proposal` only from `proposed`: a warning on an agenda is
 *   taken off by the coordinator (`unschedule`), which returns it to `proposed`.
 * - `escalate` from `open`/`acknowledged` keeps the state; the caller moves the warning to the
 *   petition office of the parent court (the result says `escalate: true`).
 * - `dismiss` only before a meeting is involved (open, acknowledged, proposed).
 * - `resolve` from acknowledged, proposed and in_followup, not from `scheduled`: while the
 *   warning is on a published agenda the meeting decides it; to close it before the meeting,
 *   take it off the agenda first. That keeps agendas and warnings consistent.
 * - `reopen` (manual) and `auto_reopen` (the level rose above the level at dismissal) lead back
 *   to `open`; `auto_reopen` only from `dismissed` — see shouldAutoReopen in deadlines.ts.
 * - `level_change` records a new level on an active warning without changing its state.
 */
import { z } from 'zod';

export const WARNING_STATES = ['open', 'acknowledged', 'proposed', 'scheduled', 'in_followup', 'resolved', 'dismissed'] as const;
export type WarningState = (typeof WARNING_STATES)[number];

/** Actions a user takes (api.md). */
export const USER_ACTIONS = [
  'acknowledge',
  'assign',
  'assign_leader',
  'propose',
  'withdraw_proposal',
  'escalate',
  'dismiss',
  'resolve',
  'reopen',
] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

/** Events the system applies: agendas, minutes and re-assessment. */
export const SYSTEM_ACTIONS = ['schedule', 'unschedule', 'follow_up', 'auto_reopen', 'level_change'] as const;
export type SystemAction = (typeof SYSTEM_ACTIONS)[number];

export type WarningAction = UserAction | SystemAction;
export const WARNING_ACTIONS: readonly WarningAction[] = [...USER_ACTIONS, ...SYSTEM_ACTIONS];

/** Outcomes of a resolved warning: 息诉罢访 · 调解和解 · 司法救助 · 依法终结 · 其他. */
export const RESOLUTION_OUTCOMES = ['petition_ceased', 'mediated', 'judicial_assistance', 'terminated_lawfully', 'other'] as const;
export type ResolutionOutcome = (typeof RESOLUTION_OUTCOMES)[number];

export const WarningStateSchema = z.enum(WARNING_STATES);
export const UserActionSchema = z.enum(USER_ACTIONS);
export const ResolutionOutcomeSchema = z.enum(RESOLUTION_OUTCOMES);

export type Requirement = 'owner' | 'leader' | 'reason' | 'outcome';

export interface Transition {
  from: readonly WarningState[];
  to: WarningState | 'same';
  requires?: Requirement;
  /** The caller moves the warning to the court above. */
  escalates?: true;
}

/** Every state but the closed ones: the queue's "全部在办". */
export const ACTIVE_STATES: readonly WarningState[] = ['open', 'acknowledged', 'proposed', 'scheduled', 'in_followup'];
const CLOSED: readonly WarningState[] = ['resolved', 'dismissed'];

export const TRANSITIONS: Readonly<Record<WarningAction, Transition>> = {
  acknowledge: { from: ['open'], to: 'acknowledged', requires: 'owner' },
  assign: { from: ACTIVE_STATES, to: 'same', requires: 'owner' },
  assign_leader: { from: ACTIVE_STATES, to: 'same', requires: 'leader' },
  propose: { from: ['acknowledged', 'in_followup'], to: 'proposed' },
  withdraw_proposal: { from: ['proposed'], to: 'acknowledged' },
  escalate: { from: ['open', 'acknowledged'], to: 'same', escalates: true },
  dismiss: { from: ['open', 'acknowledged', 'proposed'], to: 'dismissed', requires: 'reason' },
  resolve: { from: ['acknowledged', 'proposed', 'in_followup'], to: 'resolved', requires: 'outcome' },
  reopen: { from: CLOSED, to: 'open' },
  schedule: { from: ['proposed'], to: 'scheduled' },
  unschedule: { from: ['scheduled'], to: 'proposed' },
  follow_up: { from: ['scheduled'], to: 'in_followup' },
  auto_reopen: { from: ['dismissed'], to: 'open' },
  level_change: { from: ACTIVE_STATES, to: 'same' },
};

export interface ActionInput {
  ownerId?: string | null | undefined;
  leaderId?: string | null | undefined;
  reason?: string | null | undefined;
  outcome?: string | null | undefined;
}

export type ActionError = 'forbidden' | 'reason_required' | 'outcome_required' | 'owner_required' | 'leader_required';

export type ActionResult = { ok: true; state: WarningState; escalate?: boolean } | { ok: false; error: ActionError };

const REQUIREMENTS: Readonly<Record<Requirement, { met: (input: ActionInput) => boolean; error: ActionError }>> = {
  owner: { met: (input) => isPresent(input.ownerId), error: 'owner_required' },
  leader: { met: (input) => isPresent(input.leaderId), error: 'leader_required' },
  reason: { met: (input) => isPresent(input.reason), error: 'reason_required' },
  outcome: { met: (input) => isResolutionOutcome(input.outcome), error: 'outcome_required' },
};

/** The state after `action`, or why it is refused: first the state, then the requirement. */
export function applyAction(state: WarningState, action: WarningAction, input: ActionInput = {}): ActionResult {
  const transition: Transition | undefined = Object.hasOwn(TRANSITIONS, action) ? TRANSITIONS[action] : undefined;
  if (!transition || !transition.from.includes(state)) return { ok: false, error: 'forbidden' };
  const requirement = transition.requires ? REQUIREMENTS[transition.requires] : undefined;
  if (requirement && !requirement.met(input)) return { ok: false, error: requirement.error };
  const next = transition.to === 'same' ? state : transition.to;
  return transition.escalates ? { ok: true, state: next, escalate: true } : { ok: true, state: next };
}

/** The user actions the state allows (what the UI offers), in USER_ACTIONS order. */
export function allowedActions(state: WarningState): UserAction[] {
  return USER_ACTIONS.filter((action) => TRANSITIONS[action].from.includes(state));
}

export function isClosed(state: WarningState): boolean {
  return CLOSED.includes(state);
}

export function isResolutionOutcome(value: unknown): value is ResolutionOutcome {
  return typeof value === 'string' && (RESOLUTION_OUTCOMES as readonly string[]).includes(value);
}

function isPresent(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.trim() !== '';
}
