import { describe, expect, it } from 'vitest';
import {
  agendaTotals,
  arrangeAgenda,
  checkItemOutcome,
  dataReportPeriod,
  finalizeEffects,
  insertWarningItem,
  moveItem,
  numberDecisions,
  orderPool,
  previousMeeting,
  standardItemsFor,
  suggestTitle,
  undecidedItems,
  type AgendaItemKind,
  type PoolEntry,
} from '../../src/domain/meetings/agenda.ts';
import type { MeetingKind } from '../../src/domain/meetings/kinds.ts';
import type { MeetingState } from '../../src/domain/meetings/state-machine.ts';
import { applyAction, RESOLUTION_OUTCOMES } from '../../src/domain/warnings/state-machine.ts';

function pool(id: string, level: PoolEntry['level'], score: number, raisedAt: string, proposedAt?: string): PoolEntry {
  return { id, level, score, raisedAt, proposedAt: proposedAt ?? raisedAt };
}

describe('the agenda pool', () => {
  it('orders red first, then by score, then the oldest warning first', () => {
    const items = [
      pool('w-yellow', 'yellow', 4, '2026-10-01T00:00:00Z'),
      pool('w-orange-9', 'orange', 9, '2026-11-01T00:00:00Z'),
      pool('w-red-11-new', 'red', 11, '2026-11-20T00:00:00Z'),
      pool('w-orange-7', 'orange', 7, '2026-09-01T00:00:00Z'),
      pool('w-red-11-old', 'red', 11, '2026-11-02T00:00:00Z'),
      pool('w-red-forced', 'red', 0, '2026-08-01T00:00:00Z'),
      pool('w-red-14', 'red', 14, '2026-11-25T00:00:00Z'),
    ];
    expect(orderPool(items).map((w) => w.id)).toEqual([
      'w-red-14',
      'w-red-11-old',
      'w-red-11-new',
      'w-red-forced',
      'w-orange-9',
      'w-orange-7',
      'w-yellow',
    ]);
  });

  it('breaks a tie on raising by the proposal, then by id, whatever order the rows came in', () => {
    const raised = '2026-11-01T02:00:00Z';
    const items = [
      pool('w-b', 'orange', 8, raised, '2026-11-05T00:00:00Z'),
      pool('w-c', 'orange', 8, raised, '2026-11-03T00:00:00Z'),
      pool('w-a', 'orange', 8, raised, '2026-11-05T00:00:00Z'),
    ];
    expect(orderPool(items).map((w) => w.id)).toEqual(['w-c', 'w-a', 'w-b']);
    expect(orderPool([...items].reverse()).map((w) => w.id)).toEqual(['w-c', 'w-a', 'w-b']);
  });

  it('compares instants, not their spelling', () => {
    const items = [pool('w-utc', 'red', 12, '2026-11-01T01:00:00Z'), pool('w-shanghai', 'red', 12, '2026-11-01T08:30:00+08:00')];
    expect(orderPool(items).map((w) => w.id)).toEqual(['w-shanghai', 'w-utc']);
  });

  it('does not reorder the caller’s array', () => {
    const items = [pool('w-1', 'yellow', 3, '2026-11-01T00:00:00Z'), pool('w-2', 'red', 12, '2026-11-01T00:00:00Z')];
    orderPool(items);
    expect(items.map((w) => w.id)).toEqual(['w-1', 'w-2']);
  });
});

type Item = { id: string; kind: AgendaItemKind; warning?: PoolEntry };
const DATA: Item = { id: 'i-data', kind: 'data_report' };
const PREVIOUS: Item = { id: 'i-prev', kind: 'previous_actions' };
const warningItem = (id: string, level: PoolEntry['level'], score: number, raisedAt = '2026-11-01T00:00:00Z') =>
  ({ id, kind: 'warning', warning: pool(`w-${id}`, level, score, raisedAt) }) as Item & { kind: 'warning'; warning: PoolEntry };
const ids = (items: readonly { id: string }[]) => items.map((i) => i.id);

