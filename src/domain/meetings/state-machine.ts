/**
 * The meeting state machine (domain.md §8, issue 7). One table, MEETING_TRANSITIONS, says for
 * every action from which states it is allowed, the state it leads to (or `same`), and what it
 * requires; applyMeetingAction and allowedMeetingActions only read the table.
 *
 * Choices (where the issue is silent):
 * - `publish` needs at least one agenda item. Regular meetings always have their two standard
 *   items (see standardItemsFor in agenda.ts), so a monthly meeting that only reports figures
 *   and follows up earlier decisions can be published; a 案件协调会 has no standard items and
 *   so needs at least one case.
 * - `record` is allowed from the start instant on (at the start itself too). The first record
 *   moves `published` to `held`; later ones keep `held`.
 * - `finalize` needs a decision text on every item whose outcome is `resolved` or `follow_up`
 *   (the minutes are made of the decisions; a carried-over or withdrawn item needs none).
 * - `amend` needs the text of the amendment; the minutes stay final.
 * - `cancel` needs a reason, from `draft` or `published` only: once held, the record stands.
 */
import { z } from 'zod';
import type { MessageKey, Translate } from '../../i18n/index.ts';
import { shanghaiDateTime } from '../time.ts';
import { hasText } from './compare.ts';

export const MEETING_STATES = ['draft', 'published', 'held', 'minutes_final', 'cancelled'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];
export const MeetingStateSchema = z.enum(MEETING_STATES);

export const MEETING_ACTIONS = ['edit_details', 'edit_agenda', 'publish', 'record', 'finalize', 'amend', 'cancel'] as const;
export type MeetingAction = (typeof MEETING_ACTIONS)[number];
export const MeetingActionSchema = z.enum(MEETING_ACTIONS);

export type MeetingRequirement = 'agenda' | 'started' | 'decisions' | 'text' | 'reason';

export interface MeetingTransition {
  from: readonly MeetingState[];
  to: MeetingState | 'same';
  requires?: MeetingRequirement;
}

export const MEETING_TRANSITIONS: Readonly<Record<MeetingAction, MeetingTransition>> = {
  edit_details: { from: ['draft'], to: 'same' },
  edit_agenda: { from: ['draft'], to: 'same' },
  publish: { from: ['draft'], to: 'published', requires: 'agenda' },
  record: { from: ['published', 'held'], to: 'held', requires: 'started' },
  finalize: { from: ['held'], to: 'minutes_final', requires: 'decisions' },
  amend: { from: ['minutes_final'], to: 'same', requires: 'text' },
  cancel: { from: ['draft', 'published'], to: 'cancelled', requires: 'reason' },
};

type Instant = Date | string | number;

/** What the caller knows that a requirement may need; each action reads only its own part. */
export interface MeetingActionInput {
  /** publish: how many items the agenda has, standard items included. */
  agendaItems?: number;
  /** record: the current instant and the meeting's start. */
  now?: Instant;
  startsAt?: Instant;
  /** finalize: how many `resolved` / `follow_up` items have no decision text (see undecidedItems in outcomes.ts). */
  undecidedItems?: number;
  /** amend: the amendment. */
  text?: string | null;
  /** cancel: why. */
  reason?: string | null;
}

export type MeetingActionError = 'forbidden' | 'agenda_empty' | 'not_started' | 'decisions_missing' | 'text_required' | 'reason_required';

export type MeetingActionResult =
  | { ok: true; state: MeetingState }
  | { ok: false; error: Exclude<MeetingActionError, 'not_started'> }
  /** `startsAt` is the meeting's start as a UTC ISO string, so the refusal can say when it starts. */
  | { ok: false; error: 'not_started'; startsAt: string };

export type MeetingRefusal = Exclude<MeetingActionResult, { ok: true }>;

const REQUIREMENTS: Readonly<Record<MeetingRequirement, (input: MeetingActionInput) => MeetingRefusal | null>> = {
  agenda: (input) => ((input.agendaItems ?? 0) > 0 ? null : { ok: false, error: 'agenda_empty' }),
  started: (input) => {
    const startsAt = input.startsAt === undefined ? Number.NaN : new Date(input.startsAt).getTime();
    const now = new Date(input.now ?? Date.now()).getTime();
    if (Number.isNaN(startsAt)) throw new TypeError('record needs the meeting start (startsAt)');
    return now >= startsAt ? null : { ok: false, error: 'not_started', startsAt: new Date(startsAt).toISOString() };
  },
  decisions: (input) => ((input.undecidedItems ?? 0) === 0 ? null : { ok: false, error: 'decisions_missing' }),
  text: (input) => (hasText(input.text) ? null : { ok: false, error: 'text_required' }),
  reason: (input) => (hasText(input.reason) ? null : { ok: false, error: 'reason_required' }),
};

/** The state after `action`, or why it is refused: first the state, then the requirement. */
export function applyMeetingAction(state: MeetingState, action: MeetingAction, input: MeetingActionInput = {}): MeetingActionResult {
  const transition = Object.hasOwn(MEETING_TRANSITIONS, action) ? MEETING_TRANSITIONS[action] : undefined;
  if (!transition || !transition.from.includes(state)) return { ok: false, error: 'forbidden' };
  const refusal = transition.requires ? REQUIREMENTS[transition.requires](input) : null;
  if (refusal) return refusal;
  return { ok: true, state: transition.to === 'same' ? state : transition.to };
}

/** The actions the state allows (what the page offers), in MEETING_ACTIONS order. */
export function allowedMeetingActions(state: MeetingState): MeetingAction[] {
  return MEETING_ACTIONS.filter((action) => MEETING_TRANSITIONS[action].from.includes(state));
}

/** A meeting that is not final and not cancelled still holds its warnings (a warning is on at most one such agenda). */
export function holdsItsWarnings(state: MeetingState): boolean {
  return state === 'draft' || state === 'published' || state === 'held';
}

/** The refusal in the page's language; a meeting not started yet says when it starts (Shanghai time). */
export function meetingRefusalMessage(refusal: MeetingRefusal, t: Translate): string {
  const key: MessageKey = `meeting.error.${refusal.error}`;
  return refusal.error === 'not_started' ? t(key, { startsAt: shanghaiDateTime(refusal.startsAt) }) : t(key);
}
