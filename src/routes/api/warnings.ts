import { createRoute, z } from '@hono/zod-openapi';
import { apiApp } from '../../http/openapi.ts';
import { currentUser, requireRole } from '../../middleware/require.ts';
import { ERROR_RESPONSES, IdParam, jsonBody, jsonContent } from '../../schemas/common.ts';
import { AssessmentSchema, FlagSchema } from '../../schemas/cases.ts';
import { BulkAcknowledgeSchema, WarningActionSchema, WarningEventSchema, WarningQuerySchema, WarningSummarySchema } from '../../schemas/warnings.ts';
import { actOnWarning, bulkAcknowledge, findWarnings, loadWarningDetail } from '../../services/warnings.ts';

const WarningDetailSchema = WarningSummarySchema.extend({
  flags: z.array(FlagSchema),
  assessment: AssessmentSchema.nullable(),
  timeline: z.array(WarningEventSchema),
}).openapi('Warning');

const QueueSchema = z.object({
  items: z.array(WarningSummarySchema),
  counts: z.record(z.string(), z.number()).openapi({ description: 'Warnings per state under the same filters, plus active and all' }),
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
});

export const warningsApi = apiApp()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'listWarnings',
      tags: ['warnings'],
      summary: "The warning queue of the caller's scope (judges: their cases' warnings, read-only)",
      request: { query: WarningQuerySchema },
      responses: { 200: jsonContent(QueueSchema, 'A page of warnings'), ...ERROR_RESPONSES },
    }),
    async (c) => c.json(await findWarnings(c.var.db, currentUser(c), c.req.valid('query'), c.var.lang), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/bulk-acknowledge',
      operationId: 'bulkAcknowledgeWarnings',
      tags: ['warnings'],
      summary: 'Acknowledge several warnings; each succeeds or fails on its own',
      middleware: [requireRole('reviewWarnings')] as const,
      request: { body: jsonBody(BulkAcknowledgeSchema) },
      responses: {
        200: jsonContent(
          z.object({ acknowledged: z.array(z.string()), failed: z.array(z.object({ id: z.string(), code: z.string(), message: z.string() })) }),
          'What was acknowledged and what was refused',
        ),
        ...ERROR_RESPONSES,
      },
    }),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(await bulkAcknowledge(c.var.db, currentUser(c), body.items, body.ownerId, c.var.t, c.var.lang), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      operationId: 'getWarning',
      tags: ['warnings'],
      summary: 'A warning with its case, flags, trace and timeline',
      request: { params: IdParam },
      responses: { 200: jsonContent(WarningDetailSchema, 'The warning'), ...ERROR_RESPONSES },
    }),
    async (c) => c.json(await loadWarningDetail(c.var.db, currentUser(c), c.req.valid('param').id, c.var.lang), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/actions',
      operationId: 'actOnWarning',
      tags: ['warnings'],
      summary: 'Act on a warning; 409 with the current warning on a stale version or a forbidden move',
      middleware: [requireRole('actOnWarnings')] as const,
      request: { params: IdParam, body: jsonBody(WarningActionSchema) },
      responses: { 200: jsonContent(WarningDetailSchema, 'The warning after the action'), ...ERROR_RESPONSES },
    }),
    async (c) => c.json(await actOnWarning(c.var.db, currentUser(c), c.req.valid('param').id, c.req.valid('json'), c.var.t, c.var.lang), 200),
  );
