import { describe, expect, it } from 'vitest';
import { compareBacktests, runBacktest, type CaseHistory } from '../../src/domain/backtest/index.ts';
import { DEFAULT_RULE_SET, type RuleSet } from '../../src/domain/rules/index.ts';

const YEAR_2018 = { from: '2018-01-01', to: '2018-12-31' };

function history(id: string, over: Partial<CaseHistory> = {}): CaseHistory {
  return {
    id,
    filedOn: '2018-01-01',
    closedOn: null,
    stage: 'trial',
    category: 'civil',
    partyCount: 2,
    amountInDispute: 0,
    hasVulnerableParty: false,
    flags: [],
    petitionDays: [],
    ...over,
  };
}

const outcome = (r: ReturnType<typeof runBacktest>, id: string) => r.perCase.find((c) => c.caseId === id)!;

describe('replaying cases as of their history', () => {
  it('a flag withdrawn before the petition does not count; one still active does, with its lead time', () => {
    const withdrawn = history('withdrawn', { flags: [{ factor: 'GROUP_DISPUTE', from: '2018-02-01', to: '2018-03-01' }], petitionDays: ['2018-04-10'] });
    const kept = history('kept', { flags: [{ factor: 'GROUP_DISPUTE', from: '2018-02-01', to: null }], petitionDays: ['2018-04-10'] });
    const r = runBacktest({ histories: [withdrawn, kept], ruleSet: DEFAULT_RULE_SET, period: YEAR_2018 });
    expect(outcome(r, 'withdrawn')).toMatchObject({ warnedSince: null, leadDays: null, firstWarnInPeriod: '2018-02-01' });
    expect(outcome(r, 'kept')).toMatchObject({ warnedSince: '2018-02-01', leadDays: 68 });
    expect(r.recall).toEqual({ petitioned: 2, warnedBefore: 1, rate: 0.5, medianLeadDays: 68 });
  });

  it('a petition on the same day as the warning has lead time 0 (flag times are read as Shanghai days)', () => {
    // 18:30 UTC on 9 April is 02:30 on 10 April in Shanghai.
    const h = history('same-day', { flags: [{ factor: 'GROUP_DISPUTE', from: '2018-04-09T18:30:00Z', to: null }], petitionDays: ['2018-04-10'] });
    const r = runBacktest({ histories: [h], ruleSet: DEFAULT_RULE_SET, period: YEAR_2018 });
    expect(outcome(r, 'same-day')).toMatchObject({ warnedSince: '2018-04-10', leadDays: 0 });
    expect(r.recall.medianLeadDays).toBe(0);
  });

  it('a petition counts only from the next day: two within a week warn from the day after the second', () => {
    const h = history('repeat', { filedOn: '2017-03-01', petitionDays: ['2017-06-01', '2017-06-03', '2018-03-01'] });
    const r = runBacktest({ histories: [h], ruleSet: DEFAULT_RULE_SET, period: YEAR_2018 });
    // From 2017-06-04 two petitions in 12 months (+3, yellow) until the first leaves the year on 2018-06-01.
    expect(outcome(r, 'repeat')).toMatchObject({ firstPetition: '2018-03-01', warnedSince: '2017-06-04', leadDays: 270 });

    const firstTwo = runBacktest({ histories: [h], ruleSet: DEFAULT_RULE_SET, period: { from: '2017-06-01', to: '2017-06-30' } });
    expect(outcome(firstTwo, 'repeat')).toMatchObject({ firstPetition: '2017-06-01', leadDays: null, firstWarnInPeriod: '2017-06-04' });
  });

  it('days pending cross the rule set’s boundaries on the right day', () => {
    // 2 points from the flag; daysPending > 180 adds 1 → yellow on 2017-07-01 (day 181).
    const h = history('aged', { filedOn: '2017-01-01', flags: [{ factor: 'PROCEDURE_COMPLAINT', from: '2017-01-01', to: null }], petitionDays: ['2017-08-01'] });
    const r = runBacktest({ histories: [h], ruleSet: DEFAULT_RULE_SET, period: { from: '2017-01-01', to: '2017-12-31' } });
    expect(outcome(r, 'aged')).toMatchObject({ warnedSince: '2017-07-01', leadDays: 31 });
  });

  it('a closed case stops ageing at its closing day', () => {
    const h = history('closed', {
      filedOn: '2017-01-01',
      closedOn: '2017-05-01',
      stage: 'closed',
      flags: [{ factor: 'PROCEDURE_COMPLAINT', from: '2017-01-01', to: null }],
      petitionDays: ['2017-08-01'],
    });
    const r = runBacktest({ histories: [h], ruleSet: DEFAULT_RULE_SET, period: { from: '2017-01-01', to: '2017-12-31' } });
    expect(outcome(r, 'closed')).toMatchObject({ leadDays: null, firstWarnInPeriod: null });
  });
});

