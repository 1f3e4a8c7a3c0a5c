/** The inbox: newest first, unread in bold; opening one marks it read and goes where it leads. */
import type { NotificationView } from '../../src/services/notifications.ts';
import { Notice } from '../components/feedback.tsx';
import { dateTime } from '../format.ts';
import type { Ui } from '../ui.ts';

export function InboxView(props: { ui: Ui; items: NotificationView[]; unread: number; notice?: string }) {
  const { t } = props.ui;
  return (
    <div class="inbox-page">
      <Notice message={props.notice} />
      {props.unread > 0 && (
        <form method="post" action="/notifications/read-all" class="inbox-actions">
          <button type="submit" class="btn btn-small">
            {t('notification.readAll')}
          </button>
        </form>
      )}
      {props.items.length === 0 ? (
        <p class="empty">{t('notification.none')}</p>
      ) : (
        <ul class="card notification-list">
          {props.items.map((n) => (
            <li class={n.read ? 'read' : 'unread'} id={`n-${n.id}`}>
              <form method="post" action={`/notifications/${n.id}/read`}>
                <button type="submit" class="link notification-open">
                  {!n.read && <span class="visually-hidden">{t('notification.unread')}</span>}
                  {n.text}
                </button>
              </form>
              <span class="muted nowrap">{dateTime(n.createdAt)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
