/**
 * A case's risk over time under one rule set: evaluated on every day its facts can change — filing,
 * closing, a flag set or withdrawn, the day after a petition and the days it leaves the 7-day and
 * 365-day windows, and the days-pending boundaries the rule set tests — and constant in between.
 */
import { PETITIONS_12M_DAYS, PETITIONS_7D_DAYS } from '../petitions/case-facts.ts';
import { daysPendingBoundaries } from '../rules/boundaries.ts';
import { evaluate, type CompiledRuleSet } from '../rules/compile.ts';
import type { Level } from '../levels.ts';
import type { RuleSet } from '../rules/types.ts';
import { addDays } from '../time.ts';
import { dayFlags, factsOn, type CaseHistory } from './history.ts';

export interface Segment {
  /** First day of the segment; it lasts until the next segment's first day. */
  from: string;
  level: Level;
  score: number;
  warn: boolean;
  /** Ids of the rules that matched. */
  matched: readonly string[];
}

/** The days on which the facts may change, from filing up to `until`, sorted and unique. */
export function changeDays(h: CaseHistory, boundaries: readonly number[], until: string): string[] {
  const days = new Set<string>([h.filedOn]);
  if (h.closedOn) days.add(h.closedOn);
  for (const f of dayFlags(h)) {
    days.add(f.from);
    if (f.to) days.add(f.to);
  }
  for (const p of h.petitionDays) {
    days.add(addDays(p, 1));
    days.add(addDays(p, PETITIONS_7D_DAYS));
    days.add(addDays(p, PETITIONS_12M_DAYS));
  }
  for (const b of boundaries) days.add(addDays(h.filedOn, b));
  return [...days].filter((d) => d >= h.filedOn && d <= until).sort();
}

export interface ReplaySet {
  ruleSet: RuleSet;
  compiled: CompiledRuleSet;
  boundaries: readonly number[];
}

export function replaySet(ruleSet: RuleSet, compiled: CompiledRuleSet): ReplaySet {
  return { ruleSet, compiled, boundaries: daysPendingBoundaries(ruleSet) };
}

/** Segments from filing to `until`; consecutive days with the same result are merged. */
export function timeline(h: CaseHistory, set: ReplaySet, until: string): Segment[] {
  const flags = dayFlags(h);
  const segments: Segment[] = [];
  for (const day of changeDays(h, set.boundaries, until)) {
    const e = evaluate(set.compiled, factsOn(h, flags, day));
    const matched = e.trace.rules.filter((r) => r.matched).map((r) => r.id);
    const last = segments.at(-1);
    if (last && last.level === e.level && last.score === e.score && last.matched.join() === matched.join()) continue;
    segments.push({ from: day, level: e.level, score: e.score, warn: e.warn, matched });
  }
  return segments;
}

/** The segment in force on a day, or null before filing. */
export function segmentOn(segments: readonly Segment[], day: string): Segment | null {
  let found: Segment | null = null;
  for (const s of segments) {
    if (s.from > day) break;
    found = s;
  }
  return found;
}

/** The day the case last reached the warn line and stayed there through `day`; null if not warned on `day`. */
export function warnedSince(segments: readonly Segment[], day: string): string | null {
  let since: string | null = null;
  for (const s of segments) {
    if (s.from > day) break;
    if (!s.warn) since = null;
    else since ??= s.from;
  }
  return since;
}
