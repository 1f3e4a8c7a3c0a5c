import { describe, expect, it } from 'vitest';
import {
  compileRuleSet,
  DEFAULT_FACTORS,
  DEFAULT_RULE_SET,
  describeCondition,
  evaluate,
  explain,
  type Condition,
  type Facts,
  type RuleSet,
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
const compiled = compileRuleSet(DEFAULT_RULE_SET);
const run = (overrides: Partial<Facts>) => evaluate(compiled, { ...BASE, ...overrides });

const zhName = (code: string) => DEFAULT_FACTORS.find((f) => f.code === code)?.zh ?? code;
const enName = (code: string) => DEFAULT_FACTORS.find((f) => f.code === code)?.en ?? code;

describe('explain', () => {
  const migrantWorkers = run({ flags: ['GROUP_DISPUTE', 'WAGE_ARREARS', 'THREAT_PETITION'], partyCount: 36, amountInDispute: 860_000 });

  it('renders matched rules with their points, in rule order, in Chinese', () => {
    expect(explain(migrantWorkers, 'zh-CN')).toEqual({
      sentences: ['群体性纠纷 +5', '拖欠劳动报酬（农民工工资） +4', '扬言上访、越级访 +3', '当事人十人以上 +2'],
      text: '群体性纠纷 +5；拖欠劳动报酬（农民工工资） +4；扬言上访、越级访 +3；当事人十人以上 +2',
      summary: '合计 14 分，红色预警',
    });
  });

  it('renders the same in English with the English labels', () => {
    expect(explain(migrantWorkers, 'en')).toEqual({
      sentences: ['Group dispute +5', 'Unpaid wages (migrant workers) +4', 'Threatens to petition or to skip levels +3', '10 or more parties +2'],
      text: 'Group dispute +5; Unpaid wages (migrant workers) +4; Threatens to petition or to skip levels +3; 10 or more parties +2',
      summary: 'Total 14 points: red warning',
    });
  });

  it('renders forced levels as → level warning', () => {
    const suicide = run({ flags: ['THREAT_EXTREME'] });
    expect(explain(suicide, 'zh-CN')).toMatchObject({ sentences: ['扬言自杀、自伤或其他极端行为 → 红色预警'], summary: '合计 0 分，红色预警' });
    expect(explain(suicide, 'en')).toMatchObject({
      sentences: ['Threatens suicide, self-harm or other extreme acts → red warning'],
      summary: 'Total 0 points: red warning',
    });
  });

  it('renders both time-pending rules after a year', () => {
    expect(explain(run({ daysPending: 400 }), 'zh-CN')).toEqual({
      sentences: ['审理超过半年 +1', '审理超过一年 +2'],
      text: '审理超过半年 +1；审理超过一年 +2',
      summary: '合计 3 分，黄色预警',
    });
  });

  it('says when there is no warning, and the level when it is below the warning line', () => {
    expect(explain(run({}), 'zh-CN')).toEqual({ sentences: [], text: '', summary: '合计 0 分，未达预警线' });
    expect(explain(run({}), 'en').summary).toBe('Total 0 points: no warning');
    const oneMillion = run({ amountInDispute: 1_000_000 });
    expect(explain(oneMillion, 'zh-CN').summary).toBe('合计 1 分，蓝色等级，未达预警线');
    expect(explain(oneMillion, 'en')).toMatchObject({
      sentences: ['Amount in dispute ¥1,000,000 or more +1'],
      summary: 'Total 1 point: blue level, below the warning line',
    });
  });

  it('renders negative points, points with a forced level, and falls back to the Chinese label', () => {
    const ruleSet: RuleSet = {
      name: '测试',
      thresholds: { red: 11, orange: 6, yellow: 3, blue: 1 },
      warnAt: 'yellow',
      rules: [
        { id: 'big', label: '大案', labelEn: 'Big case', when: { fact: 'partyCount', op: '>=', value: 0 }, points: 7 },
        { id: 'calm', label: '已和解意向', when: { fact: 'partyCount', op: '>=', value: 0 }, points: -2 },
        { id: 'urgent', label: '近期连续信访', labelEn: 'Repeated recent petitions', when: { fact: 'petitions7d', op: '>=', value: 2 }, points: 2, level: 'orange' },
      ],
    };
    const result = evaluate(compileRuleSet(ruleSet), { ...BASE, petitions7d: 3 });
    expect(explain(result, 'zh-CN').sentences).toEqual(['大案 +7', '已和解意向 -2', '近期连续信访 +2 → 橙色预警']);
    expect(explain(result, 'en')).toEqual({
      sentences: ['Big case +7', '已和解意向 -2', 'Repeated recent petitions +2 → orange warning'],
      text: 'Big case +7; 已和解意向 -2; Repeated recent petitions +2 → orange warning',
      summary: 'Total 7 points: orange warning',
    });
  });
});

describe('describeCondition', () => {
  it('describes leaves with fact names and operator words', () => {
    const cases: [Condition, string, string][] = [
      [{ fact: 'flags', op: 'has', value: 'GROUP_DISPUTE' }, '标记包含“群体性纠纷”', 'flags include “Group dispute”'],
      [{ fact: 'partyCount', op: '>=', value: 100 }, '当事人人数 ≥ 100', 'number of parties ≥ 100'],
      [{ fact: 'daysPending', op: '>', value: 365 }, '审理天数 > 365', 'days pending > 365'],
      [{ fact: 'petitions7d', op: '<', value: 2 }, '近7日信访次数 < 2', 'petitions in the last 7 days < 2'],
      [{ fact: 'petitions12m', op: '<=', value: 1 }, '近12个月信访次数 ≤ 1', 'petitions in the last 12 months ≤ 1'],
      [{ fact: 'amountInDispute', op: '>=', value: 1_000_000 }, '标的额（元） ≥ 1,000,000', 'amount in dispute (yuan) ≥ 1,000,000'],
      [{ fact: 'category', op: '=', value: 'enforcement' }, '案件类别 = 执行', 'case category = enforcement'],
      [{ fact: 'stage', op: '!=', value: 'closed' }, '案件阶段 ≠ 结案', 'case stage ≠ closed'],
      [{ fact: 'category', op: 'in', value: ['civil', 'administrative'] }, '案件类别为以下之一：民事、行政', 'case category is one of: civil, administrative'],
      [{ fact: 'partyCount', op: 'in', value: [1, 2] }, '当事人人数为以下之一：1、2', 'number of parties is one of: 1, 2'],
      [{ fact: 'hasVulnerableParty', op: '=', value: true }, '有弱势当事人 = 是', 'has a vulnerable party = yes'],
      [
        { fact: 'flags', op: 'hasAny', value: ['GROUP_DISPUTE', 'WAGE_ARREARS'] },
        '标记包含任一：“群体性纠纷”、“拖欠劳动报酬（农民工工资）”',
        'flags include any of: “Group dispute”, “Unpaid wages (migrant workers)”',
      ],
      [{ fact: 'flags', op: 'hasAll', value: ['GROUP_DISPUTE'] }, '标记包含全部：“群体性纠纷”', 'flags include all of: “Group dispute”'],
      [{ fact: 'flags', op: '=', value: [] }, '标记 = （无）', 'flags = (none)'],
    ];
    for (const [condition, zh, en] of cases) {
      expect(describeCondition(condition, 'zh-CN', { factorName: zhName })).toBe(zh);
      expect(describeCondition(condition, 'en', { factorName: enName })).toBe(en);
    }
  });

  it('shows the factor code when no name is given', () => {
    expect(describeCondition({ fact: 'flags', op: 'has', value: 'GROUP_DISPUTE' }, 'zh-CN')).toBe('标记包含“GROUP_DISPUTE”');
  });

  it('describes groups, bracketing nested ones', () => {
    const condition: Condition = {
      all: [
        { fact: 'daysPending', op: '>', value: 365 },
        { any: [{ fact: 'flags', op: 'has', value: 'EXTREME_EMOTION' }, { fact: 'partyCount', op: '>=', value: 10 }] },
        { not: { fact: 'stage', op: '=', value: 'closed' } },
      ],
    };
    expect(describeCondition(condition, 'zh-CN', { factorName: zhName })).toBe(
      '全部满足：审理天数 > 365；（任一满足：标记包含“情绪激烈、矛盾尖锐”；当事人人数 ≥ 10）；（并非：案件阶段 = 结案）',
    );
    expect(describeCondition(condition, 'en', { factorName: enName })).toBe(
      'all of: days pending > 365; (any of: flags include “Strong emotions, sharp conflict”; number of parties ≥ 10); (not: case stage = closed)',
    );
    expect(describeCondition({ not: { fact: 'partyCount', op: '>', value: 1 } }, 'zh-CN')).toBe('并非：当事人人数 > 1');
    expect(describeCondition({ any: [{ fact: 'partyCount', op: '>', value: 1 }] }, 'en')).toBe('any of: number of parties > 1');
  });
});
