import { createRoute, z } from '@hono/zod-openapi';
import { findAudit } from '../../services/audit.ts';
import { apiApp } from '../../http/openapi.ts';
import { currentUser, requireRole } from '../../middleware/require.ts';
import { AuditQuerySchema } from '../../schemas/audit.ts';
import { ERROR_RESPONSES, jsonContent } from '../../schemas/common.ts';

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
    operationId: 'listAudit',
    tags: ['audit'],
    summary: "The audit trail of the caller's scope, newest first",
    middleware: [requireRole('readAudit')] as const,
    request: { query: AuditQuerySchema },
    responses: {
      200: jsonContent(z.object({ items: z.array(AuditEntrySchema), page: z.number(), pageSize: z.number(), total: z.number() }), 'Entries'),
      ...ERROR_RESPONSES,
    },
  }),
  async (c) => c.json(await findAudit(c.var.db, currentUser(c), c.req.valid('query')), 200),
);
