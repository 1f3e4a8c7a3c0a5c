import { createRoute } from '@hono/zod-openapi';
import { apiApp } from '../../http/openapi.ts';
import { currentUser, requireRole } from '../../middleware/require.ts';
import { ERROR_RESPONSES, jsonContent } from '../../schemas/common.ts';
import { BacktestQuerySchema, BacktestSchema, StatsQuerySchema, StatsSchema } from '../../schemas/stats.ts';
import { runBacktestFor } from '../../services/backtest.ts';
import { loadStats } from '../../services/stats.ts';

const READ_ERRORS = { 401: ERROR_RESPONSES[401], 403: ERROR_RESPONSES[403], 404: ERROR_RESPONSES[404], 422: ERROR_RESPONSES[422] } as const;

/** The statistics of a court's scope for a period (domain.md §9), from the daily and monthly roll-ups. */
export const statsApi = apiApp().openapi(
  createRoute({
    method: 'get',
    path: '/',
    operationId: 'getStats',
    tags: ['statistics'],
    summary: '件 and 人次 by channel, court level, court and month with 同比, the 三降一升一平稳 panel, the named figures, lawyers and judicial assistance, warnings',
    middleware: [requireRole('readStats')] as const,
    request: { query: StatsQuerySchema },
    responses: { 200: jsonContent(StatsSchema, 'The report'), ...READ_ERRORS },
  }),
  async (c) => c.json(await loadStats(c.var.db, currentUser(c), c.req.valid('query'), c.var.t, c.var.lang), 200),
);

/** Did the warnings work? A rule set replayed over the scope's case histories (domain.md §10). */
export const backtestApi = apiApp().openapi(
  createRoute({
    method: 'get',
    path: '/',
    operationId: 'getBacktest',
    tags: ['rulesets'],
    summary: 'Recall (with the median lead time), precision and per-rule figures of a rule set replayed as of each case’s history; optionally beside a second set',
    middleware: [requireRole('backtest')] as const,
    request: { query: BacktestQuerySchema },
    responses: { 200: jsonContent(BacktestSchema, 'The backtest'), ...READ_ERRORS },
  }),
  async (c) => {
    const { ruleSets: _sets, ...backtest } = await runBacktestFor(c.var.db, currentUser(c), c.req.valid('query'), c.var.t, c.var.lang);
    return c.json(backtest, 200);
  },
);
