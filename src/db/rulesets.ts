import { expectOneRowChanged } from './batch.ts';
import { type Db, many, one, type Query, run } from './query.ts';

export type RuleSetStatus = 'draft' | 'active' | 'retired';

export interface RuleSetRow {
  id: string;
  version: number;
  name: string;
  status: RuleSetStatus;
  document: string;
  note: string;
  author_id: string | null;
  author_name: string | null;
  created_at: string;
  updated_at: string;
  activated_at: string | null;
  activated_by: string | null;
  retired_at: string | null;
  revision: number;
}

const SELECT = `SELECT r.*, u.display_name AS author_name FROM rule_sets r LEFT JOIN users u ON u.id = r.author_id`;

export function activeRuleSetQuery(db: Db): Query<RuleSetRow | null> {
  return one<RuleSetRow>(db.prepare(`${SELECT} WHERE r.status = 'active'`));
}

export async function getActiveRuleSet(db: Db): Promise<RuleSetRow | null> {
  return run(db, activeRuleSetQuery(db));
}

export function ruleSetQuery(db: Db, id: string): Query<RuleSetRow | null> {
  return one<RuleSetRow>(db.prepare(`${SELECT} WHERE r.id = ?`).bind(id));
}

export function ruleSetsQuery(db: Db): Query<RuleSetRow[]> {
  return many<RuleSetRow>(db.prepare(`${SELECT} ORDER BY r.version DESC`));
}

export async function getRuleSet(db: Db, id: string): Promise<RuleSetRow | null> {
  return db.prepare(`${SELECT} WHERE r.id = ?`).bind(id).first<RuleSetRow>();
}

export async function listRuleSets(db: Db): Promise<RuleSetRow[]> {
  const { results } = await db.prepare(`${SELECT} ORDER BY r.version DESC`).all<RuleSetRow>();
  return results;
}

export async function nextRuleSetVersion(db: Db): Promise<number> {
  const row = await db.prepare('SELECT coalesce(max(version), 0) + 1 AS v FROM rule_sets').first<{ v: number }>();
  return row?.v ?? 1;
}

export function insertRuleSetStatement(
  db: Db,
  r: { id: string; version: number; name: string; document: string; note: string; authorId: string; now: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO rule_sets (id, version, name, status, document, note, author_id, created_at, updated_at, revision)
       VALUES (?, ?, ?, 'draft', ?, ?, ?, ?, ?, 1)`,
    )
    .bind(r.id, r.version, r.name, r.document, r.note, r.authorId, r.now, r.now);
}

/** Only a draft is edited, and only from the revision the editor saw. */
export function updateDraftStatements(
  db: Db,
  r: { id: string; revision: number; name: string; document: string; note: string; now: string },
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `UPDATE rule_sets SET name = ?, document = ?, note = ?, updated_at = ?, revision = revision + 1
         WHERE id = ? AND status = 'draft' AND revision = ?`,
      )
      .bind(r.name, r.document, r.note, r.now, r.id, r.revision),
    expectOneRowChanged(db),
  ];
}

/** Retires the active rule set and activates the draft, atomically (with the guard). */
export function activateStatements(db: Db, r: { id: string; revision: number; by: string; now: string }): D1PreparedStatement[] {
  return [
    db.prepare("UPDATE rule_sets SET status = 'retired', retired_at = ?, updated_at = ? WHERE status = 'active'").bind(r.now, r.now),
    db
      .prepare(
        `UPDATE rule_sets SET status = 'active', activated_at = ?, activated_by = ?, updated_at = ?, revision = revision + 1
         WHERE id = ? AND status = 'draft' AND revision = ?`,
      )
      .bind(r.now, r.by, r.now, r.id, r.revision),
    expectOneRowChanged(db),
  ];
}
