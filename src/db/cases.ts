import type { CaseCategory } from '../domain/case-number.ts';
import type { Actor } from '../domain/roles.ts';
import type { CaseStage as Stage, PartyRole } from '../domain/cases.ts';
import type { Level } from '../domain/levels.ts';
import { caseScope, singleCourtScope } from './scope.ts';
import { expectOneRowChanged } from './batch.ts';
import { searchBody } from '../domain/search-text.ts';
import { type Db, many, mapped, one, type Query, run } from './query.ts';

export type { CaseStage as Stage, PartyRole } from '../domain/cases.ts';

export interface CaseRow {
  id: string;
  court_id: number;
  case_number: string;
  year: number;
  type_code: string;
  serial: number;
  category: CaseCategory;
  cause: string;
  stage: Stage;
  filed_on: string;
  closed_on: string | null;
  party_count: number;
  amount_in_dispute: number;
  judge_id: string | null;
  summary: string;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  assessment_id: string | null;
  score: number | null;
  level: Level | null;
  court_code: string;
  court_name: string;
  court_name_en: string | null;
  court_path: string;
  judge_name: string | null;
}

export interface PartyRow {
  id: string;
  case_id: string;
  position: number;
  name: string;
  role: PartyRole;
  vulnerable: number;
}

const CASE_SELECT = `SELECT c.*, ct.code AS court_code, ct.name AS court_name, ct.name_en AS court_name_en,
  ct.path AS court_path, j.display_name AS judge_name
  FROM cases c JOIN courts ct ON ct.id = c.court_id LEFT JOIN users j ON j.id = c.judge_id`;

/** Any case by id, unscoped: callers check scope with the domain's `canSeeCase`. */
export function caseQuery(db: Db, id: string): Query<CaseRow | null> {
  return one<CaseRow>(db.prepare(`${CASE_SELECT} WHERE c.id = ?`).bind(id));
}

/** A case by its normalized number, unscoped. */
export function caseByNumberQuery(db: Db, caseNumber: string): Query<CaseRow | null> {
  return one<CaseRow>(db.prepare(`${CASE_SELECT} WHERE c.case_number = ?`).bind(caseNumber));
}

export async function getCase(db: Db, id: string): Promise<CaseRow | null> {
  return run(db, caseQuery(db, id));
}

export function partiesQuery(db: Db, caseId: string): Query<PartyRow[]> {
  return many<PartyRow>(db.prepare('SELECT * FROM parties WHERE case_id = ? ORDER BY position').bind(caseId));
}

export interface CaseSearch {
  /** An exact case number (normalized), or the full-text phrase of a fragment of one. */
  number?: { exact?: string; phrase?: string | null };
  /**
   * A full-text phrase (src/domain/search-text.ts `phraseQuery`) over number, cause, summary and
   * parties; null when the term had nothing to search for, which matches nothing.
   */
  phrase?: string | null;
  stage?: Stage;
  level?: Level;
  kind?: 'trial' | 'enforcement';
  courtId?: number;
  judgeId?: string;
  limit: number;
  offset: number;
}

/** Counting stops here: a list says "1,000+" rather than count a province's cases on every page. */
export const COUNT_CAP = 1000;

/**
 * One page of the cases in the actor's scope that match, and how many match (up to COUNT_CAP).
 * Without a search term the page is a walk of an index in the list's order (newest filed first):
 * the province's, or the one court's; with one, the full-text index gives the matches newest
 * registered first. Either way no query sorts or counts the whole scope.
 */
