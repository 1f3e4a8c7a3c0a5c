import { z } from '@hono/zod-openapi';
import { apiApp } from '../../http/openapi.ts';
import { ERROR_RESPONSES } from '../../schemas/common.ts';
import { StatsCsvQuerySchema } from '../../schemas/stats.ts';
import { RuleSetSchema } from '../../domain/rules/index.ts';
import { requireUser } from '../../middleware/require.ts';
import { auditApi } from './audit.ts';
import { casesApi } from './cases.ts';
import { courtsApi } from './courts.ts';
import { factorsApi } from './factors.ts';
import { meApi } from './me.ts';
import { usersApi } from './users.ts';
import { warningsApi } from './warnings.ts';
import { rulesetsApi } from './rulesets.ts';
import { evaluateApi } from './evaluate.ts';
import { petitionsApi } from './petitions.ts';
import { backtestApi, statsApi } from './stats.ts';
import { actionItemsApi } from './action-items.ts';
import { meetingsApi } from './meetings.ts';
import { notificationsApi } from './notifications.ts';

/** The JSON API under /api/v1; every route but the OpenAPI document needs a signed-in caller. */
export const api = apiApp();

// The rule-set document of domain.md §6, validated by the same schema the routes use.
api.openAPIRegistry.register('RuleSetDocument', RuleSetSchema);
api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
api.openAPIRegistry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: '__Host-session' });

const security: Record<string, string[]>[] = [{ bearer: [] }, { session: [] }];

// The statistics CSV is a signed-in download at the site's root (api.md `GET /stats.csv`), served by
// the pages (src/routes/web/stats.tsx); documented here with the server it lives on.
api.openAPIRegistry.registerPath({
  method: 'get',
  path: '/stats.csv',
  operationId: 'getStatsCsv',
  tags: ['statistics'],
  summary: 'The statistics (every table, or one) as CSV: UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting',
  servers: [{ url: '/', description: 'The site root, not /api/v1' }],
  request: { query: StatsCsvQuerySchema },
  responses: {
    200: { description: 'The CSV', content: { 'text/csv': { schema: z.string() } } },
    401: ERROR_RESPONSES[401],
    403: ERROR_RESPONSES[403],
    404: ERROR_RESPONSES[404],
    422: ERROR_RESPONSES[422],
  },
});

api.doc31('/openapi.json', (c) => ({
  openapi: '3.1.0',
  info: {
    title: '预警联席 API',
    version: '1.0.0',
    description: 'Petition-risk early warning and joint coordination meetings (涉诉信访风险预警与联席会议协同).',
  },
  servers: [{ url: `${new URL(c.req.url).origin}/api/v1` }],
  security,
}));

// Registered after the document, so only the routes below require a caller.
api.use('*', requireUser());

api.route('/me', meApi);
api.route('/courts', courtsApi);
api.route('/factors', factorsApi);
api.route('/cases', casesApi);
api.route('/audit', auditApi);
api.route('/users', usersApi);
api.route('/warnings', warningsApi);
api.route('/rulesets', rulesetsApi);
api.route('/evaluate', evaluateApi);
api.route('/petitions', petitionsApi);
api.route('/stats', statsApi);
api.route('/backtest', backtestApi);
api.route('/meetings', meetingsApi);
api.route('/action-items', actionItemsApi);
api.route('/notifications', notificationsApi);
