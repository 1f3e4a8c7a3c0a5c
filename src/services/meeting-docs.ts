/**
 * The downloads of a meeting — the agenda and minutes (.docx) and the invitation (.ics) — made
 * from the same page data the print views draw, so all of them agree. A judge's copy carries only
 * the items of its cases, as the page does.
 */
import { divisionLabelKey, isDivision, itemOutcomeKey, kindLabelKey } from '../domain/meetings/index.ts';
import { courtInScope } from '../domain/roles.ts';
import { shanghaiDay } from '../domain/time.ts';
import { buildAgendaDocx, buildMinutesDocx, DOCX_CONTENT_TYPE, type DocActionItem, type DocAgendaItem, type MeetingDoc } from '../export/docx/index.ts';
import { ICS_CONTENT_TYPE, meetingIcs } from '../export/ics.ts';
import { inviteFromDoc } from '../export/invite.ts';
import { getCourt } from '../db/courts.ts';
import { notFound } from '../http/errors.ts';
import type { CurrentUser } from '../http/types.ts';
import type { Lang, Translate } from '../i18n/index.ts';
import { courtName } from './present.ts';
import type { ActionItemView, AgendaItemView } from './meeting-present.ts';
import type { MeetingPage } from './meetings.ts';
import type { Db } from '../db/query.ts';

function docActionItem(a: ActionItemView, withSource: boolean): DocActionItem {
  return {
    text: a.text,
    owner: a.owner.label,
    dueOn: a.dueOn,
    daysOverdue: a.daysOverdue,
    // The meeting, then the case on a line of its own (a case number is never broken).
    source: withSource ? [a.meeting.title, a.caseNumber].filter(Boolean).join('\n') : null,
  };
}

function docItem(item: AgendaItemView, page: MeetingPage, t: Translate): DocAgendaItem {
  const base = { kind: item.kind, presenter: item.presenter?.displayName ?? null, minutes: item.minutes };
  const decided = {
    decision: item.decision?.text || null,
    decisionNo: item.decision?.number ?? null,
    leaderInCharge: item.decision?.leader?.displayName ?? null,
    actionItems: item.actionItems.map((a) => docActionItem(a, false)),
  };
  if (item.kind === 'data_report') return { ...base, ...decided, period: page.report ? { from: page.report.period.from, to: page.report.period.to } : null, lines: page.report?.lines ?? [] };
  if (item.kind === 'previous_actions') {
    // The open items of earlier meetings are the item's content; its own action items follow the decision.
    return { ...base, ...decided, actionItems: page.previousActions.map((a) => docActionItem(a, true)) };
  }
  const w = item.warning;
  const outcome = item.decision ? t(itemOutcomeKey(item.decision.outcome)) + (item.decision.resolutionOutcome ? ` · ${t(`warning.outcome.${item.decision.resolutionOutcome}`)}` : '') : null;
  return {
    ...base,
    ...decided,
    caseNumber: item.case?.caseNumber ?? null,
    cause: item.case?.cause ?? null,
    courtName: item.case?.court.name ?? null,
    level: w?.level ?? null,
    levelText: w ? t('meeting.levelText', { level: t(`level.${w.level}`), score: w.score }) : null,
    scoreLine: item.scoreLine,
    carryOvers: w?.carryOvers ?? 0,
    outcomeText: outcome,
  };
}

/** The plain data both documents and the invitation are made of. */
export function meetingDoc(page: MeetingPage, t: Translate): MeetingDoc {
  const d = page.detail;
  return {
    courtName: d.court.name,
    title: d.title,
    kindLabel: t(kindLabelKey(d.kind)),
    startsAt: new Date(d.startsAt).toISOString(),
    plannedMinutes: d.plannedMinutes,
    place: d.place || null,
    videoLink: d.videoLink || null,
    chair: d.chair.displayName,
    coordinator: d.coordinator.displayName,
    divisions: d.divisions.map((code) => (isDivision(code) ? t(divisionLabelKey(code)) : code)),
    outsideUnits: d.outsideUnits,
    attendance: d.attendance,
    items: d.agenda.map((item) => docItem(item, page, t)),
    final: d.state === 'minutes_final',
    finalizedAt: d.finalizedAt ? new Date(d.finalizedAt).toISOString() : null,
    amendments: d.amendments.map((a) => ({ at: new Date(a.at).toISOString(), by: a.by.displayName, text: a.text })),
  };
}

export interface Download {
  body: ArrayBuffer | string;
  contentType: string;
  /** The file's name in the reader's language (RFC 6266 filename*) and an ASCII fallback. */
  filename: string;
  asciiFilename: string;
}

function names(page: MeetingPage, t: Translate, what: 'agenda' | 'minutes' | 'invite', ext: string) {
  const day = shanghaiDay(page.detail.startsAt);
  return {
    filename: `${t(`meeting.file.${what}`, { title: page.detail.title })}.${ext}`,
    asciiFilename: `meeting-${day}-${what}.${ext}`,
  };
}

export async function agendaDownload(page: MeetingPage, t: Translate): Promise<Download> {
  return { body: await buildAgendaDocx(meetingDoc(page, t), t), contentType: DOCX_CONTENT_TYPE, ...names(page, t, 'agenda', 'docx') };
}

/** The minutes; until they are final every page carries the draft watermark. */
export async function minutesDownload(page: MeetingPage, t: Translate): Promise<Download> {
  return { body: await buildMinutesDocx(meetingDoc(page, t), t), contentType: DOCX_CONTENT_TYPE, ...names(page, t, 'minutes', 'docx') };
}

export function inviteDownload(page: MeetingPage, t: Translate, domain: string): Download {
  const ics = meetingIcs(
    inviteFromDoc(meetingDoc(page, t), t, {
      id: page.detail.id,
      domain,
      now: new Date(),
      sequence: page.detail.version,
      cancelled: page.detail.state === 'cancelled',
    }),
  );
  return { body: ics, contentType: ICS_CONTENT_TYPE, ...names(page, t, 'invite', 'ics') };
}

/**
 * The name a print view puts at the top of every page: a court's, in the reader's language. Only a
 * court whose meetings the reader may open — in its scope, or its own court's or one above it (a
 * judge's case on a 中院 agenda) — is named; any other answers 404 like no such court.
 */
export async function printedCourtName(db: Db, user: CurrentUser, courtId: string, lang: Lang): Promise<string> {
  const id = Number(courtId);
  const court = Number.isInteger(id) && id > 0 ? await getCourt(db, id) : null;
  if (!court || !(courtInScope(user, court.path) || user.courtPath.startsWith(court.path))) throw notFound();
  return courtName(court, lang);
}
