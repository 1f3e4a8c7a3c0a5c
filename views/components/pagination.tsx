import type { Translate } from '../../src/i18n/index.ts';

/** Previous / next links that keep the other query parameters; works with and without htmx. */
export function Pagination(props: {
  t: Translate;
  page: number;
  pageSize: number;
  total: number;
  /** The total stopped counting (a list of a province's cases): "1,000+", and a next page while pages are full. */
  capped?: boolean;
  onPage?: number;
  /** Builds the URL of another page. */
  href: (page: number) => string;
  target?: string;
}) {
  const { t, page, pageSize, total } = props;
  const pages = props.capped ? Number.POSITIVE_INFINITY : Math.max(1, Math.ceil(total / pageSize));
  const hx = (p: number) =>
    props.target ? { 'hx-get': props.href(p), 'hx-target': props.target, 'hx-swap': 'outerHTML', 'hx-push-url': 'true' } : {};
  return (
    <nav class="pagination" aria-label={t('pagination.label')}>
      <span class="count">{props.capped ? t('pagination.summaryCapped', { total, page }) : t('pagination.summary', { total, page, pages })}</span>
      {page > 1 && (
        <a href={props.href(page - 1)} rel="prev" {...hx(page - 1)}>
          {t('pagination.prev')}
        </a>
      )}
      {(props.capped ? (props.onPage ?? 0) >= pageSize : page < pages) && (
        <a href={props.href(page + 1)} rel="next" {...hx(page + 1)}>
          {t('pagination.next')}
        </a>
      )}
    </nav>
  );
}
