import { Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../http/errors.ts';
import { respond, seeOther, uiOf } from '../../http/render.tsx';
import type { AppEnv } from '../../http/types.ts';
import { currentUser } from '../../middleware/require.ts';
import { loadInbox, markAllRead, markRead } from '../../services/notifications.ts';
import { InboxView } from '../../../views/notifications/inbox.tsx';

const IdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** The inbox; opening a notification marks it read and goes where it leads. */
export const notificationRoutes = new Hono<AppEnv>()
  .get('/', async (c) => {
    const { items, unread } = await loadInbox(c.var.db, currentUser(c), c.var.t);
    return respond(c, { title: c.var.t('notification.title'), crumbs: [{ label: c.var.t('notification.title') }], content: <InboxView ui={uiOf(c)} items={items} unread={unread} /> });
  })
  .post('/read-all', async (c) => {
    await markAllRead(c.var.db, currentUser(c));
    return seeOther(c, '/notifications');
  })
  .post('/:id/read', async (c) => {
    const id = IdSchema.safeParse(c.req.param('id'));
    if (!id.success) throw new AppError('not_found', 'error.notFound');
    return seeOther(c, await markRead(c.var.db, currentUser(c), id.data));
  });
