/** The agenda (会议议程) as a .docx: particulars, the item table with its time total, then the standard items' content. */
import type { IRunOptions, Paragraph, Table } from 'docx';
import type { Translate } from '../../i18n/index.ts';
import { agendaTotals } from '../../domain/meetings/agenda.ts';
import type { DocAgendaItem, MeetingDoc } from './meeting-doc.ts';
import { cellLines, heading, packDocument, para, subtitle, table, title } from './layout.ts';
import { caseLines, particulars, standardItemBody } from './parts.ts';

export function buildAgendaDocx(doc: MeetingDoc, t: Translate): Promise<ArrayBuffer> {
  const children: (Paragraph | Table)[] = [
    title(doc.title),
    subtitle(t('meeting.docx.agendaHeading')),
    ...particulars(doc, t),
    heading(t('meeting.docx.items')),
    itemTable(doc, t),
    ...totalLine(doc, t),
    ...doc.items.flatMap((item) => standardItemSection(item, t)),
  ];
  return packDocument({ courtName: doc.courtName, title: doc.title, t, children });
}

function itemTable(doc: MeetingDoc, t: Translate): Table {
  const columns = [
    { header: t('meeting.docx.no'), width: 7, align: 'center' as const },
    { header: t('meeting.docx.topic'), width: 59 },
    { header: t('meeting.docx.presenter'), width: 15, align: 'center' as const },
    { header: t('meeting.docx.minutes'), width: 19, align: 'center' as const },
  ];
  const rows = doc.items.map((item, i) => [
    String(i + 1),
    cellLines(topicLines(item, t)),
    item.presenter ?? '',
    item.minutes == null ? '' : String(item.minutes),
  ]);
  return table(columns, rows);
}

function topicLines(item: DocAgendaItem, t: Translate) {
  if (item.kind === 'warning') return caseLines(item, t);
  const lines: (string | IRunOptions[])[] = [[{ text: t(`meeting.standardItem.${item.kind}`), bold: true }]];
  if (item.kind === 'data_report' && item.period) lines.push(t('meeting.docx.period', item.period));
  if (item.kind === 'previous_actions') lines.push(t('meeting.docx.openActionItems', { count: item.actionItems?.length ?? 0 }));
  return lines;
}

function totalLine(doc: MeetingDoc, t: Translate): Paragraph[] {
  const totals = agendaTotals(doc.items, doc.plannedMinutes);
  const text = t('meeting.docx.totalMinutes', { allotted: totals.allotted, planned: totals.planned });
  const over = totals.over ? [{ text: ` ${t('meeting.docx.overBy', { minutes: -totals.remaining })}`, bold: true, color: 'B42318' }] : [];
  return [para([{ text, bold: true }, ...over], { before: 120, after: 240 })];
}

function standardItemSection(item: DocAgendaItem, t: Translate): (Paragraph | Table)[] {
  return item.kind === 'warning' ? [] : [heading(t(`meeting.standardItem.${item.kind}`)), ...standardItemBody(item, t)];
}
