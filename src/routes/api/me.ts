import { createRoute, z } from '@hono/zod-openapi';
import { seesSubtree, visibleKinds } from '../../domain/roles.ts';
import { apiApp } from '../../http/openapi.ts';
import { currentUser } from '../../middleware/require.ts';
import { CaseKindSchema, ERROR_RESPONSES, jsonContent } from '../../schemas/common.ts';

const MeSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    division: z.string(),
    roles: z.array(z.string()),
    court: z.object({ id: z.number(), code: z.string(), name: z.string(), nameEn: z.string().nullable(), level: z.string() }),
    scope: z.object({
      courts: z.enum(['own', 'subtree']).openapi({ description: "'subtree': the court and every court below it" }),
      caseKinds: z.array(CaseKindSchema),
    }),
    authenticatedBy: z.enum(['session', 'token']),
  })
  .openapi('Me');

export const meApi = apiApp().openapi(
  createRoute({
    method: 'get',
    path: '/',
    operationId: 'getMe',
    tags: ['session'],
    summary: 'The signed-in user, roles, court and scope',
    responses: { 200: jsonContent(MeSchema, 'The caller'), 401: ERROR_RESPONSES[401] },
  }),
  (c) => {
    const u = currentUser(c);
    return c.json(
      {
        id: u.id,
        username: u.username,
        displayName: u.displayName,
        division: u.division,
        roles: [...u.roles],
        court: u.court,
        scope: { courts: seesSubtree(u) ? ('subtree' as const) : ('own' as const), caseKinds: visibleKinds(u) },
        authenticatedBy: u.via === 'api' ? ('token' as const) : ('session' as const),
      },
      200,
    );
  },
);
