/**
 * The inbox (its unread count comes with the session, db/users.ts) and the daily run that marks
 * overdue action items and tells their owners of items overdue and due within three days.
 */
import type { NotificationKind } from '../domain/meetings/notifications.ts';
import { shanghaiDay, shanghaiIso } from '../domain/time.ts';
import { dailyActionItemStatements, markAllReadStatement, markReadStatement, notificationOfUserQuery, notificationsQuery } from '../db/notifications.ts';
import { type Db, run } from '../db/query.ts';
import { runBatch } from '../db/batch.ts';
import { notFound } from '../http/errors.ts';
import type { CurrentUser } from '../http/types.ts';
import type { Translate } from '../i18n/index.ts';

export const INBOX_LIMIT = 100;

export interface NotificationView {
  id: number;
  kind: NotificationKind;
  /** The notification as a sentence in the reader's language. */
  text: string;
  /** Where it leads. */
  href: string;
  meetingId: string | null;
  actionItemId: string | null;
  createdAt: string;
  read: boolean;
}

export async function loadInbox(db: Db, user: CurrentUser, t: Translate): Promise<{ items: NotificationView[]; unread: number }> {
  const rows = await run(db, notificationsQuery(db, user.id, INBOX_LIMIT));
  const items = rows.map((n) => ({
    id: n.id,
    kind: n.kind,
    text: t(`notification.text.${n.kind}`, {
      meeting: n.meeting_title ?? '',
      startsAt: n.meeting_starts_at ? shanghaiIso(n.meeting_starts_at).slice(0, 16).replace('T', ' ') : '',
      item: n.case_number ? t('notification.itemOfCase', { item: n.item_text ?? '', case: n.case_number }) : (n.item_text ?? ''),
      dueOn: n.item_due_on ?? '',
    }),
    href: n.action_item_id ? `/action-items#ai-${n.action_item_id}` : `/meetings/${n.meeting_id}`,
    meetingId: n.meeting_id,
    actionItemId: n.action_item_id,
    createdAt: shanghaiIso(n.created_at),
    read: n.read_at !== null,
  }));
  return { items, unread: user.unreadNotifications };
}

/** Marks one of the caller's notifications read (another user's is 404); answers where it leads. */
export async function markRead(db: Db, user: CurrentUser, id: number): Promise<string> {
  const [row] = await run(db, notificationOfUserQuery(db, id, user.id));
  if (!row) throw notFound();
  await db.batch([markReadStatement(db, id, user.id, new Date().toISOString())]);
  return row.action_item_id ? `/action-items#ai-${row.action_item_id}` : `/meetings/${row.meeting_id}`;
}

export async function markAllRead(db: Db, user: CurrentUser): Promise<void> {
  await db.batch([markAllReadStatement(db, user.id, new Date().toISOString())]);
}

/**
 * The daily run's part for action items (src/index.ts `scheduled`): one batch, idempotent — a
 * second run the same day marks nothing and writes no notification twice. Answers how many rows
 * each statement wrote.
 */
export async function runDailyActionItems(db: Db, now = new Date()): Promise<{ markedOverdue: number; notified: number }> {
  const results = await runBatch(db, dailyActionItemStatements(db, shanghaiDay(now), now.toISOString()));
  const changes = results.map((r) => r.meta.changes ?? 0);
  return { markedOverdue: changes[1] ?? 0, notified: changes.slice(2, 6).reduce((a, b) => a + b, 0) };
}
