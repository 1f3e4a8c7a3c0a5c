import { describe, expect, it } from 'vitest';
import type { PetitionChannel } from '../../src/domain/petitions/index.ts';
import {
  computeStats,
  emptyTally,
  splitByPeriod,
  trendPanel,
  videoRooms,
  warningFigures,
  type RollupRow,
  type StatsScope,
} from '../../src/domain/stats/index.ts';

const scope: StatsScope = {
  rootCourtId: 1,
  courts: [
    { id: 1, code: '甘', name: '甘肃省高级人民法院', level: 'high', hasVideoRoom: true },
    { id: 2, code: '甘01', name: '兰州市中级人民法院', level: 'intermediate', hasVideoRoom: true },
    { id: 3, code: '甘0102', name: '兰州市城关区人民法院', level: 'basic', hasVideoRoom: true },
    { id: 4, code: '甘0591', name: '小陇山林区法院', level: 'basic', hasVideoRoom: false },
  ],
};

const row = (courtId: number, day: string, channel: PetitionChannel, cases: number, extra: Partial<RollupRow> = {}): RollupRow => ({
  ...emptyTally(),
  courtId,
  day,
  channel,
  cases,
  persons: cases,
  ...extra,
});

const period = { from: '2018-01-01', to: '2018-03-31' };

describe('the statistics report', () => {
  it('is all zeros and dashes for an empty period, with every month and channel listed', () => {
    const s = computeStats({ scope, period, current: [], previous: [] });
    expect(s.total).toEqual({ cases: 0, persons: 0, previousCases: 0, previousPersons: 0, change: null, personsChange: null });
    expect(s.byMonth.map((m) => [m.month, m.previousMonth, m.cases])).toEqual([
      ['2018-01', '2017-01', 0],
      ['2018-02', '2017-02', 0],
      ['2018-03', '2017-03', 0],
    ]);
    expect(s.byChannel.map((c) => c.channel)).toEqual(['letter', 'visit', 'group_visit', 'video', 'online', 'phone']);
    expect(s.byCourt).toHaveLength(4);
    expect(JSON.stringify(s)).not.toMatch(/Infinity|NaN/);
  });

  it('counts 件 and 人次 by channel, level, court and month, each beside the year before', () => {
    const rows = [
      row(1, '2018-01-05', 'letter', 3),
      row(1, '2018-02-01', 'group_visit', 1, { persons: 12 }),
      row(2, '2018-02-28', 'visit', 2, { persons: 3 }),
      row(3, '2018-03-31', 'video', 4),
      row(3, '2017-03-31', 'video', 2),
      row(1, '2017-01-31', 'letter', 4),
      row(3, '2018-04-01', 'video', 50),
      row(99, '2018-01-01', 'letter', 70),
    ];
    const { current, previous } = splitByPeriod(rows, period);
    const s = computeStats({ scope, period, current, previous });
    expect(s.total).toMatchObject({ cases: 10, persons: 22, previousCases: 6, change: 4 / 6 });
    const ch = Object.fromEntries(s.byChannel.map((c) => [c.channel, [c.cases, c.persons, c.previousCases, c.change]]));
    expect(ch.letter).toEqual([3, 3, 4, -0.25]);
    expect(ch.group_visit).toEqual([1, 12, 0, null]);
    expect(ch.video).toEqual([4, 4, 2, 1]);
    expect(s.byLevel.map((l) => [l.level, l.cases, l.previousCases])).toEqual([
      ['high', 4, 4],
      ['intermediate', 2, 0],
      ['basic', 4, 2],
    ]);
    expect(s.byCourt.map((c) => [c.court.code, c.cases])).toEqual([['甘', 4], ['甘01', 2], ['甘0102', 4], ['甘0591', 0]]);
    expect(s.byMonth.map((m) => [m.month, m.cases, m.persons, m.previousCases])).toEqual([
      ['2018-01', 3, 3, 4],
      ['2018-02', 3, 15, 0],
      ['2018-03', 4, 4, 2],
    ]);
  });

  it('adds up lawyers and judicial assistance', () => {
    const rows = [
      row(2, '2018-01-05', 'visit', 3, { lawyerInterview: 2, lawyerRepresentation: 1, assistanceApplied: 2, assistanceApproved: 1, assistanceAmount: 30000 }),
      row(3, '2018-03-05', 'letter', 1, { lawyerResolution: 1, assistanceApplied: 1, assistanceApproved: 1, assistanceAmount: 5000 }),
    ];
    const s = computeStats({ scope, period, current: rows, previous: [] });
    expect(s.lawyers).toEqual({ interview: 2, representation: 1, resolution: 1 });
    expect(s.assistance).toEqual({ applied: 3, approved: 2, amount: 35000 });
  });

  it('reads the named figures at the root court, below it and across the scope', () => {
    const current = [
      row(1, '2018-01-02', 'visit', 5, { persons: 6 }),
      row(1, '2018-01-02', 'group_visit', 1, { persons: 9 }),
      row(1, '2018-01-03', 'video', 7),
      row(1, '2018-01-03', 'letter', 181, { lawyerInterview: 1 }),
      row(2, '2018-01-03', 'letter', 11),
      row(3, '2018-01-03', 'visit', 13, { lawyerInterview: 2, assistanceApplied: 1 }),
    ];
    const previous = [row(1, '2017-01-03', 'letter', 200), row(3, '2017-01-03', 'letter', 200)];
    const f = computeStats({ scope, period, current, previous }).figures;
    expect(f.officeVisits).toEqual({ cases: 6, persons: 15 });
    expect(f.accepted).toEqual({ cases: 194 });
    expect(f.letters).toEqual({ cases: 181, previousCases: 200, change: -0.095 });
    expect(f.acceptedBelow).toEqual({ intermediate: 11, basic: 13, total: 24 });
    expect(f.lawyers.interview).toBe(3);
    expect(f.assistanceApplied).toBe(1);
  });

  it('counts video rooms below the root, or the root alone when nothing is below it', () => {
    expect(videoRooms(scope)).toEqual({ withRoom: 2, total: 3 });
    expect(videoRooms({ rootCourtId: 4, courts: [scope.courts[3]!] })).toEqual({ withRoom: 0, total: 1 });
  });
});

