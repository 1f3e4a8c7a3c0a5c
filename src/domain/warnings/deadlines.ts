/**
 * Review deadlines (domain.md §7): from raising, red 1 day, orange 3 days, yellow 7 days; blue and
 * none have none.
 *
 * A "day" here is 24 hours from the instant the warning was raised: a red warning raised at
 * 16:30 Shanghai time is due at 16:30 the next day. Shanghai has no daylight saving, so 24 h is
 * exactly one Shanghai calendar day, and every warning gets the same span whatever hour it was
 * raised (the alternative — "end of the next Shanghai day" — gives a warning raised at 23:59
 * a day more than one raised at 00:01). The Shanghai day the deadline falls on is available for
 * display via reviewDeadlineDay.
 *
 * The review is done once the warning leaves `open`; only an open warning can be overdue. The
 * deadline follows the current level: a warning that rises to red while still open is due one
 * day after it was raised. A reopened warning counts from its reopening (pass that instant).
 */
import type { Level } from '../levels.ts';
import { levelRank } from '../levels.ts';
import { shanghaiDay, shanghaiIso } from '../time.ts';
import type { WarningState } from './state-machine.ts';

export const REVIEW_DAYS: Readonly<Record<Level, number | null>> = {
  red: 1,
  orange: 3,
  yellow: 7,
  blue: null,
  none: null,
};

const DAY_MS = 24 * 60 * 60 * 1000;

type Instant = Date | string | number;

export interface DeadlineSubject {
  state: WarningState;
  level: Level;
  /** When the warning was raised (or reopened). */
  raisedAt: Instant;
}

/** The instant the review is due, or null when the level has no deadline. */
export function reviewDeadline(level: Level, raisedAt: Instant): Date | null {
  const days = REVIEW_DAYS[level];
  return days === null ? null : new Date(new Date(raisedAt).getTime() + days * DAY_MS);
}

/** The deadline as the Shanghai day (YYYY-MM-DD) and ISO time with +08:00, for display. */
export function reviewDeadlineDay(level: Level, raisedAt: Instant): { day: string; iso: string } | null {
  const deadline = reviewDeadline(level, raisedAt);
  return deadline ? { day: shanghaiDay(deadline), iso: shanghaiIso(deadline) } : null;
}

/** Milliseconds until the deadline (negative once past); null when no review is pending. */
export function timeLeft(warning: DeadlineSubject, now: Instant = new Date()): number | null {
  if (warning.state !== 'open') return null;
  const deadline = reviewDeadline(warning.level, warning.raisedAt);
  return deadline ? deadline.getTime() - new Date(now).getTime() : null;
}

/** Past the deadline and still not reviewed. At the deadline instant itself it is not overdue yet. */
export function isOverdue(warning: DeadlineSubject, now: Instant = new Date()): boolean {
  const left = timeLeft(warning, now);
  return left !== null && left < 0;
}

/** A dismissed warning reopens by itself when the level rises above the level at dismissal. */
export function shouldAutoReopen(levelAtDismissal: Level, newLevel: Level): boolean {
  return levelRank(newLevel) > levelRank(levelAtDismissal);
}
