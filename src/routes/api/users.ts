import { createRoute, z } from '@hono/zod-openapi';
import { apiApp } from '../../http/openapi.ts';
import { currentUser, requireRole } from '../../middleware/require.ts';
import { ERROR_RESPONSES, IdParam, jsonBody, jsonContent, pathId } from '../../schemas/common.ts';
import { TokenCreateSchema, TokenSchema, UserCreateSchema, UserDeactivateSchema, UserListQuerySchema, UserSchema } from '../../schemas/users.ts';
import { createUser, deactivateUser, findUsers, issueToken, requireManagedUser, revokeToken, tokensOf, userView } from '../../services/users.ts';

const TokenIdParam = IdParam.extend({ tokenId: pathId('tokenId') });

export const usersApi = apiApp()
  .openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'listUsers',
      tags: ['admin'],
      summary: "Users of the admin's court and the courts below it",
      middleware: [requireRole('manageUsers')] as const,
      request: { query: UserListQuerySchema },
      responses: {
        200: jsonContent(z.object({ items: z.array(UserSchema), page: z.number(), pageSize: z.number(), total: z.number() }), 'Users'),
        ...ERROR_RESPONSES,
      },
    }),
    async (c) => c.json(await findUsers(c.var.db, currentUser(c), c.req.valid('query'), c.var.lang), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/',
      operationId: 'createUser',
      tags: ['admin'],
      summary: 'Create a user with roles and a court',
      middleware: [requireRole('manageUsers')] as const,
      request: { body: jsonBody(UserCreateSchema) },
      responses: { 201: jsonContent(UserSchema, 'The new user'), ...ERROR_RESPONSES },
    }),
    async (c) => c.json(await createUser(c.var.db, currentUser(c), c.req.valid('json'), c.var.t, c.var.lang), 201),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}',
      operationId: 'getUser',
      tags: ['admin'],
      summary: 'One user',
      middleware: [requireRole('manageUsers')] as const,
      request: { params: IdParam },
      responses: { 200: jsonContent(UserSchema, 'The user'), ...ERROR_RESPONSES },
    }),
    async (c) => c.json(userView(await requireManagedUser(c.var.db, currentUser(c), c.req.valid('param').id), c.var.lang), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/deactivate',
      operationId: 'deactivateUser',
      tags: ['admin'],
      summary: 'Deactivate a user: ends its sessions and revokes its API tokens',
      middleware: [requireRole('manageUsers')] as const,
      request: { params: IdParam, body: jsonBody(UserDeactivateSchema) },
      responses: { 200: jsonContent(UserSchema, 'The deactivated user'), ...ERROR_RESPONSES },
    }),
    async (c) =>
      c.json(await deactivateUser(c.var.db, currentUser(c), c.req.valid('param').id, c.req.valid('json').version, c.var.lang), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/{id}/tokens',
      operationId: 'listTokens',
      tags: ['admin'],
      summary: "A user's API tokens (never the secrets)",
      middleware: [requireRole('manageUsers')] as const,
      request: { params: IdParam },
      responses: { 200: jsonContent(z.object({ tokens: z.array(TokenSchema) }), 'Tokens'), ...ERROR_RESPONSES },
    }),
    async (c) => c.json({ tokens: await tokensOf(c.var.db, currentUser(c), c.req.valid('param').id) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/tokens',
      operationId: 'issueToken',
      tags: ['admin'],
      summary: 'Issue an API token to a user; the secret is shown once',
      middleware: [requireRole('manageUsers')] as const,
      request: { params: IdParam, body: jsonBody(TokenCreateSchema) },
      responses: {
        201: jsonContent(z.object({ token: z.string().openapi({ description: 'Shown only in this answer' }), info: TokenSchema }), 'The token'),
        ...ERROR_RESPONSES,
      },
    }),
    async (c) => c.json(await issueToken(c.var.db, currentUser(c), c.req.valid('param').id, c.req.valid('json')), 201),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/{id}/tokens/{tokenId}/revoke',
      operationId: 'revokeToken',
      tags: ['admin'],
      summary: 'Revoke an API token',
      middleware: [requireRole('manageUsers')] as const,
      request: { params: TokenIdParam },
      responses: { 200: jsonContent(TokenSchema, 'The revoked token'), ...ERROR_RESPONSES },
    }),
    async (c) => {
      const { id, tokenId } = c.req.valid('param');
      return c.json(await revokeToken(c.var.db, currentUser(c), id, tokenId), 200);
    },
  );
