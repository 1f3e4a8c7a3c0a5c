import { createRoute, z } from '@hono/zod-openapi';
import { listFactors } from '../../db/factors.ts';
import { apiApp } from '../../http/openapi.ts';
import { ERROR_RESPONSES, jsonContent } from '../../schemas/common.ts';

const FactorSchema = z
  .object({
    code: z.string(),
    name: z.string().openapi({ description: "In the caller's language" }),
    nameZh: z.string(),
    nameEn: z.string(),
    defaultPoints: z.number().nullable(),
    forcesLevel: z.enum(['blue', 'yellow', 'orange', 'red']).nullable(),
    usuallyBy: z.enum(['trial', 'enforcement', 'trial_enforcement', 'any']),
    active: z.boolean(),
  })
  .openapi('RiskFactor');

export const factorsApi = apiApp().openapi(
  createRoute({
    method: 'get',
    path: '/',
    operationId: 'listFactors',
    tags: ['reference'],
    summary: 'The risk-factor catalog',
    responses: { 200: jsonContent(z.object({ factors: z.array(FactorSchema) }), 'Catalog'), 401: ERROR_RESPONSES[401] },
  }),
  async (c) => {
    const rows = await listFactors(c.var.db);
    return c.json(
      {
        factors: rows.map((f) => ({
          code: f.code,
          name: c.var.lang === 'en' ? f.name_en : f.name_zh,
          nameZh: f.name_zh,
          nameEn: f.name_en,
          defaultPoints: f.default_points,
          forcesLevel: f.forces_level,
          usuallyBy: f.usually_by,
          active: f.active === 1,
        })),
      },
      200,
    );
  },
);
