/** The pieces the agenda and the minutes both print: the meeting's particulars and an item's case. */
import type { Paragraph, Table, IRunOptions } from 'docx';
import type { Translate } from '../../i18n/index.ts';
import type { DocActionItem, DocAgendaItem, MeetingDoc } from './meeting-doc.ts';
import { particularPairs } from '../particulars.ts';
import { cellLines, labelled, levelRun, para, table } from './layout.ts';

/** The particulars, one labelled line each. */
export function particulars(doc: MeetingDoc, t: Translate): Paragraph[] {
  return particularPairs(doc, t).map(([label, value]) => labelled(label, value, t));
}

/** The lines that say which case a warning item is about. */
export function caseLines(item: DocAgendaItem, t: Translate): (string | IRunOptions[])[] {
  const lines: (string | IRunOptions[])[] = [];
  const head = [item.caseNumber, item.cause].filter(Boolean).join(' ');
  if (head) lines.push([{ text: head, bold: true }]);
  const status: IRunOptions[] = [];
  if (item.levelText) status.push(levelRun(item.levelText, item.level));
  if (item.carryOvers) status.push({ text: `${status.length ? ' · ' : ''}${t('meeting.docx.carriedOver', { count: item.carryOvers })}` });
  if (item.courtName) status.push({ text: `${status.length ? ' · ' : ''}${item.courtName}` });
  if (status.length) lines.push(status);
  if (item.scoreLine) lines.push([{ text: t('meeting.docx.scoreLine', { line: item.scoreLine }), color: '475467' }]);
  return lines;
}

/** The action items of an item, or the open ones of earlier meetings (with where they came from and days overdue). */
export function actionItemTable(items: readonly DocActionItem[], t: Translate, withSource: boolean): Table {
  const columns = withSource
    ? [
        { header: t('meeting.docx.no'), width: 7, align: 'center' as const },
        { header: t('meeting.docx.actionItem'), width: 21 },
        // Wide enough for a case number on one line (the source is the meeting, then the case),
        // and the owner for an English court name's longest word.
        { header: t('meeting.docx.source'), width: 28 },
        { header: t('meeting.docx.owner'), width: 19 },
        { header: t('meeting.docx.dueOn'), width: 14, align: 'center' as const },
        { header: t('meeting.docx.daysOverdue'), width: 11, align: 'center' as const },
      ]
    : [
        { header: t('meeting.docx.no'), width: 7, align: 'center' as const },
        { header: t('meeting.docx.actionItem'), width: 55 },
        { header: t('meeting.docx.owner'), width: 22 },
        { header: t('meeting.docx.dueOn'), width: 16, align: 'center' as const },
      ];
  const rows = items.map((item, i) => {
    const base = [String(i + 1), item.text];
    const overdue = item.daysOverdue ? cellLines([[{ text: t('meeting.docx.overdueDays', { days: item.daysOverdue }), bold: true, color: 'B42318' }]]) : '';
    return withSource ? [...base, sourceCell(item.source), item.owner, item.dueOn, overdue] : [...base, item.owner, item.dueOn];
  });
  return table(columns, rows);
}

/** The meeting on its line, the case number below it a little smaller, so that it is not broken. */
function sourceCell(source: string | null | undefined) {
  const [meeting = '', ...rest] = (source ?? '').split('\n');
  return cellLines([meeting, ...rest.map((line): IRunOptions[] => [{ text: line, size: 18, color: '475467' }])]);
}

/** What a standard item brings to the meeting: the figures of the period, or the open action items of earlier meetings. */
export function standardItemBody(item: DocAgendaItem, t: Translate): (Paragraph | Table)[] {
  if (item.kind === 'data_report') {
    const period = item.period ? [para(t('meeting.docx.period', item.period))] : [];
    const lines = item.lines?.length ? item.lines.map((line) => para(line, { indent: true })) : [para(t('meeting.docx.noFigures'))];
    return [...period, ...lines];
  }
  if (item.kind === 'previous_actions') {
    const open = item.actionItems ?? [];
    return [open.length ? actionItemTable(open, t, true) : para(t('meeting.docx.noOpenActionItems'))];
  }
  return [];
}
