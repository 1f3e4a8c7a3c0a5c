import type { Ui } from '../ui.ts';
import { Pagination } from '../components/pagination.tsx';
import { dateTime } from '../format.ts';

export interface AuditItemView {
  id: number;
  at: string;
  actor: string;
  via: string;
  action: string;
  entity: string;
  entityId: string;
  before: string;
  after: string;
}

export function AuditTable(props: {
  ui: Ui;
  entity?: string;
  entityId?: string;
  items: AuditItemView[];
  page: number;
  pageSize: number;
  total: number;
}) {
  const { t } = props.ui;
  const qs = (page: number) => {
    const p = new URLSearchParams();
    if (props.entity) p.set('entity', props.entity);
    if (props.entityId) p.set('id', props.entityId);
    if (page > 1) p.set('page', String(page));
    const s = p.toString();
    return s ? `?${s}` : '';
  };
  return (
    <>
      <form method="get" action="/audit" class="filters" role="search">
        <div class="field">
          <label for="a-entity">{t('audit.entity')}</label>
          <input id="a-entity" name="entity" value={props.entity ?? ''} maxlength={32} />
        </div>
        <div class="field">
          <label for="a-id">{t('audit.entityId')}</label>
          <input id="a-id" name="id" value={props.entityId ?? ''} maxlength={64} />
        </div>
        <div class="actions">
          <button type="submit" class="btn">
            {t('common.filter')}
          </button>
        </div>
      </form>
      <div class="table-wrap">
        <table class="data audit">
          <thead>
            <tr>
              <th scope="col">{t('audit.at')}</th>
              <th scope="col">{t('audit.actor')}</th>
              <th scope="col">{t('audit.action')}</th>
              <th scope="col">{t('audit.entity')}</th>
              <th scope="col">{t('audit.before')}</th>
              <th scope="col">{t('audit.after')}</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((a) => (
              <tr>
                <td class="nowrap">{dateTime(a.at)}</td>
                <td>
                  {a.actor} <span class="muted">({a.via})</span>
                </td>
                <td>
                  <code>{a.action}</code>
                </td>
                <td>
                  <code>
                    {a.entity}:{a.entityId.slice(0, 8)}
                  </code>
                </td>
                <td>
                  <code class="json">{a.before}</code>
                </td>
                <td>
                  <code class="json">{a.after}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination t={t} page={props.page} pageSize={props.pageSize} total={props.total} href={(p) => `/audit${qs(p)}`} />
    </>
  );
}
