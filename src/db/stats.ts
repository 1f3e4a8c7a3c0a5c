/**
 * What a statistics report reads: the roll-up of a scope for a period, summed in SQL by court ×
 * channel and by month (whole months from the monthly roll-up, the days at the ends from the daily
 * one — src/domain/stats/period.ts `periodParts`), and the warnings alive in the period. Never the
 * raw petitions.
 */
import type { Level } from '../domain/levels.ts';
import { periodParts, type Period } from '../domain/stats/period.ts';
import type { CellRow, MonthTally } from '../domain/stats/rollup.ts';
import { many, type Query } from './query.ts';

/** The courts of a scope: the root (by id) and every court below it. */
const SCOPE = `court_id IN (SELECT id FROM courts WHERE path LIKE (SELECT path FROM courts WHERE id = ?) || '%')`;

const TALLIES = `sum(cases) AS cases, sum(persons) AS persons, sum(lawyer_interview) AS lawyerInterview,
  sum(lawyer_representation) AS lawyerRepresentation, sum(lawyer_resolution) AS lawyerResolution,
  sum(assistance_applied) AS assistanceApplied, sum(assistance_approved) AS assistanceApproved, sum(assistance_amount) AS assistanceAmount`;
const COLUMNS = 'cases, persons, lawyer_interview, lawyer_representation, lawyer_resolution, assistance_applied, assistance_approved, assistance_amount';

/** The roll-up rows of a period as one UNION ALL: `month` is the month of the row (of its day for the daily part). */
function periodRows(rootCourtId: number, period: Period): { sql: string; binds: (string | number)[] } {
  const parts = periodParts(period);
  const selects: string[] = [];
  const binds: (string | number)[] = [];
  if (parts.months) {
    selects.push(`SELECT court_id, channel, month, ${COLUMNS} FROM petition_monthly WHERE month BETWEEN ? AND ? AND ${SCOPE}`);
    binds.push(parts.months.from, parts.months.to, rootCourtId);
  }
  if (parts.days.length) {
    selects.push(
      `SELECT court_id, channel, substr(day, 1, 7) AS month, ${COLUMNS} FROM petition_daily
       WHERE (${parts.days.map(() => 'day BETWEEN ? AND ?').join(' OR ')}) AND ${SCOPE}`,
    );
    binds.push(...parts.days.flatMap((d) => [d.from, d.to]), rootCourtId);
  }
  return { sql: selects.join(' UNION ALL '), binds };
}

/** The period's counts by court and channel, and by month, for the scope under `rootCourtId`. */
export function periodTalliesQueries(db: D1Database, rootCourtId: number, period: Period): { cells: Query<CellRow[]>; months: Query<MonthTally[]> } {
  const rows = periodRows(rootCourtId, period);
  return {
    cells: many<CellRow>(db.prepare(`SELECT court_id AS courtId, channel, ${TALLIES} FROM (${rows.sql}) GROUP BY court_id, channel`).bind(...rows.binds)),
    months: many<MonthTally>(db.prepare(`SELECT month, sum(cases) AS cases, sum(persons) AS persons FROM (${rows.sql}) GROUP BY month`).bind(...rows.binds)),
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
export function warningsAliveQuery(db: D1Database, rootCourtId: number, start: string, end: string): Query<WarningAliveRow[]> {
  return many<WarningAliveRow>(
    db
      .prepare(
        `SELECT w.level, w.state, w.created_at, w.closed_at FROM warnings w JOIN cases c ON c.id = w.case_id
         WHERE c.${SCOPE} AND w.created_at < ? AND (w.closed_at IS NULL OR w.closed_at >= ?)`,
      )
      .bind(rootCourtId, end, start),
  );
}
