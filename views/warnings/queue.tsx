import { WARNING_STATES } from '../../src/domain/warnings/state-machine.ts';
import type { MessageKey, Translate } from '../../src/i18n/index.ts';
import { WARNING_SORTS } from '../../src/schemas/warnings.ts';
import type { WarningSummary } from '../../src/services/warnings.ts';
import { FilterSelect, FormError } from '../components/form.tsx';
import { Notice } from '../components/feedback.tsx';
import { LevelBadge } from '../components/level-badge.tsx';
import { Pagination } from '../components/pagination.tsx';
import { dateTime } from '../format.ts';
import type { Ui } from '../ui.ts';

/** The queue's query as the page shows it (defaults omitted from links). */
export interface WarningQueryView {
  status: string;
  level?: string;
  courtId?: number;
  kind?: string;
  overdue?: string;
  owner?: string;
  sort: string;
  page: number;
}

export interface CourtOption {
  id: number;
  label: string;
}

export interface QueueResult {
  items: WarningSummary[];
  counts: Record<string, number>;
  page: number;
  pageSize: number;
  total: number;
}

/** What a bulk acknowledgement did: how many went through, and which did not and why. */
export interface BulkOutcome {
  acknowledged: number;
  failed: { label: string; message: string }[];
}

/** Tabs in the order the office works through them. */
export const QUEUE_TABS = ['active', ...WARNING_STATES, 'all'] as const;

const LEVEL_FILTERS = ['red', 'orange', 'yellow', 'blue'] as const;

