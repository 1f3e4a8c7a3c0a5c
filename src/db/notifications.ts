/**
 * The in-app inbox. Notifications store ids and codes; the inbox reads the meeting's title and the
 * action item's text when it is drawn. Every insert goes through the unique `dedupe_key`
 * (domain/meetings/notifications.ts), so writing one twice writes it once.
 */
import { divisionNamePairs } from '../domain/meetings/kinds.ts';
import type { NotificationKind } from '../domain/meetings/notifications.ts';
import { addDays } from '../domain/time.ts';
import { DUE_SOON_DAYS } from '../domain/meetings/action-items.ts';
import { type Db, many, type Query } from './query.ts';

/** The unread count of the user `u` — a subselect of the statement that reads the signed-in user (db/users.ts). */
export const UNREAD_NOTIFICATIONS_SQL = '(SELECT count(*) FROM notifications n WHERE n.user_id = u.id AND n.read_at IS NULL)';

export interface NotificationRow {
  id: number;
  user_id: string;
  kind: NotificationKind;
  meeting_id: string | null;
  action_item_id: string | null;
  created_at: string;
  read_at: string | null;
  meeting_title: string | null;
  meeting_starts_at: string | null;
  item_text: string | null;
  item_due_on: string | null;
  /** The case of the action item's warning, if any. */
  case_number: string | null;
}

export function notificationsQuery(db: Db, userId: string, limit: number): Query<NotificationRow[]> {
  return many<NotificationRow>(
    db
      .prepare(
        `SELECT n.*, m.title AS meeting_title, m.starts_at AS meeting_starts_at, ai.text AS item_text, ai.due_on AS item_due_on, c.case_number
         FROM notifications n
         LEFT JOIN action_items ai ON ai.id = n.action_item_id
         LEFT JOIN meetings m ON m.id = coalesce(n.meeting_id, ai.meeting_id)
         LEFT JOIN warnings w ON w.id = ai.warning_id
         LEFT JOIN cases c ON c.id = w.case_id
         WHERE n.user_id = ? ORDER BY n.id DESC LIMIT ?`,
      )
      .bind(userId, limit),
  );
}

export function notificationOfUserQuery(db: Db, id: number, userId: string): Query<NotificationRow[]> {
  return many<NotificationRow>(
    db
      .prepare(
        `SELECT n.*, NULL AS meeting_title, NULL AS meeting_starts_at, NULL AS item_text, NULL AS item_due_on, NULL AS case_number
         FROM notifications n WHERE n.id = ? AND n.user_id = ?`,
      )
      .bind(id, userId),
  );
}

/** Marks one of the user's notifications read (already read: unchanged). */
export function markReadStatement(db: Db, id: number, userId: string, now: string): D1PreparedStatement {
  return db.prepare('UPDATE notifications SET read_at = coalesce(read_at, ?) WHERE id = ? AND user_id = ?').bind(now, id, userId);
}

export function markAllReadStatement(db: Db, userId: string, now: string): D1PreparedStatement {
  return db.prepare('UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL').bind(now, userId);
}

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
  meetingId: string | null;
  actionItemId: string | null;
  key: string;
  now: string;
}

export function insertNotificationStatement(db: Db, n: NewNotification): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO notifications (user_id, kind, meeting_id, action_item_id, dedupe_key, created_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
    )
    .bind(n.userId, n.kind, n.meetingId, n.actionItemId, n.key, n.now);
}

/** The (division, name) pairs as one JSON parameter: `json_each` over it finds a division's users by their free-text division. */
const DIVISION_NAMES_JSON = JSON.stringify(divisionNamePairs().map((p) => [p.code, p.name]));

/** "The users of the owner division at the owner court" as SQL over `ai` (an action item) and `u` (a user), with its one parameter. */
const DIVISION_MEMBER = `u.court_id = ai.owner_court_id AND u.active = 1 AND EXISTS (
  SELECT 1 FROM json_each(?) dn WHERE json_extract(dn.value, '$[0]') = ai.owner_division AND json_extract(dn.value, '$[1]') = trim(u.division))`;

