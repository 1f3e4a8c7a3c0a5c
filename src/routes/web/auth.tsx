import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { zValidator } from '@hono/zod-validator';
import { z } from 'zod';
import { auditStatement } from '../../db/audit.ts';
import {
  clearFailuresStatement,
  countRecentFailures,
  endSessionStatement,
  insertSessionStatement,
  recordFailureStatement,
} from '../../db/auth.ts';
import { getUserCredentials } from '../../db/users.ts';
import { isLang } from '../../i18n/index.ts';
import { LANG_COOKIE } from '../../middleware/language.ts';
import { SESSION_COOKIE } from '../../middleware/authenticate.ts';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../../security/password.ts';
import { newSecret, sha256Hex } from '../../security/tokens.ts';
import { respond } from '../../http/render.tsx';
import { localPath } from '../../http/safe-redirect.ts';
import { publicIssues } from '../../http/zod-messages.ts';
import type { AppEnv } from '../../http/types.ts';
import { emptyForm, type FormState } from '../../../views/components/form.tsx';
import { LoginForm } from '../../../views/login.tsx';
import { landingPath } from '../../../views/ui.ts';

const THROTTLE_WINDOW_MS = 15 * 60_000;
const THROTTLE_MAX_FAILURES = 5;

export const LoginSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  next: z.string().max(2048).optional(),
});

function loginPage(c: Context<AppEnv>, form: FormState, next: string, status: 200 | 401 | 422 | 429) {
  return respond(c, {
    title: c.var.t('auth.signInTitle'),
    content: <LoginForm ui={{ t: c.var.t, lang: c.var.lang, path: c.req.path }} form={form} next={next} />,
    status,
  });
}

export const authRoutes = new Hono<AppEnv>()
  .get('/login', (c) => {
    const next = localPath(c.req.query('next'));
    if (c.var.user) return c.redirect(next === '/' ? landingPath(c.var.user.roles) : next, 303);
    return loginPage(c, emptyForm(), next, 200);
  })
  .post(
    '/login',
    zValidator('form', LoginSchema, (result, ctx) => {
      const c = ctx as unknown as Context<AppEnv>;
      if (!result.success) {
        const errors: Record<string, string> = {};
        for (const issue of publicIssues(result.error.issues, c.var.t)) errors[String(issue.path[0])] ??= issue.message;
        const values = { username: String((result.data as { username?: unknown }).username ?? '') };
        return loginPage(c, { values, errors }, localPath((result.data as { next?: string }).next), 422);
      }
    }),
    async (c) => {
      const { username, password, next } = c.req.valid('form');
      const db = c.env.DB;
      const now = new Date();
      const t = c.var.t;
      const target = localPath(next);
      const form = (formError: string): FormState => ({ values: { username }, errors: {}, formError });

      const since = new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString();
      if ((await countRecentFailures(db, username, since)) >= THROTTLE_MAX_FAILURES) {
        return loginPage(c, form(t('auth.throttled', { minutes: 15 })), target, 429);
      }

      const creds = await getUserCredentials(db, username);
      // An unknown user costs the same hashing time as a wrong password.
      const ok = await verifyPassword(password, creds?.password_hash ?? DUMMY_PASSWORD_HASH);
      if (!creds || !ok || creds.active !== 1) {
        await db.batch([
          recordFailureStatement(db, username, now.toISOString()),
          auditStatement(db, {
            actorId: creds?.id ?? null,
            via: 'web',
            courtId: creds?.court_id ?? null,
            action: 'auth.login_failed',
            entity: 'user',
            entityId: creds?.id ?? username,
          }),
        ]);
        return loginPage(c, form(t('auth.failed')), target, 401);
      }

      const token = newSecret();
      const maxMinutes = Number(c.env.SESSION_MAX_MINUTES ?? '720');
      const expiresAt = new Date(now.getTime() + maxMinutes * 60_000).toISOString();
      await db.batch([
        insertSessionStatement(db, { tokenHash: await sha256Hex(token), userId: creds.id, now: now.toISOString(), expiresAt }),
        clearFailuresStatement(db, username),
        auditStatement(db, { actorId: creds.id, via: 'web', courtId: creds.court_id, action: 'auth.login', entity: 'user', entityId: creds.id }),
      ]);
      setCookie(c, SESSION_COOKIE, token, {
        prefix: 'host',
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'Lax',
        maxAge: maxMinutes * 60,
      });
      return c.redirect(target, 303);
    },
  )
  .post('/logout', async (c) => {
    const user = c.var.user;
    if (user?.sessionHash) {
      const db = c.env.DB;
      await db.batch([
        endSessionStatement(db, user.sessionHash, new Date().toISOString()),
        auditStatement(db, { actorId: user.id, via: 'web', courtId: user.courtId, action: 'auth.logout', entity: 'user', entityId: user.id }),
      ]);
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, prefix: 'host' });
    return c.redirect('/login', 303);
  })
  .get('/lang/:lang', (c) => {
    const lang = c.req.param('lang');
    if (isLang(lang)) {
      setCookie(c, LANG_COOKIE, lang, { path: '/', secure: true, sameSite: 'Lax', maxAge: 365 * 24 * 3600 });
    }
    return c.redirect(localPath(c.req.query('next')), 303);
  });
