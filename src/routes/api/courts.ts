import { createRoute, z } from '@hono/zod-openapi';
import { seesSubtree } from '../../domain/roles.ts';
import { courtTree, getCourt, listCourtSubtree, type CourtNode } from '../../db/courts.ts';
import { apiApp } from '../../http/openapi.ts';
import { currentUser } from '../../middleware/require.ts';
import { ERROR_RESPONSES, jsonContent } from '../../schemas/common.ts';

const CourtNodeSchema: z.ZodType<CourtNode> = z.lazy(() =>
  z.object({
    id: z.number(),
    code: z.string(),
    name: z.string(),
    nameEn: z.string().nullable(),
    level: z.enum(['high', 'intermediate', 'basic']),
    hasVideoRoom: z.boolean(),
    children: z.array(CourtNodeSchema),
  }),
  // A named component, so `children` is a $ref and the document generator does not recurse forever.
).openapi('CourtNode');

export const courtsApi = apiApp().openapi(
  createRoute({
    method: 'get',
    path: '/',
    operationId: 'listCourts',
    tags: ['reference'],
    summary: "The courts in the caller's scope, as a tree",
    responses: {
      200: jsonContent(z.object({ courts: z.array(CourtNodeSchema) }), 'Court tree rooted at the caller’s court'),
      401: ERROR_RESPONSES[401],
    },
  }),
  async (c) => {
    const u = currentUser(c);
    const rows = seesSubtree(u) ? await listCourtSubtree(c.var.db, u.courtPath) : [await getCourt(c.var.db, u.courtId)].filter((r) => r !== null);
    return c.json({ courts: courtTree(rows) }, 200);
  },
);
