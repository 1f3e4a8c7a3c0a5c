/**
 * The agenda of a joint meeting (domain.md §8, issue 7): the pool it draws from, the order of its
 * items, moving them, decision numbers and the time they take. Pure functions over plain data.
 *
 * Choices (where the issue is silent):
 * - Only regular meetings (审执联席会议, 涉诉信访联席会议) get the two standard items; a 案件协调会
 *   is called for particular cases and reports no period figures.
 * - A warning added to an agenda goes before the first warning item it outranks in pool order,
 *   so an untouched agenda stays in pool order and a reordered one keeps its manual order.
 */
import type { Level } from '../levels.ts';
import { levelRank } from '../levels.ts';
import { compareText, hasText } from './compare.ts';
import { isRegularKind, type MeetingKind } from './kinds.ts';

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

function isWarningEntry(item: AgendaEntry): item is WarningAgendaEntry {
  return item.kind === 'warning' && 'warning' in item;
}

function compareInstants(a: string | null | undefined, b: string | null | undefined): number {
  const ta = a ? Date.parse(a) : Number.POSITIVE_INFINITY;
  const tb = b ? Date.parse(b) : Number.POSITIVE_INFINITY;
  return ta === tb ? 0 : ta < tb ? -1 : 1;
}
