/**
 * The statistics (统计分析, issue 8 §2) for leaders, the petition office and coordinators: the
 * report of a court's scope (the caller's court, or one below it) for a period, from the roll-up
 * summed in the database — one round trip whatever the number of petitions.
 */
import { courtInScope } from '../domain/roles.ts';
import { periodIssue, previousYearPeriod, yearToDate, type Period } from '../domain/stats/period.ts';
import { statsFromTallies, type PetitionStats } from '../domain/stats/aggregate.ts';
import type { StatsCourt } from '../domain/stats/scope.ts';
import { warningFigures, type WarningCounts, type WarningStatRow } from '../domain/stats/warnings.ts';
import type { Level } from '../domain/levels.ts';
import { addDays, shanghaiDay, shanghaiDayStart } from '../domain/time.ts';
import { courtQuery, courtSubtreeQuery, type CourtRow } from '../db/courts.ts';
import { type Db, readAll } from '../db/query.ts';
import { periodTalliesQueries, warningsAliveQuery, type WarningAliveRow } from '../db/stats.ts';
import { AppError, notFound } from '../http/errors.ts';
import { customIssue, publicIssues } from '../http/zod-messages.ts';
import type { CurrentUser } from '../http/types.ts';
import type { Lang, Translate } from '../i18n/index.ts';
import { authorize } from './authorize.ts';
import { courtName } from './present.ts';
import type { CourtChoice } from './courts.ts';

export interface StatsReport extends PetitionStats {
  court: { id: number; code: string; name: string };
  warnings: { byLevel: ({ level: Level } & WarningCounts)[]; total: WarningCounts };
}

/** The period asked for, or the year to date; 422 on `to` when it cannot be a report's period. */
export function periodOf(q: { from?: string; to?: string }, t: Translate, today = shanghaiDay()): Period {
  const to = q.to ?? (q.from && q.from > today ? q.from : today);
  const period = { from: q.from ?? yearToDate(to).from, to };
  const issue = periodIssue(period);
  if (issue) throw new AppError('invalid', 'error.invalid', {}, publicIssues([customIssue(['to'], issue)], t));
  return period;
}

function statsCourt(c: CourtRow): StatsCourt {
  return { id: c.id, code: c.code, name: c.name, nameEn: c.name_en, level: c.level, hasVideoRoom: c.has_video_room === 1 };
}

function warningRow(w: WarningAliveRow): WarningStatRow {
  const closed = w.state === 'resolved' || w.state === 'dismissed';
  return { level: w.level, raisedOn: shanghaiDay(w.created_at), closedOn: closed && w.closed_at ? shanghaiDay(w.closed_at) : null, resolved: w.state === 'resolved' };
}

/**
 * The report: 403 for a role without statistics, 404 for a court outside the caller's scope (as if
 * it did not exist). The scope's courts, both periods' tallies and the warnings are read together.
 */
export async function loadStats(db: Db, user: CurrentUser, q: { from?: string; to?: string; courtId?: number }, t: Translate, lang: Lang): Promise<StatsReport> {
  return (await loadStatsPage(db, user, q, t, lang)).report;
}

/** The report and the courts of the caller's scope to report on instead (the page's choice), one round trip. */
export async function loadStatsPage(
  db: Db,
  user: CurrentUser,
  q: { from?: string; to?: string; courtId?: number },
  t: Translate,
  lang: Lang,
): Promise<{ report: StatsReport; courts: CourtChoice[] }> {
  authorize(user, 'readStats');
  const period = periodOf(q, t);
  const previous = previousYearPeriod(period);
  const rootId = q.courtId ?? user.courtId;
  const now = periodTalliesQueries(db, rootId, period);
  const before = periodTalliesQueries(db, rootId, previous);
  const r = await readAll(db, {
    root: courtQuery(db, rootId),
    courts: courtSubtreeQuery(db, `${user.courtPath}`),
    cells: now.cells,
    months: now.months,
    extras: now.extras,
    previousCells: before.cells,
    previousMonths: before.months,
    previousExtras: before.extras,
    warnings: warningsAliveQuery(db, rootId, shanghaiDayStart(period.from).toISOString(), shanghaiDayStart(addDays(period.to, 1)).toISOString()),
  });
  if (!r.root || !courtInScope(user, r.root.path)) throw notFound();
  const root = r.root;
  const scope = { rootCourtId: root.id, courts: r.courts.filter((c) => c.path.startsWith(root.path)).map(statsCourt) };
  const stats = statsFromTallies({
    scope,
    period,
    current: { cells: r.cells, months: r.months, extras: r.extras },
    previous: { cells: r.previousCells, months: r.previousMonths, extras: r.previousExtras },
  });
  const report = {
    court: { id: root.id, code: root.code, name: courtName(root, lang) },
    ...stats,
    warnings: warningFigures(r.warnings.map(warningRow), period),
  };
  return { report, courts: r.courts.map((c) => ({ id: c.id, label: t('court.option', { name: courtName(c, lang), code: c.code }) })) };
}
