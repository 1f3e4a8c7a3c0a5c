/**
 * compileRuleSet turns a validated rule set into closures once; evaluate runs them (domain.md §6):
 * score = sum of matched points, floored at 0; level = max(threshold level of the score, highest
 * forced level); warn = level ≥ warnAt. Levels are handled as ranks (LEVELS indices) in the loop.
 */
import { LEVELS, levelRank, type Level } from '../levels.ts';
import { compileCondition, type Test, type Tracer } from './compile-condition.ts';
import type { Facts } from './facts.ts';
import { flagList, flagView } from './flag-view.ts';
import type { Evaluation, RuleTrace, Trace, UntracedEvaluation } from './trace-types.ts';
import type { ForcedLevel, Rule, RuleSet, Thresholds } from './types.ts';

interface CompiledRule {
  readonly id: string;
  readonly label: string;
  readonly labelEn: string | undefined;
  readonly points: number;
  readonly level: ForcedLevel | undefined;
  /** Rank of the forced level; 0 (`none`) when the rule forces none. */
  readonly levelRank: number;
  readonly test: Test;
  readonly trace: Tracer;
}

export interface CompiledRuleSet {
  readonly name: string;
  readonly thresholds: Readonly<Thresholds>;
  readonly warnAt: ForcedLevel;
  readonly warnRank: number;
  readonly rules: readonly CompiledRule[];
}

export interface EvaluateOptions {
  /** Build the trace (default true). Without it the result's `trace` is null. */
  trace?: boolean;
}

const RANK_NONE = 0;
const RANK_BLUE = levelRank('blue');
const RANK_YELLOW = levelRank('yellow');
const RANK_ORANGE = levelRank('orange');
const RANK_RED = levelRank('red');

/** Expects a document that passed RuleSetSchema; compiling an unvalidated one may throw. */
export function compileRuleSet(ruleSet: RuleSet): CompiledRuleSet {
  return {
    name: ruleSet.name,
    thresholds: Object.freeze({ ...ruleSet.thresholds }),
    warnAt: ruleSet.warnAt,
    warnRank: levelRank(ruleSet.warnAt),
    rules: ruleSet.rules.map(compileRule),
  };
}

function compileRule(rule: Rule): CompiledRule {
  const { test, trace } = compileCondition(rule.when);
  return {
    id: rule.id,
    label: rule.label,
    labelEn: rule.labelEn,
    points: rule.points ?? 0,
    level: rule.level,
    levelRank: rule.level ? levelRank(rule.level) : RANK_NONE,
    test,
    trace,
  };
}

export function evaluate(compiled: CompiledRuleSet, facts: Facts, options?: { trace?: true }): Evaluation;
export function evaluate(compiled: CompiledRuleSet, facts: Facts, options: { trace: false }): UntracedEvaluation;
export function evaluate(compiled: CompiledRuleSet, facts: Facts, options?: EvaluateOptions): Evaluation | UntracedEvaluation;
export function evaluate(compiled: CompiledRuleSet, facts: Facts, options?: EvaluateOptions): Evaluation | UntracedEvaluation {
  return options?.trace === false ? evaluateUntraced(compiled, facts) : evaluateTraced(compiled, facts);
}

function evaluateUntraced(compiled: CompiledRuleSet, facts: Facts): UntracedEvaluation {
  const flags = flagView(facts.flags);
  const rules = compiled.rules;
  let points = 0;
  let forced = RANK_NONE;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    if (!rule.test(facts, flags)) continue;
    points += rule.points;
    if (rule.levelRank > forced) forced = rule.levelRank;
  }
  const score = points > 0 ? points : 0;
  const byScore = scoreRank(score, compiled.thresholds);
  const rank = byScore > forced ? byScore : forced;
  return { score, level: LEVELS[rank]!, warn: rank >= compiled.warnRank, trace: null };
}

function evaluateTraced(compiled: CompiledRuleSet, facts: Facts): Evaluation {
  const flags = flagView(facts.flags);
  const list = flagList(facts.flags);
  const rules = compiled.rules;
  const traces = new Array<RuleTrace>(rules.length);
  let points = 0;
  let forced = RANK_NONE;
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i]!;
    const condition = rule.trace(facts, flags, list);
    const matched = condition.result;
    if (matched) {
      points += rule.points;
      if (rule.levelRank > forced) forced = rule.levelRank;
    }
    traces[i] = {
      id: rule.id,
      label: rule.label,
      labelEn: rule.labelEn,
      matched,
      points: matched ? rule.points : 0,
      level: matched ? rule.level : undefined,
      condition,
    };
  }
  const score = points > 0 ? points : 0;
  const byScore = scoreRank(score, compiled.thresholds);
  const rank = byScore > forced ? byScore : forced;
  const trace: Trace = {
    rules: traces,
    scoreLevel: LEVELS[byScore]!,
    forcedLevel: LEVELS[forced]!,
    thresholds: compiled.thresholds,
    warnAt: compiled.warnAt,
  };
  return { score, level: LEVELS[rank]!, warn: rank >= compiled.warnRank, trace };
}

function scoreRank(score: number, t: Readonly<Thresholds>): number {
  if (score >= t.red) return RANK_RED;
  if (score >= t.orange) return RANK_ORANGE;
  if (score >= t.yellow) return RANK_YELLOW;
  if (score >= t.blue) return RANK_BLUE;
  return RANK_NONE;
}

/** The ids of the rules an evaluation matched, in rule order: what an assessment stores of its trace. */
export function matchedRuleIds(evaluation: Evaluation): string[] {
  return evaluation.trace.rules.filter((r) => r.matched).map((r) => r.id);
}

/** The level a score reaches by the thresholds alone; `none` below blue. */
export function levelForScore(score: number, thresholds: Readonly<Thresholds>): Level {
  return LEVELS[scoreRank(score, thresholds)]!;
}