export function searchCases(db: Db, actor: Pick<Actor, 'roles' | 'courtPath' | 'courtId'>, s: CaseSearch): { rows: Query<CaseRow[]>; total: Query<{ n: number; capped: boolean }> } {
  const scope = caseScope(actor);
  const where = [scope.sql];
  const binds: (string | number)[] = [...scope.binds];
  if (s.number?.exact) {
    where.push('c.case_number = ?');
    binds.push(s.number.exact);
  }
  const phrases = [s.number?.phrase, s.phrase].filter((p) => p !== undefined);
  if (phrases.includes(null)) where.push('0');
  const fullText = phrases.filter((p): p is string => Boolean(p));
  if (s.stage) {
    where.push('c.stage = ?');
    binds.push(s.stage);
  }
  if (s.level) {
    // A case not assessed yet counts as no risk.
    where.push(s.level === 'none' ? "coalesce(c.level, 'none') = 'none'" : 'c.level = ?');
    if (s.level !== 'none') binds.push(s.level);
  }
  if (s.kind) where.push(s.kind === 'enforcement' ? "c.category = 'enforcement'" : "c.category <> 'enforcement'");
  if (s.courtId !== undefined) {
    where.push('c.court_id = ?');
    binds.push(s.courtId);
  }
  if (s.judgeId) {
    where.push('c.judge_id = ?');
    binds.push(s.judgeId);
  }
  let from: string;
  let order: string;
  if (fullText.length) {
    from = 'case_search f JOIN cases c ON c.rowid = f.rowid';
    where.unshift('case_search MATCH ?');
    binds.unshift(fullText.join(' AND '));
    order = 'f.rowid DESC';
  } else {
    const index = s.number?.exact ? '' : singleCourtScope(actor) || s.courtId !== undefined ? ' INDEXED BY cases_court_by_filed' : ' INDEXED BY cases_by_filed';
    from = `cases c${index}`;
    order = 'c.filed_on DESC, c.case_number';
  }
  const cond = where.join(' AND ');
  return {
    rows: many<CaseRow>(
      db
        .prepare(
          `SELECT c.*, ct.code AS court_code, ct.name AS court_name, ct.name_en AS court_name_en, ct.path AS court_path, j.display_name AS judge_name
           FROM ${from} JOIN courts ct ON ct.id = c.court_id LEFT JOIN users j ON j.id = c.judge_id
           WHERE ${cond} ORDER BY ${order} LIMIT ? OFFSET ?`,
        )
        .bind(...binds, s.limit, s.offset),
    ),
    total: mapped(
      one<{ n: number }>(db.prepare(`SELECT count(*) AS n FROM (SELECT 1 FROM ${from} WHERE ${cond} LIMIT ?)`).bind(...binds, COUNT_CAP + 1)),
      (r) => ({ n: Math.min(r?.n ?? 0, COUNT_CAP), capped: (r?.n ?? 0) > COUNT_CAP }),
    ),
  };
}

export interface NewCase {
  id: string;
  courtId: number;
  caseNumber: string;
  year: number;
  typeCode: string;
  serial: number;
  category: CaseCategory;
  cause: string;
  stage: Stage;
  filedOn: string;
  closedOn: string | null;
  partyCount: number;
  amountInDispute: number;
  judgeId: string | null;
  summary: string;
  createdBy: string;
  now: string;
  parties: { id: string; name: string; role: PartyRole; vulnerable: boolean }[];
}

/** The case's row of the search index, written anew (after the case row exists). */
export function searchRowStatements(db: Db, caseId: string, body: string, replace = true): D1PreparedStatement[] {
  const insert = db.prepare('INSERT INTO case_search (rowid, body) SELECT rowid, ? FROM cases WHERE id = ?').bind(body, caseId);
  if (!replace) return [insert];
  return [db.prepare('DELETE FROM case_search WHERE rowid = (SELECT rowid FROM cases WHERE id = ?)').bind(caseId), insert];
}

export function insertCaseStatements(db: Db, c: NewCase): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO cases (id, court_id, case_number, year, type_code, serial, category, cause, stage, filed_on, closed_on,
           party_count, amount_in_dispute, judge_id, summary, version, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
      )
      .bind(
        c.id,
        c.courtId,
        c.caseNumber,
        c.year,
        c.typeCode,
        c.serial,
        c.category,
        c.cause,
        c.stage,
        c.filedOn,
        c.closedOn,
        c.partyCount,
        c.amountInDispute,
        c.judgeId,
        c.summary,
        c.createdBy,
        c.now,
        c.now,
      ),
    ...c.parties.map((p, i) =>
      db
        .prepare('INSERT INTO parties (id, case_id, position, name, role, vulnerable) VALUES (?, ?, ?, ?, ?, ?)')
        .bind(p.id, c.id, i + 1, p.name, p.role, p.vulnerable ? 1 : 0),
    ),
    ...searchRowStatements(db, c.id, searchBody([c.caseNumber, c.cause, c.summary, ...c.parties.map((p) => p.name)]), false),
  ];
}

