import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RULE_SET,
  FACT_TYPES,
  MAX_DEPTH,
  MAX_LEAVES,
  MAX_RULES,
  OPERATORS,
  RuleSetSchema,
  validateRuleSet,
  valueKindFor,
  type FactName,
  type FactType,
  type RuleSetIssue,
} from '../../src/domain/rules/index.ts';

function ruleSet(rules: unknown[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: '测试规则', thresholds: { red: 11, orange: 6, yellow: 3, blue: 1 }, warnAt: 'yellow', rules, ...overrides };
}

function rule(when: unknown, extra: Record<string, unknown> = { points: 1 }, id = 'r1'): Record<string, unknown> {
  return { id, label: '测试', when, ...extra };
}

function issuesOf(doc: unknown): RuleSetIssue[] {
  const result = validateRuleSet(doc);
  if (result.ok) throw new Error('expected the rule set to be refused');
  return result.issues;
}

function expectValid(doc: unknown): void {
  const result = validateRuleSet(doc);
  expect(result.ok ? [] : result.issues).toEqual([]);
}

/** One fact of each type, with a value of that type and a list of them. */
const SAMPLES: Record<FactType, { fact: FactName; one: unknown; list: unknown[] }> = {
  set: { fact: 'flags', one: 'GROUP_DISPUTE', list: ['GROUP_DISPUTE', 'WAGE_ARREARS'] },
  string: { fact: 'category', one: 'civil', list: ['civil', 'enforcement'] },
  integer: { fact: 'partyCount', one: 10, list: [2, 3] },
  number: { fact: 'amountInDispute', one: 1000.5, list: [1, 2.5] },
  boolean: { fact: 'hasVulnerableParty', one: true, list: [true] },
};

/** A value that fits an operator on a fact type. */
function fittingValue(op: string, type: FactType): unknown {
  const sample = SAMPLES[type];
  if (op === 'has') return sample.one;
  if (op === 'hasAny' || op === 'hasAll' || op === 'in') return sample.list;
  if ((op === '=' || op === '!=') && type === 'set') return sample.list;
  return sample.one;
}

