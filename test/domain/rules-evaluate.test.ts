import { describe, expect, it } from 'vitest';
import {
  compileRuleSet,
  evaluate,
  levelForScore,
  validateRuleSet,
  type Condition,
  type Facts,
  type LeafCondition,
  type Rule,
  type RuleSet,
  type TraceGroup,
  type TraceLeaf,
} from '../../src/domain/rules/index.ts';

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

function facts(overrides: Partial<Facts> = {}): Facts {
  return { ...BASE, ...overrides };
}

function ruleSet(rules: Rule[], overrides: Partial<RuleSet> = {}): RuleSet {
  const doc: RuleSet = { name: '测试', thresholds: { red: 11, orange: 6, yellow: 3, blue: 1 }, warnAt: 'yellow', rules, ...overrides };
  const checked = validateRuleSet(doc); // every rule set here is a valid document
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  return checked.value;
}

/** Does the condition match these facts? Through the untraced and the traced path, which must agree. */
function matches(when: Condition, overrides: Partial<Facts>): boolean {
  const compiled = compileRuleSet(ruleSet([{ id: 'r', label: '测试', when, points: 1 }]));
  const quick = evaluate(compiled, facts(overrides), { trace: false }).score === 1;
  const traced = evaluate(compiled, facts(overrides)).trace.rules[0]!.matched;
  expect(traced).toBe(quick);
  return quick;
}

const leaf = (fact: LeafCondition['fact'], op: LeafCondition['op'], value: LeafCondition['value']): LeafCondition => ({ fact, op, value });

