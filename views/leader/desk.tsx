/** The leaders' landing page: meetings they chair, warnings they are in charge of, overdue action items with an ageing table per owner. */
import { AGEING_BUCKETS, ageingBucketKey } from '../../src/domain/meetings/index.ts';
import type { LeaderDesk } from '../../src/services/leader.ts';
import { LevelBadge } from '../components/level-badge.tsx';
import { dateTime } from '../format.ts';
import type { Ui } from '../ui.ts';
import { MeetingTable } from '../meetings/common.tsx';
import { ActionItemsTable } from '../meetings/landing.tsx';

function InCharge(props: { ui: Ui; desk: LeaderDesk }) {
  const { t } = props.ui;
  if (props.desk.inCharge.length === 0) return <p class="empty">{t('leader.noWarnings')}</p>;
  return (
    <div class="table-wrap">
      <table class="data">
        <caption class="visually-hidden">{t('leader.inCharge')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('wq.col.level')}</th>
            <th scope="col">{t('case.number')}</th>
            <th scope="col">{t('case.court')}</th>
            <th scope="col">{t('wq.col.state')}</th>
            <th scope="col">{t('wq.col.owner')}</th>
            <th scope="col">{t('wq.col.raised')}</th>
          </tr>
        </thead>
        <tbody>
          {props.desk.inCharge.map((w) => (
            <tr>
              <td class="nowrap">
                <LevelBadge t={t} level={w.level} /> {t('wp.points', { n: w.score })}
              </td>
              <td>
                <a class="nowrap" href={`/warnings/${w.id}`}>
                  {w.case.caseNumber}
                </a>
                <span class="sub">{w.case.cause}</span>
              </td>
              <td>{w.case.court.name}</td>
              <td class="nowrap">{t(`warning.state.${w.state}`)}</td>
              <td class="nowrap">{w.owner?.displayName ?? '—'}</td>
              <td class="nowrap">{dateTime(w.raisedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Ageing(props: { ui: Ui; desk: LeaderDesk }) {
  const { t } = props.ui;
  const rows = props.desk.ageing;
  if (rows.length === 0) return <p class="empty">{t('leader.noOpenItems')}</p>;
  const total = (bucket: (typeof AGEING_BUCKETS)[number]) => rows.reduce((n, r) => n + r.counts[bucket], 0);
  return (
    <div class="table-wrap">
      <table class="data ageing">
        <caption>{t('leader.ageingCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('leader.ownerDivision')}</th>
            {AGEING_BUCKETS.map((b) => (
              <th scope="col" class="num">
                {t(ageingBucketKey(b))}
              </th>
            ))}
            <th scope="col" class="num">
              {t('leader.openTotal')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr class={r.overdue > 0 ? 'has-overdue' : undefined}>
              <th scope="row">{r.owner}</th>
              {AGEING_BUCKETS.map((b) => (
                <td class={b !== 'not_due' && r.counts[b] > 0 ? 'num overdue' : 'num'}>{r.counts[b]}</td>
              ))}
              <td class="num">{r.open}</td>
            </tr>
          ))}
          <tr class="total">
            <th scope="row">{t('meeting.report.total')}</th>
            {AGEING_BUCKETS.map((b) => (
              <td class="num">{total(b)}</td>
            ))}
            <td class="num">{rows.reduce((n, r) => n + r.open, 0)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

export function LeaderDeskView(props: { ui: Ui; desk: LeaderDesk }) {
  const { t } = props.ui;
  const d = props.desk;
  return (
    <div class="leader-desk">
      <section class="card" aria-labelledby="chaired-h">
        <h2 id="chaired-h">{t('leader.chaired')}</h2>
        <MeetingTable ui={props.ui} meetings={d.chaired} empty={t('leader.noChaired')} caption={t('leader.chaired')} />
        {d.chairedPast.length > 0 && (
          <>
            <h3>{t('leader.chairedPast')}</h3>
            <MeetingTable ui={props.ui} meetings={d.chairedPast} empty="" caption={t('leader.chairedPast')} />
          </>
        )}
      </section>
      <section class="card" aria-labelledby="in-charge-h">
        <h2 id="in-charge-h">{t('leader.inCharge')}</h2>
        <InCharge ui={props.ui} desk={d} />
      </section>
      <section class="card" aria-labelledby="ageing-h">
        <h2 id="ageing-h">{t('leader.ageing')}</h2>
        <Ageing ui={props.ui} desk={d} />
      </section>
      <section class="card" aria-labelledby="overdue-h">
        <h2 id="overdue-h">{t('leader.overdue')}</h2>
        <ActionItemsTable ui={props.ui} items={d.overdue} caption={t('leader.overdue')} empty={t('meeting.landing.noOverdue')} />
      </section>
    </div>
  );
}
