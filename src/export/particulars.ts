/** What every export says about a meeting, as label–value pairs: the documents print them, the invitation lists them. */
import { shanghaiDateTime } from '../domain/time.ts';
import type { Translate } from '../i18n/index.ts';
import type { MeetingDoc } from './docx/meeting-doc.ts';

/** Kind, time, place, link, chair, divisions and outside units; empty ones left out. */
export function particularPairs(doc: MeetingDoc, t: Translate): [label: string, value: string][] {
  const pairs: [string, string | null | undefined][] = [
    [t('meeting.docx.kind'), doc.kindLabel],
    [t('meeting.docx.time'), meetingTimeText(doc.startsAt, doc.plannedMinutes)],
    [t('meeting.docx.place'), doc.place],
    [t('meeting.docx.videoLink'), doc.videoLink],
    [t('meeting.docx.chair'), doc.chair],
    [t('meeting.docx.divisions'), list(doc.divisions, t)],
    [t('meeting.docx.outsideUnits'), list(doc.outsideUnits, t)],
  ];
  return pairs.filter((pair): pair is [string, string] => !!pair[1]);
}

/** Names joined the way the language lists them (、 or , ). */
export function list(names: readonly string[], t: Translate): string {
  return names.join(t('meeting.docx.listSeparator'));
}

/** "2026-12-03 09:00–11:00" (Shanghai time); the end day is written out when it differs. */
export function meetingTimeText(startsAt: string, plannedMinutes: number): string {
  const start = shanghaiDateTime(startsAt);
  const end = shanghaiDateTime(new Date(Date.parse(startsAt) + plannedMinutes * 60_000));
  return `${start}–${end.slice(0, 10) === start.slice(0, 10) ? end.slice(11) : end}`;
}
