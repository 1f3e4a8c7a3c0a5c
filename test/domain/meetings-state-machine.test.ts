import { describe, expect, it } from 'vitest';
import {
  allowedMeetingActions,
  applyMeetingAction,
  holdsItsWarnings,
  MEETING_ACTIONS,
  MEETING_STATES,
  MEETING_TRANSITIONS,
  meetingRefusalMessage,
  type MeetingAction,
  type MeetingActionInput,
  type MeetingState,
} from '../../src/domain/meetings/state-machine.ts';
import { translator } from '../../src/i18n/index.ts';
import { forbiddenPairs, samePairs } from '../support/state-pairs.ts';

const START = '2026-12-03T01:00:00.000Z'; // 09:00 in Shanghai

/** Every allowed (state, action) pair and where it leads — written out here, independently of the module's table. */
const ALLOWED: [MeetingState, MeetingAction, MeetingState][] = [
  ['draft', 'edit_details', 'draft'],
  ['draft', 'edit_agenda', 'draft'],
  ['draft', 'publish', 'published'],
  ['draft', 'cancel', 'cancelled'],
  ['published', 'record', 'held'],
  ['published', 'cancel', 'cancelled'],
  ['held', 'record', 'held'],
  ['held', 'finalize', 'minutes_final'],
  ['minutes_final', 'amend', 'minutes_final'],
];

/** Input meeting every requirement: an agenda, the meeting under way, every decision written, a text and a reason. */
const FULL: MeetingActionInput = {
  agendaItems: 3,
  now: '2026-12-03T01:30:00.000Z',
  startsAt: START,
  undecidedItems: 0,
  text: '第二项处置意见中“30日”更正为“15日”',
  reason: '主持人因公出差，会议改期',
};

const FORBIDDEN = forbiddenPairs(MEETING_STATES, MEETING_ACTIONS, ALLOWED);

