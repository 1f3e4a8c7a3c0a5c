/**
 * Turns a condition into two closures, built once per rule set: `test` (short-circuits, allocates
 * nothing) and `trace` (evaluates every leaf so the trace shows each result, and builds the
 * trace nodes). Fact reads are specialised per fact name at compile time — no lookups by name
 * while evaluating.
 */
import type { Facts, FactName } from './facts.ts';
import { hasFlag, sameFlags, type FlagView } from './flag-view.ts';
import type { FactValue, TraceNode } from './trace-types.ts';
import { isLeaf, type Condition, type LeafCondition } from './types.ts';

export type Test = (facts: Facts, flags: FlagView) => boolean;
/** `list` is the flags as a list, computed once per evaluation for the trace's `actual`. */
export type Tracer = (facts: Facts, flags: FlagView, list: readonly string[]) => TraceNode;

export interface CompiledCondition {
  test: Test;
  trace: Tracer;
}

type Scalar = string | number | boolean;
type ScalarReader = (facts: Facts) => Scalar;

// One reader per fact: a property access the engine can inline, not `facts[name]`.
const READERS: Readonly<Record<Exclude<FactName, 'flags'>, ScalarReader>> = {
  category: (f) => f.category,
  stage: (f) => f.stage,
  partyCount: (f) => f.partyCount,
  amountInDispute: (f) => f.amountInDispute,
  daysPending: (f) => f.daysPending,
  petitions12m: (f) => f.petitions12m,
  petitions7d: (f) => f.petitions7d,
  hasVulnerableParty: (f) => f.hasVulnerableParty,
};

export function compileCondition(condition: Condition): CompiledCondition {
  if (isLeaf(condition)) return compileLeaf(condition);
  if ('all' in condition) return compileAll(condition.all.map(compileCondition));
  if ('any' in condition) return compileAny(condition.any.map(compileCondition));
  return compileNot(compileCondition(condition.not));
}

function compileLeaf(leaf: LeafCondition): CompiledCondition {
  const { fact, op, value } = leaf;
  if (fact === 'flags') {
    const test = flagTest(leaf);
    return {
      test,
      trace: (facts, flags, list) => ({ fact, op, value, actual: list, result: test(facts, flags) }),
    };
  }
  const read = READERS[fact];
  const test = scalarTest(leaf, read);
  return {
    test,
    trace: (facts, flags) => ({ fact, op, value, actual: read(facts) as FactValue, result: test(facts, flags) }),
  };
}

function flagTest(leaf: LeafCondition): Test {
  const { op, value } = leaf;
  if (op === 'has') {
    const code = value as string;
    return (_f, flags) => hasFlag(flags, code);
  }
  const codes = value as readonly string[];
  switch (op) {
    case 'hasAny':
      return (_f, flags) => {
        for (let i = 0; i < codes.length; i++) if (hasFlag(flags, codes[i]!)) return true;
        return false;
      };
    case 'hasAll':
      return (_f, flags) => {
        for (let i = 0; i < codes.length; i++) if (!hasFlag(flags, codes[i]!)) return false;
        return true;
      };
    case '=': {
      const wanted = new Set(codes);
      return (_f, flags) => sameFlags(flags, wanted);
    }
    case '!=': {
      const wanted = new Set(codes);
      return (_f, flags) => !sameFlags(flags, wanted);
    }
    default:
      throw new Error(`operator ${op} does not apply to flags`); // the schema refuses it
  }
}

function scalarTest(leaf: LeafCondition, read: ScalarReader): Test {
  const { op, value } = leaf;
  if (op === 'in') {
    const members = new Set<Scalar>(value as readonly Scalar[]);
    return (f) => members.has(read(f));
  }
  if (op === '=' || op === '!=') {
    const v = value as Scalar;
    return op === '=' ? (f) => read(f) === v : (f) => read(f) !== v;
  }
  // Ordered operators only fit integer and number facts (the schema guarantees it).
  const num = read as (facts: Facts) => number;
  const v = value as number;
  switch (op) {
    case '>':
      return (f) => num(f) > v;
    case '>=':
      return (f) => num(f) >= v;
    case '<':
      return (f) => num(f) < v;
    case '<=':
      return (f) => num(f) <= v;
    default:
      throw new Error(`operator ${op} does not apply to ${leaf.fact}`); // the schema refuses it
  }
}

function compileAll(children: CompiledCondition[]): CompiledCondition {
  const tests = children.map((c) => c.test);
  const tracers = children.map((c) => c.trace);
  return {
    test: (facts, flags) => {
      for (let i = 0; i < tests.length; i++) if (!tests[i]!(facts, flags)) return false;
      return true;
    },
    trace: (facts, flags, list) => {
      const nodes = traceAll(tracers, facts, flags, list);
      return { kind: 'all', result: nodes.every(resultOf), children: nodes };
    },
  };
}

function compileAny(children: CompiledCondition[]): CompiledCondition {
  const tests = children.map((c) => c.test);
  const tracers = children.map((c) => c.trace);
  return {
    test: (facts, flags) => {
      for (let i = 0; i < tests.length; i++) if (tests[i]!(facts, flags)) return true;
      return false;
    },
    trace: (facts, flags, list) => {
      const nodes = traceAll(tracers, facts, flags, list);
      return { kind: 'any', result: nodes.some(resultOf), children: nodes };
    },
  };
}

function compileNot(child: CompiledCondition): CompiledCondition {
  const { test, trace } = child;
  return {
    test: (facts, flags) => !test(facts, flags),
    trace: (facts, flags, list) => {
      const node = trace(facts, flags, list);
      return { kind: 'not', result: !node.result, children: [node] };
    },
  };
}

function traceAll(tracers: Tracer[], facts: Facts, flags: FlagView, list: readonly string[]): TraceNode[] {
  const nodes = new Array<TraceNode>(tracers.length);
  for (let i = 0; i < tracers.length; i++) nodes[i] = tracers[i]!(facts, flags, list);
  return nodes;
}

function resultOf(node: TraceNode): boolean {
  return node.result;
}
