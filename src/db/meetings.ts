/**
 * Meetings and their agendas: rows, query builders and the statements services put in one batch.
 * Scope is given as SQL conditions built here from the actor (db/scope.ts for cases).
 */
import type { Level } from '../domain/levels.ts';
import type { AgendaItemKind } from '../domain/meetings/agenda.ts';
import type { MeetingKind } from '../domain/meetings/kinds.ts';
import type { ItemOutcome } from '../domain/meetings/outcomes.ts';
import type { MeetingState } from '../domain/meetings/state-machine.ts';
import { seesSubtree, type Actor } from '../domain/roles.ts';
import type { ResolutionOutcome, WarningState } from '../domain/warnings/state-machine.ts';
import { matchedRulesSql } from './assessments.ts';
import { expectOneRowChanged, replanUnlessOneRowChanged } from './batch.ts';
import { type Db, many, mapped, one, type Query } from './query.ts';
import { caseScope, warningScope } from './scope.ts';
import type { WarningRow } from './warnings.ts';

export interface MeetingRow {
  id: string;
  court_id: number;
  kind: MeetingKind;
  title: string;
  state: MeetingState;
  starts_at: string;
  planned_minutes: number;
  place: string;
  video_link: string;
  chair_id: string;
  coordinator_id: string;
  divisions_json: string;
  outside_units_json: string;
  cancel_reason: string | null;
  published_at: string | null;
  held_at: string | null;
  finalized_at: string | null;
  cancelled_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  court_name: string;
  court_name_en: string | null;
  court_code: string;
  court_path: string;
  chair_name: string;
  coordinator_name: string;
}

const MEETING_SELECT = `SELECT m.*, ct.name AS court_name, ct.name_en AS court_name_en, ct.code AS court_code, ct.path AS court_path,
  ch.display_name AS chair_name, co.display_name AS coordinator_name
  FROM meetings m
  JOIN courts ct ON ct.id = m.court_id
  JOIN users ch ON ch.id = m.chair_id
  JOIN users co ON co.id = m.coordinator_id`;

export function meetingQuery(db: Db, id: string): Query<MeetingRow | null> {
  return one<MeetingRow>(db.prepare(`${MEETING_SELECT} WHERE m.id = ?`).bind(id));
}

type ScopeActor = Pick<Actor, 'roles' | 'courtPath' | 'courtId'>;

/**
 * The meetings an actor sees: the court subtree for the office roles; for a judge, the meetings
 * whose agenda has a case the judge sees (its own court's cases of its kind).
 */
export function meetingScope(actor: ScopeActor, fullView: boolean): { sql: string; binds: (string | number)[] } {
  if (fullView && seesSubtree(actor)) return { sql: 'm.court_id IN (SELECT id FROM courts WHERE path LIKE ?)', binds: [`${actor.courtPath}%`] };
  // From the judge's cases to their warnings to the agendas they are on: indexes all the way.
  const cases = caseScope(actor, 'sc');
  return {
    sql: `m.id IN (SELECT sa.meeting_id FROM cases sc JOIN warnings sw ON sw.case_id = sc.id JOIN agenda_items sa ON sa.warning_id = sw.id
      WHERE ${cases.sql})`,
    binds: cases.binds,
  };
}

export interface MeetingListQuery {
  states?: readonly MeetingState[];
  /** Soonest first, or latest first. */
  order: 'asc' | 'desc';
  chairId?: string;
  limit: number;
  offset: number;
}

function listWhere(actor: ScopeActor, fullView: boolean, q: Pick<MeetingListQuery, 'states' | 'chairId'>) {
  const scope = meetingScope(actor, fullView);
  const where = [scope.sql];
  const binds: (string | number)[] = [...scope.binds];
  if (q.states?.length) {
    where.push(`m.state IN (${q.states.map(() => '?').join(', ')})`);
    binds.push(...q.states);
  }
  if (q.chairId) {
    where.push('m.chair_id = ?');
    binds.push(q.chairId);
  }
  return { where: where.join(' AND '), binds };
}

