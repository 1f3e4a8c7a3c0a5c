/**
 * The statistics report (统计分析): the named figures, the 三降一升一平稳 panel, the charts with their
 * tables, the tables by court, of lawyers and assistance and of warnings — each with a CSV link.
 * The page and the A4 print view draw the same report.
 */
import type { Child } from 'hono/jsx';
import { formatChange } from '../../src/domain/stats/change.ts';
import type { TrendItem } from '../../src/domain/stats/trend.ts';
import type { StatsTable } from '../../src/export/stats-csv.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import type { StatsReport } from '../../src/services/stats.ts';
import { ChannelChart, LevelChart } from '../charts/bars.tsx';
import { TrendChart } from '../charts/trend.tsx';
import { LevelBadge } from '../components/level-badge.tsx';
import { count, yuan } from '../format.ts';
import type { Ui } from '../ui.ts';

export interface StatsQueryView {
  from: string;
  to: string;
  courtId?: number;
}

/** The query string of the report (and of its CSV), with one table when given. */
export function statsQueryString(q: StatsQueryView, table?: StatsTable): string {
  const params = new URLSearchParams({ from: q.from, to: q.to });
  if (q.courtId) params.set('courtId', String(q.courtId));
  if (table) params.set('table', table);
  return `?${params.toString()}`;
}

function CsvLink(props: { ui: Ui; query: StatsQueryView; table: StatsTable; title: string }) {
  return (
    <a class="csv-link no-print" href={`/stats.csv${statsQueryString(props.query, props.table)}`} download>
      {props.ui.t('stats.csvOf', { title: props.title })}
    </a>
  );
}

/** A card with a heading and the CSV link of its table. */
function Section(props: { ui: Ui; query: StatsQueryView; id: string; title: string; table: StatsTable; children: Child }) {
  return (
    <section class="card stats-section" aria-labelledby={`${props.id}-h`}>
      <div class="section-head">
        <h2 id={`${props.id}-h`}>{props.title}</h2>
        <CsvLink ui={props.ui} query={props.query} table={props.table} title={props.title} />
      </div>
      {props.children}
    </section>
  );
}

function change(now: number, before: number) {
  return formatChange(now, before);
}