/** The columns a case edit may change, as the service names them. */
export interface CaseFields {
  cause: string;
  stage: Stage;
  filedOn: string;
  closedOn: string | null;
  partyCount: number;
  amountInDispute: number;
  judgeId: string | null;
  summary: string;
}

const FIELD_COLUMNS: Record<keyof CaseFields, string> = {
  cause: 'cause',
  stage: 'stage',
  filedOn: 'filed_on',
  closedOn: 'closed_on',
  partyCount: 'party_count',
  amountInDispute: 'amount_in_dispute',
  judgeId: 'judge_id',
  summary: 'summary',
};

/**
 * Changes some fields of a case and bumps its version — only from the version the editor saw
 * when one is given (a stale one fails the batch: 409); a push without a version relies on the
 * scoring revision guard instead (db/scoring.ts).
 */
export function updateCaseStatements(
  db: Db,
  c: { id: string; version: number | null; changes: Partial<CaseFields>; now: string },
): D1PreparedStatement[] {
  const names = Object.keys(c.changes) as (keyof CaseFields)[];
  const sets = [...names.map((n) => `${FIELD_COLUMNS[n]} = ?`), 'version = version + 1', 'updated_at = ?'];
  const values = [...names.map((n) => c.changes[n] ?? null), c.now];
  if (c.version === null) return [db.prepare(`UPDATE cases SET ${sets.join(', ')} WHERE id = ?`).bind(...values, c.id)];
  return [db.prepare(`UPDATE cases SET ${sets.join(', ')} WHERE id = ? AND version = ?`).bind(...values, c.id, c.version), expectOneRowChanged(db)];
}

/** Replaces the case's parties with this list, in its order. */
export function replacePartiesStatements(db: Db, caseId: string, parties: { id: string; name: string; role: PartyRole; vulnerable: boolean }[]): D1PreparedStatement[] {
  return [
    db.prepare('DELETE FROM parties WHERE case_id = ?').bind(caseId),
    ...parties.map((p, i) =>
      db.prepare('INSERT INTO parties (id, case_id, position, name, role, vulnerable) VALUES (?, ?, ?, ?, ?, ?)').bind(p.id, caseId, i + 1, p.name, p.role, p.vulnerable ? 1 : 0),
    ),
  ];
}

export interface CaseHistoryRow {
  id: number;
  at: string;
  actor_name: string | null;
  action: string;
  before_json: string | null;
  after_json: string | null;
  judge_before: string | null;
  judge_after: string | null;
}

/** What people changed on a case, newest first, from its audit rows (assessments are shown apart). */
export function caseHistoryQuery(db: Db, caseId: string, limit = 50): Query<CaseHistoryRow[]> {
  return many<CaseHistoryRow>(
    db
      .prepare(
        `SELECT a.id, a.at, u.display_name AS actor_name, a.action, a.before_json, a.after_json,
           jb.display_name AS judge_before, ja.display_name AS judge_after
         FROM audit_log a
         LEFT JOIN users u ON u.id = a.actor_id
         LEFT JOIN users jb ON jb.id = json_extract(a.before_json, '$.judgeId')
         LEFT JOIN users ja ON ja.id = json_extract(a.after_json, '$.judgeId')
         WHERE a.entity = 'case' AND a.entity_id = ? AND a.action IN ('case.create', 'case.update', 'flag.add', 'flag.withdraw')
         ORDER BY a.id DESC LIMIT ?`,
      )
      .bind(caseId, limit),
  );
}
