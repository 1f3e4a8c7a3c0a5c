import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { Layout } from '../../views/layout.tsx';
import type { Crumb, Ui } from '../../views/ui.ts';
import type { AppEnv } from './types.ts';

export function isHtmx(c: Context): boolean {
  return c.req.header('HX-Request') === 'true' && c.req.header('HX-History-Restore-Request') !== 'true';
}

/** The id of the element htmx will swap, when the request came from htmx. */
export function htmxTarget(c: Context): string | undefined {
  return isHtmx(c) ? c.req.header('HX-Target') ?? undefined : undefined;
}

export function uiOf(c: Context<AppEnv>): Ui {
  const url = new URL(c.req.url);
  const user = c.var.user;
  return {
    t: c.var.t,
    lang: c.var.lang,
    path: url.pathname + url.search,
    ...(user
      ? {
          user: {
            displayName: user.displayName,
            courtName: c.var.lang === 'en' && user.court.nameEn ? user.court.nameEn : user.court.name,
            roles: user.roles,
            unreadNotifications: user.unreadNotifications,
          },
        }
      : {}),
  };
}

/**
 * One component, two answers: htmx asking for a fragment gets `fragment`, a normal request gets
 * the full page around `content`.
 */
export function respond(
  c: Context<AppEnv>,
  page: { title: string; crumbs?: Crumb[]; primary?: Child; content: Child; fragment?: Child; status?: ContentfulStatusCode },
) {
  const status = page.status ?? 200;
  if (page.fragment !== undefined && isHtmx(c)) return c.html(<>{page.fragment}</>, status);
  return c.html(
    <Layout ui={uiOf(c)} title={page.title} crumbs={page.crumbs} primary={page.primary}>
      {page.content}
    </Layout>,
    status,
  );
}

/** After a successful form post without htmx: Post/Redirect/Get. */
export function seeOther(c: Context, location: string) {
  return c.redirect(location, 303);
}