describe('the meeting state machine', () => {
  it('knows the five states and the seven actions', () => {
    expect(MEETING_STATES).toEqual(['draft', 'published', 'held', 'minutes_final', 'cancelled']);
    expect(MEETING_ACTIONS).toHaveLength(7);
    expect(ALLOWED.length + FORBIDDEN.length).toBe(5 * 7);
  });

  describe('allowed moves', () => {
    for (const [state, action, next] of ALLOWED) {
      it(`${state} --${action}--> ${next}`, () => {
        expect(applyMeetingAction(state, action, FULL)).toEqual({ ok: true, state: next });
      });
    }
  });

  describe('forbidden moves (the rest of the cross product)', () => {
    for (const [state, action] of FORBIDDEN) {
      it(`${state} -/-${action}`, () => {
        expect(applyMeetingAction(state, action, FULL)).toEqual({ ok: false, error: 'forbidden' });
      });
    }
  });

  it('its table agrees with the allowed list above', () => {
    const pairs = samePairs(MEETING_TRANSITIONS, ALLOWED);
    expect(pairs.table).toEqual(pairs.expected);
  });

  it('refuses an action it does not know', () => {
    expect(applyMeetingAction('draft', 'archive' as MeetingAction, FULL)).toEqual({ ok: false, error: 'forbidden' });
    expect(applyMeetingAction('draft', 'constructor' as MeetingAction, FULL)).toEqual({ ok: false, error: 'forbidden' });
  });

  describe('requirements', () => {
    it('publishing needs at least one agenda item', () => {
      expect(applyMeetingAction('draft', 'publish', {})).toEqual({ ok: false, error: 'agenda_empty' });
      expect(applyMeetingAction('draft', 'publish', { agendaItems: 0 })).toEqual({ ok: false, error: 'agenda_empty' });
      expect(applyMeetingAction('draft', 'publish', { agendaItems: 1 })).toEqual({ ok: true, state: 'published' });
    });

    it('recording starts at the start instant, and the refusal says when that is', () => {
      const before = applyMeetingAction('published', 'record', { now: '2026-12-03T00:59:59.999Z', startsAt: START });
      expect(before).toEqual({ ok: false, error: 'not_started', startsAt: START });
      expect(applyMeetingAction('published', 'record', { now: START, startsAt: START })).toEqual({ ok: true, state: 'held' });
      expect(applyMeetingAction('held', 'record', { now: '2026-12-04T08:00:00Z', startsAt: START })).toEqual({ ok: true, state: 'held' });
      // The start may come as a Shanghai time with its offset; the refusal gives it back in UTC.
      expect(applyMeetingAction('published', 'record', { now: Date.parse(START) - 1, startsAt: '2026-12-03T09:00:00+08:00' })).toEqual({
        ok: false,
        error: 'not_started',
        startsAt: START,
      });
    });

    it('the refusal to record early reads in Shanghai time, in both languages', () => {
      const before = applyMeetingAction('published', 'record', { now: '2026-12-02T10:00:00Z', startsAt: START });
      if (before.ok) throw new Error('expected a refusal');
      expect(meetingRefusalMessage(before, translator('zh-CN'))).toBe('会议将于 2026-12-03 09:00 开始，开始后才能记录');
      expect(meetingRefusalMessage(before, translator('en'))).toBe('The meeting starts at 2026-12-03 09:00; it can be recorded from then on');
    });

    it('finalizing needs a decision on every item that is resolved or followed up', () => {
      expect(applyMeetingAction('held', 'finalize', { undecidedItems: 2 })).toEqual({ ok: false, error: 'decisions_missing' });
      expect(applyMeetingAction('held', 'finalize', { undecidedItems: 0 })).toEqual({ ok: true, state: 'minutes_final' });
    });

    it('an amendment needs its text, a cancellation its reason', () => {
      expect(applyMeetingAction('minutes_final', 'amend', { text: '  ' })).toEqual({ ok: false, error: 'text_required' });
      expect(applyMeetingAction('minutes_final', 'amend', { text: '更正出席人员' })).toEqual({ ok: true, state: 'minutes_final' });
      for (const state of ['draft', 'published'] as const) {
        expect(applyMeetingAction(state, 'cancel', {})).toEqual({ ok: false, error: 'reason_required' });
        expect(applyMeetingAction(state, 'cancel', { reason: '\n' })).toEqual({ ok: false, error: 'reason_required' });
        expect(applyMeetingAction(state, 'cancel', { reason: '与院党组会冲突' })).toEqual({ ok: true, state: 'cancelled' });
      }
    });

    it('checks the state before the requirement', () => {
      expect(applyMeetingAction('held', 'cancel', {})).toEqual({ ok: false, error: 'forbidden' });
      expect(applyMeetingAction('published', 'publish', {})).toEqual({ ok: false, error: 'forbidden' });
      expect(applyMeetingAction('draft', 'record', { now: 0, startsAt: START })).toEqual({ ok: false, error: 'forbidden' });
    });

    it('every refusal has a message in both languages', () => {
      for (const t of [translator('zh-CN'), translator('en')]) {
        for (const error of ['forbidden', 'agenda_empty', 'decisions_missing', 'text_required', 'reason_required'] as const) {
          expect(meetingRefusalMessage({ ok: false, error }, t)).not.toMatch(/meeting\.error|\{/);
        }
      }
    });
  });

  describe('allowedMeetingActions (what the page offers)', () => {
    const expected: Record<MeetingState, MeetingAction[]> = {
      draft: ['edit_details', 'edit_agenda', 'publish', 'cancel'],
      published: ['record', 'cancel'],
      held: ['record', 'finalize'],
      minutes_final: ['amend'],
      cancelled: [],
    };
    for (const state of MEETING_STATES) {
      it(`${state}: ${expected[state].join(', ') || 'nothing'}`, () => {
        expect(allowedMeetingActions(state)).toEqual(expected[state]);
      });
    }
  });

  it('draft, published and held meetings hold their warnings; final and cancelled ones let them go', () => {
    expect(MEETING_STATES.filter(holdsItsWarnings)).toEqual(['draft', 'published', 'held']);
  });
});