/** The seed article's figures, in words and numbers. */
function Figures(props: { ui: Ui; report: StatsReport }) {
  const { t, lang } = props.ui;
  const f = props.report.figures;
  const rows: [string, Child][] = [
    [t('stats.figure.officeVisitsLine'), t('stats.value.casesPersons', { cases: count(f.officeVisits.cases, lang), persons: count(f.officeVisits.persons, lang) })],
    [t('stats.figure.accepted'), count(f.accepted.cases, lang)],
    [
      t('stats.figure.letters'),
      t('stats.value.withChange', { value: count(f.letters.cases, lang), change: change(f.letters.cases, f.letters.previousCases), previous: count(f.letters.previousCases, lang) }),
    ],
    [
      t('stats.figure.acceptedBelow'),
      t('stats.value.below', { total: count(f.acceptedBelow.total, lang), intermediate: count(f.acceptedBelow.intermediate, lang), basic: count(f.acceptedBelow.basic, lang) }),
    ],
    [
      t('stats.figure.lawyersLine'),
      t('stats.value.lawyers', {
        interview: count(f.lawyers.interview, lang),
        representation: count(f.lawyers.representation, lang),
        resolution: count(f.lawyers.resolution, lang),
        assistance: count(f.assistanceApplied, lang),
      }),
    ],
    [t('stats.figure.videoRooms'), t('stats.figure.videoRoomsValue', { withRoom: f.videoRooms.withRoom, total: f.videoRooms.total })],
  ];
  return (
    <dl class="figures">
      {rows.map(([label, value]) => (
        <div class="figure">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const ARROW: Record<TrendItem['expect'], string> = { down: '↓', up: '↑', stable: '≈' };

/** 三降一升一平稳: each item with its figure, what was expected and a plain mark (✓ / ✗ with words). */
function TrendPanel(props: { ui: Ui; report: StatsReport }) {
  const { t, lang } = props.ui;
  const trend = props.report.trend;
  return (
    <>
      <p class={trend.achieved ? 'trend-summary achieved' : 'trend-summary missed'}>
        <span class="mark" aria-hidden="true">{trend.achieved ? '✓' : '✗'}</span> {t(trend.achieved ? 'stats.trend.allAchieved' : 'stats.trend.notAll')}
      </p>
      <div class="table-wrap">
        <table class="data trend-table">
          <thead>
            <tr>
              <th scope="col">{t('stats.col.figure')}</th>
              <th scope="col">{t('stats.col.expect')}</th>
              <th scope="col" class="num">{t('stats.col.cases')}</th>
              <th scope="col" class="num">{t('stats.col.previousCases')}</th>
              <th scope="col" class="num">{t('stats.col.change')}</th>
              <th scope="col">{t('stats.col.achieved')}</th>
            </tr>
          </thead>
          <tbody>
            {trend.items.map((i) => (
              <tr>
                <th scope="row">{t(`stats.trend.${i.key}`)}</th>
                <td>
                  <span aria-hidden="true">{ARROW[i.expect]} </span>
                  {t(`stats.trend.expect.${i.expect}`)}
                </td>
                <td class="num">{count(i.current, lang)}</td>
                <td class="num">{count(i.previous, lang)}</td>
                <td class="num">{change(i.current, i.previous)}</td>
                <td class={i.achieved ? 'mark-ok' : 'mark-no'}>
                  <span aria-hidden="true">{i.achieved ? '✓ ' : '✗ '}</span>
                  {t(i.achieved ? 'stats.trend.achieved' : 'stats.trend.missed')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function CourtTable(props: { ui: Ui; report: StatsReport }) {
  const { t, lang } = props.ui;
  return (
    <div class="table-wrap court-table">
      <table class="data">
        <thead>
          <tr>
            <th scope="col">{t('stats.col.courtCode')}</th>
            <th scope="col">{t('stats.col.court')}</th>
            <th scope="col">{t('stats.col.level')}</th>
            <th scope="col" class="num">{t('stats.col.cases')}</th>
            <th scope="col" class="num">{t('stats.col.persons')}</th>
            <th scope="col" class="num">{t('stats.col.previousCases')}</th>
            <th scope="col" class="num">{t('stats.col.change')}</th>
          </tr>
        </thead>
        <tbody>
          {props.report.byCourt.map((c) => (
            <tr>
              <td class="nowrap">{c.court.code}</td>
              <th scope="row">{lang === 'en' && c.court.nameEn ? c.court.nameEn : c.court.name}</th>
              <td class="nowrap">{t(`stats.level.${c.court.level}`)}</td>
              <td class="num">{count(c.cases, lang)}</td>
              <td class="num">{count(c.persons, lang)}</td>
              <td class="num">{count(c.previousCases, lang)}</td>
              <td class="num">{change(c.cases, c.previousCases)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LawyersTable(props: { ui: Ui; report: StatsReport }) {
  const { t, lang } = props.ui;
  const r = props.report;
  const rows: [MessageKey, string][] = [
    ['petition.lawyer.interview', count(r.lawyers.interview, lang)],
    ['petition.lawyer.representation', count(r.lawyers.representation, lang)],
    ['petition.lawyer.resolution', count(r.lawyers.resolution, lang)],
    ['petition.assistance.applied', count(r.assistance.applied, lang)],
    ['petition.assistance.approved', count(r.assistance.approved, lang)],
    ['stats.assistanceAmount', yuan(r.assistance.amount, lang)],
  ];
  return (
    <div class="table-wrap">
      <table class="data">
        <thead>
          <tr>
            <th scope="col">{t('stats.col.figure')}</th>
            <th scope="col" class="num">{t('stats.col.value')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([key, value]) => (
            <tr>
              <th scope="row">{t(key)}</th>
              <td class="num">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function WarningsTable(props: { ui: Ui; report: StatsReport }) {
  const { t, lang } = props.ui;
  const w = props.report.warnings;
  return (
    <div class="table-wrap">
      <table class="data">
        <thead>
          <tr>
            <th scope="col">{t('stats.col.riskLevel')}</th>
            <th scope="col" class="num">{t('stats.warnings.raised')}</th>
            <th scope="col" class="num">{t('stats.warnings.resolved')}</th>
            <th scope="col" class="num">{t('stats.warnings.open')}</th>
          </tr>
        </thead>
        <tbody>
          {w.byLevel
            .filter((l) => l.level !== 'none')
            .map((l) => (
              <tr>
                <th scope="row">
                  <LevelBadge t={t} level={l.level} />
                </th>
                <td class="num">{count(l.raised, lang)}</td>
                <td class="num">{count(l.resolved, lang)}</td>
                <td class="num">{count(l.open, lang)}</td>
              </tr>
            ))}
          <tr class="total">
            <th scope="row">{t('common.all')}</th>
            <td class="num">{count(w.total.raised, lang)}</td>
            <td class="num">{count(w.total.resolved, lang)}</td>
            <td class="num">{count(w.total.open, lang)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

/** The whole report, for the page and the print view. */
export function StatsReportView(props: { ui: Ui; report: StatsReport; query: StatsQueryView }) {
  const { ui, report: r, query } = props;
  const { t } = ui;
  const s = (id: string, title: MessageKey, table: StatsTable, children: Child) => (
    <Section ui={ui} query={query} id={id} title={t(title)} table={table}>
      {children}
    </Section>
  );
  return (
    <div class="stats-report">
      <p class="stats-period">
        {t('stats.periodLine', { court: r.court.name, from: r.period.from, to: r.period.to, pfrom: r.previousPeriod.from, pto: r.previousPeriod.to })}
      </p>
      {s('st-figures', 'stats.section.figures', 'figures', <Figures ui={ui} report={r} />)}
      {s('st-trend', 'stats.trend.title', 'trend', <TrendPanel ui={ui} report={r} />)}
      {s('st-months', 'stats.section.byMonth', 'months', <TrendChart t={t} lang={ui.lang} id="chart-months" months={r.byMonth} />)}
      <div class="grid-2 stats-charts">
        {s('st-levels', 'stats.section.byLevel', 'levels', <LevelChart t={t} lang={ui.lang} id="chart-levels" levels={r.byLevel} />)}
        {s('st-channels', 'stats.section.byChannel', 'channels', <ChannelChart t={t} lang={ui.lang} id="chart-channels" channels={r.byChannel} />)}
      </div>
      {s('st-lawyers', 'stats.section.lawyersAssistance', 'lawyers', <LawyersTable ui={ui} report={r} />)}
      {s('st-warnings', 'stats.section.warnings', 'warnings', <WarningsTable ui={ui} report={r} />)}
      {s('st-courts', 'stats.section.byCourt', 'courts', <CourtTable ui={ui} report={r} />)}
    </div>
  );
}

/** The period and court to report on; the CSV and print links of the whole report. */
export function StatsFilters(props: { ui: Ui; query: StatsQueryView; courts: { id: number; label: string }[]; error?: string }) {
  const { t } = props.ui;
  const q = props.query;
  return (
    <form method="get" action="/stats" class="filters stats-filters" role="search">
      <div class="field">
        <label for="st-from">{t('stats.filter.from')}</label>
        <input id="st-from" name="from" type="date" value={q.from} required />
      </div>
      <div class="field">
        <label for="st-to">{t('stats.filter.to')}</label>
        <input id="st-to" name="to" type="date" value={q.to} required aria-invalid={props.error ? 'true' : undefined} aria-describedby={props.error ? 'st-to-error' : undefined} />
        {props.error && (
          <p class="error" id="st-to-error">
            {props.error}
          </p>
        )}
      </div>
      {props.courts.length > 1 && (
        <div class="field field-wide">
          <label for="st-court">{t('stats.filter.court')}</label>
          <select id="st-court" name="courtId">
            {props.courts.map((c) => (
              <option value={String(c.id)} selected={c.id === q.courtId}>
                {c.label}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="actions">
        <button type="submit" class="btn">
          {t('stats.filter.submit')}
        </button>
        <a class="btn btn-ghost" href={`/stats.csv${statsQueryString(q)}`} download>
          {t('stats.csvAll')}
        </a>
        <a class="btn btn-ghost" href={`/stats/print${statsQueryString(q)}`}>
          {t('stats.printView')}
        </a>
      </div>
    </form>
  );
}

/** The A4 print view: the report under a title naming the court and the period. */
export function StatsPrintView(props: { ui: Ui; report: StatsReport; query: StatsQueryView }) {
  const { t } = props.ui;
  const r = props.report;
  return (
    <div class="report-print">
      <div class="print-actions no-print">
        <button type="button" class="btn btn-primary" data-print>
          {t('stats.print')}
        </button>
        <a class="btn" href={`/stats${statsQueryString(props.query)}`}>
          {t('stats.backToPage')}
        </a>
      </div>
      <header class="print-title">
        <p class="print-court">{r.court.name}</p>
        <h2>{t('stats.reportTitle', { from: r.period.from, to: r.period.to })}</h2>
      </header>
      <StatsReportView ui={props.ui} report={r} query={props.query} />
    </div>
  );
}
