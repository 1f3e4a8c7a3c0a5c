/**
 * The invitation made from the same plain data as the agenda document, so the three exports
 * agree: particulars, then the agenda one line per item with presenter and minutes.
 */
import type { Translate } from '../i18n/index.ts';
import type { DocAgendaItem, MeetingDoc } from './docx/meeting-doc.ts';
import type { IcsMeeting } from './ics.ts';
import { particularPairs } from './particulars.ts';

export interface InviteMeta {
  id: string;
  domain: string;
  now: Date | string | number;
  sequence?: number;
  cancelled?: boolean;
}

export function inviteFromDoc(doc: MeetingDoc, t: Translate, meta: InviteMeta): IcsMeeting {
  return {
    ...meta,
    title: doc.title,
    startsAt: doc.startsAt,
    plannedMinutes: doc.plannedMinutes,
    place: doc.place,
    videoLink: doc.videoLink,
    description: [
      ...particularPairs(doc, t).map(([label, value]) => `${t('meeting.docx.labelled', { label })}${value}`),
      t('meeting.docx.agendaHeading'),
      ...doc.items.map((item, i) => `${i + 1}. ${itemTitle(item, t)}${itemDetail(item, t)}`),
    ],
  };
}

function itemTitle(item: DocAgendaItem, t: Translate): string {
  if (item.kind !== 'warning') return t(`meeting.standardItem.${item.kind}`);
  return [item.caseNumber, item.cause].filter(Boolean).join(' ');
}

/** "（李卫东，25 分钟）" — who presents and for how long, when known. */
function itemDetail(item: DocAgendaItem, t: Translate): string {
  const parts = [item.presenter, item.minutes == null ? null : t('meeting.ics.minutes', { minutes: item.minutes })].filter(Boolean);
  return parts.length ? t('meeting.ics.detail', { detail: parts.join(t('meeting.ics.detailSeparator')) }) : '';
}
