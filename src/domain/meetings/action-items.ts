/**
 * Action items (督办事项) of a meeting's decisions: their small state machine, due days, the
 * order of "我的督办事项", the daily notification classes and the ageing table for leaders.
 * Days are Shanghai calendar days (YYYY-MM-DD); `today` is always passed in.
 *
 * Choices (where the issue is silent):
 * - An item is due on its due day and overdue from the next day on (1 day overdue).
 * - "Due soon" means due today or within the next 3 days; only open items are either.
 * - Changing the owner (`reassign`) or the due day (`reschedule`) keeps the item open; done and
 *   cancelled items are closed for good (a new need is a new action item).
 */
import { z } from 'zod';
import { addDays, daysBetween, isValidDay, shanghaiDay } from '../time.ts';
import { compareText, hasText } from './compare.ts';

type Instant = Date | string | number;

export const ACTION_ITEM_STATES = ['open', 'done', 'cancelled'] as const;
export type ActionItemState = (typeof ACTION_ITEM_STATES)[number];
export const ActionItemStateSchema = z.enum(ACTION_ITEM_STATES);

export const ACTION_ITEM_ACTIONS = ['complete', 'cancel', 'reassign', 'reschedule'] as const;
export type ActionItemAction = (typeof ACTION_ITEM_ACTIONS)[number];
export const ActionItemActionSchema = z.enum(ACTION_ITEM_ACTIONS);

export type ActionItemRequirement = 'note' | 'reason' | 'owner' | 'due_day';

export interface ActionItemTransition {
  from: readonly ActionItemState[];
  to: ActionItemState | 'same';
  requires: ActionItemRequirement;
}

export const ACTION_ITEM_TRANSITIONS: Readonly<Record<ActionItemAction, ActionItemTransition>> = {
  complete: { from: ['open'], to: 'done', requires: 'note' },
  cancel: { from: ['open'], to: 'cancelled', requires: 'reason' },
  reassign: { from: ['open'], to: 'same', requires: 'owner' },
  reschedule: { from: ['open'], to: 'same', requires: 'due_day' },
};

export interface ActionItemInput {
  note?: string | null;
  reason?: string | null;
  /** reassign: a division code or a user id (either is enough). */
  ownerDivision?: string | null;
  ownerId?: string | null;
  dueOn?: string | null;
}

export type ActionItemError = 'forbidden' | 'note_required' | 'reason_required' | 'owner_required' | 'due_day_invalid';
export type ActionItemResult = { ok: true; state: ActionItemState } | { ok: false; error: ActionItemError };

const REQUIREMENTS: Readonly<Record<ActionItemRequirement, { met: (input: ActionItemInput) => boolean; error: ActionItemError }>> = {
  note: { met: (input) => hasText(input.note), error: 'note_required' },
  reason: { met: (input) => hasText(input.reason), error: 'reason_required' },
  owner: { met: (input) => hasText(input.ownerDivision) || hasText(input.ownerId), error: 'owner_required' },
  due_day: { met: (input) => typeof input.dueOn === 'string' && isValidDay(input.dueOn), error: 'due_day_invalid' },
};

/** The state after `action`, or why it is refused: first the state, then the requirement. */
export function applyActionItemAction(state: ActionItemState, action: ActionItemAction, input: ActionItemInput = {}): ActionItemResult {
  const transition = Object.hasOwn(ACTION_ITEM_TRANSITIONS, action) ? ACTION_ITEM_TRANSITIONS[action] : undefined;
  if (!transition || !transition.from.includes(state)) return { ok: false, error: 'forbidden' };
  const requirement = REQUIREMENTS[transition.requires];
  if (!requirement.met(input)) return { ok: false, error: requirement.error };
  return { ok: true, state: transition.to === 'same' ? state : transition.to };
}

export function allowedActionItemActions(state: ActionItemState): ActionItemAction[] {
  return ACTION_ITEM_ACTIONS.filter((action) => ACTION_ITEM_TRANSITIONS[action].from.includes(state));
}

