import { createRoute, z } from '@hono/zod-openapi';
import { apiApp } from '../../http/openapi.ts';
import { currentUser } from '../../middleware/require.ts';
import { ERROR_RESPONSES, jsonContent } from '../../schemas/common.ts';
import { NotificationListSchema } from '../../schemas/meeting-views.ts';
import { loadInbox, markRead } from '../../services/notifications.ts';

const NotificationParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).openapi({ param: { name: 'id', in: 'path' } }) });

export const notificationsApi = apiApp()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'listNotifications',
      tags: ['notifications'],
      summary: "The caller's inbox, newest first, with the unread count",
      responses: { 200: jsonContent(NotificationListSchema, 'The inbox'), ...ERROR_RESPONSES },
    }),
    async (c) => c.json(await loadInbox(c.var.db, currentUser(c), c.var.t), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/read',
      operationId: 'readNotification',
      tags: ['notifications'],
      summary: 'Mark one of the caller’s notifications read (another user’s is 404)',
      request: { params: NotificationParam },
      responses: { 200: jsonContent(z.object({ id: z.number(), read: z.literal(true), href: z.string() }), 'Marked read'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const href = await markRead(c.var.db, currentUser(c), id);
      return c.json({ id, read: true as const, href }, 200);
    },
  );
