/**
 * Operators and which fact types they fit (domain.md §6). The table decides both validation
 * (which value a leaf needs) and compilation (which comparison to build).
 */
import type { FactType } from './facts.ts';

export const OPERATORS = ['has', 'hasAny', 'hasAll', '=', '!=', '>', '>=', '<', '<=', 'in'] as const;
export type Operator = (typeof OPERATORS)[number];

export function isOperator(value: unknown): value is Operator {
  return typeof value === 'string' && (OPERATORS as readonly string[]).includes(value);
}

/** What a leaf's `value` must be: one value of a kind, or a list of them. */
export type ValueKind = 'string' | 'stringList' | 'integer' | 'integerList' | 'number' | 'numberList' | 'boolean';

const SCALAR: Readonly<Record<FactType, ValueKind>> = {
  set: 'stringList', // a set compares with a set
  string: 'string',
  integer: 'integer',
  number: 'number',
  boolean: 'boolean',
};
const LIST: Readonly<Partial<Record<FactType, ValueKind>>> = {
  string: 'stringList',
  integer: 'integerList',
  number: 'numberList',
};
const ORDERED: Readonly<Partial<Record<FactType, ValueKind>>> = { integer: 'integer', number: 'number' };

/**
 * The value kind an operator needs on a fact type, or null when the operator does not fit it:
 * `has` on a set with a code; `hasAny`/`hasAll` on a set with codes; `=`/`!=` on any fact with a
 * value of its type; `>`… on integer/number; `in` on string/integer/number with a list.
 */
export function valueKindFor(op: Operator, type: FactType): ValueKind | null {
  switch (op) {
    case 'has':
      return type === 'set' ? 'string' : null;
    case 'hasAny':
    case 'hasAll':
      return type === 'set' ? 'stringList' : null;
    case '=':
    case '!=':
      return SCALAR[type];
    case '>':
    case '>=':
    case '<':
    case '<=':
      return ORDERED[type] ?? null;
    case 'in':
      return LIST[type] ?? null;
  }
}

export function isListKind(kind: ValueKind): boolean {
  return kind.endsWith('List');
}