describe('precision and rules', () => {
  const group = (id: string, petitionDays: string[]) => history(id, { flags: [{ factor: 'GROUP_DISPUTE', from: '2018-02-01', to: null }], petitionDays });

  it('counts a petition within 180 days of the first warned day of the period, and not one later', () => {
    const r = runBacktest({
      histories: [group('in-time', ['2018-07-31']), group('late', ['2018-08-01']), history('quiet')],
      ruleSet: DEFAULT_RULE_SET,
      period: { from: '2018-01-01', to: '2018-03-31' },
    });
    expect(r.precision).toEqual({ warned: 2, petitionFollowed: 1, undecided: 0, rate: 0.5 });
    expect(r.recall.petitioned).toBe(0);
    const rule = r.rules.find((x) => x.id === 'group-dispute')!;
    expect(rule).toMatchObject({ fired: 2, firedThenPetition: 1, firedNoPetition: 1, share: 0.5 });
    expect(r.rules.find((x) => x.id === 'wage-arrears')).toMatchObject({ fired: 0, share: null });
  });

  it('leaves out, as undecided, warnings whose 180 days are not over and saw no petition yet', () => {
    const r = runBacktest({
      histories: [group('in-time', ['2018-03-01']), group('waiting', [])],
      ruleSet: DEFAULT_RULE_SET,
      period: { from: '2018-01-01', to: '2018-03-31' },
      asOf: '2018-04-15',
    });
    expect(r.precision).toEqual({ warned: 1, petitionFollowed: 1, undecided: 1, rate: 1 });
  });

  it('empty histories give no rates rather than 0 ÷ 0', () => {
    const r = runBacktest({ histories: [], ruleSet: DEFAULT_RULE_SET, period: YEAR_2018 });
    expect(r.recall).toEqual({ petitioned: 0, warnedBefore: 0, rate: null, medianLeadDays: null });
    expect(r.precision.rate).toBeNull();
  });
});

describe('two rule sets compared', () => {
  it('shows the petitioned cases a draft foresees that the active set missed', () => {
    const draft: RuleSet = {
      ...DEFAULT_RULE_SET,
      name: '草案',
      rules: DEFAULT_RULE_SET.rules.map((r) => (r.id === 'procedure-complaint' ? { ...r, points: 3 } : r)),
    };
    const complaint = history('complaint', { flags: [{ factor: 'PROCEDURE_COMPLAINT', from: '2018-03-01', to: null }], petitionDays: ['2018-05-01'] });
    const group = history('group', { flags: [{ factor: 'GROUP_DISPUTE', from: '2018-03-01', to: null }], petitionDays: ['2018-06-01'] });
    const quiet = history('quiet', { flags: [{ factor: 'PROCEDURE_COMPLAINT', from: '2018-03-01', to: null }] });
    const c = compareBacktests([complaint, group, quiet], DEFAULT_RULE_SET, draft, { from: '2018-01-01', to: '2018-06-30' });
    expect(c.a.recall).toMatchObject({ petitioned: 2, warnedBefore: 1, rate: 0.5, medianLeadDays: 92 });
    expect(c.b.recall).toMatchObject({ petitioned: 2, warnedBefore: 2, rate: 1, medianLeadDays: (61 + 92) / 2 });
    expect(c.a.precision).toMatchObject({ warned: 1, petitionFollowed: 1 });
    expect(c.b.precision).toMatchObject({ warned: 3, petitionFollowed: 2 });
    expect(c.onlyA).toEqual([]);
    expect(c.onlyB).toEqual(['complaint']);
    expect(c.b.ruleSetName).toBe('草案');
  });
});
