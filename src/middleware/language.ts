import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { DEFAULT_LANG, isLang, langFromAcceptLanguage, translator, type Lang } from '../i18n/index.ts';
import type { AppEnv } from '../http/types.ts';

export const LANG_COOKIE = 'lang';

/**
 * Picks the language of the response: `?lang=` for one request, then the `lang` cookie the
 * language switch sets; API callers may also ask with Accept-Language. Chinese otherwise.
 */
export function language(): MiddlewareHandler<AppEnv> {
  return async function language(c, next) {
    const query = c.req.query('lang');
    const cookie = getCookie(c, LANG_COOKIE);
    let lang: Lang = DEFAULT_LANG;
    if (isLang(query)) lang = query;
    else if (c.req.path.startsWith('/api/') && c.req.header('accept-language')) {
      lang = langFromAcceptLanguage(c.req.header('accept-language'));
    } else if (isLang(cookie)) lang = cookie;
    c.set('lang', lang);
    c.set('t', translator(lang));
    await next();
  };
}
