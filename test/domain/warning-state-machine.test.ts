import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  applyAction,
  isClosed,
  RESOLUTION_OUTCOMES,
  TRANSITIONS,
  USER_ACTIONS,
  WARNING_ACTIONS,
  WARNING_STATES,
  type ActionInput,
  type WarningAction,
  type WarningState,
} from '../../src/domain/warnings/state-machine.ts';

/** Every allowed (state, action) pair and where it leads — written out here, independently of the module's table. */
const ALLOWED: [WarningState, WarningAction, WarningState][] = [
  ['open', 'acknowledge', 'acknowledged'],
  ...(['open', 'acknowledged', 'proposed', 'scheduled', 'in_followup'] as const).flatMap((s): [WarningState, WarningAction, WarningState][] => [
    [s, 'assign', s],
    [s, 'assign_leader', s],
    [s, 'level_change', s],
  ]),
  ['acknowledged', 'propose', 'proposed'],
  ['in_followup', 'propose', 'proposed'],
  ['proposed', 'withdraw_proposal', 'acknowledged'],
  ['open', 'escalate', 'open'],
  ['acknowledged', 'escalate', 'acknowledged'],
  ['open', 'dismiss', 'dismissed'],
  ['acknowledged', 'dismiss', 'dismissed'],
  ['proposed', 'dismiss', 'dismissed'],
  ['acknowledged', 'resolve', 'resolved'],
  ['proposed', 'resolve', 'resolved'],
  ['in_followup', 'resolve', 'resolved'],
  ['resolved', 'reopen', 'open'],
  ['dismissed', 'reopen', 'open'],
  ['proposed', 'schedule', 'scheduled'],
  ['scheduled', 'unschedule', 'proposed'],
  ['scheduled', 'follow_up', 'in_followup'],
  ['dismissed', 'auto_reopen', 'open'],
];

/** Input meeting every requirement. */
const FULL: ActionInput = { ownerId: 'u-1', leaderId: 'u-2', reason: '经核实无信访风险', outcome: 'mediated' };

const key = (state: WarningState, action: WarningAction) => `${state}:${action}`;
const allowedKeys = new Set(ALLOWED.map(([state, action]) => key(state, action)));
const FORBIDDEN = WARNING_STATES.flatMap((state) =>
  WARNING_ACTIONS.filter((action) => !allowedKeys.has(key(state, action))).map((action) => [state, action] as const),
);

