import { describe, expect, it } from 'vitest';
import { computeStats, emptyTally, type RollupRow, type StatsScope } from '../../src/domain/stats/index.ts';
import { statsCsv } from '../../src/export/stats-csv.ts';
import { translator } from '../../src/i18n/index.ts';

const scope: StatsScope = {
  rootCourtId: 1,
  courts: [
    { id: 1, code: '甘', name: '甘肃省高级人民法院', nameEn: "Gansu High People's Court", level: 'high', hasVideoRoom: true },
    { id: 2, code: '甘01', name: '兰州市中级人民法院', level: 'intermediate', hasVideoRoom: true },
  ],
};
const row = (courtId: number, day: string, channel: RollupRow['channel'], cases: number): RollupRow => ({ ...emptyTally(), courtId, day, channel, cases, persons: cases });
const stats = computeStats({
  scope,
  period: { from: '2018-01-01', to: '2018-02-28' },
  current: [row(1, '2018-01-03', 'letter', 181), row(2, '2018-02-03', 'video', 4)],
  previous: [row(1, '2017-01-03', 'letter', 200)],
});

const lines = (csv: string) => csv.slice(1).split('\r\n');

describe('the statistics CSV', () => {
  it('holds every table under its title, in the caller’s language', () => {
    const zh = lines(statsCsv(stats, { t: translator('zh-CN'), lang: 'zh-CN' }));
    for (const title of ['主要指标', '按渠道', '按法院层级', '按法院', '按月份', '三降一升一平稳', '律师参与与司法救助']) expect(zh).toContain(title);
    expect(zh[0]).toBe('统计期间,2018-01-01,2018-02-28');
    expect(zh).toContain('本院受理来信同比,-9.5%');
    expect(zh).toContain('甘01,兰州市中级人民法院,中院,4,4,0,0,—');
    expect(zh).toContain('2018-02,4,4,2017-02,0,0,—');
    const en = lines(statsCsv(stats, { t: translator('en'), lang: 'en' }));
    expect(en).toContain("甘,Gansu High People's Court,High Court,181,181,200,200,-9.5%");
    expect(en).toContain('Video reception,4,4,0,0,—');
  });

  it('adds the warning figures when given', () => {
    const csv = statsCsv(stats, {
      t: translator('zh-CN'),
      lang: 'zh-CN',
      warnings: { byLevel: [{ level: 'red', raised: 2, resolved: 1, open: 1 }], total: { raised: 2, resolved: 1, open: 1 } },
    });
    expect(lines(csv)).toEqual(expect.arrayContaining(['风险预警', '红色预警,2,1,1', '全部,2,1,1']));
  });
});
