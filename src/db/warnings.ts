import type { Level } from '../domain/levels.ts';
import type { Actor } from '../domain/roles.ts';
import { ACTIVE_STATES, type WarningState } from '../domain/warnings/state-machine.ts';
import type { TimelineEntry, Warning, WarningChange } from '../domain/warnings/lifecycle.ts';
import { expectOneRowChanged, replanUnlessOneRowChanged } from './batch.ts';
import { type Db, many, mapped, one, type Query, run } from './query.ts';
import { pathRange, warningScope } from './scope.ts';
import { seesSubtree, visibleKinds } from '../domain/roles.ts';
import { levelRank } from '../domain/levels.ts';

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
  case_stage: string;
}

const LIST_COLUMNS = `SELECT w.*, c.case_number, c.cause AS case_cause, c.category AS case_category, c.stage AS case_stage,
  cc.name AS case_court_name, cc.name_en AS case_court_name_en, cc.path AS case_court_path,
  wc.name AS court_name, wc.name_en AS court_name_en, wc.code AS court_code,
  o.display_name AS owner_name, l.display_name AS leader_name, j.display_name AS judge_name`;
const LIST_JOINS = `JOIN cases c ON c.id = w.case_id
  JOIN courts cc ON cc.id = w.case_court_id
  JOIN courts wc ON wc.id = w.court_id
  LEFT JOIN users o ON o.id = w.owner_id
  LEFT JOIN users l ON l.id = w.leader_id
  LEFT JOIN users j ON j.id = c.judge_id`;
const LIST_SELECT = `${LIST_COLUMNS} FROM warnings w ${LIST_JOINS}`;

export function warningQuery(db: Db, id: string): Query<WarningListRow | null> {
  return one<WarningListRow>(db.prepare(`${LIST_SELECT} WHERE w.id = ?`).bind(id));
}

export async function getWarning(db: Db, id: string): Promise<WarningListRow | null> {
  return run(db, warningQuery(db, id));
}

export function warningsByIdsQuery(db: Db, ids: readonly string[]): Query<WarningListRow[]> {
  return many<WarningListRow>(db.prepare(`${LIST_SELECT} WHERE w.id IN (${ids.map(() => '?').join(',')})`).bind(...ids));
}

/** The SQL for "the id of the warning's case", for reading a warning's case data in the same round trip. */
export const CASE_OF_WARNING = '(SELECT case_id FROM warnings WHERE id = ?)';

/**
 * People who may be named on a warning: active users with `role` at the court of the warning's
 * case or a court above it, within `scopePath` — top court first.
 */
export function peopleForWarningQuery(db: Db, warningId: string, role: 'petition_officer' | 'leader', scopePath: string): Query<{ id: string; display_name: string }[]> {
  return many(
    db
      .prepare(
        `SELECT u.id, u.display_name FROM users u JOIN courts ct ON ct.id = u.court_id
         WHERE u.active = 1 AND ct.path LIKE ?
           AND EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = ?)
           AND (SELECT cc.path FROM warnings w JOIN cases k ON k.id = w.case_id JOIN courts cc ON cc.id = k.court_id WHERE w.id = ?)
               LIKE ct.path || '%'
         ORDER BY length(ct.path), u.username`,
      )
      .bind(`${scopePath}%`, role, warningId),
  );
}

export function openWarningOfCaseQuery(db: Db, caseId: string): Query<WarningRow | null> {
  return one<WarningRow>(db.prepare("SELECT * FROM warnings WHERE case_id = ? AND state NOT IN ('resolved', 'dismissed')").bind(caseId));
}

export type WarningSort = 'level' | 'score' | 'age' | 'due';

export interface WarningQuery {
  states?: readonly WarningState[];
  level?: Level;
  courtId?: number;
  kind?: 'trial' | 'enforcement';
  overdue?: boolean;
  ownerId?: string;
  /** The warnings a leader is in charge of (包案). */
  leaderId?: string;
  caseId?: string;
  now: string;
  sort: WarningSort;
  limit: number;
  offset: number;
}

type ScopeActor = Pick<Actor, 'roles' | 'courtPath' | 'courtId'>;
type QueueFilters = Omit<WarningQuery, 'sort' | 'limit' | 'offset' | 'states'>;