export function meetingListQuery(db: Db, actor: ScopeActor, fullView: boolean, q: MeetingListQuery): Query<MeetingRow[]> {
  const { where, binds } = listWhere(actor, fullView, q);
  const order = q.order === 'asc' ? 'm.starts_at ASC' : 'm.starts_at DESC';
  return many<MeetingRow>(db.prepare(`${MEETING_SELECT} WHERE ${where} ORDER BY ${order}, m.id LIMIT ? OFFSET ?`).bind(...binds, q.limit, q.offset));
}

export function meetingCountQuery(db: Db, actor: ScopeActor, fullView: boolean, q: Pick<MeetingListQuery, 'states' | 'chairId'>): Query<number> {
  const { where, binds } = listWhere(actor, fullView, q);
  return mapped(one<{ n: number }>(db.prepare(`SELECT count(*) AS n FROM meetings m WHERE ${where}`).bind(...binds)), (r) => r?.n ?? 0);
}

/** The latest earlier meeting of the same kind and court that took place or was published (periods.ts previousMeeting). */
export function previousMeetingQuery(db: Db, meetingId: string): Query<{ id: string; starts_at: string; title: string } | null> {
  return one(
    db
      .prepare(
        `SELECT p.id, p.starts_at, p.title FROM meetings p, meetings m
         WHERE m.id = ? AND p.court_id = m.court_id AND p.kind = m.kind AND p.starts_at < m.starts_at AND p.id <> m.id
           AND p.state IN ('published', 'held', 'minutes_final')
         ORDER BY p.starts_at DESC LIMIT 1`,
      )
      .bind(meetingId),
  );
}

// ---------------------------------------------------------------------------------------------
// Agenda items

export interface AgendaItemRow {
  id: string;
  meeting_id: string;
  kind: AgendaItemKind;
  position: number;
  warning_id: string | null;
  presenter_id: string | null;
  minutes: number | null;
  open: number;
  version: number;
  created_at: string;
  updated_at: string;
  presenter_name: string | null;
  // The warning and its case (warning items)
  w_state: WarningState | null;
  w_level: Level | null;
  w_score: number | null;
  w_version: number | null;
  w_court_id: number | null;
  w_owner_id: string | null;
  w_leader_id: string | null;
  w_leader_name: string | null;
  w_carry_overs: number | null;
  w_raised_at: string | null;
  case_id: string | null;
  case_number: string | null;
  case_cause: string | null;
  case_category: string | null;
  case_court_id: number | null;
  case_court_name: string | null;
  case_court_name_en: string | null;
  case_court_path: string | null;
  case_judge_id: string | null;
  a_score: number | null;
  a_level: Level | null;
  a_warn: number | null;
  /** The rules its case's current assessment matched (db/assessments.ts matchedRulesSql), a JSON array. */
  a_matched_rules: string | null;
  // What the meeting decided
  d_text: string | null;
  d_leader_id: string | null;
  d_leader_name: string | null;
  d_outcome: ItemOutcome | null;
  d_resolution_outcome: ResolutionOutcome | null;
  d_version: number | null;
}

const ITEM_SELECT = `SELECT ai.*, p.display_name AS presenter_name,
  w.state AS w_state, w.level AS w_level, w.score AS w_score, w.version AS w_version, w.court_id AS w_court_id,
  w.owner_id AS w_owner_id, w.leader_id AS w_leader_id, wl.display_name AS w_leader_name, w.carry_overs AS w_carry_overs, w.raised_at AS w_raised_at,
  c.id AS case_id, c.case_number, c.cause AS case_cause, c.category AS case_category, c.court_id AS case_court_id, c.judge_id AS case_judge_id,
  cc.name AS case_court_name, cc.name_en AS case_court_name_en, cc.path AS case_court_path,
  a.score AS a_score, a.level AS a_level, a.warn AS a_warn, ${matchedRulesSql('a')} AS a_matched_rules,
  d.text AS d_text, d.leader_id AS d_leader_id, dl.display_name AS d_leader_name, d.outcome AS d_outcome,
  d.resolution_outcome AS d_resolution_outcome, d.version AS d_version
  FROM agenda_items ai
  LEFT JOIN users p ON p.id = ai.presenter_id
  LEFT JOIN warnings w ON w.id = ai.warning_id
  LEFT JOIN users wl ON wl.id = w.leader_id
  LEFT JOIN cases c ON c.id = w.case_id
  LEFT JOIN courts cc ON cc.id = c.court_id
  LEFT JOIN assessments a ON a.id = c.assessment_id
  LEFT JOIN decisions d ON d.agenda_item_id = ai.id
  LEFT JOIN users dl ON dl.id = d.leader_id`;

