import { describe, expect, it } from 'vitest';
import { PETITION_CHANNELS } from '../../src/domain/petitions/index.ts';
import { applyRollupDeltas, computeStats, monthlyRollupOf, periodTallies, rollupDeltas, rollupKeyString, rollupOf, statsFromTallies, type RollupRow, type RollupSource, type StatsScope } from '../../src/domain/stats/index.ts';
import { addDays } from '../../src/domain/time.ts';
import { makeRng, type Rng } from '../../scripts/seed/random.ts';

function petition(r: Rng): RollupSource {
  const channel = r.pick(PETITION_CHANNELS);
  const applied = r.next() < 0.3;
  const approved = applied && r.next() < 0.6;
  return {
    // Few courts and days, so that edits often land on a row other petitions share.
    courtId: r.int(1, 3),
    receivedOn: addDays('2018-01-30', r.int(0, 3)),
    channel,
    persons: channel === 'group_visit' ? r.int(5, 40) : r.int(1, 4),
    lawyer: { interview: r.next() < 0.3, representation: r.next() < 0.2, resolution: r.next() < 0.1 },
    assistance: { applied, approved, amount: approved ? r.int(1, 50) * 1000 : 0 },
  };
}

/** One field of a petition changed: court, day, channel (and persons to fit), persons, lawyers or assistance. */
function edit(r: Rng, p: RollupSource): RollupSource {
  const fresh = petition(r);
  switch (r.int(0, 5)) {
    case 0:
      return { ...p, courtId: fresh.courtId };
    case 1:
      return { ...p, receivedOn: fresh.receivedOn };
    case 2:
      return { ...p, channel: fresh.channel, persons: fresh.persons };
    case 3:
      return { ...p, persons: p.channel === 'group_visit' ? r.int(5, 40) : r.int(1, 4) };
    case 4:
      return { ...p, lawyer: fresh.lawyer };
    default:
      return { ...p, assistance: fresh.assistance };
  }
}

/** Counted the plain way, independently of the roll-up code: group by court, day and channel and add up. */
function directCount(petitions: Iterable<RollupSource>): RollupRow[] {
  const rows = new Map<string, RollupRow>();
  for (const p of petitions) {
    const key = `${p.courtId}|${p.receivedOn}|${p.channel}`;
    const row = rows.get(key) ?? {
      courtId: p.courtId, day: p.receivedOn, channel: p.channel, cases: 0, persons: 0, lawyerInterview: 0, lawyerRepresentation: 0,
      lawyerResolution: 0, assistanceApplied: 0, assistanceApproved: 0, assistanceAmount: 0,
    };
    row.cases += 1;
    row.persons += p.persons;
    if (p.lawyer.interview) row.lawyerInterview += 1;
    if (p.lawyer.representation) row.lawyerRepresentation += 1;
    if (p.lawyer.resolution) row.lawyerResolution += 1;
    if (p.assistance.applied) row.assistanceApplied += 1;
    if (p.assistance.approved) row.assistanceApproved += 1;
    row.assistanceAmount += p.assistance.amount;
    rows.set(key, row);
  }
  return [...rows.values()];
}

const sorted = (rows: Iterable<RollupRow>) => [...rows].sort((a, b) => rollupKeyString(a).localeCompare(rollupKeyString(b)));

