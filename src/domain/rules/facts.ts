/**
 * The facts a rule can read (domain.md §5). One table, FACT_TYPES, says what type each fact has;
 * validation and compilation are both driven by it, so adding a fact is a one-line change here.
 */
import { z } from 'zod';
import { CASE_CATEGORIES, type CaseCategory } from '../case-number.ts';
import { CASE_STAGES, type CaseStage } from '../cases.ts';

export type FactType = 'set' | 'string' | 'integer' | 'number' | 'boolean';

export const FACT_TYPES = {
  flags: 'set',
  category: 'string',
  stage: 'string',
  partyCount: 'integer',
  amountInDispute: 'number',
  daysPending: 'integer',
  petitions12m: 'integer',
  petitions7d: 'integer',
  hasVulnerableParty: 'boolean',
} as const satisfies Record<string, FactType>;

export type FactName = keyof typeof FACT_TYPES;
export const FACT_NAMES = Object.keys(FACT_TYPES) as FactName[];

export function isFactName(value: unknown): value is FactName {
  return typeof value === 'string' && Object.hasOwn(FACT_TYPES, value);
}

export { CASE_STAGES, type CaseStage } from '../cases.ts';

/** String facts take one of a closed list of values; a rule naming any other would never match. */
export const STRING_FACT_VALUES: Readonly<Record<'category' | 'stage', readonly string[]>> = {
  category: CASE_CATEGORIES,
  stage: CASE_STAGES,
};

/** Factor codes as the risk_factors table allows them: upper-case letters, digits, underscores. */
export const FACTOR_CODE_PATTERN = /^[A-Z][A-Z0-9_]*$/;

export interface Facts {
  /** Active factor codes. Treated as a set; an array is fine (duplicates are harmless). */
  flags: readonly string[] | ReadonlySet<string>;
  category: CaseCategory;
  stage: CaseStage;
  partyCount: number;
  amountInDispute: number;
  daysPending: number;
  petitions12m: number;
  petitions7d: number;
  hasVulnerableParty: boolean;
}

const count = z.int().min(0);

/**
 * Facts as an API caller sends them (`POST /api/v1/evaluate`). Counts, the amount, the flags and
 * the vulnerable-party marker default to "nothing"; category and stage must be given.
 */
export const FactsSchema = z.object({
  flags: z.array(z.string().regex(FACTOR_CODE_PATTERN)).max(100).default([]),
  category: z.enum(CASE_CATEGORIES as [CaseCategory, ...CaseCategory[]]),
  stage: z.enum(CASE_STAGES),
  partyCount: count.default(0),
  amountInDispute: z.number().min(0).max(1e15).default(0),
  daysPending: count.default(0),
  petitions12m: count.default(0),
  petitions7d: count.default(0),
  hasVulnerableParty: z.boolean().default(false),
});

export type FactsInput = z.input<typeof FactsSchema>;

// Compile-time check: the schema's output is usable wherever Facts is expected.
type Assert<T extends true> = T;
export type FactsSchemaFitsFacts = Assert<z.output<typeof FactsSchema> extends Facts ? true : false>;
