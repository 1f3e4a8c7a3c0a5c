import { describe, expect, it } from 'vitest';
import {
  ACTION_ITEM_ACTIONS,
  ACTION_ITEM_STATES,
  ACTION_ITEM_TRANSITIONS,
  ageingBucket,
  ageingByOwner,
  allowedActionItemActions,
  applyActionItemAction,
  daysOverdue,
  defaultDueDay,
  dueStatus,
  orderMyActionItems,
  type ActionItemAction,
  type ActionItemInput,
  type ActionItemState,
} from '../../src/domain/meetings/action-items.ts';
import { forbiddenPairs, samePairs } from '../support/state-pairs.ts';

/** Every allowed (state, action) pair and where it leads — written out here, independently of the module's table. */
const ALLOWED: [ActionItemState, ActionItemAction, ActionItemState][] = [
  ['open', 'complete', 'done'],
  ['open', 'cancel', 'cancelled'],
  ['open', 'reassign', 'open'],
  ['open', 'reschedule', 'open'],
];

const FULL: ActionItemInput = {
  note: '已约谈申请执行人，发放司法救助金 3 万元',
  reason: '案件已移送上级法院',
  ownerDivision: 'enforcement',
  dueOn: '2027-01-15',
};

const FORBIDDEN = forbiddenPairs(ACTION_ITEM_STATES, ACTION_ITEM_ACTIONS, ALLOWED);

describe('the action-item state machine', () => {
  it('has three states and four actions', () => {
    expect(ACTION_ITEM_STATES).toEqual(['open', 'done', 'cancelled']);
    expect(ALLOWED.length + FORBIDDEN.length).toBe(3 * 4);
  });

  for (const [state, action, next] of ALLOWED) {
    it(`${state} --${action}--> ${next}`, () => {
      expect(applyActionItemAction(state, action, FULL)).toEqual({ ok: true, state: next });
    });
  }

  for (const [state, action] of FORBIDDEN) {
    it(`${state} -/-${action}`, () => {
      expect(applyActionItemAction(state, action, FULL)).toEqual({ ok: false, error: 'forbidden' });
    });
  }

  it('its table agrees with the allowed list above', () => {
    const pairs = samePairs(ACTION_ITEM_TRANSITIONS, ALLOWED);
    expect(pairs.table).toEqual(pairs.expected);
    expect(allowedActionItemActions('open')).toEqual(['complete', 'cancel', 'reassign', 'reschedule']);
    expect(allowedActionItemActions('done')).toEqual([]);
    expect(allowedActionItemActions('cancelled')).toEqual([]);
  });

  it('completing needs a note, cancelling a reason', () => {
    expect(applyActionItemAction('open', 'complete', { reason: 'x' })).toEqual({ ok: false, error: 'note_required' });
    expect(applyActionItemAction('open', 'complete', { note: '  ' })).toEqual({ ok: false, error: 'note_required' });
    expect(applyActionItemAction('open', 'cancel', { note: 'x' })).toEqual({ ok: false, error: 'reason_required' });
  });

  it('a new owner is a division or a person; a new due day must be a real day', () => {
    expect(applyActionItemAction('open', 'reassign', {})).toEqual({ ok: false, error: 'owner_required' });
    expect(applyActionItemAction('open', 'reassign', { ownerId: 'u-judge' })).toEqual({ ok: true, state: 'open' });
    expect(applyActionItemAction('open', 'reschedule', { dueOn: '2027-02-30' })).toEqual({ ok: false, error: 'due_day_invalid' });
    expect(applyActionItemAction('open', 'reschedule', { dueOn: '2027/02/01' })).toEqual({ ok: false, error: 'due_day_invalid' });
    expect(applyActionItemAction('open', 'reschedule', { dueOn: '2027-02-28' })).toEqual({ ok: true, state: 'open' });
  });
});

