/**
 * The calendar side of a meeting: the title suggested from its kind and day, the meeting before
 * it, and the period its 信访数据通报 covers. Days are Shanghai days (time.ts).
 *
 * Choice (where the issue is silent): the previous meeting is the latest earlier one of the same
 * kind and court that was not a draft or cancelled (a published one that was not recorded yet
 * still took place).
 */
import type { Lang, MessageKey } from '../../i18n/index.ts';
import { translate } from '../../i18n/index.ts';
import { addDays, daysBetween, shanghaiDay } from '../time.ts';
import type { MeetingKind } from './kinds.ts';
import type { MeetingState } from './state-machine.ts';

type Instant = Date | string | number;

/** "2026年12月审执联席会议" / "Trial–enforcement joint meeting, December 2026"; a 案件协调会 names the day. */
export function suggestTitle(kind: MeetingKind, startsAt: Instant, lang: Lang): string {
  const day = shanghaiDay(startsAt);
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const monthName = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));
  const key: MessageKey = `meeting.suggestedTitle.${kind}`;
  return translate(lang, key, { year, month, day: date, monthName });
}

export interface MeetingDates {
  id: string;
  kind: MeetingKind;
  courtId: number;
  startsAt: string;
}

/** The latest meeting of the same kind and court that started before this one and was not a draft or cancelled. */
export function previousMeeting<T extends MeetingDates & { state: MeetingState }>(meeting: MeetingDates, others: readonly T[]): T | null {
  const start = new Date(meeting.startsAt).getTime();
  let latest: T | null = null;
  for (const other of others) {
    if (other.id === meeting.id || other.kind !== meeting.kind || other.courtId !== meeting.courtId) continue;
    if (other.state === 'draft' || other.state === 'cancelled') continue;
    const t = new Date(other.startsAt).getTime();
    if (t < start && (!latest || t > new Date(latest.startsAt).getTime())) latest = other;
  }
  return latest;
}

/** Shanghai days, both inclusive. When the previous meeting was yesterday or today the period is empty: `days` is 0 and `from` lies after `to`. */
export interface DayPeriod {
  from: string;
  to: string;
  days: number;
}

/** Days without a previous meeting to count from. */
export const DEFAULT_REPORT_DAYS = 30;

/**
 * The period the 信访数据通报 covers: from the day after the previous meeting (or 30 days
 * before this one when there is none) to the day before this meeting.
 */
export function dataReportPeriod(startsAt: Instant, previousStartsAt: Instant | null): DayPeriod {
  const meetingDay = shanghaiDay(startsAt);
  const to = addDays(meetingDay, -1);
  const from = previousStartsAt === null ? addDays(meetingDay, -DEFAULT_REPORT_DAYS) : addDays(shanghaiDay(previousStartsAt), 1);
  return { from, to, days: Math.max(0, daysBetween(from, to) + 1) };
}
