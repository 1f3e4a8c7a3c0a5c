import { describe, expect, it } from 'vitest';
import {
  compileRuleSet,
  DEFAULT_FACTORS,
  DEFAULT_RULE_SET,
  evaluate,
  validateRuleSet,
  type Facts,
} from '../../src/domain/rules/index.ts';

const compiled = compileRuleSet(DEFAULT_RULE_SET);

const BASE: Facts = {
  flags: [],
  category: 'civil',
  stage: 'trial',
  partyCount: 2,
  amountInDispute: 0,
  daysPending: 0,
  petitions12m: 0,
  petitions7d: 0,
  hasVulnerableParty: false,
};

function run(overrides: Partial<Facts>) {
  return evaluate(compiled, { ...BASE, ...overrides });
}

function matchedIds(overrides: Partial<Facts>): string[] {
  return run(overrides).trace.rules.filter((r) => r.matched).map((r) => r.id);
}

describe('the default rule set', () => {
  it('is a valid rule set named 默认规则 with the default thresholds', () => {
    expect(validateRuleSet(DEFAULT_RULE_SET).ok).toBe(true);
    expect(DEFAULT_RULE_SET).toMatchObject({ name: '默认规则', thresholds: { red: 11, orange: 6, yellow: 3, blue: 1 }, warnAt: 'yellow' });
    expect(DEFAULT_RULE_SET.rules).toHaveLength(16 + 7);
  });

  it('has one rule per factor of domain.md §4, with its default points; THREAT_EXTREME forces red', () => {
    const expected: Record<string, number | 'red'> = {
      GROUP_DISPUTE: 5,
      ILLEGAL_FUNDRAISING: 5,
      WAGE_ARREARS: 4,
      LAND_REQUISITION: 4,
      THREAT_EXTREME: 'red',
      THREAT_PETITION: 3,
      PRIOR_PETITION: 3,
      MEDIA_ATTENTION: 3,
      DEATH_OR_SERIOUS_INJURY: 3,
      EXTREME_EMOTION: 2,
      VULNERABLE_PARTY: 2,
      ECONOMIC_HARDSHIP: 2,
      ENFORCEMENT_IMPOSSIBLE: 2,
      PROCEDURE_COMPLAINT: 2,
      COMPLEX_OR_NEW_TYPE: 2,
      UNREALISTIC_DEMAND: 1,
    };
    expect(DEFAULT_FACTORS.map((f) => f.code)).toEqual(Object.keys(expected));
    for (const [code, effect] of Object.entries(expected)) {
      const rule = DEFAULT_RULE_SET.rules.find((r) => 'fact' in r.when && r.when.fact === 'flags' && r.when.value === code);
      expect(rule?.when).toEqual({ fact: 'flags', op: 'has', value: code });
      expect([rule?.points, rule?.level]).toEqual(effect === 'red' ? [undefined, 'red'] : [effect, undefined]);
      const result = run({ flags: [code] });
      expect(result.score).toBe(effect === 'red' ? 0 : effect);
      if (effect === 'red') expect(result.level).toBe('red');
    }
  });

  it('uses the Chinese labels of §4 and has English labels for every rule', () => {
    const labels = Object.fromEntries(DEFAULT_RULE_SET.rules.map((r) => [r.id, r.label]));
    expect(labels).toMatchObject({
      'group-dispute': '群体性纠纷',
      'wage-arrears': '拖欠劳动报酬（农民工工资）',
      'threat-extreme': '扬言自杀、自伤或其他极端行为',
      'parties-10': '当事人十人以上',
      'parties-100': '当事人百人以上',
      'pending-180': '审理超过半年',
      'pending-365': '审理超过一年',
    });
    for (const rule of DEFAULT_RULE_SET.rules) expect(rule.labelEn).toMatch(/^[A-Z0-9]/);
  });

  describe('the worked examples of domain.md §6', () => {
    it('（2024）甘0102民初1234号: 36 migrant workers owed ¥860k → 5+4+3+2 = 14, red', () => {
      // Filed recently (30 days): no time-pending points; ¥860,000 is under the ¥1,000,000 rule.
      const result = run({
        flags: ['GROUP_DISPUTE', 'WAGE_ARREARS', 'THREAT_PETITION'],
        partyCount: 36,
        amountInDispute: 860_000,
        daysPending: 30,
      });
      expect(result).toMatchObject({ score: 14, level: 'red', warn: true });
      expect(result.trace.rules.filter((r) => r.matched).map((r) => [r.id, r.points])).toEqual([
        ['group-dispute', 5],
        ['wage-arrears', 4],
        ['threat-petition', 3],
        ['parties-10', 2],
      ]);
    });

    it('（2024）甘0102执3456号: disabled creditor, debtor has nothing → 2+2+2+3 = 9, orange', () => {
      const result = run({
        flags: ['ENFORCEMENT_IMPOSSIBLE', 'VULNERABLE_PARTY', 'ECONOMIC_HARDSHIP', 'DEATH_OR_SERIOUS_INJURY'],
        category: 'enforcement',
        stage: 'enforcement',
        partyCount: 2,
        daysPending: 90,
        hasVulnerableParty: true,
      });
      expect(result).toMatchObject({ score: 9, level: 'orange', warn: true });
    });

    it('（2023）甘0103民初5678号: divorce, party threatens suicide → 0, red (forced)', () => {
      const result = run({ flags: ['THREAT_EXTREME'], partyCount: 2, daysPending: 20 });
      expect(result).toMatchObject({ score: 0, level: 'red', warn: true });
      expect(result.trace).toMatchObject({ scoreLevel: 'none', forcedLevel: 'red' });
    });

    it('（2024）甘0105民初910号: property-fee claim, 40 days pending → 0, none, no warning', () => {
      const result = run({ flags: [], partyCount: 2, daysPending: 40, amountInDispute: 3_600 });
      expect(result).toMatchObject({ score: 0, level: 'none', warn: false });
      expect(result.trace.rules.every((r) => !r.matched)).toBe(true);
    });
  });

  describe('the fact rules', () => {
    it('partyCount ≥ 100 forces red; ≥ 10 adds 2', () => {
      expect(matchedIds({ partyCount: 9 })).toEqual([]);
      expect(matchedIds({ partyCount: 10 })).toEqual(['parties-10']);
      expect(run({ partyCount: 99 })).toMatchObject({ score: 2, level: 'blue' });
      expect(run({ partyCount: 100 })).toMatchObject({ score: 2, level: 'red', warn: true });
    });

    it('daysPending > 180 adds 1, > 365 adds 2 more', () => {
      expect(run({ daysPending: 180 }).score).toBe(0);
      expect(run({ daysPending: 181 }).score).toBe(1);
      expect(run({ daysPending: 365 }).score).toBe(1);
      expect(run({ daysPending: 366 })).toMatchObject({ score: 3, level: 'yellow', warn: true });
      expect(matchedIds({ daysPending: 366 })).toEqual(['pending-180', 'pending-365']);
    });

    it('petitions12m ≥ 2 adds 3; petitions7d ≥ 2 forces orange', () => {
      expect(run({ petitions12m: 1 }).score).toBe(0);
      expect(run({ petitions12m: 2 })).toMatchObject({ score: 3, level: 'yellow' });
      expect(run({ petitions7d: 1 }).level).toBe('none');
      expect(run({ petitions7d: 2, petitions12m: 2 })).toMatchObject({ score: 3, level: 'orange' });
    });

    it('amountInDispute ≥ 1,000,000 adds 1', () => {
      expect(run({ amountInDispute: 999_999.99 }).score).toBe(0);
      expect(run({ amountInDispute: 1_000_000 })).toMatchObject({ score: 1, level: 'blue', warn: false });
    });
  });
});
