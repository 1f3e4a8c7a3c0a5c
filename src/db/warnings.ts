import type { Level } from '../domain/levels.ts';
import type { Actor } from '../domain/roles.ts';
import type { WarningState } from '../domain/warnings/state-machine.ts';
import { expectOneRowChanged } from './batch.ts';
import { caseScope } from './scope.ts';

export interface WarningRow {
  id: string;
  case_id: string;
  court_id: number;
  state: WarningState;
  level: Level;
  score: number;
  owner_id: string | null;
  leader_id: string | null;
  raised_at: string;
  due_at: string | null;
  escalated_at: string | null;
  escalations: number;
  outcome: string | null;
  reason: string | null;
  closed_at: string | null;
  level_at_close: Level | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** A warning with what its lists and pages show about the case and the people. */
export interface WarningListRow extends WarningRow {
  case_number: string;
  case_cause: string;
  case_category: string;
  case_court_id: number;
  case_court_name: string;
  case_court_name_en: string | null;
  case_court_path: string;
  court_name: string;
  court_name_en: string | null;
  court_code: string;
  owner_name: string | null;
  leader_name: string | null;
  judge_name: string | null;
}

const LIST_SELECT = `SELECT w.*, c.case_number, c.cause AS case_cause, c.category AS case_category, c.court_id AS case_court_id,
  cc.name AS case_court_name, cc.name_en AS case_court_name_en, cc.path AS case_court_path,
  wc.name AS court_name, wc.name_en AS court_name_en, wc.code AS court_code,
  o.display_name AS owner_name, l.display_name AS leader_name, j.display_name AS judge_name
  FROM warnings w
  JOIN cases c ON c.id = w.case_id
  JOIN courts cc ON cc.id = c.court_id
  JOIN courts wc ON wc.id = w.court_id
  LEFT JOIN users o ON o.id = w.owner_id
  LEFT JOIN users l ON l.id = w.leader_id
  LEFT JOIN users j ON j.id = c.judge_id`;

const LEVEL_RANK = `CASE w.level WHEN 'red' THEN 4 WHEN 'orange' THEN 3 WHEN 'yellow' THEN 2 WHEN 'blue' THEN 1 ELSE 0 END`;

export const OPEN_STATES: readonly WarningState[] = ['open', 'acknowledged', 'proposed', 'scheduled', 'in_followup'];

export async function getWarning(db: D1Database, id: string): Promise<WarningListRow | null> {
  return db.prepare(`${LIST_SELECT} WHERE w.id = ?`).bind(id).first<WarningListRow>();
}

export async function getOpenWarningOfCase(db: D1Database, caseId: string): Promise<WarningRow | null> {
  return db
    .prepare("SELECT * FROM warnings WHERE case_id = ? AND state NOT IN ('resolved', 'dismissed')")
    .bind(caseId)
    .first<WarningRow>();
}

export async function getLastClosedWarningOfCase(db: D1Database, caseId: string): Promise<WarningRow | null> {
  return db
    .prepare("SELECT * FROM warnings WHERE case_id = ? AND state IN ('resolved', 'dismissed') ORDER BY closed_at DESC LIMIT 1")
    .bind(caseId)
    .first<WarningRow>();
}

export async function listWarningsOfCase(db: D1Database, caseId: string): Promise<WarningRow[]> {
  const { results } = await db.prepare('SELECT * FROM warnings WHERE case_id = ? ORDER BY created_at DESC').bind(caseId).all<WarningRow>();
  return results;
}

export type WarningSort = 'level' | 'score' | 'age' | 'due';

export interface WarningQuery {
  states?: readonly WarningState[];
  level?: Level;
  courtId?: number;
  kind?: 'trial' | 'enforcement';
  overdue?: boolean;
  ownerId?: string;
  caseId?: string;
  now: string;
  sort: WarningSort;
  limit: number;
  offset: number;
}

function queueWhere(actor: Pick<Actor, 'roles' | 'courtPath' | 'courtId'>, q: Omit<WarningQuery, 'sort' | 'limit' | 'offset' | 'states'>) {
  const scope = caseScope(actor);
  const where = [scope.sql];
  const binds: (string | number)[] = [...scope.binds];
  if (q.level) {
    where.push('w.level = ?');
    binds.push(q.level);
  }
  if (q.courtId !== undefined) {
    where.push('(w.court_id = ? OR c.court_id = ?)');
    binds.push(q.courtId, q.courtId);
  }
  if (q.kind) where.push(q.kind === 'enforcement' ? "c.category = 'enforcement'" : "c.category <> 'enforcement'");
  if (q.overdue) {
    where.push("w.state = 'open' AND w.due_at IS NOT NULL AND w.due_at < ?");
    binds.push(q.now);
  }
  if (q.ownerId) {
    where.push('w.owner_id = ?');
    binds.push(q.ownerId);
  }
  if (q.caseId) {
    where.push('w.case_id = ?');
    binds.push(q.caseId);
  }
  return { where, binds };
}

const ORDER: Record<WarningSort, string> = {
  level: `${LEVEL_RANK} DESC, w.score DESC, w.raised_at ASC`,
  score: `w.score DESC, ${LEVEL_RANK} DESC, w.raised_at ASC`,
  age: 'w.raised_at ASC',
  due: 'w.due_at IS NULL, w.due_at ASC, w.raised_at ASC',
};

/** The queue: warnings of cases in the actor's scope, filtered, sorted, one page. */
export async function listWarnings(
  db: D1Database,
  actor: Pick<Actor, 'roles' | 'courtPath' | 'courtId'>,
  q: WarningQuery,
): Promise<{ rows: WarningListRow[]; total: number }> {
  const { where, binds } = queueWhere(actor, q);
  if (q.states && q.states.length) {
    where.push(`w.state IN (${q.states.map(() => '?').join(',')})`);
    binds.push(...q.states);
  }
  const cond = where.join(' AND ');
  const from = 'FROM warnings w JOIN cases c ON c.id = w.case_id';
  const [rows, count] = await db.batch([
    db.prepare(`${LIST_SELECT} WHERE ${cond} ORDER BY ${ORDER[q.sort]}, w.id LIMIT ? OFFSET ?`).bind(...binds, q.limit, q.offset),
    db.prepare(`SELECT count(*) AS n ${from} WHERE ${cond}`).bind(...binds),
  ]);
  return {
    rows: (rows?.results ?? []) as WarningListRow[],
    total: (count?.results?.[0] as { n: number } | undefined)?.n ?? 0,
  };
}

/** Counts per state under the same filters, for the queue's tabs. */
export async function countWarningsByState(
  db: D1Database,
  actor: Pick<Actor, 'roles' | 'courtPath' | 'courtId'>,
  q: Omit<WarningQuery, 'sort' | 'limit' | 'offset' | 'states'>,
): Promise<Record<string, number>> {
  const { where, binds } = queueWhere(actor, q);
  const { results } = await db
    .prepare(`SELECT w.state AS state, count(*) AS n FROM warnings w JOIN cases c ON c.id = w.case_id WHERE ${where.join(' AND ')} GROUP BY w.state`)
    .bind(...binds)
    .all<{ state: string; n: number }>();
  return Object.fromEntries(results.map((r) => [r.state, r.n]));
}

export interface WarningEventRow {
  id: number;
  warning_id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  kind: string;
  from_state: string | null;
  to_state: string | null;
  from_level: string | null;
  to_level: string | null;
  note: string;
  data_json: string | null;
}

export async function listWarningEvents(db: D1Database, warningId: string): Promise<WarningEventRow[]> {
  const { results } = await db
    .prepare(
      `SELECT e.*, u.display_name AS actor_name FROM warning_events e LEFT JOIN users u ON u.id = e.actor_id
       WHERE e.warning_id = ? ORDER BY e.id`,
    )
    .bind(warningId)
    .all<WarningEventRow>();
  return results;
}

export interface NewWarningEvent {
  warningId: string;
  at: string;
  actorId: string | null;
  kind: string;
  fromState?: string | null;
  toState?: string | null;
  fromLevel?: string | null;
  toLevel?: string | null;
  note?: string;
  data?: unknown;
}

export function insertEventStatement(db: D1Database, e: NewWarningEvent): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO warning_events (warning_id, at, actor_id, kind, from_state, to_state, from_level, to_level, note, data_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(
      e.warningId,
      e.at,
      e.actorId,
      e.kind,
      e.fromState ?? null,
      e.toState ?? null,
      e.fromLevel ?? null,
      e.toLevel ?? null,
      e.note ?? '',
      e.data === undefined ? null : JSON.stringify(e.data),
    );
}

export function insertWarningStatement(
  db: D1Database,
  w: { id: string; caseId: string; courtId: number; level: Level; score: number; dueAt: string | null; now: string },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO warnings (id, case_id, court_id, state, level, score, raised_at, due_at, version, created_at, updated_at)
       VALUES (?, ?, ?, 'open', ?, ?, ?, ?, 1, ?, ?)`,
    )
    .bind(w.id, w.caseId, w.courtId, w.level, w.score, w.now, w.dueAt, w.now, w.now);
}

/**
 * A system change of level or score (from an assessment). It does not check the version — the
 * assessment is not a user's edit — but it bumps it, so a user acting on the old level gets 409.
 */
export function updateWarningAssessmentStatement(
  db: D1Database,
  w: { id: string; level: Level; score: number; dueAt: string | null; now: string },
): D1PreparedStatement {
  return db
    .prepare('UPDATE warnings SET level = ?, score = ?, due_at = ?, version = version + 1, updated_at = ? WHERE id = ?')
    .bind(w.level, w.score, w.dueAt, w.now, w.id);
}

export function reopenWarningStatement(
  db: D1Database,
  w: { id: string; level: Level; score: number; dueAt: string | null; now: string },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE warnings SET state = 'open', level = ?, score = ?, raised_at = ?, due_at = ?, closed_at = NULL, level_at_close = NULL,
         outcome = NULL, reason = NULL, version = version + 1, updated_at = ?
       WHERE id = ? AND state IN ('resolved', 'dismissed')`,
    )
    .bind(w.level, w.score, w.now, w.dueAt, w.now, w.id);
}