/** A meeting's agenda in its stored order. */
export function agendaItemsQuery(db: Db, meetingId: string): Query<AgendaItemRow[]> {
  return many<AgendaItemRow>(db.prepare(`${ITEM_SELECT} WHERE ai.meeting_id = ? ORDER BY ai.position, ai.created_at, ai.id`).bind(meetingId));
}

/** The warning of an agenda item, as the lifecycle takes it (with its case's court). */
export function warningOfItemQuery(db: Db, itemId: string): Query<(WarningRow & { case_court_id: number }) | null> {
  return one(
    db
      .prepare('SELECT w.*, c.court_id AS case_court_id FROM warnings w JOIN agenda_items ai ON ai.warning_id = w.id JOIN cases c ON c.id = w.case_id WHERE ai.id = ?')
      .bind(itemId),
  );
}

/** The warnings on a meeting's agenda, as the lifecycle takes them. */
export function warningsOfMeetingQuery(db: Db, meetingId: string): Query<(WarningRow & { case_court_id: number; carry_overs: number })[]> {
  return many(
    db
      .prepare(
        'SELECT w.*, c.court_id AS case_court_id FROM warnings w JOIN agenda_items ai ON ai.warning_id = w.id JOIN cases c ON c.id = w.case_id WHERE ai.meeting_id = ?',
      )
      .bind(meetingId),
  );
}

/** Whether a warning is on an agenda that is not final (the unique index's rule), and which. */
export function openAgendaOfWarningQuery(db: Db, warningId: string): Query<{ meeting_id: string; title: string } | null> {
  return one(
    db
      .prepare('SELECT ai.meeting_id, m.title FROM agenda_items ai JOIN meetings m ON m.id = ai.meeting_id WHERE ai.warning_id = ? AND ai.open = 1')
      .bind(warningId),
  );
}

export interface NewAgendaItem {
  id: string;
  meetingId: string;
  kind: AgendaItemKind;
  position: number;
  warningId: string | null;
  now: string;
}

