/**
 * The agenda of a joint meeting (domain.md §8, issue 7): the pool it draws from, the order of its
 * items, decision numbers, the time it takes, what each item's outcome does to its warning, the
 * suggested title and the period the 信访数据通报 covers. Pure functions over plain data.
 *
 * Choices (where the issue is silent):
 * - Only regular meetings (审执联席会议, 涉诉信访联席会议) get the two standard items; a 案件协调会
 *   is called for particular cases and reports no period figures.
 * - A warning added to an agenda goes before the first warning item it outranks in pool order,
 *   so an untouched agenda stays in pool order and a reordered one keeps its manual order.
 * - `withdrawn` takes the warning off the agenda and withdraws the proposal (back to the petition
 *   office, `acknowledged`); `carry_over` returns it to the pool (`proposed`) with one more
 *   carry-over; `resolved` records the decision (`follow_up`) and then resolves it.
 * - The 信访数据通报 period runs from the day after the last meeting of the same kind and court
 *   that was not a draft or cancelled, to the day before this meeting.
 */
import { z } from 'zod';
import type { Lang, MessageKey } from '../../i18n/index.ts';
import { translate } from '../../i18n/index.ts';
import type { Level } from '../levels.ts';
import { levelRank } from '../levels.ts';
import { addDays, daysBetween, shanghaiDay } from '../time.ts';
import { applyAction, isResolutionOutcome, type ResolutionOutcome, type WarningAction, type WarningState } from '../warnings/state-machine.ts';
import { compareText, hasText } from './compare.ts';
import { isRegularKind, type MeetingKind } from './kinds.ts';
import type { MeetingState } from './state-machine.ts';

type Instant = Date | string | number;

// ---------------------------------------------------------------------------------------------
// The pool

/** What ranks a proposed warning: red first, then score, then age (older first). */
export interface PoolEntry {
  id: string;
  level: Level;
  score: number;
  raisedAt: string;
  proposedAt?: string | null;
}

/** Red first, then score (higher first), then raised earlier, then proposed earlier, then id. */
export function comparePool(a: PoolEntry, b: PoolEntry): number {
  return (
    levelRank(b.level) - levelRank(a.level) ||
    b.score - a.score ||
    compareInstants(a.raisedAt, b.raisedAt) ||
    compareInstants(a.proposedAt, b.proposedAt) ||
    compareText(a.id, b.id)
  );
}

export function orderPool<T extends PoolEntry>(items: readonly T[]): T[] {
  return [...items].sort(comparePool);
}

// ---------------------------------------------------------------------------------------------
// Agenda items and their order

/** 信访数据通报 · 上次会议议定事项落实情况, always first and in this order. */
export const STANDARD_ITEMS = ['data_report', 'previous_actions'] as const;
export type StandardItem = (typeof STANDARD_ITEMS)[number];
export type AgendaItemKind = StandardItem | 'warning';

export function standardItemsFor(kind: MeetingKind): StandardItem[] {
  return isRegularKind(kind) ? [...STANDARD_ITEMS] : [];
}

export function isStandardItem(kind: AgendaItemKind): kind is StandardItem {
  return kind !== 'warning';
}

export interface AgendaEntry {
  id: string;
  kind: AgendaItemKind;
}

/** An agenda item of a warning, with what ranks it in the pool. */
export type WarningAgendaEntry = AgendaEntry & { kind: 'warning'; warning: PoolEntry };

/** Standard items first in their fixed order, then the warning items in the order given. */
export function arrangeAgenda<T extends AgendaEntry>(items: readonly T[]): T[] {
  const standard = STANDARD_ITEMS.flatMap((kind) => items.filter((item) => item.kind === kind));
  return [...standard, ...items.filter((item) => item.kind === 'warning')];
}

/** The agenda with `item` added before the first warning item it outranks (at the end if none). */
export function insertWarningItem<T extends AgendaEntry>(items: readonly T[], item: T & WarningAgendaEntry): T[] {
  const ordered = arrangeAgenda(items);
  const at = ordered.findIndex((other) => isWarningEntry(other) && comparePool(item.warning, other.warning) < 0);
  return at === -1 ? [...ordered, item] : [...ordered.slice(0, at), item, ...ordered.slice(at)];
}

export type MoveDirection = 'up' | 'down';
export type MoveError = 'not_found' | 'standard_item' | 'at_edge';
export type MoveResult<T> = { ok: true; items: T[] } | { ok: false; error: MoveError };

/**
 * The agenda with one warning item moved a place up or down. Standard items do not move and
 * nothing moves past them; the first warning item cannot go up, the last cannot go down.
 */