/**
 * The people an action item was just assigned to, told so: its owner, or the users of its owner
 * division at its owner court. `version` is the item's, so a reassignment tells the new owner.
 */
export function assignedNotificationStatements(db: Db, itemId: string, version: number, now: string): D1PreparedStatement[] {
  const key = `'action_item_assigned:' || ai.id || ':' || u.id || ':' || ?`;
  return [
    db
      .prepare(
        `INSERT INTO notifications (user_id, kind, meeting_id, action_item_id, dedupe_key, created_at)
         SELECT u.id, 'action_item_assigned', ai.meeting_id, ai.id, ${key}, ? FROM action_items ai JOIN users u ON u.id = ai.owner_id
         WHERE ai.id = ? AND u.active = 1
         ON CONFLICT (dedupe_key) DO NOTHING`,
      )
      .bind(version, now, itemId),
    db
      .prepare(
        `INSERT INTO notifications (user_id, kind, meeting_id, action_item_id, dedupe_key, created_at)
         SELECT u.id, 'action_item_assigned', ai.meeting_id, ai.id, ${key}, ? FROM action_items ai JOIN users u ON ${DIVISION_MEMBER}
         WHERE ai.id = ? AND ai.owner_id IS NULL AND ai.owner_division IS NOT NULL
         ON CONFLICT (dedupe_key) DO NOTHING`,
      )
      .bind(version, now, DIVISION_NAMES_JSON, itemId),
  ];
}

/**
 * The daily run's statements, one batch, idempotent: the open items past their due day are
 * marked overdue (once, with an audit row each), and their owners told of items overdue and of
 * items due within three days — once per item, person and due day.
 */
export function dailyActionItemStatements(db: Db, today: string, now: string): D1PreparedStatement[] {
  const soonUntil = addDays(today, DUE_SOON_DAYS);
  const notify = (kind: NotificationKind, condition: string, byDivision: boolean) => {
    const recipients = byDivision ? `JOIN users u ON ${DIVISION_MEMBER}` : 'JOIN users u ON u.id = ai.owner_id AND u.active = 1';
    const owner = byDivision ? 'ai.owner_id IS NULL AND ai.owner_division IS NOT NULL' : 'ai.owner_id IS NOT NULL';
    return db
      .prepare(
        `INSERT INTO notifications (user_id, kind, meeting_id, action_item_id, dedupe_key, created_at)
         SELECT u.id, ?, ai.meeting_id, ai.id, ? || ':' || ai.id || ':' || u.id || ':' || ai.due_on, ?
         FROM action_items ai ${recipients}
         WHERE ai.state = 'open' AND ${owner} AND ${condition}
         ON CONFLICT (dedupe_key) DO NOTHING`,
      )
      .bind(kind, kind, now, ...(byDivision ? [DIVISION_NAMES_JSON] : []), ...(kind === 'action_item_overdue' ? [today] : [today, soonUntil]));
  };
  const overdue = 'ai.due_on < ?';
  const dueSoon = 'ai.due_on BETWEEN ? AND ?';
  return [
    db
      .prepare(
        `INSERT INTO audit_log (at, actor_id, via, court_id, action, entity, entity_id, before_json, after_json)
         SELECT ?, NULL, 'system', ai.court_id, 'action_item.overdue', 'action_item', ai.id, NULL, json_object('dueOn', ai.due_on, 'overdueAt', ?)
         FROM action_items ai WHERE ai.state = 'open' AND ai.due_on < ? AND ai.overdue_at IS NULL`,
      )
      .bind(now, now, today),
    db.prepare("UPDATE action_items SET overdue_at = ? WHERE state = 'open' AND due_on < ? AND overdue_at IS NULL").bind(now, today),
    notify('action_item_overdue', overdue, false),
    notify('action_item_overdue', overdue, true),
    notify('action_item_due_soon', dueSoon, false),
    notify('action_item_due_soon', dueSoon, true),
  ];
}
