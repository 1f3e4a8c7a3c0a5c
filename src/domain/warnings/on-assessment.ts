import { levelRank, type Level } from '../levels.ts';
import type { WarningState } from './state-machine.ts';

/**
 * What a new assessment does to a case's warnings (domain.md §7): at most one open warning per
 * case; a later assessment updates it instead of raising another.
 *
 * - No open warning and the level reaches `warnAt`: raise one — unless the last warning was
 *   closed at this level or higher. A dismissed warning then reopens by itself only when the level
 *   rises above the level at dismissal; after a resolved warning a *new* warning is raised only
 *   when the level rises above the level at resolution (the old conflict was settled; the same
 *   risk again is not news, a higher one is).
 * - An open warning: a changed level is written to its timeline; a changed score alone is kept
 *   quietly. A level below `warnAt` does not close it: people close warnings, not scores.
 */
export interface OpenWarning {
  id: string;
  state: WarningState;
  level: Level;
  score: number;
}

export interface ClosedWarning {
  id: string;
  state: 'resolved' | 'dismissed';
  levelAtClose: Level;
}

export type WarningDecision =
  | { kind: 'none' }
  | { kind: 'raise' }
  | { kind: 'reopen'; warningId: string }
  | { kind: 'level_change'; warningId: string; from: Level; to: Level }
  | { kind: 'score_change'; warningId: string };

export function decideWarning(input: {
  open: OpenWarning | null;
  lastClosed: ClosedWarning | null;
  level: Level;
  score: number;
  warn: boolean;
}): WarningDecision {
  const { open, lastClosed, level, score, warn } = input;
  if (open) {
    if (open.level !== level) return { kind: 'level_change', warningId: open.id, from: open.level, to: level };
    if (open.score !== score) return { kind: 'score_change', warningId: open.id };
    return { kind: 'none' };
  }
  if (!warn) return { kind: 'none' };
  if (!lastClosed || levelRank(level) > levelRank(lastClosed.levelAtClose)) {
    return lastClosed?.state === 'dismissed' ? { kind: 'reopen', warningId: lastClosed.id } : { kind: 'raise' };
  }
  return { kind: 'none' };
}
