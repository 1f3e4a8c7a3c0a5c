/**
 * The minutes (会议纪要) as a .docx: particulars and attendance, then each item in agenda order
 * with its numbered decision, leader in charge, outcome and action items, then the amendments.
 * Until the minutes are final every page carries a diagonal draft watermark and the header says so.
 */
import type { Paragraph, Table } from 'docx';
import type { Translate } from '../../i18n/index.ts';
import { shanghaiDateTime } from '../../domain/time.ts';
import type { DocAgendaItem, MeetingDoc } from './meeting-doc.ts';
import { cellLines, heading, labelled, numberedHeading, packDocument, para, subtitle, title } from './layout.ts';
import { list } from '../particulars.ts';
import { actionItemTable, caseLines, particulars, standardItemBody } from './parts.ts';

export function buildMinutesDocx(doc: MeetingDoc, t: Translate): Promise<ArrayBuffer> {
  const children: (Paragraph | Table)[] = [
    title(doc.title),
    subtitle(t('meeting.docx.minutesHeading')),
    ...particulars(doc, t),
    ...attendance(doc, t),
    ...doc.items.flatMap((item, i) => itemSection(item, i + 1, t)),
    ...(doc.final && doc.finalizedAt ? [para(t('meeting.docx.finalizedAt', { at: shanghaiDateTime(doc.finalizedAt) }), { before: 240 })] : []),
    ...amendments(doc, t),
  ];
  return packDocument({ courtName: doc.courtName, title: doc.title, t, draft: !doc.final, children });
}

function attendance(doc: MeetingDoc, t: Translate): Paragraph[] {
  const lines: Paragraph[] = [];
  if (doc.attendance?.present.length) lines.push(labelled(t('meeting.docx.present'), list(doc.attendance.present, t), t));
  if (doc.attendance?.absent.length) lines.push(labelled(t('meeting.docx.absent'), list(doc.attendance.absent, t), t));
  if (doc.coordinator) lines.push(labelled(t('meeting.docx.recorder'), doc.coordinator, t));
  return lines;
}

function itemSection(item: DocAgendaItem, n: number, t: Translate): (Paragraph | Table)[] {
  if (item.kind !== 'warning') {
    return [numberedHeading('meeting.docx.itemHeading', n, t(`meeting.standardItem.${item.kind}`), t), ...standardItemBody(item, t), ...decision(item, t)];
  }
  const [first, ...rest] = caseLines(item, t);
  const name = typeof first === 'string' ? first : (first?.map((run) => run.text).join('') ?? '');
  return [
    numberedHeading('meeting.docx.itemHeading', n, name, t),
    ...cellLines(rest, { keepNext: true }),
    ...(item.presenter ? [labelled(t('meeting.docx.presenter'), item.presenter, t)] : []),
    ...decision(item, t),
    ...(item.leaderInCharge ? [labelled(t('meeting.docx.leaderInCharge'), item.leaderInCharge, t)] : []),
    ...(item.outcomeText ? [labelled(t('meeting.docx.outcome'), item.outcomeText, t)] : []),
    ...(item.actionItems?.length ? [para([{ text: t('meeting.docx.actionItems'), bold: true }], { after: 60 }), actionItemTable(item.actionItems, t, false)] : []),
  ];
}

/** "议定事项 3：…" — the number runs across the meeting. */
function decision(item: DocAgendaItem, t: Translate): Paragraph[] {
  if (!item.decision) return [];
  const label = item.decisionNo ? t('meeting.docx.decisionNo', { no: item.decisionNo }) : t('meeting.docx.decision');
  return [para([{ text: t('meeting.docx.labelled', { label }), bold: true }, item.decision])];
}

function amendments(doc: MeetingDoc, t: Translate): (Paragraph | Table)[] {
  if (!doc.amendments?.length) return [];
  return [
    heading(t('meeting.docx.amendments')),
    ...doc.amendments.map((a) => para([{ text: t('meeting.docx.amendedBy', { at: shanghaiDateTime(a.at), by: a.by }), bold: true }, a.text])),
  ];
}
