/**
 * Plain sentences from an evaluation ("群体性纠纷 +5；审理超过一年 +2", "合计 14 分，红色预警") and
 * conditions in words for the admin's rule table ("当事人人数 ≥ 100"). Every word comes from the
 * message catalogs, so both languages read naturally.
 */
import { translate, type Lang, type MessageKey } from '../../i18n/index.ts';
import type { Level } from '../levels.ts';
import type { FactName } from './facts.ts';
import type { Operator } from './operators.ts';
import type { Evaluation, RuleTrace } from './trace-types.ts';
import { isLeaf, type Condition, type LeafCondition, type LeafValue } from './types.ts';

export interface Explanation {
  /** One sentence per matched rule, in rule order. */
  sentences: string[];
  /** The sentences joined with the language's separator ("" when none matched). */
  text: string;
  /** "合计 14 分，红色预警" / "Total 14 points: red warning". */
  summary: string;
}

/** What the sentences need of each rule: a stored assessment's matched rules, read from its rule set, will do. */
export type ExplainedRule = Pick<RuleTrace, 'matched' | 'label' | 'labelEn' | 'points' | 'level'>;

type Explainable = Pick<Evaluation, 'score' | 'level' | 'warn'> & { trace: { rules: readonly ExplainedRule[] } };

export function explain(result: Explainable, lang: Lang): Explanation {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(lang, key, params);
  const sentences = result.trace.rules.filter((rule) => rule.matched).map((rule) => ruleSentence(rule, lang));
  return { sentences, text: sentences.join(t('rules.trace.separator')), summary: summaryOf(result, lang) };
}

function ruleSentence(rule: ExplainedRule, lang: Lang): string {
  const label = lang === 'en' ? (rule.labelEn ?? rule.label) : rule.label;
  const points = signed(rule.points);
  if (rule.level === undefined) return translate(lang, 'rules.trace.points', { label, points });
  const level = levelName(rule.level, lang);
  // A rule that only forces a level says nothing about points; one with both says both.
  return rule.points === 0
    ? translate(lang, 'rules.trace.forced', { label, level })
    : translate(lang, 'rules.trace.pointsForced', { label, points, level });
}

function summaryOf(result: Explainable, lang: Lang): string {
  const points = translate(lang, result.score === 1 ? 'rules.unit.point' : 'rules.unit.points', { n: result.score });
  const level = levelName(result.level, lang);
  if (result.warn) return translate(lang, 'rules.trace.summaryWarn', { points, level });
  if (result.level === 'none') return translate(lang, 'rules.trace.summaryNone', { points });
  return translate(lang, 'rules.trace.summaryBelowWarn', { points, level });
}

/** +5, -2, +0. */
function signed(points: number): string {
  return points < 0 ? `-${-points}` : `+${points}`;
}

const LEVEL_KEYS: Readonly<Record<Level, MessageKey>> = {
  none: 'rules.level.none',
  blue: 'rules.level.blue',
  yellow: 'rules.level.yellow',
  orange: 'rules.level.orange',
  red: 'rules.level.red',
};

/** 红色 / red. */
export function levelName(level: Level, lang: Lang): string {
  return translate(lang, LEVEL_KEYS[level]);
}

// ---------------------------------------------------------------------------------------------
// describeCondition

export interface DescribeOptions {
  /** The name of a risk factor, e.g. GROUP_DISPUTE → 群体性纠纷; the code itself when absent. */
  factorName?: (code: string) => string;
}

const FACT_KEYS: Readonly<Record<FactName, MessageKey>> = {
  flags: 'rules.fact.flags',
  category: 'rules.fact.category',
  stage: 'rules.fact.stage',
  partyCount: 'rules.fact.partyCount',
  amountInDispute: 'rules.fact.amountInDispute',
  daysPending: 'rules.fact.daysPending',
  petitions12m: 'rules.fact.petitions12m',
  petitions7d: 'rules.fact.petitions7d',
  hasVulnerableParty: 'rules.fact.hasVulnerableParty',
};