describe('due days', () => {
  it('defaults to the meeting’s Shanghai day + 30', () => {
    expect(defaultDueDay('2026-12-03T01:00:00Z')).toBe('2027-01-02');
    // 2026-11-30 23:00 UTC is already 1 December in Shanghai.
    expect(defaultDueDay('2026-11-30T23:00:00Z')).toBe('2026-12-31');
  });

  it('counts days overdue from the day after the due day', () => {
    expect(daysOverdue('2026-12-10', '2026-12-09')).toBe(0);
    expect(daysOverdue('2026-12-10', '2026-12-10')).toBe(0);
    expect(daysOverdue('2026-12-10', '2026-12-11')).toBe(1);
    expect(daysOverdue('2026-12-10', '2027-01-10')).toBe(31);
  });

  it('classifies open items for the daily notifications: due within 3 days, or overdue', () => {
    const open = (dueOn: string) => ({ state: 'open' as const, dueOn });
    const today = '2026-12-10';
    expect(dueStatus(open('2026-12-09'), today)).toBe('overdue');
    expect(dueStatus(open('2026-12-10'), today)).toBe('due_soon');
    expect(dueStatus(open('2026-12-13'), today)).toBe('due_soon');
    expect(dueStatus(open('2026-12-14'), today)).toBe('later');
    expect(dueStatus({ state: 'done', dueOn: '2026-12-01' }, today)).toBe('closed');
    expect(dueStatus({ state: 'cancelled', dueOn: '2026-12-11' }, today)).toBe('closed');
  });
});

describe('我的督办事项', () => {
  it('shows overdue ones first, the most overdue first, then by due day, then by creation', () => {
    const today = '2026-12-10';
    const item = (id: string, dueOn: string, createdAt: string, state: ActionItemState = 'open') => ({ id, state, dueOn, createdAt });
    const items = [
      item('later-b', '2026-12-20', '2026-11-06T02:00:00Z'),
      item('overdue-2', '2026-12-08', '2026-11-05T02:00:00Z'),
      item('soon', '2026-12-12', '2026-11-05T02:00:00Z'),
      item('later-a', '2026-12-20', '2026-11-05T02:00:00Z'),
      item('overdue-9', '2026-12-01', '2026-11-05T02:00:00Z'),
      item('done-long-ago', '2026-11-01', '2026-10-01T02:00:00Z', 'done'),
    ];
    expect(orderMyActionItems(items, today).map((i) => i.id)).toEqual(['overdue-9', 'overdue-2', 'done-long-ago', 'soon', 'later-a', 'later-b']);
  });
});

describe('ageing per owner division, for leaders', () => {
  it('puts each open item in its bucket by days overdue', () => {
    const today = '2026-12-31';
    expect(ageingBucket('2026-12-31', today)).toBe('not_due');
    expect(ageingBucket('2026-12-30', today)).toBe('overdue_1_7');
    expect(ageingBucket('2026-12-24', today)).toBe('overdue_1_7');
    expect(ageingBucket('2026-12-23', today)).toBe('overdue_8_30');
    expect(ageingBucket('2026-12-01', today)).toBe('overdue_8_30');
    expect(ageingBucket('2026-11-30', today)).toBe('overdue_over_30');
  });

  it('counts per owner, leaves closed items out, and lists the owners with the oldest arrears first', () => {
    const today = '2026-12-31';
    const open = (owner: string, dueOn: string) => ({ owner, state: 'open' as const, dueOn });
    const rows = ageingByOwner(
      [
        open('filing', '2027-01-10'),
        open('filing', '2026-12-28'),
        open('enforcement', '2026-11-01'),
        open('enforcement', '2026-12-20'),
        open('enforcement', '2027-01-05'),
        open('civil_1', '2026-12-10'),
        { owner: 'civil_1', state: 'done', dueOn: '2026-10-01' },
        { owner: 'petition', state: 'cancelled', dueOn: '2026-10-01' },
      ],
      today,
    );
    expect(rows).toEqual([
      { owner: 'enforcement', counts: { not_due: 1, overdue_1_7: 0, overdue_8_30: 1, overdue_over_30: 1 }, open: 3, overdue: 2 },
      { owner: 'civil_1', counts: { not_due: 0, overdue_1_7: 0, overdue_8_30: 1, overdue_over_30: 0 }, open: 1, overdue: 1 },
      { owner: 'filing', counts: { not_due: 1, overdue_1_7: 1, overdue_8_30: 0, overdue_over_30: 0 }, open: 2, overdue: 1 },
    ]);
  });
});
