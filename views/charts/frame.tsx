/**
 * What every statistics chart shares: a figure with its caption, an SVG that names itself to
 * screen readers (role img, <title> and <desc>), a legend in words, the value axis, and the table
 * of numbers after it (for screen readers and for print). Colours are SVG presentation attributes
 * and classes — the CSP forbids inline styles — and pass 3:1 against white; the two series also
 * differ by more than colour (a dashed line; the legend order matches the bar order).
 */
import type { Child } from 'hono/jsx';
import type { ScaleLinear } from 'd3-scale';
import { count } from '../format.ts';
import type { Lang, Translate } from '../../src/i18n/index.ts';

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 260;
export const MARGIN = { top: 24, right: 16, bottom: 40, left: 52 } as const;
export const INNER_WIDTH = CHART_WIDTH - MARGIN.left - MARGIN.right;
export const INNER_HEIGHT = CHART_HEIGHT - MARGIN.top - MARGIN.bottom;

/** This period in the brand blue (7.9:1 on white), the year before in grey (4.8:1). */
export const SERIES_COLOURS = { current: '#1849a9', previous: '#667085' } as const;
export const AXIS_COLOUR = '#475467';
export const GRID_COLOUR = '#eaecf0';

export interface ChartText {
  t: Translate;
  lang: Lang;
}

export function ChartFigure(props: { id: string; title: string; description: string; legend: Child; chart: Child; table: Child }) {
  const { id } = props;
  return (
    <figure class="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} class="chart-caption">
        {props.title}
      </figcaption>
      {props.legend}
      <svg
        class="chart-svg"
        viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`}
        width={CHART_WIDTH}
        height={CHART_HEIGHT}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        xmlns="http://www.w3.org/2000/svg"
      >
        <title id={`${id}-title`}>{props.title}</title>
        <desc id={`${id}-desc`}>{props.description}</desc>
        {props.chart}
      </svg>
      {props.table}
    </figure>
  );
}

/** "本期 ■ / 上年同期 ┅" in words, before the chart. */
export function Legend(props: ChartText & { dashedPrevious?: boolean }) {
  const { t } = props;
  return (
    <ul class="chart-legend">
      <li>
        <svg class="chart-key" viewBox="0 0 24 12" width="24" height="12" aria-hidden="true">
          <rect x="0" y="2" width="24" height="8" fill={SERIES_COLOURS.current} />
        </svg>
        {t('stats.series.current')}
      </li>
      <li>
        <svg class="chart-key" viewBox="0 0 24 12" width="24" height="12" aria-hidden="true">
          {props.dashedPrevious ? (
            <line x1="0" y1="6" x2="24" y2="6" stroke={SERIES_COLOURS.previous} stroke-width="3" stroke-dasharray="6 3" />
          ) : (
            <rect x="0" y="2" width="24" height="8" fill={SERIES_COLOURS.previous} />
          )}
        </svg>
        {t('stats.series.previous')}
      </li>
    </ul>
  );
}

/** Horizontal grid lines with the value of each tick, left of the plot. */
export function ValueAxis(props: ChartText & { y: ScaleLinear<number, number> }) {
  const ticks = props.y.ticks(5).filter((v) => Number.isInteger(v));
  return (
    <g class="chart-axis chart-axis-y" transform={`translate(${MARGIN.left},${MARGIN.top})`}>
      {ticks.map((v) => (
        <g transform={`translate(0,${props.y(v)})`}>
          <line x1="0" x2={INNER_WIDTH} stroke={GRID_COLOUR} />
          <text x="-8" dy="0.32em" text-anchor="end" fill={AXIS_COLOUR} font-size="12">
            {count(v, props.lang)}
          </text>
        </g>
      ))}
      <line x1="0" x2={INNER_WIDTH} y1={INNER_HEIGHT} y2={INNER_HEIGHT} stroke={AXIS_COLOUR} />
    </g>
  );
}

/**
 * The numbers of a chart: the first column names the row (a row header), the others are numbers
 * aligned right. The caption is for screen readers; sighted readers have the figure's caption.
 */
export function ChartTable(props: { t: Translate; title: string; head: readonly string[]; rows: readonly (readonly [string, ...string[]])[] }) {
  const [first, ...numbers] = props.head;
  return (
    <div class="table-wrap chart-table">
      <table class="data">
        <caption class="visually-hidden">{props.t('stats.table.of', { title: props.title })}</caption>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            {numbers.map((h) => (
              <th scope="col" class="num">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map(([label, ...cells]) => (
            <tr>
              <th scope="row">{label}</th>
              {cells.map((c) => (
                <td class="num">{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
