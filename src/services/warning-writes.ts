import { EVENT_OF_ACTION, type Warning, type WarningChange } from '../domain/warnings/lifecycle.ts';
import { auditStatement } from '../db/audit.ts';
import { writeWarningChangeStatements, type CasePlacement } from '../db/warnings.ts';
import type { Db } from '../db/query.ts';

/** The audit action of a change, from its timeline entry (a quiet score change has none). */
const AUDIT_ACTION: Record<string, string> = {
  raised: 'warning.raise',
  ...Object.fromEntries(Object.entries(EVENT_OF_ACTION).map(([action, kind]) => [kind, `warning.${action}`])),
};

const AUDITED: readonly (keyof Warning)[] = [
  'state',
  'level',
  'score',
  'courtId',
  'ownerId',
  'leaderId',
  'dueAt',
  'outcome',
  'reason',
  'closedAt',
  'levelAtClose',
];

/** The fields a change moved, before and after (with the version), for the audit row. */
function changedFields(change: WarningChange): { before?: Record<string, unknown>; after: Record<string, unknown> } {
  const after: Record<string, unknown> = {};
  if (change.before === null) {
    for (const k of AUDITED) if (change.after[k] !== null) after[k] = change.after[k];
    return { after: { caseId: change.after.caseId, ...after, version: change.after.version } };
  }
  const before: Record<string, unknown> = {};
  for (const k of AUDITED) {
    if (change.before[k] !== change.after[k]) {
      before[k] = change.before[k];
      after[k] = change.after[k];
    }
  }
  return { before: { ...before, version: change.before.version }, after: { ...after, version: change.after.version } };
}

/**
 * The statements of a warning change — the row, its timeline entry and its audit row — for one
 * batch. `guard` says who is to blame if the row moved since it was read (db/batch.ts).
 */
export function warningChangeStatements(
  db: Db,
  change: WarningChange,
  opts: { guard: 'stale' | 'replan'; actorId: string | null; via: 'web' | 'api' | 'system'; caseCourtId: number; placement?: CasePlacement },
): D1PreparedStatement[] {
  const statements = writeWarningChangeStatements(db, change, opts.guard, opts.placement);
  const action = change.event ? AUDIT_ACTION[change.event.kind] : undefined;
  if (action) {
    const { before, after } = changedFields(change);
    statements.push(
      auditStatement(db, {
        actorId: opts.actorId,
        via: opts.via,
        courtId: opts.caseCourtId,
        action,
        entity: 'warning',
        entityId: change.after.id,
        before,
        after,
        at: change.after.updatedAt,
      }),
    );
  }
  return statements;
}