describe('agenda order', () => {
  it('regular meetings get the two standard items, a case coordination meeting none', () => {
    expect(standardItemsFor('trial_enforcement')).toEqual(['data_report', 'previous_actions']);
    expect(standardItemsFor('petition')).toEqual(['data_report', 'previous_actions']);
    expect(standardItemsFor('case_coordination')).toEqual([]);
  });

  it('puts 信访数据通报 and 上次会议议定事项落实情况 first, in that order, whatever the stored order', () => {
    const a = warningItem('a', 'red', 12);
    const b = warningItem('b', 'yellow', 3);
    expect(ids(arrangeAgenda([a, PREVIOUS, b, DATA]))).toEqual(['i-data', 'i-prev', 'a', 'b']);
  });

  it('adds a warning before the first item it outranks, so an untouched agenda stays in pool order', () => {
    let agenda: Item[] = [DATA, PREVIOUS];
    agenda = insertWarningItem(agenda, warningItem('yellow', 'yellow', 4));
    agenda = insertWarningItem(agenda, warningItem('red', 'red', 12));
    agenda = insertWarningItem(agenda, warningItem('orange', 'orange', 7));
    expect(ids(agenda)).toEqual(['i-data', 'i-prev', 'red', 'orange', 'yellow']);
  });

  it('keeps a manual order when adding: the new item goes before the first one it outranks', () => {
    const agenda: Item[] = [DATA, PREVIOUS, warningItem('yellow', 'yellow', 4), warningItem('red', 'red', 12)];
    expect(ids(insertWarningItem(agenda, warningItem('orange', 'orange', 7)))).toEqual(['i-data', 'i-prev', 'orange', 'yellow', 'red']);
    expect(ids(insertWarningItem(agenda, warningItem('blue', 'blue', 1)))).toEqual(['i-data', 'i-prev', 'yellow', 'red', 'blue']);
  });

  describe('moving an item up or down', () => {
    const agenda: Item[] = [DATA, PREVIOUS, warningItem('a', 'red', 14), warningItem('b', 'red', 12), warningItem('c', 'orange', 8)];

    it('swaps it with its neighbour and leaves the input alone', () => {
      const up = moveItem(agenda, 'c', 'up');
      expect(up.ok && ids(up.items)).toEqual(['i-data', 'i-prev', 'a', 'c', 'b']);
      const down = moveItem(agenda, 'a', 'down');
      expect(down.ok && ids(down.items)).toEqual(['i-data', 'i-prev', 'b', 'a', 'c']);
      expect(ids(agenda)).toEqual(['i-data', 'i-prev', 'a', 'b', 'c']);
    });

    it('refuses to move a standard item, or anything past one, or past the end', () => {
      expect(moveItem(agenda, 'i-data', 'down')).toEqual({ ok: false, error: 'standard_item' });
      expect(moveItem(agenda, 'i-prev', 'up')).toEqual({ ok: false, error: 'standard_item' });
      expect(moveItem(agenda, 'a', 'up')).toEqual({ ok: false, error: 'at_edge' });
      expect(moveItem(agenda, 'c', 'down')).toEqual({ ok: false, error: 'at_edge' });
      expect(moveItem(agenda, 'missing', 'up')).toEqual({ ok: false, error: 'not_found' });
    });

    it('on a case coordination meeting the first case is the top', () => {
      const cases: Item[] = [warningItem('x', 'red', 14), warningItem('y', 'red', 12)];
      expect(moveItem(cases, 'x', 'up')).toEqual({ ok: false, error: 'at_edge' });
      const moved = moveItem(cases, 'y', 'up');
      expect(moved.ok && ids(moved.items)).toEqual(['y', 'x']);
    });
  });
});

describe('decision numbers', () => {
  it('runs 1…n across the meeting in agenda order; items without a decision get no number', () => {
    const items = [
      { ...warningItem('b', 'orange', 8), decision: '由执行局牵头，7日内约谈被执行人' },
      { ...PREVIOUS, decision: '逾期事项由审管办专项督办' },
      { ...warningItem('c', 'yellow', 3), decision: '   ' },
      { ...DATA, decision: null },
      { ...warningItem('d', 'yellow', 3), decision: '移交属地党委政法委协调' },
    ];
    expect(numberDecisions(items).map((i) => [i.id, i.decisionNo])).toEqual([
      ['i-data', null],
      ['i-prev', 1],
      ['b', 2],
      ['c', null],
      ['d', 3],
    ]);
  });
});

describe('time against the planned length', () => {
  it('adds up the minutes allotted and says how much is left', () => {
    expect(agendaTotals([{ minutes: 10 }, { minutes: 15 }, { minutes: null }, {}], 60)).toEqual({
      allotted: 25,
      planned: 60,
      remaining: 35,
      over: false,
      unallotted: 2,
    });
  });

  it('says when the agenda runs over; exactly the planned length is not over', () => {
    expect(agendaTotals([{ minutes: 45 }, { minutes: 30 }], 60)).toMatchObject({ allotted: 75, remaining: -15, over: true });
    expect(agendaTotals([{ minutes: 30 }, { minutes: 30 }], 60)).toMatchObject({ remaining: 0, over: false });
  });
});

