import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { caseFacts, daysPending } from '../../src/domain/case-facts.ts';
import { daysPendingBoundaries, factsRead, petitionWindowDaysBack } from '../../src/domain/rules/boundaries.ts';
import { diffRuleSets, isEmptyDiff } from '../../src/domain/rules/diff.ts';
import { DEFAULT_RULE_SET, type RuleSet } from '../../src/domain/rules/index.ts';

describe('caseFacts', () => {
  const input = {
    category: 'civil' as const,
    stage: 'trial' as const,
    partyCount: 36,
    amountInDispute: 860000,
    filedOn: '2026-01-01',
    closedOn: null,
    activeFactors: ['WAGE_ARREARS', 'GROUP_DISPUTE'],
    hasVulnerableParty: true,
    petitions12m: 0,
    petitions7d: 0,
  };

  it('counts days pending in Shanghai days to today, or to closing once closed, never negative', () => {
    expect(daysPending('2026-01-01', null, '2026-11-28')).toBe(331);
    expect(daysPending('2026-01-01', '2026-03-01', '2026-11-28')).toBe(59);
    expect(daysPending('2026-12-01', null, '2026-11-28')).toBe(0);
  });

  it('gathers the facts rules read, flags sorted', () => {
    expect(caseFacts(input, '2026-11-28')).toEqual({
      flags: ['GROUP_DISPUTE', 'WAGE_ARREARS'],
      category: 'civil',
      stage: 'trial',
      partyCount: 36,
      amountInDispute: 860000,
      daysPending: 331,
      petitions12m: 0,
      petitions7d: 0,
      hasVulnerableParty: true,
    });
  });
});

describe('daysPendingBoundaries', () => {
  it('lists the day counts at which the default rules can change their result', () => {
    expect(daysPendingBoundaries(DEFAULT_RULE_SET)).toEqual([180, 181, 365, 366]);
  });

  it('looks inside nested conditions and lists', () => {
    const rs: RuleSet = {
      ...DEFAULT_RULE_SET,
      rules: [
        { id: 'a', label: 'a', when: { all: [{ not: { fact: 'daysPending', op: '<=', value: 30 } }, { fact: 'partyCount', op: '>', value: 3 }] }, points: 1 },
        { id: 'b', label: 'b', when: { fact: 'daysPending', op: 'in', value: [7, 14] }, points: 1 },
      ],
    };
    expect(daysPendingBoundaries(rs)).toEqual([7, 8, 14, 15, 30, 31]);
  });
});

describe('diffRuleSets', () => {
  it('finds added, removed and changed rules and changed thresholds', () => {
    const next: RuleSet = {
      ...DEFAULT_RULE_SET,
      thresholds: { ...DEFAULT_RULE_SET.thresholds, red: 12 },
      rules: [
        ...DEFAULT_RULE_SET.rules.filter((r) => r.id !== 'amount-1m').map((r) => (r.id === 'group-dispute' ? { ...r, points: 6 } : r)),
        { id: 'new-one', label: '新规则', when: { fact: 'petitions7d', op: '>=', value: 1 }, points: 1 },
      ],
    };
    const d = diffRuleSets(DEFAULT_RULE_SET, next);
    expect(d.added.map((r) => r.id)).toEqual(['new-one']);
    expect(d.removed.map((r) => r.id)).toEqual(['amount-1m']);
    expect(d.changed).toEqual([expect.objectContaining({ id: 'group-dispute', fields: ['points'] })]);
    expect(d.thresholds?.to.red).toBe(12);
    expect(d.warnAt).toBeNull();
    expect(isEmptyDiff(diffRuleSets(DEFAULT_RULE_SET, structuredClone(DEFAULT_RULE_SET)))).toBe(true);
  });
});

describe('migration 0002', () => {
  it('installs exactly the default rule set of the code, active, version 1', async () => {
    const row = await env.DB.prepare("SELECT version, status, document FROM rule_sets WHERE status = 'active'").first<{
      version: number;
      status: string;
      document: string;
    }>();
    expect(row?.version).toBe(1);
    expect(JSON.parse(row!.document)).toEqual(JSON.parse(JSON.stringify(DEFAULT_RULE_SET)));
  });
});

describe('petitionWindowDaysBack', () => {
  it('the default rules read both petition windows: a petition changes the facts 7 and 365 days after it was received', () => {
    expect(petitionWindowDaysBack(DEFAULT_RULE_SET)).toEqual([7, 365]);
    expect(factsRead(DEFAULT_RULE_SET)).toEqual(new Set(['flags', 'partyCount', 'daysPending', 'petitions12m', 'petitions7d', 'amountInDispute']));
  });

  it('a set that reads neither window needs no daily re-score for petitions; one that reads a nested one does', () => {
    const rs = (when: RuleSet['rules'][number]['when']): RuleSet => ({ ...DEFAULT_RULE_SET, rules: [{ id: 'x', label: 'x', when, points: 1 }] });
    expect(petitionWindowDaysBack(rs({ fact: 'partyCount', op: '>', value: 3 }))).toEqual([]);
    expect(petitionWindowDaysBack(rs({ any: [{ not: { fact: 'petitions12m', op: '>=', value: 3 } }] }))).toEqual([365]);
  });
});
