import { describe, expect, it } from 'vitest';
import type { MeetingKind } from '../../src/domain/meetings/kinds.ts';
import { dataReportPeriod, previousMeeting, suggestTitle } from '../../src/domain/meetings/periods.ts';
import type { MeetingState } from '../../src/domain/meetings/state-machine.ts';

describe('the suggested title', () => {
  it('names the month of the start in Shanghai, in both languages', () => {
    const start = '2026-12-03T01:00:00Z';
    expect(suggestTitle('trial_enforcement', start, 'zh-CN')).toBe('2026年12月审执联席会议');
    expect(suggestTitle('trial_enforcement', start, 'en')).toBe('Trial–enforcement joint meeting, December 2026');
    expect(suggestTitle('petition', start, 'zh-CN')).toBe('2026年12月涉诉信访联席会议');
  });

  it('a case coordination meeting names the day', () => {
    expect(suggestTitle('case_coordination', '2026-12-03T01:00:00Z', 'zh-CN')).toBe('2026年12月3日案件协调会');
    expect(suggestTitle('case_coordination', '2026-12-03T01:00:00Z', 'en')).toBe('Case coordination meeting, 3 December 2026');
  });

  it('a meeting at 08:00 on 1 January in Shanghai belongs to January, though it is still December in UTC', () => {
    expect(suggestTitle('petition', '2026-12-31T16:00:00Z', 'zh-CN')).toBe('2027年1月涉诉信访联席会议');
    expect(suggestTitle('petition', '2026-12-31T16:00:00Z', 'en')).toBe('Litigation-petition joint meeting, January 2027');
  });
});

describe('the period of 信访数据通报', () => {
  it('runs from the day after the previous meeting to the day before this one', () => {
    // Previous: 2026-11-05 09:00 Shanghai; this one 2026-12-03 09:00 Shanghai.
    expect(dataReportPeriod('2026-12-03T01:00:00Z', '2026-11-05T01:00:00Z')).toEqual({ from: '2026-11-06', to: '2026-12-02', days: 27 });
  });

  it('counts Shanghai days: a meeting at 07:30 Shanghai time is on the day UTC still calls yesterday', () => {
    expect(dataReportPeriod('2026-12-02T23:30:00Z', '2026-11-04T23:30:00Z')).toEqual({ from: '2026-11-06', to: '2026-12-02', days: 27 });
  });

  it('covers the 30 days before the meeting when there was none before', () => {
    expect(dataReportPeriod('2026-12-03T01:00:00Z', null)).toEqual({ from: '2026-11-03', to: '2026-12-02', days: 30 });
  });

  it('is empty when the previous meeting was the day before', () => {
    expect(dataReportPeriod('2026-12-03T01:00:00Z', '2026-12-02T06:00:00Z')).toMatchObject({ days: 0 });
  });

  it('the previous meeting is the latest earlier one of the same kind and court that took place or is planned', () => {
    const meeting = { id: 'm-now', kind: 'trial_enforcement' as MeetingKind, courtId: 2, startsAt: '2026-12-03T01:00:00Z' };
    const m = (id: string, kind: MeetingKind, courtId: number, startsAt: string, state: MeetingState) => ({ id, kind, courtId, startsAt, state });
    const others = [
      m('m-oct', 'trial_enforcement', 2, '2026-10-08T01:00:00Z', 'minutes_final'),
      m('m-nov', 'trial_enforcement', 2, '2026-11-05T01:00:00Z', 'held'),
      m('m-nov-cancelled', 'trial_enforcement', 2, '2026-11-20T01:00:00Z', 'cancelled'),
      m('m-nov-draft', 'trial_enforcement', 2, '2026-11-21T01:00:00Z', 'draft'),
      m('m-petition', 'petition', 2, '2026-11-25T01:00:00Z', 'minutes_final'),
      m('m-other-court', 'trial_enforcement', 3, '2026-11-26T01:00:00Z', 'minutes_final'),
      m('m-later', 'trial_enforcement', 2, '2027-01-07T01:00:00Z', 'published'),
      { ...meeting, state: 'draft' as MeetingState },
    ];
    expect(previousMeeting(meeting, others)?.id).toBe('m-nov');
    expect(previousMeeting(meeting, others.slice(0, 1))?.id).toBe('m-oct');
    expect(previousMeeting(meeting, [])).toBeNull();
  });
});
