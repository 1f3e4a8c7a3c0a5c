import { z } from '@hono/zod-openapi';
import { PageQuerySchema } from './common.ts';

/** The audit trail's filters, for the page and the API. */
export const AuditQuerySchema = z.object({
  entity: z.string().max(32).optional().openapi({ example: 'case' }),
  id: z.string().max(64).optional(),
  page: PageQuerySchema,
});
