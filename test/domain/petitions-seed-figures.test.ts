import { describe, expect, it } from 'vitest';
import { parseIdNumber, recordIssues } from '../../src/domain/petitions/index.ts';
import { computeStats, formatChange, rollupOf, splitByPeriod, type StatsScope } from '../../src/domain/stats/index.ts';
import { GANSU_COURTS, courtByCode } from '../../scripts/seed/gansu-courts.ts';
import { buildDemoPetitions } from '../../scripts/seed/petitions.ts';

const TODAY = '2026-11-28';
const petitions = buildDemoPetitions({ today: TODAY });
const rollup = rollupOf(petitions);
const province: StatsScope = {
  rootCourtId: courtByCode('甘').id,
  courts: GANSU_COURTS.map((c) => ({ id: c.id, code: c.code, name: c.name, nameEn: c.nameEn, level: c.level, hasVideoRoom: c.hasVideoRoom })),
};

function statsFor(from: string, to: string) {
  const period = { from, to };
  return computeStats({ scope: province, period, ...splitByPeriod(rollup, period) });
}

describe('the demo petitions reproduce the seed article (Gansu, 2018-01-01 … 2018-09-30)', () => {
  const stats = statsFor('2018-01-01', '2018-09-30');
  const f = stats.figures;

  it('the High Court petition office received 535 visits, 761 persons', () => {
    expect(f.officeVisits).toEqual({ cases: 535, persons: 761 });
  });

  it('the High Court accepted 1972 letters and visits', () => {
    expect(f.accepted.cases).toBe(1972);
  });

  it('letters accepted by the High Court fell 9.5 % year on year', () => {
    expect(f.letters.change).toBe(-0.095);
    expect(formatChange(f.letters.cases, f.letters.previousCases)).toBe('\u22129.5%');
  });

  it('intermediate courts accepted 727 and basic courts 1470, together 2197', () => {
    expect(f.acceptedBelow).toEqual({ intermediate: 727, basic: 1470, total: 2197 });
    expect(stats.byLevel.map((l) => [l.level, l.cases])).toEqual([['high', 1972], ['intermediate', 727], ['basic', 1470]]);
  });

  it('lawyers: 57 interviews, 26 representations, 14 resolutions, 21 assistance applications', () => {
    expect(f.lawyers).toEqual({ interview: 57, representation: 26, resolution: 14 });
    expect(f.assistanceApplied).toBe(21);
    expect(stats.lawyers).toEqual(f.lawyers);
    expect(stats.assistance.applied).toBe(21);
  });

  it('107 of the 112 intermediate and basic courts have a video reception room', () => {
    expect(f.videoRooms).toEqual({ withRoom: 107, total: 112 });
  });

  it('三降一升一平稳 holds against 2017 January–September', () => {
    expect(stats.trend.items.map((i) => [i.key, i.achieved])).toEqual([
      ['letters', true],
      ['visits', true],
      ['groupVisits', true],
      ['video', true],
      ['total', true],
    ]);
    expect(stats.trend.achieved).toBe(true);
  });
});

describe('the demo petitions as records', () => {
  it('are the same for the same day and seed', () => {
    const again = buildDemoPetitions({ today: TODAY });
    expect(again.length).toBe(petitions.length);
    expect(again.slice(0, 50)).toEqual(petitions.slice(0, 50));
    expect(again.at(-1)).toEqual(petitions.at(-1));
  });

  it('cover 2017, 2018 and the current year up to yesterday, and nothing between', () => {
    const years = new Set(petitions.map((p) => p.receivedOn.slice(0, 4)));
    expect([...years].sort()).toEqual(['2017', '2018', '2026']);
    expect(petitions.every((p) => p.receivedOn < TODAY)).toBe(true);
    expect(petitions.filter((p) => p.receivedOn.startsWith('2026')).length).toBeGreaterThan(1000);
  });

  it('would each pass the register’s checks', () => {
    for (const p of petitions) {
      expect(recordIssues(p)).toEqual([]);
      if (p.petitionerIdNumber) expect(parseIdNumber(p.petitionerIdNumber, TODAY)).toEqual({ ok: true, value: p.petitionerIdNumber });
    }
    const noRoom = new Set(GANSU_COURTS.filter((c) => !c.hasVideoRoom).map((c) => c.id));
    expect(petitions.filter((p) => p.channel === 'video' && noRoom.has(p.courtId))).toEqual([]);
    expect(new Set(petitions.map((p) => p.id)).size).toBe(petitions.length);
  });

  it('include petitioners who come back within 30 days', () => {
    const byId = new Map<string, string[]>();
    for (const p of petitions) if (p.petitionerIdNumber) byId.set(p.petitionerIdNumber, [...(byId.get(p.petitionerIdNumber) ?? []), p.receivedOn]);
    const soon = [...byId.values()].filter((days) => days.some((d, i) => i > 0 && Date.parse(d) - Date.parse(days[i - 1]!) <= 30 * 86_400_000));
    expect(soon.length).toBeGreaterThan(10);
  });

  it('link a share of the current year’s petitions to given cases, at the case’s court or above, never before filing', () => {
    const cases = [
      { id: 'case-a', caseNumber: '（2026）甘0102民初12号', courtId: courtByCode('甘0102').id, filedOn: '2026-03-01' },
      { id: 'case-b', caseNumber: '（2026）甘0502执7号', courtId: courtByCode('甘0502').id, filedOn: '2026-01-10', weight: 3 },
    ];
    const linked = buildDemoPetitions({ today: TODAY, link: { cases, share: 0.3 } }).filter((p) => p.caseId);
    expect(linked.length).toBeGreaterThan(20);
    const allowed: Record<string, number[]> = { 'case-a': [1, 2, cases[0]!.courtId], 'case-b': [1, courtByCode('甘05').id, cases[1]!.courtId] };
    for (const p of linked) {
      const c = cases.find((x) => x.id === p.caseId)!;
      expect(p.caseNumber).toBe(c.caseNumber);
      expect(allowed[c.id]).toContain(p.courtId);
      expect(p.receivedOn >= c.filedOn).toBe(true);
      expect(p.receivedOn.startsWith('2026')).toBe(true);
    }
    // Linking never moves the article's figures: it only touches the current year.
    const period = { from: '2018-01-01', to: '2018-09-30' };
    const again = buildDemoPetitions({ today: TODAY, link: { cases, share: 0.3 } });
    expect(computeStats({ scope: province, period, ...splitByPeriod(rollupOf(again), period) }).figures).toEqual(statsFor(period.from, period.to).figures);
  });
});
