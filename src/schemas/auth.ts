import { z } from '@hono/zod-openapi';

/** The sign-in form (api.md `POST /login`). */
export const LoginSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  next: z.string().max(2048).optional(),
});