/** The filters a queue request can add, on the warning's own columns (no join needed to filter). */
function queueWhere(actor: ScopeActor, q: QueueFilters) {
  const scope = warningScope(actor);
  const where = [scope.sql];
  const binds: (string | number)[] = [...scope.binds];
  if (q.level) {
    where.push('w.level_rank = ?');
    binds.push(levelRank(q.level));
  }
  if (q.courtId !== undefined) {
    where.push('(w.court_id = ? OR w.case_court_id = ?)');
    binds.push(q.courtId, q.courtId);
  }
  if (q.kind) {
    where.push('w.case_kind = ?');
    binds.push(q.kind);
  }
  if (q.overdue) {
    where.push("w.state = 'open' AND w.due_at IS NOT NULL AND w.due_at < ?");
    binds.push(q.now);
  }
  if (q.ownerId) {
    where.push('w.owner_id = ?');
    binds.push(q.ownerId);
  }
  if (q.leaderId) {
    where.push('w.leader_id = ?');
    binds.push(q.leaderId);
  }
  if (q.caseId) {
    where.push('w.case_id = ?');
    binds.push(q.caseId);
  }
  return { where, binds };
}

/** Each order exactly as an index of migration 0008 holds it, so that a page is an index walk. */
const ORDER: Record<WarningSort, string> = {
  level: 'w.level_rank DESC, w.score DESC, w.raised_at, w.id',
  score: 'w.score DESC, w.level_rank DESC, w.raised_at, w.id',
  age: 'w.raised_at, w.id',
  due: 'w.due_at IS NULL, w.due_at, w.raised_at, w.id',
};

const sameStates = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((s) => b.includes(s));

/**
 * The queue: warnings of cases in the actor's scope, filtered, sorted, one page. The page is found
 * first, as rowids read off the order's index (the entries a later page skips cost no lookups),
 * and only its rows are joined to their case, courts and people, then put in order again.
 */
export function listWarnings(db: Db, actor: ScopeActor, q: WarningQuery): Query<WarningListRow[]> {
  const { where, binds } = queueWhere(actor, q);
  if (q.states && sameStates(q.states, ACTIVE_STATES)) where.push('w.active = 1');
  else if (q.states && q.states.length) {
    where.push(`w.state IN (${q.states.map(() => '?').join(',')})`);
    binds.push(...q.states);
  }
  return many<WarningListRow>(
    db
      .prepare(
        `${LIST_COLUMNS}
         FROM (SELECT w.rowid AS rid FROM warnings w WHERE ${where.join(' AND ')} ORDER BY ${ORDER[q.sort]} LIMIT ? OFFSET ?) page
         CROSS JOIN warnings w ON w.rowid = page.rid
         ${LIST_JOINS} ORDER BY ${ORDER[q.sort]}`,
      )
      .bind(...binds, q.limit, q.offset),
  );
}

/**
 * Counts per state, for the queue's tabs (and its total). Filtered by level or kind only, they
 * are the counters of migration 0008 added up over the courts of the scope; a filter the counters
 * do not have (overdue, owner, court) counts its few warnings on an index.
 */
export function countWarningsByState(db: Db, actor: ScopeActor, q: QueueFilters): Query<Record<string, number>> {
  const counted = (stmt: D1PreparedStatement) =>
    mapped(many<{ state: string; n: number }>(stmt), (rows) => Object.fromEntries(rows.filter((r) => r.n > 0).map((r) => [r.state, r.n])));
  if (!q.overdue && !q.ownerId && !q.leaderId && q.courtId === undefined && !q.caseId) {
    const scope = countersScope(actor);
    const where = [scope.sql];
    const binds: (string | number)[] = [...scope.binds];
    if (q.level) {
      where.push('wc.level = ?');
      binds.push(q.level);
    }
    if (q.kind) {
      where.push('wc.kind = ?');
      binds.push(q.kind);
    }
    return counted(db.prepare(`SELECT wc.state AS state, sum(wc.n) AS n FROM warning_counts wc WHERE ${where.join(' AND ')} GROUP BY wc.state`).bind(...binds));
  }
  const { where, binds } = queueWhere(actor, q);
  return counted(db.prepare(`SELECT w.state AS state, count(*) AS n FROM warnings w WHERE ${where.join(' AND ')} GROUP BY w.state`).bind(...binds));
}

/** The scope rule for the counters, which are kept per court and kind. */
function countersScope(actor: ScopeActor): { sql: string; binds: (string | number)[] } {
  const kinds = visibleKinds(actor);
  if (kinds.length === 0) return { sql: '0', binds: [] };
  const court = seesSubtree(actor) ? 'wc.court_id IN (SELECT id FROM courts WHERE path >= ? AND path < ?)' : 'wc.court_id = ?';
  const binds: (string | number)[] = seesSubtree(actor) ? pathRange(actor.courtPath) : [actor.courtId];
  return { sql: kinds.length === 1 ? `${court} AND wc.kind = '${kinds[0]}'` : court, binds };
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
  /** Names of the ids in `data_json`, looked up now in both languages. */
  owner_name: string | null;
  leader_name: string | null;
  court_name: string | null;
  court_name_en: string | null;
  /** The meeting that moved the warning, when one did. */
  meeting_title: string | null;
}