describe('roll-up maintenance', () => {
  it('an insert, an edit moving court, day and channel, and a deletion each touch only their rows', () => {
    const p: RollupSource = {
      courtId: 1,
      receivedOn: '2018-02-01',
      channel: 'visit',
      persons: 2,
      lawyer: { interview: true, representation: false, resolution: false },
      assistance: { applied: true, approved: true, amount: 20000 },
    };
    expect(rollupDeltas(null, p)).toEqual([
      { courtId: 1, day: '2018-02-01', channel: 'visit', cases: 1, persons: 2, lawyerInterview: 1, lawyerRepresentation: 0, lawyerResolution: 0, assistanceApplied: 1, assistanceApproved: 1, assistanceAmount: 20000 },
    ]);
    const moved = rollupDeltas(p, { ...p, courtId: 2, receivedOn: '2018-02-02', channel: 'video' });
    expect(moved.map((d) => [d.courtId, d.day, d.channel, d.cases, d.persons, d.assistanceAmount])).toEqual([
      [1, '2018-02-01', 'visit', -1, -2, -20000],
      [2, '2018-02-02', 'video', 1, 2, 20000],
    ]);
    expect(rollupDeltas(p, { ...p, persons: 3 })).toEqual([expect.objectContaining({ cases: 0, persons: 1, lawyerInterview: 0 })]);
    expect(rollupDeltas(p, { ...p })).toEqual([]);
    expect(rollupDeltas(p, null)[0]).toMatchObject({ cases: -1, persons: -2, lawyerInterview: -1, assistanceAmount: -20000 });
  });

  for (const seed of [1, 2, 3, 20190110, 8675309]) {
    it(`equals a direct count after random inserts, edits and deletions (seed ${seed})`, () => {
      const r = makeRng(seed);
      const petitions = new Map<number, RollupSource>();
      const rollup = new Map<string, RollupRow>();
      let nextId = 1;
      for (let step = 0; step < 600; step++) {
        const ids = [...petitions.keys()];
        const op = ids.length === 0 ? 0 : r.int(0, 9);
        let before: RollupSource | null = null;
        let after: RollupSource | null = null;
        if (op <= 3) {
          after = petition(r);
          petitions.set(nextId++, after);
        } else if (op <= 7) {
          const id = r.pick(ids);
          before = petitions.get(id)!;
          after = edit(r, before);
          petitions.set(id, after);
        } else {
          const id = r.pick(ids);
          before = petitions.get(id)!;
          petitions.delete(id);
        }
        applyRollupDeltas(rollup, rollupDeltas(before, after));
        if (step % 25 === 24) expect(sorted(rollup.values())).toEqual(sorted(directCount(petitions.values())));
      }
      expect(sorted(rollup.values())).toEqual(sorted(directCount(petitions.values())));
      expect(petitions.size).toBeGreaterThan(50);
    });
  }
});

describe('the monthly roll-up and period tallies', () => {
  const r = makeRng(42);
  const petitions = Array.from({ length: 400 }, () => petition(r));
  const daily = rollupOf(petitions);

  it('the monthly roll-up is the daily one summed by month, and the same deltas keep both equal to a direct count', () => {
    const byMonth = new Map<string, number>();
    for (const p of petitions) byMonth.set(`${p.courtId}|${p.receivedOn.slice(0, 7)}|${p.channel}`, (byMonth.get(`${p.courtId}|${p.receivedOn.slice(0, 7)}|${p.channel}`) ?? 0) + 1);
    const monthly = monthlyRollupOf(daily);
    expect(new Map(monthly.map((m) => [`${m.courtId}|${m.month}|${m.channel}`, m.cases]))).toEqual(byMonth);
    // A move within a month nets to nothing in the monthly roll-up; a move across months does not.
    const p = petitions[0]!;
    const sameMonth = { ...p, receivedOn: p.receivedOn.slice(0, 7) + '-15' };
    expect(monthlyRollupOf(rollupDeltas(p, { ...sameMonth, persons: p.persons })).filter((m) => m.cases !== 0)).toEqual([]);
    expect(monthlyRollupOf(rollupDeltas(p, { ...p, receivedOn: '2017-12-31' })).map((m) => m.cases).sort()).toEqual([-1, 1]);
  });

  it('a report from tallies summed by court × channel and by month equals the report from daily rows', () => {
    const scope: StatsScope = {
      rootCourtId: 1,
      courts: [
        { id: 1, code: '甘', name: '高院', level: 'high', hasVideoRoom: true },
        { id: 2, code: '甘01', name: '中院', level: 'intermediate', hasVideoRoom: true },
      ],
    };
    const period = { from: '2018-01-30', to: '2018-02-02' };
    const current = daily.filter((d) => d.day >= period.from && d.day <= period.to);
    const previous = daily.filter((d) => d.day < '2018-01-30');
    const direct = computeStats({ scope, period, current, previous });
    const inScope = (rows: RollupRow[]) => rows.filter((x) => x.courtId !== 3);
    const fromTallies = statsFromTallies({ scope, period, current: periodTallies(inScope(current)), previous: periodTallies(inScope(previous)) });
    expect(fromTallies).toEqual(direct);
    expect(direct.total.cases).toBe(current.filter((x) => x.courtId !== 3).reduce((s, x) => s + x.cases, 0));
  });
});
