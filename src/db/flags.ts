import { expectOneRowChanged } from './batch.ts';
import { type Db, many, one, type Query } from './query.ts';
import { CASE_OF_WARNING } from './warnings.ts';

export interface FlagRow {
  id: string;
  case_id: string;
  factor_code: string;
  note: string;
  created_by: string;
  created_at: string;
  withdrawn_by: string | null;
  withdrawn_at: string | null;
  withdraw_note: string | null;
  factor_name_zh: string;
  factor_name_en: string;
  created_by_name: string | null;
  withdrawn_by_name: string | null;
}

const FLAG_SELECT = `SELECT f.*, rf.name_zh AS factor_name_zh, rf.name_en AS factor_name_en,
  cu.display_name AS created_by_name, wu.display_name AS withdrawn_by_name
  FROM flags f JOIN risk_factors rf ON rf.code = f.factor_code
  LEFT JOIN users cu ON cu.id = f.created_by LEFT JOIN users wu ON wu.id = f.withdrawn_by`;

/**
 * All flags of a case, active first (by catalog order), then withdrawn ones newest first. The
 * case is given by id, or as the case of a warning (to read both in one round trip).
 */
export function flagsQuery(db: Db, of: string | { warningId: string }): Query<FlagRow[]> {
  const caseId = typeof of === 'string' ? '?' : CASE_OF_WARNING;
  return many<FlagRow>(
    db
      .prepare(
        `${FLAG_SELECT} WHERE f.case_id = ${caseId}
         ORDER BY f.withdrawn_at IS NOT NULL, f.withdrawn_at DESC, rf.sort_order, f.created_at`,
      )
      .bind(typeof of === 'string' ? of : of.warningId),
  );
}

export function flagQuery(db: Db, caseId: string, flagId: string): Query<FlagRow | null> {
  return one<FlagRow>(db.prepare(`${FLAG_SELECT} WHERE f.case_id = ? AND f.id = ?`).bind(caseId, flagId));
}

export function insertFlagStatement(
  db: Db,
  f: { id: string; caseId: string; factorCode: string; note: string; createdBy: string; now: string },
): D1PreparedStatement {
  return db
    .prepare('INSERT INTO flags (id, case_id, factor_code, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .bind(f.id, f.caseId, f.factorCode, f.note, f.createdBy, f.now);
}

/** Withdrawal keeps the flag as history; withdrawing twice is refused by the guard. */
export function withdrawFlagStatements(
  db: Db,
  f: { id: string; by: string; note: string; now: string },
): D1PreparedStatement[] {
  return [
    db
      .prepare('UPDATE flags SET withdrawn_by = ?, withdrawn_at = ?, withdraw_note = ? WHERE id = ? AND withdrawn_at IS NULL')
      .bind(f.by, f.now, f.note, f.id),
    expectOneRowChanged(db),
  ];
}