describe('the warning state machine', () => {
  it('knows the seven states and the fourteen actions', () => {
    expect(WARNING_STATES).toEqual(['open', 'acknowledged', 'proposed', 'scheduled', 'in_followup', 'resolved', 'dismissed']);
    expect(WARNING_ACTIONS).toHaveLength(14);
    expect(ALLOWED.length + FORBIDDEN.length).toBe(7 * 14);
  });

  describe('allowed moves', () => {
    for (const [state, action, next] of ALLOWED) {
      it(`${state} --${action}--> ${next}`, () => {
        const result = applyAction(state, action, FULL);
        expect(result).toEqual(action === 'escalate' ? { ok: true, state: next, escalate: true } : { ok: true, state: next });
      });
    }
  });

  describe('forbidden moves (the rest of the cross product)', () => {
    for (const [state, action] of FORBIDDEN) {
      it(`${state} -/-${action}`, () => {
        expect(applyAction(state, action, FULL)).toEqual({ ok: false, error: 'forbidden' });
      });
    }
  });

  it('its table agrees with the allowed list above', () => {
    const fromTable = Object.entries(TRANSITIONS).flatMap(([action, t]) => t.from.map((state) => key(state, action as WarningAction)));
    expect(new Set(fromTable)).toEqual(allowedKeys);
  });

  it('refuses an action it does not know', () => {
    expect(applyAction('open', 'archive' as WarningAction, FULL)).toEqual({ ok: false, error: 'forbidden' });
    expect(applyAction('open', 'toString' as WarningAction, FULL)).toEqual({ ok: false, error: 'forbidden' });
  });

  describe('requirements', () => {
    it('acknowledge and assign need an owner', () => {
      for (const action of ['acknowledge', 'assign'] as const) {
        expect(applyAction('open', action, {})).toEqual({ ok: false, error: 'owner_required' });
        expect(applyAction('open', action, { ownerId: '  ' })).toEqual({ ok: false, error: 'owner_required' });
        expect(applyAction('open', action, { ownerId: null, leaderId: 'u-2' })).toEqual({ ok: false, error: 'owner_required' });
        expect(applyAction('open', action, { ownerId: 'u-1' }).ok).toBe(true);
      }
    });

    it('assign_leader needs a leader', () => {
      expect(applyAction('scheduled', 'assign_leader', { ownerId: 'u-1' })).toEqual({ ok: false, error: 'leader_required' });
      expect(applyAction('scheduled', 'assign_leader', { leaderId: 'u-2' })).toEqual({ ok: true, state: 'scheduled' });
    });

    it('dismiss needs a non-empty reason', () => {
      expect(applyAction('open', 'dismiss', {})).toEqual({ ok: false, error: 'reason_required' });
      expect(applyAction('open', 'dismiss', { reason: ' \n ' })).toEqual({ ok: false, error: 'reason_required' });
      expect(applyAction('open', 'dismiss', { reason: '系重复预警' })).toEqual({ ok: true, state: 'dismissed' });
    });

    it('resolve needs one of the five outcomes', () => {
      expect(applyAction('in_followup', 'resolve', {})).toEqual({ ok: false, error: 'outcome_required' });
      expect(applyAction('in_followup', 'resolve', { outcome: 'done' })).toEqual({ ok: false, error: 'outcome_required' });
      expect(RESOLUTION_OUTCOMES).toEqual(['petition_ceased', 'mediated', 'judicial_assistance', 'terminated_lawfully', 'other']);
      for (const outcome of RESOLUTION_OUTCOMES) {
        expect(applyAction('in_followup', 'resolve', { outcome })).toEqual({ ok: true, state: 'resolved' });
      }
    });

    it('checks the state before the requirement', () => {
      expect(applyAction('resolved', 'dismiss', {})).toEqual({ ok: false, error: 'forbidden' });
      expect(applyAction('scheduled', 'resolve', {})).toEqual({ ok: false, error: 'forbidden' });
      expect(applyAction('dismissed', 'acknowledge', {})).toEqual({ ok: false, error: 'forbidden' });
    });

    it('actions without requirements need no input', () => {
      expect(applyAction('acknowledged', 'propose')).toEqual({ ok: true, state: 'proposed' });
      expect(applyAction('dismissed', 'reopen')).toEqual({ ok: true, state: 'open' });
      expect(applyAction('open', 'escalate')).toEqual({ ok: true, state: 'open', escalate: true });
    });
  });

  describe('allowedActions (what the UI offers)', () => {
    const expected: Record<WarningState, string[]> = {
      open: ['acknowledge', 'assign', 'assign_leader', 'escalate', 'dismiss'],
      acknowledged: ['assign', 'assign_leader', 'propose', 'escalate', 'dismiss', 'resolve'],
      proposed: ['assign', 'assign_leader', 'withdraw_proposal', 'dismiss', 'resolve'],
      scheduled: ['assign', 'assign_leader'],
      in_followup: ['assign', 'assign_leader', 'propose', 'resolve'],
      resolved: ['reopen'],
      dismissed: ['reopen'],
    };
    for (const state of WARNING_STATES) {
      it(`${state}: ${expected[state].join(', ')}`, () => {
        expect(allowedActions(state)).toEqual(expected[state]);
        for (const action of allowedActions(state)) expect(USER_ACTIONS).toContain(action);
      });
    }
  });

  it('closed states are resolved and dismissed', () => {
    expect(WARNING_STATES.filter(isClosed)).toEqual(['resolved', 'dismissed']);
  });
});
