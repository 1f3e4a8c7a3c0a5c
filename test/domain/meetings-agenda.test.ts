import { describe, expect, it } from 'vitest';
import {
  agendaTotals,
  arrangeAgenda,
  insertWarningItem,
  moveItem,
  numberDecisions,
  orderPool,
  standardItemsFor,
  type AgendaItemKind,
  type PoolEntry,
} from '../../src/domain/meetings/agenda.ts';

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
