/**
 * A case's history as the backtest replays it, and its facts AS OF a past day:
 * - a flag counts on the days from the day it was set up to the day before it was withdrawn (a flag
 *   set and withdrawn on the same day never counts);
 * - the petition facts count the petitions received BEFORE the day (a petition does not help
 *   foresee itself), in the same 365- and 7-day windows as live scoring;
 * - days pending run from filing to the day, or to closing once the day is past it;
 * - the stage is `closed` from the closing day; before it, the case's stage (the register keeps no
 *   stage history), or trial/enforcement by category when the case is now closed.
 */
import { daysPending } from '../case-facts.ts';
import type { CaseCategory } from '../case-number.ts';
import { petitionFacts } from '../petitions/case-facts.ts';
import type { CaseStage, Facts } from '../rules/facts.ts';
import { shanghaiDay } from '../time.ts';

export interface FlagInterval {
  factor: string;
  /** When it was set: an ISO instant or a Shanghai day. */
  from: string;
  /** When it was withdrawn, or null while active. */
  to: string | null;
}

export interface CaseHistory {
  id: string;
  filedOn: string;
  closedOn: string | null;
  /** The case's present stage. */
  stage: CaseStage;
  category: CaseCategory;
  partyCount: number;
  amountInDispute: number;
  hasVulnerableParty: boolean;
  flags: readonly FlagInterval[];
  /** Shanghai days the case's linked petitions were received, in any order. */
  petitionDays: readonly string[];
}

/** A Shanghai day from a day or an instant. */
export function dayOf(dayOrInstant: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(dayOrInstant) ? dayOrInstant : shanghaiDay(dayOrInstant);
}

/** The same history with every flag bound given as a Shanghai day. */
export interface DayFlag {
  factor: string;
  from: string;
  to: string | null;
}

export function dayFlags(h: Pick<CaseHistory, 'flags'>): DayFlag[] {
  return h.flags.map((f) => ({ factor: f.factor, from: dayOf(f.from), to: f.to === null ? null : dayOf(f.to) }));
}

export function stageOn(h: Pick<CaseHistory, 'stage' | 'closedOn' | 'category'>, day: string): CaseStage {
  if (h.closedOn !== null && day >= h.closedOn) return 'closed';
  if (h.stage !== 'closed') return h.stage;
  return h.category === 'enforcement' ? 'enforcement' : 'trial';
}

export function factsOn(h: CaseHistory, flags: readonly DayFlag[], day: string): Facts {
  const active = new Set<string>();
  for (const f of flags) if (f.from <= day && (f.to === null || f.to > day)) active.add(f.factor);
  const closedBy = h.closedOn !== null && h.closedOn <= day ? h.closedOn : null;
  return {
    flags: [...active].sort(),
    category: h.category,
    stage: stageOn(h, day),
    partyCount: h.partyCount,
    amountInDispute: h.amountInDispute,
    daysPending: daysPending(h.filedOn, closedBy, day),
    ...petitionFacts(h.petitionDays, day, { countToday: false }),
    hasVulnerableParty: h.hasVulnerableParty,
  };
}