export interface WarningChange {
  state: WarningState;
  ownerId: string | null;
  leaderId: string | null;
  courtId: number;
  dueAt: string | null;
  raisedAt: string;
  escalatedAt: string | null;
  escalations: number;
  outcome: string | null;
  reason: string | null;
  closedAt: string | null;
  levelAtClose: Level | null;
}

/** A user's action: applied only to the version the user saw (the guard fails the batch otherwise). */
export function applyWarningChangeStatements(
  db: D1Database,
  id: string,
  version: number,
  ch: WarningChange,
  now: string,
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `UPDATE warnings SET state = ?, owner_id = ?, leader_id = ?, court_id = ?, due_at = ?, raised_at = ?, escalated_at = ?,
           escalations = ?, outcome = ?, reason = ?, closed_at = ?, level_at_close = ?, version = version + 1, updated_at = ?
         WHERE id = ? AND version = ?`,
      )
      .bind(
        ch.state,
        ch.ownerId,
        ch.leaderId,
        ch.courtId,
        ch.dueAt,
        ch.raisedAt,
        ch.escalatedAt,
        ch.escalations,
        ch.outcome,
        ch.reason,
        ch.closedAt,
        ch.levelAtClose,
        now,
        id,
        version,
      ),
    expectOneRowChanged(db),
  ];
}

/** Open red warnings past their review deadline, for the daily escalation. */
export async function listOverdueRedWarnings(db: D1Database, now: string): Promise<WarningListRow[]> {
  const { results } = await db
    .prepare(`${LIST_SELECT} WHERE w.state = 'open' AND w.level = 'red' AND w.due_at IS NOT NULL AND w.due_at < ? ORDER BY w.due_at`)
    .bind(now)
    .all<WarningListRow>();
  return results;
}