const OPERATOR_KEYS: Readonly<Record<Operator, MessageKey>> = {
  has: 'rules.op.has',
  hasAny: 'rules.op.hasAny',
  hasAll: 'rules.op.hasAll',
  '=': 'rules.op.eq',
  '!=': 'rules.op.ne',
  '>': 'rules.op.gt',
  '>=': 'rules.op.gte',
  '<': 'rules.op.lt',
  '<=': 'rules.op.lte',
  in: 'rules.op.in',
};

/** Names of the values of the string facts (民事, 审理 …); keys are `rules.<fact>.<value>`. */
const VALUE_KEYS: Readonly<Record<string, MessageKey>> = {
  'category.civil': 'rules.category.civil',
  'category.criminal': 'rules.category.criminal',
  'category.administrative': 'rules.category.administrative',
  'category.enforcement': 'rules.category.enforcement',
  'category.assistance': 'rules.category.assistance',
  'category.compensation': 'rules.category.compensation',
  'stage.filing': 'rules.stage.filing',
  'stage.trial': 'rules.stage.trial',
  'stage.judgment': 'rules.stage.judgment',
  'stage.enforcement': 'rules.stage.enforcement',
  'stage.closed': 'rules.stage.closed',
};

/** "当事人人数 ≥ 100", "全部满足：审理天数 > 365；标记包含“情绪激烈、矛盾尖锐”". */
export function describeCondition(condition: Condition, lang: Lang, options: DescribeOptions = {}): string {
  return describe(condition, lang, options, false);
}

function describe(condition: Condition, lang: Lang, options: DescribeOptions, nested: boolean): string {
  if (isLeaf(condition)) return describeLeaf(condition, lang, options);
  const text = describeGroup(condition, lang, options);
  return nested ? translate(lang, 'rules.cond.nested', { text }) : text;
}

function describeGroup(condition: Exclude<Condition, LeafCondition>, lang: Lang, options: DescribeOptions): string {
  if ('not' in condition) {
    return translate(lang, 'rules.cond.not', { item: describe(condition.not, lang, options, true) });
  }
  const [key, children] = 'all' in condition ? (['rules.cond.all', condition.all] as const) : (['rules.cond.any', condition.any] as const);
  const items = children.map((child) => describe(child, lang, options, true)).join(translate(lang, 'rules.cond.separator'));
  return translate(lang, key, { items });
}

function describeLeaf(leaf: LeafCondition, lang: Lang, options: DescribeOptions): string {
  const fact = translate(lang, FACT_KEYS[leaf.fact]);
  // `has` quotes its single value in the template itself; lists quote each flag name.
  const value = leaf.op === 'has' ? valueWord(leaf.fact, leaf.value as string, lang, options) : valueText(leaf, lang, options);
  return translate(lang, OPERATOR_KEYS[leaf.op], { fact, value });
}

function valueText(leaf: LeafCondition, lang: Lang, options: DescribeOptions): string {
  const value: LeafValue = leaf.value;
  if (!Array.isArray(value)) return valueWord(leaf.fact, value as string | number | boolean, lang, options);
  if (value.length === 0) return translate(lang, 'rules.value.empty');
  const words = (value as readonly (string | number)[]).map((v) => {
    const word = valueWord(leaf.fact, v, lang, options);
    return leaf.fact === 'flags' ? translate(lang, 'rules.value.quoted', { value: word }) : word;
  });
  return words.join(translate(lang, 'rules.list.separator'));
}

function valueWord(fact: FactName, value: string | number | boolean, lang: Lang, options: DescribeOptions): string {
  if (typeof value === 'boolean') return translate(lang, value ? 'rules.value.true' : 'rules.value.false');
  if (typeof value === 'number') return groupDigits(value);
  if (fact === 'flags') return options.factorName?.(value) ?? value;
  const key = VALUE_KEYS[`${fact}.${value}`];
  return key ? translate(lang, key) : value;
}

/** 1000000 → 1,000,000; smaller numbers and fractions are left as they are. */
function groupDigits(n: number): string {
  if (!Number.isInteger(n) || Math.abs(n) < 10_000) return String(n);
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
