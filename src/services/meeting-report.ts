/**
 * The 信访数据通报 standard item: the figures of the period since the last meeting of the kind
 * (domain dataReportPeriod) — warnings raised, resolved and open by level — as lines in the
 * reader's language, then the petitions the register took in over the same days (件, 人次, by
 * channel) in the meeting's court and the courts below it.
 */
import { LEVELS, type Level } from '../domain/levels.ts';
import { dataReportPeriod, type DayPeriod } from '../domain/meetings/periods.ts';
import { levelName } from '../domain/rules/index.ts';
import { addDays, shanghaiDayStart } from '../domain/time.ts';
import type { WarningFigureRow } from '../db/meetings.ts';
import { PETITION_CHANNELS } from '../domain/petitions/kinds.ts';
import { tallyBy } from '../domain/stats/aggregate.ts';
import type { CellCount } from '../domain/stats/rollup.ts';
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
  /** The figures as sentences, warnings first, then petitions. */
  lines: string[];
}

/** The period and the instants that bound it: [from 00:00, the day after `to` 00:00) in Shanghai. */
export function reportWindow(startsAt: string, previousStartsAt: string | null): { period: DayPeriod; from: string; to: string } {
  const period = dataReportPeriod(startsAt, previousStartsAt);
  return { period, from: shanghaiDayStart(period.from).toISOString(), to: shanghaiDayStart(addDays(period.to, 1)).toISOString() };
}

const REPORT_LEVELS = [...LEVELS].reverse();

export function dataReport(period: DayPeriod, rows: readonly WarningFigureRow[], petitions: readonly CellCount[], t: Translate, lang: Lang): DataReport {
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
  const lines = period.days === 0 ? [t('meeting.report.emptyPeriod')] : [line('raised'), line('resolved'), line('open'), ...petitionReportLines(petitions, t)];
  return { period, byLevel, total, lines };
}

/**
 * The petitions of the period (domain.md §9): 件 and 人次 in all, then by channel in the register's
 * order, leaving out channels with none. Read from the daily and monthly roll-ups, not the records.
 */
export function petitionReportLines(cells: readonly CellCount[], t: Translate): string[] {
  const total = tallyBy(cells, () => 'all').get('all');
  if (!total || total.cases === 0) return [t('meeting.report.petitionsNone')];
  const byChannel = tallyBy(cells, (c) => c.channel);
  const parts = PETITION_CHANNELS.flatMap((ch) => {
    const n = byChannel.get(ch);
    return n && n.cases > 0 ? [t('meeting.report.channelCount', { channel: t(`petition.channel.${ch}`), cases: n.cases, persons: n.persons })] : [];
  }).join(t('meeting.report.separator'));
  return [t('meeting.report.petitions', { cases: total.cases, persons: total.persons, parts })];
}
