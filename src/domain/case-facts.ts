import type { CaseCategory } from './case-number.ts';
import type { CaseStage, Facts } from './rules/facts.ts';
import { daysBetween } from './time.ts';

/** What a case holds that rules can read (domain.md §5), gathered from its records. */
export interface CaseFactsInput {
  category: CaseCategory;
  stage: CaseStage;
  partyCount: number;
  amountInDispute: number;
  filedOn: string;
  closedOn: string | null;
  activeFactors: readonly string[];
  hasVulnerableParty: boolean;
  petitions12m: number;
  petitions7d: number;
}

/**
 * Days from filing to today, or to closing once closed (Shanghai days); never negative.
 * `today` is a Shanghai day (YYYY-MM-DD).
 */
export function daysPending(filedOn: string, closedOn: string | null, today: string): number {
  return Math.max(0, daysBetween(filedOn, closedOn ?? today));
}

export function caseFacts(input: CaseFactsInput, today: string): Facts {
  return {
    flags: [...input.activeFactors].sort(),
    category: input.category,
    stage: input.stage,
    partyCount: input.partyCount,
    amountInDispute: input.amountInDispute,
    daysPending: daysPending(input.filedOn, input.closedOn, today),
    petitions12m: input.petitions12m,
    petitions7d: input.petitions7d,
    hasVulnerableParty: input.hasVulnerableParty,
  };
}
