import { env } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDay } from '../src/domain/time.ts';
import { buildDemoSeed } from '../scripts/seed/demo.ts';
import { courtByCode } from '../scripts/seed/gansu-courts.ts';
import { api, fetchApp, page, sessionOf } from './helpers.ts';
import { insertSeedRows } from './support/demo-db.ts';

/**
 * The seed article's table (domain.md §9) from raw records: the demo data is loaded into D1 as
 * `npm start` loads it, and the figures come from the statistics service a leader calls — the
 * roll-up the seed wrote, summed by the same code every report runs — and agree with a direct
 * count of the petitions.
 */
const ARTICLE = 'from=2018-01-01&to=2018-09-30';

beforeAll(async () => {
  await insertSeedRows(await buildDemoSeed({ today: shanghaiDay() }));
});

async function direct(sql: string, ...binds: unknown[]): Promise<number> {
  const row = await env.DB.prepare(sql).bind(...binds).first<{ n: number }>();
  return row?.n ?? 0;
}

describe('the statistics of the demo data reproduce the seed article (Gansu, 2018-01-01 … 2018-09-30)', () => {
  it('gives the leader of the High Court every figure through GET /api/v1/stats', async () => {
    const res = await api('GET', `/stats?${ARTICLE}`, { as: 'leader' });
    expect(res.status).toBe(200);
    const f = res.body.figures;
    expect(res.body.court).toMatchObject({ code: '甘' });
    expect(f.officeVisits).toEqual({ cases: 535, persons: 761 });
    expect(f.accepted.cases).toBe(1972);
    expect(f.letters.change).toBeCloseTo(-0.095, 10);
    expect(f.acceptedBelow).toEqual({ intermediate: 727, basic: 1470, total: 2197 });
    expect(f.lawyers).toEqual({ interview: 57, representation: 26, resolution: 14 });
    expect(f.assistanceApplied).toBe(21);
    expect(f.videoRooms).toEqual({ withRoom: 107, total: 112 });
    expect(res.body.trend.achieved).toBe(true);
  });

  it('agrees with a direct count of the raw petitions', async () => {
    const res = await api('GET', `/stats?${ARTICLE}`, { as: 'leader' });
    const high = courtByCode('甘').id;
    const period = ['2018-01-01', '2018-09-30'];
    const inPeriod = 'received_on BETWEEN ? AND ?';
    expect(res.body.figures.officeVisits.cases).toBe(await direct(`SELECT count(*) AS n FROM petitions WHERE court_id = ? AND channel IN ('visit', 'group_visit') AND ${inPeriod}`, high, ...period));
    expect(res.body.figures.officeVisits.persons).toBe(await direct(`SELECT sum(persons) AS n FROM petitions WHERE court_id = ? AND channel IN ('visit', 'group_visit') AND ${inPeriod}`, high, ...period));
    expect(res.body.total.cases).toBe(await direct(`SELECT count(*) AS n FROM petitions WHERE ${inPeriod}`, ...period));
    expect(res.body.total.previousCases).toBe(await direct(`SELECT count(*) AS n FROM petitions WHERE ${inPeriod}`, '2017-01-01', '2017-09-30'));
    expect(res.body.figures.lawyers.interview).toBe(await direct(`SELECT sum(lawyer_interview) AS n FROM petitions WHERE ${inPeriod}`, ...period));
    const months = res.body.byMonth.map((m: { cases: number }) => m.cases);
    expect(months).toHaveLength(9);
    expect(months.reduce((a: number, b: number) => a + b, 0)).toBe(res.body.total.cases);
  });

  it('shows them on the statistics page, with 同比 −9.5 % and 727 + 1470 = 2197', async () => {
    const { status, html } = await page(`/stats?${ARTICLE}`, 'leader');
    expect(status).toBe(200);
    for (const text of ['535', '761', '1,972', '−9.5%', '727', '1,470', '2,197', '107 / 112']) expect(html, text).toContain(text);
    expect(html).toContain('三降一升一平稳');
  });

  it('gives the same figures in the CSV, UTF-8 with a BOM', async () => {
    const res = await fetchApp(`/stats.csv?${ARTICLE}`, { headers: { cookie: await sessionOf('leader') } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    for (const line of ['本院信访接待上访（件）,535', '本院信访接待上访（人次）,761', '本院受理来信来访（件）,1972', '本院受理来信同比,-9.5%', '下级法院受理（件）,2197']) {
      expect(text).toContain(line);
    }
  });
});
