import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { isLang } from '../../i18n/index.ts';
import { LANG_COOKIE } from '../../middleware/language.ts';
import { SESSION_COOKIE } from '../../middleware/authenticate.ts';
import { AppError, retryAfterHeader } from '../../http/errors.ts';
import { formValues, validateForm } from '../../http/forms.ts';
import { respond } from '../../http/render.tsx';
import { localPath } from '../../http/safe-redirect.ts';
import type { AppEnv } from '../../http/types.ts';
import { LoginSchema } from '../../schemas/auth.ts';
import { signIn, signOut } from '../../services/auth.ts';
import { emptyForm, type FormState } from '../../../views/components/form.tsx';
import { LoginForm } from '../../../views/login.tsx';
import { landingPath } from '../../../views/ui.ts';

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
  .post('/login', async (c) => {
    const values = await formValues(c);
    const username = values.username ?? '';
    const checked = validateForm(c, LoginSchema, values, { username });
    if (!checked.ok) return loginPage(c, checked.state, localPath(values.next), 422);
    const target = localPath(checked.data.next);
    try {
      const session = await signIn(c.var.db, checked.data, Number(c.env.SESSION_MAX_MINUTES ?? '720'), c.req.header('cf-connecting-ip') ?? '');
      setCookie(c, SESSION_COOKIE, session.token, {
        prefix: 'host',
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'Lax',
        maxAge: session.maxAgeSeconds,
      });
      return c.redirect(target, 303);
    } catch (err) {
      if (!(err instanceof AppError) || (err.code !== 'unauthenticated' && err.code !== 'too_many_requests')) throw err;
      const form: FormState = { values: { username: checked.data.username }, errors: {}, formError: c.var.t(err.key, err.params) };
      retryAfterHeader(c, err);
      return loginPage(c, form, target, err.code === 'too_many_requests' ? 429 : 401);
    }
  })
  .post('/logout', async (c) => {
    await signOut(c.var.db, c.var.user);
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
