/** The register (信访登记): filters and one page of petitions, newest first. */
import { COMPLAINT_TYPES, PETITION_CHANNELS } from '../../src/domain/petitions/kinds.ts';
import type { PetitionList } from '../../src/services/petitions.ts';
import { FilterSelect } from '../components/form.tsx';
import { Notice } from '../components/feedback.tsx';
import { count } from '../format.ts';
import type { Ui } from '../ui.ts';

export interface PetitionQueryView {
  channel?: string;
  courtId?: number;
  from?: string;
  to?: string;
  linked?: string;
  complaintType?: string;
  page: number;
}

export function petitionQueryString(q: PetitionQueryView, page = q.page): string {
  const params = new URLSearchParams();
  for (const k of ['channel', 'courtId', 'from', 'to', 'linked', 'complaintType'] as const) {
    const v = q[k];
    if (v !== undefined && v !== '') params.set(k, String(v));
  }
  if (page > 1) params.set('page', String(page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

export function PetitionFilters(props: { ui: Ui; query: PetitionQueryView; courts: { id: number; label: string }[] }) {
  const { t } = props.ui;
  const q = props.query;
  return (
    <form method="get" action="/petitions" class="filters" role="search">
      <FilterSelect
        id="pf-channel"
        name="channel"
        label={t('petition.field.channel')}
        allLabel={t('common.all')}
        current={q.channel}
        options={PETITION_CHANNELS.map((c) => ({ value: c, label: t(`petition.channel.${c}`) }))}
      />
      {props.courts.length > 1 && (
        <FilterSelect
          id="pf-court"
          name="courtId"
          label={t('petition.field.court')}
          allLabel={t('common.all')}
          current={q.courtId}
          options={props.courts.map((c) => ({ value: String(c.id), label: c.label }))}
        />
      )}
      <div class="field">
        <label for="pf-from">{t('stats.filter.from')}</label>
        <input id="pf-from" name="from" type="date" value={q.from ?? ''} />
      </div>
      <div class="field">
        <label for="pf-to">{t('stats.filter.to')}</label>
        <input id="pf-to" name="to" type="date" value={q.to ?? ''} />
      </div>
      <FilterSelect
        id="pf-linked"
        name="linked"
        label={t('petition.field.case')}
        allLabel={t('common.all')}
        current={q.linked}
        options={[
          { value: 'linked', label: t('petition.filter.linked') },
          { value: 'unlinked', label: t('petition.filter.unlinked') },
        ]}
      />
      <FilterSelect
        id="pf-complaint"
        name="complaintType"
        label={t('petition.field.complaintType')}
        allLabel={t('common.all')}
        current={q.complaintType}
        options={COMPLAINT_TYPES.map((c) => ({ value: c, label: t(`petition.complaint.${c}`) }))}
      />
      <div class="actions">
        <button type="submit" class="btn">
          {t('petition.filter.submit')}
        </button>
      </div>
    </form>
  );
}

/** Previous and next pages, the register being too large to count on every page. */
function PageLinks(props: { ui: Ui; page: number; hasMore: boolean; href: (page: number) => string }) {
  const { t } = props.ui;
  if (props.page === 1 && !props.hasMore) return null;
  return (
    <nav class="pagination" aria-label={t('pagination.label')}>
      <span class="count">{t('petition.pageN', { page: props.page })}</span>
      {props.page > 1 && (
        <a href={props.href(props.page - 1)} rel="prev">
          {t('pagination.prev')}
        </a>
      )}
      {props.hasMore && (
        <a href={props.href(props.page + 1)} rel="next">
          {t('pagination.next')}
        </a>
      )}
    </nav>
  );
}

export function PetitionResults(props: { ui: Ui; query: PetitionQueryView; result: PetitionList; notice?: string }) {
  const { t, lang } = props.ui;
  const { items } = props.result;
  return (
    <section id="petition-results" aria-label={t('petition.results')}>
      <Notice message={props.notice} />
      {items.length === 0 ? (
        <p class="empty">{t('petition.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="data petitions">
            <thead>
              <tr>
                <th scope="col">{t('petition.field.receivedOn')}</th>
                <th scope="col">{t('petition.field.channel')}</th>
                <th scope="col">{t('petition.field.court')}</th>
                <th scope="col" class="num">{t('petition.field.persons')}</th>
                <th scope="col">{t('petition.field.petitioner')}</th>
                <th scope="col">{t('petition.field.idNumber')}</th>
                <th scope="col">{t('petition.field.case')}</th>
                <th scope="col">{t('petition.field.complaintType')}</th>
                <th scope="col">{t('petition.field.state')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr>
                  <td class="nowrap">
                    <a href={`/petitions/${p.id}`}>{p.receivedOn}</a>
                  </td>
                  <td class="nowrap">{t(`petition.channel.${p.channel}`)}</td>
                  <td>{p.court.name}</td>
                  <td class="num">{count(p.persons, lang)}</td>
                  <td class="nowrap">
                    <a href={`/petitions/${p.id}`}>{p.petitionerName}</a>
                  </td>
                  <td class="nowrap id-number">{p.petitionerIdNumber ?? '—'}</td>
                  <td class="nowrap">{p.case ? <a href={`/cases/${p.case.id}`}>{p.case.caseNumber}</a> : <span class="muted">{t('petition.unlinked')}</span>}</td>
                  <td class="nowrap">{t(`petition.complaint.${p.complaintType}`)}</td>
                  <td class="nowrap">{t(`petition.state.${p.state}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <PageLinks ui={props.ui} page={props.result.page} hasMore={props.result.hasMore} href={(p) => `/petitions${petitionQueryString(props.query, p)}`} />
    </section>
  );
}
