/**
 * Grouped bars: for each category (a court level, a channel) this period's 件 beside the same
 * period a year before, the value written above each bar.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import type { Compared } from '../../src/domain/stats/aggregate.ts';
import { formatChange } from '../../src/domain/stats/change.ts';
import type { CourtLevel } from '../../src/domain/stats/scope.ts';
import type { PetitionChannel } from '../../src/domain/petitions/kinds.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { count } from '../format.ts';
import { AXIS_COLOUR, ChartFigure, ChartTable, INNER_HEIGHT, INNER_WIDTH, Legend, MARGIN, SERIES_COLOURS, ValueAxis, type ChartText } from './frame.tsx';

/** About how wide a character of the axis font is (px at 12 px; CJK characters count double). */
const charWidth = (ch: string) => (/[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 12 : 6.6);
const textWidth = (text: string) => [...text].reduce((w, ch) => w + charWidth(ch), 0);

/** A category label on one line, or on two (split at the space nearest the middle) when it does not fit its band. */
export function labelLines(label: string, room: number): string[] {
  if (textWidth(label) <= room || !label.includes(' ')) return [label];
  const words = label.split(' ');
  let best = [label];
  let widest = Infinity;
  for (let i = 1; i < words.length; i++) {
    const pair = [words.slice(0, i).join(' '), words.slice(i).join(' ')];
    const w = Math.max(...pair.map(textWidth));
    if (w < widest) [best, widest] = [pair, w];
  }
  return best;
}

export interface BarCategory {
  key: string;
  label: string;
  figures: Compared;
}

export function BarChart(props: ChartText & { id: string; title: string; description: string; categoryHeader: string; categories: readonly BarCategory[] }) {
  const { t, lang, categories } = props;
  const x = scaleBand<string>().domain(categories.map((c) => c.key)).range([0, INNER_WIDTH]).paddingInner(0.3).paddingOuter(0.15);
  const series = scaleBand<'current' | 'previous'>().domain(['current', 'previous']).range([0, x.bandwidth()]).padding(0.08);
  const top = Math.max(1, ...categories.map((c) => Math.max(c.figures.cases, c.figures.previousCases)));
  const y = scaleLinear().domain([0, top]).nice().range([INNER_HEIGHT, 0]);
  const bar = (c: BarCategory, which: 'current' | 'previous') => {
    const value = which === 'current' ? c.figures.cases : c.figures.previousCases;
    const left = (x(c.key) ?? 0) + (series(which) ?? 0);
    return (
      <g class={`chart-bar chart-bar-${which}`}>
        <rect x={left} y={y(value)} width={series.bandwidth()} height={INNER_HEIGHT - y(value)} fill={SERIES_COLOURS[which]}>
          <title>{`${c.label} · ${t(which === 'current' ? 'stats.series.current' : 'stats.series.previous')}: ${count(value, lang)}`}</title>
        </rect>
        <text x={left + series.bandwidth() / 2} y={y(value) - 4} text-anchor="middle" fill={AXIS_COLOUR} font-size="11">
          {count(value, lang)}
        </text>
      </g>
    );
  };

  return (
    <ChartFigure
      id={props.id}
      title={props.title}
      description={props.description}
      legend={<Legend t={t} lang={lang} />}
      chart={
        <>
          <ValueAxis t={t} lang={lang} y={y} />
          <g class="chart-plot" transform={`translate(${MARGIN.left},${MARGIN.top})`}>
            {categories.map((c) => (
              <>
                {bar(c, 'current')}
                {bar(c, 'previous')}
              </>
            ))}
          </g>
          <g class="chart-axis chart-axis-x" transform={`translate(${MARGIN.left},${MARGIN.top + INNER_HEIGHT})`}>
            {categories.map((c) => {
              const lines = labelLines(c.label, x.step());
              const cx = (x(c.key) ?? 0) + x.bandwidth() / 2;
              return (
                <text x={cx} y={lines.length > 1 ? 14 : 20} text-anchor="middle" fill={AXIS_COLOUR} font-size="12">
                  {lines.map((line, i) => (
                    <tspan x={cx} dy={i === 0 ? 0 : 14}>
                      {line}
                    </tspan>
                  ))}
                </text>
              );
            })}
          </g>
        </>
      }
      table={
        <ChartTable
          t={t}
          title={props.title}
          head={[props.categoryHeader, t('stats.col.cases'), t('stats.col.persons'), t('stats.col.previousCases'), t('stats.col.change')]}
          rows={categories.map((c) => {
            const f = c.figures;
            return [c.label, count(f.cases, lang), count(f.persons, lang), count(f.previousCases, lang), formatChange(f.cases, f.previousCases)];
          })}
        />
      }
    />
  );
}

/** A bar chart of one kind of category, with its catalog texts. */
function categoryChart(
  props: ChartText & { id: string },
  texts: { title: MessageKey; description: MessageKey; header: MessageKey },
  categories: BarCategory[],
) {
  const { t } = props;
  return (
    <BarChart
      t={t}
      lang={props.lang}
      id={props.id}
      title={t(texts.title)}
      description={t(texts.description)}
      categoryHeader={t(texts.header)}
      categories={categories}
    />
  );
}

export function LevelChart(props: ChartText & { id: string; levels: readonly ({ level: CourtLevel } & Compared)[] }) {
  const texts = { title: 'stats.chart.levels', description: 'stats.chart.levelsDesc', header: 'stats.col.level' } as const;
  return categoryChart(props, texts, props.levels.map((l) => ({ key: l.level, label: props.t(`stats.level.${l.level}`), figures: l })));
}

export function ChannelChart(props: ChartText & { id: string; channels: readonly ({ channel: PetitionChannel } & Compared)[] }) {
  const texts = { title: 'stats.chart.channels', description: 'stats.chart.channelsDesc', header: 'stats.col.channel' } as const;
  return categoryChart(props, texts, props.channels.map((c) => ({ key: c.channel, label: props.t(`petition.channel.${c.channel}`), figures: c })));
}