describe('三降一升一平稳', () => {
  const prev = [row(1, '2017-02-01', 'letter', 100), row(1, '2017-02-01', 'visit', 50), row(1, '2017-02-01', 'group_visit', 10), row(1, '2017-02-01', 'video', 40)];

  it('marks each figure and the whole panel', () => {
    const now = [row(1, '2018-02-01', 'letter', 90), row(1, '2018-02-01', 'visit', 45), row(1, '2018-02-01', 'group_visit', 8), row(1, '2018-02-01', 'video', 50)];
    const p = trendPanel(now, prev);
    expect(p.items.map((i) => [i.key, i.current, i.previous, i.achieved])).toEqual([
      ['letters', 90, 100, true],
      ['visits', 45, 50, true],
      ['groupVisits', 8, 10, true],
      ['video', 50, 40, true],
      ['total', 193, 200, true],
    ]);
    expect(p.achieved).toBe(true);
  });

  it('stable means within ±5 % exactly, and one miss spoils the panel', () => {
    const at = (video: number) => trendPanel([row(1, '2018-02-01', 'letter', 99), row(1, '2018-02-01', 'visit', 49), row(1, '2018-02-01', 'group_visit', 9), row(1, '2018-02-01', 'video', video)], prev);
    // 200 last year: 210 is +5 % (stable), 211 is not.
    expect(at(53).items.at(-1)).toMatchObject({ current: 210, achieved: true });
    expect(at(54).items.at(-1)).toMatchObject({ current: 211, achieved: false });
    expect(at(54).achieved).toBe(false);
  });

  it('an empty year before: nothing is down or up, and empty against empty is stable', () => {
    const p = trendPanel([], []);
    expect(p.items.map((i) => [i.key, i.change, i.achieved])).toEqual([
      ['letters', null, false],
      ['visits', null, false],
      ['groupVisits', null, false],
      ['video', null, false],
      ['total', null, true],
    ]);
  });
});

describe('warning figures', () => {
  it('counts raised and resolved in the period and open at its end, by level', () => {
    const p = { from: '2018-01-01', to: '2018-01-31' };
    const w = warningFigures(
      [
        { level: 'red', raisedOn: '2018-01-05', closedOn: null, resolved: false },
        { level: 'red', raisedOn: '2017-12-20', closedOn: '2018-01-10', resolved: true },
        { level: 'orange', raisedOn: '2018-01-20', closedOn: '2018-01-25', resolved: false },
        { level: 'yellow', raisedOn: '2018-01-30', closedOn: '2018-02-03', resolved: true },
        { level: 'yellow', raisedOn: '2018-02-01', closedOn: null, resolved: false },
      ],
      p,
    );
    const by = Object.fromEntries(w.byLevel.map((l) => [l.level, [l.raised, l.resolved, l.open]]));
    expect(by).toEqual({ red: [1, 1, 1], orange: [1, 0, 0], yellow: [1, 0, 1], blue: [0, 0, 0], none: [0, 0, 0] });
    expect(w.total).toEqual({ raised: 3, resolved: 1, open: 2 });
  });
});