export function insertAgendaItemStatement(db: Db, item: NewAgendaItem): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO agenda_items (id, meeting_id, kind, position, warning_id, open, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 1, 1, ?, ?)`,
    )
    .bind(item.id, item.meetingId, item.kind, item.position, item.warningId, item.now, item.now);
}

export function setPositionStatement(db: Db, itemId: string, position: number): D1PreparedStatement {
  return db.prepare('UPDATE agenda_items SET position = ? WHERE id = ?').bind(position, itemId);
}

export function deleteAgendaItemStatements(db: Db, meetingId: string, itemId: string): D1PreparedStatement[] {
  return [db.prepare("DELETE FROM agenda_items WHERE id = ? AND meeting_id = ? AND kind = 'warning'").bind(itemId, meetingId), replanUnlessOneRowChanged(db)];
}

export function updateAgendaItemStatement(db: Db, itemId: string, fields: { presenterId: string | null; minutes: number | null; now: string }): D1PreparedStatement {
  return db
    .prepare('UPDATE agenda_items SET presenter_id = ?, minutes = ?, version = version + 1, updated_at = ? WHERE id = ?')
    .bind(fields.presenterId, fields.minutes, fields.now, itemId);
}

/** A meeting no longer holds its warnings (final or cancelled): they may go on another agenda. */
export function closeAgendaStatement(db: Db, meetingId: string): D1PreparedStatement {
  return db.prepare('UPDATE agenda_items SET open = 0 WHERE meeting_id = ?').bind(meetingId);
}

// ---------------------------------------------------------------------------------------------
// The meeting row

export interface NewMeeting {
  id: string;
  courtId: number;
  kind: MeetingKind;
  title: string;
  startsAt: string;
  plannedMinutes: number;
  place: string;
  videoLink: string;
  chairId: string;
  coordinatorId: string;
  divisions: readonly string[];
  outsideUnits: readonly string[];
  now: string;
}

export function insertMeetingStatement(db: Db, m: NewMeeting): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO meetings (id, court_id, kind, title, state, starts_at, planned_minutes, place, video_link, chair_id, coordinator_id,
         divisions_json, outside_units_json, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'draft', ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    )
    .bind(m.id, m.courtId, m.kind, m.title, m.startsAt, m.plannedMinutes, m.place, m.videoLink, m.chairId, m.coordinatorId,
      JSON.stringify(m.divisions), JSON.stringify(m.outsideUnits), m.now, m.now);
}

export type MeetingDetails = Pick<NewMeeting, 'title' | 'startsAt' | 'plannedMinutes' | 'place' | 'videoLink' | 'chairId' | 'divisions' | 'outsideUnits' | 'now'>;

/** A draft's particulars, from exactly the version the coordinator saw (409 otherwise). */
export function updateMeetingDetailsStatements(db: Db, id: string, version: number, d: MeetingDetails): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `UPDATE meetings SET title = ?, starts_at = ?, planned_minutes = ?, place = ?, video_link = ?, chair_id = ?, divisions_json = ?,
           outside_units_json = ?, version = version + 1, updated_at = ?
         WHERE id = ? AND version = ? AND state = 'draft'`,
      )
      .bind(d.title, d.startsAt, d.plannedMinutes, d.place, d.videoLink, d.chairId, JSON.stringify(d.divisions), JSON.stringify(d.outsideUnits), d.now, id, version),
    expectOneRowChanged(db),
  ];
}

/**
 * Moves a meeting to `state` (setting the instant column of that step) from exactly the version
 * and one of the states it was read in. `guard` says who is to blame if it moved meanwhile: the
 * caller's version (stale → 409) or someone else's write (replan).
 */
export function moveMeetingStatements(
  db: Db,
  id: string,
  from: { version: number; states: readonly MeetingState[] },
  to: { state: MeetingState; now: string; stamp?: 'published_at' | 'held_at' | 'finalized_at' | 'cancelled_at'; cancelReason?: string },
  guard: 'stale' | 'replan',
): D1PreparedStatement[] {
  const stamp = to.stamp ? `, ${to.stamp} = coalesce(${to.stamp}, ?)` : '';
  const reason = to.cancelReason !== undefined ? ', cancel_reason = ?' : '';
  const binds: (string | number)[] = [to.state, to.now];
  if (to.stamp) binds.push(to.now);
  if (to.cancelReason !== undefined) binds.push(to.cancelReason);
  return [
    db
      .prepare(
        `UPDATE meetings SET state = ?, version = version + 1, updated_at = ?${stamp}${reason}
         WHERE id = ? AND version = ? AND state IN (${from.states.map(() => '?').join(', ')})`,
      )
      .bind(...binds, id, from.version, ...from.states),
    guard === 'stale' ? expectOneRowChanged(db) : replanUnlessOneRowChanged(db),
  ];
}

/**
 * Every change to an agenda or a record bumps the meeting's version, so a publish or finalize
 * planned on an older one is refused; someone else's change meanwhile makes this one plan again.
 */
export function touchMeetingStatements(db: Db, id: string, version: number, states: readonly MeetingState[], now: string): D1PreparedStatement[] {
  return [
    db
      .prepare(`UPDATE meetings SET version = version + 1, updated_at = ? WHERE id = ? AND version = ? AND state IN (${states.map(() => '?').join(', ')})`)
      .bind(now, id, version, ...states),
    replanUnlessOneRowChanged(db),
  ];
}

// ---------------------------------------------------------------------------------------------
// Decisions, attendance, amendments

export interface DecisionInput {
  agendaItemId: string;
  meetingId: string;
  text: string;
  leaderId: string | null;
  outcome: ItemOutcome | null;
  resolutionOutcome: ResolutionOutcome | null;
  recordedBy: string;
  now: string;
}

/** A first decision on an item (a second writer at the same time hits the primary key: 409). */
export function insertDecisionStatement(db: Db, d: DecisionInput): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO decisions (agenda_item_id, meeting_id, text, leader_id, outcome, resolution_outcome, version, recorded_by, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
    )
    .bind(d.agendaItemId, d.meetingId, d.text, d.leaderId, d.outcome, d.resolutionOutcome, d.recordedBy, d.now, d.now);
}

/** A decision changed from exactly the version the coordinator saw. */
export function updateDecisionStatements(db: Db, d: DecisionInput, version: number): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `UPDATE decisions SET text = ?, leader_id = ?, outcome = ?, resolution_outcome = ?, version = version + 1, recorded_by = ?, updated_at = ?
         WHERE agenda_item_id = ? AND version = ?`,
      )
      .bind(d.text, d.leaderId, d.outcome, d.resolutionOutcome, d.recordedBy, d.now, d.agendaItemId, version),
    expectOneRowChanged(db),
  ];
}

export interface AttendanceRow {
  id: number;
  name: string;
  present: number;
}

export function attendanceQuery(db: Db, meetingId: string): Query<AttendanceRow[]> {
  return many<AttendanceRow>(db.prepare('SELECT id, name, present FROM attendance WHERE meeting_id = ? ORDER BY id').bind(meetingId));
}

export function replaceAttendanceStatements(db: Db, meetingId: string, present: readonly string[], absent: readonly string[]): D1PreparedStatement[] {
  return [
    db.prepare('DELETE FROM attendance WHERE meeting_id = ?').bind(meetingId),
    ...present.map((name) => db.prepare('INSERT INTO attendance (meeting_id, name, present) VALUES (?, ?, 1)').bind(meetingId, name)),
    ...absent.map((name) => db.prepare('INSERT INTO attendance (meeting_id, name, present) VALUES (?, ?, 0)').bind(meetingId, name)),
  ];
}

export interface AmendmentRow {
  id: number;
  text: string;
  created_at: string;
  created_by: string;
  created_by_name: string;
}

export function amendmentsQuery(db: Db, meetingId: string): Query<AmendmentRow[]> {
  return many<AmendmentRow>(
    db
      .prepare(
        `SELECT a.id, a.text, a.created_at, a.created_by, u.display_name AS created_by_name
         FROM minutes_amendments a JOIN users u ON u.id = a.created_by WHERE a.meeting_id = ? ORDER BY a.id`,
      )
      .bind(meetingId),
  );
}

export function insertAmendmentStatement(db: Db, meetingId: string, text: string, by: string, now: string): D1PreparedStatement {
  return db.prepare('INSERT INTO minutes_amendments (meeting_id, text, created_by, created_at) VALUES (?, ?, ?, ?)').bind(meetingId, text, by, now);
}

// ---------------------------------------------------------------------------------------------
// The pool and the people a meeting names

export interface PoolRow {
  id: string;
  level: Level;
  score: number;
  raised_at: string;
  version: number;
  carry_overs: number;
  owner_id: string | null;
  case_id: string;
  case_number: string;
  case_cause: string;
  case_category: string;
  case_court_id: number;
  case_court_name: string;
  case_court_name_en: string | null;
  case_court_path: string;
  a_score: number | null;
  a_level: Level | null;
  a_warn: number | null;
  /** The rules its case's current assessment matched (db/assessments.ts matchedRulesSql), a JSON array. */
  a_matched_rules: string | null;
  proposed_at: string | null;
  proposed_by_name: string | null;
}

export interface PoolFilters {
  level?: Level;
  courtId?: number;
  kind?: 'trial' | 'enforcement';
  /** Only the cases of this meeting's court and below (the meeting page's pool). */
  meetingId?: string;
}

/**
 * The pool's conditions, on what the warning stores of its case (migration 0008: court, path, kind),
 * like the queue's, so that no case is read to decide whether a warning is in the pool.
 */
function poolWhere(actor: ScopeActor, f: PoolFilters) {
  const scope = warningScope(actor);
  const where = ["w.state = 'proposed'", scope.sql];
  const binds: (string | number)[] = [...scope.binds];
  if (f.level) {
    where.push('w.level = ?');
    binds.push(f.level);
  }
  if (f.courtId !== undefined) {
    where.push('w.case_court_id = ?');
    binds.push(f.courtId);
  }
  if (f.kind) {
    where.push('w.case_kind = ?');
    binds.push(f.kind);
  }
  if (f.meetingId) {
    where.push(`w.case_path LIKE (SELECT mc.path || '%' FROM meetings mm JOIN courts mc ON mc.id = mm.court_id WHERE mm.id = ?)`);
    binds.push(f.meetingId);
  }
  return { where: where.join(' AND '), binds };
}

/** The agenda pool: proposed warnings in scope, red first, then score, then age (agenda.ts orderPool). */
export function poolQuery(db: Db, actor: ScopeActor, f: PoolFilters, limit: number): Query<PoolRow[]> {
  const { where, binds } = poolWhere(actor, f);
  return many<PoolRow>(
    db
      .prepare(
        `SELECT w.id, w.level, w.score, w.raised_at, w.version, w.carry_overs, w.owner_id,
           c.id AS case_id, c.case_number, c.cause AS case_cause, c.category AS case_category, c.court_id AS case_court_id,
           cc.name AS case_court_name, cc.name_en AS case_court_name_en, cc.path AS case_court_path,
           a.score AS a_score, a.level AS a_level, a.warn AS a_warn, ${matchedRulesSql('a')} AS a_matched_rules,
           pe.at AS proposed_at, pu.display_name AS proposed_by_name
         FROM warnings w
         JOIN cases c ON c.id = w.case_id
         JOIN courts cc ON cc.id = c.court_id
         LEFT JOIN assessments a ON a.id = c.assessment_id
         LEFT JOIN warning_events pe ON pe.id = (SELECT max(e.id) FROM warning_events e WHERE e.warning_id = w.id AND e.kind = 'proposed')
         LEFT JOIN users pu ON pu.id = pe.actor_id
         WHERE ${where}
         ORDER BY w.level_rank DESC, w.score DESC, w.raised_at ASC, pe.at ASC, w.id
         LIMIT ?`,
      )
      .bind(...binds, limit),
  );
}

export function poolCountQuery(db: Db, actor: ScopeActor, f: PoolFilters): Query<number> {
  const { where, binds } = poolWhere(actor, f);
  return mapped(
    one<{ n: number }>(db.prepare(`SELECT count(*) AS n FROM warnings w WHERE ${where}`).bind(...binds)),
    (r) => r?.n ?? 0,
  );
}

export interface PersonRow {
  id: string;
  display_name: string;
  division: string;
  court_id: number;
  court_path: string;
  roles: string;
}

/** Active users matching `where` (over `u` and its court `ct`), top court first. */
function peopleQuery(db: Db, where: string, binds: (string | number)[]): Query<PersonRow[]> {
  return many<PersonRow>(
    db
      .prepare(
        `SELECT u.id, u.display_name, u.division, u.court_id, ct.path AS court_path,
           (SELECT group_concat(role) FROM user_roles r WHERE r.user_id = u.id) AS roles
         FROM users u JOIN courts ct ON ct.id = u.court_id
         WHERE u.active = 1 AND ${where}
         ORDER BY length(ct.path), u.display_name`,
      )
      .bind(...binds),
  );
}

const HOLDS_ROLE = 'EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = u.id AND r.role = ?)';

/** Users with a role at a court or the courts above it (a meeting's chair: a leader of this court or above). */
export function peopleAtOrAboveQuery(db: Db, role: string, courtPath: string): Query<PersonRow[]> {
  return peopleQuery(db, `? LIKE ct.path || '%' AND ${HOLDS_ROLE}`, [courtPath, role]);
}

/** Users of some courts (to reassign an action item to). */
export function peopleOfCourtsQuery(db: Db, courtIds: readonly number[]): Query<PersonRow[]> {
  const ids = courtIds.length ? courtIds : [-1];
  return peopleQuery(db, `u.court_id IN (${ids.map(() => '?').join(', ')})`, [...ids]);
}

/** The courts of a meeting and of the cases on its agenda, as a SQL list over one meeting id. */
const MEETING_COURTS = `SELECT court_id FROM meetings WHERE id = ?1
  UNION SELECT c.court_id FROM agenda_items ai JOIN warnings w ON w.id = ai.warning_id JOIN cases c ON c.id = w.case_id WHERE ai.meeting_id = ?1`;

/** Who may present an item or own an action item: users of the meeting's court and of its cases' courts. */
export function peopleForMeetingQuery(db: Db, meetingId: string): Query<PersonRow[]> {
  return peopleQuery(db, `u.court_id IN (${MEETING_COURTS})`, [meetingId]);
}

/** Who may be the leader in charge of an item: leaders at the meeting's court or its cases' courts, or above them. */
export function leadersForMeetingQuery(db: Db, meetingId: string): Query<PersonRow[]> {
  return peopleQuery(db, `EXISTS (SELECT 1 FROM courts mc WHERE mc.id IN (${MEETING_COURTS}) AND mc.path LIKE ct.path || '%') AND ${HOLDS_ROLE.replace('?', "'leader'")}`, [meetingId]);
}

/** The users a meeting may name (chair, presenter, owner, leader), looked up by id to check them. */
export function peopleByIdsQuery(db: Db, ids: readonly string[]): Query<PersonRow[]> {
  const wanted = ids.length ? ids : [''];
  return peopleQuery(db, `u.id IN (${wanted.map(() => '?').join(', ')})`, [...wanted]);
}

/** The meetings that discussed a case's warnings and decided on it, for the case page. */
export interface CaseDecisionRow {
  meeting_id: string;
  title: string;
  starts_at: string;
  state: MeetingState;
  agenda_item_id: string;
  text: string;
  outcome: ItemOutcome | null;
  leader_name: string | null;
}

export function caseDecisionsQuery(db: Db, caseId: string): Query<CaseDecisionRow[]> {
  return many<CaseDecisionRow>(
    db
      .prepare(
        `SELECT m.id AS meeting_id, m.title, m.starts_at, m.state, ai.id AS agenda_item_id, d.text, d.outcome, u.display_name AS leader_name
         FROM warnings w
         JOIN agenda_items ai ON ai.warning_id = w.id
         JOIN meetings m ON m.id = ai.meeting_id
         JOIN decisions d ON d.agenda_item_id = ai.id
         LEFT JOIN users u ON u.id = d.leader_id
         WHERE w.case_id = ? AND m.state = 'minutes_final'
         ORDER BY m.starts_at DESC`,
      )
      .bind(caseId),
  );
}

/** Warnings of a court subtree by level: raised and resolved within [from, to), and open at `to` (instants). */
export interface WarningFigureRow {
  level: Level;
  raised: number;
  resolved: number;
  open: number;
}

export function warningFiguresQuery(db: Db, courtPath: string, from: string, to: string): Query<WarningFigureRow[]> {
  return many<WarningFigureRow>(
    db
      .prepare(
        `SELECT w.level,
           sum(w.raised_at >= ? AND w.raised_at < ?) AS raised,
           sum(w.state = 'resolved' AND w.closed_at >= ? AND w.closed_at < ?) AS resolved,
           sum(w.raised_at < ? AND (w.closed_at IS NULL OR w.closed_at >= ?)) AS open
         FROM warnings w JOIN cases c ON c.id = w.case_id
         WHERE c.court_id IN (SELECT id FROM courts WHERE path LIKE ?)
         GROUP BY w.level`,
      )
      .bind(from, to, from, to, to, to, `${courtPath}%`),
  );
}

/** How many times a warning has been carried over to a later meeting (顺延), set as the minutes are finalized. */
export function setCarryOversStatement(db: Db, warningId: string, carryOvers: number): D1PreparedStatement {
  return db.prepare('UPDATE warnings SET carry_overs = ? WHERE id = ?').bind(carryOvers, warningId);
}
