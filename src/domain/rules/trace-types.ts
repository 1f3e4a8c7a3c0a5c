/** What an evaluation returns (domain.md §6 "Trace"); plain JSON, stored with each assessment. */
import type { Level } from '../levels.ts';
import type { FactName } from './facts.ts';
import type { Operator } from './operators.ts';
import type { ForcedLevel, LeafValue, Thresholds } from './types.ts';

export type FactValue = string | number | boolean | readonly string[] | undefined;

export interface TraceLeaf {
  fact: FactName;
  op: Operator;
  value: LeafValue;
  /** The fact's value in this evaluation (for `flags`, the list of codes). */
  actual: FactValue;
  result: boolean;
}

export interface TraceGroup {
  kind: 'all' | 'any' | 'not';
  result: boolean;
  children: TraceNode[];
}

export type TraceNode = TraceLeaf | TraceGroup;

export interface RuleTrace {
  id: string;
  label: string;
  labelEn: string | undefined;
  matched: boolean;
  /** Points added: the rule's points when matched, 0 otherwise. */
  points: number;
  /** The level forced, when the rule matched and forces one. */
  level: ForcedLevel | undefined;
  condition: TraceNode;
}

export interface Trace {
  rules: RuleTrace[];
  /** The level the score reaches by the thresholds (`none` below blue). */
  scoreLevel: Level;
  /** The highest level forced by a matched rule (`none` if none). */
  forcedLevel: Level;
  thresholds: Thresholds;
  warnAt: ForcedLevel;
}

export interface Evaluation {
  score: number;
  level: Level;
  warn: boolean;
  trace: Trace;
}

export interface UntracedEvaluation {
  score: number;
  level: Level;
  warn: boolean;
  trace: null;
}

export function isTraceLeaf(node: TraceNode): node is TraceLeaf {
  return 'fact' in node;
}
