/** The meetings page: the coordinator's landing — the pool, the next meetings, overdue action items of the scope. */
import type { MeetingsLanding, PoolEntryView } from '../../src/services/meetings.ts';
import type { PoolQuery } from '../../src/schemas/meetings.ts';
import type { ActionItemView } from '../../src/services/meeting-present.ts';
import { FilterSelect } from '../components/form.tsx';
import { Notice } from '../components/feedback.tsx';
import type { Ui } from '../ui.ts';
import { CarryOvers, DueCell, MeetingTable, PoolCase, PoolHead } from './common.tsx';

export function PoolFilters(props: { ui: Ui; query: PoolQuery; courts: { id: number; label: string }[] }) {
  const { t } = props.ui;
  const q = props.query;
  return (
    <form method="get" action="/meetings" class="filters pool-filters" role="search" hx-get="/meetings" hx-target="#pool-results" hx-swap="outerHTML" hx-push-url="true" hx-indicator="#pool-busy">
      <FilterSelect
        id="pool-level"
        name="level"
        label={t('wq.filter.level')}
        allLabel={t('common.all')}
        current={q.level}
        options={(['red', 'orange', 'yellow', 'blue'] as const).map((l) => ({ value: l, label: t(`level.${l}`) }))}
      />
      <FilterSelect
        id="pool-court"
        name="courtId"
        label={t('case.court')}
        allLabel={t('common.all')}
        current={q.courtId}
        options={props.courts.map((c) => ({ value: String(c.id), label: c.label }))}
      />
      <FilterSelect
        id="pool-kind"
        name="kind"
        label={t('wq.filter.kind')}
        allLabel={t('common.all')}
        current={q.kind}
        options={(['trial', 'enforcement'] as const).map((k) => ({ value: k, label: t(`wq.kind.${k}`) }))}
      />
      <div class="actions">
        <button type="submit" class="btn">
          {t('meeting.pool.filter')}
        </button>
        <span id="pool-busy" class="busy" aria-hidden="true"></span>
      </div>
    </form>
  );
}

/** The pool's table: what htmx swaps when a filter changes. */
export function PoolResults(props: { ui: Ui; pool: PoolEntryView[]; total: number }) {
  const { t } = props.ui;
  return (
    <div id="pool-results">
      <p class="muted pool-count" aria-live="polite">
        {t('meeting.pool.count', { n: props.total, shown: props.pool.length })}
      </p>
      {props.pool.length === 0 ? (
        <p class="empty">{t('meeting.pool.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="data pool">
            <caption class="visually-hidden">{t('meeting.pool.title')}</caption>
            <PoolHead t={t} />
            <tbody>
              {props.pool.map((entry) => (
                <tr>
                  <PoolCase t={t} entry={entry} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

export function ActionItemsTable(props: { ui: Ui; items: ActionItemView[]; caption: string; empty: string }) {
  const { t } = props.ui;
  if (props.items.length === 0) return <p class="empty">{props.empty}</p>;
  return (
    <div class="table-wrap">
      <table class="data action-items">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('actionItem.col.text')}</th>
            <th scope="col">{t('actionItem.col.owner')}</th>
            <th scope="col">{t('actionItem.col.due')}</th>
            <th scope="col">{t('actionItem.col.meeting')}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((a) => (
            <tr class={a.dueStatus === 'overdue' ? 'is-overdue' : undefined}>
              <td>
                {a.text}
                {a.caseNumber && <span class="sub nowrap">{a.caseNumber}</span>}
                <CarryOvers t={t} count={a.carryOvers} />
              </td>
              <td>{a.owner.label}</td>
              <td>
                <DueCell t={t} item={a} />
              </td>
              <td>
                <a href={`/meetings/${a.meeting.id}`}>{a.meeting.title}</a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MeetingsLandingView(props: { ui: Ui; landing: MeetingsLanding; query: PoolQuery; notice?: string }) {
  const { t } = props.ui;
  const l = props.landing;
  return (
    <div class="meetings-landing">
      <Notice message={props.notice} />
      {l.pool && (
        <section class="card" aria-labelledby="pool-h">
          <h2 id="pool-h">{t('meeting.pool.title')}</h2>
          <p class="hint">{t('meeting.pool.hint')}</p>
          <PoolFilters ui={props.ui} query={props.query} courts={l.courts} />
          <PoolResults ui={props.ui} pool={l.pool} total={l.poolTotal} />
        </section>
      )}
      <section class="card" aria-labelledby="current-h">
        <h2 id="current-h">{t('meeting.landing.current')}</h2>
        <MeetingTable ui={props.ui} meetings={l.current} empty={t('meeting.landing.noCurrent')} caption={t('meeting.landing.current')} />
      </section>
      {l.overdue && (
        <section class="card" aria-labelledby="overdue-h">
          <h2 id="overdue-h">{t('meeting.landing.overdue')}</h2>
          <ActionItemsTable ui={props.ui} items={l.overdue} caption={t('meeting.landing.overdue')} empty={t('meeting.landing.noOverdue')} />
        </section>
      )}
      <section class="card" aria-labelledby="recent-h">
        <h2 id="recent-h">{t('meeting.landing.recent')}</h2>
        <MeetingTable ui={props.ui} meetings={l.recent} empty={t('meeting.landing.noRecent')} caption={t('meeting.landing.recent')} />
      </section>
    </div>
  );
}
