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

export interface StatsCsvOptions {
  t: Translate;
  lang: Lang;
  /** Warning figures of the period, when the report includes them. */
  warnings?: { byLevel: readonly ({ level: Level } & WarningCounts)[]; total: WarningCounts };
}

export function statsCsvRows(stats: PetitionStats, { t, lang, warnings }: StatsCsvOptions): CsvCell[][] {
  const f = stats.figures;
  const rows: CsvCell[][] = [
    [t('stats.csv.period'), stats.period.from, stats.period.to],
    [t('stats.csv.previousPeriod'), stats.previousPeriod.from, stats.previousPeriod.to],
  ];
  const section = (title: string, head: CsvCell[], body: CsvCell[][]) => rows.push([], [title], head, ...body);

  section(t('stats.section.figures'), [t('stats.col.figure'), t('stats.col.value')], [
    [t('stats.figure.officeVisits'), f.officeVisits.cases],
    [t('stats.figure.officeVisitPersons'), f.officeVisits.persons],
    [t('stats.figure.accepted'), f.accepted.cases],
    [t('stats.figure.letters'), f.letters.cases],
    [t('stats.figure.lettersChange'), change(f.letters.cases, f.letters.previousCases)],
    [t('stats.figure.acceptedBelow'), f.acceptedBelow.total],
    [t('stats.figure.intermediate'), f.acceptedBelow.intermediate],
    [t('stats.figure.basic'), f.acceptedBelow.basic],
    [t('stats.figure.videoRooms'), t('stats.figure.videoRoomsValue', { withRoom: f.videoRooms.withRoom, total: f.videoRooms.total })],
  ]);

  const comparedHead = [t('stats.col.cases'), t('stats.col.persons'), t('stats.col.previousCases'), t('stats.col.previousPersons'), t('stats.col.change')];
  const compared = (c: PetitionStats['total']): CsvCell[] => [c.cases, c.persons, c.previousCases, c.previousPersons, change(c.cases, c.previousCases)];
  section(t('stats.section.byChannel'), [t('stats.col.channel'), ...comparedHead], [
    ...stats.byChannel.map((c) => [t(`petition.channel.${c.channel}`), ...compared(c)]),
    [t('stats.trend.total'), ...compared(stats.total)],
  ]);
  section(t('stats.section.byLevel'), [t('stats.col.level'), ...comparedHead], stats.byLevel.map((l) => [t(`stats.level.${l.level}`), ...compared(l)]));
  section(
    t('stats.section.byCourt'),
    [t('stats.col.courtCode'), t('stats.col.court'), t('stats.col.level'), ...comparedHead],
    stats.byCourt.map((c) => [c.court.code, lang === 'en' && c.court.nameEn ? c.court.nameEn : c.court.name, t(`stats.level.${c.court.level}`), ...compared(c)]),
  );
  section(
    t('stats.section.byMonth'),
    [t('stats.col.month'), t('stats.col.cases'), t('stats.col.persons'), t('stats.col.previousMonth'), t('stats.col.previousCases'), t('stats.col.previousPersons'), t('stats.col.change')],
    stats.byMonth.map((m) => [m.month, m.cases, m.persons, m.previousMonth, m.previousCases, m.previousPersons, change(m.cases, m.previousCases)]),
  );
  section(
    t('stats.trend.title'),
    [t('stats.col.figure'), t('stats.col.expect'), t('stats.col.cases'), t('stats.col.previousCases'), t('stats.col.change'), t('stats.col.achieved')],
    stats.trend.items.map((i) => [
      t(`stats.trend.${i.key}`),
      t(`stats.trend.expect.${i.expect}`),
      i.current,
      i.previous,
      change(i.current, i.previous),
      t(i.achieved ? 'stats.trend.achieved' : 'stats.trend.missed'),
    ]),
  );
  section(t('stats.section.lawyersAssistance'), [t('stats.col.figure'), t('stats.col.value')], [
    [t('petition.lawyer.interview'), stats.lawyers.interview],
    [t('petition.lawyer.representation'), stats.lawyers.representation],
    [t('petition.lawyer.resolution'), stats.lawyers.resolution],
    [t('petition.assistance.applied'), stats.assistance.applied],
    [t('petition.assistance.approved'), stats.assistance.approved],
    [t('petition.assistance.amount'), stats.assistance.amount],
  ]);
  if (warnings) {
    section(
      t('stats.section.warnings'),
      [t('stats.col.level'), t('stats.warnings.raised'), t('stats.warnings.resolved'), t('stats.warnings.open')],
      [...warnings.byLevel.map((w) => [t(`level.${w.level}`), w.raised, w.resolved, w.open]), [t('common.all'), warnings.total.raised, warnings.total.resolved, warnings.total.open]],
    );
  }
  return rows;
}

export function statsCsv(stats: PetitionStats, options: StatsCsvOptions): string {
  return toCsv(statsCsvRows(stats, options));
}
