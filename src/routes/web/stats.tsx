import { Hono, type Context } from 'hono';
import { AppError } from '../../http/errors.ts';
import { pageQueryOf } from '../../http/forms.ts';
import { respond, uiOf } from '../../http/render.tsx';
import type { AppEnv } from '../../http/types.ts';
import { currentUser, requireRole } from '../../middleware/require.ts';
import { StatsCsvQuerySchema, StatsQuerySchema } from '../../schemas/stats.ts';
import { statsCsv } from '../../export/stats-csv.ts';
import { loadStats, loadStatsPage, periodOf } from '../../services/stats.ts';
import { StatsFilters, StatsPrintView, StatsReportView, type StatsQueryView } from '../../../views/stats/report.tsx';

/** The report's query as the page reads it: a refused period falls back to the year to date, with its message. */
function statsQuery(c: Context<AppEnv>): { query: StatsQueryView; error?: string } {
  const q = pageQueryOf(c, StatsQuerySchema);
  let error: string | undefined;
  const asked = StatsQuerySchema.safeParse({ from: c.req.query('from') || undefined, to: c.req.query('to') || undefined });
  if (!asked.success) error = c.var.t('stats.periodIgnored');
  try {
    const period = periodOf(q, c.var.t);
    return { query: { ...period, courtId: q.courtId }, error };
  } catch {
    return { query: { ...periodOf({}, c.var.t), courtId: q.courtId }, error: c.var.t('stats.periodIgnored') };
  }
}

/** The statistics page, its A4 print view and its CSV (signed in; leaders, the petition office, coordinators). */
export const statsRoutes = new Hono<AppEnv>()
  .get('/', requireRole('readStats'), async (c) => {
    const user = currentUser(c);
    const { query, error } = statsQuery(c);
    const { report, courts } = await loadStatsPage(c.var.db, user, query, c.var.t, c.var.lang);
    const ui = uiOf(c);
    const view = { ...query, courtId: report.court.id };
    return respond(c, {
      title: c.var.t('stats.title'),
      crumbs: [{ label: c.var.t('stats.title') }],
      content: (
        <>
          <StatsFilters ui={ui} query={view} courts={courts} error={error} />
          <StatsReportView ui={ui} report={report} query={view} />
        </>
      ),
    });
  })
  .get('/print', requireRole('readStats'), async (c) => {
    const { query } = statsQuery(c);
    const report = await loadStats(c.var.db, currentUser(c), query, c.var.t, c.var.lang);
    const view = { ...query, courtId: report.court.id };
    return respond(c, {
      title: c.var.t('stats.printTitle', { court: report.court.name }),
      crumbs: [{ href: `/stats?from=${query.from}&to=${query.to}&courtId=${report.court.id}`, label: c.var.t('stats.title') }, { label: c.var.t('stats.printView') }],
      content: <StatsPrintView ui={uiOf(c)} report={report} query={view} />,
    });
  });

/** GET /stats.csv: the report (or one of its tables) as CSV, UTF-8 with a BOM. */
export async function statsCsvHandler(c: Context<AppEnv>) {
  const parsed = StatsCsvQuerySchema.safeParse(c.req.query());
  if (!parsed.success) throw new AppError('invalid', 'error.invalid');
  const q = parsed.data;
  const report = await loadStats(c.var.db, currentUser(c), q, c.var.t, c.var.lang);
  const body = statsCsv(report, { t: c.var.t, lang: c.var.lang, warnings: report.warnings, table: q.table });
  const name = `stats-${report.court.code}-${report.period.from}-${report.period.to}${q.table ? `-${q.table}` : ''}.csv`;
  return c.body(body, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="stats-${report.period.from}-${report.period.to}${q.table ? `-${q.table}` : ''}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
  });
}
