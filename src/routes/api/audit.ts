import { createRoute, z } from '@hono/zod-openapi';
import { shanghaiIso } from '../../domain/time.ts';
import { listAudit } from '../../db/audit.ts';
import { apiApp } from '../../http/openapi.ts';
import { currentUser, requireRole } from '../../middleware/require.ts';
import { ERROR_RESPONSES, jsonContent } from '../../schemas/common.ts';

export const AUDIT_PAGE_SIZE = 50;

export const AuditQuerySchema = z.object({
  entity: z.string().max(32).optional().openapi({ example: 'case' }),
  id: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

const AuditEntrySchema = z
  .object({
    id: z.number(),
    at: z.string(),
    actor: z.object({ id: z.string(), displayName: z.string() }).nullable(),
    via: z.string(),
    courtId: z.number().nullable(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .openapi('AuditEntry');

export const auditApi = apiApp().openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['audit'],
    summary: "The audit trail of the caller's scope, newest first",
    middleware: [requireRole('admin', 'leader')] as const,
    request: { query: AuditQuerySchema },
    responses: {
      200: jsonContent(z.object({ items: z.array(AuditEntrySchema), page: z.number(), pageSize: z.number(), total: z.number() }), 'Entries'),
      ...ERROR_RESPONSES,
    },
  }),
  async (c) => {
    const u = currentUser(c);
    const q = c.req.valid('query');
    const { rows, total } = await listAudit(c.env.DB, {
      scopePath: u.courtPath,
      entity: q.entity,
      entityId: q.id,
      limit: AUDIT_PAGE_SIZE,
      offset: (q.page - 1) * AUDIT_PAGE_SIZE,
    });
    return c.json(
      {
        items: rows.map((r) => ({
          id: r.id,
          at: shanghaiIso(r.at),
          actor: r.actor_id ? { id: r.actor_id, displayName: r.actor_name ?? '' } : null,
          via: r.via,
          courtId: r.court_id,
          action: r.action,
          entity: r.entity,
          entityId: r.entity_id,
          before: r.before_json ? JSON.parse(r.before_json) : null,
          after: r.after_json ? JSON.parse(r.after_json) : null,
        })),
        page: q.page,
        pageSize: AUDIT_PAGE_SIZE,
        total,
      },
      200,
    );
  },
);
