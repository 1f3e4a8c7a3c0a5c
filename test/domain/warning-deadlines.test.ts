import { describe, expect, it } from 'vitest';
import { LEVELS, type Level } from '../../src/domain/levels.ts';
import { isOverdue, REVIEW_DAYS, reviewDeadline, reviewDeadlineDay, shouldAutoReopen, timeLeft } from '../../src/domain/warnings/deadlines.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const RAISED = '2026-03-01T08:00:00.000Z'; // 16:00 in Shanghai

describe('review deadlines', () => {
  it('red 1 day, orange 3, yellow 7, blue and none none', () => {
    expect(REVIEW_DAYS).toEqual({ red: 1, orange: 3, yellow: 7, blue: null, none: null });
    expect(reviewDeadline('red', RAISED)?.toISOString()).toBe('2026-03-02T08:00:00.000Z');
    expect(reviewDeadline('orange', RAISED)?.toISOString()).toBe('2026-03-04T08:00:00.000Z');
    expect(reviewDeadline('yellow', RAISED)?.toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(reviewDeadline('blue', RAISED)).toBeNull();
    expect(reviewDeadline('none', RAISED)).toBeNull();
  });

  it('accepts a Date, an ISO string or epoch milliseconds', () => {
    const ms = Date.parse(RAISED);
    expect(reviewDeadline('red', new Date(ms))?.getTime()).toBe(ms + DAY);
    expect(reviewDeadline('red', ms)?.getTime()).toBe(ms + DAY);
    expect(reviewDeadline('red', '2026-03-01T16:00:00+08:00')?.getTime()).toBe(ms + DAY);
  });

  for (const level of ['red', 'orange', 'yellow'] as const) {
    const span = REVIEW_DAYS[level]! * DAY;
    it(`${level}: due exactly ${REVIEW_DAYS[level]} × 24 h after raising, overdue 1 ms later`, () => {
      const warning = { state: 'open' as const, level, raisedAt: RAISED };
      const raised = Date.parse(RAISED);
      expect(timeLeft(warning, raised)).toBe(span);
      expect(isOverdue(warning, raised + span - 1)).toBe(false);
      expect(timeLeft(warning, raised + span)).toBe(0);
      expect(isOverdue(warning, raised + span)).toBe(false);
      expect(isOverdue(warning, raised + span + 1)).toBe(true);
      expect(timeLeft(warning, raised + span + HOUR)).toBe(-HOUR);
    });
  }

  it('blue and none are never overdue', () => {
    for (const level of ['blue', 'none'] as const) {
      const warning = { state: 'open' as const, level, raisedAt: RAISED };
      expect(timeLeft(warning, Date.parse(RAISED) + 365 * DAY)).toBeNull();
      expect(isOverdue(warning, Date.parse(RAISED) + 365 * DAY)).toBe(false);
    }
  });

  it('only an open warning awaits review', () => {
    const late = Date.parse(RAISED) + 30 * DAY;
    for (const state of ['acknowledged', 'proposed', 'scheduled', 'in_followup', 'resolved', 'dismissed'] as const) {
      expect(isOverdue({ state, level: 'red', raisedAt: RAISED }, late)).toBe(false);
      expect(timeLeft({ state, level: 'red', raisedAt: RAISED }, late)).toBeNull();
    }
  });

  it('follows the current level: a warning that rises to red while open is due a day after raising', () => {
    const now = Date.parse(RAISED) + 2 * DAY;
    expect(isOverdue({ state: 'open', level: 'yellow', raisedAt: RAISED }, now)).toBe(false);
    expect(isOverdue({ state: 'open', level: 'red', raisedAt: RAISED }, now)).toBe(true);
  });

  it('gives the Shanghai day and time of the deadline, across Shanghai midnight', () => {
    // 23:59:59 on 1 March in Shanghai → due 23:59:59 on 2 March in Shanghai.
    expect(reviewDeadlineDay('red', '2026-03-01T15:59:59Z')).toEqual({ day: '2026-03-02', iso: '2026-03-02T23:59:59+08:00' });
    // 00:00:00 on 2 March in Shanghai (16:00 UTC on 1 March) → due on 3 March in Shanghai.
    expect(reviewDeadlineDay('red', '2026-03-01T16:00:00Z')).toEqual({ day: '2026-03-03', iso: '2026-03-03T00:00:00+08:00' });
    expect(reviewDeadlineDay('yellow', '2026-12-28T20:00:00Z')).toEqual({ day: '2027-01-05', iso: '2027-01-05T04:00:00+08:00' });
    expect(reviewDeadlineDay('blue', RAISED)).toBeNull();
  });
});

describe('shouldAutoReopen', () => {
  it('reopens only when the new level is above the level at dismissal', () => {
    for (const before of LEVELS) {
      for (const after of LEVELS) {
        expect(shouldAutoReopen(before, after)).toBe(LEVELS.indexOf(after) > LEVELS.indexOf(before));
      }
    }
    expect(shouldAutoReopen('yellow', 'orange')).toBe(true);
    expect(shouldAutoReopen('orange', 'orange')).toBe(false);
    expect(shouldAutoReopen('red', 'yellow')).toBe(false);
    expect(shouldAutoReopen('none' as Level, 'blue')).toBe(true);
  });
});