describe('operators on every fact type they fit', () => {
  // [condition, facts, expected]
  const cases: [LeafCondition, Partial<Facts>, boolean][] = [
    // set: flags
    [leaf('flags', 'has', 'GROUP_DISPUTE'), { flags: ['WAGE_ARREARS', 'GROUP_DISPUTE'] }, true],
    [leaf('flags', 'has', 'GROUP_DISPUTE'), { flags: ['WAGE_ARREARS'] }, false],
    [leaf('flags', 'has', 'GROUP_DISPUTE'), { flags: [] }, false],
    [leaf('flags', 'hasAny', ['GROUP_DISPUTE', 'MEDIA_ATTENTION']), { flags: ['MEDIA_ATTENTION'] }, true],
    [leaf('flags', 'hasAny', ['GROUP_DISPUTE', 'MEDIA_ATTENTION']), { flags: ['WAGE_ARREARS'] }, false],
    [leaf('flags', 'hasAll', ['GROUP_DISPUTE', 'WAGE_ARREARS']), { flags: ['WAGE_ARREARS', 'MEDIA_ATTENTION', 'GROUP_DISPUTE'] }, true],
    [leaf('flags', 'hasAll', ['GROUP_DISPUTE', 'WAGE_ARREARS']), { flags: ['GROUP_DISPUTE'] }, false],
    [leaf('flags', '=', ['GROUP_DISPUTE', 'WAGE_ARREARS']), { flags: ['WAGE_ARREARS', 'GROUP_DISPUTE'] }, true],
    [leaf('flags', '=', ['GROUP_DISPUTE', 'WAGE_ARREARS']), { flags: ['WAGE_ARREARS', 'GROUP_DISPUTE', 'GROUP_DISPUTE'] }, true],
    [leaf('flags', '=', ['GROUP_DISPUTE', 'WAGE_ARREARS']), { flags: ['GROUP_DISPUTE', 'WAGE_ARREARS', 'MEDIA_ATTENTION'] }, false],
    [leaf('flags', '=', ['GROUP_DISPUTE', 'WAGE_ARREARS']), { flags: ['GROUP_DISPUTE'] }, false],
    [leaf('flags', '=', []), { flags: [] }, true],
    [leaf('flags', '=', []), { flags: ['GROUP_DISPUTE'] }, false],
    [leaf('flags', '!=', ['GROUP_DISPUTE']), { flags: ['GROUP_DISPUTE'] }, false],
    [leaf('flags', '!=', ['GROUP_DISPUTE']), { flags: ['GROUP_DISPUTE', 'WAGE_ARREARS'] }, true],
    // string: category, stage
    [leaf('category', '=', 'enforcement'), { category: 'enforcement' }, true],
    [leaf('category', '=', 'enforcement'), { category: 'civil' }, false],
    [leaf('category', '!=', 'enforcement'), { category: 'civil' }, true],
    [leaf('category', '!=', 'enforcement'), { category: 'enforcement' }, false],
    [leaf('stage', 'in', ['trial', 'judgment']), { stage: 'judgment' }, true],
    [leaf('stage', 'in', ['trial', 'judgment']), { stage: 'closed' }, false],
    // integer: partyCount (boundaries either side)
    [leaf('partyCount', '=', 10), { partyCount: 10 }, true],
    [leaf('partyCount', '=', 10), { partyCount: 11 }, false],
    [leaf('partyCount', '!=', 10), { partyCount: 10 }, false],
    [leaf('partyCount', '!=', 10), { partyCount: 9 }, true],
    [leaf('partyCount', '>', 10), { partyCount: 10 }, false],
    [leaf('partyCount', '>', 10), { partyCount: 11 }, true],
    [leaf('partyCount', '>=', 10), { partyCount: 9 }, false],
    [leaf('partyCount', '>=', 10), { partyCount: 10 }, true],
    [leaf('partyCount', '<', 10), { partyCount: 9 }, true],
    [leaf('partyCount', '<', 10), { partyCount: 10 }, false],
    [leaf('partyCount', '<=', 10), { partyCount: 10 }, true],
    [leaf('partyCount', '<=', 10), { partyCount: 11 }, false],
    [leaf('petitions7d', 'in', [2, 3]), { petitions7d: 3 }, true],
    [leaf('petitions7d', 'in', [2, 3]), { petitions7d: 4 }, false],
    // number: amountInDispute
    [leaf('amountInDispute', '=', 1000.5), { amountInDispute: 1000.5 }, true],
    [leaf('amountInDispute', '!=', 1000.5), { amountInDispute: 1000.5 }, false],
    [leaf('amountInDispute', '>', 1000.5), { amountInDispute: 1000.51 }, true],
    [leaf('amountInDispute', '>', 1000.5), { amountInDispute: 1000.5 }, false],
    [leaf('amountInDispute', '>=', 1000.5), { amountInDispute: 1000.5 }, true],
    [leaf('amountInDispute', '<', 1000.5), { amountInDispute: 1000.49 }, true],
    [leaf('amountInDispute', '<=', 1000.5), { amountInDispute: 1000.51 }, false],
    [leaf('amountInDispute', 'in', [0, 1000.5]), { amountInDispute: 0 }, true],
    [leaf('amountInDispute', 'in', [0, 1000.5]), { amountInDispute: 1 }, false],
    // boolean: hasVulnerableParty
    [leaf('hasVulnerableParty', '=', true), { hasVulnerableParty: true }, true],
    [leaf('hasVulnerableParty', '=', true), { hasVulnerableParty: false }, false],
    [leaf('hasVulnerableParty', '!=', true), { hasVulnerableParty: false }, true],
  ];
  for (const [when, given, expected] of cases) {
    it(`${when.fact} ${when.op} ${JSON.stringify(when.value)} on ${JSON.stringify(given)} → ${expected}`, () => {
      expect(matches(when, given)).toBe(expected);
    });
  }

  it('accepts flags as a ReadonlySet and as a long array with the same results', () => {
    const long = Array.from({ length: 20 }, (_, i) => `CODE_${i}`);
    expect(matches(leaf('flags', 'has', 'GROUP_DISPUTE'), { flags: new Set(['GROUP_DISPUTE']) })).toBe(true);
    expect(matches(leaf('flags', '=', ['GROUP_DISPUTE']), { flags: new Set(['GROUP_DISPUTE']) })).toBe(true);
    expect(matches(leaf('flags', 'hasAll', ['CODE_3', 'CODE_19']), { flags: long })).toBe(true);
    expect(matches(leaf('flags', 'has', 'CODE_20'), { flags: long })).toBe(false);
  });
});

