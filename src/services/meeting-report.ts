/**
 * The 信访数据通报 standard item: the figures of the period since the last meeting of the kind
 * (domain dataReportPeriod) — warnings raised, resolved and open by level — as lines in the
 * reader's language. Petition figures join here once the petition register exists.
 */
import { LEVELS, type Level } from '../domain/levels.ts';
import { dataReportPeriod, type DayPeriod } from '../domain/meetings/periods.ts';
import { levelName } from '../domain/rules/index.ts';
import { addDays, shanghaiDayStart } from '../domain/time.ts';
import type { WarningFigureRow } from '../db/meetings.ts';
import type { Lang, Translate } from '../i18n/index.ts';

export interface LevelFigures {
  level: Level;
  raised: number;
  resolved: number;
  open: number;
}

export interface DataReport {
  period: DayPeriod;
  byLevel: LevelFigures[];
  total: { raised: number; resolved: number; open: number };
  /** The figures as sentences, warnings first, then petitions (none until the register exists). */
  lines: string[];
}

/** The period and the instants that bound it: [from 00:00, the day after `to` 00:00) in Shanghai. */
export function reportWindow(startsAt: string, previousStartsAt: string | null): { period: DayPeriod; from: string; to: string } {
  const period = dataReportPeriod(startsAt, previousStartsAt);
  return { period, from: shanghaiDayStart(period.from).toISOString(), to: shanghaiDayStart(addDays(period.to, 1)).toISOString() };
}

const REPORT_LEVELS = [...LEVELS].reverse();

export function dataReport(period: DayPeriod, rows: readonly WarningFigureRow[], t: Translate, lang: Lang): DataReport {
  const byLevel = REPORT_LEVELS.map((level) => {
    const row = rows.find((r) => r.level === level);
    return { level, raised: row?.raised ?? 0, resolved: row?.resolved ?? 0, open: row?.open ?? 0 };
  });
  const total = byLevel.reduce((sum, l) => ({ raised: sum.raised + l.raised, resolved: sum.resolved + l.resolved, open: sum.open + l.open }), {
    raised: 0,
    resolved: 0,
    open: 0,
  });
  const parts = (figure: 'raised' | 'resolved' | 'open') =>
    byLevel
      .filter((l) => l[figure] > 0)
      .map((l) => t('meeting.report.levelCount', { level: levelName(l.level, lang), n: l[figure] }))
      .join(t('meeting.report.separator'));
  const line = (figure: 'raised' | 'resolved' | 'open') =>
    total[figure] === 0 ? t(`meeting.report.${figure}None`) : t(`meeting.report.${figure}`, { n: total[figure], parts: parts(figure) });
  const lines = period.days === 0 ? [t('meeting.report.emptyPeriod')] : [line('raised'), line('resolved'), line('open'), ...petitionReportLines(period, t)];
  return { period, byLevel, total, lines };
}

/**
 * Where the petition figures of the period (件, 人次 by channel — domain.md §9) join the report
 * once the petition register exists: it will read them with the warning figures and return their
 * sentences here. Until then the report carries the warning figures only.
 */
export function petitionReportLines(_period: DayPeriod, _t: Translate): string[] {
  return [];
}
