import { Hono, type Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import './http/zod-messages.ts';
import { AppError, jsonError, retryAfterHeader } from './http/errors.ts';
import { respond, uiOf } from './http/render.tsx';
import type { AppEnv } from './http/types.ts';
import { authenticate } from './middleware/authenticate.ts';
import { d1Session } from './middleware/d1-session.ts';
import { language } from './middleware/language.ts';
import { isApiRequest, requireRole, requireUser } from './middleware/require.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { sameOriginWrites } from './middleware/same-origin.ts';
import { noStoreWhenSignedIn } from './middleware/no-store.ts';
import { api } from './routes/api/index.ts';
import { adminRoutes } from './routes/web/admin.tsx';
import { auditRoutes } from './routes/web/audit.tsx';
import { authRoutes } from './routes/web/auth.tsx';
import { caseRoutes } from './routes/web/cases.tsx';
import { ruleSetRoutes } from './routes/web/rulesets.tsx';
import { statsCsvHandler, statsRoutes } from './routes/web/stats.tsx';
import { petitionRoutes } from './routes/web/petitions.tsx';
import { backtestRoutes } from './routes/web/backtest.tsx';
import { warningRoutes } from './routes/web/warnings.tsx';
import { actionItemRoutes } from './routes/web/action-items.tsx';
import { leaderRoutes } from './routes/web/leader.tsx';
import { meetingRoutes } from './routes/web/meetings.tsx';
import { notificationRoutes } from './routes/web/notifications.tsx';
import { ErrorPanel } from '../views/error.tsx';
import { landingPath } from '../views/ui.ts';

/** Maps Hono's own refusals (broken JSON, wrong media type, CSRF) to the app's error shapes. */
function fromHttpException(err: HTTPException): AppError {
  if (err.status === 400 || err.status === 415) return new AppError('malformed', err.status === 415 ? 'error.mediaType' : 'error.malformed');
  if (err.status === 403) return new AppError('forbidden', 'error.csrf');
  if (err.status === 401) return new AppError('unauthenticated', 'error.unauthenticated');
  if (err.status === 404) return new AppError('not_found', 'error.notFound');
  return new AppError('internal', 'error.internal');
}

function errorAnswer(c: Context<AppEnv>, err: AppError) {
  if (isApiRequest(c)) return jsonError(c, err);
  retryAfterHeader(c, err);
  const message = c.var.t(err.key, err.params);
  return respond(c, {
    title: c.var.t('error.title'),
    content: <ErrorPanel ui={uiOf(c)} message={message} status={err.status} />,
    fragment: <ErrorPanel ui={uiOf(c)} message={message} status={err.status} />,
    status: err.status,
  });
}

export function createApp() {
  const app = new Hono<AppEnv>();
  app.use(securityHeaders());
  app.use(language());
  app.use(sameOriginWrites());
  app.use(d1Session());
  app.use(authenticate());
  app.use(noStoreWhenSignedIn());

  app.route('/', authRoutes);
  app.route('/api/v1', api);

  app.use('/cases/*', requireUser());
  app.use('/cases', requireUser());
  app.use('/admin/*', requireUser());
  app.use('/audit', requireUser());
  app.use('/warnings', requireUser());
  app.use('/warnings/*', requireUser());
  app.use('/stats', requireUser());
  app.use('/stats/*', requireUser());
  app.use('/stats.csv', requireUser());
  app.use('/petitions', requireUser());
  app.use('/petitions/*', requireUser());
  app.use('/backtest', requireUser());
  app.route('/warnings', warningRoutes);
  app.route('/stats', statsRoutes);
  app.route('/petitions', petitionRoutes);
  app.route('/backtest', backtestRoutes);
  app.get('/stats.csv', requireRole('readStats'), statsCsvHandler);
  for (const base of ['/meetings', '/action-items', '/leader', '/notifications']) {
    app.use(base, requireUser());
    app.use(`${base}/*`, requireUser());
  }
  app.route('/meetings', meetingRoutes);
  app.route('/action-items', actionItemRoutes);
  app.route('/leader', leaderRoutes);
  app.route('/notifications', notificationRoutes);
  app.route('/admin/rulesets', ruleSetRoutes);
  app.route('/cases', caseRoutes);
  app.route('/admin', adminRoutes);
  app.route('/audit', auditRoutes);

  app.get('/', (c) => c.redirect(c.var.user ? landingPath(c.var.user.roles) : '/login', 303));

  app.notFound((c) => errorAnswer(c, new AppError('not_found', 'error.notFound')));
  app.onError((err, c) => {
    if (err instanceof AppError) return errorAnswer(c, err);
    if (err instanceof HTTPException) return errorAnswer(c, fromHttpException(err));
    console.error('unhandled error', c.req.method, c.req.path, err);
    return errorAnswer(c, new AppError('internal', 'error.internal'));
  });
  return app;
}
