import { beforeAll, describe, expect, it } from 'vitest';
import { api, fetchApp, page, seedWorld, sessionOf, signIn } from '../helpers.ts';

beforeAll(async () => {
  await seedWorld();
  await signIn('petition', 'leader', 'coordinator', 'judge', 'admin');
});

/** Registers `n` petitions of a channel at a court on a day (the petition office of 甘01 registers for its scope). */
async function petitions(n: number, over: { courtId: number; receivedOn: string; channel?: string; persons?: number }) {
  for (let i = 0; i < n; i++) {
    const res = await api('POST', '/petitions', {
      as: 'petition',
      json: { channel: 'letter', persons: 1, petitionerName: '统计某', complaintType: 'judgment', ...over },
    });
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  }
}

async function csv(path: string, as: string): Promise<{ status: number; bytes: Uint8Array; text: string; headers: Headers }> {
  const res = await fetchApp(path, { headers: { cookie: await sessionOf(as) } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  // The BOM is kept in the text, as a spreadsheet receives it.
  return { status: res.status, bytes, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), headers: res.headers };
}

describe('who reads the statistics', () => {
  it('leaders, the petition office and coordinators; judges and admins get 403 on the API, the page, the print view and the CSV', async () => {
    for (const as of ['leader', 'petition', 'coordinator']) expect((await api('GET', '/stats', { as })).status, as).toBe(200);
    for (const as of ['judge', 'admin']) {
      expect((await api('GET', '/stats', { as })).status, as).toBe(403);
      expect((await page('/stats', as)).status, as).toBe(403);
      expect((await page('/stats/print', as)).status, as).toBe(403);
      expect((await csv('/stats.csv', as)).status, as).toBe(403);
    }
    expect((await api('GET', '/stats')).status).toBe(401);
  });

  it('a court below is a narrower report; a court outside the scope is 404', async () => {
    const below = await api('GET', '/stats?courtId=3', { as: 'petition' });
    expect(below.status).toBe(200);
    expect(below.body.court.code).toBe('甘0102');
    expect(below.body.byCourt.map((c: { court: { code: string } }) => c.court.code)).toEqual(['甘0102']);
    const mine = await api('GET', '/stats', { as: 'petition' });
    expect(mine.body.byCourt.map((c: { court: { code: string } }) => c.court.code)).toEqual(['甘01', '甘0102', '甘0103']);
    expect((await api('GET', '/stats?courtId=5', { as: 'petition' })).status).toBe(404);
    expect((await api('GET', '/stats?courtId=999', { as: 'petition' })).status).toBe(404);
    expect((await csv('/stats.csv?courtId=5', 'petition')).status).toBe(404);
  });

  it('422 names the field of a period that cannot be a report’s', async () => {
    const reversed = await api('GET', '/stats?from=2019-02-01&to=2019-01-01', { as: 'leader' });
    expect(reversed.status).toBe(422);
    expect(reversed.body.error.issues[0].path).toEqual(['to']);
    const long = await api('GET', '/stats?from=2000-01-01&to=2019-01-01', { as: 'leader' });
    expect(long.status).toBe(422);
    const bad = await api('GET', '/stats?from=2019-02-30&to=2019-03-01', { as: 'leader' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues[0].path).toEqual(['from']);
  });
});

describe('the figures', () => {
  it('count 件 and 人次 by channel, level, court and month with 同比 against the same days a year before; a zero base is null, shown as —', async () => {
    // 2011 against 2010: letters 10 → 8 at 甘01 (−20 %), visits none before (zero base), the basic courts' in February.
    await petitions(10, { courtId: 2, receivedOn: '2010-01-15' });
    await petitions(8, { courtId: 2, receivedOn: '2011-01-14' });
    await petitions(3, { courtId: 3, receivedOn: '2011-02-28', channel: 'visit', persons: 2 });
    await petitions(1, { courtId: 4, receivedOn: '2011-03-01', channel: 'group_visit', persons: 12 });
    const res = await api('GET', '/stats?from=2011-01-01&to=2011-02-28', { as: 'petition' });
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s.previousPeriod).toEqual({ from: '2010-01-01', to: '2010-02-28' });
    expect(s.total).toMatchObject({ cases: 11, persons: 14, previousCases: 10, change: 0.1 });
    const ch = Object.fromEntries(s.byChannel.map((c: { channel: string; cases: number; change: number | null }) => [c.channel, [c.cases, c.change]]));
    expect(ch.letter).toEqual([8, -0.2]);
    expect(ch.visit).toEqual([3, null]);
    expect(ch.group_visit).toEqual([0, null]);
    expect(s.byLevel.map((l: { level: string; cases: number }) => [l.level, l.cases])).toEqual([['intermediate', 8], ['basic', 3]]);
    expect(s.byMonth.map((m: { month: string; cases: number; previousCases: number }) => [m.month, m.cases, m.previousCases])).toEqual([['2011-01', 8, 10], ['2011-02', 3, 0]]);
    expect(s.figures).toMatchObject({ officeVisits: { cases: 0, persons: 0 }, accepted: { cases: 8 }, letters: { cases: 8, previousCases: 10, change: -0.2 }, acceptedBelow: { total: 3, basic: 3 } });
    expect(JSON.stringify(s)).not.toMatch(/Infinity|NaN/);
    const { html } = await page('/stats?from=2011-01-01&to=2011-02-28', 'petition');
    expect(html).toContain('−20.0%');
    expect(html).toContain('—');
    expect(html).not.toMatch(/Infinity|NaN/);
  });

  it('reads the days at the ends of a period from the daily roll-up and the months inside it from the monthly one', async () => {
    await petitions(2, { courtId: 3, receivedOn: '2013-05-31', channel: 'phone' });
    await petitions(4, { courtId: 3, receivedOn: '2013-06-15', channel: 'phone' });
    await petitions(1, { courtId: 3, receivedOn: '2013-07-01', channel: 'phone' });
    await petitions(5, { courtId: 3, receivedOn: '2013-07-02', channel: 'phone' });
    const count = async (from: string, to: string) => (await api('GET', `/stats?from=${from}&to=${to}&courtId=3`, { as: 'leader' })).body.total.cases;
    expect(await count('2013-05-31', '2013-07-01')).toBe(7);
    expect(await count('2013-06-01', '2013-06-30')).toBe(4);
    expect(await count('2013-05-31', '2013-05-31')).toBe(2);
    expect(await count('2013-06-16', '2013-07-02')).toBe(6);
    expect(await count('2013-01-01', '2013-12-31')).toBe(12);
  });

  it('三降一升一平稳 with its marks on the page', async () => {
    await petitions(20, { courtId: 2, receivedOn: '2014-03-03', channel: 'letter' });
    await petitions(18, { courtId: 2, receivedOn: '2015-03-03', channel: 'letter' });
    await petitions(1, { courtId: 2, receivedOn: '2015-03-04', channel: 'video' });
    const res = await api('GET', '/stats?from=2015-03-01&to=2015-03-31', { as: 'petition' });
    expect(res.body.trend.items.map((i: { key: string; achieved: boolean }) => [i.key, i.achieved])).toEqual([
      ['letters', true],
      ['visits', false],
      ['groupVisits', false],
      ['video', true],
      ['total', true],
    ]);
    const { html } = await page('/stats?from=2015-03-01&to=2015-03-31', 'petition');
    expect(html).toContain('三降一升一平稳：尚有未达到的项目');
    expect(html).toContain('✓');
    expect(html).toContain('未达到');
  });
});

describe('the CSV of the statistics', () => {
  it('is UTF-8 with a BOM, CRLF lines, every table under its title; a cell with a comma is quoted, a change stays a number', async () => {
    await petitions(4, { courtId: 2, receivedOn: '2016-04-05' });
    await petitions(5, { courtId: 2, receivedOn: '2017-04-05' });
    const zh = await csv('/stats.csv?from=2017-04-01&to=2017-04-30', 'leader');
    expect(zh.status).toBe(200);
    expect(zh.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(zh.headers.get('content-disposition')).toMatch(/^attachment; filename="stats-2017-04-01-2017-04-30\.csv"; filename\*=UTF-8''/);
    expect([...zh.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = zh.text.slice(1).split('\r\n');
    expect(lines[0]).toBe('统计期间,2017-04-01,2017-04-30');
    for (const title of ['主要指标', '按渠道', '按法院层级', '按法院', '按月份', '三降一升一平稳', '律师参与与司法救助', '风险预警']) expect(lines).toContain(title);
    expect(lines).toContain('甘01,兰州市中级人民法院,中院,5,5,4,4,+25.0%');
    expect(lines).toContain('2017-04,5,5,2016-04,4,4,+25.0%');
    const en = await csv('/stats.csv?from=2017-04-01&to=2017-04-30&lang=en', 'leader');
    expect(en.text).toContain('"Petitions, same period last year"');
  });

  it('gives one table when asked', async () => {
    const one = await csv('/stats.csv?from=2017-04-01&to=2017-04-30&table=levels', 'leader');
    const lines = one.text.slice(1).split('\r\n').filter(Boolean);
    expect(lines).toContain('按法院层级');
    expect(lines).not.toContain('按法院');
    expect(lines).not.toContain('主要指标');
  });
});

describe('the pages', () => {
  it('the statistics page links a CSV for each table and the print view; the print view carries the whole report under the court’s name', async () => {
    const { status, html } = await page('/stats?from=2017-01-01&to=2017-12-31', 'leader');
    expect(status).toBe(200);
    for (const table of ['figures', 'trend', 'months', 'levels', 'channels', 'lawyers', 'warnings', 'courts']) expect(html).toContain(`table=${table}`);
    expect(html).toContain('/stats/print?from=2017-01-01&amp;to=2017-12-31');
    expect(html.match(/<svg class="chart-svg"/g)).toHaveLength(3);
    const print = await page('/stats/print?from=2017-01-01&to=2017-12-31', 'leader');
    expect(print.status).toBe(200);
    expect(print.html).toContain('class="report-print"');
    expect(print.html).toContain('涉诉信访工作统计（2017-01-01 至 2017-12-31）');
    expect(print.html).toContain('甘肃省高级人民法院');
    expect(print.html).toContain('data-print');
  });

  it('a bad period on the page falls back to this year with a message instead of an error', async () => {
    const { status, html } = await page('/stats?from=2019-02-01&to=2019-01-01', 'leader');
    expect(status).toBe(200);
    expect(html).toContain('统计期间有误');
  });
});
