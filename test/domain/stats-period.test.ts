import { describe, expect, it } from 'vitest';
import { changePercent, formatChange, lastDayOfMonth, monthsOf, periodIssue, periodParts, previousYearPeriod, sameDayLastYear, yoyChange } from '../../src/domain/stats/index.ts';
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

describe('reading a period from the monthly and daily roll-ups', () => {
  it('takes the whole months from the monthly roll-up and only the days at the ends from the daily one', () => {
    expect(periodParts({ from: '2018-01-01', to: '2018-09-30' })).toEqual({ months: { from: '2018-01', to: '2018-09' }, days: [] });
    expect(periodParts({ from: '2018-01-15', to: '2018-09-30' })).toEqual({ months: { from: '2018-02', to: '2018-09' }, days: [{ from: '2018-01-15', to: '2018-01-31' }] });
    expect(periodParts({ from: '2018-01-01', to: '2018-03-30' })).toEqual({ months: { from: '2018-01', to: '2018-02' }, days: [{ from: '2018-03-01', to: '2018-03-30' }] });
    expect(periodParts({ from: '2017-12-31', to: '2018-02-01' })).toEqual({
      months: { from: '2018-01', to: '2018-01' },
      days: [{ from: '2017-12-31', to: '2017-12-31' }, { from: '2018-02-01', to: '2018-02-01' }],
    });
  });

  it('a period inside one month, or a single day, is read from the daily roll-up alone', () => {
    expect(periodParts({ from: '2018-02-03', to: '2018-02-27' })).toEqual({ months: null, days: [{ from: '2018-02-03', to: '2018-02-27' }] });
    expect(periodParts({ from: '2018-02-28', to: '2018-02-28' })).toEqual({ months: null, days: [{ from: '2018-02-28', to: '2018-02-28' }] });
    expect(periodParts({ from: '2018-01-31', to: '2018-03-01' })).toEqual({
      months: { from: '2018-02', to: '2018-02' },
      days: [{ from: '2018-01-31', to: '2018-01-31' }, { from: '2018-03-01', to: '2018-03-01' }],
    });
  });

  it('knows the last day of February in leap years, so 29 February closes the month', () => {
    expect(lastDayOfMonth('2020-02')).toBe('2020-02-29');
    expect(lastDayOfMonth('2019-02')).toBe('2019-02-28');
    expect(lastDayOfMonth('2018-12')).toBe('2018-12-31');
    expect(periodParts({ from: '2020-02-01', to: '2020-02-29' })).toEqual({ months: { from: '2020-02', to: '2020-02' }, days: [] });
    expect(periodParts({ from: '2020-02-01', to: '2020-02-28' }).months).toBeNull();
  });

  it('covers every day of the period exactly once, whatever its ends', () => {
    const days = (from: string, to: string) => {
      const out: string[] = [];
      for (let d = from; d <= to; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) out.push(d);
      return out;
    };
    for (const [from, to] of [['2018-01-15', '2019-03-02'], ['2019-12-31', '2020-03-01'], ['2020-02-29', '2020-02-29'], ['2016-01-01', '2018-12-31']] as const) {
      const parts = periodParts({ from, to });
      const covered = [
        ...(parts.months ? monthsOf({ from: `${parts.months.from}-01`, to: lastDayOfMonth(parts.months.to) }).flatMap((m) => days(`${m}-01`, lastDayOfMonth(m))) : []),
        ...parts.days.flatMap((d) => days(d.from, d.to)),
      ].sort();
      expect(covered, `${from} … ${to}`).toEqual(days(from, to));
    }
  });
});
