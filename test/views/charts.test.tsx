import { describe, expect, it } from 'vitest';
import type { Compared, MonthFigures } from '../../src/domain/stats/aggregate.ts';
import { translator, type Lang } from '../../src/i18n/index.ts';
import { ChannelChart, LevelChart, labelLines } from '../../views/charts/bars.tsx';
import { INNER_HEIGHT, INNER_WIDTH } from '../../views/charts/frame.tsx';
import { TrendChart } from '../../views/charts/trend.tsx';

const render = async (el: unknown) => String(await el);

const month = (m: string, cases: number, previousCases: number): MonthFigures => ({
  month: m,
  previousMonth: `${Number(m.slice(0, 4)) - 1}${m.slice(4)}`,
  cases,
  persons: cases,
  previousCases,
  previousPersons: previousCases,
});

const compared = (cases: number, previousCases: number, persons = cases): Compared => ({
  cases,
  persons,
  previousCases,
  previousPersons: previousCases,
  change: previousCases ? (cases - previousCases) / previousCases : null,
  personsChange: null,
});

/** The points of a path's d attribute ("M1,2L3,4…"). */
function points(html: string, cls: string): [number, number][] {
  const d = new RegExp(`class="chart-line ${cls}" d="([^"]*)"`).exec(html)?.[1] ?? '';
  return [...d.matchAll(/[ML]([\d.-]+),([\d.-]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** Cell texts of the table body, row by row. */
function tableRows(html: string): string[][] {
  const body = /<tbody>([\s\S]*)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((c) => c[1]!));
}

const ui = (lang: Lang) => ({ t: translator(lang), lang });

describe('the monthly trend chart', () => {
  const months = [month('2018-01', 10, 20), month('2018-02', 20, 20), month('2018-03', 40, 0)];

  it('draws this period as a line through each month, on a scale from zero to a round top', async () => {
    const html = await render(<TrendChart id="trend" {...ui('zh-CN')} months={months} />);
    const current = points(html, 'chart-line-current');
    expect(current).toHaveLength(3);
    const step = INNER_WIDTH / 3;
    current.forEach(([x], i) => expect(x).toBeCloseTo(step * (i + 0.5), 2));
    expect(current.map(([, y]) => y)).toEqual([INNER_HEIGHT * 0.75, INNER_HEIGHT * 0.5, 0].map((v) => expect.closeTo(v, 2)));
    const previous = points(html, 'chart-line-previous');
    expect(previous.map(([, y]) => y)).toEqual([INNER_HEIGHT * 0.5, INNER_HEIGHT * 0.5, INNER_HEIGHT].map((v) => expect.closeTo(v, 2)));
    expect(html).toContain('stroke-dasharray="6 4"');
  });

  it('names itself for screen readers and follows with the numbers in a table', async () => {
    const html = await render(<TrendChart id="trend" {...ui('zh-CN')} months={months} />);
    expect(html).toContain('role="img"');
    expect(html).toContain('aria-labelledby="trend-title trend-desc"');
    expect(html).toContain('<title id="trend-title">信访件数月度走势</title>');
    expect(html).toContain('2018-01 至 2018-03');
    expect(tableRows(html)).toEqual([
      ['2018-01', '10', '20', '\u221250.0%'],
      ['2018-02', '20', '20', '0.0%'],
      ['2018-03', '40', '0', '—'],
    ]);
    expect(html).toContain('>2018年1月<');
    expect(html).toContain('>2月<');
  });

  it('speaks English when asked, and uses no inline style', async () => {
    const html = await render(<TrendChart id="trend" {...ui('en')} months={months} />);
    expect(html).toContain('Petitions per month');
    expect(html).toContain('>Jan 2018<');
    expect(html).toContain('Same period last year');
    expect(html).not.toMatch(/style=/);
  });

  it('an empty period draws a flat line at zero, never NaN', async () => {
    const html = await render(<TrendChart id="trend" {...ui('zh-CN')} months={[month('2018-01', 0, 0), month('2018-02', 0, 0)]} />);
    expect(html).not.toMatch(/NaN|Infinity/);
    expect(points(html, 'chart-line-current').map(([, y]) => y)).toEqual([INNER_HEIGHT, INNER_HEIGHT]);
  });
});

describe('the bar charts', () => {
  it('court levels: one bar per series, heights in proportion, values and a table', async () => {
    const levels = [
      { level: 'high' as const, ...compared(1972, 2060) },
      { level: 'intermediate' as const, ...compared(727, 743) },
      { level: 'basic' as const, ...compared(1470, 1503) },
    ];
    const html = await render(<LevelChart id="levels" {...ui('zh-CN')} levels={levels} />);
    const heights = [...html.matchAll(/class="chart-bar chart-bar-current"><rect [^>]*height="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(heights).toHaveLength(3);
    expect(heights[0]! / heights[2]!).toBeCloseTo(1972 / 1470, 3);
    expect(html.match(/chart-bar-previous/g)).toHaveLength(3);
    expect(html).toContain('>高院<');
    expect(html).toContain('>基层法院<');
    expect(tableRows(html)).toEqual([
      ['高院', '1,972', '1,972', '2,060', '\u22124.3%'],
      ['中院', '727', '727', '743', '\u22122.2%'],
      ['基层法院', '1,470', '1,470', '1,503', '\u22122.2%'],
    ]);
    expect(html).not.toMatch(/style=/);
  });

  it('channels: every channel labelled in the chosen language', async () => {
    const channels = (['letter', 'visit', 'group_visit', 'video', 'online', 'phone'] as const).map((channel, i) => ({ channel, ...compared(i * 10, 5) }));
    const zh = await render(<ChannelChart id="channels" {...ui('zh-CN')} channels={channels} />);
    for (const label of ['来信', '来访', '群体访', '视频接访', '网上申诉', '电话']) expect(zh).toContain(`>${label}<`);
    const en = await render(<ChannelChart id="channels" {...ui('en')} channels={channels} />);
    expect(en).toContain('>Group visit<');
    expect(tableRows(en)[0]).toEqual(['Letter', '0', '0', '5', '\u2212100.0%']);
    expect(en).toContain('<title id="channels-title">Petitions by channel</title>');
  });
});

describe('category labels under the bars', () => {
  it('stay on one line when they fit, and break at the space nearest the middle when they do not', () => {
    expect(labelLines('视频接访', 80)).toEqual(['视频接访']);
    expect(labelLines('Video reception', 200)).toEqual(['Video reception']);
    expect(labelLines('Video reception', 80)).toEqual(['Video', 'reception']);
    expect(labelLines('Same period last year', 90)).toEqual(['Same period', 'last year']);
    expect(labelLines('Intermediate', 20)).toEqual(['Intermediate']);
  });

  it('are drawn as two lines in the English channel chart', async () => {
    const html = String(
      await ChannelChart({
        ...ui('en'),
        id: 'c',
        channels: (['letter', 'visit', 'group_visit', 'video', 'online', 'phone'] as const).map((channel) => ({ channel, ...compared(3, 2) })),
      }),
    );
    expect(html).toMatch(/<tspan[^>]*>Video<\/tspan><tspan[^>]*>reception<\/tspan>/);
  });
});
