/**
 * What a statistics report reads: the roll-up of a scope for a period, summed in SQL — whole months
 * from the monthly roll-up, the days at the ends from the daily one (src/domain/stats/period.ts
 * `periodParts`) — by court × channel (件, 人次), by month, and the scope's lawyers and assistance;
 * and the warnings alive in the period. Never the raw petitions.
 *
 * Each part is grouped on its own, along its table's primary key (court, month|day, channel), and
 * the parts are added up here: grouping the union instead would sort every row of the period.
 */
import type { Level } from '../domain/levels.ts';
import { periodParts, type Period } from '../domain/stats/period.ts';
import type { CellCount, MonthTally, ScopeExtras } from '../domain/stats/rollup.ts';
import { type Db, many, mapped, one, type Query } from './query.ts';

/** The courts of a scope: the root (by id) and every court below it. */
const SCOPE = `court_id IN (SELECT id FROM courts WHERE path LIKE (SELECT path FROM courts WHERE id = ?) || '%')`;

const EXTRA_COLUMNS = 'lawyer_interview, lawyer_representation, lawyer_resolution, assistance_applied, assistance_approved, assistance_amount';

interface Part {
  /** The table, the column its day or month is in, and the range. */
  table: 'petition_monthly' | 'petition_daily';
  column: 'month' | 'day';
  from: string;
  to: string;
}

/** The period as ranges of the two roll-ups: at most one of months and two of days. */
function partsOf(period: Period): Part[] {
  const p = periodParts(period);
  return [
    ...(p.months ? [{ table: 'petition_monthly', column: 'month', from: p.months.from, to: p.months.to } as const] : []),
    ...p.days.map((d) => ({ table: 'petition_daily', column: 'day', from: d.from, to: d.to }) as const),
  ];
}

/** One SELECT per part, each on its own range (served by the primary key, court by court), joined by UNION ALL. */
function compound(parts: Part[], rootCourtId: number, select: (p: Part) => string, groupBy = ''): { sql: string; binds: (string | number)[] } {
  return {
    sql: parts.map((p) => `${select(p)} FROM ${p.table} WHERE ${SCOPE} AND ${p.column} BETWEEN ? AND ?${groupBy}`).join(' UNION ALL '),
    binds: parts.flatMap((p) => [rootCourtId, p.from, p.to]),
  };
}

function sumBy<T extends { cases: number; persons: number }>(rows: T[], key: (r: T) => string): T[] {
  const out = new Map<string, T>();
  for (const r of rows) {
    const k = key(r);
    const t = out.get(k);
    if (t) {
      t.cases += r.cases;
      t.persons += r.persons;
    } else out.set(k, { ...r });
  }
  return [...out.values()];
}

/** The period's 件 and 人次 by court × channel and by month, and the scope's lawyers and assistance. */
export function periodTalliesQueries(
  db: Db,
  rootCourtId: number,
  period: Period,
): { cells: Query<CellCount[]>; months: Query<MonthTally[]>; extras: Query<ScopeExtras> } {
  const parts = partsOf(period);
  const cells = compound(parts, rootCourtId, () => 'SELECT court_id AS courtId, channel, sum(cases) AS cases, sum(persons) AS persons', ' GROUP BY court_id, channel');
  const months = compound(
    parts,
    rootCourtId,
    (p) => `SELECT ${p.column === 'month' ? 'month' : 'substr(day, 1, 7)'} AS month, sum(cases) AS cases, sum(persons) AS persons`,
    ' GROUP BY 1',
  );
  const extras = compound(parts, rootCourtId, () => `SELECT ${EXTRA_COLUMNS}`);
  return {
    cells: mapped(many<CellCount>(db.prepare(cells.sql).bind(...cells.binds)), (rows) => sumBy(rows, (r) => `${r.courtId}|${r.channel}`)),
    months: mapped(many<MonthTally>(db.prepare(months.sql).bind(...months.binds)), (rows) => sumBy(rows, (r) => r.month)),
    extras: mapped(
      one<ScopeExtras>(
        db
          .prepare(
            `SELECT coalesce(sum(lawyer_interview), 0) AS lawyerInterview, coalesce(sum(lawyer_representation), 0) AS lawyerRepresentation,
               coalesce(sum(lawyer_resolution), 0) AS lawyerResolution, coalesce(sum(assistance_applied), 0) AS assistanceApplied,
               coalesce(sum(assistance_approved), 0) AS assistanceApproved, coalesce(sum(assistance_amount), 0) AS assistanceAmount
             FROM (${extras.sql})`,
          )
          .bind(...extras.binds),
      ),
      (row) =>
        row ?? { lawyerInterview: 0, lawyerRepresentation: 0, lawyerResolution: 0, assistanceApplied: 0, assistanceApproved: 0, assistanceAmount: 0 },
    ),
  };
}

export interface WarningAliveRow {
  level: Level;
  state: string;
  created_at: string;
  closed_at: string | null;
}

/**
 * The warnings of the scope's cases alive in a period: raised before its end and not closed before
 * its start (instants: the UTC starts of the first day and of the day after the last).
 */
export function warningsAliveQuery(db: Db, rootCourtId: number, start: string, end: string): Query<WarningAliveRow[]> {
  return many<WarningAliveRow>(
    db
      .prepare(
        `SELECT w.level, w.state, w.created_at, w.closed_at FROM warnings w JOIN cases c ON c.id = w.case_id
         WHERE c.${SCOPE} AND w.created_at < ? AND (w.closed_at IS NULL OR w.closed_at >= ?)`,
      )
      .bind(rootCourtId, end, start),
  );
}
