/**
 * Scoring benchmark: our compiled rule engine (with the trace) against json-rules-engine running
 * the same default rule set, over 100,000 deterministic, realistic fact sets.
 *
 *   npm run bench:scoring
 *
 * Exits non-zero if the two engines disagree on any level, or if ours is less than 20× faster.
 */
import jre from 'json-rules-engine';
import type { Engine as JreEngine, NestedCondition, RuleProperties, TopLevelCondition } from 'json-rules-engine';
import { LEVELS, levelRank, type Level } from '../src/domain/levels.ts';
import {
  compileRuleSet,
  DEFAULT_FACTOR_CODES,
  DEFAULT_RULE_SET,
  evaluate,
  FACT_TYPES,
  levelForScore,
  type Condition,
  type Facts,
  type RuleSet,
} from '../src/domain/rules/index.ts';
import { CASE_CATEGORIES } from '../src/domain/case-number.ts';
import { CASE_STAGES } from '../src/domain/rules/facts.ts';

const COUNT = 100_000;
const REQUIRED_RATIO = 20;
const SEED = 20_240_102;

// ---------------------------------------------------------------------------------------------
// Deterministic fact sets

/** mulberry32: small, fast, good enough for test data, and the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks an index by weights. */
function weighted(random: () => number, weights: readonly number[]): number {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let r = random() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function between(random: () => number, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

function generateFacts(count: number, seed: number): Facts[] {
  const random = prng(seed);
  const sets: Facts[] = [];
  for (let i = 0; i < count; i++) {
    // Most cases carry no or one flag; a few carry up to four distinct ones.
    const flagCount = weighted(random, [55, 22, 12, 7, 4]);
    const flags: string[] = [];
    while (flags.length < flagCount) {
      const code = pick(random, DEFAULT_FACTOR_CODES);
      if (!flags.includes(code)) flags.push(code);
    }
    // Parties: mostly two, a tail of group cases up to 150.
    const partyBand = weighted(random, [70, 15, 10, 5]);
    const partyCount = [2, between(random, 3, 9), between(random, 10, 49), between(random, 50, 150)][partyBand]!;
    // Days pending 0–900, most cases young.
    const daysPending = Math.floor(900 * random() ** 2);
    const petitions12m = weighted(random, [70, 12, 8, 5, 3, 2]);
    const petitions7d = Math.min(petitions12m, weighted(random, [85, 8, 4, 2, 1]));
    // Amounts: none for a fifth, else log-uniform from ¥1,000 to ¥5,000,000.
    const amountInDispute = random() < 0.2 ? 0 : Math.round(1000 * 5000 ** random() * 100) / 100;
    sets.push({
      flags,
      category: pick(random, CASE_CATEGORIES),
      stage: pick(random, CASE_STAGES),
      partyCount,
      amountInDispute,
      daysPending,
      petitions12m,
      petitions7d,
      hasVulnerableParty: flags.includes('VULNERABLE_PARTY') || random() < 0.1,
    });
  }
  return sets;
}

// ---------------------------------------------------------------------------------------------
// The same rule set for json-rules-engine

const JRE_OPERATORS: Readonly<Record<string, string>> = {
  '=': 'equal',
  '!=': 'notEqual',
  '>': 'greaterThan',
  '>=': 'greaterThanInclusive',
  '<': 'lessThan',
  '<=': 'lessThanInclusive',
  in: 'in',
  has: 'contains',
};

function toJreCondition(condition: Condition): NestedCondition {
  if ('all' in condition) return { all: condition.all.map(toJreCondition) };
  if ('any' in condition) return { any: condition.any.map(toJreCondition) };
  if ('not' in condition) return { not: toJreCondition(condition.not) };
  const { fact, op, value } = condition;
  // hasAny / hasAll become groups of `contains`; set (in)equality gets its own operator.
  if (op === 'hasAny' || op === 'hasAll') {
    const leaves = (value as readonly string[]).map((code) => ({ fact, operator: 'contains', value: code }));
    return op === 'hasAny' ? { any: leaves } : { all: leaves };
  }
  if (FACT_TYPES[fact] === 'set' && (op === '=' || op === '!=')) {
    const same = { fact, operator: 'sameSet', value: [...(value as readonly string[])] };
    return op === '=' ? same : { not: same };
  }
  return { fact, operator: JRE_OPERATORS[op]!, value: value as string | number | boolean | string[] | number[] };
}

function toJreTop(condition: Condition): TopLevelCondition {
  const nested = toJreCondition(condition);
  return 'all' in nested || 'any' in nested || 'not' in nested ? (nested as TopLevelCondition) : { all: [nested] };
}

function buildJreEngine(ruleSet: RuleSet): JreEngine {
  const rules: RuleProperties[] = ruleSet.rules.map((rule) => ({
    name: rule.id,
    conditions: toJreTop(rule.when),
    event: { type: 'rule', params: { id: rule.id, points: rule.points ?? 0, level: rule.level ?? 'none' } },
  }));
  const engine = new jre.Engine(rules, { allowUndefinedFacts: true });
  engine.addOperator('sameSet', (actual: unknown, wanted: unknown) => {
    const a = new Set(actual as string[]);
    const b = new Set(wanted as string[]);
    return a.size === b.size && [...b].every((code) => a.has(code));
  });
  return engine;
}

/** Score and level from the events, exactly as domain.md §6 defines them. */
async function jreEvaluate(engine: JreEngine, ruleSet: RuleSet, facts: Facts): Promise<{ score: number; level: Level }> {
  const { events } = await engine.run({ ...facts, flags: [...facts.flags] });
  let points = 0;
  let forced = 0;
  for (const event of events) {
    points += event.params!.points as number;
    forced = Math.max(forced, levelRank(event.params!.level as Level));
  }
  const score = Math.max(0, points);
  return { score, level: LEVELS[Math.max(levelRank(levelForScore(score, ruleSet.thresholds)), forced)]! };
}

// ---------------------------------------------------------------------------------------------
// Timing

function perSecond(count: number, ms: number): number {
  return Math.round((count / ms) * 1000);
}

function format(n: number): string {
  return n.toLocaleString('en-US');
}

/** Best of several timed passes over all fact sets; returns evaluations per second. */
function timeOurs(pass: () => void, passes: number, count: number): number {
  let best = Infinity;
  for (let i = 0; i < passes; i++) {
    const start = performance.now();
    pass();
    best = Math.min(best, performance.now() - start);
  }
  return perSecond(count, best);
}

async function main(): Promise<void> {
  const ruleSet = DEFAULT_RULE_SET;
  const factSets = generateFacts(COUNT, SEED);
  const compiled = compileRuleSet(ruleSet);
  const engine = buildJreEngine(ruleSet);

  let sink = 0; // results are consumed so no pass can be optimised away
  const oursLevels = new Array<Level>(COUNT);
  const tracedPass = () => {
    for (let i = 0; i < COUNT; i++) {
      const result = evaluate(compiled, factSets[i]!);
      oursLevels[i] = result.level;
      sink += result.trace.rules.length;
    }
  };
  const untracedPass = () => {
    for (let i = 0; i < COUNT; i++) sink += evaluate(compiled, factSets[i]!, { trace: false }).score;
  };
  const withSets = factSets.map((facts) => ({ ...facts, flags: new Set(facts.flags) }));
  const setPass = () => {
    for (let i = 0; i < COUNT; i++) sink += evaluate(compiled, withSets[i]!).score;
  };

  // Warm up both engines before timing.
  for (let i = 0; i < 3; i++) {
    tracedPass();
    untracedPass();
    setPass();
  }
  for (let i = 0; i < 5_000; i++) await jreEvaluate(engine, ruleSet, factSets[i]!);

  const ours = timeOurs(tracedPass, 5, COUNT);
  const oursUntraced = timeOurs(untracedPass, 5, COUNT);
  const oursSetFlags = timeOurs(setPass, 5, COUNT);

  const jreLevels = new Array<Level>(COUNT);
  const jreStart = performance.now();
  for (let i = 0; i < COUNT; i++) jreLevels[i] = (await jreEvaluate(engine, ruleSet, factSets[i]!)).level;
  const theirs = perSecond(COUNT, performance.now() - jreStart);

  tracedPass(); // the levels from one more full traced pass, for the comparison
  const mismatches = oursLevels.flatMap((level, i) => (level === jreLevels[i] ? [] : [i]));
  const distribution = Object.fromEntries(LEVELS.map((level) => [level, oursLevels.filter((l) => l === level).length]));
  const ratio = ours / theirs;

  console.log(`fact sets:                      ${format(COUNT)} (seed ${SEED}), ${ruleSet.rules.length} rules`);
  console.log(`levels:                         ${JSON.stringify(distribution)}`);
  console.log(`same level in both engines:     ${format(COUNT - mismatches.length)} of ${format(COUNT)}`);
  console.log(`ours, with trace:               ${format(ours)} evaluations/s`);
  console.log(`ours, without trace:            ${format(oursUntraced)} evaluations/s`);
  console.log(`ours, with trace, Set flags:    ${format(oursSetFlags)} evaluations/s`);
  console.log(`json-rules-engine:              ${format(theirs)} evaluations/s`);
  console.log(`ratio (ours with trace / jre):  ${ratio.toFixed(1)}×  (required ≥ ${REQUIRED_RATIO}×)`);
  if (sink < 0) console.log(sink);

  if (mismatches.length > 0) {
    const first = mismatches[0]!;
    console.error(`FAIL: ${mismatches.length} fact sets get different levels, e.g. #${first}: ours ${oursLevels[first]}, json-rules-engine ${jreLevels[first]}`);
    console.error(JSON.stringify(factSets[first]));
    process.exitCode = 1;
  }
  if (ratio < REQUIRED_RATIO) {
    console.error(`FAIL: ours is ${ratio.toFixed(1)}× json-rules-engine, below ${REQUIRED_RATIO}×`);
    process.exitCode = 1;
  }
}

await main();