export function warningEventsQuery(db: Db, warningId: string): Query<WarningEventRow[]> {
  return many<WarningEventRow>(
    db
    .prepare(
      `SELECT e.*, u.display_name AS actor_name, ou.display_name AS owner_name, lu.display_name AS leader_name,
         ct.name AS court_name, ct.name_en AS court_name_en, mt.title AS meeting_title
       FROM warning_events e
       LEFT JOIN users u ON u.id = e.actor_id
       LEFT JOIN users ou ON ou.id = json_extract(e.data_json, '$.ownerId')
       LEFT JOIN users lu ON lu.id = json_extract(e.data_json, '$.leaderId')
       LEFT JOIN courts ct ON ct.id = json_extract(e.data_json, '$.courtId')
       LEFT JOIN meetings mt ON mt.id = json_extract(e.data_json, '$.meetingId')
       WHERE e.warning_id = ? ORDER BY e.id`,
    )
    .bind(warningId),
  );
}

export function insertEventStatement(db: Db, warningId: string, e: TimelineEntry): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO warning_events (warning_id, at, actor_id, kind, from_state, to_state, from_level, to_level, note, data_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(warningId, e.at, e.actorId, e.kind, e.fromState, e.toState, e.fromLevel, e.toLevel, e.note, JSON.stringify(e.data));
}

/** A warning row as the domain's lifecycle functions take it. */
export function toWarning(r: WarningRow): Warning {
  return {
    id: r.id,
    caseId: r.case_id,
    courtId: r.court_id,
    state: r.state,
    level: r.level,
    score: r.score,
    ownerId: r.owner_id,
    leaderId: r.leader_id,
    raisedAt: r.raised_at,
    dueAt: r.due_at,
    escalatedAt: r.escalated_at,
    escalations: r.escalations,
    outcome: r.outcome as Warning['outcome'],
    reason: r.reason,
    closedAt: r.closed_at,
    levelAtClose: r.level_at_close,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * Writes a change the lifecycle worked out: the new row (inserted when raised), or the row
 * updated from exactly the version it was planned on — otherwise the guard fails the batch:
 * `stale` when the caller sent that version (409), `replan` when it read it itself (plan again).
 * Then its timeline entry.
 */
/** Where a new warning's case sits: stored on the warning so that the queue's index carries the scope. */
export interface CasePlacement {
  caseCourtId: number;
  casePath: string;
  caseKind: 'trial' | 'enforcement';
}

export function writeWarningChangeStatements(
  db: Db,
  change: WarningChange,
  guard: 'stale' | 'replan',
  placement?: CasePlacement,
): D1PreparedStatement[] {
  const w = change.after;
  const statements: D1PreparedStatement[] = [];
  if (change.before === null) {
    if (!placement) throw new Error(`warning ${w.id}: a new warning needs its case's placement`);
    statements.push(
      db
        .prepare(
          `INSERT INTO warnings (id, case_id, court_id, case_court_id, case_path, case_kind, state, level, score, owner_id, leader_id, raised_at,
             due_at, escalated_at, escalations, outcome, reason, closed_at, level_at_close, version, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .bind(w.id, w.caseId, w.courtId, placement.caseCourtId, placement.casePath, placement.caseKind, w.state, w.level, w.score, w.ownerId,
          w.leaderId, w.raisedAt, w.dueAt, w.escalatedAt, w.escalations, w.outcome, w.reason, w.closedAt, w.levelAtClose, w.version,
          w.createdAt, w.updatedAt),
    );
  } else {
    statements.push(
      db
        .prepare(
          `UPDATE warnings SET court_id = ?, state = ?, level = ?, score = ?, owner_id = ?, leader_id = ?, raised_at = ?, due_at = ?,
             escalated_at = ?, escalations = ?, outcome = ?, reason = ?, closed_at = ?, level_at_close = ?, version = ?, updated_at = ?
           WHERE id = ? AND version = ?`,
        )
        .bind(w.courtId, w.state, w.level, w.score, w.ownerId, w.leaderId, w.raisedAt, w.dueAt, w.escalatedAt, w.escalations,
          w.outcome, w.reason, w.closedAt, w.levelAtClose, w.version, w.updatedAt, w.id, change.before.version),
      guard === 'stale' ? expectOneRowChanged(db) : replanUnlessOneRowChanged(db),
    );
  }
  if (change.event) statements.push(insertEventStatement(db, w.id, change.event));
  return statements;
}

/** Open red warnings past their review deadline, for the daily escalation. */
export function listOverdueRedWarnings(db: Db, now: string): Query<WarningListRow[]> {
  return many<WarningListRow>(
    db.prepare(`${LIST_SELECT} WHERE w.state = 'open' AND w.level = 'red' AND w.due_at IS NOT NULL AND w.due_at < ? ORDER BY w.due_at`).bind(now),
  );
}