// ---------------------------------------------------------------------------------------------
// Due days

export const DEFAULT_DUE_DAYS = 30;

/** The due day an action item gets when none is given: the meeting's Shanghai day + 30. */
export function defaultDueDay(meetingStartsAt: Instant): string {
  return addDays(shanghaiDay(meetingStartsAt), DEFAULT_DUE_DAYS);
}

/** Days past the due day on `today` (0 on the due day itself and before it). */
export function daysOverdue(dueOn: string, today: string): number {
  return Math.max(0, daysBetween(dueOn, today));
}

export const DUE_SOON_DAYS = 3;

/** For the daily notifications: an open item is overdue, due soon (today … today + 3), or later. */
export type DueStatus = 'overdue' | 'due_soon' | 'later' | 'closed';

export function dueStatus(item: { state: ActionItemState; dueOn: string }, today: string): DueStatus {
  if (item.state !== 'open') return 'closed';
  const left = daysBetween(today, item.dueOn);
  if (left < 0) return 'overdue';
  return left <= DUE_SOON_DAYS ? 'due_soon' : 'later';
}

// ---------------------------------------------------------------------------------------------
// 我的督办事项

export interface ListedActionItem {
  id: string;
  state: ActionItemState;
  dueOn: string;
  createdAt: string;
}

/** Overdue first (most overdue first), then by due day, then by creation, then id. Only open items are overdue. */
export function orderMyActionItems<T extends ListedActionItem>(items: readonly T[], today: string): T[] {
  const overdue = (item: T) => (item.state === 'open' ? daysOverdue(item.dueOn, today) : 0);
  return [...items].sort(
    (a, b) =>
      overdue(b) - overdue(a) ||
      compareText(a.dueOn, b.dueOn) ||
      Date.parse(a.createdAt) - Date.parse(b.createdAt) ||
      compareText(a.id, b.id),
  );
}

// ---------------------------------------------------------------------------------------------
// Ageing per owner, for leaders

/** 未到期 · 逾期1–7天 · 逾期8–30天 · 逾期30天以上. */
export const AGEING_BUCKETS = ['not_due', 'overdue_1_7', 'overdue_8_30', 'overdue_over_30'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

export function ageingBucket(dueOn: string, today: string): AgeingBucket {
  const days = daysOverdue(dueOn, today);
  if (days === 0) return 'not_due';
  if (days <= 7) return 'overdue_1_7';
  return days <= 30 ? 'overdue_8_30' : 'overdue_over_30';
}

export interface AgeingRow {
  /** The owner key the caller grouped by: a division code, or a person. */
  owner: string;
  counts: Record<AgeingBucket, number>;
  open: number;
  overdue: number;
}

/**
 * The open action items per owner, counted per bucket; the owners with the oldest arrears
 * first (more over 30 days, then 8–30, then 1–7), then by owner key.
 */
export function ageingByOwner(items: readonly { owner: string; state: ActionItemState; dueOn: string }[], today: string): AgeingRow[] {
  const rows = new Map<string, AgeingRow>();
  for (const item of items) {
    if (item.state !== 'open') continue;
    let row = rows.get(item.owner);
    if (!row) {
      row = { owner: item.owner, counts: { not_due: 0, overdue_1_7: 0, overdue_8_30: 0, overdue_over_30: 0 }, open: 0, overdue: 0 };
      rows.set(item.owner, row);
    }
    const bucket = ageingBucket(item.dueOn, today);
    row.counts[bucket] += 1;
    row.open += 1;
    if (bucket !== 'not_due') row.overdue += 1;
  }
  return [...rows.values()].sort(
    (a, b) =>
      b.counts.overdue_over_30 - a.counts.overdue_over_30 ||
      b.counts.overdue_8_30 - a.counts.overdue_8_30 ||
      b.counts.overdue_1_7 - a.counts.overdue_1_7 ||
      compareText(a.owner, b.owner),
  );
}
