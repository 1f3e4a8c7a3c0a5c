/**
 * Statistics periods: two Shanghai days, both included. The same period a year before moves each
 * end back one calendar year; 29 February becomes 28 February. Months are Shanghai months, read
 * off Shanghai days (an instant becomes a day through shanghaiDay first).
 */
import { addDays, daysBetween, isValidDay } from '../time.ts';

export interface Period {
  /** First day, YYYY-MM-DD (Shanghai), included. */
  from: string;
  /** Last day, YYYY-MM-DD (Shanghai), included. */
  to: string;
}

/** The longest period a report covers: ten years of months is already a long table. */
export const MAX_PERIOD_DAYS = 3660;

export type PeriodIssue = 'stats.periodInvalidDay' | 'stats.periodReversed' | 'stats.periodTooLong';

export function periodIssue(p: Period): PeriodIssue | null {
  if (!isValidDay(p.from) || !isValidDay(p.to)) return 'stats.periodInvalidDay';
  if (p.from > p.to) return 'stats.periodReversed';
  if (daysBetween(p.from, p.to) + 1 > MAX_PERIOD_DAYS) return 'stats.periodTooLong';
  return null;
}

export function inPeriod(day: string, p: Period): boolean {
  return day >= p.from && day <= p.to;
}

/** The same calendar day one year earlier; 29 February → 28 February. */
export function sameDayLastYear(day: string): string {
  const year = Number(day.slice(0, 4)) - 1;
  const md = day.slice(5);
  const candidate = `${String(year).padStart(4, '0')}-${md}`;
  return isValidDay(candidate) ? candidate : addDays(`${String(year).padStart(4, '0')}-03-01`, -1);
}

/** 同比's base: the same period a year before. */
export function previousYearPeriod(p: Period): Period {
  return { from: sameDayLastYear(p.from), to: sameDayLastYear(p.to) };
}

/** YYYY-MM of a Shanghai day. */
export function monthOf(day: string): string {
  return day.slice(0, 7);
}

/** The month `n` months after (negative: before) a YYYY-MM month. */
export function addMonths(month: string, n: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  const year = Math.floor(index / 12);
  return `${String(year).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month a period touches, in order: 2018-01-15 … 2018-03-02 → 2018-01, 2018-02, 2018-03. */
export function monthsOf(p: Period): string[] {
  const months: string[] = [];
  for (let m = monthOf(p.from); m <= monthOf(p.to); m = addMonths(m, 1)) months.push(m);
  return months;
}

/** The months of a year up to and including a day's month, as a period: 1 January … `day`. */
export function yearToDate(day: string): Period {
  return { from: `${day.slice(0, 4)}-01-01`, to: day };
}

/** The last day of a YYYY-MM month. */
export function lastDayOfMonth(month: string): string {
  return addDays(`${addMonths(month, 1)}-01`, -1);
}

/**
 * How a report reads a period from the two roll-ups: the whole months inside it from the monthly
 * one, and the days outside those months — at most a run at each end — from the daily one.
 * 2018-01-15 … 2018-09-30 → months 2018-02 … 2018-09, days 2018-01-15 … 2018-01-31.
 */
export interface PeriodParts {
  /** The first and last whole month of the period, or null when no month lies wholly inside it. */
  months: { from: string; to: string } | null;
  /** The days of the period outside those months, in order. */
  days: Period[];
}

export function periodParts(p: Period): PeriodParts {
  const first = p.from.endsWith('-01') ? monthOf(p.from) : addMonths(monthOf(p.from), 1);
  const last = p.to === lastDayOfMonth(monthOf(p.to)) ? monthOf(p.to) : addMonths(monthOf(p.to), -1);
  if (first > last) return { months: null, days: [p] };
  const days: Period[] = [];
  const start = `${first}-01`;
  const end = lastDayOfMonth(last);
  if (p.from < start) days.push({ from: p.from, to: addDays(start, -1) });
  if (p.to > end) days.push({ from: addDays(end, 1), to: p.to });
  return { months: { from: first, to: last }, days };
}
