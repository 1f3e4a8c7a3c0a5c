import { z } from '@hono/zod-openapi';
import { ROLES } from '../domain/roles.ts';
import { PageQuerySchema, QueryFlagSchema, VersionSchema } from './common.ts';

export const UserCreateSchema = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, { message: 'user.usernameFormat' })
      .openapi({ example: 'zhangfg' }),
    displayName: z.string().trim().min(1).max(50).openapi({ example: '张法官' }),
    courtId: z.number().int().positive(),
    division: z.string().trim().max(50).default(''),
    roles: z
      .array(z.enum(ROLES))
      .min(1, { message: 'user.rolesRequired' })
      .max(ROLES.length)
      .refine((roles) => new Set(roles).size === roles.length, { message: 'user.rolesDuplicate' }),
    password: z.string().min(8, { message: 'user.passwordTooShort' }).max(128),
  })
  .openapi('UserCreate');
export type UserCreateInput = z.output<typeof UserCreateSchema>;

export const UserDeactivateSchema = z.object({ version: VersionSchema });

export const TokenCreateSchema = z
  .object({
    name: z.string().trim().min(1).max(50).openapi({ example: '审判流程管理系统对接' }),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .openapi('TokenCreate');

export const UserSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    division: z.string(),
    roles: z.array(z.enum(ROLES)),
    court: z.object({ id: z.number(), code: z.string(), name: z.string() }),
    active: z.boolean(),
    version: z.number(),
    createdAt: z.string(),
  })
  .openapi('User');

export const TokenSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiToken');

export const UserListQuerySchema = z.object({
  q: z.string().trim().max(50).optional(),
  role: z.enum(ROLES).optional(),
  courtId: z.coerce.number().int().positive().optional(),
  inactive: QueryFlagSchema.optional().openapi({ description: 'Include deactivated users' }),
  page: PageQuerySchema,
});
