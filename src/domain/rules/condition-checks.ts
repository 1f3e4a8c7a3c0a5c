/**
 * The checks zod's structure cannot express: does a leaf name a known fact, does its operator fit
 * that fact's type, and is its value of the right type. Runs on values that may be only partly
 * valid (other parts failed zod's structural checks), so it reads everything defensively and
 * leaves structural problems (a number where a string belongs) to zod.
 */
import type { MessageKey } from '../../i18n/index.ts';
import { FACT_TYPES, FACTOR_CODE_PATTERN, STRING_FACT_VALUES, isFactName, type FactName } from './facts.ts';
import { isRecord, type Report } from './issues.ts';
import { MAX_DEPTH, type Path } from './limits.ts';
import { isOperator, valueKindFor, type Operator, type ValueKind } from './operators.ts';

const VALUE_TYPE_KEYS: Readonly<Record<ValueKind, MessageKey>> = {
  string: 'rules.error.valueType.string',
  stringList: 'rules.error.valueType.stringList',
  integer: 'rules.error.valueType.integer',
  integerList: 'rules.error.valueType.integerList',
  number: 'rules.error.valueType.number',
  numberList: 'rules.error.valueType.numberList',
  boolean: 'rules.error.valueType.boolean',
};

const GROUP_KEYS = ['all', 'any', 'not'] as const;
const LEAF_KEYS = ['fact', 'op', 'value'] as const;

export function checkCondition(node: unknown, path: Path, ruleId: string, report: Report, depth = 1): void {
  if (!isRecord(node) || depth > MAX_DEPTH) return; // zod reports non-objects; limits.ts the depth
  const groups = GROUP_KEYS.filter((key) => key in node);
  const isLeafish = LEAF_KEYS.some((key) => key in node);
  if (groups.length + (isLeafish ? 1 : 0) !== 1) {
    report('rules.error.conditionShape', path, { ruleId });
    return;
  }
  if (isLeafish) {
    checkLeaf(node, path, ruleId, report);
    return;
  }
  const kind = groups[0]!;
  const inner = node[kind];
  if (kind === 'not') {
    checkCondition(inner, [...path, 'not'], ruleId, report, depth + 1);
  } else if (Array.isArray(inner)) {
    inner.forEach((child, i) => checkCondition(child, [...path, kind, i], ruleId, report, depth + 1));
  }
}

function checkLeaf(leaf: Record<string, unknown>, path: Path, ruleId: string, report: Report): void {
  const { fact, op } = leaf;
  if (fact === undefined) report('rules.error.missingFact', [...path, 'fact'], { ruleId });
  else if (typeof fact === 'string' && !isFactName(fact)) {
    report('rules.error.unknownFact', [...path, 'fact'], { ruleId, fact });
  }
  if (op === undefined) report('rules.error.missingOperator', [...path, 'op'], { ruleId });
  else if (typeof op === 'string' && !isOperator(op)) {
    report('rules.error.unknownOperator', [...path, 'op'], { ruleId, op });
  }
  if (!isFactName(fact) || !isOperator(op)) return;
  const kind = valueKindFor(op, FACT_TYPES[fact]);
  if (kind === null) {
    report('rules.error.operatorMismatch', [...path, 'op'], { ruleId, fact, op });
    return;
  }
  checkValue(leaf.value, kind, { fact, op, ruleId, path: [...path, 'value'], report });
}

interface ValueContext {
  fact: FactName;
  op: Operator;
  ruleId: string;
  path: Path;
  report: Report;
}

function checkValue(value: unknown, kind: ValueKind, at: ValueContext): void {
  const wrongType = () => at.report(VALUE_TYPE_KEYS[kind], at.path, { ruleId: at.ruleId, fact: at.fact, op: at.op });
  switch (kind) {
    case 'string':
      if (typeof value !== 'string') return wrongType();
      return checkKnownValue(value, at.path, at);
    case 'integer':
      if (!Number.isInteger(value)) wrongType();
      return;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) wrongType();
      return;
    case 'boolean':
      if (typeof value !== 'boolean') wrongType();
      return;
    default:
      return checkList(value, kind, at, wrongType);
  }
}

function checkList(value: unknown, kind: ValueKind, at: ValueContext, wrongType: () => void): void {
  if (!Array.isArray(value)) return wrongType();
  // `flags = []` (no flags at all) is meaningful; an empty hasAny/hasAll/in list is a mistake.
  const mayBeEmpty = at.op === '=' || at.op === '!=';
  if (value.length === 0 && !mayBeEmpty) {
    at.report('rules.error.emptyList', at.path, { ruleId: at.ruleId, fact: at.fact, op: at.op });
    return;
  }
  const bad = value.findIndex((element) => !isElementOf(kind, element));
  if (bad >= 0) {
    at.report(VALUE_TYPE_KEYS[kind], [...at.path, bad], { ruleId: at.ruleId, fact: at.fact, op: at.op });
    return;
  }
  if (kind === 'stringList') value.forEach((element, i) => checkKnownValue(element as string, [...at.path, i], at));
}

function isElementOf(kind: ValueKind, element: unknown): boolean {
  if (kind === 'stringList') return typeof element === 'string';
  if (kind === 'integerList') return Number.isInteger(element);
  return typeof element === 'number' && Number.isFinite(element);
}

/** Factor codes must look like codes; category and stage must be one of their known values. */
function checkKnownValue(value: string, path: Path, at: ValueContext): void {
  if (at.fact === 'flags') {
    if (!FACTOR_CODE_PATTERN.test(value)) at.report('rules.error.factorCode', path, { ruleId: at.ruleId, value });
    return;
  }
  const known = (STRING_FACT_VALUES as Readonly<Record<string, readonly string[]>>)[at.fact];
  if (known && !known.includes(value)) {
    at.report('rules.error.unknownValue', path, { ruleId: at.ruleId, fact: at.fact, value, allowed: known.join(', ') });
  }
}
