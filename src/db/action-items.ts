/** Action items (督办事项): rows, the lists that show them and the statements that change them. */
import type { ActionItemState } from '../domain/meetings/action-items.ts';
import type { MeetingKind } from '../domain/meetings/kinds.ts';
import type { MeetingState } from '../domain/meetings/state-machine.ts';
import type { WarningState } from '../domain/warnings/state-machine.ts';
import { expectOneRowChanged } from './batch.ts';
import { type Db, many, mapped, one, type Query } from './query.ts';

export interface ActionItemRow {
  id: string;
  meeting_id: string;
  agenda_item_id: string;
  warning_id: string | null;
  court_id: number;
  text: string;
  owner_court_id: number;
  owner_division: string | null;
  owner_id: string | null;
  due_on: string;
  state: ActionItemState;
  note: string | null;
  reason: string | null;
  closed_at: string | null;
  closed_by: string | null;
  overdue_at: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  meeting_title: string;
  meeting_kind: MeetingKind;
  meeting_state: MeetingState;
  meeting_starts_at: string;
  court_path: string;
  owner_court_name: string;
  owner_court_name_en: string | null;
  owner_court_path: string;
  owner_name: string | null;
  /** A person owner's own division (free text), for grouping by division. */
  owner_person_division: string | null;
  closed_by_name: string | null;
  item_kind: string;
  case_id: string | null;
  case_number: string | null;
  w_state: WarningState | null;
  /** How many later meetings listed it open under 上次会议议定事项落实情况 (cancelled ones do not count). */
  carry_overs: number;
}

const SELECT = `SELECT ai.*, m.title AS meeting_title, m.kind AS meeting_kind, m.state AS meeting_state, m.starts_at AS meeting_starts_at,
  mc.path AS court_path, oc.name AS owner_court_name, oc.name_en AS owner_court_name_en, oc.path AS owner_court_path,
  ou.display_name AS owner_name, ou.division AS owner_person_division, cb.display_name AS closed_by_name, ag.kind AS item_kind,
  c.id AS case_id, c.case_number, w.state AS w_state,
  (SELECT count(*) FROM carried_action_items ca JOIN meetings cm ON cm.id = ca.meeting_id
    WHERE ca.action_item_id = ai.id AND cm.state <> 'cancelled') AS carry_overs
  FROM action_items ai
  JOIN meetings m ON m.id = ai.meeting_id
  JOIN agenda_items ag ON ag.id = ai.agenda_item_id
  JOIN courts mc ON mc.id = ai.court_id
  JOIN courts oc ON oc.id = ai.owner_court_id
  LEFT JOIN users ou ON ou.id = ai.owner_id
  LEFT JOIN users cb ON cb.id = ai.closed_by
  LEFT JOIN warnings w ON w.id = ai.warning_id
  LEFT JOIN cases c ON c.id = w.case_id`;

export function actionItemQuery(db: Db, id: string): Query<ActionItemRow | null> {
  return one<ActionItemRow>(db.prepare(`${SELECT} WHERE ai.id = ?`).bind(id));
}

/** A meeting's action items, in the order they were set. */
export function meetingActionItemsQuery(db: Db, meetingId: string): Query<ActionItemRow[]> {
  return many<ActionItemRow>(db.prepare(`${SELECT} WHERE ai.meeting_id = ? ORDER BY ai.created_at, ai.id`).bind(meetingId));
}

/** The action items of a warning (its follow-up). */
export function warningActionItemsQuery(db: Db, warningId: string): Query<ActionItemRow[]> {
  return many<ActionItemRow>(db.prepare(`${SELECT} WHERE ai.warning_id = ? ORDER BY ai.due_on, ai.id`).bind(warningId));
}

/**
 * 上次会议议定事项落实情况 of a draft: every action item of earlier meetings of the same kind and
 * court that is still open, oldest due first.
 */
export function openEarlierActionItemsQuery(db: Db, meetingId: string): Query<ActionItemRow[]> {
  return many<ActionItemRow>(
    db
      .prepare(
        // (+ai.state: found through the earlier meetings, not through every open item.)
        `${SELECT} WHERE +ai.state = 'open' AND ai.meeting_id IN (
           SELECT e.id FROM meetings e, meetings me WHERE me.id = ? AND e.court_id = me.court_id AND e.kind = me.kind AND e.starts_at < me.starts_at AND e.id <> me.id)
         ORDER BY ai.due_on, ai.id`,
      )
      .bind(meetingId),
  );
}

/** 上次会议议定事项落实情况 of a published meeting: the list frozen when it was published. */
export function carriedActionItemsQuery(db: Db, meetingId: string): Query<ActionItemRow[]> {
  return many<ActionItemRow>(
    db.prepare(`${SELECT} WHERE ai.id IN (SELECT action_item_id FROM carried_action_items WHERE meeting_id = ?) ORDER BY ai.due_on, ai.id`).bind(meetingId),
  );
}