describe('nesting', () => {
  const big = leaf('partyCount', '>=', 10);
  const old = leaf('daysPending', '>', 365);
  const angry = leaf('flags', 'has', 'EXTREME_EMOTION');

  it('all, any and not combine as expected', () => {
    expect(matches({ all: [big, old] }, { partyCount: 10, daysPending: 366 })).toBe(true);
    expect(matches({ all: [big, old] }, { partyCount: 10, daysPending: 365 })).toBe(false);
    expect(matches({ any: [big, old] }, { partyCount: 2, daysPending: 366 })).toBe(true);
    expect(matches({ any: [big, old] }, { partyCount: 2, daysPending: 1 })).toBe(false);
    expect(matches({ not: big }, { partyCount: 2 })).toBe(true);
    expect(matches({ not: { not: big } }, { partyCount: 2 })).toBe(false);
    const nested: Condition = { all: [{ any: [big, angry] }, { not: { all: [old, { not: angry }] } }] };
    expect(matches(nested, { flags: ['EXTREME_EMOTION'], daysPending: 400 })).toBe(true);
    expect(matches(nested, { flags: [], partyCount: 12, daysPending: 400 })).toBe(false);
    expect(matches(nested, { flags: [], partyCount: 12, daysPending: 10 })).toBe(true);
  });

  it('evaluates a condition 16 levels deep', () => {
    let when: Condition = big;
    for (let level = 1; level < 16; level++) when = { not: when }; // 15 nots: odd, so negated
    expect(matches(when, { partyCount: 2 })).toBe(true);
    expect(matches(when, { partyCount: 10 })).toBe(false);
  });

  it('traces every leaf, even where evaluation could stop early, with actual values', () => {
    const compiled = compileRuleSet(ruleSet([{ id: 'r', label: '测试', when: { any: [big, { not: angry }] }, points: 1 }]));
    const result = evaluate(compiled, facts({ partyCount: 12, flags: ['EXTREME_EMOTION'] }));
    const condition = result.trace.rules[0]!.condition as TraceGroup;
    expect(condition).toEqual({
      kind: 'any',
      result: true,
      children: [
        { fact: 'partyCount', op: '>=', value: 10, actual: 12, result: true },
        { kind: 'not', result: false, children: [{ fact: 'flags', op: 'has', value: 'EXTREME_EMOTION', actual: ['EXTREME_EMOTION'], result: true }] },
      ],
    });
  });

  it('shows the flags of a Set as a list in the trace', () => {
    const compiled = compileRuleSet(ruleSet([{ id: 'r', label: '测试', when: angry, points: 1 }]));
    const node = evaluate(compiled, facts({ flags: new Set(['EXTREME_EMOTION', 'GROUP_DISPUTE']) })).trace.rules[0]!.condition as TraceLeaf;
    expect(node.actual).toEqual(['EXTREME_EMOTION', 'GROUP_DISPUTE']);
  });
});

