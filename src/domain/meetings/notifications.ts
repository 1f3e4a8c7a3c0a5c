/**
 * The in-app notifications of meetings and action items (issue 7): who hears of a publish, an
 * assignment, an item due in three days or overdue. Each has a key that makes it happen once:
 * the same meeting published to the same person, the same item assigned in the same version, due
 * soon or overdue for the same due day. The daily run relies on it to be idempotent.
 */
import type { MessageKey } from '../../i18n/index.ts';

export const NOTIFICATION_KINDS = ['meeting_published', 'action_item_assigned', 'action_item_due_soon', 'action_item_overdue'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const notificationKindKey = (kind: NotificationKind): MessageKey => `notification.kind.${kind}`;

/** The keys; db/notifications.ts builds the daily ones in SQL the same way (kind:item:user:dueOn). */
export const notificationKey = {
  published: (meetingId: string, userId: string) => `meeting_published:${meetingId}:${userId}`,
  assigned: (itemId: string, userId: string, version: number) => `action_item_assigned:${itemId}:${userId}:${version}`,
  dueSoon: (itemId: string, userId: string, dueOn: string) => `action_item_due_soon:${itemId}:${userId}:${dueOn}`,
  overdue: (itemId: string, userId: string, dueOn: string) => `action_item_overdue:${itemId}:${userId}:${dueOn}`,
};

/**
 * Who hears that a meeting's agenda is published: the chair, the presenters, the judges of the
 * cases on it and the owners of their warnings — each once, and not the coordinator who published.
 */
export function publishRecipients(
  input: { chairId: string; items: readonly { presenterId?: string | null; judgeId?: string | null; ownerId?: string | null }[] },
  publisherId: string,
): string[] {
  const ids = [input.chairId, ...input.items.flatMap((item) => [item.presenterId, item.judgeId, item.ownerId])];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string' && id !== '' && id !== publisherId))];
}