describe('item outcomes', () => {
  it('is follow-up when none is given', () => {
    expect(checkItemOutcome({})).toEqual({ ok: true, outcome: 'follow_up', resolutionOutcome: null });
    expect(checkItemOutcome({ outcome: null })).toEqual({ ok: true, outcome: 'follow_up', resolutionOutcome: null });
  });

  it('resolved needs one of the resolution outcomes of the warning', () => {
    expect(checkItemOutcome({ outcome: 'resolved' })).toEqual({ ok: false, error: 'resolution_outcome_required' });
    expect(checkItemOutcome({ outcome: 'resolved', resolutionOutcome: 'settled' })).toEqual({ ok: false, error: 'resolution_outcome_required' });
    for (const resolutionOutcome of RESOLUTION_OUTCOMES) {
      expect(checkItemOutcome({ outcome: 'resolved', resolutionOutcome })).toEqual({ ok: true, outcome: 'resolved', resolutionOutcome });
    }
  });

  it('drops a resolution outcome left over on any other outcome', () => {
    expect(checkItemOutcome({ outcome: 'carry_over', resolutionOutcome: 'mediated' })).toEqual({ ok: true, outcome: 'carry_over', resolutionOutcome: null });
  });

  it('counts the items the minutes cannot be finalized without', () => {
    const items = [
      { ...DATA },
      { ...warningItem('a', 'red', 14), outcome: 'resolved' as const, decision: '' },
      { ...warningItem('b', 'red', 12), decision: null },
      { ...warningItem('c', 'orange', 8), outcome: 'carry_over' as const },
      { ...warningItem('d', 'orange', 7), outcome: 'withdrawn' as const },
      { ...warningItem('e', 'yellow', 5), outcome: 'follow_up' as const, decision: '由民一庭继续做好释法析理工作' },
    ];
    expect(undecidedItems(items)).toBe(2);
  });
});

describe('finalizing: what each outcome does to its warning', () => {
  it('follow-up → in_followup; resolved → resolved with its outcome; carry-over → back to the pool, counted; withdrawn → back to the petition office', () => {
    const result = finalizeEffects([
      { warningId: 'w-1', carryOvers: 0 },
      { warningId: 'w-2', outcome: 'resolved', resolutionOutcome: 'judicial_assistance', carryOvers: 1 },
      { warningId: 'w-3', outcome: 'carry_over', carryOvers: 1 },
      { warningId: 'w-4', outcome: 'withdrawn', carryOvers: 2 },
    ]);
    expect(result).toEqual({
      ok: true,
      effects: [
        { warningId: 'w-1', outcome: 'follow_up', actions: ['follow_up'], state: 'in_followup', resolutionOutcome: null, carryOvers: 0 },
        { warningId: 'w-2', outcome: 'resolved', actions: ['follow_up', 'resolve'], state: 'resolved', resolutionOutcome: 'judicial_assistance', carryOvers: 1 },
        { warningId: 'w-3', outcome: 'carry_over', actions: ['unschedule'], state: 'proposed', resolutionOutcome: null, carryOvers: 2 },
        { warningId: 'w-4', outcome: 'withdrawn', actions: ['unschedule', 'withdraw_proposal'], state: 'acknowledged', resolutionOutcome: null, carryOvers: 2 },
      ],
    });
  });

  it('the carry-over count travels with the warning from meeting to meeting', () => {
    let carryOvers = 0;
    for (let meeting = 0; meeting < 3; meeting++) {
      const result = finalizeEffects([{ warningId: 'w-9', outcome: 'carry_over', carryOvers }]);
      if (!result.ok) throw new Error('expected effects');
      carryOvers = result.effects[0]!.carryOvers;
      // Back in the pool, it can be scheduled for the next meeting.
      expect(applyAction(result.effects[0]!.state, 'schedule')).toEqual({ ok: true, state: 'scheduled' });
    }
    expect(carryOvers).toBe(3);
  });

  it('refuses the whole set when a resolved item has no resolution outcome, naming the warning', () => {
    expect(finalizeEffects([{ warningId: 'w-1', carryOvers: 0 }, { warningId: 'w-2', outcome: 'resolved', carryOvers: 0 }])).toEqual({
      ok: false,
      error: 'resolution_outcome_required',
      warningId: 'w-2',
    });
  });
});

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
