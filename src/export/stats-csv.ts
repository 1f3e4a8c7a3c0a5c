/**
 * The statistics report as one CSV (`GET /stats.csv`): every table of the page, each under its
 * title, a blank line between them. Changes are written "-9.5%" so a spreadsheet reads numbers;
 * a zero base is "—" as on the page.
 */
import type { PetitionStats } from '../domain/stats/aggregate.ts';
import { formatChange } from '../domain/stats/change.ts';
import type { WarningCounts } from '../domain/stats/warnings.ts';
import type { Level } from '../domain/levels.ts';
import type { Lang, Translate } from '../i18n/index.ts';
import { toCsv, type CsvCell } from './csv.ts';

const change = (now: number, before: number) => formatChange(now, before, { ascii: true });

/** The report's tables, in page order; each has a CSV link of its own. */
export const STATS_TABLES = ['figures', 'channels', 'levels', 'courts', 'months', 'trend', 'lawyers', 'warnings'] as const;
export type StatsTable = (typeof STATS_TABLES)[number];

export interface StatsCsvOptions {
  t: Translate;
  lang: Lang;
  /** Warning figures of the period, when the report includes them. */
  warnings?: { byLevel: readonly ({ level: Level } & WarningCounts)[]; total: WarningCounts };
  /** One table only; the whole report when absent. */
  table?: StatsTable;
}

type Section = { title: string; head: CsvCell[]; body: CsvCell[][] };

/** Each table of the report as a titled section. */
function sections(stats: PetitionStats, { t, lang, warnings }: StatsCsvOptions): Partial<Record<StatsTable, Section>> {
  const f = stats.figures;
  const comparedHead = [t('stats.col.cases'), t('stats.col.persons'), t('stats.col.previousCases'), t('stats.col.previousPersons'), t('stats.col.change')];
  const compared = (c: PetitionStats['total']): CsvCell[] => [c.cases, c.persons, c.previousCases, c.previousPersons, change(c.cases, c.previousCases)];
  return {
    figures: {
      title: t('stats.section.figures'),
      head: [t('stats.col.figure'), t('stats.col.value')],
      body: [
        [t('stats.figure.officeVisits'), f.officeVisits.cases],
        [t('stats.figure.officeVisitPersons'), f.officeVisits.persons],
        [t('stats.figure.accepted'), f.accepted.cases],
        [t('stats.figure.letters'), f.letters.cases],
        [t('stats.figure.lettersChange'), change(f.letters.cases, f.letters.previousCases)],
        [t('stats.figure.acceptedBelow'), f.acceptedBelow.total],
        [t('stats.figure.intermediate'), f.acceptedBelow.intermediate],
        [t('stats.figure.basic'), f.acceptedBelow.basic],
        [t('stats.figure.videoRooms'), t('stats.figure.videoRoomsValue', { withRoom: f.videoRooms.withRoom, total: f.videoRooms.total })],
      ],
    },
    channels: {
      title: t('stats.section.byChannel'),
      head: [t('stats.col.channel'), ...comparedHead],
      body: [...stats.byChannel.map((c) => [t(`petition.channel.${c.channel}`), ...compared(c)]), [t('stats.trend.total'), ...compared(stats.total)]],
    },
    levels: { title: t('stats.section.byLevel'), head: [t('stats.col.level'), ...comparedHead], body: stats.byLevel.map((l) => [t(`stats.level.${l.level}`), ...compared(l)]) },
    courts: {
      title: t('stats.section.byCourt'),
      head: [t('stats.col.courtCode'), t('stats.col.court'), t('stats.col.level'), ...comparedHead],
      body: stats.byCourt.map((c) => [c.court.code, lang === 'en' && c.court.nameEn ? c.court.nameEn : c.court.name, t(`stats.level.${c.court.level}`), ...compared(c)]),
    },
    months: {
      title: t('stats.section.byMonth'),
      head: [t('stats.col.month'), t('stats.col.cases'), t('stats.col.persons'), t('stats.col.previousMonth'), t('stats.col.previousCases'), t('stats.col.previousPersons'), t('stats.col.change')],
      body: stats.byMonth.map((m) => [m.month, m.cases, m.persons, m.previousMonth, m.previousCases, m.previousPersons, change(m.cases, m.previousCases)]),
    },
    trend: {
      title: t('stats.trend.title'),
      head: [t('stats.col.figure'), t('stats.col.expect'), t('stats.col.cases'), t('stats.col.previousCases'), t('stats.col.change'), t('stats.col.achieved')],
      body: stats.trend.items.map((i) => [
        t(`stats.trend.${i.key}`),
        t(`stats.trend.expect.${i.expect}`),
        i.current,
        i.previous,
        change(i.current, i.previous),
        t(i.achieved ? 'stats.trend.achieved' : 'stats.trend.missed'),
      ]),
    },
    lawyers: {
      title: t('stats.section.lawyersAssistance'),
      head: [t('stats.col.figure'), t('stats.col.value')],
      body: [
        [t('petition.lawyer.interview'), stats.lawyers.interview],
        [t('petition.lawyer.representation'), stats.lawyers.representation],
        [t('petition.lawyer.resolution'), stats.lawyers.resolution],
        [t('petition.assistance.applied'), stats.assistance.applied],
        [t('petition.assistance.approved'), stats.assistance.approved],
        [t('petition.assistance.amount'), stats.assistance.amount],
      ],
    },
    ...(warnings
      ? {
          warnings: {
            title: t('stats.section.warnings'),
            head: [t('stats.col.riskLevel'), t('stats.warnings.raised'), t('stats.warnings.resolved'), t('stats.warnings.open')],
            body: [...warnings.byLevel.map((w) => [t(`level.${w.level}`), w.raised, w.resolved, w.open]), [t('common.all'), warnings.total.raised, warnings.total.resolved, warnings.total.open]],
          },
        }
      : {}),
  };
}

export function statsCsvRows(stats: PetitionStats, options: StatsCsvOptions): CsvCell[][] {
  const { t } = options;
  const rows: CsvCell[][] = [
    [t('stats.csv.period'), stats.period.from, stats.period.to],
    [t('stats.csv.previousPeriod'), stats.previousPeriod.from, stats.previousPeriod.to],
  ];
  const all = sections(stats, options);
  for (const name of options.table ? [options.table] : STATS_TABLES) {
    const section = all[name];
    if (section) rows.push([], [section.title], section.head, ...section.body);
  }
  return rows;
}

export function statsCsv(stats: PetitionStats, options: StatsCsvOptions): string {
  return toCsv(statsCsvRows(stats, options));
}
