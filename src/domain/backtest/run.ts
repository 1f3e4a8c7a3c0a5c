/**
 * Did the warnings work? (domain.md §10, issue 8 §3). Each case is replayed AS OF its history with
 * the same compiled evaluator the product scores with, never from stored assessments.
 *
 * - Recall: of the cases with a petition in the period, the share that stood at or above the warn
 *   line on the day of their first petition in the period — reached before it or on that very day.
 *   The lead time counts from the day the case last reached the warn line (so a warning whose flags
 *   were withdrawn before the petition, letting the score fall back, does not count); the same day
 *   is a lead of 0. The median of the lead times, in days.
 * - Precision: of the cases that stood at or above the warn line on some day of the period, the
 *   share with a petition within 180 days from the first such day (that day included). With
 *   `asOf`, a case whose 180 days are not over yet and has no petition so far is left out as
 *   undecided rather than counted as a false alarm.
 * - Per rule: the cases on which the rule matched on some day of the period, split by whether a
 *   petition followed within 180 days of its first match in the period.
 */
import { compileRuleSet, type CompiledRuleSet } from '../rules/compile.ts';
import type { RuleSet } from '../rules/types.ts';
import type { Period } from '../stats/period.ts';
import { addDays } from '../time.ts';
import type { CaseHistory } from './history.ts';
import { replaySet, timeline, warnedSince, type Segment } from './timeline.ts';

export const PRECISION_WINDOW_DAYS = 180;

export interface CaseOutcome {
  caseId: string;
  /** First petition in the period, or null. */
  firstPetition: string | null;
  /** For a petitioned case: the day it last reached the warn line before (or on) that petition. */
  warnedSince: string | null;
  leadDays: number | null;
  /** First day of the period on which the case stood at or above the warn line. */
  firstWarnInPeriod: string | null;
  /** A petition within 180 days from firstWarnInPeriod; null when undecided or never warned. */
  petitionFollowed: boolean | null;
}

export interface RuleOutcome {
  id: string;
  label: string;
  labelEn: string | undefined;
  /** Cases on which the rule matched in the period. */
  fired: number;
  firedThenPetition: number;
  firedNoPetition: number;
  /** firedThenPetition ÷ (firedThenPetition + firedNoPetition); null when none is decided. */
  share: number | null;
}

export interface BacktestResult {
  ruleSetName: string;
  period: Period;
  cases: number;
  recall: { petitioned: number; warnedBefore: number; rate: number | null; medianLeadDays: number | null };
  precision: { warned: number; petitionFollowed: number; undecided: number; rate: number | null };
  rules: RuleOutcome[];
  perCase: CaseOutcome[];
}

export interface BacktestInput {
  histories: readonly CaseHistory[];
  ruleSet: RuleSet;
  /** The same rule set compiled, when the caller has it already. */
  compiled?: CompiledRuleSet;
  period: Period;
  /** Today (Shanghai day): precision windows not over by then are undecided. */
  asOf?: string;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function firstDayInPeriod(segments: readonly Segment[], period: Period, test: (s: Segment) => boolean): string | null {
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const end = i + 1 < segments.length ? addDays(segments[i + 1]!.from, -1) : period.to;
    if (end < period.from || s.from > period.to) continue;
    if (test(s)) return s.from > period.from ? s.from : period.from;
  }
  return null;
}

/**
 * A petition within the window from `day` (inclusive, 180 days on): true; none and the window is
 * over (or no asOf): false; none yet but the window runs past asOf: null.
 */
function followed(petitions: readonly string[], day: string, asOf: string | undefined): boolean | null {
  const end = addDays(day, PRECISION_WINDOW_DAYS);
  if (petitions.some((p) => p >= day && p <= end)) return true;
  return asOf !== undefined && end > asOf ? null : false;
}

export function runBacktest(input: BacktestInput): BacktestResult {
  const { period, asOf } = input;
  const set = replaySet(input.ruleSet, input.compiled ?? compileRuleSet(input.ruleSet));
  const perCase: CaseOutcome[] = [];
  const rules = input.ruleSet.rules.map(
    (r): RuleOutcome => ({ id: r.id, label: r.label, labelEn: r.labelEn, fired: 0, firedThenPetition: 0, firedNoPetition: 0, share: null }),
  );
  const leads: number[] = [];
  let petitioned = 0;
  let warned = 0;
  let petitionFollowedCount = 0;
  let undecided = 0;

  for (const h of input.histories) {
    if (h.filedOn > period.to) continue;
    const petitions = [...h.petitionDays].sort();
    const segments = timeline(h, set, period.to);
    const firstPetition = petitions.find((p) => p >= period.from && p <= period.to) ?? null;

    let since: string | null = null;
    let leadDays: number | null = null;
    if (firstPetition) {
      petitioned++;
      since = warnedSince(segments, firstPetition);
      if (since !== null) {
        leadDays = Math.round((Date.parse(firstPetition) - Date.parse(since)) / 86_400_000);
        leads.push(leadDays);
      }
    }

    const firstWarn = firstDayInPeriod(segments, period, (s) => s.warn);
    let petitionFollowed: boolean | null = null;
    if (firstWarn) {
      petitionFollowed = followed(petitions, firstWarn, asOf);
      if (petitionFollowed === null) undecided++;
      else {
        warned++;
        if (petitionFollowed) petitionFollowedCount++;
      }
    }

    for (const rule of rules) {
      const fired = firstDayInPeriod(segments, period, (s) => s.matched.includes(rule.id));
      if (!fired) continue;
      rule.fired++;
      const then = followed(petitions, fired, asOf);
      if (then === true) rule.firedThenPetition++;
      if (then === false) rule.firedNoPetition++;
    }

    perCase.push({ caseId: h.id, firstPetition, warnedSince: since, leadDays, firstWarnInPeriod: firstWarn, petitionFollowed });
  }
  for (const rule of rules) rule.share = ratio(rule.firedThenPetition, rule.firedThenPetition + rule.firedNoPetition);

  return {
    ruleSetName: input.ruleSet.name,
    period,
    cases: perCase.length,
    recall: { petitioned, warnedBefore: leads.length, rate: ratio(leads.length, petitioned), medianLeadDays: median(leads) },
    precision: { warned, petitionFollowed: petitionFollowedCount, undecided, rate: ratio(petitionFollowedCount, warned) },
    rules,
    perCase,
  };
}
