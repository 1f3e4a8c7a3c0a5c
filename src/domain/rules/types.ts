/** The rule-set document (domain.md §6) as TypeScript types; schema.ts validates into these. */
import type { Level } from '../levels.ts';
import type { FactName } from './facts.ts';
import type { Operator } from './operators.ts';

/** A level a rule can force or a rule set can warn at: any level but `none`. */
export type ForcedLevel = Exclude<Level, 'none'>;
export const FORCED_LEVELS: readonly ForcedLevel[] = ['blue', 'yellow', 'orange', 'red'];

export type LeafValue = string | number | boolean | readonly string[] | readonly number[];

export interface LeafCondition {
  fact: FactName;
  op: Operator;
  value: LeafValue;
}
export interface AllCondition {
  all: readonly Condition[];
}
export interface AnyCondition {
  any: readonly Condition[];
}
export interface NotCondition {
  not: Condition;
}
export type Condition = LeafCondition | AllCondition | AnyCondition | NotCondition;

export interface Rule {
  id: string;
  /** Chinese label, used in Chinese trace sentences. */
  label: string;
  /** English label for English trace sentences; the Chinese label when absent. */
  labelEn?: string | undefined;
  when: Condition;
  points?: number | undefined;
  level?: ForcedLevel | undefined;
}

export interface Thresholds {
  red: number;
  orange: number;
  yellow: number;
  blue: number;
}

export interface RuleSet {
  name: string;
  thresholds: Thresholds;
  warnAt: ForcedLevel;
  rules: readonly Rule[];
}

export function isLeaf(condition: Condition): condition is LeafCondition {
  return 'fact' in condition;
}
