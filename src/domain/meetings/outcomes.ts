/**
 * What a warning item's outcome means: `follow_up` when none is given, `resolved` with one of the
 * warning's resolution outcomes, and what finalizing the minutes does to each warning.
 *
 * Choices (where the issue is silent):
 * - `withdrawn` takes the warning off the agenda and withdraws the proposal (back to the petition
 *   office, `acknowledged`); `carry_over` returns it to the pool (`proposed`) with one more
 *   carry-over; `resolved` records the decision (`follow_up`) and then resolves it.
 * - A resolution outcome left over in a form on any other outcome is dropped, not refused.
 * - Finalizing needs a decision on every item that is resolved or followed up.
 */
import { z } from 'zod';
import { applyAction, isResolutionOutcome, type ResolutionOutcome, type WarningAction, type WarningState } from '../warnings/state-machine.ts';
import type { AgendaEntry } from './agenda.ts';
import { hasText } from './compare.ts';

/** 已化解 · 转入落实 (the default) · 顺延 (not reached) · 撤回. */
export const ITEM_OUTCOMES = ['resolved', 'follow_up', 'carry_over', 'withdrawn'] as const;
export type ItemOutcome = (typeof ITEM_OUTCOMES)[number];
export const ItemOutcomeSchema = z.enum(ITEM_OUTCOMES);
export const DEFAULT_ITEM_OUTCOME: ItemOutcome = 'follow_up';

/** The outcome of an item, `follow_up` when none is given. */
export function itemOutcome(outcome: ItemOutcome | null | undefined): ItemOutcome {
  return outcome ?? DEFAULT_ITEM_OUTCOME;
}

/** Outcomes whose item must carry a decision (the minutes are made of them). */
export function needsDecision(outcome: ItemOutcome | null | undefined): boolean {
  const o = itemOutcome(outcome);
  return o === 'resolved' || o === 'follow_up';
}

export type OutcomeCheck =
  | { ok: true; outcome: ItemOutcome; resolutionOutcome: ResolutionOutcome | null }
  | { ok: false; error: 'resolution_outcome_required' };

/**
 * A recorded outcome, normalized: `resolved` needs one of RESOLUTION_OUTCOMES; for any other
 * outcome a resolution outcome left over in a form is dropped, not stored.
 */
export function checkItemOutcome(input: { outcome?: ItemOutcome | null; resolutionOutcome?: string | null }): OutcomeCheck {
  const outcome = itemOutcome(input.outcome);
  if (outcome !== 'resolved') return { ok: true, outcome, resolutionOutcome: null };
  return isResolutionOutcome(input.resolutionOutcome)
    ? { ok: true, outcome, resolutionOutcome: input.resolutionOutcome }
    : { ok: false, error: 'resolution_outcome_required' };
}

/** How many items would leave the minutes without a decision; finalizing needs 0. */
export function undecidedItems(items: readonly (AgendaEntry & { decision?: string | null; outcome?: ItemOutcome | null })[]): number {
  return items.filter((item) => item.kind === 'warning' && needsDecision(item.outcome) && !hasText(item.decision)).length;
}

/** The warning actions a meeting's minutes apply (lifecycle.ts `transition` takes each). */
export type MinutesWarningAction = Extract<WarningAction, 'follow_up' | 'resolve' | 'unschedule' | 'withdraw_proposal'>;

/** The warning actions finalizing applies, in order, to a `scheduled` warning for each outcome. */
export const OUTCOME_WARNING_ACTIONS: Readonly<Record<ItemOutcome, readonly MinutesWarningAction[]>> = {
  resolved: ['follow_up', 'resolve'],
  follow_up: ['follow_up'],
  carry_over: ['unschedule'],
  withdrawn: ['unschedule', 'withdraw_proposal'],
};

export interface FinalizeItem {
  warningId: string;
  outcome?: ItemOutcome | null;
  resolutionOutcome?: string | null;
  /** How many meetings the warning had been carried over before this one. */
  carryOvers: number;
}

export interface WarningEffect {
  warningId: string;
  outcome: ItemOutcome;
  /** The warning actions to write, in order (each one a timeline entry). */
  actions: readonly MinutesWarningAction[];
  state: WarningState;
  resolutionOutcome: ResolutionOutcome | null;
  /** The warning's carry-over count after this meeting: +1 for `carry_over`. */
  carryOvers: number;
}

export type FinalizeEffects = { ok: true; effects: WarningEffect[] } | { ok: false; error: 'resolution_outcome_required'; warningId: string };

/**
 * What finalizing the minutes does to each warning on the agenda (all of them `scheduled`):
 * the actions run through the warning state machine, so this can never plan a move it forbids.
 */
export function finalizeEffects(items: readonly FinalizeItem[]): FinalizeEffects {
  const effects: WarningEffect[] = [];
  for (const item of items) {
    const check = checkItemOutcome(item);
    if (!check.ok) return { ok: false, error: check.error, warningId: item.warningId };
    const actions = OUTCOME_WARNING_ACTIONS[check.outcome];
    let state: WarningState = 'scheduled';
    for (const action of actions) {
      const result = applyAction(state, action, { outcome: check.resolutionOutcome });
      if (!result.ok) throw new Error(`the warning state machine refuses ${action} from ${state}`);
      state = result.state;
    }
    const carryOvers = item.carryOvers + (check.outcome === 'carry_over' ? 1 : 0);
    effects.push({ warningId: item.warningId, outcome: check.outcome, actions, state, resolutionOutcome: check.resolutionOutcome, carryOvers });
  }
  return { ok: true, effects };
}
