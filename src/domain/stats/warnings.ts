/**
 * Warning figures of a statistics period, from plain warning rows: raised in the period, resolved
 * (化解) in the period, and open at its end (raised by its last day and not closed by then — a
 * dismissed or resolved warning is closed). By the warning's current level, red first.
 */
import type { Level } from '../levels.ts';
import { inPeriod, type Period } from './period.ts';

export interface WarningStatRow {
  level: Level;
  /** Shanghai day the warning was raised. */
  raisedOn: string;
  /** Shanghai day it was resolved or dismissed; null while active. */
  closedOn: string | null;
  /** True when it was closed by resolving (化解), false when dismissed or still active. */
  resolved: boolean;
}

export interface WarningCounts {
  raised: number;
  resolved: number;
  open: number;
}

export const WARNING_STAT_LEVELS: readonly Level[] = ['red', 'orange', 'yellow', 'blue', 'none'];

export function warningFigures(rows: readonly WarningStatRow[], period: Period): { byLevel: ({ level: Level } & WarningCounts)[]; total: WarningCounts } {
  const byLevel = WARNING_STAT_LEVELS.map((level) => ({ level, raised: 0, resolved: 0, open: 0 }));
  const total: WarningCounts = { raised: 0, resolved: 0, open: 0 };
  for (const w of rows) {
    const slot = byLevel.find((b) => b.level === w.level);
    if (!slot) continue;
    const raised = inPeriod(w.raisedOn, period);
    const resolved = w.resolved && w.closedOn !== null && inPeriod(w.closedOn, period);
    const open = w.raisedOn <= period.to && (w.closedOn === null || w.closedOn > period.to);
    for (const t of [slot, total]) {
      if (raised) t.raised++;
      if (resolved) t.resolved++;
      if (open) t.open++;
    }
  }
  return { byLevel, total };
}
