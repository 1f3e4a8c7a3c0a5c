/** /admin/rulesets: the active rule set in words, every rule set, the latest re-scoring jobs. */
import { shanghaiDateTime } from '../../src/domain/time.ts';
import type { MessageKey, Translate } from '../../src/i18n/index.ts';
import type { RescoreJobRow } from '../../src/services/rescore.ts';
import type { RuleSetView } from '../../src/services/rulesets.ts';
import { Notice } from '../components/feedback.tsx';
import { count, dateTime } from '../format.ts';
import type { Ui } from '../ui.ts';
import { RuleTable, StatusTag, Thresholds, type FactorName } from './common.tsx';

const REASON_KEYS: Record<RescoreJobRow['reason'], MessageKey> = {
  ruleset_activation: 'cause.rulesetActivation',
  daily: 'cause.daily',
  manual: 'cause.manual',
};

/** 850 ms, 12 s, 3 min 5 s. */
export function duration(ms: number, t: Translate): string {
  if (ms < 1000) return t('rs.duration.ms', { n: Math.max(0, Math.round(ms)) });
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return t('rs.duration.s', { n: seconds });
  return t('rs.duration.min', { m: Math.floor(seconds / 60), s: seconds % 60 });
}

export function ActiveRuleSet(props: { ui: Ui; active: RuleSetView | null; factorName: FactorName }) {
  const { ui } = props;
  const { t } = ui;
  const a = props.active;
  if (!a) {
    return (
      <section class="card">
        <p class="empty">{t('rs.active.none')}</p>
      </section>
    );
  }
  return (
    <section class="card" aria-labelledby="rs-active-h">
      <div class="rs-head">
        <h2 id="rs-active-h">
          {t('rs.active.label')}<a href={`/admin/rulesets/${a.id}`}>{a.name}</a>
          <span class="rs-version">{t('rs.version', { n: a.version })}</span>
        </h2>
        <span class="muted">{t('rs.active.since', { date: dateTime(a.activatedAt ?? a.createdAt) })}</span>
      </div>
      <Thresholds ui={ui} doc={a.document} />
      <RuleTable ui={ui} rules={a.document.rules} factorName={props.factorName} caption={t('rs.active.title')} />
    </section>
  );
}

export function RuleSetTable(props: { ui: Ui; ruleSets: RuleSetView[] }) {
  const { t } = props.ui;
  return (
    <section class="card" aria-labelledby="rs-all-h">
      <h2 id="rs-all-h">{t('rs.all.title')}</h2>
      <div class="table-wrap">
        <table class="data">
          <thead>
            <tr>
              <th scope="col" class="num">
                {t('rs.col.version')}
              </th>
              <th scope="col">{t('rs.col.name')}</th>
              <th scope="col">{t('rs.col.status')}</th>
              <th scope="col" class="num">
                {t('rs.col.rules')}
              </th>
              <th scope="col">{t('rs.col.author')}</th>
              <th scope="col">{t('rs.col.created')}</th>
              <th scope="col">{t('rs.col.updated')}</th>
              <th scope="col">{t('rs.col.activated')}</th>
              <th scope="col">{t('rs.col.retired')}</th>
            </tr>
          </thead>
          <tbody>
            {props.ruleSets.map((r) => (
              <tr>
                <td class="num">{r.version}</td>
                <td>
                  <a href={`/admin/rulesets/${r.id}`}>{r.name}</a>
                  {r.note && <span class="rs-note muted">{r.note}</span>}
                </td>
                <td class="nowrap">
                  <StatusTag ui={props.ui} status={r.status} />
                </td>
                <td class="num">{r.document.rules.length}</td>
                <td class="nowrap">{r.author?.displayName || t('rs.author.system')}</td>
                <td class="nowrap">{dateTime(r.createdAt)}</td>
                <td class="nowrap">{dateTime(r.updatedAt)}</td>
                <td class="nowrap">{dateTime(r.activatedAt)}</td>
                <td class="nowrap">{dateTime(r.retiredAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function RescoreJobs(props: { ui: Ui; jobs: RescoreJobRow[] }) {
  const { t, lang } = props.ui;
  return (
    <section class="card" aria-labelledby="rs-jobs-h">
      <h2 id="rs-jobs-h">{t('rs.jobs.title')}</h2>
      {props.jobs.length === 0 ? (
        <p class="empty">{t('rs.jobs.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('rs.jobs.reason')}</th>
                <th scope="col" class="num">
                  {t('rs.jobs.total')}
                </th>
                <th scope="col" class="num">
                  {t('rs.jobs.done')}
                </th>
                <th scope="col">{t('rs.jobs.started')}</th>
                <th scope="col">{t('rs.jobs.finished')}</th>
                <th scope="col" class="num">
                  {t('rs.jobs.duration')}
                </th>
                <th scope="col">{t('rs.jobs.id')}</th>
              </tr>
            </thead>
            <tbody>
              {props.jobs.map((j) => (
                <tr id={`job-${j.id}`}>
                  <td>{t(REASON_KEYS[j.reason] ?? 'cause.manual')}</td>
                  <td class="num">{count(j.total, lang)}</td>
                  <td class="num">{count(j.done, lang)}</td>
                  <td class="nowrap">{shanghaiDateTime(j.created_at)}</td>
                  <td class="nowrap">{j.finished_at ? shanghaiDateTime(j.finished_at) : <span class="muted">{t('rs.jobs.running')}</span>}</td>
                  <td class="num nowrap">{j.finished_at ? duration(Date.parse(j.finished_at) - Date.parse(j.created_at), t) : '—'}</td>
                  <td>
                    <code>{j.id.slice(0, 8)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function RuleSetListPage(props: {
  ui: Ui;
  active: RuleSetView | null;
  ruleSets: RuleSetView[];
  jobs: RescoreJobRow[];
  factorName: FactorName;
  notice?: string;
}) {
  return (
    <div class="stack">
      <Notice message={props.notice} />
      <ActiveRuleSet ui={props.ui} active={props.active} factorName={props.factorName} />
      <RuleSetTable ui={props.ui} ruleSets={props.ruleSets} />
      <RescoreJobs ui={props.ui} jobs={props.jobs} />
    </div>
  );
}