export function warningQueryString(q: WarningQueryView, over: Partial<WarningQueryView> = {}): string {
  const v = { ...q, ...over };
  const p = new URLSearchParams();
  if (v.status && v.status !== 'active') p.set('status', v.status);
  if (v.level) p.set('level', v.level);
  if (v.courtId) p.set('courtId', String(v.courtId));
  if (v.kind) p.set('kind', v.kind);
  if (v.overdue) p.set('overdue', v.overdue);
  if (v.owner) p.set('owner', v.owner);
  if (v.sort && v.sort !== 'level') p.set('sort', v.sort);
  if (v.page > 1) p.set('page', String(v.page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

export function tabLabel(t: Translate, status: string): string {
  if (status === 'active') return t('wq.tab.active');
  if (status === 'all') return t('wq.tab.all');
  return t(`warning.state.${status}` as MessageKey);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "剩余 5 小时" / "已超期 2 天" from the milliseconds to the review deadline (null: no deadline). */
export function timeLeft(t: Translate, msLeft: number | null): { text: string; overdue: boolean } | null {
  if (msLeft === null) return null;
  const overdue = msLeft < 0;
  const ms = Math.abs(msLeft);
  const prefix = overdue ? 'wq.overdue' : 'wq.left';
  let unit: 'days' | 'hours' | 'minutes';
  let n: number;
  if (ms >= 2 * DAY) [unit, n] = ['days', Math.floor(ms / DAY)];
  else if (ms >= HOUR) [unit, n] = ['hours', Math.floor(ms / HOUR)];
  else [unit, n] = ['minutes', Math.max(1, Math.floor(ms / MINUTE))];
  return { text: t(`${prefix}.${unit}` as MessageKey, { n }), overdue };
}

export function Deadline(props: { t: Translate; msLeft: number | null; dueAt: string | null }) {
  const left = timeLeft(props.t, props.msLeft);
  if (!left) return <span class="muted">—</span>;
  return (
    <span class={left.overdue ? 'deadline overdue' : 'deadline'} title={props.t('wq.dueAt', { time: dateTime(props.dueAt) })}>
      {left.text}
    </span>
  );
}

/** The hidden status of the filter form; answers to tab clicks replace it out of band. */
export function StatusInput(props: { status: string; oob?: boolean }) {
  return <input type="hidden" id="wq-status" name="status" value={props.status} hx-swap-oob={props.oob ? 'true' : undefined} />;
}

export function WarningFilters(props: { ui: Ui; query: WarningQueryView; courts: CourtOption[]; showMine: boolean }) {
  const { t } = props.ui;
  const q = props.query;
  return (
    <form
      method="get"
      action="/warnings"
      class="filters wq-filters"
      role="search"
      hx-get="/warnings"
      hx-target="#warning-results"
      hx-swap="outerHTML"
      hx-push-url="true"
      hx-indicator="#wq-busy"
    >
      <StatusInput status={q.status} />
      <FilterSelect
        id="wq-level"
        name="level"
        label={t('wq.filter.level')}
        allLabel={t('common.all')}
        current={q.level}
        options={LEVEL_FILTERS.map((l) => ({ value: l, label: t(`level.${l}` as MessageKey) }))}
      />
      {props.courts.length > 1 && (
        <FilterSelect
          id="wq-court"
          name="courtId"
          label={t('case.court')}
          allLabel={t('common.all')}
          current={q.courtId}
          options={props.courts.map((c) => ({ value: String(c.id), label: c.label }))}
        />
      )}
      <FilterSelect
        id="wq-kind"
        name="kind"
        label={t('wq.filter.kind')}
        allLabel={t('common.all')}
        current={q.kind}
        options={[
          { value: 'trial', label: t('wq.kind.trial') },
          { value: 'enforcement', label: t('wq.kind.enforcement') },
        ]}
      />
      <div class="field wq-sort">
        <label for="wq-sort">{t('wq.sort')}</label>
        <select id="wq-sort" name="sort">
          {WARNING_SORTS.map((s) => (
            <option value={s} selected={q.sort === s}>
              {t(`wq.sort.${s}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      <div class="field checkbox">
        <input id="wq-overdue" type="checkbox" name="overdue" value="1" checked={Boolean(q.overdue)} />
        <label for="wq-overdue">{t('wq.filter.overdue')}</label>
      </div>
      {props.showMine && (
        <div class="field checkbox">
          <input id="wq-mine" type="checkbox" name="owner" value="me" checked={q.owner === 'me'} />
          <label for="wq-mine">{t('wq.filter.mine')}</label>
        </div>
      )}
      <div class="actions">
        <button type="submit" class="btn">
          {t('wq.filter.submit')}
        </button>
        <span id="wq-busy" class="busy" aria-hidden="true"></span>
      </div>
    </form>
  );
}

function QueueTabs(props: { ui: Ui; query: WarningQueryView; counts: Record<string, number> }) {
  const { t } = props.ui;
  const q = props.query;
  return (
    <nav class="tabs" aria-label={t('wq.tabs')}>
      <ul>
        {QUEUE_TABS.map((s) => {
          const href = `/warnings${warningQueryString(q, { status: s, page: 1 })}`;
          return (
            <li>
              <a
                href={href}
                aria-current={q.status === s ? 'page' : undefined}
                hx-get={href}
                hx-target="#warning-results"
                hx-swap="outerHTML"
                hx-push-url="true"
              >
                {tabLabel(t, s)} <span class="tab-count">{props.counts[s] ?? 0}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function BulkNotice(props: { ui: Ui; bulk?: BulkOutcome }) {
  const { t } = props.ui;
  const b = props.bulk;
  if (!b) return null;
  return (
    <>
      {b.acknowledged > 0 && <Notice message={t('wq.bulk.done', { n: b.acknowledged })} />}
      {b.failed.length > 0 && (
        <div class="alert alert-error" role="alert">
          <p class="alert-title">{t('wq.bulk.failed', { n: b.failed.length })}</p>
          <ul class="failed-list">
            {b.failed.map((f) => (
              <li>{t('wq.bulk.failedItem', { number: f.label, message: f.message })}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

function QueueTable(props: { ui: Ui; items: WarningSummary[]; selectable: boolean }) {
  const { t } = props.ui;
  return (
    <div class="table-wrap queue-wrap">
      <table class="data queue">
        <thead>
          <tr>
            {props.selectable && (
              <th scope="col" class="select-col">
                <span class="visually-hidden">{t('wq.col.select')}</span>
              </th>
            )}
            <th scope="col">{t('wq.col.level')}</th>
            <th scope="col" class="num">
              {t('wq.col.score')}
            </th>
            <th scope="col">{t('case.number')}</th>
            <th scope="col">{t('case.cause')}</th>
            <th scope="col">{t('case.court')}</th>
            <th scope="col">{t('wq.col.state')}</th>
            <th scope="col">{t('wq.col.owner')}</th>
            <th scope="col">{t('wq.col.raised')}</th>
            <th scope="col">{t('wq.col.deadline')}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((w) => (
            <tr class={w.overdue ? 'is-overdue' : undefined}>
              {props.selectable && (
                <td class="select-col">
                  {w.allowedActions.includes('acknowledge') && (
                    <input
                      type="checkbox"
                      name="items"
                      value={`${w.id}:${w.version}`}
                      aria-label={t('wq.selectOne', { number: w.case.caseNumber })}
                    />
                  )}
                </td>
              )}
              <td>
                <LevelBadge t={t} level={w.level} />
              </td>
              <td class="num">{w.score}</td>
              <td class="nowrap">
                <a href={`/warnings/${w.id}`}>{w.case.caseNumber}</a>
              </td>
              <td class="cause">{w.case.cause}</td>
              <td>
                {w.case.court.name}
                {w.court.id !== w.case.court.id && <span class="sub">{t('wq.escalatedTo', { court: w.court.name })}</span>}
              </td>
              <td class="nowrap">
                <span class={`w-state w-state-${w.state}`}>{t(`warning.state.${w.state}` as MessageKey)}</span>
              </td>
              <td class="nowrap">{w.owner?.displayName ?? <span class="muted">—</span>}</td>
              <td class="nowrap">{dateTime(w.raisedAt)}</td>
              <td class="nowrap">
                <Deadline t={t} msLeft={w.msLeft} dueAt={w.dueAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Tabs, the bulk form around the table, and pagination: what htmx swaps as `#warning-results`. */
export function WarningResults(props: {
  ui: Ui;
  query: WarningQueryView;
  result: QueueResult;
  canBulk: boolean;
  bulk?: BulkOutcome;
  bulkError?: string;
  notice?: string;
}) {
  const { t } = props.ui;
  const { items } = props.result;
  const qs = warningQueryString(props.query);
  const selectable = props.canBulk && items.some((w) => w.allowedActions.includes('acknowledge'));
  const table =
    items.length === 0 ? <p class="empty">{t('wq.none')}</p> : <QueueTable ui={props.ui} items={items} selectable={selectable} />;
  return (
    <section id="warning-results" aria-label={t('wq.results')}>
      <QueueTabs ui={props.ui} query={props.query} counts={props.result.counts} />
      <Notice message={props.notice} />
      <BulkNotice ui={props.ui} bulk={props.bulk} />
      {selectable ? (
        <form
          method="post"
          action={`/warnings/bulk-acknowledge${qs}`}
          hx-post={`/warnings/bulk-acknowledge${qs}`}
          hx-target="#warning-results"
          hx-swap="outerHTML"
          hx-indicator="#wq-bulk-busy"
          class="bulk-form"
          novalidate
        >
          <div class="bulk-bar">
            <button type="submit" class="btn btn-primary btn-small">
              {t('wq.bulk.submit')}
            </button>
            <span id="wq-bulk-busy" class="busy" aria-hidden="true"></span>
            <span class="hint">{t('wq.bulk.hint')}</span>
          </div>
          <FormError message={props.bulkError} />
          {table}
        </form>
      ) : (
        <>
          <FormError message={props.bulkError} />
          {table}
        </>
      )}
      <Pagination
        t={t}
        page={props.result.page}
        pageSize={props.result.pageSize}
        total={props.result.total}
        href={(p) => `/warnings${warningQueryString(props.query, { page: p })}`}
        target="#warning-results"
      />
    </section>
  );
}
