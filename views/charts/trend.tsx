/** The monthly trend: this period's petitions per month as a line, the same months a year before dashed. */
import { scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';
import type { MonthFigures } from '../../src/domain/stats/aggregate.ts';
import { formatChange } from '../../src/domain/stats/change.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { count } from '../format.ts';
import { AXIS_COLOUR, ChartFigure, ChartTable, INNER_HEIGHT, INNER_WIDTH, Legend, MARGIN, SERIES_COLOURS, ValueAxis, type ChartText } from './frame.tsx';

/** "3月", or "2018年1月" for the first month and each January ("Mar", "Jan 2018"). */
export function monthLabel(t: ChartText['t'], month: string, withYear: boolean): string {
  const name = t(`stats.month.${Number(month.slice(5, 7))}` as MessageKey);
  return withYear ? t('stats.monthYear', { year: month.slice(0, 4), month: name }) : name;
}

export function TrendChart(props: ChartText & { id: string; months: readonly MonthFigures[] }) {
  const { t, lang, months } = props;
  const keys = months.map((m) => m.month);
  const x = scalePoint<string>().domain(keys).range([0, INNER_WIDTH]).padding(0.5);
  const top = Math.max(1, ...months.map((m) => Math.max(m.cases, m.previousCases)));
  const y = scaleLinear().domain([0, top]).nice().range([INNER_HEIGHT, 0]);
  const path = line<{ month: string; value: number }>()
    .x((d) => x(d.month) ?? 0)
    .y((d) => y(d.value));
  const current = months.map((m) => ({ month: m.month, value: m.cases }));
  const previous = months.map((m) => ({ month: m.month, value: m.previousCases }));
  // At most about twelve month labels, whatever the period's length.
  const every = Math.ceil(months.length / 12);
  const title = t('stats.chart.trend');
  const first = months[0]?.month ?? '';
  const last = months.at(-1)?.month ?? '';

  return (
    <ChartFigure
      id={props.id}
      title={title}
      description={t('stats.chart.trendDesc', { from: first, to: last })}
      legend={<Legend t={t} lang={lang} dashedPrevious />}
      chart={
        <>
          <ValueAxis t={t} lang={lang} y={y} />
          <g class="chart-plot" transform={`translate(${MARGIN.left},${MARGIN.top})`}>
            <path class="chart-line chart-line-previous" d={path(previous) ?? ''} fill="none" stroke={SERIES_COLOURS.previous} stroke-width="2" stroke-dasharray="6 4" />
            <path class="chart-line chart-line-current" d={path(current) ?? ''} fill="none" stroke={SERIES_COLOURS.current} stroke-width="2.5" />
            {current.map((d) => (
              <circle cx={x(d.month) ?? 0} cy={y(d.value)} r="3" fill={SERIES_COLOURS.current}>
                <title>{`${d.month}: ${count(d.value, lang)}`}</title>
              </circle>
            ))}
          </g>
          <g class="chart-axis chart-axis-x" transform={`translate(${MARGIN.left},${MARGIN.top + INNER_HEIGHT})`}>
            {months.map((m, i) =>
              i % every === 0 ? (
                <text x={x(m.month) ?? 0} y="20" text-anchor="middle" fill={AXIS_COLOUR} font-size="12">
                  {monthLabel(t, m.month, i === 0 || m.month.endsWith('-01'))}
                </text>
              ) : null,
            )}
          </g>
        </>
      }
      table={
        <ChartTable
          t={t}
          title={title}
          head={[t('stats.col.month'), t('stats.col.cases'), t('stats.col.previousCases'), t('stats.col.change')]}
          rows={months.map((m) => [m.month, count(m.cases, lang), count(m.previousCases, lang), formatChange(m.cases, m.previousCases)])}
        />
      }
    />
  );
}
