/**
 * What a simulation counts: each open case evaluated under the active set and under a candidate.
 * A simulation runs in chunks; each chunk's tally is added to the stored one, and the changes are
 * kept in one order so that the first ones are the same however the cases were chunked.
 */
import { LEVELS, levelRank, type Level } from '../levels.ts';
import type { Facts } from './facts.ts';
import { evaluate, type CompiledRuleSet } from './compile.ts';

/** How many changed cases a simulation lists (the count covers them all). */
export const SIMULATION_CHANGES_SHOWN = 200;

export interface SimulationChange {
  caseId: string;
  caseNumber: string;
  from: Level;
  to: Level;
  scoreFrom: number;
  scoreTo: number;
  warning: { id: string; state: string } | null;
}

export interface SimulationTally {
  casesEvaluated: number;
  levelsBefore: Record<Level, number>;
  levelsAfter: Record<Level, number>;
  casesChanged: number;
  openWarningsChanged: number;
  /** Cases that would reach the warning line without having a warning now. */
  newWarnings: number;
  changes: SimulationChange[];
}

export const emptyLevelCounts = (): Record<Level, number> => Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;

export function emptyTally(): SimulationTally {
  return { casesEvaluated: 0, levelsBefore: emptyLevelCounts(), levelsAfter: emptyLevelCounts(), casesChanged: 0, openWarningsChanged: 0, newWarnings: 0, changes: [] };
}

/** How many levels a change moves: the order of the list, biggest first. */
export const levelMove = (c: Pick<SimulationChange, 'from' | 'to'>) => Math.abs(levelRank(c.to) - levelRank(c.from));

/** Biggest move first, then by case number (code-point order, as the database sorts it). */
export function changeOrder(x: SimulationChange, y: SimulationChange): number {
  return levelMove(y) - levelMove(x) || (x.caseNumber < y.caseNumber ? -1 : x.caseNumber > y.caseNumber ? 1 : 0);
}

export interface SimulatedCase {
  id: string;
  caseNumber: string;
  facts: Facts;
  openWarning: { id: string; state: string } | null;
}

/** Adds the cases to the tally (in place) and answers it. */
export function tallyCases(tally: SimulationTally, cases: Iterable<SimulatedCase>, active: CompiledRuleSet, candidate: CompiledRuleSet): SimulationTally {
  for (const c of cases) {
    const a = evaluate(active, c.facts, { trace: false });
    const b = evaluate(candidate, c.facts, { trace: false });
    tally.casesEvaluated++;
    tally.levelsBefore[a.level]++;
    tally.levelsAfter[b.level]++;
    if (b.warn && !c.openWarning) tally.newWarnings++;
    if (a.level !== b.level) {
      tally.casesChanged++;
      if (c.openWarning) tally.openWarningsChanged++;
      tally.changes.push({ caseId: c.id, caseNumber: c.caseNumber, from: a.level, to: b.level, scoreFrom: a.score, scoreTo: b.score, warning: c.openWarning });
    }
  }
  return tally;
}

/** The changes as listed: in order, the first SIMULATION_CHANGES_SHOWN. */
export function shownChanges(changes: SimulationChange[]): SimulationChange[] {
  return [...changes].sort(changeOrder).slice(0, SIMULATION_CHANGES_SHOWN);
}