describe('score and level', () => {
  const always = leaf('partyCount', '>=', 0);

  it('sums the points of matched rules only', () => {
    const compiled = compileRuleSet(
      ruleSet([
        { id: 'a', label: 'A', when: always, points: 4 },
        { id: 'b', label: 'B', when: leaf('partyCount', '>', 100), points: 50 },
        { id: 'c', label: 'C', when: always, points: 3 },
      ]),
    );
    const result = evaluate(compiled, facts());
    expect(result.score).toBe(7);
    expect(result.trace.rules.map((r) => [r.id, r.matched, r.points])).toEqual([
      ['a', true, 4],
      ['b', false, 0],
      ['c', true, 3],
    ]);
  });

  it('floors the score at 0 when negative points outweigh the rest', () => {
    const compiled = compileRuleSet(
      ruleSet([
        { id: 'plus', label: '加', when: always, points: 2 },
        { id: 'minus', label: '减', when: always, points: -5 },
      ]),
    );
    const result = evaluate(compiled, facts());
    expect(result).toMatchObject({ score: 0, level: 'none', warn: false });
    expect(result.trace.rules.map((r) => r.points)).toEqual([2, -5]);
  });

  it('negative points lower the level but never below a forced one', () => {
    const compiled = compileRuleSet(
      ruleSet([
        { id: 'plus', label: '加', when: always, points: 8 },
        { id: 'minus', label: '减', when: always, points: -6 },
        { id: 'force', label: '强制', when: leaf('petitions7d', '>=', 2), level: 'orange' },
      ]),
    );
    expect(evaluate(compiled, facts())).toMatchObject({ score: 2, level: 'blue', warn: false });
    expect(evaluate(compiled, facts({ petitions7d: 2 }))).toMatchObject({ score: 2, level: 'orange', warn: true });
  });

  it('takes the higher of the score level and the highest forced level', () => {
    const compiled = compileRuleSet(
      ruleSet([
        { id: 'points', label: '分', when: leaf('partyCount', '>=', 10), points: 11 },
        { id: 'yellow', label: '黄', when: leaf('petitions7d', '>=', 1), level: 'yellow' },
        { id: 'orange', label: '橙', when: leaf('petitions7d', '>=', 2), level: 'orange' },
        { id: 'both', label: '二者', when: leaf('daysPending', '>', 0), points: 1, level: 'blue' },
      ]),
    );
    const forcedWins = evaluate(compiled, facts({ petitions7d: 2 }));
    expect(forcedWins).toMatchObject({ score: 0, level: 'orange', warn: true });
    expect(forcedWins.trace).toMatchObject({ scoreLevel: 'none', forcedLevel: 'orange' });
    expect(forcedWins.trace.rules.map((r) => r.level)).toEqual([undefined, 'yellow', 'orange', undefined]);

    const scoreWins = evaluate(compiled, facts({ petitions7d: 1, partyCount: 10 }));
    expect(scoreWins).toMatchObject({ score: 11, level: 'red' });
    expect(scoreWins.trace).toMatchObject({ scoreLevel: 'red', forcedLevel: 'yellow' });

    const both = evaluate(compiled, facts({ daysPending: 1 }));
    expect(both).toMatchObject({ score: 1, level: 'blue', warn: false });
    expect(both.trace.rules[3]).toMatchObject({ matched: true, points: 1, level: 'blue' });
  });

  describe('threshold boundaries with red 11, orange 6, yellow 3, blue 1 and warnAt yellow', () => {
    const expected: [number, string, boolean][] = [
      [0, 'none', false],
      [1, 'blue', false],
      [2, 'blue', false],
      [3, 'yellow', true],
      [5, 'yellow', true],
      [6, 'orange', true],
      [10, 'orange', true],
      [11, 'red', true],
    ];
    for (const [score, level, warn] of expected) {
      it(`score ${score} → ${level}${warn ? ', warning' : ', no warning'}`, () => {
        const compiled = compileRuleSet(ruleSet([{ id: 'all', label: '全部', when: always, points: score }]));
        const result = evaluate(compiled, facts());
        expect(result).toMatchObject({ score, level, warn });
        expect(result.trace).toMatchObject({ scoreLevel: level, forcedLevel: 'none', thresholds: { red: 11, orange: 6, yellow: 3, blue: 1 }, warnAt: 'yellow' });
        expect(levelForScore(score, { red: 11, orange: 6, yellow: 3, blue: 1 })).toBe(level);
      });
    }
  });

  it('warns from warnAt upwards', () => {
    const rules = [{ id: 'four', label: '四', when: always, points: 4 }];
    expect(evaluate(compileRuleSet(ruleSet(rules, { warnAt: 'orange' })), facts()).warn).toBe(false);
    expect(evaluate(compileRuleSet(ruleSet(rules, { warnAt: 'yellow' })), facts()).warn).toBe(true);
    expect(evaluate(compileRuleSet(ruleSet(rules, { warnAt: 'blue' })), facts()).warn).toBe(true);
  });

  it('gives the same score and level without the trace, and no trace', () => {
    const compiled = compileRuleSet(ruleSet([{ id: 'a', label: 'A', when: leaf('flags', 'has', 'GROUP_DISPUTE'), points: 5 }]));
    const given = facts({ flags: ['GROUP_DISPUTE'] });
    const quick = evaluate(compiled, given, { trace: false });
    expect(quick).toEqual({ score: 5, level: 'yellow', warn: true, trace: null });
    expect(evaluate(compiled, given, { trace: true })).toMatchObject({ score: 5, level: 'yellow', warn: true });
  });

  it('an empty rule set scores 0', () => {
    expect(evaluate(compileRuleSet(ruleSet([])), facts())).toMatchObject({ score: 0, level: 'none', warn: false, trace: { rules: [] } });
  });

  it('keeps labels in the trace, the English one only when given', () => {
    const compiled = compileRuleSet(
      ruleSet([
        { id: 'a', label: '甲', labelEn: 'A', when: always, points: 1 },
        { id: 'b', label: '乙', when: always, points: 1 },
      ]),
    );
    const [a, b] = evaluate(compiled, facts()).trace.rules;
    expect([a!.label, a!.labelEn, b!.label, b!.labelEn]).toEqual(['甲', 'A', '乙', undefined]);
  });
});
