import { describe, expect, it } from 'vitest';
import { changePercent, formatChange, monthsOf, periodIssue, previousYearPeriod, sameDayLastYear, yoyChange } from '../../src/domain/stats/index.ts';
import { shanghaiDay } from '../../src/domain/time.ts';

describe('periods', () => {
  it('compares with the same days a year before, 29 February becoming 28 February', () => {
    expect(previousYearPeriod({ from: '2018-01-01', to: '2018-09-30' })).toEqual({ from: '2017-01-01', to: '2017-09-30' });
    expect(previousYearPeriod({ from: '2020-02-01', to: '2020-02-29' })).toEqual({ from: '2019-02-01', to: '2019-02-28' });
    expect(sameDayLastYear('2021-02-28')).toBe('2020-02-28');
    expect(sameDayLastYear('2020-03-01')).toBe('2019-03-01');
  });

  it('lists every month a period touches', () => {
    expect(monthsOf({ from: '2017-11-15', to: '2018-02-01' })).toEqual(['2017-11', '2017-12', '2018-01', '2018-02']);
    expect(monthsOf({ from: '2018-03-31', to: '2018-03-31' })).toEqual(['2018-03']);
  });

  it('buckets by the Shanghai month: 16:30 UTC on 31 January is already February', () => {
    expect(shanghaiDay('2018-01-31T16:30:00Z').slice(0, 7)).toBe('2018-02');
    expect(shanghaiDay('2018-01-31T15:59:59Z').slice(0, 7)).toBe('2018-01');
  });

  it('refuses reversed, malformed and overlong periods', () => {
    expect(periodIssue({ from: '2018-01-01', to: '2018-09-30' })).toBeNull();
    expect(periodIssue({ from: '2018-10-01', to: '2018-09-30' })).toBe('stats.periodReversed');
    expect(periodIssue({ from: '2018-02-30', to: '2018-09-30' })).toBe('stats.periodInvalidDay');
    expect(periodIssue({ from: '2000-01-01', to: '2018-09-30' })).toBe('stats.periodTooLong');
  });
});

describe('同比', () => {
  it('is (this − last) ÷ last', () => {
    expect(yoyChange(905, 1000)).toBe(-0.095);
    expect(changePercent(905, 1000)).toBe(-9.5);
    expect(formatChange(905, 1000)).toBe('\u22129.5%');
    expect(formatChange(905, 1000, { ascii: true })).toBe('-9.5%');
    expect(formatChange(110, 100)).toBe('+10.0%');
    expect(formatChange(7, 7)).toBe('0.0%');
  });

  it('has no value on a zero base: null, shown as a dash, never Infinity or NaN', () => {
    expect(yoyChange(12, 0)).toBeNull();
    expect(yoyChange(0, 0)).toBeNull();
    expect(changePercent(12, 0)).toBeNull();
    expect(formatChange(12, 0)).toBe('—');
  });

  it('rounds halves away from zero in both directions', () => {
    expect(changePercent(1, 8)).toBe(-87.5);
    expect(changePercent(2001, 2000)).toBe(0.1);
    expect(changePercent(1999, 2000)).toBe(-0.1);
    expect(changePercent(40001, 40000)).toBe(0);
    expect(Object.is(changePercent(39999, 40000), -0)).toBe(false);
  });
});