export function moveItem<T extends AgendaEntry>(items: readonly T[], id: string, direction: MoveDirection): MoveResult<T> {
  const ordered = arrangeAgenda(items);
  const from = ordered.findIndex((item) => item.id === id);
  const moving = ordered[from];
  if (!moving) return { ok: false, error: 'not_found' };
  if (isStandardItem(moving.kind)) return { ok: false, error: 'standard_item' };
  const to = direction === 'up' ? from - 1 : from + 1;
  const other = ordered[to];
  if (!other || isStandardItem(other.kind)) return { ok: false, error: 'at_edge' };
  const next = [...ordered];
  next[from] = other;
  next[to] = moving;
  return { ok: true, items: next };
}

// ---------------------------------------------------------------------------------------------
// Decisions and time

/** Decisions are numbered 1…n across the meeting in agenda order; an item without one gets no number. */
export function numberDecisions<T extends AgendaEntry & { decision?: string | null }>(items: readonly T[]): (T & { decisionNo: number | null })[] {
  let next = 1;
  return arrangeAgenda(items).map((item) => ({ ...item, decisionNo: hasText(item.decision) ? next++ : null }));
}

export interface AgendaTotals {
  /** Minutes allotted to the items. */
  allotted: number;
  planned: number;
  /** planned − allotted: time to spare, negative when over. */
  remaining: number;
  over: boolean;
  /** Items with no minutes allotted yet. */
  unallotted: number;
}

export function agendaTotals(items: readonly { minutes?: number | null }[], plannedMinutes: number): AgendaTotals {
  const allotted = items.reduce((sum, item) => sum + (item.minutes ?? 0), 0);
  return {
    allotted,
    planned: plannedMinutes,
    remaining: plannedMinutes - allotted,
    over: allotted > plannedMinutes,
    unallotted: items.filter((item) => item.minutes == null).length,
  };
}

// ---------------------------------------------------------------------------------------------
// Outcomes of warning items

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

/** The warning actions finalizing applies, in order, to a `scheduled` warning for each outcome. */
export const OUTCOME_WARNING_ACTIONS: Readonly<Record<ItemOutcome, readonly WarningAction[]>> = {
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
  actions: readonly WarningAction[];
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

// ---------------------------------------------------------------------------------------------
// Title and the period of the data report

/** "2026年12月审执联席会议" / "Trial–enforcement joint meeting, December 2026"; a 案件协调会 names the day. */
export function suggestTitle(kind: MeetingKind, startsAt: Instant, lang: Lang): string {
  const day = shanghaiDay(startsAt);
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
  const key: MessageKey = `meeting.suggestedTitle.${kind}`;
  return translate(lang, key, { year, month, day: date, monthName });
}

export interface MeetingDates {
  id: string;
  kind: MeetingKind;
  courtId: number;
  startsAt: string;
}

/** The latest meeting of the same kind and court that started before this one and was not a draft or cancelled. */
export function previousMeeting<T extends MeetingDates & { state: MeetingState }>(meeting: MeetingDates, others: readonly T[]): T | null {
  const start = new Date(meeting.startsAt).getTime();
  let latest: T | null = null;
  for (const other of others) {
    if (other.id === meeting.id || other.kind !== meeting.kind || other.courtId !== meeting.courtId) continue;
    if (other.state === 'draft' || other.state === 'cancelled') continue;
    const t = new Date(other.startsAt).getTime();
    if (t < start && (!latest || t > new Date(latest.startsAt).getTime())) latest = other;
  }
  return latest;
}

/** Shanghai days, both inclusive. When the previous meeting was yesterday or today the period is empty: `days` is 0 and `from` lies after `to`. */
export interface DayPeriod {
  from: string;
  to: string;
  days: number;
}

/** Days without a previous meeting to count from. */
export const DEFAULT_REPORT_DAYS = 30;

/**
 * The period the 信访数据通报 covers: from the day after the previous meeting (or 30 days
 * before this one when there is none) to the day before this meeting.
 */
export function dataReportPeriod(startsAt: Instant, previousStartsAt: Instant | null): DayPeriod {
  const meetingDay = shanghaiDay(startsAt);
  const to = addDays(meetingDay, -1);
  const from = previousStartsAt === null ? addDays(meetingDay, -DEFAULT_REPORT_DAYS) : addDays(shanghaiDay(previousStartsAt), 1);
  return { from, to, days: Math.max(0, daysBetween(from, to) + 1) };
}

// ---------------------------------------------------------------------------------------------

function isWarningEntry(item: AgendaEntry): item is WarningAgendaEntry {
  return item.kind === 'warning' && 'warning' in item;
}

function compareInstants(a: string | null | undefined, b: string | null | undefined): number {
  const ta = a ? Date.parse(a) : Number.POSITIVE_INFINITY;
  const tb = b ? Date.parse(b) : Number.POSITIVE_INFINITY;
  return ta === tb ? 0 : ta < tb ? -1 : 1;
}
