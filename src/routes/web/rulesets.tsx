import { Hono } from 'hono';
import type { AppEnv } from '../../http/types.ts';

/** The admin's rule-set pages (HTML). */
export const ruleSetRoutes = new Hono<AppEnv>();
