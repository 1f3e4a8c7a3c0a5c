/**
 * The statistics report (issue 8 §2) from the roll-up. The caller reads the scope's roll-up for the
 * period and for the same period a year before — as daily rows (computeStats), or already summed by
 * court × channel and by month (statsFromTallies: what the database answers, a few thousand rows
 * for a year of the whole province) — and the scope's courts; everything else is computed here.
 */
import { PETITION_CHANNELS, type PetitionChannel } from '../petitions/kinds.ts';
import { yoyChange } from './change.ts';
import { scopeFigures, type ScopeFigures } from './figures.ts';
import { addMonths, inPeriod, monthsOf, previousYearPeriod, type Period } from './period.ts';
import { periodTallies, type CellCount, type MonthTally, type PeriodTallies, type RollupRow } from './rollup.ts';
import { COURT_LEVELS, videoRooms, type CourtLevel, type StatsCourt, type StatsScope, type VideoRooms } from './scope.ts';
import { trendPanel, type TrendPanel } from './trend.ts';

/** 件 and 人次 in the period and the year before, with 同比 of each (null on a zero base). */
export interface Compared {
  cases: number;
  persons: number;
  previousCases: number;
  previousPersons: number;
  change: number | null;
  personsChange: number | null;
}

export interface MonthFigures {
  /** YYYY-MM of the period. */
  month: string;
  /** The same month a year before. */
  previousMonth: string;
  cases: number;
  persons: number;
  previousCases: number;
  previousPersons: number;
}

export interface PetitionStats {
  period: Period;
  previousPeriod: Period;
  total: Compared;
  byChannel: ({ channel: PetitionChannel } & Compared)[];
  /** The levels present in the scope, high → basic. */
  byLevel: ({ level: CourtLevel } & Compared)[];
  /** Every court of the scope, in the scope's order, with or without petitions. */
  byCourt: ({ court: StatsCourt } & Compared)[];
  byMonth: MonthFigures[];
  lawyers: { interview: number; representation: number; resolution: number };
  assistance: { applied: number; approved: number; amount: number };
  trend: TrendPanel;
  figures: ScopeFigures;
  videoRooms: VideoRooms;
}

/** Splits roll-up rows (by day) into those of the period and those of the same period a year before. */
export function splitByPeriod<R extends { day: string }>(rows: readonly R[], period: Period): { current: R[]; previous: R[] } {
  const before = previousYearPeriod(period);
  return { current: rows.filter((r) => inPeriod(r.day, period)), previous: rows.filter((r) => inPeriod(r.day, before)) };
}

/** 件 and 人次. */
interface Count {
  cases: number;
  persons: number;
}

const noCount = (): Count => ({ cases: 0, persons: 0 });

function compared(now: Count, before: Count): Compared {
  return {
    cases: now.cases,
    persons: now.persons,
    previousCases: before.cases,
    previousPersons: before.persons,
    change: yoyChange(now.cases, before.cases),
    personsChange: yoyChange(now.persons, before.persons),
  };
}

/** 件 and 人次 added up per key (rows whose key is undefined left out). */
export function tallyBy<R extends Count, K>(rows: readonly R[], keyOf: (r: R) => K | undefined): Map<K, Count> {
  const out = new Map<K, Count>();
  for (const r of rows) {
    const k = keyOf(r);
    if (k === undefined) continue;
    let t = out.get(k);
    if (!t) out.set(k, (t = noCount()));
    t.cases += r.cases;
    t.persons += r.persons;
  }
  return out;
}

export interface StatsInput {
  scope: StatsScope;
  period: Period;
  /** Roll-up rows of the period. Rows of courts outside the scope are ignored. */
  current: readonly RollupRow[];
  /** Roll-up rows of the same period a year before. */
  previous: readonly RollupRow[];
}

export function computeStats(input: StatsInput): PetitionStats {
  const inScope = new Set(input.scope.courts.map((c) => c.id));
  const tallies = (rows: readonly RollupRow[]) => periodTallies(rows.filter((r) => inScope.has(r.courtId)));
  return statsFromTallies({ scope: input.scope, period: input.period, current: tallies(input.current), previous: tallies(input.previous) });
}

export interface StatsTalliesInput {
  scope: StatsScope;
  period: Period;
  /** The period's tallies of the scope's courts (cells of other courts are ignored; months and extras must be the scope's). */
  current: PeriodTallies;
  /** The same period a year before. */
  previous: PeriodTallies;
}

function monthTotals(months: readonly MonthTally[], shift: number): Map<string, MonthTally> {
  const out = new Map<string, MonthTally>();
  for (const m of months) {
    const key = addMonths(m.month, shift);
    const t = out.get(key) ?? { month: key, cases: 0, persons: 0 };
    t.cases += m.cases;
    t.persons += m.persons;
    out.set(key, t);
  }
  return out;
}

export function statsFromTallies(input: StatsTalliesInput): PetitionStats {
  const { scope, period } = input;
  const courtOf = new Map(scope.courts.map((c) => [c.id, c]));
  const current = input.current.cells.filter((r) => courtOf.has(r.courtId));
  const previous = input.previous.cells.filter((r) => courtOf.has(r.courtId));
  const get = <K>(m: Map<K, Count>, k: K) => m.get(k) ?? noCount();

  const all = (rows: readonly CellCount[]) => get(tallyBy(rows, () => 'all'), 'all');
  const nowAll = all(current);
  const extras = input.current.extras;

  const byChannelNow = tallyBy(current, (r) => r.channel);
  const byChannelBefore = tallyBy(previous, (r) => r.channel);
  const levelOf = (r: CellCount) => courtOf.get(r.courtId)?.level;
  const byLevelNow = tallyBy(current, levelOf);
  const byLevelBefore = tallyBy(previous, levelOf);
  const byCourtNow = tallyBy(current, (r) => r.courtId);
  const byCourtBefore = tallyBy(previous, (r) => r.courtId);
  const byMonthNow = monthTotals(input.current.months, 0);
  // A month of the year before is filed under the month of the period it is compared with.
  const byMonthBefore = monthTotals(input.previous.months, 12);
  const levels = COURT_LEVELS.filter((l) => scope.courts.some((c) => c.level === l));
  const none = { cases: 0, persons: 0 };

  return {
    period,
    previousPeriod: previousYearPeriod(period),
    total: compared(nowAll, all(previous)),
    byChannel: PETITION_CHANNELS.map((channel) => ({ channel, ...compared(get(byChannelNow, channel), get(byChannelBefore, channel)) })),
    byLevel: levels.map((level) => ({ level, ...compared(get(byLevelNow, level), get(byLevelBefore, level)) })),
    byCourt: scope.courts.map((court) => ({ court, ...compared(get(byCourtNow, court.id), get(byCourtBefore, court.id)) })),
    byMonth: monthsOf(period).map((month) => {
      const now = byMonthNow.get(month) ?? none;
      const before = byMonthBefore.get(month) ?? none;
      return {
        month,
        previousMonth: addMonths(month, -12),
        cases: now.cases,
        persons: now.persons,
        previousCases: before.cases,
        previousPersons: before.persons,
      };
    }),
    lawyers: { interview: extras.lawyerInterview, representation: extras.lawyerRepresentation, resolution: extras.lawyerResolution },
    assistance: { applied: extras.assistanceApplied, approved: extras.assistanceApproved, amount: extras.assistanceAmount },
    trend: trendPanel(current, previous),
    figures: scopeFigures(scope, current, previous, extras),
    videoRooms: videoRooms(scope),
  };
}