describe('the rule-set schema', () => {
  it('accepts the default rule set and the example of domain.md §6', () => {
    expectValid(DEFAULT_RULE_SET);
    expectValid({
      name: '默认规则',
      thresholds: { red: 11, orange: 6, yellow: 3, blue: 1 },
      warnAt: 'yellow',
      rules: [
        { id: 'group', label: '群体性纠纷', when: { fact: 'flags', op: 'has', value: 'GROUP_DISPUTE' }, points: 5 },
        { id: 'mass', label: '当事人百人以上', when: { fact: 'partyCount', op: '>=', value: 100 }, level: 'red' },
        {
          id: 'aged-with-emotion',
          label: '久拖且情绪激烈',
          when: {
            all: [
              { fact: 'daysPending', op: '>', value: 365 },
              { fact: 'flags', op: 'has', value: 'EXTREME_EMOTION' },
            ],
          },
          points: 1,
        },
      ],
    });
  });

  it('is a zod schema whose custom issues carry catalog keys and params', () => {
    const parsed = RuleSetSchema.safeParse(ruleSet([rule({ fact: 'mood', op: '=', value: 'x' }, { points: 1 }, 'mood')]));
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues[0]!;
    expect(issue.message).toBe('rules.error.unknownFact');
    expect(issue.path).toEqual(['rules', 0, 'when', 'fact']);
    expect((issue as { params?: unknown }).params).toEqual({ ruleId: 'mood', fact: 'mood' });
  });

  describe('operators and fact types', () => {
    for (const op of OPERATORS) {
      for (const type of Object.keys(SAMPLES) as FactType[]) {
        const fact = SAMPLES[type].fact;
        expect(FACT_TYPES[fact]).toBe(type);
        if (valueKindFor(op, type) !== null) {
          it(`accepts ${op} on a ${type} fact (${fact})`, () => {
            expectValid(ruleSet([rule({ fact, op, value: fittingValue(op, type) })]));
          });
        } else {
          it(`refuses ${op} on a ${type} fact (${fact})`, () => {
            const doc = ruleSet([rule({ all: [{ fact: 'partyCount', op: '>', value: 1 }, { fact, op, value: SAMPLES[type].one }] })]);
            expect(issuesOf(doc)).toEqual([
              { path: ['rules', 0, 'when', 'all', 1, 'op'], key: 'rules.error.operatorMismatch', params: { ruleId: 'r1', fact, op } },
            ]);
          });
        }
      }
    }

    it('fits operators to types as domain.md §6 says', () => {
      const fits = (op: (typeof OPERATORS)[number]) =>
        (Object.keys(SAMPLES) as FactType[]).filter((type) => valueKindFor(op, type) !== null);
      expect(fits('has')).toEqual(['set']);
      expect(fits('hasAny')).toEqual(['set']);
      expect(fits('hasAll')).toEqual(['set']);
      expect(fits('=')).toEqual(['set', 'string', 'integer', 'number', 'boolean']);
      expect(fits('!=')).toEqual(['set', 'string', 'integer', 'number', 'boolean']);
      for (const op of ['>', '>=', '<', '<='] as const) expect(fits(op)).toEqual(['integer', 'number']);
      expect(fits('in')).toEqual(['string', 'integer', 'number']);
    });

    it('refuses an unknown operator and an unknown fact with the path of the bad part', () => {
      const doc = ruleSet([
        rule({ fact: 'partyCount', op: 'contains', value: 1 }, { points: 1 }, 'a'),
        rule({ any: [{ fact: 'partyCount', op: '>', value: 1 }, { not: { fact: 'mood', op: '=', value: 'angry' } }] }, { points: 1 }, 'b'),
      ]);
      expect(issuesOf(doc)).toEqual([
        { path: ['rules', 0, 'when', 'op'], key: 'rules.error.unknownOperator', params: { ruleId: 'a', op: 'contains' } },
        { path: ['rules', 1, 'when', 'any', 1, 'not', 'fact'], key: 'rules.error.unknownFact', params: { ruleId: 'b', fact: 'mood' } },
      ]);
    });

    it('reports every bad rule of a set, not just the first', () => {
      const doc = ruleSet([
        rule({ fact: 'flags', op: '>', value: 1 }, { points: 1 }, 'a'),
        rule({ fact: 'partyCount', op: '>=', value: 10 }, { points: 1 }, 'fine'),
        rule({ fact: 'stage', op: 'has', value: 'trial' }, { points: 1 }, 'c'),
      ]);
      expect(issuesOf(doc).map((i) => [i.params.ruleId, i.key])).toEqual([
        ['a', 'rules.error.operatorMismatch'],
        ['c', 'rules.error.operatorMismatch'],
      ]);
    });
  });

  describe('values of the wrong type', () => {
    const cases: [string, unknown, string, (string | number)[]][] = [
      ['has with a number', { fact: 'flags', op: 'has', value: 5 }, 'rules.error.valueType.string', ['value']],
      ['hasAny with a string', { fact: 'flags', op: 'hasAny', value: 'GROUP_DISPUTE' }, 'rules.error.valueType.stringList', ['value']],
      ['hasAll with a number in the list', { fact: 'flags', op: 'hasAll', value: ['GROUP_DISPUTE', 3] }, 'rules.error.valueType.stringList', ['value', 1]],
      ['= on flags with a string', { fact: 'flags', op: '=', value: 'GROUP_DISPUTE' }, 'rules.error.valueType.stringList', ['value']],
      ['= on a string fact with a number', { fact: 'stage', op: '=', value: 1 }, 'rules.error.valueType.string', ['value']],
      ['> on an integer fact with a fraction', { fact: 'partyCount', op: '>', value: 1.5 }, 'rules.error.valueType.integer', ['value']],
      ['>= on an integer fact with a numeric string', { fact: 'daysPending', op: '>=', value: '180' }, 'rules.error.valueType.integer', ['value']],
      ['< on a number fact with a string', { fact: 'amountInDispute', op: '<', value: '1000' }, 'rules.error.valueType.number', ['value']],
      ['= on a boolean fact with a string', { fact: 'hasVulnerableParty', op: '=', value: 'true' }, 'rules.error.valueType.boolean', ['value']],
      ['in on a string fact with a string', { fact: 'category', op: 'in', value: 'civil' }, 'rules.error.valueType.stringList', ['value']],
      ['in on an integer fact with a fraction', { fact: 'petitions12m', op: 'in', value: [1, 2.5] }, 'rules.error.valueType.integerList', ['value', 1]],
      ['in on a number fact with a string', { fact: 'amountInDispute', op: 'in', value: ['x'] }, 'rules.error.valueType.numberList', ['value', 0]],
      ['a leaf without a value', { fact: 'partyCount', op: '>' }, 'rules.error.valueType.integer', ['value']],
    ];
    for (const [name, when, key, tail] of cases) {
      it(`refuses ${name}`, () => {
        const doc = ruleSet([rule({ all: [when] }, { points: 1 }, 'typed')]);
        const [issue, ...rest] = issuesOf(doc);
        expect(rest).toEqual([]);
        expect(issue).toMatchObject({ path: ['rules', 0, 'when', 'all', 0, ...tail], key, params: { ruleId: 'typed' } });
      });
    }

    it('refuses empty lists where they can never be meant, and accepts flags = []', () => {
      expect(issuesOf(ruleSet([rule({ fact: 'flags', op: 'hasAny', value: [] })]))[0]).toMatchObject({
        path: ['rules', 0, 'when', 'value'],
        key: 'rules.error.emptyList',
      });
      expect(issuesOf(ruleSet([rule({ fact: 'category', op: 'in', value: [] })]))[0]!.key).toBe('rules.error.emptyList');
      expectValid(ruleSet([rule({ fact: 'flags', op: '=', value: [] })]));
    });

    it('refuses unknown category and stage values and malformed factor codes', () => {
      expect(issuesOf(ruleSet([rule({ fact: 'category', op: 'in', value: ['civil', 'civl'] })]))).toEqual([
        {
          path: ['rules', 0, 'when', 'value', 1],
          key: 'rules.error.unknownValue',
          params: { ruleId: 'r1', fact: 'category', value: 'civl', allowed: 'civil, criminal, administrative, enforcement, assistance, compensation' },
        },
      ]);
      expect(issuesOf(ruleSet([rule({ fact: 'stage', op: '=', value: 'appeal' })]))[0]!.key).toBe('rules.error.unknownValue');
      expect(issuesOf(ruleSet([rule({ fact: 'flags', op: 'has', value: 'group_dispute' })]))).toEqual([
        { path: ['rules', 0, 'when', 'value'], key: 'rules.error.factorCode', params: { ruleId: 'r1', value: 'group_dispute' } },
      ]);
    });
  });

  describe('condition shape', () => {
    it('accepts nesting of all, any and not', () => {
      expectValid(
        ruleSet([
          rule({
            all: [
              { any: [{ fact: 'flags', op: 'has', value: 'GROUP_DISPUTE' }, { not: { fact: 'stage', op: 'in', value: ['closed'] } }] },
              { not: { all: [{ fact: 'partyCount', op: '<', value: 3 }, { fact: 'hasVulnerableParty', op: '=', value: false }] } },
            ],
          }),
        ]),
      );
    });

    it('refuses a node that is both a leaf and a group, or neither', () => {
      const doc = ruleSet([
        rule({ fact: 'partyCount', op: '>', value: 1, not: { fact: 'partyCount', op: '>', value: 5 } }, { points: 1 }, 'both'),
        rule({ all: [{}] }, { points: 1 }, 'empty'),
      ]);
      expect(issuesOf(doc)).toEqual([
        { path: ['rules', 0, 'when'], key: 'rules.error.conditionShape', params: { ruleId: 'both' } },
        { path: ['rules', 1, 'when', 'all', 0], key: 'rules.error.conditionShape', params: { ruleId: 'empty' } },
      ]);
    });

    it('refuses empty groups, missing parts and unknown keys at their paths', () => {
      const doc = ruleSet([
        rule({ any: [] }, { points: 1 }, 'a'),
        rule({ fact: 'partyCount', value: 1 }, { points: 1 }, 'b'),
        rule({ fact: 'partyCount', op: '>', value: 1, note: 'x' }, { points: 1 }, 'c'),
      ]);
      const issues = issuesOf(doc);
      expect(issues).toContainEqual(expect.objectContaining({ path: ['rules', 0, 'when', 'any'], key: 'rules.error.emptyGroup', params: expect.objectContaining({ ruleId: 'a' }) }));
      expect(issues).toContainEqual({ path: ['rules', 1, 'when', 'op'], key: 'rules.error.missingOperator', params: { ruleId: 'b' } });
      expect(issues).toContainEqual(expect.objectContaining({ path: ['rules', 2, 'when'], params: expect.objectContaining({ ruleId: 'c', keys: 'note' }) }));
    });

    it('reports a structural problem inside a nested condition at its own path', () => {
      const doc = ruleSet([rule({ all: [{ fact: 'partyCount', op: '>', value: 1 }, { not: { fact: 7, op: '>', value: 1 } }] }, { points: 1 }, 'deep')]);
      expect(issuesOf(doc)).toEqual([
        expect.objectContaining({ path: ['rules', 0, 'when', 'all', 1, 'not', 'fact'], params: expect.objectContaining({ ruleId: 'deep' }) }),
      ]);
    });
  });

  describe('bounds', () => {
    function notChain(depth: number): unknown {
      let node: unknown = { fact: 'partyCount', op: '>', value: 1 };
      for (let level = 1; level < depth; level++) node = { not: node };
      return node;
    }
    function allChain(depth: number): unknown {
      let node: unknown = { fact: 'partyCount', op: '>', value: 1 };
      for (let level = 1; level < depth; level++) node = { all: [{ fact: 'daysPending', op: '>', value: 1 }, node] };
      return node;
    }

    it(`accepts ${MAX_DEPTH} levels of nesting and refuses ${MAX_DEPTH + 1}`, () => {
      expect(MAX_DEPTH).toBe(16);
      expectValid(ruleSet([rule(notChain(16))]));
      expectValid(ruleSet([rule(allChain(16))]));
      const issues = issuesOf(ruleSet([rule(notChain(17), { points: 1 }, 'too-deep')]));
      expect(issues).toEqual([
        { path: ['rules', 0, 'when', ...Array<string>(16).fill('not')], key: 'rules.error.tooDeep', params: { ruleId: 'too-deep', max: 16 } },
      ]);
      const mixed = issuesOf(ruleSet([rule(allChain(17), { points: 1 }, 'too-deep')]));
      expect(mixed).toHaveLength(1);
      expect(mixed[0]!.key).toBe('rules.error.tooDeep');
      // The innermost group sits at level 16; its first child is the first node at level 17.
      expect(mixed[0]!.path).toEqual(['rules', 0, 'when', ...Array.from({ length: 15 }, () => ['all', 1]).flat(), 'all', 0]);
    });

    it('refuses a hostile nesting thousands deep without overflowing the stack', () => {
      const issues = issuesOf(ruleSet([rule(notChain(20_000), { points: 1 }, 'hostile')]));
      expect(issues.map((i) => i.key)).toEqual(['rules.error.tooDeep']);
    });

    it(`accepts ${MAX_LEAVES} leaves in a rule and refuses ${MAX_LEAVES + 1}`, () => {
      expect(MAX_LEAVES).toBe(200);
      const leaves = (n: number) => Array.from({ length: n }, (_, i) => ({ fact: 'partyCount', op: '=', value: i }));
      expectValid(ruleSet([rule({ any: leaves(200) })]));
      expectValid(ruleSet([rule({ all: [{ any: leaves(100) }, { not: { any: leaves(100) } }] })]));
      expect(issuesOf(ruleSet([rule({ all: [{ any: leaves(100) }, { any: leaves(101) }] }, { points: 1 }, 'wide')]))).toEqual([
        { path: ['rules', 0, 'when'], key: 'rules.error.tooManyLeaves', params: { ruleId: 'wide', max: 200, count: 201 } },
      ]);
    });

    it(`accepts ${MAX_RULES} rules and refuses ${MAX_RULES + 1}`, () => {
      const rules = (n: number) => Array.from({ length: n }, (_, i) => rule({ fact: 'partyCount', op: '>=', value: i }, { points: 1 }, `r${i}`));
      expectValid(ruleSet(rules(500)));
      expect(issuesOf(ruleSet(rules(501)))).toEqual([{ path: ['rules'], key: 'rules.error.tooManyRules', params: { max: 500 } }]);
    });
  });

  describe('rules', () => {
    it('refuses duplicate ids, naming the rule that used the id first', () => {
      const doc = ruleSet([
        rule({ fact: 'partyCount', op: '>', value: 1 }, { points: 1 }, 'same'),
        rule({ fact: 'partyCount', op: '>', value: 2 }, { points: 1 }, 'other'),
        rule({ fact: 'partyCount', op: '>', value: 3 }, { points: 1 }, 'same'),
      ]);
      expect(issuesOf(doc)).toEqual([{ path: ['rules', 2, 'id'], key: 'rules.error.duplicateId', params: { ruleId: 'same', first: 1 } }]);
    });

    it('refuses a rule with neither points nor level; accepts either or both', () => {
      const when = { fact: 'partyCount', op: '>', value: 1 };
      expect(issuesOf(ruleSet([rule(when, {}, 'idle')]))).toEqual([{ path: ['rules', 0], key: 'rules.error.noEffect', params: { ruleId: 'idle' } }]);
      expectValid(ruleSet([rule(when, { points: -3 })]));
      expectValid(ruleSet([rule(when, { level: 'orange' })]));
      expectValid(ruleSet([rule(when, { points: 2, level: 'red' })]));
    });

    it('bounds points to integers from -100 to 100 and levels to blue..red', () => {
      const when = { fact: 'partyCount', op: '>', value: 1 };
      expectValid(ruleSet([rule(when, { points: 100 }, 'a'), rule(when, { points: -100 }, 'b')]));
      for (const points of [101, -101, 1.5, '3']) {
        const [issue] = issuesOf(ruleSet([rule(when, { points }, 'p')]));
        expect(issue).toMatchObject({ path: ['rules', 0, 'points'], key: 'rules.error.pointsRange', params: { ruleId: 'p' } });
      }
      const [issue] = issuesOf(ruleSet([rule(when, { level: 'none' }, 'l')]));
      expect(issue).toMatchObject({ path: ['rules', 0, 'level'], key: 'rules.error.levelValue', params: { ruleId: 'l' } });
    });

    it('checks the id format and carries a readable id, or the rule position when there is none', () => {
      const when = { fact: 'partyCount', op: '>', value: 1 };
      for (const id of ['Group', '-lead', 'a b', 'x'.repeat(65), '']) {
        const [issue] = issuesOf(ruleSet([{ id, label: 'x', when, points: 1 }]));
        expect(issue).toMatchObject({ path: ['rules', 0, 'id'], key: 'rules.error.idFormat' });
      }
      expectValid(ruleSet([{ id: 'x'.repeat(64), label: 'x', when, points: 1 }, { id: '0_a-b', label: 'x', when, points: 1 }]));
      const issues = issuesOf(ruleSet([rule(when), { label: 'x', when: { fact: 'mood', op: '=', value: 1 }, points: 1 }]));
      // A missing field is zod's own issue (keyed by the global error map); it still names the rule.
      expect(issues).toContainEqual(expect.objectContaining({ path: ['rules', 1, 'id'], params: { ruleId: '#2' } }));
      expect(issues).toContainEqual({ path: ['rules', 1, 'when', 'fact'], key: 'rules.error.unknownFact', params: { ruleId: '#2', fact: 'mood' } });
    });

    it('needs a Chinese label; the English label is optional', () => {
      const when = { fact: 'partyCount', op: '>', value: 1 };
      expectValid(ruleSet([{ id: 'a', label: '甲', labelEn: 'A', when, points: 1 }]));
      const [issue] = issuesOf(ruleSet([{ id: 'a', label: '', when, points: 1 }]));
      expect(issue).toMatchObject({ path: ['rules', 0, 'label'], key: 'rules.error.label', params: { ruleId: 'a' } });
    });
  });

  describe('thresholds and warnAt', () => {
    it('needs strictly descending non-negative integers', () => {
      expectValid(ruleSet([], { thresholds: { red: 3, orange: 2, yellow: 1, blue: 0 } }));
      expect(issuesOf(ruleSet([], { thresholds: { red: 11, orange: 11, yellow: 3, blue: 1 } }))).toEqual([
        {
          path: ['thresholds', 'orange'],
          key: 'rules.error.thresholdOrder',
          params: { level: 'orange', above: 'red', value: 11, aboveValue: 11 },
        },
      ]);
      expect(issuesOf(ruleSet([], { thresholds: { red: 11, orange: 6, yellow: 1, blue: 3 } }))[0]!.path).toEqual(['thresholds', 'blue']);
      expect(issuesOf(ruleSet([], { thresholds: { red: 11, orange: 6, yellow: 3, blue: -1 } }))[0]).toMatchObject({
        path: ['thresholds', 'blue'],
        key: 'rules.error.thresholdValue',
      });
      expect(issuesOf(ruleSet([], { thresholds: { red: 11.5, orange: 6, yellow: 3, blue: 1 } }))[0]).toMatchObject({
        path: ['thresholds', 'red'],
        key: 'rules.error.thresholdValue',
      });
      const [missing] = issuesOf(ruleSet([], { thresholds: { red: 11, orange: 6, yellow: 3 } }));
      expect(missing!.path).toEqual(['thresholds', 'blue']);
      expect(missing!.key).not.toBe('rules.error.thresholdValue'); // "required", not "wrong value"
    });

    it('warns at blue..red, never at none', () => {
      for (const warnAt of ['blue', 'yellow', 'orange', 'red']) expectValid(ruleSet([], { warnAt }));
      expect(issuesOf(ruleSet([], { warnAt: 'none' }))[0]).toMatchObject({ path: ['warnAt'], key: 'rules.error.warnAt' });
    });

    it('refuses what is not a rule set at all', () => {
      expect(issuesOf(null)[0]!.path).toEqual([]);
      expect(issuesOf({ name: 'x' }).map((i) => i.path)).toEqual([['thresholds'], ['warnAt'], ['rules']]);
    });
  });
});
