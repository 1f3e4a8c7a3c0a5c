import type { Child } from 'hono/jsx';
import { navItems, type Crumb, type Ui } from './ui.ts';

/**
 * htmx runs under the strict CSP: no eval, no injected indicator styles; 409 and 422 answers
 * are swapped in (they carry the form with its messages), other errors are not.
 */
const HTMX_CONFIG = JSON.stringify({
  allowEval: false,
  allowScriptTags: false,
  includeIndicatorStyles: false,
  // Settling the style attribute would write style="" on swapped elements, which the CSP blocks.
  attributesToSettle: ['class', 'width', 'height'],
  selfRequestsOnly: true,
  historyCacheSize: 0,
  responseHandling: [
    { code: '204', swap: false },
    { code: '[23]..', swap: true },
    { code: '409', swap: true, error: false },
    { code: '422', swap: true, error: false },
    { code: '[45]..', swap: false, error: true },
  ],
});

/** The inbox in the header: the unread count the session read brought along. */
function InboxLink(props: { ui: Ui; count: number }) {
  const { t } = props.ui;
  const label = props.count > 0 ? t('notification.inboxUnread', { n: props.count }) : t('notification.inbox');
  return (
    <a class="inbox" href="/notifications" aria-label={label}>
      <span aria-hidden="true">{t('notification.inbox')}</span>
      {props.count > 0 && (
        <span class="inbox-count" aria-hidden="true">
          {props.count > 99 ? '99+' : String(props.count)}
        </span>
      )}
    </a>
  );
}

export function Layout(props: {
  ui: Ui;
  title: string;
  crumbs?: Crumb[];
  /** The page's one primary action, top right. */
  primary?: Child;
  children?: Child;
}) {
  const { ui, title } = props;
  const { t } = ui;
  const other = ui.lang === 'en' ? 'zh-CN' : 'en';
  return (
    <html lang={ui.lang === 'en' ? 'en' : 'zh-CN'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content={HTMX_CONFIG} />
        <title>{`${title} · ${t('app.name')}`}</title>
        <link rel="icon" href="/static/favicon.svg" type="image/svg+xml" />
        <link rel="stylesheet" href="/static/app.css" />
        <script src="/static/vendor/htmx.min.js" defer></script>
        <script src="/static/app.js" defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('a11y.skipToContent')}
        </a>
        <header class="topbar">
          <a class="brand" href="/">
            {t('app.name')}
          </a>
          {ui.user && (
            <span class="whoami">
              <span class="court">{ui.user.courtName}</span>
              <span class="name">{ui.user.displayName}</span>
            </span>
          )}
          {ui.user && <InboxLink ui={ui} count={ui.user.unreadNotifications} />}
          <nav class="lang" aria-label={t('lang.switch')}>
            <a href={`/lang/${other}?next=${encodeURIComponent(ui.path)}`} hreflang={other === 'en' ? 'en' : 'zh-CN'} lang={other === 'en' ? 'en' : 'zh-CN'}>
              {t('lang.other')}
            </a>
          </nav>
          {ui.user && (
            <form method="post" action="/logout" class="logout">
              <button type="submit" class="link">
                {t('auth.signOut')}
              </button>
            </form>
          )}
        </header>
        <div class={ui.user ? 'shell' : 'shell shell-anon'}>
          {ui.user && (
            <nav class="sidenav" aria-label={t('nav.label')}>
              <ul>
                {navItems(ui.user.roles).map((item) => (
                  <li>
                    <a href={item.href} aria-current={ui.path.split('?')[0]!.startsWith(item.href) ? 'page' : undefined}>
                      {t(item.key)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <main id="main" tabindex={-1}>
            {props.crumbs && props.crumbs.length > 0 && (
              <nav class="breadcrumb" aria-label={t('nav.breadcrumb')}>
                <ol>
                  {props.crumbs.map((c) => (
                    <li>{c.href ? <a href={c.href}>{c.label}</a> : <span aria-current="page">{c.label}</span>}</li>
                  ))}
                </ol>
              </nav>
            )}
            <div class="page-head">
              <h1>{title}</h1>
              {/* Always there (even empty), so an htmx answer can replace it out of band when the page's state moves on. */}
              <div class="primary-action" id="primary-action">
                {props.primary}
              </div>
            </div>
            {props.children}
          </main>
        </div>
        <div id="live" class="visually-hidden" role="status" aria-live="polite"></div>
      </body>
    </html>
  );
}
