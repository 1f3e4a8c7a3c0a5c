import type { MessageKey } from '../../src/i18n/index.ts';
import type { CaseSummary } from '../../src/services/present.ts';
import type { CaseList } from '../../src/services/cases.ts';
import { CASE_STAGES as STAGES } from '../../src/domain/cases.ts';
import { Pagination } from '../components/pagination.tsx';
import { FilterSelect } from '../components/form.tsx';
import { yuan } from '../format.ts';
import type { Ui } from '../ui.ts';

export interface CaseQueryView {
  number?: string;
  q?: string;
  stage?: string;
  courtId?: number;
  mine?: string;
  page: number;
}

export interface CourtOption {
  id: number;
  label: string;
}

export function caseQueryString(q: CaseQueryView, page = q.page): string {
  const params = new URLSearchParams();
  if (q.number) params.set('number', q.number);
  if (q.q) params.set('q', q.q);
  if (q.stage) params.set('stage', q.stage);
  if (q.courtId) params.set('courtId', String(q.courtId));
  if (q.mine) params.set('mine', q.mine);
  if (page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function CaseSearchForm(props: { ui: Ui; query: CaseQueryView; courts: CourtOption[]; showMine: boolean }) {
  const { t } = props.ui;
  const q = props.query;
  return (
    <form
      method="get"
      action="/cases"
      class="filters"
      role="search"
      hx-get="/cases"
      hx-target="#case-results"
      hx-swap="outerHTML"
      hx-push-url="true"
      hx-indicator="#case-search-busy"
    >
      <div class="field">
        <label for="f-number">{t('case.number')}</label>
        <input id="f-number" name="number" value={q.number ?? ''} placeholder="（2024）甘0102民初1234号" class="nowrap" maxlength={64} />
      </div>
      <div class="field">
        <label for="f-q">{t('case.search.text')}</label>
        <input id="f-q" name="q" value={q.q ?? ''} placeholder={t('case.search.textHint')} maxlength={100} />
      </div>
      <FilterSelect
        id="f-stage"
        name="stage"
        label={t('case.stage')}
        allLabel={t('common.all')}
        current={q.stage}
        options={STAGES.map((s) => ({ value: s, label: t(`stage.${s}` as MessageKey) }))}
      />
      {props.courts.length > 1 && (
        <FilterSelect
          id="f-court"
          name="courtId"
          label={t('case.court')}
          allLabel={t('common.all')}
          current={q.courtId}
          options={props.courts.map((c) => ({ value: String(c.id), label: c.label }))}
        />
      )}
      {props.showMine && (
        <div class="field checkbox">
          <input id="f-mine" type="checkbox" name="mine" value="1" checked={Boolean(q.mine)} />
          <label for="f-mine">{t('case.search.mine')}</label>
        </div>
      )}
      <div class="actions">
        <button type="submit" class="btn">
          {t('case.search.submit')}
        </button>
        <span id="case-search-busy" class="busy" aria-hidden="true"></span>
      </div>
    </form>
  );
}

export function CaseResults(props: {
  ui: Ui;
  query: CaseQueryView;
  result: CaseList;
}) {
  const { t, lang } = props.ui;
  const { items } = props.result;
  return (
    <section id="case-results" aria-live="polite" aria-label={t('case.search.results')}>
      {items.length === 0 ? (
        <p class="empty">{t('case.search.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('case.number')}</th>
                <th scope="col">{t('case.cause')}</th>
                <th scope="col">{t('case.court')}</th>
                <th scope="col">{t('case.stage')}</th>
                <th scope="col">{t('case.filedAt')}</th>
                <th scope="col" class="num">{t('case.amount')}</th>
                <th scope="col">{t('case.judge')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr>
                  <td class="nowrap">
                    <a href={`/cases/${c.id}`}>{c.caseNumber}</a>
                  </td>
                  <td>{c.cause}</td>
                  <td>{c.court.name}</td>
                  <td>{t(`stage.${c.stage}` as MessageKey)}</td>
                  <td class="nowrap">{c.filedAt}</td>
                  <td class="num">{yuan(c.amountInDispute, lang)}</td>
                  <td>{c.judge?.displayName ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination
        t={t}
        page={props.result.page}
        pageSize={props.result.pageSize}
        total={props.result.total}
        capped={props.result.totalCapped}
        onPage={props.result.items.length}
        href={(p) => `/cases${caseQueryString(props.query, p)}`}
        target="#case-results"
      />
    </section>
  );
}
