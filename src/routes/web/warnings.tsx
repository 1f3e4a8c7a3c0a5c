import { Hono } from 'hono';
import type { AppEnv } from '../../http/types.ts';

/** The warning queue and warning pages (HTML). */
export const warningRoutes = new Hono<AppEnv>();