/** Freezes the list of a meeting being published (see openEarlierActionItemsQuery). */
export function carryActionItemsStatement(db: Db, meetingId: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO carried_action_items (meeting_id, action_item_id)
       SELECT ?, ai.id FROM action_items ai WHERE +ai.state = 'open' AND ai.meeting_id IN (
         SELECT e.id FROM meetings e, meetings me WHERE me.id = ? AND e.court_id = me.court_id AND e.kind = me.kind AND e.starts_at < me.starts_at AND e.id <> me.id)`,
    )
    .bind(meetingId, meetingId);
}

export interface ActionItemOwner {
  userId: string;
  courtId: number;
  /** The division the user's free-text division stands for, if any. */
  division: string | null;
}

/** The items a user owns: named as the person, or its division at its court (each through its own index). */
function mineWhere(owner: ActionItemOwner): { sql: string; binds: (string | number)[] } {
  if (!owner.division) return { sql: 'ai.owner_id = ?', binds: [owner.userId] };
  return {
    sql: `ai.id IN (SELECT id FROM action_items WHERE owner_id = ?
      UNION ALL SELECT id FROM action_items WHERE owner_court_id = ? AND owner_division = ?)`,
    binds: [owner.userId, owner.courtId, owner.division],
  };
}

export interface ActionItemListQuery {
  /** The caller's own items, or those of the meetings of a court subtree. */
  mine?: ActionItemOwner;
  scopePath?: string;
  state?: ActionItemState;
  /** Open and due before this Shanghai day. */
  overdueBefore?: string;
  limit: number;
}

function listWhere(q: Omit<ActionItemListQuery, 'limit'>) {
  const where: string[] = [];
  const binds: (string | number)[] = [];
  if (q.mine) {
    const mine = mineWhere(q.mine);
    where.push(mine.sql);
    binds.push(...mine.binds);
  }
  if (q.scopePath !== undefined) {
    where.push('ai.court_id IN (SELECT id FROM courts WHERE path LIKE ?)');
    binds.push(`${q.scopePath}%`);
  }
  if (q.state) {
    where.push('ai.state = ?');
    binds.push(q.state);
  }
  if (q.overdueBefore) {
    where.push("ai.state = 'open' AND ai.due_on < ?");
    binds.push(q.overdueBefore);
  }
  return { where: where.length ? where.join(' AND ') : '1 = 1', binds };
}

/** A list by due day (the service orders overdue first). */
export function actionItemListQuery(db: Db, q: ActionItemListQuery): Query<ActionItemRow[]> {
  const { where, binds } = listWhere(q);
  return many<ActionItemRow>(db.prepare(`${SELECT} WHERE ${where} ORDER BY ai.due_on, ai.created_at, ai.id LIMIT ?`).bind(...binds, q.limit));
}

/** Counts per state, for the tabs of 我的督办事项. */
export function actionItemCountsQuery(db: Db, q: Omit<ActionItemListQuery, 'limit' | 'state'>): Query<Record<string, number>> {
  const { where, binds } = listWhere(q);
  return mapped(
    many<{ state: string; n: number }>(db.prepare(`SELECT ai.state, count(*) AS n FROM action_items ai WHERE ${where} GROUP BY ai.state`).bind(...binds)),
    (rows) => Object.fromEntries(rows.map((r) => [r.state, r.n])),
  );
}

export interface NewActionItem {
  id: string;
  meetingId: string;
  agendaItemId: string;
  warningId: string | null;
  courtId: number;
  text: string;
  ownerCourtId: number;
  ownerDivision: string | null;
  ownerId: string | null;
  dueOn: string;
  createdBy: string;
  now: string;
}

export function insertActionItemStatement(db: Db, a: NewActionItem): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO action_items (id, meeting_id, agenda_item_id, warning_id, court_id, text, owner_court_id, owner_division, owner_id, due_on,
         state, version, created_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', 1, ?, ?, ?)`,
    )
    .bind(a.id, a.meetingId, a.agendaItemId, a.warningId, a.courtId, a.text, a.ownerCourtId, a.ownerDivision, a.ownerId, a.dueOn, a.createdBy, a.now, a.now);
}

export type ActionItemChange =
  | { action: 'complete'; note: string }
  | { action: 'cancel'; reason: string }
  | { action: 'reassign'; ownerCourtId: number; ownerDivision: string | null; ownerId: string | null }
  | { action: 'reschedule'; dueOn: string };

/** One change of an open item, from exactly the version the user saw (a stale one fails the batch: 409). */
export function changeActionItemStatements(db: Db, id: string, version: number, change: ActionItemChange, by: string, now: string): D1PreparedStatement[] {
  const guard = "WHERE id = ? AND version = ? AND state = 'open'";
  const bump = 'version = version + 1, updated_at = ?';
  let statement: D1PreparedStatement;
  switch (change.action) {
    case 'complete':
      statement = db.prepare(`UPDATE action_items SET state = 'done', note = ?, closed_at = ?, closed_by = ?, ${bump} ${guard}`).bind(change.note, now, by, now, id, version);
      break;
    case 'cancel':
      statement = db.prepare(`UPDATE action_items SET state = 'cancelled', reason = ?, closed_at = ?, closed_by = ?, ${bump} ${guard}`).bind(change.reason, now, by, now, id, version);
      break;
    case 'reassign':
      statement = db
        .prepare(`UPDATE action_items SET owner_court_id = ?, owner_division = ?, owner_id = ?, ${bump} ${guard}`)
        .bind(change.ownerCourtId, change.ownerDivision, change.ownerId, now, id, version);
      break;
    case 'reschedule':
      // A new due day: overdue again only when the daily run finds it so.
      statement = db.prepare(`UPDATE action_items SET due_on = ?, overdue_at = NULL, ${bump} ${guard}`).bind(change.dueOn, now, id, version);
      break;
  }
  return [statement, expectOneRowChanged(db)];
}
